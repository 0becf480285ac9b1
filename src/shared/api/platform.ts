/** Operations of the platform's shared pieces: stored files, the obligations calendar and the facts feed. */
import { z } from 'zod';
import { fact, factCode, factsQuery } from '../facts.ts';
import { obligationRow, obligationRule, obligationsQuery } from '../obligations.ts';
import { registerBaseQuery, registerListItem, registerPage, registerParams } from '../registers.ts';
import { idParam, list } from '../schemas.ts';
import { defineOperations, errorAnswers } from './contract.ts';

const errors = errorAnswers(400, 401, 403, 404);

export const platformOperations = defineOperations({
  'GET /api/files/:id': {
    operationId: 'getFile',
    summary:
      'A stored file (a ticket or visit photo, an archive file …) for a caller who may see what it belongs to; images inline, PDFs as downloads',
    tags: ['files'],
    params: idParam,
  },
  'GET /api/registers': {
    operationId: 'listRegisters',
    summary: 'The registers (登记表) the caller may open: 报修记录, 投诉记录, 日常事务登记表, 值班记录 … with their own filters',
    tags: ['registers'],
    response: { 200: list(registerListItem), ...errors },
  },
  'GET /api/registers/:register': {
    operationId: 'getRegister',
    summary: 'A paper register as a filtered view of a project, newest entry first; from/to are local days, inclusive',
    description:
      'Each register takes its own filters too (GET /api/registers lists them, e.g. status and type for the ticket registers). `format=xlsx` returns the register as an Excel workbook in time order; personal numbers are always masked.',
    tags: ['registers'],
    params: registerParams,
    querystring: registerBaseQuery,
    response: { 200: registerPage, ...errors },
  },
  'GET /api/obligations': {
    operationId: 'listObligations',
    summary: 'Obligations of a project (visit quotas, forums, inspections …) per owner and period: due, done, late or missed',
    description: 'The calendar of every rule the modules register, for the days from–to (default: the current month, at most 400 days).',
    tags: ['obligations'],
    querystring: obligationsQuery,
    response: { 200: z.object({ from: z.string(), to: z.string(), items: z.array(obligationRow) }), ...errors },
  },
  'GET /api/obligations/rules': {
    operationId: 'listObligationRules',
    summary: 'The obligation rules the modules register',
    tags: ['obligations'],
    response: { 200: list(obligationRule), ...errors },
  },
  'GET /api/facts': {
    operationId: 'listFacts',
    summary: 'Facts for the staff assessment of a project’s month, per person and code, with links to the evidence',
    description: 'Late replies and repairs, unsigned handovers, missed return visits, unmet quotas … Without staff.read, only your own.',
    tags: ['facts'],
    querystring: factsQuery,
    response: { 200: z.object({ month: z.string(), items: z.array(fact) }), ...errors },
  },
  'GET /api/facts/codes': {
    operationId: 'listFactCodes',
    summary: 'The fact codes the modules publish, with their labels',
    tags: ['facts'],
    response: { 200: list(factCode), ...errors },
  },
});
