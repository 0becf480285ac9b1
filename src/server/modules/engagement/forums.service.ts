/**
 * Owners' forums (业主座谈会, seed 002 制度1 二 2.(3): 每半年召开一次住户座谈会，征求意见): the minutes,
 * the actions decided and who follows them up, and whether the next forum is overdue.
 */
import type { z } from 'zod';
import type { ForumDetail, ForumSchedule, ForumView, forumCreate, forumsQuery } from '../../../shared/engagement.ts';
import type { Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { localDate } from '../../platform/calendar.ts';
import type { ServiceContext, StaffActor } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { inProjects, listPage } from '../../platform/pagination.ts';
import { assertProjectAccess, canAccessProject, projectScope, requirePermission } from '../../platform/permissions.ts';
import { projectClock } from '../../platform/project.ts';
import { evaluateObligation, obligationContext } from '../../platform/obligations.ts';
import { ownersForum } from './obligations.ts';

function selectForums(db: Executor) {
  return db
    .selectFrom('forums')
    .selectAll('forums')
    .select((eb) => [
      eb
        .selectFrom('forum_actions')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('forum_actions.forum_id', '=', 'forums.id')
        .where('forum_actions.done_at', 'is', null)
        .as('actions_open'),
      eb
        .selectFrom('forum_actions')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('forum_actions.forum_id', '=', 'forums.id')
        .where('forum_actions.done_at', 'is not', null)
        .as('actions_done'),
    ]);
}
type ForumRow = Awaited<ReturnType<ReturnType<typeof selectForums>['executeTakeFirstOrThrow']>>;

const toForum = (r: ForumRow): ForumView => ({
  id: r.id,
  projectId: r.project_id,
  heldOn: r.held_on,
  title: r.title,
  venue: r.venue,
  attendees: r.attendees,
  actionsOpen: Number(r.actions_open ?? 0),
  actionsDone: Number(r.actions_done ?? 0),
});

async function forumForStaff(ctx: ServiceContext, actor: StaffActor, id: number) {
  const row = await selectForums(ctx.db).where('forums.id', '=', id).executeTakeFirst();
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Forum');
  return row;
}

async function today(ctx: ServiceContext, companyId: number, projectId: number) {
  const { timeZone } = await projectClock(ctx.db, companyId, projectId);
  return localDate(ctx.clock.now(), timeZone);
}

export async function getForum(ctx: ServiceContext, id: number): Promise<ForumDetail> {
  const actor = requirePermission(ctx, 'engagement.read');
  const row = await forumForStaff(ctx, actor, id);
  const day = await today(ctx, actor.companyId, row.project_id);
  const actions = await ctx.db
    .selectFrom('forum_actions')
    .leftJoin('staff', 'staff.id', 'forum_actions.owner_staff_id')
    .select([
      'forum_actions.id',
      'forum_actions.description',
      'forum_actions.owner_staff_id',
      'staff.name',
      'forum_actions.due_date',
      'forum_actions.done_at',
    ])
    .where('forum_actions.forum_id', '=', id)
    .orderBy('forum_actions.seq')
    .execute();
  return {
    ...toForum(row),
    minutes: row.minutes,
    actions: actions.map((a) => ({
      id: a.id,
      description: a.description,
      ownerStaffId: a.owner_staff_id,
      ownerName: a.name,
      dueDate: a.due_date,
      doneAt: a.done_at,
      overdue: a.done_at === null && a.due_date !== null && a.due_date < day,
    })),
  };
}

export async function listForums(ctx: ServiceContext, query: z.infer<typeof forumsQuery>) {
  const actor = requirePermission(ctx, 'engagement.read');
  const scope = projectScope(actor, query.projectId);
  const q = inProjects(selectForums(ctx.db).where('forums.company_id', '=', actor.companyId), 'forums.project_id', scope);
  return listPage(q, 'forums.id', query, toForum);
}

export async function createForum(ctx: ServiceContext, input: z.infer<typeof forumCreate>): Promise<ForumDetail> {
  const actor = requirePermission(ctx, 'forum.manage');
  assertProjectAccess(actor, input.projectId);
  if (input.heldOn > (await today(ctx, actor.companyId, input.projectId))) throw invalid('heldOn', 'may not be in the future');
  const owners = [...new Set(input.actions.map((a) => a.ownerStaffId).filter((x): x is number => x !== undefined))];
  if (owners.length) {
    const found = await ctx.db
      .selectFrom('staff_projects')
      .select('staff_id')
      .where('project_id', '=', input.projectId)
      .where('staff_id', 'in', owners)
      .execute();
    const bad = input.actions.findIndex((a) => a.ownerStaffId !== undefined && !found.some((f) => f.staff_id === a.ownerStaffId));
    if (bad >= 0) throw invalid(`actions.${bad}.ownerStaffId`, 'is not staff of this project');
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('forums')
      .values({
        company_id: actor.companyId,
        project_id: input.projectId,
        held_on: input.heldOn,
        title: input.title,
        venue: input.venue || null,
        attendees: input.attendees,
        minutes: input.minutes,
        created_by: actor.id,
        created_at: ctx.clock.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, a] of input.actions.entries()) {
      await trx
        .insertInto('forum_actions')
        .values({
          forum_id: row.id,
          seq: i + 1,
          description: a.description,
          owner_staff_id: a.ownerStaffId ?? null,
          due_date: a.dueDate ?? null,
          done_at: null,
          done_by: null,
        })
        .execute();
    }
    await writeAudit(trx, ctx, { action: 'create', entity: 'forum', entityId: row.id, projectId: input.projectId, after: input });
    return row.id;
  });
  return getForum(ctx, id);
}

