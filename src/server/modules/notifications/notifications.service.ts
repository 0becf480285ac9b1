import type { Executor } from '../../db/database.ts';
import type { Notification } from '../../../shared/tickets.ts';
import type { EventBus, LiveEvent } from '../../platform/events.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { requireStaff } from '../../platform/permissions.ts';

export interface NotificationDraft {
  companyId: number;
  projectId: number | null;
  staffIds: number[];
  /** assigned | major_alert | deadline_warning | deadline_breached | return_visit_due | reopened … */
  kind: string;
  title: string;
  body?: string | null;
  ticketId?: number | null;
}

/**
 * Writes the notifications in the caller's transaction and returns the live events to publish once
 * it has committed (publishing earlier could announce something that is then rolled back).
 */
export async function createNotifications(trx: Executor, at: string, draft: NotificationDraft): Promise<LiveEvent[]> {
  const staffIds = [...new Set(draft.staffIds)];
  if (!staffIds.length) return [];
  await trx
    .insertInto('notifications')
    .values(
      staffIds.map((staffId) => ({
        company_id: draft.companyId,
        project_id: draft.projectId,
        staff_id: staffId,
        kind: draft.kind,
        title: draft.title,
        body: draft.body ?? null,
        ticket_id: draft.ticketId ?? null,
        created_at: at,
        read_at: null,
      })),
    )
    .execute();
  return [
    {
      type: 'notification',
      companyId: draft.companyId,
      projectId: draft.projectId,
      staffIds,
      data: { kind: draft.kind, title: draft.title, body: draft.body ?? null, ticketId: draft.ticketId ?? null },
    },
  ];
}

export function publishAll(bus: EventBus | undefined, events: LiveEvent[]): void {
  if (!bus) return;
  for (const event of events) bus.publish(event);
}

/** Staff of a project holding any of the given roles (leadership roles are company-wide). */
export async function staffWithRoles(db: Executor, companyId: number, projectId: number, roles: string[]): Promise<number[]> {
  const rows = await db
    .selectFrom('staff')
    .innerJoin('staff_roles', 'staff_roles.staff_id', 'staff.id')
    .innerJoin('roles', 'roles.id', 'staff_roles.role_id')
    .select('staff.id')
    .where('staff.company_id', '=', companyId)
    .where('staff.status', 'in', ['active', 'probation'])
    .where('roles.code', 'in', roles)
    .where((eb) =>
      eb.or([
        eb('roles.all_projects', '=', 1),
        eb.exists(
          eb
            .selectFrom('staff_projects')
            .select('staff_projects.staff_id')
            .whereRef('staff_projects.staff_id', '=', 'staff.id')
            .where('staff_projects.project_id', '=', projectId),
        ),
      ]),
    )
    .distinct()
    .execute();
  return rows.map((r) => r.id);
}

function toNotification(r: {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  ticket_id: number | null;
  project_id: number | null;
  created_at: string;
  read_at: string | null;
}): Notification {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    ticketId: r.ticket_id,
    projectId: r.project_id,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

export async function listNotifications(ctx: ServiceContext, query: { unread?: boolean; limit: number; cursor?: string }) {
  const actor = requireStaff(ctx.actor);
  let q = ctx.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'ticket_id', 'project_id', 'created_at', 'read_at'])
    .where('staff_id', '=', actor.id);
  if (query.unread) q = q.where('read_at', 'is', null);
  const before = decodeCursor(query.cursor);
  if (before !== undefined) q = q.where('id', '<', before);
  const [rows, unread] = await Promise.all([
    q
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute(),
    ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('staff_id', '=', actor.id)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { ...toPage(rows, query.limit, toNotification), unread: Number(unread.n) };
}

export async function markRead(ctx: ServiceContext, id: number | 'all') {
  const actor = requireStaff(ctx.actor);
  const now = ctx.clock.now().toISOString();
  let q = ctx.db.updateTable('notifications').set({ read_at: now }).where('staff_id', '=', actor.id).where('read_at', 'is', null);
  if (id !== 'all') {
    const exists = await ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', id)
      .where('staff_id', '=', actor.id)
      .executeTakeFirst();
    if (!exists) throw notFound('Notification');
    q = q.where('id', '=', id);
  }
  await q.execute();
}
