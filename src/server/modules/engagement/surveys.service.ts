/**
 * Satisfaction surveys (住户调查问卷, SPEC §5, seed 002 制度1 二 2.(5), seed 001 item 44: 年终住户满意率
 * 80 %): questionnaires with rating, choice and text questions, distribution to a project or some of
 * its buildings through the portal, paper answers keyed in by staff, one answer per household,
 * results per question and dimension, the year's satisfaction rate against the target, Excel.
 */
import type { z } from 'zod';
import type { SurveyChannel, SurveyQuestionKind, SurveyStatus } from '../../../shared/enums.ts';
import type {
  PortalSurvey,
  PortalSurveyItem,
  SurveyDetail,
  SurveyResults,
  SurveyView,
  YearSatisfaction,
  surveyCreate,
  surveyResponseCreate,
  surveysQuery,
  yearSatisfactionQuery,
} from '../../../shared/engagement.ts';
import type { Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { ResidentActor, ServiceContext, StaffActor } from '../../platform/context.ts';
import { AppError, duplicate, invalid, notFound } from '../../platform/errors.ts';
import { inProjects, listPage } from '../../platform/pagination.ts';
import { assertProjectAccess, canAccessProject, projectScope, requirePermission, requireResident } from '../../platform/permissions.ts';
import { getPolicy } from '../policies/policies.service.ts';
import { attachmentHeader, buildWorkbook, type CellValue } from '../../platform/xlsx.ts';

function selectSurveys(db: Executor) {
  return db
    .selectFrom('surveys')
    .innerJoin('projects', 'projects.id', 'surveys.project_id')
    .selectAll('surveys')
    .select('projects.name as project_name')
    .select((eb) =>
      eb
        .selectFrom('survey_responses')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('survey_responses.survey_id', '=', 'surveys.id')
        .as('responses'),
    );
}
type SurveyRow = Awaited<ReturnType<ReturnType<typeof selectSurveys>['executeTakeFirstOrThrow']>>;

const buildingIdsOf = (r: { building_ids_json: string }): number[] => JSON.parse(r.building_ids_json) as number[];

const toSurvey = (r: SurveyRow): SurveyView => ({
  id: r.id,
  projectId: r.project_id,
  projectName: r.project_name,
  title: r.title,
  intro: r.intro,
  status: r.status as SurveyStatus,
  buildingIds: buildingIdsOf(r),
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  responses: Number(r.responses ?? 0),
  portalPath: `/portal/surveys/${r.id}`,
  createdAt: r.created_at,
});

async function loadQuestions(db: Executor, surveyId: number) {
  const rows = await db.selectFrom('survey_questions').selectAll().where('survey_id', '=', surveyId).orderBy('seq').execute();
  return rows.map((q) => ({
    id: q.id,
    seq: q.seq,
    kind: q.kind as SurveyQuestionKind,
    text: q.text,
    dimension: q.dimension,
    options: JSON.parse(q.options_json) as string[],
    required: q.required === 1,
  }));
}

async function surveyForStaff(ctx: ServiceContext, actor: StaffActor, id: number) {
  const row = await selectSurveys(ctx.db).where('surveys.id', '=', id).executeTakeFirst();
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Survey');
  return row;
}

export async function getSurvey(ctx: ServiceContext, id: number): Promise<SurveyDetail> {
  const actor = requirePermission(ctx, 'engagement.read');
  const row = await surveyForStaff(ctx, actor, id);
  return { ...toSurvey(row), questions: await loadQuestions(ctx.db, id) };
}

export async function listSurveys(ctx: ServiceContext, query: z.infer<typeof surveysQuery>) {
  const actor = requirePermission(ctx, 'engagement.read');
  const scope = projectScope(actor, query.projectId);
  let q = inProjects(selectSurveys(ctx.db).where('surveys.company_id', '=', actor.companyId), 'surveys.project_id', scope);
  if (query.status) q = q.where('surveys.status', '=', query.status);
  return listPage(q, 'surveys.id', query, toSurvey);
}

export async function createSurvey(ctx: ServiceContext, input: z.infer<typeof surveyCreate>): Promise<SurveyDetail> {
  const actor = requirePermission(ctx, 'survey.manage');
  assertProjectAccess(actor, input.projectId);
  const buildingIds = [...new Set(input.buildingIds ?? [])];
  if (buildingIds.length) {
    const found = await ctx.db
      .selectFrom('buildings')
      .select('id')
      .where('project_id', '=', input.projectId)
      .where('id', 'in', buildingIds)
      .execute();
    const bad = (input.buildingIds ?? []).findIndex((b) => !found.some((f) => f.id === b));
    if (bad >= 0) throw invalid(`buildingIds.${bad}`, 'is not a building of this project');
  }
  const nowIso = ctx.clock.now().toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('surveys')
      .values({
        company_id: actor.companyId,
        project_id: input.projectId,
        title: input.title,
        intro: input.intro || null,
        status: 'draft',
        building_ids_json: JSON.stringify(buildingIds),
        opened_at: null,
        closed_at: null,
        created_by: actor.id,
        created_at: nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, q] of input.questions.entries()) {
      await trx
        .insertInto('survey_questions')
        .values({
          survey_id: row.id,
          seq: i + 1,
          kind: q.kind,
          text: q.text,
          dimension: q.kind === 'rating' ? (q.dimension ?? null) : q.dimension || null,
          options_json: JSON.stringify(q.kind === 'choice' ? (q.options ?? []) : []),
          required: q.required ? 1 : 0,
        })
        .execute();
    }
    await writeAudit(trx, ctx, { action: 'create', entity: 'survey', entityId: row.id, projectId: input.projectId, after: input });
    return row.id;
  });
  return getSurvey(ctx, id);
}

