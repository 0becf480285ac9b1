/**
 * 资料完整率 — how complete a customer's archive is (seed 004 考核内容十: 业主资料不完整 is a
 * deduction; seed 003: an owner leaves three ways to be reached). The rule is a pure function of a
 * customer's facts and the policy; the loaders gather the facts for one customer or a whole project
 * with a handful of grouped queries.
 */
import type { CompletenessCheck, CompletenessResult } from '../../../shared/archive.ts';
import type { OccupancyRelation } from '../../../shared/enums.ts';
import type { Policy } from '../../../shared/policies.ts';
import type { Executor } from '../../db/database.ts';

export interface CustomerFacts {
  id: number;
  name: string;
  kind: string;
  phone: string | null;
  hasIdNumber: boolean;
  hasOrganisationInfo: boolean;
  /** Every number, address or account the customer can be reached by (phone and contact list). */
  contactValues: string[];
  emergencyContacts: number;
  moveInForms: number;
  /** Current links (not moved out). */
  links: { unitId: number; code: string; buildingId: number; relation: OccupancyRelation }[];
}

const ownerRelations: readonly OccupancyRelation[] = ['owner', 'co_owner'];
const holderRelations: readonly OccupancyRelation[] = ['owner', 'co_owner', 'tenant'];

/** Distinct ways: the same number entered as phone and as a contact counts once. */
export function contactWays(values: string[]): number {
  return new Set(values.map((v) => v.replace(/[\s-]/g, '').toLowerCase()).filter(Boolean)).size;
}

/**
 * The score (0–100) and what is missing. A check that does not apply to the customer (an ID
 * number for an organisation, a move-in form for a family member) counts on neither side.
 */
export function scoreCustomer(facts: CustomerFacts, policy: Policy['archive']): CompletenessResult {
  const person = facts.kind === 'person';
  const owner = facts.links.some((l) => ownerRelations.includes(l.relation));
  const holder = facts.links.some((l) => holderRelations.includes(l.relation));
  const ways = contactWays(facts.contactValues);
  const required = owner ? policy.minContactWays : 1;
  const checks: { check: CompletenessCheck; applies: boolean; met: boolean }[] = [
    { check: 'contactWays', applies: true, met: ways >= required },
    // The household's emergency contact is left by whoever holds the unit, not by each family member.
    { check: 'emergencyContact', applies: person && holder, met: facts.emergencyContacts > 0 },
    { check: 'moveInForm', applies: holder, met: facts.moveInForms > 0 },
    { check: 'idDocument', applies: person, met: facts.hasIdNumber },
    { check: 'organisationInfo', applies: !person, met: facts.hasOrganisationInfo },
  ];
  let total = 0;
  let got = 0;
  const missing: CompletenessCheck[] = [];
  for (const c of checks) {
    if (!c.applies) continue;
    const weight = policy.completenessWeights[c.check];
    total += weight;
    if (c.met) got += weight;
    else missing.push(c.check);
  }
  return { score: total === 0 ? 100 : Math.round((100 * got) / total), missing, contactWays: ways, requiredContactWays: required };
}

/** The facts of one customer, or of every customer of a project. */
export async function loadFacts(db: Executor, filter: { projectId: number } | { customerId: number }): Promise<CustomerFacts[]> {
  const byProject = 'projectId' in filter;
  let customersQ = db
    .selectFrom('customers')
    .select(['id', 'name', 'kind', 'phone', 'id_number', 'org_legal_rep', 'org_contact_person'])
    .orderBy('id');
  customersQ = byProject ? customersQ.where('project_id', '=', filter.projectId) : customersQ.where('id', '=', filter.customerId);
  const [customers, contacts, emergency, forms, links] = await Promise.all([
    customersQ.execute(),
    (byProject
      ? db
          .selectFrom('customer_contacts')
          .innerJoin('customers', 'customers.id', 'customer_contacts.customer_id')
          .where('customers.project_id', '=', filter.projectId)
      : db.selectFrom('customer_contacts').where('customer_contacts.customer_id', '=', filter.customerId)
    )
      .select(['customer_contacts.customer_id', 'customer_contacts.value'])
      .execute(),
    (byProject
      ? db
          .selectFrom('emergency_contacts')
          .innerJoin('customers', 'customers.id', 'emergency_contacts.customer_id')
          .where('customers.project_id', '=', filter.projectId)
      : db.selectFrom('emergency_contacts').where('emergency_contacts.customer_id', '=', filter.customerId)
    )
      .select(['emergency_contacts.customer_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('emergency_contacts.customer_id')
      .execute(),
    (byProject
      ? db.selectFrom('archive_entries').where('project_id', '=', filter.projectId)
      : db.selectFrom('archive_entries').where('customer_id', '=', filter.customerId)
    )
      .where('section', '=', 'move_in')
      .select(['customer_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('customer_id')
      .execute(),
    (byProject
      ? db.selectFrom('occupancies').where('occupancies.project_id', '=', filter.projectId)
      : db.selectFrom('occupancies').where('occupancies.customer_id', '=', filter.customerId)
    )
      .innerJoin('units', 'units.id', 'occupancies.unit_id')
      .where('occupancies.move_out_date', 'is', null)
      .select(['occupancies.customer_id', 'occupancies.unit_id', 'occupancies.relation', 'units.code', 'units.building_id'])
      .orderBy('occupancies.id')
      .execute(),
  ]);
  const facts = new Map<number, CustomerFacts>();
  for (const c of customers) {
    facts.set(c.id, {
      id: c.id,
      name: c.name,
      kind: c.kind,
      phone: c.phone,
      hasIdNumber: !!c.id_number,
      hasOrganisationInfo: !!c.org_legal_rep && !!c.org_contact_person,
      contactValues: c.phone ? [c.phone] : [],
      emergencyContacts: 0,
      moveInForms: 0,
      links: [],
    });
  }
  for (const c of contacts) facts.get(c.customer_id)?.contactValues.push(c.value);
  for (const e of emergency) {
    const f = facts.get(e.customer_id);
    if (f) f.emergencyContacts = Number(e.n);
  }
  for (const m of forms) {
    const f = facts.get(m.customer_id);
    if (f) f.moveInForms = Number(m.n);
  }
  for (const l of links) {
    facts
      .get(l.customer_id)
      ?.links.push({ unitId: l.unit_id, code: l.code, buildingId: l.building_id, relation: l.relation as OccupancyRelation });
  }
  return [...facts.values()];
}
