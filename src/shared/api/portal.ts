/** Operations of the resident portal's own data (its tickets and surveys are with tickets and engagement). */
import { household, list } from '../schemas.ts';
import { defineOperations, errorAnswers } from './contract.ts';

export const portalOperations = defineOperations({
  'GET /api/portal/households': {
    operationId: 'listHouseholds',
    summary: 'The logged-in resident’s households (我的房屋)',
    tags: ['portal'],
    response: { 200: list(household), ...errorAnswers(401, 403) },
  },
});
