/** Operations of policies (the numbers from the regulations) and their history. */
import { policyDescription, policyHistoryItem, policyOverrideBody, policyScopeQuery } from '../policies.ts';
import { list } from '../schemas.ts';
import { defineOperations, errorAnswers } from './contract.ts';

const errors = errorAnswers(400, 401, 403, 404);
const tags = ['policies'];

export const policyOperations = defineOperations({
  'GET /api/policies': {
    operationId: 'getPolicy',
    summary: 'Effective policy (deadlines, thresholds, major-incident rules) with defaults and overrides',
    tags,
    querystring: policyScopeQuery,
    response: { 200: policyDescription, ...errors },
  },
  'PUT /api/policies': {
    operationId: 'setPolicyOverride',
    summary: 'Replaces the override of the company (no projectId) or of a project; audited, kept as history',
    tags,
    body: policyOverrideBody,
    response: { 200: policyDescription, ...errors },
  },
  'GET /api/policies/history': {
    operationId: 'listPolicyHistory',
    summary: 'Earlier overrides of the company or a project, newest first, with who changed them and why',
    tags,
    querystring: policyScopeQuery,
    response: { 200: list(policyHistoryItem), ...errors },
  },
});
