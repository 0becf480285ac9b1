/**
 * The duty log (工作日志), the night log (夜间值班记录表) and the control room's night dispatches:
 * recording lines, the morning queue, lines dealt with on the shift and lines converted into tickets.
 */
import type { z } from 'zod';
import type { LogEntry, LogEntryCreate, convertBody, logQuery } from '../../../shared/duty.ts';
import type { TicketChannel } from '../../../shared/enums.ts';
import type { DutyPolicy } from '../../../shared/policies.ts';
import { addDays } from '../../../shared/periods.ts';
import type { Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { localDate } from '../../platform/calendar.ts';
import type { ServiceContext, StaffActor } from '../../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { canAccessProject, requirePermission } from '../../platform/permissions.ts';
import { createTicket } from '../tickets/intake.service.ts';
import { inTransaction } from '../../platform/tx.ts';
import { DAY_MS, dutyContext, projectStaff, toEntry } from './duty.common.ts';
import { selectEntries, type EntryRow } from './duty.repository.ts';
import { localInstant, shiftTimes } from './roster.ts';

async function loadEntry(ctx: ServiceContext, actor: StaffActor, id: number): Promise<EntryRow> {
  const row = (await selectEntries(ctx.db).where('duty_log_entries.id', '=', id).executeTakeFirst()) as EntryRow | undefined;
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Duty log entry');
  return row;
}

/** The caller's shift at a moment (from the early check-in window to its end). */
async function shiftAt(db: Executor, projectId: number, staffId: number, at: Date, earlyMinutes: number) {
  const iso = at.toISOString();
  return db
    .selectFrom('duty_assignments')
    .select(['id', 'department', 'shift_code'])
    .where('project_id', '=', projectId)
    .where('staff_id', '=', staffId)
    .where('starts_at', '<=', new Date(at.getTime() + earlyMinutes * 60_000).toISOString())
    .where('ends_at', '>', iso)
    .orderBy('starts_at', 'desc')
    .executeTakeFirst();
}

/** Outside the center's customer-service hours: no customer-service shift of the policy runs at that local time. */
function outsideDeskHours(policy: DutyPolicy, at: Date, timeZone: string): boolean {
  const date = localDate(at, timeZone);
  return !policy.shifts
    .filter((s) => s.department === 'customer_service' && s.atCenter)
    .some((s) =>
      [addDays(date, -1), date].some((d) => {
        const t = shiftTimes(s, d, timeZone, policy.summer);
        return t.startsAt <= at && at < t.endsAt;
      }),
    );
}

/** One line of the duty log (工作日志) or night log (夜间值班记录表), or a control-room night dispatch. */
export async function createLogEntry(ctx: ServiceContext, input: LogEntryCreate): Promise<LogEntry> {
  const dc = await dutyContext(ctx, 'duty.log', input.projectId);
  const now = ctx.clock.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + 60_000) throw invalid('occurredAt', 'may not be in the future');
  if (now.getTime() - occurredAt.getTime() > 7 * DAY_MS) throw invalid('occurredAt', 'may not be more than 7 days ago');
  if (input.unitId) {
    const unit = await ctx.db.selectFrom('units').select('project_id').where('id', '=', input.unitId).executeTakeFirst();
    if (!unit || unit.project_id !== input.projectId) throw invalid('unitId', 'is not a unit of this project');
  }
  let dispatchedAt: string | null = null;
  if (input.dispatchedTo) {
    await projectStaff(ctx.db, input.projectId, input.dispatchedTo, 'dispatchedTo');
    const at = input.dispatchedAt ? new Date(input.dispatchedAt) : occurredAt;
    if (at < occurredAt) throw invalid('dispatchedAt', 'may not be before the call');
    if (at.getTime() > now.getTime() + 60_000) throw invalid('dispatchedAt', 'may not be in the future');
    dispatchedAt = at.toISOString();
  }
  if (input.kind === 'control_room' && !dc.actor.roles.includes('control') && !dc.actor.permissions.has('duty.plan')) {
    throw forbidden('Control-room entries are recorded by the control room');
  }
  const shift =
    input.kind === 'control_room'
      ? undefined
      : await shiftAt(ctx.db, input.projectId, dc.actor.id, occurredAt, dc.policy.checkInEarlyMinutes);
  const night =
    input.kind === 'control_room' ||
    (shift ? shift.department !== 'customer_service' : outsideDeskHours(dc.policy, occurredAt, dc.timeZone));
  const id = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('duty_log_entries')
      .values({
        company_id: dc.actor.companyId,
        project_id: input.projectId,
        assignment_id: shift?.id ?? null,
        kind: input.kind,
        occurred_at: occurredAt.toISOString(),
        night: night ? 1 : 0,
        unit_id: input.unitId ?? null,
        caller_name: input.callerName || null,
        caller_phone: input.callerPhone ?? null,
        description: input.description,
        status: input.handled ? 'handled' : 'open',
        action_taken: input.actionTaken || null,
        dispatched_to: input.dispatchedTo ?? null,
        dispatched_at: dispatchedAt,
        ticket_id: null,
        converted_by: null,
        converted_at: null,
        recorded_by: dc.actor.id,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', entity: 'duty_log_entry', entityId: r.id, projectId: input.projectId, after: input });
    return r.id;
  });
  return toEntry(await loadEntry(ctx, dc.actor, id), now, dc.policy);
}

