/**
 * The shift handover (工作移交表): what to hand over, writing it, the two signatures that close the
 * outgoing shift, and carried-over items marked done.
 */
import type { z } from 'zod';
import type { Handover, handoverCreate, handoversQuery, signBody } from '../../../shared/duty.ts';
import { openStatuses } from '../../../shared/workflow.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, duplicate, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { listPage } from '../../platform/pagination.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { canAccessProject, requirePermission } from '../../platform/permissions.ts';
import { projectClock } from '../../platform/project.ts';
import { carriedItems, dutyContext, loadAssignment, projectStaff, toAssignment, toHandovers, toItem } from './duty.common.ts';
import { baseHandovers, itemsOf, unsigned } from './duty.repository.ts';

export async function getHandover(ctx: ServiceContext, id: number): Promise<Handover> {
  const actor = requirePermission(ctx, 'duty.read');
  const [row] = await baseHandovers(ctx.db).where('duty_handovers.id', '=', id).execute();
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Handover');
  const pc = await projectClock(ctx.db, actor.companyId, row.project_id);
  return (await toHandovers(ctx.db, [row], ctx.clock.now(), pc.policy.duty))[0];
}

export async function listHandovers(ctx: ServiceContext, q: z.infer<typeof handoversQuery>) {
  const dc = await dutyContext(ctx, 'duty.read', q.projectId);
  let query = baseHandovers(ctx.db).where('duty_handovers.project_id', '=', q.projectId);
  if (q.unsigned === 'true') query = query.where(unsigned);
  const page = await listPage(query, 'duty_handovers.id', q, (r) => r);
  return { items: await toHandovers(ctx.db, page.items, ctx.clock.now(), dc.policy), nextCursor: page.nextCursor };
}

/** The next shift is the one starting within three hours of this one's end (the person taking over). */
function nextShiftWindow(endsAt: string) {
  const end = Date.parse(endsAt);
  return { from: new Date(end - 3 * 3_600_000).toISOString(), to: new Date(end + 3 * 3_600_000).toISOString() };
}

interface ProposedItem {
  ticketId?: number;
  logEntryId?: number;
  description: string;
  carried: boolean;
}

/**
 * What the outgoing person should hand over: open tickets received on the shift, open lines of the
 * shift's log, items carried over from earlier handovers that are still open — and who comes next.
 */
export async function proposeHandover(ctx: ServiceContext, assignmentId: number) {
  const actor = requirePermission(ctx, 'duty.log');
  const row = await loadAssignment(ctx, actor, assignmentId);
  const [tickets, entries, carried, next] = await Promise.all([
    ctx.db
      .selectFrom('tickets')
      .select(['id', 'number', 'description', 'status'])
      .where('project_id', '=', row.project_id)
      .where('status', 'in', [...openStatuses])
      .where((eb) =>
        eb.or([
          eb.and([eb('received_at', '>=', row.starts_at), eb('received_at', '<', row.ends_at)]),
          eb.and([eb('received_by', '=', row.staff_id), eb('created_at', '>=', row.starts_at), eb('created_at', '<', row.ends_at)]),
        ]),
      )
      .orderBy('id')
      .limit(100)
      .execute(),
    ctx.db
      .selectFrom('duty_log_entries')
      .select(['id', 'description', 'occurred_at'])
      .where('project_id', '=', row.project_id)
      .where('status', '=', 'open')
      .where((eb) =>
        eb.or([eb('assignment_id', '=', row.id), eb.and([eb('occurred_at', '>=', row.starts_at), eb('occurred_at', '<', row.ends_at)])]),
      )
      .orderBy('occurred_at')
      .limit(100)
      .execute(),
    carriedItems(ctx.db, row.project_id),
    ctx.db
      .selectFrom('duty_assignments')
      .innerJoin('staff', 'staff.id', 'duty_assignments.staff_id')
      .select([
        'duty_assignments.id',
        'duty_assignments.staff_id',
        'staff.name',
        'duty_assignments.shift_name',
        'duty_assignments.starts_at',
      ])
      .where('duty_assignments.project_id', '=', row.project_id)
      .where('duty_assignments.id', '!=', row.id)
      .where('duty_assignments.staff_id', '!=', row.staff_id)
      .where('duty_assignments.at_center', '=', 1)
      .where('duty_assignments.starts_at', '>=', nextShiftWindow(row.ends_at).from)
      .where('duty_assignments.starts_at', '<=', nextShiftWindow(row.ends_at).to)
      .execute(),
  ]);
  const seenTickets = new Set(tickets.map((t) => t.id));
  const seenEntries = new Set(entries.map((e) => e.id));
  const ends = Date.parse(row.ends_at);
  return {
    assignment: toAssignment(row),
    incoming: next
      .sort((a, b) => Math.abs(Date.parse(a.starts_at) - ends) - Math.abs(Date.parse(b.starts_at) - ends))
      .map((n) => ({ staffId: n.staff_id, staffName: n.name, assignmentId: n.id, shiftName: n.shift_name, startsAt: n.starts_at })),
    items: [
      ...carried
        .filter((c) => !(c.ticketId && seenTickets.has(c.ticketId)) && !(c.logEntryId && seenEntries.has(c.logEntryId)))
        .map((c) => ({
          ticketId: c.ticketId ?? undefined,
          logEntryId: c.logEntryId ?? undefined,
          description: c.description,
          carried: true,
        })),
      ...tickets.map((t) => ({ ticketId: t.id, description: `${t.number} ${t.description}`.slice(0, 500), carried: false })),
      ...entries.map((e) => ({ logEntryId: e.id, description: e.description.slice(0, 500), carried: false })),
    ] as ProposedItem[],
  };
}

