/**
 * A project's context for anything measured in its own time: its time zone, its effective policy
 * and the company's holiday calendar (`projectClock`). Every module that counts days, months or
 * deadlines starts here.
 */
import type { Executor } from '../db/database.ts';
import type { HolidayCalendar } from './calendar.ts';
import { notFound } from './errors.ts';
import { loadHolidayCalendar } from './holidays.ts';
import { getPolicy } from '../modules/policies/policies.service.ts';
import type { Policy } from '../../shared/policies.ts';

export interface ProjectClock {
  companyId: number;
  projectId: number;
  projectName: string;
  policy: Policy;
  timeZone: string;
  holidays: HolidayCalendar;
}

/** Project time zones rarely change; read once a minute per database handle (never inside a transaction). */
const zones = new WeakMap<object, Map<number, { zone: string; companyId: number; name: string; until: number }>>();

async function projectZone(db: Executor, projectId: number): Promise<{ zone: string; companyId: number; name: string } | undefined> {
  let byProject = zones.get(db);
  if (!byProject) zones.set(db, (byProject = new Map()));
  const hit = byProject.get(projectId);
  if (hit && hit.until > performance.now()) return hit;
  const row = await db.selectFrom('projects').select(['time_zone', 'company_id', 'name']).where('id', '=', projectId).executeTakeFirst();
  if (!row) return undefined;
  const entry = { zone: row.time_zone, companyId: row.company_id, name: row.name, until: performance.now() + 60_000 };
  if (!db.isTransaction) byProject.set(projectId, entry);
  return entry;
}

/** Forgets a project's cached time zone (after the project is edited on this server). */
export function forgetProjectZone(db: Executor, projectId: number): void {
  zones.get(db)?.delete(projectId);
}

/**
 * The time zone, policy and holiday calendar of a project of the company. A project of another
 * company — or none at all (leadership may name any id) — is not found, never a server error.
 * Inside a transaction pass the transaction: on SQLite a read on the database handle would wait for
 * the transaction that is waiting for it.
 */
export async function projectClock(db: Executor, companyId: number, projectId: number): Promise<ProjectClock> {
  const [project, policy, holidays] = await Promise.all([
    projectZone(db, projectId),
    getPolicy(db, companyId, projectId),
    loadHolidayCalendar(db, companyId),
  ]);
  if (!project || project.companyId !== companyId) throw notFound('Project');
  return { companyId, projectId, projectName: project.name, policy, timeZone: project.zone, holidays };
}
