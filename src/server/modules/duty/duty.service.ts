/**
 * 24-hour duty (SPEC §4; seed 001 篇1 4.1.3–4.1.4 and 篇5 值班制度): the roster and its coverage
 * check, check-in with the 15-minutes-early rule, the duty and night logs and their conversion into
 * tickets (back-filled with the real time), the control room's night dispatches, the two-signature
 * handover with carried-over items, guards standing in (代值), the morning review and the facts
 * the staff assessment uses.
 */
import type { z } from 'zod';
import type { DutyPolicy, ShiftTemplate } from '../../../shared/policies.ts';
import type {
  Assignment,
  Handover,
  LogEntry,
  LogEntryCreate,
  PersonFacts,
  assignmentCreate,
  assignmentUpdate,
  convertBody,
  copyWeekBody,
  factsQuery,
  handoverCreate,
  handoversQuery,
  logQuery,
  periodQuery,
  reviewBody,
  rotateNoonBody,
  signBody,
  standInCreate,
} from '../../../shared/duty.ts';
import type { DepartmentKind, TicketChannel } from '../../../shared/enums.ts';
import { maskPhone } from '../../../shared/mask.ts';
import { openStatuses } from '../../../shared/workflow.ts';
import type { Executor } from '../../db/database.ts';
import type { DB, Row } from '../../db/types.ts';
import type { ExpressionBuilder } from 'kysely';
import { writeAudit } from '../../platform/audit.ts';
import { localDate } from '../../platform/calendar.ts';
import type { ServiceContext, StaffActor } from '../../platform/context.ts';
import { AppError, duplicate, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { assertProjectAccess, canAccessProject, requirePermission } from '../../platform/permissions.ts';
import { projectClock } from '../../platform/project.ts';
import { inTransaction } from '../../platform/tx.ts';
import { createTicket } from '../tickets/intake.service.ts';
import { checkCoverage, localInstant, seasonOf, shiftColumns, shiftTimes, type Coverage, type CoverageShift } from './roster.ts';

type Period = z.infer<typeof periodQuery>;

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

interface DutyContext {
  actor: StaffActor;
  policy: DutyPolicy;
  timeZone: string;
}

/** The caller's permission, access to the project, the project's duty policy and time zone. */
async function dutyContext(
  ctx: ServiceContext,
  permission: Parameters<typeof requirePermission>[1],
  projectId: number,
): Promise<DutyContext> {
  const actor = requirePermission(ctx, permission);
  assertProjectAccess(actor, projectId);
  // A project of another company, or none, is not found (leadership may name any id).
  const pc = await projectClock(ctx.db, actor.companyId, projectId);
  return { actor, policy: pc.policy.duty, timeZone: pc.timeZone };
}

function template(policy: DutyPolicy, code: string, path = 'shiftCode'): ShiftTemplate {
  const t = policy.shifts.find((s) => s.code === code);
  if (!t) throw invalid(path, `is not a shift of this project (${policy.shifts.map((s) => s.code).join(', ')})`);
  return t;
}

/** An active staff member of the project, with their department. */
async function projectStaff(db: Executor, projectId: number, staffId: number, path = 'staffId') {
  const row = await db
    .selectFrom('staff')
    .innerJoin('staff_projects', 'staff_projects.staff_id', 'staff.id')
    .leftJoin('departments', 'departments.id', 'staff.department_id')
    .select(['staff.id', 'staff.name', 'staff.status', 'staff.password_hash', 'departments.kind as department'])
    .where('staff.id', '=', staffId)
    .where('staff_projects.project_id', '=', projectId)
    .executeTakeFirst();
  if (!row || row.status === 'left' || row.status === 'suspended') throw invalid(path, 'is not an active staff member of this project');
  return row;
}

// ---------- roster ----------

function selectAssignments(db: Executor) {
  return db
    .selectFrom('duty_assignments')
    .innerJoin('staff', 'staff.id', 'duty_assignments.staff_id')
    .leftJoin('departments', 'departments.id', 'staff.department_id')
    .leftJoin('duty_handovers', 'duty_handovers.assignment_id', 'duty_assignments.id')
    .selectAll('duty_assignments')
    .select([
      'staff.name as staff_name',
      'departments.kind as staff_department',
      'duty_handovers.id as handover_id',
      'duty_handovers.incoming_signed_at as handover_incoming_signed_at',
      'duty_handovers.outgoing_signed_at as handover_outgoing_signed_at',
    ]);
}
type AssignmentRow = Row<'duty_assignments'> & {
  staff_name: string;
  staff_department: string | null;
  handover_id: number | null;
  handover_incoming_signed_at: string | null;
  handover_outgoing_signed_at: string | null;
};

function toAssignment(r: AssignmentRow): Assignment {
  return {
    id: r.id,
    projectId: r.project_id,
    shiftCode: r.shift_code,
    shiftName: r.shift_name,
    department: r.department as DepartmentKind,
    atCenter: r.at_center === 1,
    handoverRequired: r.handover === 1,
    staffId: r.staff_id,
    staffName: r.staff_name,
    staffDepartment: (r.staff_department as DepartmentKind | null) ?? null,
    date: r.date,
    season: r.season as 'normal' | 'summer',
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    breakStartAt: r.break_start_at,
    breakEndAt: r.break_end_at,
    note: r.note,
    checkInAt: r.check_in_at,
    lateMinutes: r.late_minutes,
    checkOutAt: r.check_out_at,
    closedAt: r.closed_at,
    reviewedAt: r.reviewed_at,
    handoverId: r.handover_id,
    handoverSigned: r.handover_outgoing_signed_at !== null && r.handover_incoming_signed_at !== null,
  };
}

async function loadAssignment(ctx: ServiceContext, actor: StaffActor, id: number): Promise<AssignmentRow> {
  const row = await selectAssignments(ctx.db).where('duty_assignments.id', '=', id).executeTakeFirst();
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Duty assignment');
  return row;
}

/** The instants of [from 00:00, to + 1 00:00) in the project's zone. */
function periodBounds(q: { from: string; to: string }, timeZone: string) {
  return { lo: localInstant(q.from, '00:00', timeZone), hi: localInstant(addDays(q.to, 1), '00:00', timeZone) };
}

async function assignmentsBetween(db: Executor, projectId: number, lo: Date, hi: Date): Promise<AssignmentRow[]> {
  // A shift lasts at most a day: start one day early so a night running into the period is seen.
  return selectAssignments(db)
    .where('duty_assignments.project_id', '=', projectId)
    .where('duty_assignments.starts_at', '>=', new Date(lo.getTime() - 2 * DAY_MS).toISOString())
    .where('duty_assignments.starts_at', '<', hi.toISOString())
    .where('duty_assignments.ends_at', '>', lo.toISOString())
    .orderBy('duty_assignments.starts_at')
    .orderBy('duty_assignments.id')
    .execute() as Promise<AssignmentRow[]>;
}

/** The shift templates of a project (its duty policy) and today's season. */
export async function getTemplates(ctx: ServiceContext, projectId: number) {
  const dc = await dutyContext(ctx, 'duty.read', projectId);
  const today = localDate(ctx.clock.now(), dc.timeZone);
  return {
    projectId,
    summer: dc.policy.summer,
    checkInEarlyMinutes: dc.policy.checkInEarlyMinutes,
    seasonToday: seasonOf(today, dc.policy.summer),
    shifts: dc.policy.shifts,
  };
}

/** The project's active staff with their departments, to plan shifts, pick the incoming person or a guard. */
export async function listDutyStaff(ctx: ServiceContext, projectId: number) {
  await dutyContext(ctx, 'duty.read', projectId);
  const rows = await ctx.db
    .selectFrom('staff')
    .innerJoin('staff_projects', 'staff_projects.staff_id', 'staff.id')
    .leftJoin('departments', 'departments.id', 'staff.department_id')
    .select(['staff.id', 'staff.name', 'staff.position', 'departments.kind as department'])
    .where('staff_projects.project_id', '=', projectId)
    .where('staff.status', 'in', ['active', 'probation'])
    .orderBy('departments.kind')
    .orderBy('staff.name')
    .execute();
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, position: r.position, department: (r.department as DepartmentKind | null) ?? null })),
  };
}