/** Marks an action decided at a forum done (or reopens it). */
export async function updateForumAction(ctx: ServiceContext, actionId: number, done: boolean): Promise<ForumDetail> {
  const actor = requirePermission(ctx, 'forum.manage');
  const action = await ctx.db.selectFrom('forum_actions').select(['forum_id', 'done_at']).where('id', '=', actionId).executeTakeFirst();
  if (!action) throw notFound('Action');
  const forum = await forumForStaff(ctx, actor, action.forum_id).catch(() => {
    throw notFound('Action');
  });
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('forum_actions')
      .set(done ? { done_at: action.done_at ?? ctx.clock.now().toISOString(), done_by: actor.id } : { done_at: null, done_by: null })
      .where('id', '=', actionId)
      .execute();
    await writeAudit(trx, ctx, {
      action: done ? 'action_done' : 'action_reopened',
      entity: 'forum',
      entityId: forum.id,
      projectId: forum.project_id,
      after: { actionId },
    });
  });
  return getForum(ctx, forum.id);
}

/** The next forum is due `forumIntervalMonths` after the last (or after the project began): the forum obligation's open interval. */
export async function forumSchedule(ctx: ServiceContext, projectId: number): Promise<ForumSchedule> {
  const actor = requirePermission(ctx, 'engagement.read');
  assertProjectAccess(actor, projectId);
  const c = await obligationContext(ctx.db, actor.companyId, projectId, ctx.clock.now());
  const [rows, last] = await Promise.all([
    evaluateObligation(c, ownersForum, { from: c.today, to: c.today }),
    ctx.db
      .selectFrom('forums')
      .select((eb) => eb.fn.max('held_on').as('d'))
      .where('project_id', '=', projectId)
      .executeTakeFirst(),
  ]);
  const open = rows[rows.length - 1];
  return {
    projectId,
    intervalMonths: c.policy.engagement.forumIntervalMonths,
    lastHeldOn: (last?.d as string | null | undefined) ?? null,
    nextDueOn: open.dueOn,
    overdue: open.state === 'missed',
  };
}