/** Opens a draft to answers (portal and paper) or closes an open survey. */
export async function transitionSurvey(ctx: ServiceContext, id: number, action: 'open' | 'close'): Promise<SurveyDetail> {
  const actor = requirePermission(ctx, 'survey.manage');
  const row = await surveyForStaff(ctx, actor, id);
  const from = action === 'open' ? 'draft' : 'open';
  if (row.status !== from) throw new AppError('CONFLICT', `Only a ${from} survey can be ${action === 'open' ? 'opened' : 'closed'}`);
  const nowIso = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('surveys')
      .set(action === 'open' ? { status: 'open', opened_at: nowIso } : { status: 'closed', closed_at: nowIso })
      .where('id', '=', id)
      .where('status', '=', from)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new AppError('STALE', 'The survey changed meanwhile');
    await writeAudit(trx, ctx, { action, entity: 'survey', entityId: id, projectId: row.project_id });
  });
  return getSurvey(ctx, id);
}

type Answers = z.infer<typeof surveyResponseCreate>['answers'];

/** Every answer must fit its question; every required question must be answered. */
function checkAnswers(questions: Awaited<ReturnType<typeof loadQuestions>>, answers: Answers) {
  const seen = new Set<number>();
  for (const [i, a] of answers.entries()) {
    const q = questions.find((x) => x.id === a.questionId);
    if (!q) throw invalid(`answers.${i}.questionId`, 'is not a question of this survey');
    if (seen.has(q.id)) throw invalid(`answers.${i}.questionId`, 'is answered twice');
    seen.add(q.id);
    if (q.kind === 'rating' && a.rating === undefined) throw invalid(`answers.${i}.rating`, 'a rating question needs a rating 1–5');
    if (q.kind === 'choice' && (a.choice === undefined || !q.options.includes(a.choice)))
      throw invalid(`answers.${i}.choice`, 'must be one of the question’s options');
    if (q.kind === 'text' && q.required && !a.text) throw invalid(`answers.${i}.text`, 'must not be empty');
  }
  const missing = questions.find((q) => q.required && !seen.has(q.id));
  if (missing) throw invalid('answers', `question ${missing.seq} must be answered`);
}

