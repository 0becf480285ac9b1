import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as service from './staff.service.ts';
import { staffOperations } from '../../../shared/api/staff.ts';

export async function staffRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/roles',
    {
      schema: staffOperations['GET /api/roles'],
    },
    async (req) => service.listRoles(req.ctx()),
  );
  app.get('/staff', { schema: staffOperations['GET /api/staff'] }, (req) => service.listStaff(req.ctx(), req.query));
  app.get('/staff/:id', { schema: staffOperations['GET /api/staff/:id'] }, (req) => service.getStaff(req.ctx(), req.params.id));
  app.post(
    '/staff',
    {
      schema: staffOperations['POST /api/staff'],
    },
    async (req, reply) => reply.status(201).send(await service.createStaff(req.ctx(), req.body)),
  );
  app.patch(
    '/staff/:id',
    {
      schema: staffOperations['PATCH /api/staff/:id'],
    },
    (req) => service.updateStaff(req.ctx(), app.sessions, req.params.id, req.body),
  );
  app.post(
    '/staff/:id/reset-password',
    {
      schema: staffOperations['POST /api/staff/:id/reset-password'],
    },
    (req) => service.resetStaffPassword(req.ctx(), app.sessions, req.params.id),
  );
}
