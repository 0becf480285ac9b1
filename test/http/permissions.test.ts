import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../src/shared/permissions.ts';
import { createTestApp, demoStaffAccounts, tinyPng, type Client, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let ids: { ch: number; yq: number; gm: number; chUnit: number; chCustomer: number; yqUnit: number; chBuilding: number; chDesk: number };
let eng: {
  visitId: number;
  photoId: number;
  forumId: number;
  actionId: number;
  surveyId: number;
  questionId: number;
  households: number[];
};
import { sheets } from '../../src/server/modules/archive/transfer.service.ts';
import { buildWorkbook } from '../../src/server/platform/xlsx.ts';

let archive: { entry: number; file: number; workbook: Buffer };
const clients = new Map<string, Client>();
const accounts = demoStaffAccounts;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db.database.db;
  const project = async (code: string) =>
    (await db.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const ch = await project('CH');
  const yq = await project('YQ');
  const gm = await project('GM');
  const chUnit = (await db.selectFrom('units').select('id').where('project_id', '=', ch).orderBy('id').executeTakeFirstOrThrow()).id;
  const yqUnit = (await db.selectFrom('units').select('id').where('project_id', '=', yq).orderBy('id').executeTakeFirstOrThrow()).id;
  const chBuilding = (await db.selectFrom('buildings').select('id').where('project_id', '=', ch).orderBy('id').executeTakeFirstOrThrow())
    .id;
  const chCustomer = (await db.selectFrom('customers').select('id').where('project_id', '=', ch).orderBy('id').executeTakeFirstOrThrow())
    .id;
  const chDesk = (await db.selectFrom('staff').select('id').where('username', '=', 'frontdesk').executeTakeFirstOrThrow()).id;
  ids = { ch, yq, gm, chUnit, chCustomer, yqUnit, chBuilding, chDesk };
  for (const a of accounts) clients.set(a, await t.login(a));
  // Engagement: a butler's visit with a photo, a forum with an action, an open survey, households to answer for.
  const butler = clients.get('butler')!;
  const visitId = (await butler.post('/api/visits', { projectId: ch, kind: 'household', unitId: chUnit })).json().id;
  const photoId = (await butler.upload(`/api/visits/${visitId}/photos`, 'v.png', tinyPng)).json().photos[0].id;
  const director = clients.get('director')!;
  const forum = (
    await director.post('/api/forums', {
      projectId: ch,
      heldOn: '2026-06-01',
      title: '座谈会',
      minutes: '纪要',
      actions: [{ description: '跟进' }],
    })
  ).json();
  const survey = (
    await director.post('/api/surveys', {
      projectId: ch,
      title: '调查',
      questions: [{ kind: 'rating', text: '满意吗？', dimension: '总体' }],
    })
  ).json();
  await director.post(`/api/surveys/${survey.id}/transitions`, { action: 'open' });
  const households = await db
    .selectFrom('units')
    .select('id')
    .where('project_id', '=', ch)
    .where((eb) => eb.exists(eb.selectFrom('occupancies').select('id').whereRef('occupancies.unit_id', '=', 'units.id')))
    .orderBy('id')
    .execute();
  eng = {
    visitId,
    photoId,
    forumId: forum.id,
    actionId: forum.actions[0].id,
    surveyId: survey.id,
    questionId: survey.questions[0].id,
    households: households.map((h) => h.id),
  };
  const entry = await director.post(`/api/customers/${chCustomer}/archive/entries`, {
    section: 'supplement',
    title: '补充资料',
    date: '2026-11-01',
  });
  const file = await director.upload(
    `/api/customers/${chCustomer}/archive/files?section=supplement`,
    'a.pdf',
    Buffer.from('%PDF-1.4\n%%EOF\n'),
  );
  // A valid one-building workbook, imported as a dry run: checked, never written.
  const workbook = await buildWorkbook([
    {
      name: sheets.buildings.name,
      columns: Object.values(sheets.buildings.columns).map((c) => ({ header: c.header, width: 10 })),
      rows: [['PERM', '权限楼', '高层', 10, '1']],
    },
  ]);
  archive = { entry: entry.json().id, file: file.json().id, workbook };
});
afterAll(() => t.close());

