/**
 * The obligations engine: cadences and quotas as rules that modules register ("who must do what, how
 * often, how much"), one evaluator that answers per owner and period what is owed and done and
 * whether it is upcoming, due, done, late or missed — from the records that fulfil the rule — and
 * the reminders the sweeper sends before a due date and when one is missed.
 *
 * Two kinds of cadence:
 * - calendar periods (a month, a quarter, a year …): the amount is owed within each period, due on
 *   its last day;
 * - an interval (every 6 months): due that long after the last fulfilment (or after the origin, the
 *   project's start); fulfilled after the due date it is late, not fulfilled by then it is missed.
 */
import type { Executor } from '../db/database.ts';
import { localDate } from './calendar.ts';
import type { FactProvider, RawFact } from './facts.ts';
import { projectClock } from './project.ts';
import type { ObligationRow, ObligationState } from '../../shared/obligations.ts';
import { addMonths, periodsBetween, type Period, type PeriodKind } from '../../shared/periods.ts';
import type { Policy } from '../../shared/policies.ts';
import type { Labels, PolicyUnit } from '../../shared/policies/fields.ts';
import type { EvidenceLink } from '../../shared/schemas.ts';
import type { RoleCode } from '../../shared/permissions.ts';

export type ObligationOwner =
  | {
      kind: 'staff';
      id: number;
      name: string;
      /** Hired on (local day): nothing is owed for periods that ended before. */ since?: string | null;
    }
  | { kind: 'project'; id: number; name: string };
export const ownerKey = (o: Pick<ObligationOwner, 'kind' | 'id'>) => `${o.kind}:${o.id}`;

/** What a rule's functions receive: the project, its policy and time zone, and today (local). */
export interface ObligationContext {
  exec: Executor;
  companyId: number;
  projectId: number;
  projectName: string;
  /** The local day the project began (created): nothing is owed for periods that ended before (`owed`). */
  projectSince: string;
  policy: Policy;
  timeZone: string;
  today: string;
}

/** One record's share of an obligation: who, how much, on which local day, and the record. */
export interface Contribution {
  owner: string;
  amount: number;
  on: string;
  evidence?: EvidenceLink;
}

export type Cadence = { every: PeriodKind } | { intervalMonths: number };

export interface ObligationDefinition {
  code: string;
  module: string;
  label: Labels;
  unit: PolicyUnit;
  /** Who owes it in the project. */
  owners(c: ObligationContext): Promise<ObligationOwner[]>;
  cadence(policy: Policy): Cadence;
  /** How much an owner owes in a period; null when nothing is owed (no area to visit, a rule set to 0). */
  required(c: ObligationContext, owner: ObligationOwner, period: Period): Promise<number | null> | number | null;
  /** What the owners did from `from` to `to` (local days, inclusive). Calendar rules are measured one period at a time. */
  measure(c: ObligationContext, owners: ObligationOwner[], from: string, to: string): Promise<Contribution[]>;
  /** Interval rules: the day the first interval starts (the project's start). */
  origin?(c: ObligationContext): Promise<string>;
  /** Who is reminded of an obligation the project owes (its owner is the project, not a person). */
  remind?: RoleCode[];
}

const MAX_EVIDENCE = 50;

function stateOf(
  required: number,
  done: number,
  metOn: string | null,
  period: { from: string },
  dueOn: string,
  today: string,
): ObligationState {
  if (done >= required && metOn !== null) return metOn <= dueOn ? 'done' : 'late';
  if (today > dueOn) return 'missed';
  return today < period.from ? 'upcoming' : 'due';
}

/** The day the running total of contributions reaches the required amount. */
function metOnOf(items: Contribution[], required: number, from: string): string | null {
  if (required <= 0) return from;
  let sum = 0;
  for (const c of items) {
    sum += c.amount;
    if (sum >= required) return c.on;
  }
  return null;
}

function row(
  def: ObligationDefinition,
  owner: ObligationOwner,
  period: { key: string; from: string; to: string },
  dueOn: string,
  required: number,
  items: Contribution[],
  today: string,
): ObligationRow {
  const done = items.reduce((sum, c) => sum + c.amount, 0);
  const metOn = metOnOf(items, required, period.from);
  return {
    code: def.code,
    module: def.module,
    label: def.label,
    owner,
    period,
    dueOn,
    required,
    done,
    unit: def.unit,
    state: stateOf(required, done, metOn, period, dueOn, today),
    metOn: done >= required ? metOn : null,
    owed: true,
    evidence: items.flatMap((c) => (c.evidence ? [c.evidence] : [])).slice(0, MAX_EVIDENCE),
  };
}

const byDay = (a: Contribution, b: Contribution) => a.on.localeCompare(b.on);

/**
 * Every row of a rule whose period overlaps the days `from`…`to`: for calendar rules each period of
 * the range, for interval rules each interval from the origin on (the open one always included).
 */
