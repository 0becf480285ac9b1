/**
 * API schemas of customer engagement (SPEC §5): visits (拜访/走访) with their quotas, owners' forums
 * (业主座谈会) and satisfaction surveys. The web client imports the inferred types only.
 */
import { z } from 'zod';
import {
  contactMethods,
  quotaRules,
  surveyChannels,
  surveyQuestionKinds,
  surveyStatuses,
  ticketTypes,
  visitKinds,
  visitStatuses,
} from './enums.ts';
import { storedFile } from './files.ts';
import { monthText } from './reports.ts';
import { dateText, id, isoDateTime, listQuery, maybeText } from './schemas.ts';

// ---------- visits ----------

export const visitCreate = z
  .object({
    projectId: id,
    kind: z.enum(visitKinds),
    method: z.enum(contactMethods).default('in_person'),
    /** The household visited (required for a household visit). */
    unitId: id.optional(),
    /** The person met or called; must live in or own the unit when both are given. */
    customerId: id.optional(),
    /** The appointment (预约拜访时间); without it the visit is recorded at once with `record`. */
    plannedAt: isoDateTime.optional(),
    purpose: maybeText(500),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'household' && !v.unitId)
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'a household visit names the unit' });
  });

/** A request heard during the visit; with `ticketType` it becomes a follow-up ticket (channel 走访). */
export const visitRequestInput = z.object({
  description: z.string().trim().min(2, 'must describe the request').max(2000),
  ticketType: z.enum(ticketTypes).optional(),
});

/** 拜访客户登记记录表: what was heard, explained and escalated. */
export const visitRecord = z.object({
  /** When the visit took place; defaults to now, may not be in the future. */
  visitedAt: isoDateTime.optional(),
  /** 客户意见、想法、建议 */
  opinions: z.string().trim().min(1, 'must not be empty').max(4000),
  /** 现场所作的解释 */
  explanations: maybeText(4000),
  /** 向管理公司反映的要求与想法 */
  escalated: maybeText(4000),
  requests: z.array(visitRequestInput).max(20).default([]),
});

export const visitsQuery = listQuery.extend({
  projectId: id.optional(),
  staffId: id.optional(),
  unitId: id.optional(),
  /** The visit a follow-up ticket was raised from. */
  ticketId: id.optional(),
  status: z.enum(visitStatuses).optional(),
  month: monthText.optional(),
});

export const visitRequestView = z.object({
  id: z.number(),
  description: z.string(),
  ticketType: z.enum(ticketTypes).nullable(),
  ticketId: z.number().nullable(),
  ticketNumber: z.string().nullable(),
  ticketStatus: z.string().nullable(),
});