type Expect = 'allow' | 'deny';
interface Case {
  name: string;
  run(c: Client, n: number): Promise<{ statusCode: number; body: string }>;
  allow: readonly (typeof accounts)[number][];
}

const dutyReaders = ['leader', 'director', 'supervisor', 'frontdesk', 'butler', 'tech', 'control', 'security'] as const;
const dutyLoggers = ['director', 'supervisor', 'frontdesk', 'tech', 'control', 'security'] as const;
/** A different date for each planned shift, so no two cases collide on the roster. */
const planDate = (n: number) => new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const engagementReaders = ['leader', 'director', 'supervisor', 'frontdesk', 'butler'] as const;
const visitRecorders = ['director', 'supervisor', 'frontdesk', 'butler'] as const;
const engagementManagers = ['director', 'supervisor'] as const;

/** The caller's own new contact visit, then `then` on it (a role that may not record gets the first denial). */
async function ownVisit(c: Client, then: (id: number) => Promise<{ statusCode: number; body: string }>) {
  const created = await c.post('/api/visits', { projectId: ids.ch, kind: 'contact', method: 'phone' });
  return created.statusCode === 201 ? then(created.json().id) : created;
}

const ticketReaders = ['leader', 'director', 'supervisor', 'frontdesk', 'butler', 'tech', 'control', 'security', 'finance'] as const;