export async function listRoster(ctx: ServiceContext, q: Period): Promise<{ items: Assignment[] }> {
  const dc = await dutyContext(ctx, 'duty.read', q.projectId);
  const { lo, hi } = periodBounds(q, dc.timeZone);
  return { items: (await assignmentsBetween(ctx.db, q.projectId, lo, hi)).map(toAssignment) };
}

export async function getCoverage(ctx: ServiceContext, q: Period): Promise<Coverage> {
  const dc = await dutyContext(ctx, 'duty.read', q.projectId);
  const { lo, hi } = periodBounds(q, dc.timeZone);
  const rows = await assignmentsBetween(ctx.db, q.projectId, lo, hi);
  return checkCoverage(rows.map(toCoverageShift), lo, hi);
}

function toCoverageShift(r: AssignmentRow): CoverageShift {
  return {
    id: r.id,
    staffId: r.staff_id,
    staffName: r.staff_name,
    shiftCode: r.shift_code,
    shiftName: r.shift_name,
    date: r.date,
    expectedDepartment: r.department,
    staffDepartment: r.staff_department,
    atCenter: r.at_center === 1,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    breakStartAt: r.break_start_at,
    breakEndAt: r.break_end_at,
  };
}

/** The row of a shift of a template on a date for a staff member, with its instants under the current policy. */
function plannedRow(
  dc: DutyContext,
  projectId: number,
  t: ShiftTemplate,
  staffId: number,
  date: string,
  note: string | null,
  nowIso: string,
) {
  return {
    company_id: dc.actor.companyId,
    project_id: projectId,
    staff_id: staffId,
    ...shiftColumns(t, date, dc.timeZone, dc.policy.summer).columns,
    note,
    created_by: dc.actor.id,
    created_at: nowIso,
  };
}

async function assertFree(db: Executor, projectId: number, shiftCode: string, date: string, staffId: number, except?: number) {
  let q = db
    .selectFrom('duty_assignments')
    .select('id')
    .where('project_id', '=', projectId)
    .where('shift_code', '=', shiftCode)
    .where('date', '=', date)
    .where('staff_id', '=', staffId);
  if (except) q = q.where('id', '!=', except);
  if (await q.executeTakeFirst()) throw duplicate('staffId', 'is already on this shift that day');
}

