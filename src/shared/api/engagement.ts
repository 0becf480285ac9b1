/** Operations of visits, owners' forums and satisfaction surveys (SPEC §5). */
import * as e from '../engagement.ts';
import { idParam, list, page } from '../schemas.ts';
import { defineOperations, errorAnswers } from './contract.ts';

const errors = errorAnswers(400, 401, 403, 404, 409);
const visits = ['visits'];
const forums = ['forums'];
const surveys = ['surveys'];
const portal = ['portal'];

export const engagementOperations = defineOperations({
  // ---------- visits ----------
  'GET /api/visits': {
    operationId: 'listVisits',
    summary: 'Visits (拜访/走访) and proactive contacts of the caller’s projects, newest first; month filters by the day of the visit',
    tags: visits,
    querystring: e.visitsQuery,
    response: { 200: page(e.visitView), ...errors },
  },
  'POST /api/visits': {
    operationId: 'createVisit',
    summary: 'Books an appointment (plannedAt) or opens a visit to record now; the visit is the caller’s',
    tags: visits,
    body: e.visitCreate,
    response: { 201: e.visitDetail, ...errors },
  },
  'GET /api/visits/plan': {
    operationId: 'getVisitPlan',
    summary: 'Households due for a visit: the caller’s responsibility areas (or the project), longest unvisited first',
    tags: visits,
    querystring: e.visitPlanQuery,
    response: { 200: list(e.visitPlanItem), ...errors },
  },
  'GET /api/visits/quotas': {
    operationId: 'getVisitQuotas',
    summary: 'Quota progress per person for a month: required vs done under the visit policies',
    tags: visits,
    querystring: e.quotaQuery,
    response: { 200: e.quotaReport, ...errors },
  },
  'GET /api/visits/:id': {
    operationId: 'getVisit',
    summary: 'A visit with its record form, requests (and their tickets) and photos',
    tags: visits,
    params: idParam,
    response: { 200: e.visitDetail, ...errors },
  },
  'POST /api/visits/:id/record': {
    operationId: 'recordVisit',
    summary: '拜访客户登记记录表: records the visit; each request with a ticketType becomes a follow-up ticket (channel visit)',
    tags: visits,
    params: idParam,
    body: e.visitRecord,
    response: { 200: e.visitDetail, ...errors },
  },
  'POST /api/visits/:id/cancel': {
    operationId: 'cancelVisit',
    summary: 'Cancels a planned visit',
    tags: visits,
    params: idParam,
    response: { 200: e.visitDetail, ...errors },
  },
  'POST /api/visits/:id/photos': {
    operationId: 'addVisitPhoto',
    summary:
      'Adds a photo of the visit (multipart/form-data, field file; JPEG, PNG or WebP; size and number per visit are policies); served at GET /api/files/{id}',
    tags: visits,
    consumes: ['multipart/form-data'],
    params: idParam,
    response: { 201: e.visitDetail, ...errors },
  },

  // ---------- owners' forums ----------
  'GET /api/forums': {
    operationId: 'listForums',
    summary: 'Owners’ forums (业主座谈会), newest first',
    tags: forums,
    querystring: e.forumsQuery,
    response: { 200: page(e.forumView), ...errors },
  },
  'POST /api/forums': {
    operationId: 'createForum',
    summary: 'Records a forum with its minutes and the actions decided',
    tags: forums,
    body: e.forumCreate,
    response: { 201: e.forumDetail, ...errors },
  },
  'GET /api/forums/schedule': {
    operationId: 'getForumSchedule',
    summary: 'When the next forum is due under the policy (every half year) and whether it is overdue',
    tags: forums,
    querystring: e.forumScheduleQuery,
    response: { 200: e.forumSchedule, ...errors },
  },
  'GET /api/forums/:id': {
    operationId: 'getForum',
    summary: 'A forum with minutes and actions',
    tags: forums,
    params: idParam,
    response: { 200: e.forumDetail, ...errors },
  },
  'PATCH /api/forum-actions/:id': {
    operationId: 'updateForumAction',
    summary: 'Marks an action decided at a forum done, or reopens it',
    tags: forums,
    params: idParam,
    body: e.forumActionUpdate,
    response: { 200: e.forumDetail, ...errors },
  },

  // ---------- satisfaction surveys ----------
  'GET /api/surveys': {
    operationId: 'listSurveys',
    summary: 'Satisfaction surveys, newest first',
    tags: surveys,
    querystring: e.surveysQuery,
    response: { 200: page(e.surveyView), ...errors },
  },
  'POST /api/surveys': {
    operationId: 'createSurvey',
    summary: 'Creates a questionnaire (draft) for a project or some of its buildings',
    tags: surveys,
    body: e.surveyCreate,
    response: { 201: e.surveyDetail, ...errors },
  },
  'GET /api/surveys/satisfaction': {
    operationId: 'getYearSatisfaction',
    summary: '年终住户满意率: the year’s satisfaction rate per project against the target',
    tags: surveys,
    querystring: e.yearSatisfactionQuery,
    response: { 200: e.yearSatisfaction, ...errors },
  },
  'GET /api/surveys/:id': {
    operationId: 'getSurvey',
    summary: 'A survey with its questions',
    tags: surveys,
    params: idParam,
    response: { 200: e.surveyDetail, ...errors },
  },
  'POST /api/surveys/:id/transitions': {
    operationId: 'transitionSurvey',
    summary: 'Opens a draft to answers or closes an open survey',
    tags: surveys,
    params: idParam,
    body: e.surveyTransition,
    response: { 200: e.surveyDetail, ...errors },
  },
  'POST /api/surveys/:id/responses': {
    operationId: 'enterPaperSurveyResponse',
    summary: 'Keys in a paper questionnaire for a household (one answer per household, 409 when it has answered)',
    tags: surveys,
    params: idParam,
    body: e.surveyResponseCreate,
    response: { 201: e.surveyResponseCreated, ...errors },
  },
  'GET /api/surveys/:id/results': {
    operationId: 'getSurveyResults',
    summary: 'Results per question and dimension and the satisfaction rate; format=xlsx for Excel',
    tags: surveys,
    params: idParam,
    querystring: e.surveyResultsQuery,
    response: { 200: e.surveyResults, ...errors },
  },

  // ---------- portal ----------
  'GET /api/portal/surveys': {
    operationId: 'listPortalSurveys',
    summary: 'Open surveys sent to the resident’s households',
    tags: portal,
    response: { 200: list(e.portalSurveyItem), ...errors },
  },
  'GET /api/portal/surveys/:id': {
    operationId: 'getPortalSurvey',
    summary: 'A survey to answer, with the resident’s households',
    tags: portal,
    params: idParam,
    response: { 200: e.portalSurvey, ...errors },
  },
  'POST /api/portal/surveys/:id/responses': {
    operationId: 'answerPortalSurvey',
    summary: 'A resident answers for one of their households (once per household)',
    tags: portal,
    params: idParam,
    body: e.surveyResponseCreate,
    response: { 201: e.surveyResponseCreated, ...errors },
  },
});