/** What each demo account may reach in the first project (CH). Everything not listed is denied. */
const cases: Case[] = [
  { name: 'list projects', run: (c) => c.get('/api/projects'), allow: accounts },
  { name: 'list CH units', run: (c) => c.get(`/api/units?projectId=${ids.ch}`), allow: accounts.filter((a) => a !== 'frontdesk2') },
  { name: 'open a CH unit', run: (c) => c.get(`/api/units/${ids.chUnit}`), allow: accounts.filter((a) => a !== 'frontdesk2') },
  {
    name: 'list CH customers',
    run: (c) => c.get(`/api/customers?projectId=${ids.ch}`),
    allow: ['admin', 'leader', 'director', 'supervisor', 'frontdesk', 'butler', 'tech', 'control', 'security', 'finance'],
  },
  {
    name: 'open a CH customer',
    run: (c) => c.get(`/api/customers/${ids.chCustomer}`),
    allow: ['admin', 'leader', 'director', 'supervisor', 'frontdesk', 'butler', 'tech', 'control', 'security', 'finance'],
  },
  {
    name: 'reveal a CH customer’s numbers',
    run: (c) => c.post(`/api/customers/${ids.chCustomer}/reveal`, { reason: '回电业主' }),
    allow: ['director', 'supervisor', 'frontdesk', 'butler', 'control', 'finance'],
  },
  {
    name: 'create a CH customer',
    run: (c, n) => c.post('/api/customers', { projectId: ids.ch, name: `测试客户${n}`, phone: '14099990000' }),
    allow: ['director', 'supervisor', 'frontdesk', 'butler'],
  },
  {
    name: 'create a CH building',
    run: (c, n) => c.post('/api/buildings', { projectId: ids.ch, code: `P${n}`, name: `测试楼${n}`, kind: 'highrise', floors: 10 }),
    allow: ['admin', 'director'],
  },
  { name: 'change a CH unit', run: (c) => c.patch(`/api/units/${ids.chUnit}`, { state: 'occupied' }), allow: ['admin', 'director'] },
  {
    name: 'list CH staff',
    run: (c) => c.get(`/api/staff?projectId=${ids.ch}`),
    allow: ['admin', 'leader', 'director', 'supervisor', 'hr'],
  },
  {
    name: 'create CH staff',
    run: (c, n) =>
      c.post('/api/staff', {
        employeeNo: `T${n}`,
        username: `temp${n}`,
        name: '临时工',
        roles: ['tech'],
        projectIds: [ids.ch],
        password: 'password123',
      }),
    allow: ['admin', 'hr'],
  },
  { name: 'read CH audit log', run: (c) => c.get(`/api/audit?projectId=${ids.ch}`), allow: ['admin', 'leader', 'director'] },
  {
    name: 'create a project',
    run: (c, n) => c.post('/api/projects', { code: `NEW${n}`, name: `新项目${n}`, kind: 'residential' }),
    allow: ['admin'],
  },
  { name: 'list CH tickets', run: (c) => c.get(`/api/tickets?projectId=${ids.ch}`), allow: ticketReaders },
  { name: 'list CH return visits', run: (c) => c.get(`/api/return-visits?projectId=${ids.ch}`), allow: ticketReaders },
  {
    name: 'record a CH ticket',
    run: (c, n) => c.post('/api/tickets', { projectId: ids.ch, type: 'repair', channel: 'phone', description: `权限测试报修${n}` }),
    allow: ['director', 'supervisor', 'frontdesk', 'butler', 'tech', 'control', 'security'],
  },
  {
    name: 'accept a CH ticket',
    run: async (c, n) => {
      const created = await clients
        .get('director')!
        .post('/api/tickets', { projectId: ids.ch, type: 'repair', channel: 'phone', description: `待受理${n}` });
      return c.post(`/api/tickets/${created.json().id}/transitions`, { action: 'accept' });
    },
    allow: ['director', 'supervisor', 'frontdesk', 'control'],
  },
  { name: 'read the layout of the policies page', run: (c) => c.get('/api/policies/schema'), allow: accounts },
  {
    name: 'change the CH policy',
    run: (c) => c.put('/api/policies', { projectId: ids.ch, override: { warningThreshold: 0.75 } }),
    allow: ['admin', 'director'],
  },
  { name: 'read the CH fee schedule', run: (c) => c.get(`/api/fee-schedule?projectId=${ids.ch}`), allow: ticketReaders },
  {
    name: 'price a CH paid service',
    run: (c, n) => c.post('/api/fee-schedule', { projectId: ids.ch, code: `svc_${n}`, name: '测试服务', unit: '次', price: 10 }),
    allow: ['admin', 'director'],
  },
  { name: 'read the CH repair register', run: (c) => c.get(`/api/registers/repair?projectId=${ids.ch}`), allow: ticketReaders },
  {
    name: 'export the CH complaint register',
    run: (c) => c.get(`/api/registers/complaint?projectId=${ids.ch}&format=xlsx`),
    allow: ticketReaders,
  },
  { name: 'open the CH dashboard', run: (c) => c.get(`/api/dashboard?projectId=${ids.ch}`), allow: ticketReaders },
  {
    name: 'read the CH monthly complaint statistics',
    run: (c) => c.get(`/api/reports/complaints/monthly?projectId=${ids.ch}&month=2026-11`),
    allow: ['leader', 'director', 'supervisor'],
  },
  { name: 'list CH visits', run: (c) => c.get(`/api/visits?projectId=${ids.ch}`), allow: engagementReaders },
  { name: 'open a CH visit', run: (c) => c.get(`/api/visits/${eng.visitId}`), allow: engagementReaders },
  { name: 'see a CH visit photo', run: (c) => c.get(`/api/files/${eng.photoId}`), allow: engagementReaders },
  { name: 'read the CH visit plan', run: (c) => c.get(`/api/visits/plan?projectId=${ids.ch}`), allow: engagementReaders },
  { name: 'read the CH visit quotas', run: (c) => c.get(`/api/visits/quotas?projectId=${ids.ch}&month=2026-11`), allow: engagementReaders },
  {
    name: 'book a CH visit',
    run: (c) => c.post('/api/visits', { projectId: ids.ch, kind: 'household', unitId: ids.chUnit, plannedAt: '2026-11-28T10:00:00+08:00' }),
    allow: visitRecorders,
  },
  {
    name: 'record a CH visit',
    run: (c) => ownVisit(c, (id) => c.post(`/api/visits/${id}/record`, { opinions: '满意' })),
    allow: visitRecorders,
  },
  { name: 'cancel a CH visit', run: (c) => ownVisit(c, (id) => c.post(`/api/visits/${id}/cancel`)), allow: visitRecorders },
  {
    name: 'add a CH visit photo',
    run: (c) => ownVisit(c, (id) => c.upload(`/api/visits/${id}/photos`, 'v.png', tinyPng)),
    allow: visitRecorders,
  },
  { name: 'list CH forums', run: (c) => c.get(`/api/forums?projectId=${ids.ch}`), allow: engagementReaders },
  { name: 'open a CH forum', run: (c) => c.get(`/api/forums/${eng.forumId}`), allow: engagementReaders },
  { name: 'read the CH forum schedule', run: (c) => c.get(`/api/forums/schedule?projectId=${ids.ch}`), allow: engagementReaders },
  {
    name: 'record a CH forum',
    run: (c) => c.post('/api/forums', { projectId: ids.ch, heldOn: '2026-11-01', title: '座谈会', minutes: '纪要' }),
    allow: engagementManagers,
  },
  { name: 'close a CH forum action', run: (c) => c.patch(`/api/forum-actions/${eng.actionId}`, { done: true }), allow: engagementManagers },
  { name: 'list CH surveys', run: (c) => c.get(`/api/surveys?projectId=${ids.ch}`), allow: engagementReaders },
  { name: 'open a CH survey', run: (c) => c.get(`/api/surveys/${eng.surveyId}`), allow: engagementReaders },
  { name: 'read CH survey results', run: (c) => c.get(`/api/surveys/${eng.surveyId}/results`), allow: engagementReaders },
  { name: 'export CH survey results', run: (c) => c.get(`/api/surveys/${eng.surveyId}/results?format=xlsx`), allow: engagementReaders },
  {
    name: 'read the CH year satisfaction',
    run: (c) => c.get(`/api/surveys/satisfaction?projectId=${ids.ch}&year=2026`),
    allow: engagementReaders,
  },
  {
    name: 'build and open a CH survey',
    run: async (c) => {
      const draft = await c.post('/api/surveys', { projectId: ids.ch, title: '新调查', questions: [{ kind: 'text', text: '意见？' }] });
      return draft.statusCode === 201 ? c.post(`/api/surveys/${draft.json().id}/transitions`, { action: 'open' }) : draft;
    },
    allow: engagementManagers,
  },
  {
    name: 'key in a CH paper questionnaire',
    run: (c, n) =>
      c.post(`/api/surveys/${eng.surveyId}/responses`, {
        unitId: eng.households[n % eng.households.length],
        answers: [{ questionId: eng.questionId, rating: 4 }],
      }),
    allow: visitRecorders,
  },
  { name: 'list portal surveys (residents only)', run: (c) => c.get('/api/portal/surveys'), allow: [] },
  {
    name: 'read the CH duty roster',
    run: (c) => c.get(`/api/duty/roster?projectId=${ids.ch}&from=2026-11-16&to=2026-11-22`),
    allow: dutyReaders,
  },
  {
    name: 'check the CH duty coverage',
    run: (c) => c.get(`/api/duty/coverage?projectId=${ids.ch}&from=2026-11-01&to=2026-11-30`),
    allow: dutyReaders,
  },
  { name: 'read the CH shift templates', run: (c) => c.get(`/api/duty/templates?projectId=${ids.ch}`), allow: dutyReaders },
  { name: 'list CH staff for duty', run: (c) => c.get(`/api/duty/staff?projectId=${ids.ch}`), allow: dutyReaders },
  {
    name: 'plan a CH shift',
    run: (c, n) => c.post('/api/duty/assignments', { projectId: ids.ch, shiftCode: 'day', staffId: ids.chDesk, date: planDate(n) }),
    allow: ['director', 'supervisor'],
  },
  {
    name: 'rotate the CH noon duty',
    run: (c, n) => c.post('/api/duty/roster/rotate-noon', { projectId: ids.ch, from: planDate(n + 400), to: planDate(n + 400) }),
    allow: ['director', 'supervisor'],
  },
  {
    name: 'write a CH duty log line',
    run: (c, n) => c.post('/api/duty/log', { projectId: ids.ch, kind: 'call', description: `权限测试来电${n}` }),
    allow: dutyLoggers,
  },
  { name: 'read the CH duty log', run: (c) => c.get(`/api/duty/log?projectId=${ids.ch}`), allow: dutyReaders },
  { name: 'read the CH handovers', run: (c) => c.get(`/api/duty/handovers?projectId=${ids.ch}`), allow: dutyReaders },
  { name: 'open the CH morning review', run: (c) => c.get(`/api/duty/review?projectId=${ids.ch}&date=2026-11-20`), allow: dutyReaders },
  { name: 'read the CH duty facts', run: (c) => c.get(`/api/duty/facts?projectId=${ids.ch}&month=2026-11`), allow: dutyReaders },
  {
    name: 'open a CH customer’s archive',
    run: (c) => c.get(`/api/customers/${ids.chCustomer}/archive`),
    allow: ['admin', 'leader', 'director', 'supervisor', 'frontdesk', 'butler', 'tech', 'control', 'security', 'finance'],
  },
  {
    name: 'add a CH archive entry',
    run: (c, n) =>
      c.post(`/api/customers/${ids.chCustomer}/archive/entries`, { section: 'correspondence', title: `来函${n}`, date: '2026-11-02' }),
    allow: ['director', 'supervisor', 'frontdesk', 'butler'],
  },
  {
    name: 'correct a CH archive entry',
    run: (c, n) => c.patch(`/api/archive-entries/${archive.entry}`, { body: `更正${n}` }),
    allow: ['director', 'supervisor', 'frontdesk', 'butler'],
  },
  {
    name: 'attach a file to a CH archive',
    run: (c) => c.upload(`/api/customers/${ids.chCustomer}/archive/files?section=decoration`, 'b.pdf', Buffer.from('%PDF-1.4\n%%EOF\n')),
    allow: ['director', 'supervisor', 'frontdesk', 'butler'],
  },
  {
    name: 'download a CH archive file',
    run: (c) => c.get(`/api/files/${archive.file}`),
    allow: ['admin', 'leader', 'director', 'supervisor', 'frontdesk', 'butler', 'tech', 'control', 'security', 'finance'],
  },
  {
    name: 'list CH customers with incomplete archives',
    run: (c) => c.get(`/api/archive/completeness?projectId=${ids.ch}`),
    allow: ['admin', 'leader', 'director', 'supervisor', 'frontdesk', 'butler', 'tech', 'control', 'security', 'finance'],
  },
  {
    name: 'read CH archive completeness per butler',
    run: (c) => c.get(`/api/archive/completeness/summary?projectId=${ids.ch}`),
    allow: ['admin', 'leader', 'director', 'supervisor', 'frontdesk', 'butler', 'tech', 'control', 'security', 'finance'],
  },
  { name: 'download the import template', run: (c) => c.get('/api/archive/template'), allow: ['admin', 'director'] },
  {
    name: 'check an import into CH',
    run: (c) => c.upload(`/api/archive/import?projectId=${ids.ch}&dryRun=true`, 'a.xlsx', archive.workbook),
    allow: ['admin', 'director'],
  },
  {
    name: 'export CH (masked)',
    run: (c) => c.get(`/api/archive/export?projectId=${ids.ch}`),
    allow: ['admin', 'leader', 'director', 'supervisor', 'frontdesk'],
  },
  {
    name: 'export CH with full numbers',
    run: (c) => c.get(`/api/archive/export?projectId=${ids.ch}&reveal=true&reason=${encodeURIComponent('核对')}`),
    allow: ['director', 'supervisor', 'frontdesk'],
  },
  {
    name: 'edit the holiday calendar',
    run: (c, n) => c.put(`/api/calendar/days/2030-01-${String((n % 27) + 1).padStart(2, '0')}`, { kind: 'holiday', name: '测试' }),
    allow: ['admin'],
  },
];

