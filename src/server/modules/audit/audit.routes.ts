import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../../shared/schemas.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { listPage } from '../../platform/pagination.ts';
import { projectScope, requirePermission } from '../../platform/permissions.ts';
import { auditOperations } from '../../../shared/api/audit.ts';

/** The audit log, newest first, scoped to the caller's projects; company-level entries only for all-project roles. */
export async function listAudit(ctx: ServiceContext, query: z.infer<typeof s.auditQuery>) {
  const actor = requirePermission(ctx, 'audit.read');
  const scope = projectScope(actor, query.projectId);
  let q = ctx.db
    .selectFrom('audit_log')
    .leftJoin('staff', (join) => join.onRef('staff.id', '=', 'audit_log.actor_id').on('audit_log.actor_kind', '=', 'staff'))
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.project_id',
      'audit_log.actor_kind',
      'audit_log.actor_id',
      'staff.name as actor_name',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_id',
      'audit_log.before_json',
      'audit_log.after_json',
      'audit_log.reason',
    ])
    .where('audit_log.company_id', '=', actor.companyId);
  if (scope) q = q.where('audit_log.project_id', 'in', scope.length ? scope : [-1]);
  if (query.entity) q = q.where('audit_log.entity', '=', query.entity);
  if (query.entityId) q = q.where('audit_log.entity_id', '=', query.entityId);
  if (query.action) q = q.where('audit_log.action', '=', query.action);
  return listPage(q, 'audit_log.id', query, (r) => ({
    id: r.id,
    at: r.at,
    projectId: r.project_id,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
    reason: r.reason,
  }));
}

export async function auditRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/audit',
    {
      schema: auditOperations['GET /api/audit'],
    },
    (req) => listAudit(req.ctx(), req.query),
  );
}
