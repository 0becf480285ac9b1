import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as s from '../../../shared/schemas.ts';
import * as service from './customers.service.ts';

const errors = { 400: s.errorSchema, 401: s.errorSchema, 403: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema };

export async function customerRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['customers'];

  app.get(
    '/customers',
    {
      schema: {
        tags,
        summary: 'Customer archive (客户档案); q matches name, unit code, or phone digits. Phone numbers come back masked.',
        querystring: s.customersQuery,
        response: { 200: s.page(s.customerListItem), ...errors },
      },
    },
    (req) => service.listCustomers(req.ctx(), req.query),
  );
  app.get('/customers/:id', { schema: { tags, params: s.idParam, response: { 200: s.customer, ...errors } } }, (req) =>
    service.getCustomer(req.ctx(), req.params.id),
  );
  app.post('/customers', { schema: { tags, body: s.customerCreate, response: { 201: s.customer, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await service.createCustomer(req.ctx(), req.body)),
  );
  app.patch(
    '/customers/:id',
    { schema: { tags, params: s.idParam, body: s.customerUpdate, response: { 200: s.customer, ...errors } } },
    (req) => service.updateCustomer(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/customers/:id/reveal',
    {
      schema: {
        tags,
        summary: 'Full phone and ID numbers, for roles that need them; every reveal is audited with its reason',
        params: s.idParam,
        body: s.revealBody,
        response: { 200: s.revealResult, ...errors },
      },
    },
    (req) => service.revealCustomer(req.ctx(), req.params.id, req.body.reason),
  );
  app.post(
    '/occupancies',
    {
      schema: {
        tags,
        summary: 'Links a customer to a unit (owner, tenant …)',
        body: s.occupancyCreate,
        response: { 201: s.customer, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createOccupancy(req.ctx(), req.body)),
  );
  app.patch(
    '/occupancies/:id',
    {
      schema: {
        tags,
        summary: 'Changes a link, e.g. records the move-out date',
        params: s.idParam,
        body: s.occupancyUpdate,
        response: { 200: s.customer, ...errors },
      },
    },
    (req) => service.updateOccupancy(req.ctx(), req.params.id, req.body),
  );
}