async function insertResponse(
  ctx: ServiceContext,
  survey: { id: number; project_id: number },
  unitId: number,
  customerId: number | null,
  channel: SurveyChannel,
  answers: Answers,
) {
  const questions = await loadQuestions(ctx.db, survey.id);
  checkAnswers(questions, answers);
  const taken = await ctx.db
    .selectFrom('survey_responses')
    .select('id')
    .where('survey_id', '=', survey.id)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  const already = () => duplicate('unitId', 'this household has already answered the survey', 'has already answered');
  if (taken) throw already();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('survey_responses')
        .values({
          survey_id: survey.id,
          project_id: survey.project_id,
          unit_id: unitId,
          customer_id: customerId,
          channel,
          entered_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
          created_at: ctx.clock.now().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const a of answers) {
        const q = questions.find((x) => x.id === a.questionId)!;
        await trx
          .insertInto('survey_answers')
          .values({
            response_id: row.id,
            question_id: q.id,
            rating: q.kind === 'rating' ? (a.rating ?? null) : null,
            choice: q.kind === 'choice' ? (a.choice ?? null) : null,
            text: q.kind === 'text' ? a.text || null : null,
          })
          .execute();
      }
      await writeAudit(trx, ctx, {
        action: 'answer',
        entity: 'survey',
        entityId: survey.id,
        projectId: survey.project_id,
        after: { responseId: row.id, unitId, channel },
      });
      return { id: row.id, surveyId: survey.id, unitId, channel };
    });
  } catch (err) {
    // Two answers for the same household at once: the unique constraint decides, the loser gets a 409.
    if (ctx.dialect.isUniqueViolation(err)) throw already();
    throw err;
  }
}

/** The survey reaches this unit: an open survey of its project, for all buildings or the unit's. */
async function checkUnitInScope(db: Executor, survey: { project_id: number; building_ids_json: string }, unitId: number) {
  const unit = await db.selectFrom('units').select(['project_id', 'building_id']).where('id', '=', unitId).executeTakeFirst();
  const buildings = buildingIdsOf(survey);
  if (!unit || unit.project_id !== survey.project_id) throw invalid('unitId', 'is not a unit of the survey’s project');
  if (buildings.length && !buildings.includes(unit.building_id)) throw invalid('unitId', 'is not in the buildings the survey was sent to');
}