export async function createAssignment(ctx: ServiceContext, input: z.infer<typeof assignmentCreate>): Promise<Assignment> {
  const dc = await dutyContext(ctx, 'duty.plan', input.projectId);
  const t = template(dc.policy, input.shiftCode);
  await projectStaff(ctx.db, input.projectId, input.staffId);
  const nowIso = ctx.clock.now().toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    await assertFree(trx, input.projectId, t.code, input.date, input.staffId);
    const row = await trx
      .insertInto('duty_assignments')
      .values(plannedRow(dc, input.projectId, t, input.staffId, input.date, input.note ?? null, nowIso))
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', entity: 'duty_assignment', entityId: row.id, projectId: input.projectId, after: input });
    return row.id;
  });
  return toAssignment(await loadAssignment(ctx, dc.actor, id));
}

/** Moves a planned shift to another person or date (drag on the roster); a shift already begun stays. */
export async function updateAssignment(ctx: ServiceContext, id: number, input: z.infer<typeof assignmentUpdate>): Promise<Assignment> {
  const actor = requirePermission(ctx, 'duty.plan');
  const row = await loadAssignment(ctx, actor, id);
  const dc = await dutyContext(ctx, 'duty.plan', row.project_id);
  if (row.check_in_at) throw new AppError('CONFLICT', 'The shift has begun (checked in); it can no longer be moved');
  const staffId = input.staffId ?? row.staff_id;
  const date = input.date ?? row.date;
  if (input.staffId) await projectStaff(ctx.db, row.project_id, staffId);
  const t = dc.policy.shifts.find((s) => s.code === row.shift_code) ?? null;
  await ctx.db.transaction().execute(async (trx) => {
    await assertFree(trx, row.project_id, row.shift_code, date, staffId, id);
    const times = t
      ? shiftTimes(t, date, dc.timeZone, dc.policy.summer)
      : // The template was removed from the policy since: keep the planned hours, moved by whole days.
        (() => {
          const shift = daysBetween(row.date, date) * DAY_MS;
          const move = (v: string | null) => (v ? new Date(Date.parse(v) + shift) : null);
          return {
            season: row.season,
            startsAt: move(row.starts_at)!,
            endsAt: move(row.ends_at)!,
            breakStartAt: move(row.break_start_at),
            breakEndAt: move(row.break_end_at),
          };
        })();
    await trx
      .updateTable('duty_assignments')
      .set({
        staff_id: staffId,
        date,
        season: times.season,
        starts_at: times.startsAt.toISOString(),
        ends_at: times.endsAt.toISOString(),
        break_start_at: times.breakStartAt?.toISOString() ?? null,
        break_end_at: times.breakEndAt?.toISOString() ?? null,
        note: input.note !== undefined ? input.note || null : row.note,
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'duty_assignment',
      entityId: id,
      projectId: row.project_id,
      before: { staffId: row.staff_id, date: row.date },
      after: input,
    });
  });
  return toAssignment(await loadAssignment(ctx, actor, id));
}

export async function deleteAssignment(ctx: ServiceContext, id: number): Promise<void> {
  const actor = requirePermission(ctx, 'duty.plan');
  const row = await loadAssignment(ctx, actor, id);
  if (row.check_in_at) throw new AppError('CONFLICT', 'The shift has begun (checked in); it stays on the roster');
  const used = await ctx.db.selectFrom('duty_log_entries').select('id').where('assignment_id', '=', id).executeTakeFirst();
  if (used || row.handover_id) throw new AppError('CONFLICT', 'The shift has log entries or a handover; it stays on the roster');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('duty_stand_ins').where('assignment_id', '=', id).execute();
    await trx.deleteFrom('duty_assignments').where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'delete',
      entity: 'duty_assignment',
      entityId: id,
      projectId: row.project_id,
      before: { shiftCode: row.shift_code, staffId: row.staff_id, date: row.date },
    });
  });
}

/** Copies the shifts of one week onto another (same weekdays, same people); shifts already there are kept. */
export async function copyWeek(ctx: ServiceContext, input: z.infer<typeof copyWeekBody>) {
  const dc = await dutyContext(ctx, 'duty.plan', input.projectId);
  const offset = daysBetween(input.fromWeek, input.toWeek);
  if (offset === 0) throw invalid('toWeek', 'must differ from fromWeek');
  if (offset % 7 !== 0) throw invalid('toWeek', 'must be the same weekday as fromWeek (whole weeks apart)');
  const source = await ctx.db
    .selectFrom('duty_assignments')
    .innerJoin('staff', 'staff.id', 'duty_assignments.staff_id')
    .select(['duty_assignments.shift_code', 'duty_assignments.staff_id', 'duty_assignments.date', 'duty_assignments.note', 'staff.status'])
    .where('duty_assignments.project_id', '=', input.projectId)
    .where('duty_assignments.date', '>=', input.fromWeek)
    .where('duty_assignments.date', '<=', addDays(input.fromWeek, 6))
    .orderBy('duty_assignments.id')
    .execute();
  const nowIso = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    let created = 0;
    let skipped = 0;
    for (const s of source) {
      const t = dc.policy.shifts.find((x) => x.code === s.shift_code);
      const date = addDays(s.date, offset);
      const taken = await trx
        .selectFrom('duty_assignments')
        .select('id')
        .where('project_id', '=', input.projectId)
        .where('shift_code', '=', s.shift_code)
        .where('date', '=', date)
        .where('staff_id', '=', s.staff_id)
        .executeTakeFirst();
      if (!t || taken || s.status === 'left' || s.status === 'suspended') {
        skipped++;
        continue;
      }
      await trx
        .insertInto('duty_assignments')
        .values(plannedRow(dc, input.projectId, t, s.staff_id, date, s.note, nowIso))
        .execute();
      created++;
    }
    await writeAudit(trx, ctx, {
      action: 'copy_week',
      entity: 'duty_roster',
      entityId: input.projectId,
      projectId: input.projectId,
      after: { ...input, created },
    });
    return { created, skipped };
  });
}

