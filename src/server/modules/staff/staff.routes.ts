import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../../shared/schemas.ts';
import * as service from './staff.service.ts';

const errors = { 400: s.errorSchema, 401: s.errorSchema, 403: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema };

export async function staffRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['staff'];

  app.get(
    '/roles',
    {
      schema: { tags, summary: 'Built-in roles and their permissions', response: { 200: z.object({ items: z.array(s.role) }), ...errors } },
    },
    async (req) => service.listRoles(req.ctx()),
  );
  app.get('/staff', { schema: { tags, querystring: s.staffQuery, response: { 200: s.page(s.staffMember), ...errors } } }, (req) =>
    service.listStaff(req.ctx(), req.query),
  );
  app.get('/staff/:id', { schema: { tags, params: s.idParam, response: { 200: s.staffMember, ...errors } } }, (req) =>
    service.getStaff(req.ctx(), req.params.id),
  );
  app.post(
    '/staff',
    {
      schema: {
        tags,
        summary: 'Creates a staff account; without a password a one-time password is returned once',
        body: s.staffCreate,
        response: { 201: s.staffCreated, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createStaff(req.ctx(), req.body)),
  );
  app.patch(
    '/staff/:id',
    { schema: { tags, params: s.idParam, body: s.staffUpdate, response: { 200: s.staffMember, ...errors } } },
    (req) => service.updateStaff(req.ctx(), app.sessions, req.params.id, req.body),
  );
  app.post(
    '/staff/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Issues a one-time password and ends the member’s sessions',
        params: s.idParam,
        response: { 200: z.object({ oneTimePassword: z.string() }), ...errors },
      },
    },
    (req) => service.resetStaffPassword(req.ctx(), app.sessions, req.params.id),
  );
}
