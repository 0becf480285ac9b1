/**
 * The visit quotas and the owners' forum as obligations (seed 002 制度1 二, seed 004 考核内容五), with
 * their numbers from the `engagement` policy: a butler visits ≥ 15 households a month with record and
 * photo, the front desk makes ≥ 15 proactive contacts a month, the office director visits every
 * household at least once a year, each responsibility area is visited every quarter, and an owners'
 * forum is held every 6 months.
 */
import { labels } from '../../../shared/policies/fields.ts';
import type { EvidenceLink } from '../../../shared/schemas.ts';
import { visitPhotos } from './visits.service.ts';
import { ownerKey, staffOwners, type Contribution, type ObligationContext, type ObligationDefinition } from '../../platform/obligations.ts';

const visitEvidence = (id: number, label: string): EvidenceLink => ({ kind: 'visit', id, label, href: `/visits?visit=${id}` });

/** Done visits of the owners in the project between two local days. */
function doneVisits(c: ObligationContext, staffIds: number[], from: string, to: string) {
  return c.exec
    .selectFrom('visits')
    .leftJoin('units', 'units.id', 'visits.unit_id')
    .select(['visits.id', 'visits.staff_id', 'visits.unit_id', 'visits.visit_date', 'visits.kind', 'units.code as unit_code'])
    .where('visits.project_id', '=', c.projectId)
    .where('visits.staff_id', 'in', staffIds.length ? staffIds : [-1])
    .where('visits.status', '=', 'done')
    .where('visits.visit_date', '>=', from)
    .where('visits.visit_date', '<=', to)
    .orderBy('visits.visit_date')
    .orderBy('visits.id');
}

const label = (r: { unit_code: string | null; visit_date: string | null }) => `${r.visit_date ?? ''} ${r.unit_code ?? '主动联系'}`.trim();

/** Occupied households of the project (units somebody lives in). */
async function householdCount(c: ObligationContext): Promise<number> {
  const row = await c.exec
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('units.project_id', '=', c.projectId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('occupancies')
          .select('occupancies.id')
          .whereRef('occupancies.unit_id', '=', 'units.id')
          .where('occupancies.move_out_date', 'is', null),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Responsibility areas the person answers for (主责任人 / 付责任人). */
async function areasOf(c: ObligationContext) {
  return c.exec
    .selectFrom('responsibility_areas')
    .select(['id', 'main_responsible_id', 'deputy_responsible_id'])
    .where('project_id', '=', c.projectId)
    .execute();
}

export const butlerMonthly: ObligationDefinition = {
  code: 'butler_monthly',
  module: 'engagement',
  label: labels('管家每月走访住户', '管家每月走訪住戶', "Butler's household visits a month"),
  unit: 'households',
  owners: (c) => staffOwners(c.exec, c.projectId, ['butler']),
  cadence: () => ({ every: 'month' }),
  required: (c) => c.policy.engagement.butlerHouseholdsPerMonth,
  async measure(c, owners, from, to) {
    let q = doneVisits(
      c,
      owners.map((o) => o.id),
      from,
      to,
    ).where('visits.kind', '=', 'household');
    // 有记录，有照片: only a visit with a photo counts when the policy asks for one.
    if (c.policy.engagement.butlerPhotoRequired)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('files')
            .select('files.id')
            .where('files.owner_kind', '=', visitPhotos.kind)
            .whereRef('files.owner_id', '=', 'visits.id'),
        ),
      );
    // Households, not visits: a second visit to the same household in the period does not count again.
    const seen = new Set<string>();
    const out: Contribution[] = [];
    for (const r of await q.execute()) {
      const key = `${r.staff_id}:${r.unit_id}`;
      if (r.unit_id === null || seen.has(key)) continue;
      seen.add(key);
      out.push({
        owner: ownerKey({ kind: 'staff', id: r.staff_id }),
        amount: 1,
        on: r.visit_date!,
        evidence: visitEvidence(r.id, label(r)),
      });
    }
    return out;
  },
};

export const frontdeskMonthly: ObligationDefinition = {
  code: 'frontdesk_monthly',
  module: 'engagement',
  label: labels('前台每月主动沟通', '前台每月主動溝通', 'Proactive contacts of the front desk a month'),
  unit: 'times',
  owners: (c) => staffOwners(c.exec, c.projectId, ['frontdesk']),
  cadence: () => ({ every: 'month' }),
  required: (c) => c.policy.engagement.frontdeskContactsPerMonth,
  async measure(c, owners, from, to) {
    const rows = await doneVisits(
      c,
      owners.map((o) => o.id),
      from,
      to,
    ).execute();
    return rows.map((r) => ({
      owner: ownerKey({ kind: 'staff', id: r.staff_id }),
      amount: 1,
      on: r.visit_date!,
      evidence: visitEvidence(r.id, label(r)),
    }));
  },
};

