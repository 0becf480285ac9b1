import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { platformOperations } from '../../../shared/api/platform.ts';
import { listObligations, listRules } from './obligations.service.ts';

export async function obligationRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/obligations', { schema: platformOperations['GET /api/obligations'] }, (req) =>
    listObligations(req.ctx(), req.server.registry.obligations, req.query),
  );
  app.get('/obligations/rules', { schema: platformOperations['GET /api/obligations/rules'] }, (req) =>
    listRules(req.ctx(), req.server.registry.obligations),
  );
}
