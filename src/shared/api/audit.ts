/** Operations of the audit log. */
import { auditEntry, auditQuery, page } from '../schemas.ts';
import { defineOperations, errorAnswers } from './contract.ts';

export const auditOperations = defineOperations({
  'GET /api/audit': {
    operationId: 'listAuditEntries',
    summary: 'Audit log: every write and every reveal of personal data',
    tags: ['audit'],
    querystring: auditQuery,
    response: { 200: page(auditEntry), ...errorAnswers(400, 401, 403) },
  },
});
