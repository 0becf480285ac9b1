import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema, idParam, revealBody } from '../../../shared/schemas.ts';
import { createFeeItem, listFeeItems, updateFeeItem } from './fees.service.ts';
import {
  adoptBody,
  adoptedSuggestion,
  assignee,
  complaintUpdate,
  feeItem,
  feeItemCreate,
  feeItemUpdate,
  portalRating,
  portalTicketCreate,
  returnVisitsQuery,
  returnVisitTask,
  ticket,
  ticketCreate,
  ticketDetail,
  ticketsQuery,
  transitionBody,
  validityBody,
} from '../../../shared/tickets.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { requireResident } from '../../platform/permissions.ts';
import { receiveFile } from '../../platform/files.ts';
import {
  addAttachment,
  adoptSuggestion,
  decideValidity,
  listAdoptedSuggestions,
  listReturnVisits,
  updateComplaint,
} from './followups.service.ts';
import { ticketPriorities, ticketTypes } from '../../../shared/enums.ts';
import { roleCodes } from '../../../shared/permissions.ts';
import { listCategories } from './categories.service.ts';
import { createTicket, suggestForIntake } from './intake.service.ts';
import { listAssignees, listPortalTickets, listTickets } from './lists.service.ts';
import { getTicket, revealTicketContact, ticketPhotos } from './tickets.service.ts';
import { transitionTicket } from './workflow.service.ts';

async function portalUnitProject(ctx: ServiceContext, unitId: number) {
  const unit = await ctx.db.selectFrom('units').select('project_id').where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw invalid('unitId', 'is not one of your households');
  return unit.project_id;
}

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

