/** Check-in and check-out of one's own shift, and guards standing in (代值) during a shift. */
import type { z } from 'zod';
import type { Assignment, standInCreate } from '../../../shared/duty.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { canAccessProject, requirePermission } from '../../platform/permissions.ts';
import { dutyContext, loadAssignment, projectStaff, toAssignment } from './duty.common.ts';
import { standInsOf } from './duty.repository.ts';

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
