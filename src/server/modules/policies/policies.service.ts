import type { Executor } from '../../db/database.ts';
import { applyPolicyOverride, defaultPolicy, mergePolicy, policyLayoutOf, type Policy } from '../../../shared/policies.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertProjectAccess, requirePermission, requireStaff } from '../../platform/permissions.ts';

/**
 * Effective policy = defaults ← company override ← project override. Each change is a new row, so
 * the table is the history. Reads are cached briefly; a change on this server clears the cache at
 * once, other app servers see it within the TTL.
 */
const caches = new WeakMap<object, Map<string, { policy: Policy; until: number }>>();
const ttlMs = 30_000;

async function latestOverride(db: Executor, companyId: number, projectId: number | null) {
  let q = db
    .selectFrom('policy_overrides')
    .select(['id', 'value_json', 'created_at', 'created_by', 'note'])
    .where('company_id', '=', companyId);
  q = projectId === null ? q.where('project_id', 'is', null) : q.where('project_id', '=', projectId);
  return q.orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function getPolicy(db: Executor, companyId: number, projectId: number | null): Promise<Policy> {
  // Cached per database handle (tests open several); never inside a transaction.
  let cache = caches.get(db);
  if (!cache || db.isTransaction) {
    cache = new Map();
    if (!db.isTransaction) caches.set(db, cache);
  }
  const key = `${companyId}:${projectId ?? '-'}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.policy;
  const company = await latestOverride(db, companyId, null);
  let policy = company ? mergePolicy(defaultPolicy, JSON.parse(company.value_json)) : defaultPolicy;
  if (projectId !== null) {
    const project = await latestOverride(db, companyId, projectId);
    if (project) policy = mergePolicy(policy, JSON.parse(project.value_json));
  }
  cache.set(key, { policy, until: Date.now() + ttlMs });
  return policy;
}

export function clearPolicyCache(db: Executor): void {
  caches.delete(db);
}

export async function describePolicy(ctx: ServiceContext, projectId: number | null) {
  const actor = requireStaff(ctx.actor);
  if (projectId !== null) assertProjectAccess(actor, projectId);
  const [company, project] = await Promise.all([
    latestOverride(ctx.db, actor.companyId, null),
    projectId === null ? undefined : latestOverride(ctx.db, actor.companyId, projectId),
  ]);
  return {
    projectId,
    effective: await getPolicy(ctx.db, actor.companyId, projectId),
    defaults: defaultPolicy,
    companyOverride: company ? JSON.parse(company.value_json) : null,
    projectOverride: project ? JSON.parse(project.value_json) : null,
  };
}

/** The sections and fields of the policy, for any staff member (the page shows them read-only to most). */
export function policyLayoutFor(ctx: ServiceContext) {
  requireStaff(ctx.actor);
  return policyLayoutOf();
}

/**
 * Replaces the override of one scope (company when projectId is null). The override may be partial;
 * it may name only settings the policy has, no deeper than the policy nests, and the merged result
 * must be a valid policy, or nothing is stored and the error names the field.
 */
export async function setPolicyOverride(
  ctx: ServiceContext,
  projectId: number | null,
  override: Record<string, unknown>,
  note?: string | null,
) {
  const actor = requirePermission(ctx, 'policy.manage');
  if (projectId === null && !actor.permissions.has('company.admin')) {
    throw new AppError('FORBIDDEN', 'Only a system administrator changes company-wide policies');
  }
  if (projectId !== null) assertProjectAccess(actor, projectId);
  const base = projectId === null ? defaultPolicy : await getPolicy(ctx.db, actor.companyId, null);
  const checked = applyPolicyOverride(base, override);
  if ('issues' in checked) {
    const fields = checked.issues.map((i) => ({ path: i.path ? `override.${i.path}` : 'override', message: i.message }));
    throw new AppError('VALIDATION_FAILED', `Invalid policy: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, fields);
  }
  const before = await latestOverride(ctx.db, actor.companyId, projectId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('policy_overrides')
      .values({
        company_id: actor.companyId,
        project_id: projectId,
        value_json: JSON.stringify(override),
        created_at: ctx.clock.now().toISOString(),
        created_by: actor.id,
        note: note ?? null,
      })
      .execute();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'policy',
      entityId: projectId ?? 'company',
      projectId,
      before: before ? JSON.parse(before.value_json) : null,
      after: override,
      reason: note ?? null,
    });
  });
  clearPolicyCache(ctx.db);
  return describePolicy(ctx, projectId);
}

export async function policyHistory(ctx: ServiceContext, projectId: number | null) {
  const actor = requireStaff(ctx.actor);
  if (projectId !== null) assertProjectAccess(actor, projectId);
  let q = ctx.db
    .selectFrom('policy_overrides')
    .leftJoin('staff', 'staff.id', 'policy_overrides.created_by')
    .select([
      'policy_overrides.id',
      'policy_overrides.value_json',
      'policy_overrides.created_at',
      'policy_overrides.note',
      'staff.name as by_name',
    ])
    .where('policy_overrides.company_id', '=', actor.companyId);
  q = projectId === null ? q.where('policy_overrides.project_id', 'is', null) : q.where('policy_overrides.project_id', '=', projectId);
  const rows = await q.orderBy('policy_overrides.id', 'desc').limit(100).execute();
  return { items: rows.map((r) => ({ id: r.id, at: r.created_at, by: r.by_name, note: r.note, override: JSON.parse(r.value_json) })) };
}