/** A paper questionnaire keyed in by staff (纸质问卷录入). */
export async function enterPaperResponse(ctx: ServiceContext, surveyId: number, input: z.infer<typeof surveyResponseCreate>) {
  const actor = requirePermission(ctx, 'survey.enter');
  const survey = await surveyForStaff(ctx, actor, surveyId);
  if (survey.status !== 'open') throw new AppError('CONFLICT', 'The survey is not open for answers');
  await checkUnitInScope(ctx.db, survey, input.unitId);
  const owner = await ctx.db
    .selectFrom('occupancies')
    .select('customer_id')
    .where('unit_id', '=', input.unitId)
    .where('move_out_date', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  return insertResponse(ctx, survey, input.unitId, owner?.customer_id ?? null, 'paper', input.answers);
}

/** The resident's current units, with their project and building. */
async function residentUnits(db: Executor, resident: ResidentActor) {
  return db
    .selectFrom('occupancies')
    .innerJoin('units', 'units.id', 'occupancies.unit_id')
    .select(['units.id', 'units.code', 'units.project_id', 'units.building_id', 'occupancies.customer_id'])
    .where('occupancies.customer_id', 'in', resident.customerIds)
    .where('occupancies.move_out_date', 'is', null)
    .orderBy('units.id')
    .execute();
}

function reaches(survey: { project_id: number; building_ids_json: string }, unit: { project_id: number; building_id: number }) {
  const buildings = buildingIdsOf(survey);
  return unit.project_id === survey.project_id && (!buildings.length || buildings.includes(unit.building_id));
}

/** A survey a resident may see: sent (opened) to one of their homes; anything else is not found. */
async function surveyForResident(ctx: ServiceContext, resident: ResidentActor, id: number) {
  const survey = await ctx.db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
  const units = await residentUnits(ctx.db, resident);
  if (!survey || survey.status === 'draft') throw notFound('Survey');
  const mine = units.filter((u) => reaches(survey, u));
  if (!mine.length) throw notFound('Survey');
  return { survey, units: mine };
}

export async function listPortalSurveys(ctx: ServiceContext): Promise<{ items: PortalSurveyItem[] }> {
  const resident = requireResident(ctx.actor);
  const units = await residentUnits(ctx.db, resident);
  if (!units.length) return { items: [] };
  const surveys = await ctx.db
    .selectFrom('surveys')
    .selectAll()
    .where('project_id', 'in', [...new Set(units.map((u) => u.project_id))])
    .where('status', '=', 'open')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  const answered = surveys.length
    ? await ctx.db
        .selectFrom('survey_responses')
        .select(['survey_id', 'unit_id'])
        .where(
          'survey_id',
          'in',
          surveys.map((s) => s.id),
        )
        .where(
          'unit_id',
          'in',
          units.map((u) => u.id),
        )
        .execute()
    : [];
  return {
    items: surveys
      .map((s) => {
        const mine = units.filter((u) => reaches(s, u));
        const pending = mine.filter((u) => !answered.some((a) => a.survey_id === s.id && a.unit_id === u.id)).length;
        return { id: s.id, title: s.title, status: s.status as SurveyStatus, pending, reach: mine.length };
      })
      .filter((s) => s.reach > 0)
      .map(({ reach: _reach, ...s }) => s),
  };
}

export async function getPortalSurvey(ctx: ServiceContext, id: number): Promise<PortalSurvey> {
  const resident = requireResident(ctx.actor);
  const { survey, units } = await surveyForResident(ctx, resident, id);
  const answered = await ctx.db
    .selectFrom('survey_responses')
    .select('unit_id')
    .where('survey_id', '=', id)
    .where(
      'unit_id',
      'in',
      units.map((u) => u.id),
    )
    .execute();
  return {
    id: survey.id,
    title: survey.title,
    intro: survey.intro,
    status: survey.status as SurveyStatus,
    questions: await loadQuestions(ctx.db, id),
    households: units.map((u) => ({ unitId: u.id, unitCode: u.code, answered: answered.some((a) => a.unit_id === u.id) })),
  };
}

/** A resident answers for one of their households in the portal. */
export async function answerInPortal(ctx: ServiceContext, id: number, input: z.infer<typeof surveyResponseCreate>) {
  const resident = requireResident(ctx.actor);
  const { survey, units } = await surveyForResident(ctx, resident, id);
  const unit = units.find((u) => u.id === input.unitId);
  if (!unit) throw invalid('unitId', 'is not one of your households the survey was sent to');
  if (survey.status !== 'open') throw new AppError('CONFLICT', 'The survey is closed');
  return insertResponse(ctx, survey, unit.id, unit.customer_id, 'portal', input.answers);
}

// ---------- results ----------

interface RatingTally {
  answered: number;
  sum: number;
  satisfied: number;
}
const rate = (t: RatingTally) => (t.answered ? t.satisfied / t.answered : null);
const mean = (t: RatingTally) => (t.answered ? Math.round((t.sum / t.answered) * 100) / 100 : null);

export async function surveyResults(ctx: ServiceContext, id: number): Promise<SurveyResults> {
  const actor = requirePermission(ctx, 'engagement.read');
  const survey = await surveyForStaff(ctx, actor, id);
  const policy = await getPolicy(ctx.db, actor.companyId, survey.project_id);
  const minRating = policy.engagement.satisfiedMinRating;
  const questions = await loadQuestions(ctx.db, id);
  const [answers, channels, householdCount] = await Promise.all([
    ctx.db
      .selectFrom('survey_answers')
      .innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
      .select(['survey_answers.question_id', 'survey_answers.rating', 'survey_answers.choice', 'survey_answers.text'])
      .where('survey_responses.survey_id', '=', id)
      .orderBy('survey_answers.id', 'desc')
      .execute(),
    ctx.db
      .selectFrom('survey_responses')
      .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
      .where('survey_id', '=', id)
      .groupBy('channel')
      .execute(),
    (() => {
      let q = ctx.db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('units.project_id', '=', survey.project_id)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('occupancies')
              .select('occupancies.id')
              .whereRef('occupancies.unit_id', '=', 'units.id')
              .where('occupancies.move_out_date', 'is', null),
          ),
        );
      const buildings = buildingIdsOf(survey);
      if (buildings.length) q = q.where('units.building_id', 'in', buildings);
      return q.executeTakeFirstOrThrow();
    })(),
  ]);
  const total: RatingTally = { answered: 0, sum: 0, satisfied: 0 };
  const dims = new Map<string, RatingTally>();
  const results = questions.map((q) => {
    const mine = answers.filter((a) => a.question_id === q.id);
    const tally: RatingTally = { answered: 0, sum: 0, satisfied: 0 };
    const ratingCounts = [0, 0, 0, 0, 0];
    if (q.kind === 'rating') {
      const dim = dims.get(q.dimension ?? '') ?? { answered: 0, sum: 0, satisfied: 0 };
      for (const a of mine) {
        if (a.rating === null) continue;
        ratingCounts[a.rating - 1]++;
        for (const t of [tally, dim, total]) {
          t.answered++;
          t.sum += a.rating;
          if (a.rating >= minRating) t.satisfied++;
        }
      }
      dims.set(q.dimension ?? '', dim);
    }
    return {
      questionId: q.id,
      seq: q.seq,
      kind: q.kind,
      text: q.text,
      dimension: q.dimension,
      answered: q.kind === 'rating' ? tally.answered : mine.filter((a) => a.choice !== null || a.text !== null).length,
      average: q.kind === 'rating' ? mean(tally) : null,
      satisfiedRate: q.kind === 'rating' ? rate(tally) : null,
      ratingCounts: q.kind === 'rating' ? ratingCounts : [],
      choiceCounts:
        q.kind === 'choice' ? q.options.map((option) => ({ option, count: mine.filter((a) => a.choice === option).length })) : [],
      texts: q.kind === 'text' ? mine.flatMap((a) => (a.text ? [a.text] : [])).slice(0, 200) : [],
    };
  });
  const byChannel = { portal: 0, paper: 0 };
  for (const c of channels) byChannel[c.channel as SurveyChannel] = Number(c.n);
  return {
    surveyId: id,
    title: survey.title,
    households: Number(householdCount.n),
    responses: byChannel.portal + byChannel.paper,
    byChannel,
    satisfactionRate: rate(total),
    target: policy.satisfactionTarget,
    satisfiedMinRating: minRating,
    questions: results,
    dimensions: [...dims.entries()].map(([dimension, t]) => ({
      dimension,
      answered: t.answered,
      average: mean(t),
      satisfiedRate: rate(t),
    })),
  };
}

