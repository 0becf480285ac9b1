import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, tinyPng, type Client, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let butler: Client;
let desk: Client;
let director: Client;
let supervisor: Client;
let desk2: Client;
let resident: Client;
let ch: number;
let residentUnit: number;

beforeAll(async () => {
  t = await createTestApp();
  [butler, desk, director, supervisor, desk2] = await Promise.all(
    ['butler', 'frontdesk', 'director', 'supervisor', 'frontdesk2'].map((u) => t.login(u)),
  );
  resident = await t.loginResident('14012340001');
  ch = (await t.db.database.db.selectFrom('projects').select('id').where('code', '=', 'CH').executeTakeFirstOrThrow()).id;
  residentUnit = (await resident.get('/api/portal/households')).json().items[0].unitId;
});
afterAll(() => t.close());

/** A household visit by the caller, recorded now, optionally with a photo and requests. */
async function visit(
  c: Client,
  household: { unitId: number; customerId: number | null },
  options: { photo?: boolean; requests?: unknown[] } = {},
) {
  const created = await c.post('/api/visits', {
    projectId: ch,
    kind: 'household',
    unitId: household.unitId,
    ...(household.customerId ? { customerId: household.customerId } : {}),
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as number;
  if (options.photo) expect((await c.upload(`/api/visits/${id}/photos`, '走访.png', tinyPng)).statusCode).toBe(201);
  const recorded = await c.post(`/api/visits/${id}/record`, {
    opinions: '业主反映小区绿化不错，希望加强夜间巡逻',
    explanations: '已说明夜间巡逻安排',
    requests: options.requests ?? [],
  });
  expect(recorded.statusCode, recorded.body).toBe(200);
  return recorded.json();
}

describe('visits', () => {
  it('a butler’s quota shows 15 required and the visits with record and photo done this month; a request becomes a ticket', async () => {
    const plan = (await butler.get(`/api/visits/plan?projectId=${ch}&limit=5`)).json().items;
    expect(plan.length).toBe(5);
    const quota = async () =>
      ((await butler.get(`/api/visits/quotas?projectId=${ch}&month=2026-11`)).json().items as any[]).find(
        (r) => r.rule === 'butler_monthly' && r.staffName === '王浩然',
      );
    expect(await quota()).toMatchObject({ required: 15, done: 0, met: false, period: '2026-11' });

    const first = await visit(butler, plan[0], {
      photo: true,
      requests: [{ description: '楼道灯不亮，请安排维修', ticketType: 'repair' }, { description: '希望增加快递柜' }],
    });
    await visit(butler, plan[1], { photo: true });
    // Without a photo the visit is on record but does not count (有记录，有照片).
    await visit(butler, plan[2]);
    // A second visit to the same household counts once.
    await visit(butler, plan[0], { photo: true });
    expect(await quota()).toMatchObject({ required: 15, done: 2, met: false });

    expect(first.status).toBe('done');
    expect(first.visitDate).toBe('2026-11-20');
    expect(first.requests).toHaveLength(2);
    const [req, plain] = first.requests;
    expect(req.ticketNumber).toMatch(/^BX-20261120-/);
    expect(plain.ticketId).toBeNull();
    const ticket = (await butler.get(`/api/tickets/${req.ticketId}`)).json();
    expect(ticket).toMatchObject({ channel: 'visit', type: 'repair', description: '楼道灯不亮，请安排维修', unitId: plan[0].unitId });
    // The ticket leads back to its visit.
    const origin = (await desk.get(`/api/visits?ticketId=${req.ticketId}`)).json().items;
    expect(origin.map((v: { id: number }) => v.id)).toEqual([first.id]);
    // The desk sees it in the ticket list like any other intake.
    const listed = (await desk.get(`/api/tickets?projectId=${ch}&q=楼道灯`)).json().items;
    expect(listed.map((x: { id: number }) => x.id)).toContain(req.ticketId);

    // The plan now puts the visited households last.
    const after = (await butler.get(`/api/visits/plan?projectId=${ch}&limit=200`)).json().items as {
      unitId: number;
      lastVisitDate: string | null;
    }[];
    expect(after.find((x) => x.unitId === plan[0].unitId)!.lastVisitDate).toBe('2026-11-20');
    expect(after[0].lastVisitDate).toBeNull();
  });

  it('an appointment is recorded once, by the person who made it', async () => {
    const booked = await butler.post('/api/visits', {
      projectId: ch,
      kind: 'household',
      unitId: residentUnit,
      plannedAt: '2026-11-25T10:00:00+08:00',
    });
    expect(booked.json()).toMatchObject({ status: 'planned', plannedAt: '2026-11-25T02:00:00.000Z' });
    const id = booked.json().id;
    const other = await desk.post(`/api/visits/${id}/record`, { opinions: '无' });
    expect(other.statusCode).toBe(403);
    expect((await butler.post(`/api/visits/${id}/record`, { opinions: '满意' })).statusCode).toBe(200);
    const again = await butler.post(`/api/visits/${id}/record`, { opinions: '再次' });
    expect(again.statusCode).toBe(409);
    // Another project's staff do not see it at all.
    expect((await desk2.get(`/api/visits/${id}`)).statusCode).toBe(404);
  });

  it('the front desk counts proactive contacts toward 15 a month', async () => {
    for (let i = 0; i < 3; i++) {
      const c = await desk.post('/api/visits', { projectId: ch, kind: 'contact', method: 'phone' });
      expect((await desk.post(`/api/visits/${c.json().id}/record`, { opinions: `电话沟通${i}` })).statusCode).toBe(200);
    }
    const rows = (await director.get(`/api/visits/quotas?projectId=${ch}&month=2026-11`)).json().items as any[];
    expect(rows.find((r) => r.rule === 'frontdesk_monthly' && r.staffName === '陈思雨')).toMatchObject({ required: 15, done: 3 });
    // The director's yearly rule: every household at least once a year.
    const dir = rows.find((r) => r.rule === 'director_yearly');
    expect(dir.required).toBeGreaterThan(50);
    expect(dir.done).toBe(0);
    // Nothing counts in another month.
    const oct = (await director.get(`/api/visits/quotas?projectId=${ch}&month=2026-10`)).json().items as any[];
    expect(oct.find((r) => r.rule === 'frontdesk_monthly' && r.staffName === '陈思雨').done).toBe(0);
  });
});

describe('visit policies', () => {
  it('a project that asks 10 households of its butlers shows 10 required', async () => {
    const put = await director.put('/api/policies', {
      projectId: ch,
      override: { engagement: { butlerHouseholdsPerMonth: 10 } },
      note: '试点',
    });
    expect(put.statusCode, put.body).toBeLessThan(300);
    const rows = (await butler.get(`/api/visits/quotas?projectId=${ch}&month=2026-11`)).json().items as {
      rule: string;
      required: number;
    }[];
    const butlerRows = rows.filter((r) => r.rule === 'butler_monthly');
    expect(butlerRows.length).toBeGreaterThan(0);
    expect(butlerRows.every((r) => r.required === 10)).toBe(true);
    // The rest of the rules keep their defaults.
    expect(rows.find((r) => r.rule === 'frontdesk_monthly')!.required).toBe(15);
    await director.put('/api/policies', { projectId: ch, override: {}, note: '恢复' });
  });
});

describe('owners’ forums', () => {
  it('records minutes and actions, tracks them to done, and shows the next forum due', async () => {
    const before = (await director.get(`/api/forums/schedule?projectId=${ch}`)).json();
    expect(before.lastHeldOn).toBeNull();
    const created = await director.post('/api/forums', {
      projectId: ch,
      heldOn: '2026-03-15',
      title: '2026年上半年业主座谈会',
      attendees: 28,
      minutes: '业主代表提出停车位紧张、电梯维保等问题。',
      actions: [
        { description: '增设临时停车位', dueDate: '2026-05-01' },
        { description: '电梯维保公示', dueDate: '2026-12-31' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const forum = created.json();
    expect(forum.actions.map((a: { overdue: boolean }) => a.overdue)).toEqual([true, false]);
    const schedule = (await director.get(`/api/forums/schedule?projectId=${ch}`)).json();
    // Held 15 March, due again six months later; on 20 November that is overdue.
    expect(schedule).toMatchObject({ lastHeldOn: '2026-03-15', nextDueOn: '2026-09-15', overdue: true });
    const done = await director.patch(`/api/forum-actions/${forum.actions[0].id}`, { done: true });
    expect(done.json()).toMatchObject({ actionsOpen: 1, actionsDone: 1 });
    expect(done.json().actions[0].overdue).toBe(false);
    expect((await butler.patch(`/api/forum-actions/${forum.actions[1].id}`, { done: true })).statusCode).toBe(403);
    // Another project's staff neither see the forum nor reach its actions.
    expect((await desk2.get(`/api/forums/${forum.id}`)).statusCode).toBe(404);
    expect((await desk2.get(`/api/forums?projectId=${ch}`)).statusCode).toBe(403);
  });
});

describe('satisfaction surveys', () => {
  it('answers from the portal and from paper give the satisfaction rate computed by hand', async () => {
    const created = await supervisor.post('/api/surveys', {
      projectId: ch,
      title: '2026年度住户满意度调查',
      questions: [
        { kind: 'rating', text: '您对维修服务是否满意？', dimension: '维修服务' },
        { kind: 'rating', text: '您对小区安全管理是否满意？', dimension: '安全管理' },
        { kind: 'choice', text: '您最希望改进哪方面？', options: ['停车', '绿化', '保洁'] },
        { kind: 'text', text: '其他意见', required: false },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const survey = created.json();
    const [q1, q2, q3] = survey.questions.map((q: { id: number }) => q.id);
    // A draft is not answerable yet.
    const answers = (r1: number, r2: number, choice = '停车') => [
      { questionId: q1, rating: r1 },
      { questionId: q2, rating: r2 },
      { questionId: q3, choice },
    ];
    expect((await desk.post(`/api/surveys/${survey.id}/responses`, { unitId: residentUnit, answers: answers(5, 5) })).statusCode).toBe(409);
    expect((await supervisor.post(`/api/surveys/${survey.id}/transitions`, { action: 'open' })).statusCode).toBe(200);

    // The resident answers in the portal.
    const mine = (await resident.get('/api/portal/surveys')).json().items;
    expect(mine).toEqual([expect.objectContaining({ id: survey.id, pending: 1 })]);
    const portal = await resident.post(`/api/portal/surveys/${survey.id}/responses`, {
      unitId: residentUnit,
      answers: [...answers(5, 4), { questionId: survey.questions[3].id, text: '希望多组织社区活动' }],
    });
    expect(portal.statusCode, portal.body).toBe(201);
    expect(portal.json().channel).toBe('portal');
    // The same household cannot answer again, neither in the portal nor on paper.
    expect(
      (await resident.post(`/api/portal/surveys/${survey.id}/responses`, { unitId: residentUnit, answers: answers(1, 1) })).statusCode,
    ).toBe(409);
    const dup = await desk.post(`/api/surveys/${survey.id}/responses`, { unitId: residentUnit, answers: answers(1, 1) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0].path).toBe('unitId');

    // Three paper questionnaires keyed in by the desk.
    const others = await t.db.database.db
      .selectFrom('units')
      .select('id')
      .where('project_id', '=', ch)
      .where('id', '!=', residentUnit)
      .where((eb) => eb.exists(eb.selectFrom('occupancies').select('id').whereRef('occupancies.unit_id', '=', 'units.id')))
      .orderBy('id')
      .limit(3)
      .execute();
    for (const [i, [r1, r2]] of [
      [3, 5],
      [2, 1],
      [4, 4],
    ].entries()) {
      const res = await desk.post(`/api/surveys/${survey.id}/responses`, { unitId: others[i].id, answers: answers(r1, r2, '绿化') });
      expect(res.statusCode, res.body).toBe(201);
    }

    // By hand: ratings 5,4 | 3,5 | 2,1 | 4,4 — 8 ratings, 5 of them 4 or 5 → 62.5 %.
    // 维修服务 5,3,2,4 → 2 of 4 = 50 %; 安全管理 4,5,1,4 → 3 of 4 = 75 %.
    const results = (await supervisor.get(`/api/surveys/${survey.id}/results`)).json();
    expect(results.responses).toBe(4);
    expect(results.byChannel).toEqual({ portal: 1, paper: 3 });
    expect(results.satisfactionRate).toBeCloseTo(0.625, 6);
    expect(results.target).toBe(0.8);
    expect(results.dimensions).toEqual([
      { dimension: '维修服务', answered: 4, average: 3.5, satisfiedRate: 0.5 },
      { dimension: '安全管理', answered: 4, average: 3.5, satisfiedRate: 0.75 },
    ]);
    expect(results.questions[0].ratingCounts).toEqual([0, 1, 1, 1, 1]);
    expect(results.questions[2].choiceCounts).toEqual([
      { option: '停车', count: 1 },
      { option: '绿化', count: 3 },
      { option: '保洁', count: 0 },
    ]);
    expect(results.questions[3].texts).toEqual(['希望多组织社区活动']);

    const year = (await director.get('/api/surveys/satisfaction?year=2026')).json();
    expect(year.items).toEqual([
      expect.objectContaining({ projectId: ch, satisfactionRate: 0.625, met: false, responses: 4, ratingAnswers: 8 }),
    ]);

    const xlsx = await supervisor.get(`/api/surveys/${survey.id}/results?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('问题')!;
    expect(sheet.getRow(7).getCell(2).value).toBe('总体满意率');
    expect(sheet.getRow(7).getCell(7).value).toBeCloseTo(0.625, 6);

    // Closed: no more answers.
    await supervisor.post(`/api/surveys/${survey.id}/transitions`, { action: 'close' });
    const late = await desk.post(`/api/surveys/${survey.id}/responses`, { unitId: others[0].id + 100, answers: answers(5, 5) });
    expect(late.statusCode).toBe(409);
  });

  it('a survey sent to some buildings reaches only their households; other projects see nothing', async () => {
    const elsewhere = (
      await director.post('/api/buildings', { projectId: ch, code: 'S1', name: '调查楼', kind: 'highrise', floors: 6 })
    ).json().id;
    const s = (
      await director.post('/api/surveys', {
        projectId: ch,
        title: '单栋调查',
        buildingIds: [elsewhere],
        questions: [{ kind: 'rating', text: '电梯运行是否满意？', dimension: '设备' }],
      })
    ).json();
    await director.post(`/api/surveys/${s.id}/transitions`, { action: 'open' });
    expect((await resident.get(`/api/portal/surveys/${s.id}`)).statusCode).toBe(404);
    const wrong = await desk.post(`/api/surveys/${s.id}/responses`, {
      unitId: residentUnit,
      answers: [{ questionId: s.questions[0].id, rating: 5 }],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('unitId');
    expect((await desk2.get(`/api/surveys/${s.id}`)).statusCode).toBe(404);
  });
});
