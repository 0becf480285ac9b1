import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as e from '../../../shared/engagement.ts';
import { errorSchema, idParam, page } from '../../../shared/schemas.ts';
import { sendWorkbook } from '../reports/xlsx.ts';
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

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** Visits, owners' forums and satisfaction surveys (SPEC §5). */
export async function engagementRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  // ---------- visits ----------
  const visits = ['visits'];
  app.get(
    '/visits',
    {
      schema: {
        tags: visits,
        summary: 'Visits (拜访/走访) and proactive contacts of the caller’s projects, newest first; month filters by the day of the visit',
        querystring: e.visitsQuery,
        response: { 200: page(e.visitView), ...errors },
      },
    },
    (req) => listVisits(req.ctx(), req.query),
  );
  app.post(
    '/visits',
    {
      schema: {
        tags: visits,
        summary: 'Books an appointment (plannedAt) or opens a visit to record now; the visit is the caller’s',
        body: e.visitCreate,
        response: { 201: e.visitDetail, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createVisit(req.ctx(), req.body)),
  );
  app.get(
    '/visits/plan',
    {
      schema: {
        tags: visits,
        summary: 'Households due for a visit: the caller’s responsibility areas (or the project), longest unvisited first',
        querystring: e.visitPlanQuery,
        response: { 200: z.object({ items: z.array(e.visitPlanItem) }), ...errors },
      },
    },
    (req) => visitPlan(req.ctx(), req.query),
  );
  app.get(
    '/visits/quotas',
    {
      schema: {
        tags: visits,
        summary: 'Quota progress per person for a month: required vs done under the visit policies',
        querystring: e.quotaQuery,
        response: { 200: e.quotaReport, ...errors },
      },
    },
    (req) => visitQuotas(req.ctx(), req.query),
  );
  app.get(
    '/visits/:id',
    {
      schema: {
        tags: visits,
        summary: 'A visit with its record form, requests (and their tickets) and photos',
        params: idParam,
        response: { 200: e.visitDetail, ...errors },
      },
    },
    (req) => getVisit(req.ctx(), req.params.id),
  );
  app.post(
    '/visits/:id/record',
    {
      schema: {
        tags: visits,
        summary: '拜访客户登记记录表: records the visit; each request with a ticketType becomes a follow-up ticket (channel visit)',
        params: idParam,
        body: e.visitRecord,
        response: { 200: e.visitDetail, ...errors },
      },
    },
    (req) => recordVisit(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/visits/:id/cancel',
    { schema: { tags: visits, summary: 'Cancels a planned visit', params: idParam, response: { 200: e.visitDetail, ...errors } } },
    (req) => cancelVisit(req.ctx(), req.params.id),
  );
  app.post(
    '/visits/:id/photos',
    {
      schema: {
        tags: visits,
        summary:
          'Adds a photo of the visit (multipart/form-data, field file; JPEG, PNG or WebP; size and number per visit are policies); served at GET /api/files/{id}',
        consumes: ['multipart/form-data'],
        params: idParam,
        response: { 201: e.visitDetail, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addVisitPhoto(req.ctx(), req.params.id, await receiveFile(req, visitPhotos, req.params.id))),
  );

  // ---------- owners' forums ----------
  const forums = ['forums'];
  app.get(
    '/forums',
    {
      schema: {
        tags: forums,
        summary: 'Owners’ forums (业主座谈会), newest first',
        querystring: e.forumsQuery,
        response: { 200: page(e.forumView), ...errors },
      },
    },
    (req) => listForums(req.ctx(), req.query),
  );
  app.post(
    '/forums',
    {
      schema: {
        tags: forums,
        summary: 'Records a forum with its minutes and the actions decided',
        body: e.forumCreate,
        response: { 201: e.forumDetail, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createForum(req.ctx(), req.body)),
  );
  app.get(
    '/forums/schedule',
    {
      schema: {
        tags: forums,
        summary: 'When the next forum is due under the policy (every half year) and whether it is overdue',
        querystring: e.forumScheduleQuery,
        response: { 200: e.forumSchedule, ...errors },
      },
    },
    (req) => forumSchedule(req.ctx(), req.query.projectId),
  );
  app.get(
    '/forums/:id',
    { schema: { tags: forums, summary: 'A forum with minutes and actions', params: idParam, response: { 200: e.forumDetail, ...errors } } },
    (req) => getForum(req.ctx(), req.params.id),
  );
  app.patch(
    '/forum-actions/:id',
    {
      schema: {
        tags: forums,
        summary: 'Marks an action decided at a forum done, or reopens it',
        params: idParam,
        body: e.forumActionUpdate,
        response: { 200: e.forumDetail, ...errors },
      },
    },
    (req) => updateForumAction(req.ctx(), req.params.id, req.body.done),
  );

  // ---------- satisfaction surveys ----------
  const surveys = ['surveys'];
  app.get(
    '/surveys',
    {
      schema: {
        tags: surveys,
        summary: 'Satisfaction surveys, newest first',
        querystring: e.surveysQuery,
        response: { 200: page(e.surveyView), ...errors },
      },
    },
    (req) => listSurveys(req.ctx(), req.query),
  );
  app.post(
    '/surveys',
    {
      schema: {
        tags: surveys,
        summary: 'Creates a questionnaire (draft) for a project or some of its buildings',
        body: e.surveyCreate,
        response: { 201: e.surveyDetail, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createSurvey(req.ctx(), req.body)),
  );
  app.get(
    '/surveys/satisfaction',
    {
      schema: {
        tags: surveys,
        summary: '年终住户满意率: the year’s satisfaction rate per project against the target',
        querystring: e.yearSatisfactionQuery,
        response: { 200: e.yearSatisfaction, ...errors },
      },
    },
    (req) => yearSatisfaction(req.ctx(), req.query),
  );
  app.get(
    '/surveys/:id',
    { schema: { tags: surveys, summary: 'A survey with its questions', params: idParam, response: { 200: e.surveyDetail, ...errors } } },
    (req) => getSurvey(req.ctx(), req.params.id),
  );
  app.post(
    '/surveys/:id/transitions',
    {
      schema: {
        tags: surveys,
        summary: 'Opens a draft to answers or closes an open survey',
        params: idParam,
        body: e.surveyTransition,
        response: { 200: e.surveyDetail, ...errors },
      },
    },
    (req) => transitionSurvey(req.ctx(), req.params.id, req.body.action),
  );
  app.post(
    '/surveys/:id/responses',
    {
      schema: {
        tags: surveys,
        summary: 'Keys in a paper questionnaire for a household (one answer per household, 409 when it has answered)',
        params: idParam,
        body: e.surveyResponseCreate,
        response: { 201: e.surveyResponseCreated, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await enterPaperResponse(req.ctx(), req.params.id, req.body)),
  );
  app.get(
    '/surveys/:id/results',
    {
      schema: {
        tags: surveys,
        summary: 'Results per question and dimension and the satisfaction rate; format=xlsx for Excel',
        params: idParam,
        querystring: z.object({ format: z.enum(['json', 'xlsx']).optional() }),
        response: { 200: e.surveyResults, ...errors },
      },
    },
    async (req, reply) => {
      if (req.query.format === 'xlsx') return sendWorkbook(reply, await surveyResultsWorkbook(req.ctx(), req.params.id)) as never;
      return surveyResults(req.ctx(), req.params.id);
    },
  );

  // ---------- portal ----------
  const portal = ['portal'];
  app.get(
    '/portal/surveys',
    {
      schema: {
        tags: portal,
        summary: 'Open surveys sent to the resident’s households',
        response: { 200: z.object({ items: z.array(e.portalSurveyItem) }), ...errors },
      },
    },
    (req) => listPortalSurveys(req.ctx()),
  );
  app.get(
    '/portal/surveys/:id',
    {
      schema: {
        tags: portal,
        summary: 'A survey to answer, with the resident’s households',
        params: idParam,
        response: { 200: e.portalSurvey, ...errors },
      },
    },
    (req) => getPortalSurvey(req.ctx(), req.params.id),
  );
  app.post(
    '/portal/surveys/:id/responses',
    {
      schema: {
        tags: portal,
        summary: 'A resident answers for one of their households (once per household)',
        params: idParam,
        body: e.surveyResponseCreate,
        response: { 201: e.surveyResponseCreated, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await answerInPortal(req.ctx(), req.params.id, req.body)),
  );
}
