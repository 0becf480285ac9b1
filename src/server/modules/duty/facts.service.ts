/** What the staff assessment counts from the duty records, per person and month. */
import type { z } from 'zod';
import type { PersonFacts, factsQuery } from '../../../shared/duty.ts';
import type { DutyPolicy } from '../../../shared/policies.ts';
import { labels } from '../../../shared/policies/fields.ts';
import type { EvidenceLink } from '../../../shared/schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { FactProvider } from '../../platform/facts.ts';
import { dutyContext, toEntry } from './duty.common.ts';
import { selectAssignments, selectEntries, type AssignmentRow, type EntryRow } from './duty.repository.ts';
import { localInstant } from './roster.ts';

type DutyFactKind = 'shift' | 'late' | 'missed_checkin' | 'unsigned_handover' | 'carried_over' | 'unconverted_entry';

/** One duty record that counts for a person's month. */
interface DutyFactRecord {
  staffId: number;
  staffName: string;
  kind: DutyFactKind;
  /** Minutes late (late arrivals). */
  minutes?: number;
  evidence: EvidenceLink;
}

const shiftEvidence = (r: AssignmentRow): EvidenceLink => ({
  kind: 'duty_shift',
  id: r.id,
  label: `${r.date} ${r.shift_name}`,
  href: `/duty?tab=roster&date=${r.date}`,
});

/**
 * The duty records of a project's month (shifts begun so far): shifts, late arrivals, missed
 * check-ins, unsigned or missing handovers, items carried over to the next shift, log lines still
 * unconverted past the deadline.
 */
async function dutyFactRecords(
  exec: Executor,
  q: { projectId: number; month: string; staffId?: number },
  dc: { policy: DutyPolicy; timeZone: string },
  now: Date,
): Promise<DutyFactRecord[]> {
  const from = `${q.month}-01`;
  const [y, m] = q.month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const nowMs = now.getTime();
  const grace = dc.policy.handoverGraceMinutes * 60_000;
  let shifts = selectAssignments(exec)
    .where('duty_assignments.project_id', '=', q.projectId)
    .where('duty_assignments.date', '>=', from)
    .where('duty_assignments.date', '<', next);
  if (q.staffId) shifts = shifts.where('duty_assignments.staff_id', '=', q.staffId);
  const rows = (await shifts.execute()) as AssignmentRow[];
  const lo = localInstant(from, '00:00', dc.timeZone).toISOString();
  const hi = localInstant(next, '00:00', dc.timeZone).toISOString();
  const [carried, entries] = await Promise.all([
    exec
      .selectFrom('duty_handover_items')
      .innerJoin('duty_handovers', 'duty_handovers.id', 'duty_handover_items.handover_id')
      .innerJoin('staff', 'staff.id', 'duty_handovers.outgoing_id')
      .select([
        'duty_handover_items.id',
        'duty_handover_items.description',
        'duty_handovers.outgoing_id as staff_id',
        'staff.name as staff_name',
      ])
      .where('duty_handovers.project_id', '=', q.projectId)
      .where('duty_handovers.created_at', '>=', lo)
      .where('duty_handovers.created_at', '<', hi)
      .execute(),
    selectEntries(exec)
      .where('duty_log_entries.project_id', '=', q.projectId)
      .where('duty_log_entries.status', '=', 'open')
      .where('duty_log_entries.occurred_at', '>=', lo)
      .where('duty_log_entries.occurred_at', '<', hi)
      .execute() as Promise<EntryRow[]>,
  ]);
  const out: DutyFactRecord[] = [];
  for (const r of rows) {
    // Shifts still to come are plans, not facts (unless already checked in to).
    if (Date.parse(r.starts_at) > nowMs && !r.check_in_at) continue;
    const who = { staffId: r.staff_id, staffName: r.staff_name, evidence: shiftEvidence(r) };
    out.push({ ...who, kind: 'shift' });
    if ((r.late_minutes ?? 0) > 0) out.push({ ...who, kind: 'late', minutes: r.late_minutes! });
    const ended = nowMs > Date.parse(r.ends_at);
    if (ended && !r.check_in_at) out.push({ ...who, kind: 'missed_checkin' });
    const signed = r.handover_outgoing_signed_at !== null && r.handover_incoming_signed_at !== null;
    if (r.handover === 1 && !signed && nowMs > Date.parse(r.ends_at) + grace)
      out.push({
        ...who,
        kind: 'unsigned_handover',
        evidence: r.handover_id
          ? {
              kind: 'duty_handover',
              id: r.handover_id,
              label: `${r.date} ${r.shift_name}`,
              href: `/duty?tab=handover&handover=${r.handover_id}`,
            }
          : shiftEvidence(r),
      });
  }
  for (const c of carried)
    if (!q.staffId || c.staff_id === q.staffId)
      out.push({
        staffId: c.staff_id,
        staffName: c.staff_name,
        kind: 'carried_over',
        evidence: { kind: 'duty_handover_item', id: c.id, label: c.description.slice(0, 40), href: '/duty?tab=handover' },
      });
  for (const e of entries) {
    if (q.staffId && e.recorded_by !== q.staffId) continue;
    if (toEntry(e, now, dc.policy).overdue)
      out.push({
        staffId: e.recorded_by,
        staffName: e.recorder_name,
        kind: 'unconverted_entry',
        evidence: { kind: 'duty_log_entry', id: e.id, label: e.description.slice(0, 40), href: '/duty?tab=log' },
      });
  }
  return out;
}