/** The log of a project; `status=open` is the morning queue of entries still to convert. */
export async function listLog(ctx: ServiceContext, q: z.infer<typeof logQuery>) {
  const dc = await dutyContext(ctx, 'duty.read', q.projectId);
  let query = selectEntries(ctx.db).where('duty_log_entries.project_id', '=', q.projectId);
  if (q.status) query = query.where('duty_log_entries.status', '=', q.status);
  if (q.night) query = query.where('duty_log_entries.night', '=', q.night === 'true' ? 1 : 0);
  if (q.assignmentId) query = query.where('duty_log_entries.assignment_id', '=', q.assignmentId);
  if (q.from) query = query.where('duty_log_entries.occurred_at', '>=', localInstant(q.from, '00:00', dc.timeZone).toISOString());
  if (q.to) query = query.where('duty_log_entries.occurred_at', '<', localInstant(addDays(q.to, 1), '00:00', dc.timeZone).toISOString());
  const cursor = decodeCursor(q.cursor);
  if (cursor) query = query.where('duty_log_entries.id', '<', cursor);
  const rows = (await query
    .orderBy('duty_log_entries.id', 'desc')
    .limit(q.limit + 1)
    .execute()) as EntryRow[];
  const now = ctx.clock.now();
  return toPage(rows, q.limit, (r) => toEntry(r, now, dc.policy));
}

/** The matter was dealt with on the shift (能维修处理的,应及时维修处理): recorded, no ticket needed. */
export async function handleEntry(ctx: ServiceContext, id: number, actionTaken: string): Promise<LogEntry> {
  const actor = requirePermission(ctx, 'duty.log');
  const row = await loadEntry(ctx, actor, id);
  const dc = await dutyContext(ctx, 'duty.log', row.project_id);
  if (row.status !== 'open') throw new AppError('CONFLICT', `The entry is already ${row.status}`);
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('duty_log_entries')
      .set({ status: 'handled', action_taken: actionTaken })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (!Number(done.numUpdatedRows)) throw new AppError('CONFLICT', 'The entry changed just now; reload');
    await writeAudit(trx, ctx, {
      action: 'handle',
      entity: 'duty_log_entry',
      entityId: id,
      projectId: row.project_id,
      after: { actionTaken },
    });
  });
  return toEntry(await loadEntry(ctx, actor, id), ctx.clock.now(), dc.policy);
}

function channelOf(row: EntryRow): TicketChannel {
  if (row.kind === 'control_room') return 'control_room';
  if (row.night === 1) return 'night_duty';
  return row.kind === 'visit' ? 'walk_in' : 'phone';
}

/**
 * Turns a log line into a ticket received at the line's real time (补单), so its deadlines run from
 * then; a control-room line becomes a ticket already dispatched to the technician sent, at that time.
 * Ticket and line change in one transaction; a line is converted once.
 */
export async function convertEntry(ctx: ServiceContext, id: number, input: z.infer<typeof convertBody>) {
  const actor = requirePermission(ctx, 'duty.log');
  requirePermission(ctx, 'ticket.create');
  const row = await loadEntry(ctx, actor, id);
  const dc = await dutyContext(ctx, 'duty.log', row.project_id);
  if (row.status === 'converted') throw new AppError('CONFLICT', `The entry is already ticket ${row.ticket_number}`);
  const nowIso = ctx.clock.now().toISOString();
  // The ticket and the line change in one transaction: the line is this service's, the ticket intake's.
  const ticket = await inTransaction(ctx, undefined, async (tx) => {
    const { ticket } = await createTicket(
      ctx,
      {
        projectId: row.project_id,
        type: input.type,
        channel: channelOf(row),
        description: input.description ?? row.description,
        unitId: row.unit_id ?? undefined,
        customerId: input.customerId,
        contactName: row.caller_name ?? undefined,
        contactPhone: row.caller_phone ?? undefined,
        categoryId: input.categoryId,
        priority: input.priority,
        receivedAt: row.occurred_at,
      },
      {
        tx,
        dispatched:
          row.dispatched_to && row.dispatched_at
            ? { assigneeId: row.dispatched_to, at: new Date(row.dispatched_at), by: row.recorded_by }
            : undefined,
      },
    );
    const done = await tx.trx
      .updateTable('duty_log_entries')
      .set({ status: 'converted', ticket_id: ticket.id, converted_by: actor.id, converted_at: nowIso })
      .where('id', '=', id)
      .where('status', '!=', 'converted')
      .executeTakeFirst();
    if (!Number(done.numUpdatedRows)) throw new AppError('CONFLICT', 'The entry was converted by someone else just now');
    await writeAudit(tx.trx, ctx, {
      action: 'convert',
      entity: 'duty_log_entry',
      entityId: id,
      projectId: row.project_id,
      after: { ticketId: ticket.id, number: ticket.number },
    });
    return ticket;
  });
  return { entry: toEntry(await loadEntry(ctx, actor, id), ctx.clock.now(), dc.policy), ticket };
}
