import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { platformOperations } from '../../../shared/api/platform.ts';
import { listFactCodes, listFacts } from './facts.service.ts';

export async function factRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/facts', { schema: platformOperations['GET /api/facts'] }, (req) =>
    listFacts(req.ctx(), req.server.registry.factProviders, req.query),
  );
  app.get('/facts/codes', { schema: platformOperations['GET /api/facts/codes'] }, (req) =>
    listFactCodes(req.ctx(), req.server.registry.factProviders),
  );
}