/** Puts the noon duty (午间值班) on every day of the period that has none, the front-desk staff taking turns. */
export async function rotateNoon(ctx: ServiceContext, input: z.infer<typeof rotateNoonBody>) {
  const dc = await dutyContext(ctx, 'duty.plan', input.projectId);
  const t = template(dc.policy, input.shiftCode);
  let staffIds = input.staffIds;
  if (staffIds) {
    for (const [i, staffId] of staffIds.entries()) await projectStaff(ctx.db, input.projectId, staffId, `staffIds.${i}`);
  } else {
    const rows = await ctx.db
      .selectFrom('staff')
      .innerJoin('staff_projects', 'staff_projects.staff_id', 'staff.id')
      .innerJoin('departments', 'departments.id', 'staff.department_id')
      .select('staff.id')
      .where('staff_projects.project_id', '=', input.projectId)
      .where('departments.kind', '=', t.department)
      .where('staff.status', 'in', ['active', 'probation'])
      .orderBy('staff.id')
      .execute();
    staffIds = rows.map((r) => r.id);
    if (!staffIds.length) throw invalid('staffIds', `no active staff of the ${t.department} department in this project; name them`);
  }
  // Continue the turn after whoever had the noon duty last.
  const last = await ctx.db
    .selectFrom('duty_assignments')
    .select('staff_id')
    .where('project_id', '=', input.projectId)
    .where('shift_code', '=', t.code)
    .where('date', '<', input.from)
    .orderBy('date', 'desc')
    .executeTakeFirst();
  let turn = last ? staffIds.indexOf(last.staff_id) + 1 : 0;
  const nowIso = ctx.clock.now().toISOString();
  const list = staffIds;
  return ctx.db.transaction().execute(async (trx) => {
    const planned = new Set(
      (
        await trx
          .selectFrom('duty_assignments')
          .select('date')
          .where('project_id', '=', input.projectId)
          .where('shift_code', '=', t.code)
          .where('date', '>=', input.from)
          .where('date', '<=', input.to)
          .execute()
      ).map((r) => r.date),
    );
    let created = 0;
    let skipped = 0;
    for (let date = input.from; date <= input.to; date = addDays(date, 1)) {
      if (planned.has(date)) {
        skipped++;
        continue;
      }
      const staffId = list[turn % list.length];
      turn++;
      await trx
        .insertInto('duty_assignments')
        .values(plannedRow(dc, input.projectId, t, staffId, date, null, nowIso))
        .execute();
      created++;
    }
    await writeAudit(trx, ctx, {
      action: 'rotate',
      entity: 'duty_roster',
      entityId: input.projectId,
      projectId: input.projectId,
      after: { ...input, staffIds: list, created },
    });
    return { created, skipped };
  });
}

// ---------- check-in, check-out, stand-in ----------

/** Checks in to one's own shift; arriving later than 15 minutes (policy) before the start is a late arrival. */
export async function checkIn(ctx: ServiceContext, id: number): Promise<Assignment> {
  const actor = requirePermission(ctx, 'duty.log');
  const row = await loadAssignment(ctx, actor, id);
  if (row.staff_id !== actor.id) throw forbidden('Only the person on the shift checks in');
  if (row.check_in_at) throw new AppError('CONFLICT', 'Already checked in');
  const dc = await dutyContext(ctx, 'duty.log', row.project_id);
  const now = ctx.clock.now();
  const starts = Date.parse(row.starts_at);
  if (now.getTime() < starts - 4 * 3_600_000) throw new AppError('CONFLICT', 'The shift begins more than 4 hours from now');
  if (now.getTime() >= Date.parse(row.ends_at)) throw new AppError('CONFLICT', 'The shift is over');
  const latest = starts - dc.policy.checkInEarlyMinutes * 60_000;
  const late = Math.max(0, Math.ceil((now.getTime() - latest) / 60_000));
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('duty_assignments')
      .set({ check_in_at: now.toISOString(), late_minutes: late })
      .where('id', '=', id)
      .where('check_in_at', 'is', null)
      .executeTakeFirst();
    if (!Number(done.numUpdatedRows)) throw new AppError('CONFLICT', 'Already checked in');
    await writeAudit(trx, ctx, {
      action: 'check_in',
      entity: 'duty_assignment',
      entityId: id,
      projectId: row.project_id,
      after: { lateMinutes: late },
    });
  });
  return toAssignment(await loadAssignment(ctx, actor, id));
}

