import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema, idParam } from '../../../shared/schemas.ts';
import { ticket, ticketCreate, ticketDetail, ticketsQuery, transitionBody } from '../../../shared/tickets.ts';
import { ticketPriorities, ticketTypes } from '../../../shared/enums.ts';
import { requirePermission } from '../../platform/permissions.ts';
import { AppError } from '../../platform/errors.ts';
import { getPolicy } from '../policies/policies.service.ts';
import { listCategories } from './categories.service.ts';
import { createTicket, getTicket, listTickets, transitionTicket } from './tickets.service.ts';
import { suggestClassification } from './text.ts';

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
      const { ticket: created, replayed } = await createTicket(req.ctx(), req.body, typeof key === 'string' ? key : undefined);
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
    async (req) => {
      const ctx = req.ctx();
      const actor = requirePermission(ctx, 'ticket.create');
      if (req.body.projectId !== undefined && !actor.allProjects && !actor.projectIds.includes(req.body.projectId)) {
        throw new AppError('NOT_IN_PROJECT', `Project ${req.body.projectId} is not one of your projects`);
      }
      const policy = await getPolicy(ctx.db, actor.companyId, req.body.projectId ?? null);
      const s = suggestClassification(req.body.text, { majorPhrases: policy.major.phrases, majorCategories: policy.major.categories });
      return {
        type: s.type,
        categoryId: s.categoryCode ?? null,
        priority: s.priority,
        major: s.major ? { reason: s.major.reason } : null,
        confidence: s.confidence,
      };
    },
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
