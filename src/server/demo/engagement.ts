/**
 * Demo engagement of the first project: this month's visits by the butlers (so their quotas show
 * partial progress) and the front desk, a past owners' forum with minutes and actions, and an open
 * satisfaction survey answered in the portal and on paper. Deterministic for a seed.
 */
import { defaultPolicy } from '../../shared/policies.ts';
import type { Database } from '../db/database.ts';
import { localDate } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import { insertFile } from '../platform/files.ts';
import { addMonths } from '../../shared/periods.ts';
import { visitPhotos } from '../modules/engagement/visits.service.ts';
import { createRandom } from './names.ts';

/** A 1×1 PNG standing in for the visit photo. */
const photo = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001' +
    '0d0a2db40000000049454e44ae426082',
  'hex',
);

const opinions = [
  '对保洁和绿化满意',
  '希望加强夜间巡逻',
  '反映地下车库照明偏暗',
  '建议增设快递柜',
  '对维修响应速度满意',
  '希望电梯维保时提前通知',
];

export async function generateEngagement(database: Database, clock: Clock, seed = 5_2026): Promise<{ visits: number; responses: number }> {
  const { db } = database;
  const r = createRandom(seed);
  const project = await db.selectFrom('projects').select(['id', 'company_id', 'time_zone']).where('code', '=', 'CH').executeTakeFirst();
  if (!project) return { visits: 0, responses: 0 };
  const now = clock.now();
  const today = localDate(now, project.time_zone);
  const staff = await db
    .selectFrom('staff')
    .innerJoin('staff_projects', 'staff_projects.staff_id', 'staff.id')
    .innerJoin('staff_roles', 'staff_roles.staff_id', 'staff.id')
    .innerJoin('roles', 'roles.id', 'staff_roles.role_id')
    .select(['staff.id', 'roles.code'])
    .where('staff_projects.project_id', '=', project.id)
    .where('roles.code', 'in', ['butler', 'frontdesk', 'director'])
    .orderBy('staff.id')
    .execute();
  const households = await db
    .selectFrom('occupancies')
    .innerJoin('units', 'units.id', 'occupancies.unit_id')
    .select(['units.id as unit_id', 'units.building_id', 'occupancies.customer_id'])
    .where('occupancies.project_id', '=', project.id)
    .where('occupancies.relation', '=', 'owner')
    .where('occupancies.move_out_date', 'is', null)
    .orderBy('units.id')
    .execute();
  const areas = await db
    .selectFrom('responsibility_areas')
    .innerJoin('responsibility_area_buildings', 'responsibility_area_buildings.area_id', 'responsibility_areas.id')
    .select(['responsibility_areas.owner_staff_id', 'responsibility_area_buildings.building_id'])
    .where('responsibility_areas.project_id', '=', project.id)
    .execute();
  const day = Number(today.slice(8, 10));
  const at = (d: number) => new Date(Date.parse(`${today.slice(0, 8)}${String(d).padStart(2, '0')}T10:00:00+08:00`));
  let visits = 0;
  let responses = 0;

  await db.transaction().execute(async (trx) => {
    // Butlers part-way to their quota: none has met it yet.
    const butlerQuota = defaultPolicy.engagement.butlerHouseholdsPerMonth;
    let butlerIndex = 0;
    for (const person of staff) {
      const count = person.code === 'butler' ? Math.min(butlerQuota - 1, 4 + butlerIndex++ * 2) : person.code === 'frontdesk' ? 6 : 3;
      const buildings = areas.filter((a) => a.owner_staff_id === person.id).map((a) => a.building_id);
      const mine = households.filter((h) => !buildings.length || buildings.includes(h.building_id));
      for (let i = 0; i < count && i < mine.length; i++) {
        const h = mine[(i * 7 + person.id) % mine.length];
        const when = at(1 + ((i * 3) % Math.max(1, day)));
        const contact = person.code === 'frontdesk';
        const visit = await trx
          .insertInto('visits')
          .values({
            company_id: project.company_id,
            project_id: project.id,
            kind: contact ? 'contact' : 'household',
            method: contact ? 'phone' : 'in_person',
            status: 'done',
            staff_id: person.id,
            unit_id: h.unit_id,
            customer_id: h.customer_id,
            purpose: contact ? '主动电话沟通' : '例行走访',
            planned_at: null,
            visited_at: when.toISOString(),
            visit_date: localDate(when, project.time_zone),
            opinions: r.pick(opinions),
            explanations: '已向业主说明处理安排',
            escalated: null,
            created_at: when.toISOString(),
            updated_at: when.toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (!contact)
          await insertFile(trx, {
            scope: { companyId: project.company_id, projectId: project.id },
            target: { owner: visitPhotos, id: visit.id },
            name: '走访照片.png',
            contentType: 'image/png',
            data: photo,
            uploadedBy: { kind: 'staff', id: person.id },
            at: when.toISOString(),
          });
        visits++;
      }
    }

    const director = staff.find((s) => s.code === 'director');
    const heldOn = addMonths(today, -4);
    const forum = await trx
      .insertInto('forums')
      .values({
        company_id: project.company_id,
        project_id: project.id,
        held_on: heldOn,
        title: `${heldOn.slice(0, 4)}年业主座谈会`,
        venue: '会所多功能厅',
        attendees: 32,
        minutes:
          '一、管理处通报上半年服务工作与收支情况。\n二、业主代表反映：地下车库照明不足、快递堆放影响通行、夜间噪音。\n三、管理处逐条答复并确定整改事项。',
        created_by: director?.id ?? staff[0].id,
        created_at: `${heldOn}T12:00:00.000Z`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const actions = [
      { description: '更换地下车库B区照明灯具', due: addMonths(heldOn, 1), done: true },
      { description: '在各栋大堂设置快递临时存放区', due: addMonths(heldOn, 2), done: false },
      { description: '晚十点后加强巡逻，劝导噪音扰民', due: addMonths(heldOn, 6), done: false },
    ];
    for (const [i, a] of actions.entries())
      await trx
        .insertInto('forum_actions')
        .values({
          forum_id: forum.id,
          seq: i + 1,
          description: a.description,
          owner_staff_id: director?.id ?? null,
          due_date: a.due,
          done_at: a.done ? `${a.due}T08:00:00.000Z` : null,
          done_by: a.done ? (director?.id ?? null) : null,
        })
        .execute();

    const opened = new Date(now.getTime() - 20 * 86_400_000).toISOString();
    const survey = await trx
      .insertInto('surveys')
      .values({
        company_id: project.company_id,
        project_id: project.id,
        title: `${today.slice(0, 4)}年度住户满意度调查`,
        intro: '感谢您抽出时间填写问卷，您的意见是我们改进服务的依据。',
        status: 'open',
        building_ids_json: '[]',
        opened_at: opened,
        closed_at: null,
        created_by: director?.id ?? staff[0].id,
        created_at: opened,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const questions = [
      { kind: 'rating', text: '您对报修维修服务是否满意？', dimension: '维修服务', options: [] },
      { kind: 'rating', text: '您对小区安全管理是否满意？', dimension: '安全管理', options: [] },
      { kind: 'rating', text: '您对公共区域保洁是否满意？', dimension: '环境卫生', options: [] },
      { kind: 'choice', text: '您最希望我们改进哪方面？', dimension: null, options: ['停车管理', '绿化养护', '保洁', '维修速度'] },
      { kind: 'text', text: '其他意见和建议', dimension: null, options: [] },
    ];
    const questionIds: number[] = [];
    for (const [i, q] of questions.entries()) {
      const row = await trx
        .insertInto('survey_questions')
        .values({
          survey_id: survey.id,
          seq: i + 1,
          kind: q.kind,
          text: q.text,
          dimension: q.dimension,
          options_json: JSON.stringify(q.options),
          required: q.kind === 'text' ? 0 : 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      questionIds.push(row.id);
    }
    // About one household in six answers; the demo resident's home is left for the portal.
    const resident = await trx
      .selectFrom('resident_accounts')
      .innerJoin('occupancies', 'occupancies.customer_id', 'resident_accounts.customer_id')
      .select('occupancies.unit_id')
      .where('occupancies.project_id', '=', project.id)
      .execute();
    const skip = new Set(resident.map((x) => x.unit_id));
    for (const [i, h] of households.entries()) {
      if (i % 6 !== 0 || skip.has(h.unit_id)) continue;
      const response = await trx
        .insertInto('survey_responses')
        .values({
          survey_id: survey.id,
          project_id: project.id,
          unit_id: h.unit_id,
          customer_id: h.customer_id,
          channel: r.next() < 0.4 ? 'portal' : 'paper',
          entered_by: null,
          created_at: opened,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rating = () => (r.next() < 0.82 ? r.int(4, 5) : r.int(1, 3));
      await trx
        .insertInto('survey_answers')
        .values([
          { response_id: response.id, question_id: questionIds[0], rating: rating(), choice: null, text: null },
          { response_id: response.id, question_id: questionIds[1], rating: rating(), choice: null, text: null },
          { response_id: response.id, question_id: questionIds[2], rating: rating(), choice: null, text: null },
          { response_id: response.id, question_id: questionIds[3], rating: null, choice: r.pick(questions[3].options), text: null },
        ])
        .execute();
      responses++;
    }
  });
  return { visits, responses };
}