/** Checks out; a shift with a handover closes only when both sides have signed it. */
export async function checkOut(ctx: ServiceContext, id: number): Promise<Assignment> {
  const actor = requirePermission(ctx, 'duty.log');
  const row = await loadAssignment(ctx, actor, id);
  if (row.staff_id !== actor.id) throw forbidden('Only the person on the shift checks out');
  if (!row.check_in_at) throw new AppError('CONFLICT', 'Check in first');
  if (row.check_out_at) throw new AppError('CONFLICT', 'Already checked out');
  if (row.handover === 1 && !row.closed_at) {
    throw new AppError(
      'CONFLICT',
      row.handover_id
        ? 'The handover (工作移交表) is not signed by both sides yet; the shift cannot be closed'
        : 'Write the handover (工作移交表) and have it signed by both sides before leaving',
    );
  }
  const nowIso = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('duty_assignments')
      .set({ check_out_at: nowIso, closed_at: row.closed_at ?? nowIso })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx, { action: 'check_out', entity: 'duty_assignment', entityId: id, projectId: row.project_id });
  });
  return toAssignment(await loadAssignment(ctx, actor, id));
}

/** A guard stands in (代值) while the night technician is called away to an emergency. */
export async function addStandIn(ctx: ServiceContext, assignmentId: number, input: z.infer<typeof standInCreate>) {
  const actor = requirePermission(ctx, 'duty.log');
  const row = await loadAssignment(ctx, actor, assignmentId);
  if (row.staff_id !== actor.id && !actor.permissions.has('duty.plan'))
    throw forbidden('The person on duty or a planner records a stand-in');
  const guard = await projectStaff(ctx.db, row.project_id, input.guardId, 'guardId');
  if (guard.department !== 'security') throw invalid('guardId', 'is not a guard (security department) of this project');
  const now = ctx.clock.now();
  const startedAt = input.startedAt ? new Date(input.startedAt) : now;
  if (startedAt.getTime() > now.getTime() + 60_000) throw invalid('startedAt', 'may not be in the future');
  if (startedAt.toISOString() < row.starts_at || startedAt.toISOString() >= row.ends_at)
    throw invalid('startedAt', 'must be within the shift');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('duty_stand_ins')
      .values({
        project_id: row.project_id,
        assignment_id: assignmentId,
        guard_id: guard.id,
        reason: input.reason,
        started_at: startedAt.toISOString(),
        ended_at: null,
        recorded_by: actor.id,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', entity: 'duty_stand_in', entityId: r.id, projectId: row.project_id, after: input });
    return r.id;
  });
  return (await standInsOf(ctx.db, [assignmentId])).find((s) => s.id === id)!;
}

export async function endStandIn(ctx: ServiceContext, id: number) {
  const actor = requirePermission(ctx, 'duty.log');
  const s = await ctx.db.selectFrom('duty_stand_ins').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s || !canAccessProject(actor, s.project_id)) throw notFound('Stand-in');
  const row = await loadAssignment(ctx, actor, s.assignment_id);
  if (s.ended_at) throw new AppError('CONFLICT', 'The stand-in has already ended');
  const nowIso = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('duty_stand_ins').set({ ended_at: nowIso }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { action: 'end', entity: 'duty_stand_in', entityId: id, projectId: row.project_id });
  });
  return (await standInsOf(ctx.db, [s.assignment_id])).find((x) => x.id === id)!;
}

async function standInsOf(db: Executor, assignmentIds: number[]) {
  if (!assignmentIds.length) return [];
  const rows = await db
    .selectFrom('duty_stand_ins')
    .innerJoin('staff', 'staff.id', 'duty_stand_ins.guard_id')
    .selectAll('duty_stand_ins')
    .select('staff.name as guard_name')
    .where('assignment_id', 'in', assignmentIds)
    .orderBy('started_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    assignmentId: r.assignment_id,
    guardId: r.guard_id,
    guardName: r.guard_name,
    reason: r.reason,
    startedAt: r.started_at,
    endedAt: r.ended_at,
  }));
}

// ---------- duty log ----------

function selectEntries(db: Executor) {
  return db
    .selectFrom('duty_log_entries')
    .innerJoin('staff as recorder', 'recorder.id', 'duty_log_entries.recorded_by')
    .leftJoin('staff as tech', 'tech.id', 'duty_log_entries.dispatched_to')
    .leftJoin('duty_assignments', 'duty_assignments.id', 'duty_log_entries.assignment_id')
    .leftJoin('units', 'units.id', 'duty_log_entries.unit_id')
    .leftJoin('tickets', 'tickets.id', 'duty_log_entries.ticket_id')
    .selectAll('duty_log_entries')
    .select([
      'recorder.name as recorder_name',
      'tech.name as tech_name',
      'duty_assignments.shift_name as shift_name',
      'duty_assignments.ends_at as shift_ends_at',
      'units.code as unit_code',
      'tickets.number as ticket_number',
    ]);
}
type EntryRow = Row<'duty_log_entries'> & {
  recorder_name: string;
  tech_name: string | null;
  shift_name: string | null;
  shift_ends_at: string | null;
  unit_code: string | null;
  ticket_number: string | null;
};