/** The results as an Excel workbook: a summary sheet (questions) and the dimensions. */
export async function surveyResultsWorkbook(ctx: ServiceContext, id: number) {
  const r = await surveyResults(ctx, id);
  const pct = (x: number | null): CellValue => (x === null ? null : x);
  const title = `${r.title} 满意度调查结果（回收 ${r.responses} 份 / ${r.households} 户）`;
  const buffer = await buildWorkbook([
    {
      name: '问题',
      title,
      columns: [
        { header: '序号', width: 6 },
        { header: '问题', width: 44 },
        { header: '类型', width: 8 },
        { header: '维度', width: 14 },
        { header: '回答数', width: 9 },
        { header: '平均分', width: 9 },
        { header: '满意率', width: 10, numFmt: '0.0%' },
        { header: '分布 / 选项', width: 50 },
      ],
      rows: [
        ...r.questions.map((q): CellValue[] => [
          q.seq,
          q.text,
          { rating: '评分', choice: '选择', text: '文字' }[q.kind],
          q.dimension,
          q.answered,
          q.average,
          pct(q.satisfiedRate),
          q.kind === 'rating'
            ? q.ratingCounts.map((n, i) => `${i + 1}分:${n}`).join(' ')
            : q.kind === 'choice'
              ? q.choiceCounts.map((c) => `${c.option}:${c.count}`).join(' ')
              : q.texts.slice(0, 20).join(' / '),
        ]),
        [null, '总体满意率', null, null, null, null, pct(r.satisfactionRate), `目标 ${Math.round(r.target * 100)}%`],
      ],
      boldRows: [r.questions.length],
    },
    {
      name: '维度',
      title,
      columns: [
        { header: '维度', width: 20 },
        { header: '评分数', width: 10 },
        { header: '平均分', width: 10 },
        { header: '满意率', width: 10, numFmt: '0.0%' },
      ],
      rows: r.dimensions.map((d) => [d.dimension, d.answered, d.average, pct(d.satisfiedRate)]),
    },
  ]);
  return { buffer, contentDisposition: attachmentHeader(`满意度调查-${r.title}.xlsx`, `survey-${id}.xlsx`) };
}

