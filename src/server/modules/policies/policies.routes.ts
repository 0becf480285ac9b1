import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policyHistoryItem, policyLayout, policyOverrideBody, policyState } from '../../../shared/policies.ts';
import { errorSchema, id } from '../../../shared/schemas.ts';
import { describePolicy, policyHistory, policyLayoutFor, setPolicyOverride } from './policies.service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const scope = z.object({ projectId: id.optional() });

export async function policyRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['policies'];

  app.get(
    '/policies',
    {
      schema: {
        tags,
        summary: 'Effective policy (deadlines, thresholds, major-incident rules) with defaults and overrides',
        querystring: scope,
        response: { 200: policyState, ...errors },
      },
    },
    (req) => describePolicy(req.ctx(), req.query.projectId ?? null),
  );
  app.get(
    '/policies/schema',
    {
      schema: {
        tags,
        summary: 'The sections of the policy and their fields (kind, labels, unit, bounds, choices), to draw the policies page',
        response: { 200: policyLayout, ...errors },
      },
    },
    (req) => policyLayoutFor(req.ctx()),
  );
  app.put(
    '/policies',
    {
      schema: {
        tags,
        summary: 'Replaces the override of the company (no projectId) or of a project; audited, kept as history',
        body: policyOverrideBody,
        response: { 200: policyState, ...errors },
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
        response: { 200: z.object({ items: z.array(policyHistoryItem) }), ...errors },
      },
    },
    (req) => policyHistory(req.ctx(), req.query.projectId ?? null),
  );
}
