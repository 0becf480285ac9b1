import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { policyOperations } from '../../../shared/api/policies.ts';
import { describePolicy, policyHistory, policyLayoutFor, setPolicyOverride } from './policies.service.ts';

export async function policyRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/policies', { schema: policyOperations['GET /api/policies'] }, (req) => describePolicy(req.ctx(), req.query.projectId ?? null));
  app.get('/policies/schema', { schema: policyOperations['GET /api/policies/schema'] }, (req) => policyLayoutFor(req.ctx()));
  app.put('/policies', { schema: policyOperations['PUT /api/policies'] }, (req) =>
    setPolicyOverride(req.ctx(), req.body.projectId ?? null, req.body.override, req.body.note),
  );
  app.get('/policies/history', { schema: policyOperations['GET /api/policies/history'] }, (req) =>
    policyHistory(req.ctx(), req.query.projectId ?? null),
  );
}
