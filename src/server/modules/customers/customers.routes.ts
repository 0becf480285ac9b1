import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as service from './customers.service.ts';
import { customerOperations } from '../../../shared/api/customers.ts';

export async function customerRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/customers',
    {
      schema: customerOperations['GET /api/customers'],
    },
    (req) => service.listCustomers(req.ctx(), req.query),
  );
  app.get('/customers/:id', { schema: customerOperations['GET /api/customers/:id'] }, (req) =>
    service.getCustomer(req.ctx(), req.params.id),
  );
  app.post('/customers', { schema: customerOperations['POST /api/customers'] }, async (req, reply) =>
    reply.status(201).send(await service.createCustomer(req.ctx(), req.body)),
  );
  app.patch(
    '/customers/:id',
    {
      schema: customerOperations['PATCH /api/customers/:id'],
    },
    (req) => service.updateCustomer(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/customers/:id/reveal',
    {
      schema: customerOperations['POST /api/customers/:id/reveal'],
    },
    (req) => service.revealCustomer(req.ctx(), req.params.id, req.body.reason),
  );
  app.post(
    '/occupancies',
    {
      schema: customerOperations['POST /api/occupancies'],
    },
    async (req, reply) => reply.status(201).send(await service.createOccupancy(req.ctx(), req.body)),
  );
  app.patch(
    '/occupancies/:id',
    {
      schema: customerOperations['PATCH /api/occupancies/:id'],
    },
    (req) => service.updateOccupancy(req.ctx(), req.params.id, req.body),
  );
}