export const visitView = z.object({
  id: z.number(),
  projectId: z.number(),
  projectName: z.string(),
  kind: z.enum(visitKinds),
  method: z.enum(contactMethods),
  status: z.enum(visitStatuses),
  staffId: z.number(),
  staffName: z.string(),
  unitId: z.number().nullable(),
  unitCode: z.string().nullable(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  purpose: z.string().nullable(),
  plannedAt: z.string().nullable(),
  visitedAt: z.string().nullable(),
  /** The local day of the visit (counts for the quota of that month). */
  visitDate: z.string().nullable(),
  photoCount: z.number(),
  createdAt: z.string(),
});

export const visitDetail = visitView.extend({
  opinions: z.string().nullable(),
  explanations: z.string().nullable(),
  escalated: z.string().nullable(),
  requests: z.array(visitRequestView),
  photos: z.array(storedFile),
});

export const quotaQuery = z.object({ projectId: id, month: monthText });

export const quotaRow = z.object({
  staffId: z.number(),
  staffName: z.string(),
  rule: z.enum(quotaRules),
  /** The period the quota is counted over: 2026-11, 2026-Q4 or 2026. */
  period: z.string(),
  required: z.number(),
  done: z.number(),
  met: z.boolean(),
});
export const quotaReport = z.object({ projectId: z.number(), month: z.string(), items: z.array(quotaRow) });

export const visitPlanQuery = z.object({ projectId: id, limit: z.coerce.number().int().min(1).max(200).default(30) });
/** A household due for a visit: the caller's area first, longest unvisited first. */
export const visitPlanItem = z.object({
  unitId: z.number(),
  unitCode: z.string(),
  buildingName: z.string(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  lastVisitDate: z.string().nullable(),
  visitsThisYear: z.number(),
});

// ---------- owners' forums ----------

export const forumActionInput = z.object({
  description: z.string().trim().min(2, 'must describe the action').max(1000),
  ownerStaffId: id.optional(),
  dueDate: dateText.optional(),
});

export const forumCreate = z.object({
  projectId: id,
  heldOn: dateText,
  title: z.string().trim().min(1, 'must not be empty').max(200),
  venue: maybeText(200),
  attendees: z.number().int().min(0).max(10_000).default(0),
  /** 会议纪要 */
  minutes: z.string().trim().min(1, 'must not be empty').max(20_000),
  actions: z.array(forumActionInput).max(50).default([]),
});

export const forumsQuery = listQuery.extend({ projectId: id.optional() });

export const forumAction = z.object({
  id: z.number(),
  description: z.string(),
  ownerStaffId: z.number().nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});

export const forumView = z.object({
  id: z.number(),
  projectId: z.number(),
  heldOn: z.string(),
  title: z.string(),
  venue: z.string().nullable(),
  attendees: z.number(),
  actionsOpen: z.number(),
  actionsDone: z.number(),
});
export const forumDetail = forumView.extend({ minutes: z.string(), actions: z.array(forumAction) });

export const forumScheduleQuery = z.object({ projectId: id });
/** When the next forum is due under the policy, and whether it is late. */
export const forumSchedule = z.object({
  projectId: z.number(),
  intervalMonths: z.number(),
  lastHeldOn: z.string().nullable(),
  nextDueOn: z.string(),
  overdue: z.boolean(),
});

export const forumActionUpdate = z.object({ done: z.boolean() });

// ---------- satisfaction surveys ----------

export const surveyQuestionInput = z
  .object({
    kind: z.enum(surveyQuestionKinds),
    text: z.string().trim().min(2, 'must not be empty').max(500),
    /** The dimension a rating question counts in (维修服务, 安全管理, 环境卫生 …). */
    dimension: z.string().trim().max(50).optional(),
    options: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
    required: z.boolean().default(true),
  })
  .superRefine((q, ctx) => {
    if (q.kind === 'rating' && !q.dimension)
      ctx.addIssue({ code: 'custom', path: ['dimension'], message: 'a rating question belongs to a dimension' });
    if (q.kind === 'choice' && (!q.options || q.options.length < 2))
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice question needs at least two options' });
  });

export const surveyCreate = z.object({
  projectId: id,
  title: z.string().trim().min(1, 'must not be empty').max(200),
  intro: maybeText(2000),
  /** Distribution: these buildings only; empty or absent means the whole project. */
  buildingIds: z.array(id).max(200).optional(),
  questions: z.array(surveyQuestionInput).min(1, 'a survey needs at least one question').max(60),
});

export const surveyTransition = z.object({ action: z.enum(['open', 'close']) });
export const surveysQuery = listQuery.extend({ projectId: id.optional(), status: z.enum(surveyStatuses).optional() });

export const surveyQuestion = z.object({
  id: z.number(),
  seq: z.number(),
  kind: z.enum(surveyQuestionKinds),
  text: z.string(),
  dimension: z.string().nullable(),
  options: z.array(z.string()),
  required: z.boolean(),
});

export const surveyView = z.object({
  id: z.number(),
  projectId: z.number(),
  projectName: z.string(),
  title: z.string(),
  intro: z.string().nullable(),
  status: z.enum(surveyStatuses),
  buildingIds: z.array(z.number()),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  responses: z.number(),
  /** The portal page residents answer on (also printed as the notice). */
  portalPath: z.string(),
  createdAt: z.string(),
});
export const surveyDetail = surveyView.extend({ questions: z.array(surveyQuestion) });

export const surveyAnswerInput = z.object({
  questionId: id,
  rating: z.number().int().min(1).max(5).optional(),
  choice: z.string().trim().min(1).max(100).optional(),
  text: z.string().trim().max(2000).optional(),
});
export const surveyResponseCreate = z.object({
  /** The household answering: one answer per household and survey, whatever the channel. */
  unitId: id,
  answers: z.array(surveyAnswerInput).min(1).max(60),
});
export const surveyResponseCreated = z.object({
  id: z.number(),
  surveyId: z.number(),
  unitId: z.number(),
  channel: z.enum(surveyChannels),
});

export const questionResult = z.object({
  questionId: z.number(),
  seq: z.number(),
  kind: z.enum(surveyQuestionKinds),
  text: z.string(),
  dimension: z.string().nullable(),
  answered: z.number(),
  /** Rating questions: mean (1–5), the share rated satisfied, and the count of each rating 1–5. */
  average: z.number().nullable(),
  satisfiedRate: z.number().nullable(),
  ratingCounts: z.array(z.number()),
  /** Choice questions: how often each option was chosen. */
  choiceCounts: z.array(z.object({ option: z.string(), count: z.number() })),
  /** Text questions: the latest answers. */
  texts: z.array(z.string()),
});
export const dimensionResult = z.object({
  dimension: z.string(),
  answered: z.number(),
  average: z.number().nullable(),
  satisfiedRate: z.number().nullable(),
});
export const surveyResultsQuery = z.object({ format: z.enum(['json', 'xlsx']).optional() });
export const surveyResults = z.object({
  surveyId: z.number(),
  title: z.string(),
  households: z.number(),
  responses: z.number(),
  byChannel: z.object({ portal: z.number(), paper: z.number() }),
  /** Satisfied rating answers ÷ all rating answers (null without any). */
  satisfactionRate: z.number().nullable(),
  target: z.number(),
  satisfiedMinRating: z.number(),
  questions: z.array(questionResult),
  dimensions: z.array(dimensionResult),
});

export const yearSatisfactionQuery = z.object({ projectId: id.optional(), year: z.coerce.number().int().min(2000).max(2100) });
export const yearSatisfaction = z.object({
  year: z.number(),
  target: z.number(),
  items: z.array(
    z.object({
      projectId: z.number(),
      projectName: z.string(),
      surveys: z.number(),
      responses: z.number(),
      ratingAnswers: z.number(),
      satisfactionRate: z.number().nullable(),
      met: z.boolean().nullable(),
      dimensions: z.array(dimensionResult),
    }),
  ),
});

/** A survey as a resident sees it in the portal, with their households and whether each has answered. */
export const portalSurvey = z.object({
  id: z.number(),
  title: z.string(),
  intro: z.string().nullable(),
  status: z.enum(surveyStatuses),
  questions: z.array(surveyQuestion),
  households: z.array(z.object({ unitId: z.number(), unitCode: z.string(), answered: z.boolean() })),
});
export const portalSurveyItem = z.object({
  id: z.number(),
  title: z.string(),
  status: z.enum(surveyStatuses),
  pending: z.number(),
});

export type VisitCreate = z.input<typeof visitCreate>;
export type VisitRecordInput = z.input<typeof visitRecord>;
export type VisitView = z.infer<typeof visitView>;
export type VisitDetail = z.infer<typeof visitDetail>;
export type QuotaRow = z.infer<typeof quotaRow>;
export type QuotaReport = z.infer<typeof quotaReport>;
export type VisitPlanItem = z.infer<typeof visitPlanItem>;
export type ForumCreate = z.input<typeof forumCreate>;
export type ForumView = z.infer<typeof forumView>;
export type ForumDetail = z.infer<typeof forumDetail>;
export type ForumSchedule = z.infer<typeof forumSchedule>;
export type SurveyCreate = z.input<typeof surveyCreate>;
export type SurveyView = z.infer<typeof surveyView>;
export type SurveyDetail = z.infer<typeof surveyDetail>;
export type SurveyResponseInput = z.input<typeof surveyResponseCreate>;
export type SurveyResults = z.infer<typeof surveyResults>;
export type YearSatisfaction = z.infer<typeof yearSatisfaction>;
export type PortalSurvey = z.infer<typeof portalSurvey>;
export type PortalSurveyItem = z.infer<typeof portalSurveyItem>;