export async function evaluateObligation(
  c: ObligationContext,
  def: ObligationDefinition,
  range: { from: string; to: string },
  filter: { staffId?: number } = {},
): Promise<ObligationRow[]> {
  let owners = await def.owners(c);
  if (filter.staffId !== undefined) owners = owners.filter((o) => o.kind === 'staff' && o.id === filter.staffId);
  if (!owners.length) return [];
  const cadence = def.cadence(c.policy);
  const rows: ObligationRow[] = [];
  if ('every' in cadence) {
    for (const period of periodsBetween(cadence.every, range.from, range.to)) {
      const contributions = (await def.measure(c, owners, period.from, period.to)).sort(byDay);
      for (const owner of owners) {
        const required = await def.required(c, owner, period);
        if (required === null) continue;
        const key = ownerKey(owner);
        const r = row(
          def,
          owner,
          period,
          period.to,
          required,
          contributions.filter((x) => x.owner === key),
          c.today,
        );
        // Nothing is owed for a period that ended before the project began or before the person was hired.
        r.owed = period.to >= c.projectSince && (owner.kind !== 'staff' || !owner.since || owner.since <= period.to);
        rows.push(r);
      }
    }
    return rows;
  }
  const origin = def.origin ? await def.origin(c) : range.from;
  const contributions = (await def.measure(c, owners, origin, range.to > c.today ? range.to : c.today)).sort(byDay);
  for (const owner of owners) {
    const mine = contributions.filter((x) => x.owner === ownerKey(owner));
    const required = (await def.required(c, owner, { kind: 'day', key: origin, from: origin, to: origin })) ?? 1;
    let anchor = origin;
    // The first interval counts what happened on its first day; later ones start the day after a fulfilment.
    for (let first = true; ; first = false) {
      const dueOn = addMonths(anchor, cadence.intervalMonths);
      const next = mine.filter((x) => (first ? x.on >= anchor : x.on > anchor));
      const fulfilled = metOnOf(next, required, anchor);
      const period = { key: `${anchor}/${dueOn}`, from: anchor, to: dueOn };
      const taken = fulfilled ? next.filter((x) => x.on <= fulfilled) : next;
      const r = row(def, owner, period, dueOn, required, taken, c.today);
      if (period.to >= range.from || !fulfilled) rows.push(r);
      if (!fulfilled || fulfilled > range.to) break;
      anchor = fulfilled;
    }
  }
  return rows;
}

/** Every registered rule for a project, over a range of days. */
export async function evaluateObligations(
  c: ObligationContext,
  definitions: readonly ObligationDefinition[],
  range: { from: string; to: string },
  filter: { codes?: string[]; staffId?: number } = {},
): Promise<ObligationRow[]> {
  const out: ObligationRow[] = [];
  for (const def of definitions) {
    if (filter.codes && !filter.codes.includes(def.code)) continue;
    out.push(...(await evaluateObligation(c, def, range, filter)));
  }
  return out;
}

/** Owners of a rule: the project's active staff holding any of the roles, in id order. */
export async function staffOwners(exec: Executor, projectId: number, roles: readonly RoleCode[]): Promise<ObligationOwner[]> {
  const rows = await exec
    .selectFrom('staff')
    .innerJoin('staff_projects', 'staff_projects.staff_id', 'staff.id')
    .select(['staff.id', 'staff.name', 'staff.hire_date'])
    .where('staff_projects.project_id', '=', projectId)
    .where('staff.status', 'in', ['active', 'probation'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_roles')
          .innerJoin('roles', 'roles.id', 'staff_roles.role_id')
          .select('staff_roles.staff_id')
          .whereRef('staff_roles.staff_id', '=', 'staff.id')
          .where('roles.code', 'in', [...roles]),
      ),
    )
    .orderBy('staff.id')
    .execute();
  return rows.map((r) => ({ kind: 'staff', id: r.id, name: r.name, since: r.hire_date }));
}

/** The context of a project's obligations today. */
export async function obligationContext(exec: Executor, companyId: number, projectId: number, now: Date): Promise<ObligationContext> {
  const pc = await projectClock(exec, companyId, projectId);
  const project = await exec.selectFrom('projects').select('created_at').where('id', '=', projectId).executeTakeFirstOrThrow();
  return {
    exec,
    companyId,
    projectId,
    projectName: pc.projectName,
    projectSince: localDate(new Date(project.created_at), pc.timeZone),
    policy: pc.policy,
    timeZone: pc.timeZone,
    today: localDate(now, pc.timeZone),
  };
}

/**
 * Unmet obligations as facts for the assessment: each period whose due date fell in the month and
 * passed unfulfilled counts its shortfall, against the person who owed it — or, for what the project
 * owes (an owners' forum), against the roles the rule reminds.
 */
export function obligationFactProvider(definitions: readonly ObligationDefinition[]): FactProvider {
  return {
    module: 'obligations',
    codes: definitions.map((d) => ({
      code: `obligations.${d.code}`,
      label: { 'zh-CN': `${d.label['zh-CN']}未完成`, 'zh-TW': `${d.label['zh-TW']}未完成`, en: `${d.label.en}: not met` },
      unit: d.unit,
    })),
    async collect(fc) {
      const c = await obligationContext(fc.exec, fc.companyId, fc.projectId, fc.now);
      const out: RawFact[] = [];
      for (const def of definitions) {
        const rows = await evaluateObligation(c, def, { from: fc.days.from, to: fc.days.to });
        for (const r of rows) {
          if (!r.owed || r.state !== 'missed' || r.dueOn < fc.days.from || r.dueOn > fc.days.to) continue;
          const evidence = {
            kind: 'obligation',
            id: r.owner.id,
            label: `${r.period.key} ${r.done}/${r.required}`,
            href: `/obligations?month=${fc.month}`,
          };
          const staff =
            r.owner.kind === 'staff'
              ? [r.owner.id]
              : (await staffOwners(fc.exec, fc.projectId, def.remind ?? ['director'])).map((o) => o.id);
          for (const staffId of staff) out.push({ staffId, code: `obligations.${def.code}`, count: r.required - r.done, evidence });
        }
      }
      return out;
    },
  };
}