function toEntry(r: EntryRow, now: Date, policy: DutyPolicy): LogEntry {
  const from = Date.parse(r.shift_ends_at ?? r.occurred_at);
  return {
    id: r.id,
    projectId: r.project_id,
    assignmentId: r.assignment_id,
    shiftName: r.shift_name,
    kind: r.kind as LogEntry['kind'],
    occurredAt: r.occurred_at,
    night: r.night === 1,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    callerName: r.caller_name,
    callerPhone: maskPhone(r.caller_phone),
    description: r.description,
    status: r.status as LogEntry['status'],
    actionTaken: r.action_taken,
    dispatchedTo: r.dispatched_to,
    dispatchedToName: r.tech_name,
    dispatchedAt: r.dispatched_at,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_number,
    convertedAt: r.converted_at,
    recordedBy: r.recorded_by,
    recordedByName: r.recorder_name,
    overdue: r.status === 'open' && now.getTime() > from + policy.convertWithinMinutes * 60_000,
  };
}

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

// ---------- handover ----------

const closedTicket = (status: string | null) => status !== null && !openStatuses.includes(status as never);

function baseHandovers(db: Executor) {
  return db
    .selectFrom('duty_handovers')
    .innerJoin('duty_assignments', 'duty_assignments.id', 'duty_handovers.assignment_id')
    .innerJoin('staff as outgoing', 'outgoing.id', 'duty_handovers.outgoing_id')
    .innerJoin('staff as incoming', 'incoming.id', 'duty_handovers.incoming_id')
    .selectAll('duty_handovers')
    .select([
      'duty_assignments.shift_name',
      'duty_assignments.date as shift_date',
      'duty_assignments.ends_at as shift_ends_at',
      'outgoing.name as outgoing_name',
      'incoming.name as incoming_name',
    ]);
}
/** A handover missing one of its two signatures. */
const unsigned = (eb: ExpressionBuilder<DB, 'duty_handovers'>) =>
  eb.or([eb('duty_handovers.outgoing_signed_at', 'is', null), eb('duty_handovers.incoming_signed_at', 'is', null)]);
type HandoverRow = Awaited<ReturnType<ReturnType<typeof baseHandovers>['execute']>>[number];

/** Handover items with what decides whether they are still open: their ticket's status, their log line's. */
function selectItems(db: Executor) {
  return db
    .selectFrom('duty_handover_items')
    .innerJoin('duty_handovers', 'duty_handovers.id', 'duty_handover_items.handover_id')
    .leftJoin('tickets', 'tickets.id', 'duty_handover_items.ticket_id')
    .leftJoin('duty_log_entries', 'duty_log_entries.id', 'duty_handover_items.log_entry_id')
    .leftJoin('tickets as entry_ticket', 'entry_ticket.id', 'duty_log_entries.ticket_id')
    .selectAll('duty_handover_items')
    .select([
      'tickets.number as ticket_number',
      'tickets.status as ticket_status',
      'duty_log_entries.status as entry_status',
      'entry_ticket.status as entry_ticket_status',
      'duty_handovers.created_at as since',
    ])
    .orderBy('duty_handover_items.id');
}

async function itemsOf(db: Executor, handoverIds: number[]) {
  if (!handoverIds.length) return [];
  return selectItems(db).where('duty_handover_items.handover_id', 'in', handoverIds).execute();
}
type ItemRow = Awaited<ReturnType<typeof itemsOf>>[number];

function itemOpen(i: ItemRow): boolean {
  if (i.done_at) return false;
  if (i.ticket_id) return !closedTicket(i.ticket_status);
  // A log line converted into a ticket is done when its ticket is; one handled on the shift is done.
  if (i.log_entry_id) return i.entry_status === 'open' || (i.entry_status === 'converted' && !closedTicket(i.entry_ticket_status));
  return true;
}

function toItem(i: ItemRow) {
  return {
    id: i.id,
    ticketId: i.ticket_id,
    ticketNumber: i.ticket_number,
    ticketStatus: i.ticket_status,
    logEntryId: i.log_entry_id,
    description: i.description,
    open: itemOpen(i),
    doneAt: i.done_at,
  };
}

async function toHandovers(db: Executor, rows: HandoverRow[], now: Date, policy: DutyPolicy): Promise<Handover[]> {
  const items = await itemsOf(
    db,
    rows.map((r) => r.id),
  );
  const standIns = await standInsOf(
    db,
    rows.map((r) => r.assignment_id),
  );
  return rows.map((r) => {
    const signed = r.outgoing_signed_at !== null && r.incoming_signed_at !== null;
    return {
      id: r.id,
      projectId: r.project_id,
      assignmentId: r.assignment_id,
      shiftName: r.shift_name,
      shiftDate: r.shift_date,
      shiftEndsAt: r.shift_ends_at,
      outgoingId: r.outgoing_id,
      outgoingName: r.outgoing_name,
      incomingId: r.incoming_id,
      incomingName: r.incoming_name,
      equipment: r.equipment,
      keys: r.keys,
      records: r.records,
      notes: r.notes,
      outgoingSignedAt: r.outgoing_signed_at,
      incomingSignedAt: r.incoming_signed_at,
      signed,
      flagged: !signed && now.getTime() > Date.parse(r.shift_ends_at) + policy.handoverGraceMinutes * 60_000,
      version: r.version,
      createdAt: r.created_at,
      items: items.filter((i) => i.handover_id === r.id).map(toItem),
      standIns: standIns.filter((s) => s.assignmentId === r.assignment_id),
    };
  });
}

export async function getHandover(ctx: ServiceContext, id: number): Promise<Handover> {
  const actor = requirePermission(ctx, 'duty.read');
  const [row] = await baseHandovers(ctx.db).where('duty_handovers.id', '=', id).execute();
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Handover');
  const pc = await projectClock(ctx.db, actor.companyId, row.project_id);
  return (await toHandovers(ctx.db, [row], ctx.clock.now(), pc.policy.duty))[0];
}

