/**
 * The duty roster (值班表): shift templates from the project's duty policy, the staff to plan with,
 * the roster of a period and its coverage check, planning, moving and removing shifts, copying a
 * week and rotating the noon duty.
 */
import type { z } from 'zod';
import type { Assignment, assignmentCreate, assignmentUpdate, copyWeekBody, periodQuery, rotateNoonBody } from '../../../shared/duty.ts';
import type { DepartmentKind } from '../../../shared/enums.ts';
import type { ShiftTemplate } from '../../../shared/policies.ts';
import { addDays, daysBetween } from '../../../shared/periods.ts';
import type { Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { localDate } from '../../platform/calendar.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, duplicate, invalid } from '../../platform/errors.ts';
import { requirePermission } from '../../platform/permissions.ts';
import { DAY_MS, dutyContext, loadAssignment, projectStaff, template, toAssignment, type DutyContext } from './duty.common.ts';
import { selectAssignments, type AssignmentRow } from './duty.repository.ts';
import { checkCoverage, localInstant, seasonOf, shiftColumns, shiftTimes, type Coverage, type CoverageShift } from './roster.ts';

type Period = z.infer<typeof periodQuery>;

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