/** Per person and month: the counts of the duty page's 月度统计 tab. */
export async function dutyFacts(ctx: ServiceContext, q: z.infer<typeof factsQuery>): Promise<{ month: string; items: PersonFacts[] }> {
  const dc = await dutyContext(ctx, 'duty.read', q.projectId);
  const people = new Map<number, PersonFacts>();
  for (const r of await dutyFactRecords(ctx.db, q, dc, ctx.clock.now())) {
    let p = people.get(r.staffId);
    if (!p)
      people.set(
        r.staffId,
        (p = {
          staffId: r.staffId,
          staffName: r.staffName,
          shifts: 0,
          lateArrivals: 0,
          lateMinutes: 0,
          missedCheckIns: 0,
          unsignedHandovers: 0,
          carriedOverItems: 0,
          unconvertedEntries: 0,
        }),
      );
    if (r.kind === 'shift') p.shifts++;
    if (r.kind === 'late') {
      p.lateArrivals++;
      p.lateMinutes += r.minutes ?? 0;
    }
    if (r.kind === 'missed_checkin') p.missedCheckIns++;
    if (r.kind === 'unsigned_handover') p.unsignedHandovers++;
    if (r.kind === 'carried_over') p.carriedOverItems++;
    if (r.kind === 'unconverted_entry') p.unconvertedEntries++;
  }
  return { month: q.month, items: [...people.values()].sort((a, b) => a.staffName.localeCompare(b.staffName, 'zh')) };
}

/** The duty facts of the assessment feed (seed 001 篇5 值班制度; seed 004 考核内容一). */
export const dutyFactProvider: FactProvider = {
  module: 'duty',
  codes: [
    { code: 'duty.late_checkin', label: labels('值班迟到', '值班遲到', 'Late for duty'), unit: 'times' },
    { code: 'duty.missed_checkin', label: labels('值班未签到', '值班未簽到', 'Duty without check-in'), unit: 'times' },
    { code: 'duty.unsigned_handover', label: labels('交接班未签字', '交接班未簽字', 'Handover not signed'), unit: 'times' },
    { code: 'duty.carried_over', label: labels('移交遗留事项', '移交遺留事項', 'Items carried over'), unit: 'times' },
    {
      code: 'duty.unconverted_entry',
      label: labels('值班记录超时未转单', '值班記錄超時未轉單', 'Log lines not converted in time'),
      unit: 'times',
    },
  ],
  async collect(c) {
    const records = await dutyFactRecords(
      c.exec,
      { projectId: c.projectId, month: c.month },
      { policy: c.policy.duty, timeZone: c.timeZone },
      c.now,
    );
    return records
      .filter((r) => r.kind !== 'shift')
      .map((r) => ({ staffId: r.staffId, code: `duty.${r.kind === 'late' ? 'late_checkin' : r.kind}`, evidence: r.evidence }));
  },
};
