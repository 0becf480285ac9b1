import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { addStandIn, checkIn, checkOut, endStandIn } from './checkin.service.ts';
import { dutyFacts } from './facts.service.ts';
import { createHandover, getHandover, listHandovers, markItemDone, proposeHandover, signHandover } from './handover.service.ts';
import { convertEntry, createLogEntry, handleEntry, listLog } from './log.service.ts';
import { getReview, markReviewed } from './review.service.ts';
import {
  copyWeek,
  createAssignment,
  deleteAssignment,
  getCoverage,
  getTemplates,
  listDutyStaff,
  listRoster,
  rotateNoon,
  updateAssignment,
} from './roster.service.ts';
import { dutyOperations } from '../../../shared/api/duty.ts';

/** 24-hour duty: roster and coverage, check-in, duty log, handover, morning review (SPEC §4). */
export async function dutyRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/duty/templates',
    {
      schema: dutyOperations['GET /api/duty/templates'],
    },
    (req) => getTemplates(req.ctx(), req.query.projectId),
  );
  app.get(
    '/duty/staff',
    {
      schema: dutyOperations['GET /api/duty/staff'],
    },
    (req) => listDutyStaff(req.ctx(), req.query.projectId),
  );
  app.get(
    '/duty/roster',
    {
      schema: dutyOperations['GET /api/duty/roster'],
    },
    (req) => listRoster(req.ctx(), req.query),
  );
  app.get(
    '/duty/coverage',
    {
      schema: dutyOperations['GET /api/duty/coverage'],
    },
    (req) => getCoverage(req.ctx(), req.query),
  );
  app.post(
    '/duty/assignments',
    {
      schema: dutyOperations['POST /api/duty/assignments'],
    },
    async (req, reply) => reply.status(201).send(await createAssignment(req.ctx(), req.body)),
  );
  app.patch(
    '/duty/assignments/:id',
    {
      schema: dutyOperations['PATCH /api/duty/assignments/:id'],
    },
    (req) => updateAssignment(req.ctx(), req.params.id, req.body),
  );
  app.delete(
    '/duty/assignments/:id',
    {
      schema: dutyOperations['DELETE /api/duty/assignments/:id'],
    },
    async (req, reply) => {
      await deleteAssignment(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/duty/roster/copy-week',
    {
      schema: dutyOperations['POST /api/duty/roster/copy-week'],
    },
    (req) => copyWeek(req.ctx(), req.body),
  );
  app.post(
    '/duty/roster/rotate-noon',
    {
      schema: dutyOperations['POST /api/duty/roster/rotate-noon'],
    },
    (req) => rotateNoon(req.ctx(), req.body),
  );
  app.post(
    '/duty/assignments/:id/check-in',
    {
      schema: dutyOperations['POST /api/duty/assignments/:id/check-in'],
    },
    (req) => checkIn(req.ctx(), req.params.id),
  );
  app.post(
    '/duty/assignments/:id/check-out',
    {
      schema: dutyOperations['POST /api/duty/assignments/:id/check-out'],
    },
    (req) => checkOut(req.ctx(), req.params.id),
  );
  app.post(
    '/duty/assignments/:id/stand-ins',
    {
      schema: dutyOperations['POST /api/duty/assignments/:id/stand-ins'],
    },
    async (req, reply) => reply.status(201).send(await addStandIn(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/duty/stand-ins/:id/end',
    {
      schema: dutyOperations['POST /api/duty/stand-ins/:id/end'],
    },
    (req) => endStandIn(req.ctx(), req.params.id),
  );

  app.get(
    '/duty/log',
    {
      schema: dutyOperations['GET /api/duty/log'],
    },
    (req) => listLog(req.ctx(), req.query),
  );
  app.post(
    '/duty/log',
    {
      schema: dutyOperations['POST /api/duty/log'],
    },
    async (req, reply) => reply.status(201).send(await createLogEntry(req.ctx(), req.body)),
  );
  app.post(
    '/duty/log/:id/handle',
    {
      schema: dutyOperations['POST /api/duty/log/:id/handle'],
    },
    (req) => handleEntry(req.ctx(), req.params.id, req.body.actionTaken),
  );
  app.post(
    '/duty/log/:id/convert',
    {
      schema: dutyOperations['POST /api/duty/log/:id/convert'],
    },
    async (req, reply) => reply.status(201).send(await convertEntry(req.ctx(), req.params.id, req.body)),
  );

  app.get(
    '/duty/assignments/:id/handover-proposal',
    {
      schema: dutyOperations['GET /api/duty/assignments/:id/handover-proposal'],
    },
    (req) => proposeHandover(req.ctx(), req.params.id),
  );
  app.get(
    '/duty/handovers',
    {
      schema: dutyOperations['GET /api/duty/handovers'],
    },
    (req) => listHandovers(req.ctx(), req.query),
  );
  app.post(
    '/duty/handovers',
    {
      schema: dutyOperations['POST /api/duty/handovers'],
    },
    async (req, reply) => reply.status(201).send(await createHandover(req.ctx(), req.body)),
  );
  app.get(
    '/duty/handovers/:id',
    {
      schema: dutyOperations['GET /api/duty/handovers/:id'],
    },
    (req) => getHandover(req.ctx(), req.params.id),
  );
  app.post(
    '/duty/handovers/:id/sign',
    {
      schema: dutyOperations['POST /api/duty/handovers/:id/sign'],
    },
    (req) => signHandover(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/duty/handover-items/:id/done',
    {
      schema: dutyOperations['POST /api/duty/handover-items/:id/done'],
    },
    (req) => markItemDone(req.ctx(), req.params.id),
  );

  app.get(
    '/duty/review',
    {
      schema: dutyOperations['GET /api/duty/review'],
    },
    (req) => getReview(req.ctx(), req.query.projectId, req.query.date),
  );
  app.post(
    '/duty/review',
    {
      schema: dutyOperations['POST /api/duty/review'],
    },
    (req) => markReviewed(req.ctx(), req.body),
  );
  app.get(
    '/duty/facts',
    {
      schema: dutyOperations['GET /api/duty/facts'],
    },
    (req) => dutyFacts(req.ctx(), req.query),
  );
}
