/**
 * The archive's fact for the staff assessment (seed 004 考核内容十: 业主资料不完整): per butler, the
 * customers of their responsibility area whose archive is incomplete, as it stands when asked.
 */
import { labels } from '../../../shared/policies/fields.ts';
import type { FactProvider, RawFact } from '../../platform/facts.ts';
import { completenessFacts } from './archive.service.ts';
import { scoreCustomer } from './completeness.ts';

export const archiveFactProvider: FactProvider = {
  module: 'archive',
  codes: [
    {
      code: 'archive.incomplete_customer',
      label: labels('业主资料不完整', '業主資料不完整', 'Customer archive incomplete'),
      unit: 'times',
    },
  ],
  async collect(c) {
    const { facts, policy, areas, areasOf } = await completenessFacts(c.exec, c.policy, c.projectId);
    const owners = new Map(areas.map((a) => [a.id, a.owner_staff_id]));
    const out: RawFact[] = [];
    for (const f of facts) {
      if (scoreCustomer(f, policy).score >= 100) continue;
      const staff = new Set(
        areasOf(f)
          .map((a) => owners.get(a))
          .filter((s): s is number => s != null),
      );
      for (const staffId of staff)
        out.push({
          staffId,
          code: 'archive.incomplete_customer',
          evidence: { kind: 'customer', id: f.id, label: f.name, href: `/customers/${f.id}` },
        });
    }
    return out;
  },
};