/** The outgoing person writes the 工作移交表 (open items, equipment, keys, records) for the incoming one. */
export async function createHandover(ctx: ServiceContext, input: z.infer<typeof handoverCreate>): Promise<Handover> {
  const actor = requirePermission(ctx, 'duty.log');
  const row = await loadAssignment(ctx, actor, input.assignmentId);
  if (row.staff_id !== actor.id && !actor.permissions.has('duty.plan')) throw forbidden('The outgoing person writes the handover');
  if (row.handover_id) throw duplicate('assignmentId', 'already has a handover');
  if (input.incomingId === row.staff_id) throw invalid('incomingId', 'must be someone else than the outgoing person');
  await projectStaff(ctx.db, row.project_id, input.incomingId, 'incomingId');
  for (const [i, item] of input.items.entries()) {
    if (item.ticketId) {
      const t = await ctx.db.selectFrom('tickets').select('project_id').where('id', '=', item.ticketId).executeTakeFirst();
      if (!t || t.project_id !== row.project_id) throw invalid(`items.${i}.ticketId`, 'is not a ticket of this project');
    }
    if (item.logEntryId) {
      const e = await ctx.db.selectFrom('duty_log_entries').select('project_id').where('id', '=', item.logEntryId).executeTakeFirst();
      if (!e || e.project_id !== row.project_id) throw invalid(`items.${i}.logEntryId`, 'is not a log entry of this project');
    }
  }
  const incomingShift = await ctx.db
    .selectFrom('duty_assignments')
    .select('id')
    .where('project_id', '=', row.project_id)
    .where('staff_id', '=', input.incomingId)
    .where('starts_at', '>=', nextShiftWindow(row.ends_at).from)
    .where('starts_at', '<=', nextShiftWindow(row.ends_at).to)
    .orderBy('starts_at')
    .executeTakeFirst();
  const nowIso = ctx.clock.now().toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const h = await trx
      .insertInto('duty_handovers')
      .values({
        company_id: actor.companyId,
        project_id: row.project_id,
        assignment_id: row.id,
        outgoing_id: row.staff_id,
        incoming_id: input.incomingId,
        incoming_assignment_id: incomingShift?.id ?? null,
        equipment: input.equipment || null,
        keys: input.keys || null,
        records: input.records || null,
        notes: input.notes || null,
        outgoing_signed_at: null,
        incoming_signed_at: null,
        version: 1,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.items.length)
      await trx
        .insertInto('duty_handover_items')
        .values(
          input.items.map((i) => ({
            handover_id: h.id,
            project_id: row.project_id,
            ticket_id: i.ticketId ?? null,
            log_entry_id: i.logEntryId ?? null,
            description: i.description,
            done_at: null,
            done_by: null,
          })),
        )
        .execute();
    await writeAudit(trx, ctx, { action: 'create', entity: 'duty_handover', entityId: h.id, projectId: row.project_id, after: input });
    return h.id;
  });
  return getHandover(ctx, id);
}