/**
 * 年终住户满意率: all rating answers of the surveys opened in the year, per project, against the
 * target (seed 001 item 44: below 80 % costs points).
 */
export async function yearSatisfaction(ctx: ServiceContext, query: z.infer<typeof yearSatisfactionQuery>): Promise<YearSatisfaction> {
  const actor = requirePermission(ctx, 'engagement.read');
  const scope = projectScope(actor, query.projectId);
  let projects = ctx.db.selectFrom('projects').select(['id', 'name']).where('company_id', '=', actor.companyId);
  if (scope) projects = projects.where('id', 'in', scope.length ? scope : [-1]);
  const list = await projects.orderBy('id').execute();
  const from = `${query.year}-01-01`;
  const to = `${query.year + 1}-01-01`;
  const companyPolicy = await getPolicy(ctx.db, actor.companyId, null);
  const items = [];
  for (const p of list) {
    const policy = await getPolicy(ctx.db, actor.companyId, p.id);
    const min = policy.engagement.satisfiedMinRating;
    const surveys = await ctx.db
      .selectFrom('surveys')
      .select(['id'])
      .where('project_id', '=', p.id)
      .where('opened_at', '>=', from)
      .where('opened_at', '<', to)
      .execute();
    if (!surveys.length) continue;
    const ids = surveys.map((s) => s.id);
    const [responses, rows] = await Promise.all([
      ctx.db
        .selectFrom('survey_responses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('survey_id', 'in', ids)
        .executeTakeFirstOrThrow(),
      ctx.db
        .selectFrom('survey_answers')
        .innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
        .innerJoin('survey_questions', 'survey_questions.id', 'survey_answers.question_id')
        .select(['survey_questions.dimension', 'survey_answers.rating'])
        .where('survey_responses.survey_id', 'in', ids)
        .where('survey_answers.rating', 'is not', null)
        .execute(),
    ]);
    const total: RatingTally = { answered: 0, sum: 0, satisfied: 0 };
    const dims = new Map<string, RatingTally>();
    for (const row of rows) {
      const dim = dims.get(row.dimension ?? '') ?? { answered: 0, sum: 0, satisfied: 0 };
      dims.set(row.dimension ?? '', dim);
      for (const t of [total, dim]) {
        t.answered++;
        t.sum += row.rating!;
        if (row.rating! >= min) t.satisfied++;
      }
    }
    const satisfactionRate = rate(total);
    items.push({
      projectId: p.id,
      projectName: p.name,
      surveys: surveys.length,
      responses: Number(responses.n),
      ratingAnswers: total.answered,
      satisfactionRate,
      met: satisfactionRate === null ? null : satisfactionRate >= policy.satisfactionTarget,
      dimensions: [...dims.entries()].map(([dimension, t]) => ({
        dimension,
        answered: t.answered,
        average: mean(t),
        satisfiedRate: rate(t),
      })),
    });
  }
  return { year: query.year, target: companyPolicy.satisfactionTarget, items };
}