export async function listHandovers(ctx: ServiceContext, q: z.infer<typeof handoversQuery>) {
  const dc = await dutyContext(ctx, 'duty.read', q.projectId);
  const cursor = decodeCursor(q.cursor);
  let query = baseHandovers(ctx.db).where('duty_handovers.project_id', '=', q.projectId);
  if (q.unsigned === 'true') query = query.where(unsigned);
  if (cursor) query = query.where('duty_handovers.id', '<', cursor);
  const rows = await query
    .orderBy('duty_handovers.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = toPage(rows, q.limit, (r) => r);
  return { items: await toHandovers(ctx.db, page.items, ctx.clock.now(), dc.policy), nextCursor: page.nextCursor };
}

/** Open handover items of a project (carried over from shift to shift until done). */
async function carriedItems(db: Executor, projectId: number) {
  const rows = await selectItems(db)
    .where('duty_handover_items.project_id', '=', projectId)
    .where('duty_handover_items.done_at', 'is', null)
    .execute();
  // One line per matter: the latest handover that carried it.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows.filter(itemOpen))
    latest.set(r.ticket_id ? `t${r.ticket_id}` : r.log_entry_id ? `e${r.log_entry_id}` : `i${r.id}`, r);
  return [...latest.values()].map((r) => ({ ...toItem(r), handoverId: r.handover_id, since: r.since }));
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
  if (signerId !== actor.id) {
    if (!input.password) throw forbidden(`Only ${signerName} signs this side, or gives their password here`);
    const signer = await ctx.db
      .selectFrom('staff')
      .select(['password_hash', 'status'])
      .where('id', '=', signerId)
      .executeTakeFirstOrThrow();
    if (signer.status === 'left' || signer.status === 'suspended' || !(await verifyPassword(signer.password_hash, input.password)))
      throw invalid('password', `is not ${signerName}'s password`);
  }
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

// ---------- morning review ----------

/**
 * The supervisor's morning look (4.1.4 主管每天上班后首先要查阅当班记录): the shifts that ended since
 * yesterday morning with their log lines and handovers, what was carried over, what is unconverted,
 * which handovers are unsigned or missing.
 */
export async function getReview(ctx: ServiceContext, projectId: number, date: string) {
  const dc = await dutyContext(ctx, 'duty.read', projectId);
  const now = ctx.clock.now();
  const lo = localInstant(addDays(date, -1), '00:00', dc.timeZone);
  const hi = new Date(Math.min(localInstant(addDays(date, 1), '00:00', dc.timeZone).getTime(), now.getTime()));
  const shifts = (
    await selectAssignments(ctx.db)
      .where('duty_assignments.project_id', '=', projectId)
      .where('duty_assignments.ends_at', '>', lo.toISOString())
      .where('duty_assignments.ends_at', '<=', hi.toISOString())
      .orderBy('duty_assignments.starts_at')
      .execute()
  ).map((r) => r as AssignmentRow);
  const ids = shifts.map((s) => s.id);
  const [entryRows, handoverRowsOfShifts, carried, openRows, unsignedRows] = await Promise.all([
    ids.length
      ? (selectEntries(ctx.db)
          .where('duty_log_entries.assignment_id', 'in', ids)
          .orderBy('duty_log_entries.occurred_at')
          .execute() as Promise<EntryRow[]>)
      : [],
    ids.length ? baseHandovers(ctx.db).where('duty_handovers.assignment_id', 'in', ids).execute() : [],
    carriedItems(ctx.db, projectId),
    selectEntries(ctx.db)
      .where('duty_log_entries.project_id', '=', projectId)
      .where('duty_log_entries.status', '=', 'open')
      .orderBy('duty_log_entries.occurred_at')
      .limit(500)
      .execute() as Promise<EntryRow[]>,
    baseHandovers(ctx.db)
      .where('duty_handovers.project_id', '=', projectId)
      .where(unsigned)
      .orderBy('duty_handovers.id')
      .limit(200)
      .execute(),
  ]);
  const handovers = await toHandovers(ctx.db, handoverRowsOfShifts, now, dc.policy);
  const policy = dc.policy;
  return {
    date,
    shifts: shifts.map((s) => ({
      assignment: toAssignment(s),
      entries: entryRows.filter((e) => e.assignment_id === s.id).map((e) => toEntry(e, now, policy)),
      handover: handovers.find((h) => h.assignmentId === s.id) ?? null,
    })),
    carried,
    unconverted: openRows.map((e) => toEntry(e, now, policy)),
    unsigned: await toHandovers(ctx.db, unsignedRows, now, policy),
    missingHandovers: shifts
      .filter((s) => s.handover === 1 && !s.handover_id && now.getTime() > Date.parse(s.ends_at) + policy.handoverGraceMinutes * 60_000)
      .map(toAssignment),
  };
}

/** Marks shifts reviewed by the supervisor, in one transaction. */
export async function markReviewed(ctx: ServiceContext, input: z.infer<typeof reviewBody>) {
  const dc = await dutyContext(ctx, 'duty.review', input.projectId);
  const rows = await ctx.db
    .selectFrom('duty_assignments')
    .select(['id', 'project_id', 'starts_at', 'reviewed_at'])
    .where('id', 'in', input.assignmentIds)
    .execute();
  const nowIso = ctx.clock.now().toISOString();
  for (const [i, aid] of input.assignmentIds.entries()) {
    const r = rows.find((x) => x.id === aid);
    if (!r || r.project_id !== input.projectId) throw invalid(`assignmentIds.${i}`, 'is not a shift of this project');
    if (r.starts_at > nowIso) throw invalid(`assignmentIds.${i}`, 'has not begun yet');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('duty_assignments')
      .set({ reviewed_at: nowIso, reviewed_by: dc.actor.id })
      .where('id', 'in', input.assignmentIds)
      .where('reviewed_at', 'is', null)
      .executeTakeFirst();
    await writeAudit(trx, ctx, {
      action: 'review',
      entity: 'duty_roster',
      entityId: input.projectId,
      projectId: input.projectId,
      after: input,
    });
    return { reviewed: Number(done.numUpdatedRows) };
  });
}

// ---------- facts for assessment ----------

/**
 * Per person and month (shifts begun so far): shifts, late arrivals, missed check-ins, unsigned or missing handovers,
 * items they carried over to the next shift, their log lines still unconverted past the deadline.
 */
export async function dutyFacts(ctx: ServiceContext, q: z.infer<typeof factsQuery>): Promise<{ month: string; items: PersonFacts[] }> {
  const dc = await dutyContext(ctx, 'duty.read', q.projectId);
  const from = `${q.month}-01`;
  const [y, m] = q.month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const now = ctx.clock.now();
  const nowMs = now.getTime();
  const grace = dc.policy.handoverGraceMinutes * 60_000;
  let shifts = selectAssignments(ctx.db)
    .where('duty_assignments.project_id', '=', q.projectId)
    .where('duty_assignments.date', '>=', from)
    .where('duty_assignments.date', '<', next);
  if (q.staffId) shifts = shifts.where('duty_assignments.staff_id', '=', q.staffId);
  const rows = (await shifts.execute()) as AssignmentRow[];
  const lo = localInstant(from, '00:00', dc.timeZone).toISOString();
  const hi = localInstant(next, '00:00', dc.timeZone).toISOString();
  const [carried, entries] = await Promise.all([
    ctx.db
      .selectFrom('duty_handover_items')
      .innerJoin('duty_handovers', 'duty_handovers.id', 'duty_handover_items.handover_id')
      .select(['duty_handovers.outgoing_id as staff_id'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('duty_handovers.project_id', '=', q.projectId)
      .where('duty_handovers.created_at', '>=', lo)
      .where('duty_handovers.created_at', '<', hi)
      .groupBy('duty_handovers.outgoing_id')
      .execute(),
    selectEntries(ctx.db)
      .where('duty_log_entries.project_id', '=', q.projectId)
      .where('duty_log_entries.status', '=', 'open')
      .where('duty_log_entries.occurred_at', '>=', lo)
      .where('duty_log_entries.occurred_at', '<', hi)
      .execute() as Promise<EntryRow[]>,
  ]);
  const people = new Map<number, PersonFacts>();
  const person = (staffId: number, staffName: string) => {
    let p = people.get(staffId);
    if (!p) {
      p = {
        staffId,
        staffName,
        shifts: 0,
        lateArrivals: 0,
        lateMinutes: 0,
        missedCheckIns: 0,
        unsignedHandovers: 0,
        carriedOverItems: 0,
        unconvertedEntries: 0,
      };
      people.set(staffId, p);
    }
    return p;
  };
  for (const r of rows) {
    // Shifts still to come are plans, not facts (unless already checked in to).
    if (Date.parse(r.starts_at) > nowMs && !r.check_in_at) continue;
    const p = person(r.staff_id, r.staff_name);
    p.shifts++;
    if ((r.late_minutes ?? 0) > 0) {
      p.lateArrivals++;
      p.lateMinutes += r.late_minutes!;
    }
    const ended = nowMs > Date.parse(r.ends_at);
    if (ended && !r.check_in_at) p.missedCheckIns++;
    const signed = r.handover_outgoing_signed_at !== null && r.handover_incoming_signed_at !== null;
    if (r.handover === 1 && !signed && nowMs > Date.parse(r.ends_at) + grace) p.unsignedHandovers++;
  }
  const names = new Map(rows.map((r) => [r.staff_id, r.staff_name]));
  if (carried.length || entries.length) {
    const missing = [...new Set([...carried.map((c) => c.staff_id), ...entries.map((e) => e.recorded_by)])].filter((id) => !names.has(id));
    if (missing.length)
      for (const s of await ctx.db.selectFrom('staff').select(['id', 'name']).where('id', 'in', missing).execute()) names.set(s.id, s.name);
  }
  for (const c of carried)
    if (!q.staffId || c.staff_id === q.staffId) person(c.staff_id, names.get(c.staff_id) ?? '').carriedOverItems += Number(c.n);
  for (const e of entries) {
    if (q.staffId && e.recorded_by !== q.staffId) continue;
    if (toEntry(e, now, dc.policy).overdue) person(e.recorded_by, e.recorder_name).unconvertedEntries++;
  }
  return { month: q.month, items: [...people.values()].sort((a, b) => a.staffName.localeCompare(b.staffName, 'zh')) };
}
