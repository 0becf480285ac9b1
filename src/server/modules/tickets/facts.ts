/**
 * The service desk's facts for the staff assessment (seed 001 篇2 items 5–8; seed 004 考核内容六):
 * each deadline breach with the person responsible when it was detected, return visits not made by
 * their due time, and complaint records left incomplete (五清楚一报告, the customer's confirmation).
 */
import { labels } from '../../../shared/policies/fields.ts';
import { checklistItems } from '../../../shared/tickets.ts';
import type { FactProvider, RawFact } from '../../platform/facts.ts';
import { areaOwnersByBuilding } from '../property/property.repository.ts';
import { checklistOf } from './tickets.repository.ts';

const ticketEvidence = (t: { id: number; number: string }) => ({ kind: 'ticket', id: t.id, label: t.number, href: `/tickets/${t.id}` });

export const ticketFactProvider: FactProvider = {
  module: 'tickets',
  codes: [
    {
      code: 'tickets.reply_late',
      label: labels('报修或投诉超时未答复', '報修或投訴超時未答覆', 'Reply later than the deadline'),
      unit: 'times',
    },
    { code: 'tickets.repair_late', label: labels('维修超时未修复', '維修超時未修復', 'Repair later than the deadline'), unit: 'times' },
    {
      code: 'tickets.common_area_late',
      label: labels('公共设施损坏超时未修复', '公共設施損壞超時未修復', 'Common-area repair later than the deadline'),
      unit: 'times',
    },
    {
      code: 'tickets.severe_common_area_late',
      label: labels('大面积或严重破损超时未修复', '大面積或嚴重破損超時未修復', 'Severe common-area damage later than the deadline'),
      unit: 'times',
    },
    {
      code: 'tickets.complaint_verification_late',
      label: labels('投诉未当天调查核实', '投訴未當天調查核實', 'Complaint not verified the same day'),
      unit: 'times',
    },
    { code: 'tickets.return_visit_missed', label: labels('未按时回访', '未按時回訪', 'Return visit not made in time'), unit: 'times' },
    {
      code: 'tickets.complaint_record_incomplete',
      label: labels('投诉记录不完整', '投訴記錄不完整', 'Incomplete complaint record'),
      unit: 'times',
    },
  ],
  async collect(c) {
    const out: RawFact[] = [];
    const [breaches, visits, complaints, butlers] = await Promise.all([
      c.exec
        .selectFrom('ticket_breaches')
        .innerJoin('tickets', 'tickets.id', 'ticket_breaches.ticket_id')
        .leftJoin('ticket_categories', (join) =>
          join
            .onRef('ticket_categories.code', '=', 'tickets.category_code')
            .onRef('ticket_categories.company_id', '=', 'tickets.company_id'),
        )
        .select([
          'ticket_breaches.clock',
          'ticket_breaches.responsible_id',
          'tickets.id',
          'tickets.number',
          'tickets.type',
          'tickets.public_place_id',
          'tickets.severe',
          'ticket_categories.common_area',
        ])
        .where('ticket_breaches.project_id', '=', c.projectId)
        .where('ticket_breaches.detected_at', '>=', c.range.from)
        .where('ticket_breaches.detected_at', '<', c.range.to)
        .where('ticket_breaches.responsible_id', 'is not', null)
        .execute(),
      c.exec
        .selectFrom('return_visits')
        .innerJoin('tickets', 'tickets.id', 'return_visits.ticket_id')
        .leftJoin('units', 'units.id', 'tickets.unit_id')
        .select([
          'tickets.id',
          'tickets.number',
          'tickets.received_by',
          'units.building_id',
          'return_visits.status',
          'return_visits.due_at',
          'return_visits.done_at',
        ])
        .where('return_visits.project_id', '=', c.projectId)
        .where('return_visits.due_at', '>=', c.range.from)
        .where('return_visits.due_at', '<', c.range.to)
        .execute(),
      c.exec
        .selectFrom('tickets')
        .selectAll()
        .where('project_id', '=', c.projectId)
        .where('type', '=', 'complaint')
        .where('resolved_at', '>=', c.range.from)
        .where('resolved_at', '<', c.range.to)
        .where('received_by', 'is not', null)
        .execute(),
      areaOwnersByBuilding(c.exec, c.projectId),
    ]);
    for (const b of breaches) {
      const commonArea = b.public_place_id !== null || b.common_area === 1;
      const code =
        b.clock === 'reply'
          ? 'tickets.reply_late'
          : b.type === 'complaint'
            ? 'tickets.complaint_verification_late'
            : !commonArea
              ? 'tickets.repair_late'
              : b.severe === 1
                ? 'tickets.severe_common_area_late'
                : 'tickets.common_area_late';
      out.push({ staffId: b.responsible_id!, code, evidence: ticketEvidence(b) });
    }
    const nowIso = c.now.toISOString();
    for (const v of visits) {
      const missed = v.status === 'pending' ? v.due_at < nowIso : v.done_at !== null && v.done_at > v.due_at;
      // A household's return visit is its butler's; a ticket of a building without one, the desk's who took it.
      const staffId = (v.building_id !== null ? butlers.get(v.building_id) : undefined) ?? v.received_by;
      if (missed && staffId !== null) out.push({ staffId, code: 'tickets.return_visit_missed', evidence: ticketEvidence(v) });
    }
    for (const t of complaints) {
      const checklist = checklistOf(t);
      const needed = checklistItems.filter((k) => k !== 'report' || t.major === 1);
      if (needed.some((k) => !checklist[k]) || t.customer_confirmed_at === null)
        out.push({ staffId: t.received_by!, code: 'tickets.complaint_record_incomplete', evidence: ticketEvidence(t) });
    }
    return out;
  },
};
