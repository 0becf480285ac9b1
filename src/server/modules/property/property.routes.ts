import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as service from './property.service.ts';
import { propertyOperations } from '../../../shared/api/property.ts';

export async function propertyRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/projects',
    {
      schema: propertyOperations['GET /api/projects'],
    },
    (req) => service.listProjects(req.ctx()),
  );
  app.get('/projects/:id', { schema: propertyOperations['GET /api/projects/:id'] }, (req) => service.getProject(req.ctx(), req.params.id));
  app.get(
    '/projects/:id/summary',
    {
      schema: propertyOperations['GET /api/projects/:id/summary'],
    },
    (req) => service.projectSummary(req.ctx(), req.params.id),
  );
  app.post('/projects', { schema: propertyOperations['POST /api/projects'] }, async (req, reply) =>
    reply.status(201).send(await service.createProject(req.ctx(), req.body, app.deps.config.timeZone)),
  );
  app.patch(
    '/projects/:id',
    {
      schema: propertyOperations['PATCH /api/projects/:id'],
    },
    (req) => service.updateProject(req.ctx(), req.params.id, req.body),
  );

  app.get(
    '/departments',
    {
      schema: propertyOperations['GET /api/departments'],
    },
    (req) => service.listDepartments(req.ctx(), req.query.projectId),
  );

  app.get(
    '/buildings',
    {
      schema: propertyOperations['GET /api/buildings'],
    },
    (req) => service.listBuildings(req.ctx(), req.query),
  );
  app.get('/buildings/:id', { schema: propertyOperations['GET /api/buildings/:id'] }, (req) =>
    service.getBuilding(req.ctx(), req.params.id),
  );
  app.post('/buildings', { schema: propertyOperations['POST /api/buildings'] }, async (req, reply) =>
    reply.status(201).send(await service.createBuilding(req.ctx(), req.body)),
  );
  app.patch(
    '/buildings/:id',
    {
      schema: propertyOperations['PATCH /api/buildings/:id'],
    },
    (req) => service.updateBuilding(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/entrances',
    {
      schema: propertyOperations['POST /api/entrances'],
    },
    async (req, reply) => reply.status(201).send(await service.createEntrance(req.ctx(), req.body)),
  );

  app.get(
    '/units',
    {
      schema: propertyOperations['GET /api/units'],
    },
    (req) => service.listUnits(req.ctx(), req.query),
  );
  app.get(
    '/units/:id',
    {
      schema: propertyOperations['GET /api/units/:id'],
    },
    (req) => service.getUnit(req.ctx(), req.params.id),
  );
  app.post('/units', { schema: propertyOperations['POST /api/units'] }, async (req, reply) =>
    reply.status(201).send(await service.createUnit(req.ctx(), req.body)),
  );
  app.patch('/units/:id', { schema: propertyOperations['PATCH /api/units/:id'] }, (req) =>
    service.updateUnit(req.ctx(), req.params.id, req.body),
  );

  app.get(
    '/public-places',
    {
      schema: propertyOperations['GET /api/public-places'],
    },
    (req) => service.listPublicPlaces(req.ctx(), req.query.projectId),
  );
  app.post(
    '/public-places',
    {
      schema: propertyOperations['POST /api/public-places'],
    },
    async (req, reply) => reply.status(201).send(await service.createPublicPlace(req.ctx(), req.body)),
  );

  app.get(
    '/responsibility-areas',
    {
      schema: propertyOperations['GET /api/responsibility-areas'],
    },
    (req) => service.listResponsibilityAreas(req.ctx(), req.query.projectId),
  );
  app.post(
    '/responsibility-areas',
    {
      schema: propertyOperations['POST /api/responsibility-areas'],
    },
    async (req, reply) => reply.status(201).send(await service.createResponsibilityArea(req.ctx(), req.body)),
  );
}