export const directorYearly: ObligationDefinition = {
  code: 'director_yearly',
  module: 'engagement',
  label: labels('主任每年登门拜访每户', '主任每年登門拜訪每戶', "The director's yearly visit to every household"),
  unit: 'households',
  owners: (c) => staffOwners(c.exec, c.projectId, ['director']),
  cadence: () => ({ every: 'year' }),
  // Every household is due once a year.
  required: (c) => householdCount(c),
  async measure(c, owners, from, to) {
    const min = c.policy.engagement.directorVisitsPerHousehold.min;
    const rows = await doneVisits(
      c,
      owners.map((o) => o.id),
      from,
      to,
    )
      .where('visits.kind', '=', 'household')
      .execute();
    // A household counts once it had the policy's minimum of visits this year, on the day of that visit.
    const counts = new Map<string, number>();
    const out: Contribution[] = [];
    for (const r of rows) {
      if (r.unit_id === null) continue;
      const key = `${r.staff_id}:${r.unit_id}`;
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n === Math.max(min, 1))
        out.push({
          owner: ownerKey({ kind: 'staff', id: r.staff_id }),
          amount: 1,
          on: r.visit_date!,
          evidence: visitEvidence(r.id, label(r)),
        });
    }
    return out;
  },
};

export const areaQuarterly: ObligationDefinition = {
  code: 'area_quarterly',
  module: 'engagement',
  label: labels('责任区每季度走访', '責任區每季度走訪', 'Quarterly visit to each responsibility area'),
  unit: 'times',
  async owners(c) {
    const areas = await areasOf(c);
    const people = await staffOwners(c.exec, c.projectId, ['director', 'supervisor']);
    return people.filter((p) => areas.some((a) => a.main_responsible_id === p.id || a.deputy_responsible_id === p.id));
  },
  cadence: () => ({ every: 'quarter' }),
  async required(c, owner) {
    const n = c.policy.engagement.areaVisitsPerQuarter;
    if (n === 0) return null;
    const mine = (await areasOf(c)).filter((a) => a.main_responsible_id === owner.id || a.deputy_responsible_id === owner.id);
    return mine.length ? mine.length * n : null;
  },
  async measure(c, owners, from, to) {
    const cap = c.policy.engagement.areaVisitsPerQuarter;
    const areas = await areasOf(c);
    const rows = await doneVisits(
      c,
      owners.map((o) => o.id),
      from,
      to,
    )
      .innerJoin('responsibility_area_buildings', 'responsibility_area_buildings.building_id', 'units.building_id')
      .select('responsibility_area_buildings.area_id')
      .execute();
    // Each of the person's areas counts up to the policy's number of visits.
    const perArea = new Map<string, number>();
    const out: Contribution[] = [];
    for (const r of rows) {
      const area = areas.find((a) => a.id === r.area_id);
      if (!area || (area.main_responsible_id !== r.staff_id && area.deputy_responsible_id !== r.staff_id)) continue;
      const key = `${r.staff_id}:${r.area_id}`;
      const n = (perArea.get(key) ?? 0) + 1;
      perArea.set(key, n);
      if (n <= cap)
        out.push({
          owner: ownerKey({ kind: 'staff', id: r.staff_id }),
          amount: 1,
          on: r.visit_date!,
          evidence: visitEvidence(r.id, label(r)),
        });
    }
    return out;
  },
};

export const ownersForum: ObligationDefinition = {
  code: 'forum',
  module: 'engagement',
  label: labels('业主座谈会', '業主座談會', "Owners' forum"),
  unit: 'times',
  owners: async (c) => [{ kind: 'project', id: c.projectId, name: c.projectName }],
  cadence: (policy) => ({ intervalMonths: policy.engagement.forumIntervalMonths }),
  required: () => 1,
  // The project's start: its creation, or an earlier forum on record.
  async origin(c) {
    const first = await c.exec
      .selectFrom('forums')
      .select((eb) => eb.fn.min('held_on').as('d'))
      .where('project_id', '=', c.projectId)
      .executeTakeFirst();
    const earliest = (first?.d as string | null | undefined) ?? null;
    return earliest && earliest < c.projectSince ? earliest : c.projectSince;
  },
  async measure(c, _owners, from, to) {
    const rows = await c.exec
      .selectFrom('forums')
      .select(['id', 'held_on', 'title'])
      .where('project_id', '=', c.projectId)
      .where('held_on', '>=', from)
      .where('held_on', '<=', to)
      .execute();
    return rows.map((r) => ({
      owner: ownerKey({ kind: 'project', id: c.projectId }),
      amount: 1,
      on: r.held_on,
      evidence: { kind: 'forum', id: r.id, label: `${r.held_on} ${r.title}`, href: `/forums?forum=${r.id}` },
    }));
  },
  remind: ['director', 'supervisor'],
};

/** The rules of the engagement module, in the order of the quota report. */
export const engagementObligations = [butlerMonthly, frontdeskMonthly, directorYearly, areaQuarterly, ownersForum];
