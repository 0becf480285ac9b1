/**
 * The facts feed of the staff assessment: every module publishes, through one registry, what
 * happened per person, project and month — a late reply, an unsigned handover, a quota missed — with
 * the records that prove it. Facts are computed from the modules' own records when asked, so the
 * evidence always agrees with them; the assessment freezes what it confirms when it closes a month.
 */
import type { Executor } from '../db/database.ts';
import type { Fact, FactCode } from '../../shared/facts.ts';
import { parsePeriod, type Period } from '../../shared/periods.ts';
import type { Policy } from '../../shared/policies.ts';
import type { Labels, PolicyUnit } from '../../shared/policies/fields.ts';
import type { EvidenceLink } from '../../shared/schemas.ts';
import { localDate } from './calendar.ts';
import { localPeriodRange, type Range } from './periods.ts';
import { projectClock } from './project.ts';

export interface FactCodeDefinition {
  code: string;
  label: Labels;
  unit: PolicyUnit;
}

/** What a provider receives: the project and its policy, the month as local days and as a UTC range. */
export interface FactContext {
  exec: Executor;
  companyId: number;
  projectId: number;
  projectName: string;
  policy: Policy;
  timeZone: string;
  month: string;
  days: Period;
  range: Range;
  now: Date;
  today: string;
}

/** One occurrence: whose, which code, how many (default 1), and the record. */
export interface RawFact {
  staffId: number;
  code: string;
  count?: number;
  evidence?: EvidenceLink;
}

export interface FactProvider {
  module: string;
  codes: FactCodeDefinition[];
  collect(c: FactContext): Promise<RawFact[]>;
}

const MAX_EVIDENCE = 50;

export async function factContext(exec: Executor, companyId: number, projectId: number, month: string, now: Date): Promise<FactContext> {
  const pc = await projectClock(exec, companyId, projectId);
  const days = parsePeriod(month);
  if (!days || days.kind !== 'month') throw new Error(`not a month: ${month}`);
  return {
    exec,
    companyId,
    projectId,
    projectName: pc.projectName,
    policy: pc.policy,
    timeZone: pc.timeZone,
    month,
    days,
    range: localPeriodRange(days, pc.timeZone),
    now,
    today: localDate(now, pc.timeZone),
  };
}

/** The facts of a project's month from every provider, one per person and code, with their evidence. */
export async function collectFacts(c: FactContext, providers: readonly FactProvider[], filter: { staffId?: number } = {}): Promise<Fact[]> {
  const known = new Set(providers.flatMap((p) => p.codes.map((x) => x.code)));
  const grouped = new Map<string, { staffId: number; code: string; count: number; evidence: EvidenceLink[] }>();
  for (const provider of providers) {
    for (const raw of await provider.collect(c)) {
      if (!known.has(raw.code)) throw new Error(`fact code ${raw.code} of ${provider.module} is not registered`);
      if (filter.staffId !== undefined && raw.staffId !== filter.staffId) continue;
      const key = `${raw.staffId}|${raw.code}`;
      let g = grouped.get(key);
      if (!g) grouped.set(key, (g = { staffId: raw.staffId, code: raw.code, count: 0, evidence: [] }));
      g.count += raw.count ?? 1;
      if (raw.evidence && g.evidence.length < MAX_EVIDENCE) g.evidence.push(raw.evidence);
    }
  }
  const ids = [...new Set([...grouped.values()].map((g) => g.staffId))];
  const names = new Map(
    ids.length ? (await c.exec.selectFrom('staff').select(['id', 'name']).where('id', 'in', ids).execute()).map((s) => [s.id, s.name]) : [],
  );
  return [...grouped.values()]
    .filter((g) => g.count > 0)
    .map((g) => ({
      staffId: g.staffId,
      staffName: names.get(g.staffId) ?? '',
      projectId: c.projectId,
      period: c.month,
      code: g.code,
      count: g.count,
      evidence: g.evidence,
    }))
    .sort((a, b) => a.staffName.localeCompare(b.staffName, 'zh') || a.code.localeCompare(b.code));
}

/** Every code the providers publish, for the assessment's mapping and the screens. */
export function factCodes(providers: readonly FactProvider[]): FactCode[] {
  return providers.flatMap((p) => p.codes.map((c) => ({ code: c.code, module: p.module, label: c.label, unit: c.unit })));
}
