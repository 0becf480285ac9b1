import { addDays } from '../../../shared/periods.ts';
/** The supervisor's morning review of the duty records, and shifts marked reviewed. */
import type { z } from 'zod';
import type { reviewBody } from '../../../shared/duty.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { carriedItems, dutyContext, toAssignment, toEntry, toHandovers } from './duty.common.ts';
import { baseHandovers, selectAssignments, selectEntries, unsigned, type AssignmentRow, type EntryRow } from './duty.repository.ts';
import { localInstant } from './roster.ts';

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
