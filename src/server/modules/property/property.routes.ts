import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../../shared/schemas.ts';
import * as service from './property.service.ts';

const errors = { 400: s.errorSchema, 401: s.errorSchema, 403: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema };
const projectIdQuery = z.object({ projectId: s.id });

export async function propertyRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['property'];

  app.get(
    '/projects',
    { schema: { tags, summary: 'Projects (管理处) the caller may see', response: { 200: s.page(s.project), ...errors } } },
    (req) => service.listProjects(req.ctx()),
  );
  app.get('/projects/:id', { schema: { tags, params: s.idParam, response: { 200: s.project, ...errors } } }, (req) =>
    service.getProject(req.ctx(), req.params.id),
  );
  app.get(
    '/projects/:id/summary',
    { schema: { tags, summary: 'Counts for the overview page', params: s.idParam, response: { 200: s.projectSummary, ...errors } } },
    (req) => service.projectSummary(req.ctx(), req.params.id),
  );
  app.post('/projects', { schema: { tags, body: s.projectCreate, response: { 201: s.project, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await service.createProject(req.ctx(), req.body, app.deps.config.timeZone)),
  );
  app.patch(
    '/projects/:id',
    { schema: { tags, params: s.idParam, body: s.projectUpdate, response: { 200: s.project, ...errors } } },
    (req) => service.updateProject(req.ctx(), req.params.id, req.body),
  );

  app.get(
    '/departments',
    {
      schema: {
        tags,
        querystring: z.object({ projectId: s.id.optional() }),
        response: { 200: z.object({ items: z.array(s.department) }), ...errors },
      },
    },
    (req) => service.listDepartments(req.ctx(), req.query.projectId),
  );

  app.get(
    '/buildings',
    {
      schema: {
        tags,
        summary: 'Buildings (楼栋) of a project',
        querystring: s.listQuery.extend({ projectId: s.id }),
        response: { 200: s.page(s.building), ...errors },
      },
    },
    (req) => service.listBuildings(req.ctx(), req.query),
  );
  app.get('/buildings/:id', { schema: { tags, params: s.idParam, response: { 200: s.building, ...errors } } }, (req) =>
    service.getBuilding(req.ctx(), req.params.id),
  );
  app.post('/buildings', { schema: { tags, body: s.buildingCreate, response: { 201: s.building, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await service.createBuilding(req.ctx(), req.body)),
  );
  app.patch(
    '/buildings/:id',
    { schema: { tags, params: s.idParam, body: s.buildingUpdate, response: { 200: s.building, ...errors } } },
    (req) => service.updateBuilding(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/entrances',
    {
      schema: { tags, summary: 'Adds an entrance (单元) to a building', body: s.entranceCreate, response: { 201: s.building, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await service.createEntrance(req.ctx(), req.body)),
  );

  app.get(
    '/units',
    {
      schema: {
        tags,
        summary: 'Units (房屋); q matches the unit code such as 3-2-1201',
        querystring: s.unitsQuery,
        response: { 200: s.page(s.unit), ...errors },
      },
    },
    (req) => service.listUnits(req.ctx(), req.query),
  );
  app.get(
    '/units/:id',
    { schema: { tags, summary: 'A unit with its occupants', params: s.idParam, response: { 200: s.unitDetail, ...errors } } },
    (req) => service.getUnit(req.ctx(), req.params.id),
  );
  app.post('/units', { schema: { tags, body: s.unitCreate, response: { 201: s.unitDetail, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await service.createUnit(req.ctx(), req.body)),
  );
  app.patch('/units/:id', { schema: { tags, params: s.idParam, body: s.unitUpdate, response: { 200: s.unitDetail, ...errors } } }, (req) =>
    service.updateUnit(req.ctx(), req.params.id, req.body),
  );

  app.get(
    '/public-places',
    {
      schema: {
        tags,
        summary: 'Public areas (公共区域)',
        querystring: projectIdQuery,
        response: { 200: z.object({ items: z.array(s.publicPlace) }), ...errors },
      },
    },
    (req) => service.listPublicPlaces(req.ctx(), req.query.projectId),
  );
  app.post(
    '/public-places',
    { schema: { tags, body: s.publicPlaceCreate, response: { 201: s.publicPlace, ...errors } } },
    async (req, reply) => reply.status(201).send(await service.createPublicPlace(req.ctx(), req.body)),
  );

  app.get(
    '/responsibility-areas',
    {
      schema: {
        tags,
        summary: 'Responsibility areas (责任区)',
        querystring: projectIdQuery,
        response: { 200: z.object({ items: z.array(s.responsibilityArea) }), ...errors },
      },
    },
    (req) => service.listResponsibilityAreas(req.ctx(), req.query.projectId),
  );
  app.post(
    '/responsibility-areas',
    { schema: { tags, body: s.responsibilityAreaCreate, response: { 201: s.responsibilityArea, ...errors } } },
    async (req, reply) => reply.status(201).send(await service.createResponsibilityArea(req.ctx(), req.body)),
  );
}