export async function ticketRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];

  app.post(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'Records a ticket from any channel; receivedAt back-fills (补单). Idempotency-Key makes a retry return the first result.',
        body: ticketCreate,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).passthrough(),
        response: { 200: ticketDetail, 201: ticketDetail, ...errors },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const { ticket: created, replayed } = await createTicket(req.ctx(), req.body, {
        idempotencyKey: typeof key === 'string' ? key : undefined,
      });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'Tickets of the caller’s projects, newest first; q is a Chinese full-text search (漏水, 电梯 …)',
        querystring: ticketsQuery,
        response: { 200: z.object({ items: z.array(ticket), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    (req) => listTickets(req.ctx(), req.query),
  );

  app.get(
    '/tickets/:id',
    { schema: { tags, summary: 'A ticket with its timeline (events)', params: idParam, response: { 200: ticketDetail, ...errors } } },
    (req) => getTicket(req.ctx(), req.params.id),
  );

  app.post(
    '/tickets/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Moves a ticket through the workflow; 409 when stale (expectedVersion) or not allowed from its status',
        params: idParam,
        body: transitionBody,
        response: { 200: ticketDetail, ...errors },
      },
    },
    (req) => transitionTicket(req.ctx(), req.params.id, req.body),
  );

  app.post(
    '/tickets/suggest',
    {
      schema: {
        tags,
        summary: 'Suggests type, category and priority from the Chinese text; the desk confirms',
        body: z.object({ projectId: z.coerce.number().int().positive().optional(), text: z.string().trim().min(1).max(4000) }),
        response: {
          200: z.object({
            type: z.enum(ticketTypes),
            categoryId: z.string().nullable(),
            priority: z.enum(ticketPriorities),
            major: z.object({ reason: z.string() }).nullable(),
            confidence: z.number(),
          }),
          ...errors,
        },
      },
    },
    (req) => suggestForIntake(req.ctx(), req.body.text, req.body.projectId),
  );

  app.post(
    '/tickets/:id/reveal',
    {
      schema: {
        tags,
        summary: 'The full contact number, for roles that need it; every reveal is audited with its reason',
        params: idParam,
        body: revealBody,
        response: { 200: z.object({ contactPhone: z.string().nullable() }), ...errors },
      },
    },
    (req) => revealTicketContact(req.ctx(), req.params.id, req.body.reason),
  );
  app.post(
    '/tickets/:id/complaint',
    {
      schema: {
        tags,
        summary: 'Complaint record: 五清楚一报告 checklist, customer confirmation, written reply',
        params: idParam,
        body: complaintUpdate,
        response: { 200: ticketDetail, ...errors },
      },
    },
    (req) => updateComplaint(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/tickets/:id/validity',
    {
      schema: {
        tags,
        summary: 'The supervisor decides whether a complaint is valid (有效投诉)',
        params: idParam,
        body: validityBody,
        response: { 200: ticketDetail, ...errors },
      },
    },
    (req) => decideValidity(req.ctx(), req.params.id, req.body.validity, req.body.note),
  );
  app.post(
    '/tickets/:id/adopt',
    {
      schema: {
        tags,
        summary: 'Adopts a suggestion; it is published with the resident’s name (爱我小区)',
        params: idParam,
        body: adoptBody,
        response: { 200: ticketDetail, ...errors },
      },
    },
    (req) => adoptSuggestion(req.ctx(), req.params.id, req.body.adopted),
  );
  app.get(
    '/suggestions/adopted',
    {
      schema: {
        tags,
        summary: 'Adopted suggestions of a project (爱我小区)',
        querystring: z.object({ projectId: idParam.shape.id }),
        response: { 200: z.object({ items: z.array(adoptedSuggestion) }), ...errors },
      },
    },
    (req) => listAdoptedSuggestions(req.ctx(), req.query.projectId),
  );
  app.get(
    '/return-visits',
    {
      schema: {
        tags,
        summary: 'Return-visit tasks (回访) of the caller’s projects',
        querystring: returnVisitsQuery,
        response: { 200: z.object({ items: z.array(returnVisitTask), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    (req) => listReturnVisits(req.ctx(), req.query),
  );
  app.post(
    '/tickets/:id/attachments',
    {
      schema: {
        tags,
        summary:
          'Adds a photo (multipart/form-data, field file; JPEG, PNG or WebP; size and number per ticket are policies); served at GET /api/files/{id}',
        consumes: ['multipart/form-data'],
        params: idParam,
        response: { 201: ticketDetail, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addAttachment(req.ctx(), req.params.id, await receiveFile(req, ticketPhotos, req.params.id))),
  );

  // ---------- resident portal ----------
  const portal = ['portal'];
  app.post(
    '/portal/tickets',
    {
      schema: {
        tags: portal,
        summary: 'A resident reports a repair, complaint or suggestion about their home',
        body: portalTicketCreate,
        response: { 201: ticketDetail, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      requireResident(ctx.actor);
      const projectId = await portalUnitProject(ctx, req.body.unitId);
      const key = req.headers['idempotency-key'];
      const { ticket: created } = await createTicket(
        ctx,
        { ...req.body, projectId, channel: 'portal' },
        { idempotencyKey: typeof key === 'string' ? key : undefined },
      );
      return reply.status(201).send(created);
    },
  );
  app.get(
    '/portal/tickets',
    {
      schema: {
        tags: portal,
        summary: 'The resident’s own tickets (我的报事)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(ticket) }), ...errors },
      },
    },
    (req) => listPortalTickets(req.ctx(), req.query.limit),
  );
  app.get('/portal/tickets/:id', { schema: { tags: portal, params: idParam, response: { 200: ticketDetail, ...errors } } }, (req) => {
    requireResident(req.ctx().actor);
    return getTicket(req.ctx(), req.params.id);
  });
  app.post(
    '/portal/tickets/:id/rating',
    {
      schema: {
        tags: portal,
        summary: 'The resident rates the resolved ticket; counts as the return visit',
        params: idParam,
        body: portalRating,
        response: { 200: ticketDetail, ...errors },
      },
    },
    (req) => {
      requireResident(req.ctx().actor);
      return transitionTicket(req.ctx(), req.params.id, {
        action: 'return_visit',
        method: 'portal',
        satisfaction: req.body.satisfaction,
        comment: req.body.comment,
      });
    },
  );
  app.post(
    '/portal/tickets/:id/attachments',
    {
      schema: {
        tags: portal,
        summary: 'Adds a photo to the resident’s own ticket',
        consumes: ['multipart/form-data'],
        params: idParam,
        response: { 201: ticketDetail, ...errors },
      },
    },
    async (req, reply) => {
      requireResident(req.ctx().actor);
      return reply.status(201).send(await addAttachment(req.ctx(), req.params.id, await receiveFile(req, ticketPhotos, req.params.id)));
    },
  );
  app.get(
    '/portal/suggestions/adopted',
    {
      schema: {
        tags: portal,
        querystring: z.object({ projectId: idParam.shape.id }),
        response: { 200: z.object({ items: z.array(adoptedSuggestion) }), ...errors },
      },
    },
    (req) => listAdoptedSuggestions(req.ctx(), req.query.projectId),
  );

  app.get(
    '/tickets/assignees',
    {
      schema: {
        tags,
        summary: 'Staff of a project a work order can be dispatched to (for dispatchers; no personal data)',
        querystring: z.object({ projectId: idParam.shape.id, role: z.enum(roleCodes).optional() }),
        response: { 200: z.object({ items: z.array(assignee) }), ...errors },
      },
    },
    (req) => listAssignees(req.ctx(), req.query.projectId, req.query.role),
  );
  app.get(
    '/fee-schedule',
    {
      schema: {
        tags,
        summary: 'Paid services and their prices (有偿服务项目及收费标准) in force for a project',
        querystring: z.object({ projectId: idParam.shape.id }),
        response: { 200: z.object({ items: z.array(feeItem) }), ...errors },
      },
    },
    (req) => listFeeItems(req.ctx(), req.query.projectId),
  );
  app.post('/fee-schedule', { schema: { tags, body: feeItemCreate, response: { 201: feeItem, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await createFeeItem(req.ctx(), req.body)),
  );
  app.patch('/fee-schedule/:id', { schema: { tags, params: idParam, body: feeItemUpdate, response: { 200: feeItem, ...errors } } }, (req) =>
    updateFeeItem(req.ctx(), req.params.id, req.body),
  );

  app.get(
    '/ticket-categories',
    {
      schema: {
        tags,
        summary: 'The category tree (configurable per company)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                parent: z.string().nullable(),
                name: z.string(),
                nameTw: z.string(),
                nameEn: z.string(),
                defaultPriority: z.string(),
                commonArea: z.boolean(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    (req) => listCategories(req.ctx()),
  );
}