/**
 * Signs one side of a handover. The outgoing person signs first, then the incoming one confirms; a
 * colleague at the same desk signs with their own password. The second signature closes the shift.
 */
export async function signHandover(ctx: ServiceContext, id: number, input: z.infer<typeof signBody>): Promise<Handover> {
  const actor = requirePermission(ctx, 'duty.log');
  const [row] = await baseHandovers(ctx.db).where('duty_handovers.id', '=', id).execute();
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Handover');
  if (input.expectedVersion !== undefined && input.expectedVersion !== row.version)
    throw new AppError('STALE', 'The handover changed; reload');
  const signerId = input.side === 'outgoing' ? row.outgoing_id : row.incoming_id;
  const signerName = input.side === 'outgoing' ? row.outgoing_name : row.incoming_name;
  if (signerId !== actor.id) await checkSignerPassword(ctx, signerId, signerName, input.password);
  const column = input.side === 'outgoing' ? 'outgoing_signed_at' : 'incoming_signed_at';
  if (row[column]) throw new AppError('CONFLICT', `The ${input.side} side has already signed`);
  if (input.side === 'incoming' && !row.outgoing_signed_at) throw new AppError('CONFLICT', 'The outgoing person signs first');
  const nowIso = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('duty_handovers')
      .set({ [column]: nowIso, version: row.version + 1, updated_at: nowIso })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (!Number(done.numUpdatedRows)) throw new AppError('STALE', 'The handover changed just now; reload');
    const bothSigned = input.side === 'incoming' ? row.outgoing_signed_at !== null : row.incoming_signed_at !== null;
    if (bothSigned) await trx.updateTable('duty_assignments').set({ closed_at: nowIso }).where('id', '=', row.assignment_id).execute();
    await writeAudit(trx, ctx, {
      action: 'sign',
      entity: 'duty_handover',
      entityId: id,
      projectId: row.project_id,
      after: { side: input.side, signerId, closed: bothSigned },
    });
  });
  return getHandover(ctx, id);
}

/**
 * A colleague at the same desk signs someone else's side with that person's password. The check lives
 * here alone, so whatever guards it (throttling wrong guesses) is added in one place.
 */
async function checkSignerPassword(ctx: ServiceContext, signerId: number, signerName: string, password: string | undefined) {
  if (!password) throw forbidden(`Only ${signerName} signs this side, or gives their password here`);
  const signer = await ctx.db.selectFrom('staff').select(['password_hash', 'status']).where('id', '=', signerId).executeTakeFirstOrThrow();
  if (signer.status === 'left' || signer.status === 'suspended' || !(await verifyPassword(signer.password_hash, password)))
    throw invalid('password', `is not ${signerName}'s password`);
}

/** Marks a carried-over item done (a matter without a ticket, or settled another way). */
export async function markItemDone(ctx: ServiceContext, id: number) {
  const actor = requirePermission(ctx, 'duty.log');
  const item = await ctx.db.selectFrom('duty_handover_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!item || !canAccessProject(actor, item.project_id)) throw notFound('Handover item');
  const owner = await ctx.db.selectFrom('duty_handovers').select('company_id').where('id', '=', item.handover_id).executeTakeFirstOrThrow();
  if (owner.company_id !== actor.companyId) throw notFound('Handover item');
  if (item.done_at) throw new AppError('CONFLICT', 'The item is already done');
  const nowIso = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('duty_handover_items').set({ done_at: nowIso, done_by: actor.id }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { action: 'done', entity: 'duty_handover_item', entityId: id, projectId: item.project_id });
  });
  const [row] = await itemsOf(ctx.db, [item.handover_id]).then((rows) => rows.filter((r) => r.id === id));
  return toItem(row);
}
