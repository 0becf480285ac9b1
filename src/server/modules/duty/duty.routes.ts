import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignment,
  assignmentCreate,
  assignmentUpdate,
  bulkResult,
  convertBody,
  copyWeekBody,
  coverage,
  dutyStaff,
  dutyTemplates,
  factsQuery,
  handleBody,
  handover,
  handoverCreate,
  handoverItem,
  handoverProposal,
  handoversQuery,
  logEntry,
  logEntryCreate,
  logQuery,
  periodQuery,
  personFacts,
  review,
  reviewBody,
  reviewQuery,
  rotateNoonBody,
  signBody,
  standIn,
  standInCreate,
} from '../../../shared/duty.ts';
import { errorSchema, id, idParam, page } from '../../../shared/schemas.ts';
import { ticketDetail } from '../../../shared/tickets.ts';
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

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** 24-hour duty: roster and coverage, check-in, duty log, handover, morning review (SPEC §4). */
export async function dutyRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['duty'];

  app.get(
    '/duty/templates',
    {
      schema: {
        tags,
        summary: 'Shift templates of a project (day, noon, night with summer hours) from its duty policy',
        querystring: z.object({ projectId: id }),
        response: { 200: dutyTemplates, ...errors },
      },
    },
    (req) => getTemplates(req.ctx(), req.query.projectId),
  );
  app.get(
    '/duty/staff',
    {
      schema: {
        tags,
        summary: 'Active staff of a project with their departments (to plan shifts, hand over, call a guard)',
        querystring: z.object({ projectId: id }),
        response: { 200: z.object({ items: z.array(dutyStaff) }), ...errors },
      },
    },
    (req) => listDutyStaff(req.ctx(), req.query.projectId),
  );
  app.get(
    '/duty/roster',
    {
      schema: {
        tags,
        summary: 'Shifts of a project running in a period of local dates (inclusive, ≤ 62 days)',
        querystring: periodQuery,
        response: { 200: z.object({ items: z.array(assignment) }), ...errors },
      },
    },
    (req) => listRoster(req.ctx(), req.query),
  );
  app.get(
    '/duty/coverage',
    {
      schema: {
        tags,
        summary:
          'Coverage check: every gap with nobody on duty at the center, every double booking, every shift staffed by the wrong department',
        querystring: periodQuery,
        response: { 200: coverage, ...errors },
      },
    },
    (req) => getCoverage(req.ctx(), req.query),
  );
  app.post(
    '/duty/assignments',
    {
      schema: {
        tags,
        summary: 'Puts a staff member on a shift on a date',
        body: assignmentCreate,
        response: { 201: assignment, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createAssignment(req.ctx(), req.body)),
  );
  app.patch(
    '/duty/assignments/:id',
    {
      schema: {
        tags,
        summary: 'Moves a planned shift to another person or date (not once begun)',
        params: idParam,
        body: assignmentUpdate,
        response: { 200: assignment, ...errors },
      },
    },
    (req) => updateAssignment(req.ctx(), req.params.id, req.body),
  );
  app.delete(
    '/duty/assignments/:id',
    { schema: { tags, summary: 'Removes a planned shift (not once begun)', params: idParam, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await deleteAssignment(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/duty/roster/copy-week',
    {
      schema: { tags, summary: 'Copies a week of shifts onto another week', body: copyWeekBody, response: { 200: bulkResult, ...errors } },
    },
    (req) => copyWeek(req.ctx(), req.body),
  );
  app.post(
    '/duty/roster/rotate-noon',
    {
      schema: {
        tags,
        summary: 'Fills the noon duty of every day of a period without one, front-desk staff taking turns',
        body: rotateNoonBody,
        response: { 200: bulkResult, ...errors },
      },
    },
    (req) => rotateNoon(req.ctx(), req.body),
  );
  app.post(
    '/duty/assignments/:id/check-in',
    {
      schema: {
        tags,
        summary: 'Checks in to one’s shift; later than 15 minutes before the start is late',
        params: idParam,
        response: { 200: assignment, ...errors },
      },
    },
    (req) => checkIn(req.ctx(), req.params.id),
  );
  app.post(
    '/duty/assignments/:id/check-out',
    {
      schema: {
        tags,
        summary: 'Checks out; a shift with a handover needs both signatures first',
        params: idParam,
        response: { 200: assignment, ...errors },
      },
    },
    (req) => checkOut(req.ctx(), req.params.id),
  );
  app.post(
    '/duty/assignments/:id/stand-ins',
    {
      schema: {
        tags,
        summary: 'A guard stands in (代值) while the person on duty is called away',
        params: idParam,
        body: standInCreate,
        response: { 201: standIn, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await addStandIn(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/duty/stand-ins/:id/end',
    { schema: { tags, summary: 'Ends a stand-in', params: idParam, response: { 200: standIn, ...errors } } },
    (req) => endStandIn(req.ctx(), req.params.id),
  );

  app.get(
    '/duty/log',
    {
      schema: {
        tags,
        summary: 'Duty and night log lines, newest first; status=open is the queue still to convert',
        querystring: logQuery,
        response: { 200: page(logEntry), ...errors },
      },
    },
    (req) => listLog(req.ctx(), req.query),
  );
  app.post(
    '/duty/log',
    {
      schema: {
        tags,
        summary: 'Writes one line of the duty log (a call, a visit, a control-room dispatch) with its real time',
        body: logEntryCreate,
        response: { 201: logEntry, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createLogEntry(req.ctx(), req.body)),
  );
  app.post(
    '/duty/log/:id/handle',
    {
      schema: {
        tags,
        summary: 'Records that the matter was dealt with on the shift',
        params: idParam,
        body: handleBody,
        response: { 200: logEntry, ...errors },
      },
    },
    (req) => handleEntry(req.ctx(), req.params.id, req.body.actionTaken),
  );
  app.post(
    '/duty/log/:id/convert',
    {
      schema: {
        tags,
        summary: 'Turns a log line into a ticket received at the line’s real time (补单)',
        params: idParam,
        body: convertBody,
        response: { 201: z.object({ entry: logEntry, ticket: ticketDetail }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await convertEntry(req.ctx(), req.params.id, req.body)),
  );

  app.get(
    '/duty/assignments/:id/handover-proposal',
    {
      schema: {
        tags,
        summary: 'What to hand over: open tickets and log lines of the shift, carried-over items, the incoming person',
        params: idParam,
        response: { 200: handoverProposal, ...errors },
      },
    },
    (req) => proposeHandover(req.ctx(), req.params.id),
  );
  app.get(
    '/duty/handovers',
    {
      schema: {
        tags,
        summary: 'Handovers (工作移交表) of a project, newest first; unsigned=true lists those missing a signature',
        querystring: handoversQuery,
        response: { 200: page(handover), ...errors },
      },
    },
    (req) => listHandovers(req.ctx(), req.query),
  );
  app.post(
    '/duty/handovers',
    { schema: { tags, summary: 'Writes the handover of a shift', body: handoverCreate, response: { 201: handover, ...errors } } },
    async (req, reply) => reply.status(201).send(await createHandover(req.ctx(), req.body)),
  );
  app.get(
    '/duty/handovers/:id',
    { schema: { tags, summary: 'A handover with its items and stand-ins', params: idParam, response: { 200: handover, ...errors } } },
    (req) => getHandover(req.ctx(), req.params.id),
  );
  app.post(
    '/duty/handovers/:id/sign',
    {
      schema: {
        tags,
        summary: 'Signs one side (outgoing first, then incoming); the second signature closes the shift',
        params: idParam,
        body: signBody,
        response: { 200: handover, ...errors },
      },
    },
    (req) => signHandover(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/duty/handover-items/:id/done',
    { schema: { tags, summary: 'Marks a carried-over item done', params: idParam, response: { 200: handoverItem, ...errors } } },
    (req) => markItemDone(req.ctx(), req.params.id),
  );

  app.get(
    '/duty/review',
    {
      schema: {
        tags,
        summary: 'Morning review: shifts since yesterday with logs and handovers, carried-over, unconverted, unsigned',
        querystring: reviewQuery,
        response: { 200: review, ...errors },
      },
    },
    (req) => getReview(req.ctx(), req.query.projectId, req.query.date),
  );
  app.post(
    '/duty/review',
    {
      schema: {
        tags,
        summary: 'Marks shifts reviewed',
        body: reviewBody,
        response: { 200: z.object({ reviewed: z.number() }), ...errors },
      },
    },
    (req) => markReviewed(req.ctx(), req.body),
  );
  app.get(
    '/duty/facts',
    {
      schema: {
        tags,
        summary: 'Per person and month: late arrivals, unsigned handovers, carried-over items, unconverted entries',
        querystring: factsQuery,
        response: { 200: z.object({ month: z.string(), items: z.array(personFacts) }), ...errors },
      },
    },
    (req) => dutyFacts(req.ctx(), req.query),
  );
}