describe('permission matrix (demo accounts × actions in the first project)', () => {
  let n = 0;
  for (const testCase of cases) {
    for (const account of accounts) {
      const expected: Expect = testCase.allow.includes(account) ? 'allow' : 'deny';
      it(`${account} → ${testCase.name}: ${expected}`, async () => {
        const res = await testCase.run(clients.get(account)!, ++n);
        if (expected === 'allow') expect(res.statusCode, res.body).toBeLessThan(300);
        else {
          expect([403, 404], res.body).toContain(res.statusCode);
          expect(JSON.parse(res.body).error.code).toMatch(/FORBIDDEN|NOT_IN_PROJECT|NOT_FOUND/);
        }
      });
    }
  }
});

describe('project scope', () => {
  it('frontdesk2 sees only the second project, everywhere', async () => {
    const c = clients.get('frontdesk2')!;
    expect((await c.get('/api/projects')).json().items.map((p: { code: string }) => p.code)).toEqual(['YQ']);
    const me = (await c.get('/api/auth/me')).json();
    expect(me.projects.map((p: { code: string }) => p.code)).toEqual(['YQ']);
    const units = (await c.get('/api/units?limit=200')).json().items as { projectId: number }[];
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((u) => u.projectId === ids.yq)).toBe(true);
    const customers = (await c.get('/api/customers?limit=200')).json().items as { projectId: number }[];
    expect(customers.length).toBeGreaterThan(0);
    expect(customers.every((x) => x.projectId === ids.yq)).toBe(true);
    expect((await c.get(`/api/projects/${ids.ch}`)).statusCode).toBe(404);
    expect((await c.get(`/api/buildings/${ids.chBuilding}`)).statusCode).toBe(404);
    expect((await c.get(`/api/buildings?projectId=${ids.ch}`)).statusCode).toBe(403);
    expect((await c.get(`/api/projects/${ids.ch}/summary`)).statusCode).toBe(404);
    expect((await c.get(`/api/customers?projectId=${ids.ch}`)).json().error.code).toBe('NOT_IN_PROJECT');
    expect((await c.post('/api/occupancies', { customerId: ids.chCustomer, unitId: ids.yqUnit, relation: 'tenant' })).statusCode).toBe(404);
    // A unit of the first project cannot be attached to a customer of the second either.
    const own = (await c.get(`/api/customers?projectId=${ids.yq}&limit=1`)).json().items[0];
    const cross = await c.post('/api/occupancies', { customerId: own.id, unitId: ids.chUnit, relation: 'tenant' });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().error.fields[0].path).toBe('unitId');
    // The search box cannot reach across projects by phone either.
    const chCustomer = await t.db.database.db
      .selectFrom('customers')
      .select('phone')
      .where('id', '=', ids.chCustomer)
      .executeTakeFirstOrThrow();
    const byPhone = (await c.get(`/api/customers?q=${chCustomer.phone}`)).json().items;
    expect(byPhone).toEqual([]);
  });

  it('leadership sees every project; project staff only theirs', async () => {
    const codes = async (who: string) =>
      ((await clients.get(who)!.get('/api/projects')).json().items as { code: string }[]).map((p) => p.code);
    const all = (await t.db.database.db.selectFrom('projects').select('code').orderBy('id').execute()).map((p) => p.code);
    expect(all.slice(0, 3)).toEqual(['CH', 'YQ', 'GM']);
    expect(await codes('leader')).toEqual(all);
    expect(await codes('admin')).toEqual(all);
    for (const who of ['director', 'supervisor', 'frontdesk', 'butler', 'tech', 'control', 'security', 'finance', 'hr'] as RoleCode[]) {
      expect(await codes(who)).toEqual(['CH']);
    }
  });

  it('a change to one field of a staff member keeps their projects and status (no defaults on a PATCH)', async () => {
    const hr = clients.get('hr')!;
    const created = await hr.post('/api/staff', {
      employeeNo: 'KEEP1',
      username: 'keep.projects',
      name: '保留项目',
      roles: ['tech'],
      projectIds: [ids.ch],
      status: 'probation',
      password: 'password123',
    });
    const id = created.json().staff.id;
    const changed = await hr.patch(`/api/staff/${id}`, { position: '水电工' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ position: '水电工', projectIds: [ids.ch], status: 'probation' });
  });

  it('staff lists are scoped too: hr of CH does not see frontdesk2', async () => {
    const names = ((await clients.get('hr')!.get('/api/staff?limit=200')).json().items as { username: string }[]).map((s) => s.username);
    expect(names).toContain('frontdesk');
    expect(names).not.toContain('frontdesk2');
  });

  it('an anonymous caller gets 401 from every staff endpoint', async () => {
    for (const url of [
      '/api/projects',
      `/api/units?projectId=${ids.ch}`,
      '/api/customers',
      '/api/staff',
      '/api/audit',
      '/api/auth/me',
      '/api/portal/households',
    ]) {
      const res = await t.anonymous.get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });
});
