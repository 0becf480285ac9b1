import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { obligationRow, obligationRule, obligationsQuery } from '../../../shared/obligations.ts';
import { errorSchema } from '../../../shared/schemas.ts';
import { listObligations, listRules } from './obligations.service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export async function obligationRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['obligations'];
  app.get(
    '/obligations',
    {
      schema: {
        tags,
        summary: 'Obligations of a project (visit quotas, forums, inspections …) per owner and period, due / done / late / missed',
        description:
          'The calendar of every rule the modules register, for the days from–to (default: the current month, at most 400 days).',
        querystring: obligationsQuery,
        response: { 200: z.object({ from: z.string(), to: z.string(), items: z.array(obligationRow) }), ...errors },
      },
    },
    (req) => listObligations(req.ctx(), req.server.registry.obligations, req.query),
  );
  app.get(
    '/obligations/rules',
    {
      schema: {
        tags,
        summary: 'The obligation rules the modules register',
        response: { 200: z.object({ items: z.array(obligationRule) }), ...errors },
      },
    },
    (req) => listRules(req.ctx(), req.server.registry.obligations),
  );
}
