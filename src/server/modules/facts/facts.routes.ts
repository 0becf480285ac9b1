import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fact, factCode, factsQuery } from '../../../shared/facts.ts';
import { errorSchema } from '../../../shared/schemas.ts';
import { listFactCodes, listFacts } from './facts.service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export async function factRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['facts'];
  app.get(
    '/facts',
    {
      schema: {
        tags,
        summary: 'Facts for the staff assessment of a project’s month, per person and code, with links to the evidence',
        description:
          'Late replies and repairs, unsigned handovers, missed return visits, unmet quotas … Without staff.read, only your own.',
        querystring: factsQuery,
        response: { 200: z.object({ month: z.string(), items: z.array(fact) }), ...errors },
      },
    },
    (req) => listFacts(req.ctx(), req.server.registry.factProviders, req.query),
  );
  app.get(
    '/facts/codes',
    {
      schema: {
        tags,
        summary: 'The fact codes the modules publish, with their labels',
        response: { 200: z.object({ items: z.array(factCode) }), ...errors },
      },
    },
    (req) => listFactCodes(req.ctx(), req.server.registry.factProviders),
  );
}
