import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendWorkbook } from '../../platform/xlsx.ts';
import { receiveFile } from '../../platform/files.ts';
import { createForum, forumSchedule, getForum, listForums, updateForumAction } from './forums.service.ts';
import {
  answerInPortal,
  createSurvey,
  enterPaperResponse,
  getPortalSurvey,
  getSurvey,
  listPortalSurveys,
  listSurveys,
  surveyResults,
  surveyResultsWorkbook,
  transitionSurvey,
  yearSatisfaction,
} from './surveys.service.ts';
import {
  addVisitPhoto,
  cancelVisit,
  createVisit,
  getVisit,
  listVisits,
  recordVisit,
  visitPlan,
  visitPhotos,
  visitQuotas,
} from './visits.service.ts';
import { engagementOperations } from '../../../shared/api/engagement.ts';

/** Visits, owners' forums and satisfaction surveys (SPEC §5). */
export async function engagementRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  // ---------- visits ----------
  app.get(
    '/visits',
    {
      schema: engagementOperations['GET /api/visits'],
    },
    (req) => listVisits(req.ctx(), req.query),
  );
  app.post(
    '/visits',
    {
      schema: engagementOperations['POST /api/visits'],
    },
    async (req, reply) => reply.status(201).send(await createVisit(req.ctx(), req.body)),
  );
  app.get(
    '/visits/plan',
    {
      schema: engagementOperations['GET /api/visits/plan'],
    },
    (req) => visitPlan(req.ctx(), req.query),
  );
  app.get(
    '/visits/quotas',
    {
      schema: engagementOperations['GET /api/visits/quotas'],
    },
    (req) => visitQuotas(req.ctx(), req.query),
  );
  app.get(
    '/visits/:id',
    {
      schema: engagementOperations['GET /api/visits/:id'],
    },
    (req) => getVisit(req.ctx(), req.params.id),
  );
  app.post(
    '/visits/:id/record',
    {
      schema: engagementOperations['POST /api/visits/:id/record'],
    },
    (req) => recordVisit(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/visits/:id/cancel',
    {
      schema: engagementOperations['POST /api/visits/:id/cancel'],
    },
    (req) => cancelVisit(req.ctx(), req.params.id),
  );
  app.post(
    '/visits/:id/photos',
    {
      schema: engagementOperations['POST /api/visits/:id/photos'],
    },
    async (req, reply) =>
      reply.status(201).send(await addVisitPhoto(req.ctx(), req.params.id, await receiveFile(req, visitPhotos, req.params.id))),
  );

  // ---------- owners' forums ----------
  app.get(
    '/forums',
    {
      schema: engagementOperations['GET /api/forums'],
    },
    (req) => listForums(req.ctx(), req.query),
  );
  app.post(
    '/forums',
    {
      schema: engagementOperations['POST /api/forums'],
    },
    async (req, reply) => reply.status(201).send(await createForum(req.ctx(), req.body)),
  );
  app.get(
    '/forums/schedule',
    {
      schema: engagementOperations['GET /api/forums/schedule'],
    },
    (req) => forumSchedule(req.ctx(), req.query.projectId),
  );
  app.get(
    '/forums/:id',
    {
      schema: engagementOperations['GET /api/forums/:id'],
    },
    (req) => getForum(req.ctx(), req.params.id),
  );
  app.patch(
    '/forum-actions/:id',
    {
      schema: engagementOperations['PATCH /api/forum-actions/:id'],
    },
    (req) => updateForumAction(req.ctx(), req.params.id, req.body.done),
  );

  // ---------- satisfaction surveys ----------
  app.get(
    '/surveys',
    {
      schema: engagementOperations['GET /api/surveys'],
    },
    (req) => listSurveys(req.ctx(), req.query),
  );
  app.post(
    '/surveys',
    {
      schema: engagementOperations['POST /api/surveys'],
    },
    async (req, reply) => reply.status(201).send(await createSurvey(req.ctx(), req.body)),
  );
  app.get(
    '/surveys/satisfaction',
    {
      schema: engagementOperations['GET /api/surveys/satisfaction'],
    },
    (req) => yearSatisfaction(req.ctx(), req.query),
  );
  app.get(
    '/surveys/:id',
    {
      schema: engagementOperations['GET /api/surveys/:id'],
    },
    (req) => getSurvey(req.ctx(), req.params.id),
  );
  app.post(
    '/surveys/:id/transitions',
    {
      schema: engagementOperations['POST /api/surveys/:id/transitions'],
    },
    (req) => transitionSurvey(req.ctx(), req.params.id, req.body.action),
  );
  app.post(
    '/surveys/:id/responses',
    {
      schema: engagementOperations['POST /api/surveys/:id/responses'],
    },
    async (req, reply) => reply.status(201).send(await enterPaperResponse(req.ctx(), req.params.id, req.body)),
  );
  app.get(
    '/surveys/:id/results',
    {
      schema: engagementOperations['GET /api/surveys/:id/results'],
    },
    async (req, reply) => {
      if (req.query.format === 'xlsx') return sendWorkbook(reply, await surveyResultsWorkbook(req.ctx(), req.params.id)) as never;
      return surveyResults(req.ctx(), req.params.id);
    },
  );

  // ---------- portal ----------
  app.get(
    '/portal/surveys',
    {
      schema: engagementOperations['GET /api/portal/surveys'],
    },
    (req) => listPortalSurveys(req.ctx()),
  );
  app.get(
    '/portal/surveys/:id',
    {
      schema: engagementOperations['GET /api/portal/surveys/:id'],
    },
    (req) => getPortalSurvey(req.ctx(), req.params.id),
  );
  app.post(
    '/portal/surveys/:id/responses',
    {
      schema: engagementOperations['POST /api/portal/surveys/:id/responses'],
    },
    async (req, reply) => reply.status(201).send(await answerInPortal(req.ctx(), req.params.id, req.body)),
  );
}
