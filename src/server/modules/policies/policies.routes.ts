import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema, id } from '../../../shared/schemas.ts';
import { describePolicy, policyHistory, setPolicyOverride } from './policies.service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const scope = z.object({ projectId: id.optional() });

export async function policyRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['policies'];
  const described = z.object({
    projectId: z.number().nullable(),
    effective: z.record(z.string(), z.unknown()),
    defaults: z.record(z.string(), z.unknown()),
    companyOverride: z.unknown().nullable(),
    projectOverride: z.unknown().nullable(),
  });

  app.get(
    '/policies',
    {
      schema: {
        tags,
        summary: 'Effective policy (deadlines, thresholds, major-incident rules) with defaults and overrides',
        querystring: scope,
        response: { 200: described, ...errors },
      },
    },
    (req) => describePolicy(req.ctx(), req.query.projectId ?? null),
  );
  app.put(
    '/policies',
    {
      schema: {
        tags,
        summary: 'Replaces the override of the company (no projectId) or of a project; audited, kept as history',
        body: z.object({
          projectId: id.nullish(),
          override: z.record(z.string(), z.unknown()),
          note: z.string().trim().max(500).nullish(),
        }),
        response: { 200: described, ...errors },
      },
    },
    (req) => setPolicyOverride(req.ctx(), req.body.projectId ?? null, req.body.override, req.body.note),
  );
  app.get(
    '/policies/history',
    {
      schema: {
        tags,
        querystring: scope,
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.number(), at: z.string(), by: z.string().nullable(), note: z.string().nullable(), override: z.unknown() }),
            ),
          }),
          ...errors,
        },
      },
    },
    (req) => policyHistory(req.ctx(), req.query.projectId ?? null),
  );
}
