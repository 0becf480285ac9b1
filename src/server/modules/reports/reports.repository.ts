import type { Executor } from '../../db/database.ts';
import type { StaffActor } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { assertProjectAccess } from '../../platform/permissions.ts';
import { n } from './stats.ts';

export interface ReportProject {
  id: number;
  name: string;
  timeZone: string;
}

/**
 * The projects a report covers: the one asked for (403 NOT_IN_PROJECT when it is not the caller's),
 * else every project the caller may see, in code order.
 */
export async function projectsInScope(db: Executor, actor: StaffActor, projectId?: number): Promise<ReportProject[]> {
  if (projectId !== undefined) assertProjectAccess(actor, projectId);
  let q = db.selectFrom('projects').select(['id', 'name', 'time_zone']).where('company_id', '=', actor.companyId);
  if (projectId !== undefined) q = q.where('id', '=', projectId);
  else if (!actor.allProjects) q = q.where('id', 'in', actor.projectIds.length ? actor.projectIds : [-1]);
  const rows = await q.orderBy('code').orderBy('id').execute();
  if (projectId !== undefined && rows.length === 0) throw notFound('Project');
  return rows.map((r) => ({ id: r.id, name: r.name, timeZone: r.time_zone }));
}

/** Projects grouped by time zone: one set of local-period bounds, and one query, per group. */
export function byTimeZone(projects: ReportProject[]): Map<string, ReportProject[]> {
  const groups = new Map<string, ReportProject[]>();
  for (const p of projects) groups.set(p.timeZone, [...(groups.get(p.timeZone) ?? []), p]);
  return groups;
}

/** 户数: units with a current occupancy (nobody moved out of it yet), per project. */
export async function householdsOf(db: Executor, projectIds: number[]): Promise<Map<number, number>> {
  if (!projectIds.length) return new Map();
  const rows = await db
    .selectFrom('occupancies')
    .select((eb) => ['project_id', eb.fn.count<number>('unit_id').distinct().as('households')])
    .where('project_id', 'in', projectIds)
    .where('move_out_date', 'is', null)
    .groupBy('project_id')
    .execute();
  return new Map(rows.map((r) => [r.project_id, n(r.households)]));
}

/** Names of the company's ticket categories by code (inactive ones too: old tickets keep them). */
export async function categoryNames(db: Executor, companyId: number): Promise<Map<string, string>> {
  const rows = await db.selectFrom('ticket_categories').select(['code', 'name']).where('company_id', '=', companyId).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
