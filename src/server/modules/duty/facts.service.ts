/** What the staff assessment counts from the duty records, per person and month. */
import type { z } from 'zod';
import type { PersonFacts, factsQuery } from '../../../shared/duty.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { dutyContext, toEntry } from './duty.common.ts';
import { selectAssignments, selectEntries, type AssignmentRow, type EntryRow } from './duty.repository.ts';
import { localInstant } from './roster.ts';

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
