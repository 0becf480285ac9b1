import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createFeeItem, listFeeItems, updateFeeItem } from './fees.service.ts';
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
import { listCategories } from './categories.service.ts';
import { createTicket, suggestForIntake } from './intake.service.ts';
import { listAssignees, listPortalTickets, listTickets } from './lists.service.ts';
import { getTicket, revealTicketContact, ticketPhotos } from './tickets.service.ts';
import { transitionTicket } from './workflow.service.ts';
import { ticketOperations } from '../../../shared/api/tickets.ts';

async function portalUnitProject(ctx: ServiceContext, unitId: number) {
  const unit = await ctx.db.selectFrom('units').select('project_id').where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw invalid('unitId', 'is not one of your households');
  return unit.project_id;
}

export async function ticketRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/tickets',
    {
      schema: ticketOperations['POST /api/tickets'],
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
      schema: ticketOperations['GET /api/tickets'],
    },
    (req) => listTickets(req.ctx(), req.query),
  );

  app.get(
    '/tickets/:id',
    {
      schema: ticketOperations['GET /api/tickets/:id'],
    },
    (req) => getTicket(req.ctx(), req.params.id),
  );

  app.post(
    '/tickets/:id/transitions',
    {
      schema: ticketOperations['POST /api/tickets/:id/transitions'],
    },
    (req) => transitionTicket(req.ctx(), req.params.id, req.body),
  );

  app.post(
    '/tickets/suggest',
    {
      schema: ticketOperations['POST /api/tickets/suggest'],
    },
    (req) => suggestForIntake(req.ctx(), req.body.text, req.body.projectId),
  );

  app.post(
    '/tickets/:id/reveal',
    {
      schema: ticketOperations['POST /api/tickets/:id/reveal'],
    },
    (req) => revealTicketContact(req.ctx(), req.params.id, req.body.reason),
  );
  app.post(
    '/tickets/:id/complaint',
    {
      schema: ticketOperations['POST /api/tickets/:id/complaint'],
    },
    (req) => updateComplaint(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/tickets/:id/validity',
    {
      schema: ticketOperations['POST /api/tickets/:id/validity'],
    },
    (req) => decideValidity(req.ctx(), req.params.id, req.body.validity, req.body.note),
  );
  app.post(
    '/tickets/:id/adopt',
    {
      schema: ticketOperations['POST /api/tickets/:id/adopt'],
    },
    (req) => adoptSuggestion(req.ctx(), req.params.id, req.body.adopted),
  );
  app.get(
    '/suggestions/adopted',
    {
      schema: ticketOperations['GET /api/suggestions/adopted'],
    },
    (req) => listAdoptedSuggestions(req.ctx(), req.query.projectId),
  );
  app.get(
    '/return-visits',
    {
      schema: ticketOperations['GET /api/return-visits'],
    },
    (req) => listReturnVisits(req.ctx(), req.query),
  );
  app.post(
    '/tickets/:id/attachments',
    {
      schema: ticketOperations['POST /api/tickets/:id/attachments'],
    },
    async (req, reply) =>
      reply.status(201).send(await addAttachment(req.ctx(), req.params.id, await receiveFile(req, ticketPhotos, req.params.id))),
  );

  // ---------- resident portal ----------
  app.post(
    '/portal/tickets',
    {
      schema: ticketOperations['POST /api/portal/tickets'],
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
      schema: ticketOperations['GET /api/portal/tickets'],
    },
    (req) => listPortalTickets(req.ctx(), req.query.limit),
  );
  app.get('/portal/tickets/:id', { schema: ticketOperations['GET /api/portal/tickets/:id'] }, (req) => {
    requireResident(req.ctx().actor);
    return getTicket(req.ctx(), req.params.id);
  });
  app.post(
    '/portal/tickets/:id/rating',
    {
      schema: ticketOperations['POST /api/portal/tickets/:id/rating'],
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
      schema: ticketOperations['POST /api/portal/tickets/:id/attachments'],
    },
    async (req, reply) => {
      requireResident(req.ctx().actor);
      return reply.status(201).send(await addAttachment(req.ctx(), req.params.id, await receiveFile(req, ticketPhotos, req.params.id)));
    },
  );
  app.get(
    '/portal/suggestions/adopted',
    {
      schema: ticketOperations['GET /api/portal/suggestions/adopted'],
    },
    (req) => listAdoptedSuggestions(req.ctx(), req.query.projectId),
  );

  app.get(
    '/tickets/assignees',
    {
      schema: ticketOperations['GET /api/tickets/assignees'],
    },
    (req) => listAssignees(req.ctx(), req.query.projectId, req.query.role),
  );
  app.get(
    '/fee-schedule',
    {
      schema: ticketOperations['GET /api/fee-schedule'],
    },
    (req) => listFeeItems(req.ctx(), req.query.projectId),
  );
  app.post('/fee-schedule', { schema: ticketOperations['POST /api/fee-schedule'] }, async (req, reply) =>
    reply.status(201).send(await createFeeItem(req.ctx(), req.body)),
  );
  app.patch('/fee-schedule/:id', { schema: ticketOperations['PATCH /api/fee-schedule/:id'] }, (req) =>
    updateFeeItem(req.ctx(), req.params.id, req.body),
  );

  app.get(
    '/ticket-categories',
    {
      schema: ticketOperations['GET /api/ticket-categories'],
    },
    (req) => listCategories(req.ctx()),
  );
}
