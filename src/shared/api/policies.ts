/** Operations of policies (the numbers from the regulations), their history and the layout of the policies page. */
import { z } from 'zod';
import { policyHistoryItem, policyLayout, policyOverrideBody, policyState } from '../policies.ts';
import { id, list } from '../schemas.ts';
import { defineOperations, errorAnswers } from './contract.ts';

const errors = errorAnswers(400, 401, 403, 404);
const tags = ['policies'];
/** Company scope without projectId, a project's with it. */
const policyScopeQuery = z.object({ projectId: id.optional() });

export const policyOperations = defineOperations({
  'GET /api/policies': {
    operationId: 'getPolicy',
    summary: 'Effective policy (deadlines, thresholds, major-incident rules) with defaults and overrides',
    tags,
    querystring: policyScopeQuery,
    response: { 200: policyState, ...errors },
  },
  'GET /api/policies/schema': {
    operationId: 'getPolicyLayout',
    summary: 'The sections of the policy and their fields (kind, labels, unit, bounds, choices), to draw the policies page',
    tags,
    response: { 200: policyLayout, ...errors },
  },
  'PUT /api/policies': {
    operationId: 'setPolicyOverride',
    summary: 'Replaces the override of the company (no projectId) or of a project; audited, kept as history',
    tags,
    body: policyOverrideBody,
    response: { 200: policyState, ...errors },
  },
  'GET /api/policies/history': {
    operationId: 'listPolicyHistory',
    summary: 'Earlier overrides of the company or a project, newest first, with who changed them and why',
    tags,
    querystring: policyScopeQuery,
    response: { 200: list(policyHistoryItem), ...errors },
  },
});
