import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRoles, type Permission, type RoleCode } from '../../src/shared/permissions.ts';
import { createTestApp, demoStaffAccounts, tinyPng, type Client, type TestApp } from '../helpers/app.ts';

/**
 * The exhaustive permission matrix (SPEC §13): every endpoint of the OpenAPI document × every kind of
 * caller — each demo role, a resident of a household of the first project, a resident of another
 * project's household, a staff member of another project (frontdesk2) and an anonymous caller —
 * checked against the rule written here. An endpoint without a rule fails the test, and so does a
 * rule whose sample request never succeeds for anyone allowed (the sample would prove nothing).
 *
 * Denied means 401, 403 or 404 (objects of another project are not found); allowed means anything
 * else below 500 (a business rule may still answer 400 or 409, e.g. a ticket already accepted).
 */

const staffAccounts = demoStaffAccounts;
type Caller = (typeof staffAccounts)[number] | 'resident' | 'otherResident' | 'anonymous';
const callers: Caller[] = [...staffAccounts, 'resident', 'otherResident', 'anonymous'];
const roleOf = (c: Caller): RoleCode | null =>
  c === 'frontdesk2' ? 'frontdesk' : (staffAccounts as readonly string[]).includes(c) ? (c as RoleCode) : null;
const can = (c: Caller, p: Permission) => {
  const role = roleOf(c);
  return role !== null && builtInRoles.find((r) => r.code === role)!.permissions.includes(p);
};
/** Staff of the first project (CH): everyone but frontdesk2; admin and leader see every project. */
const inCh = (c: Caller) => roleOf(c) !== null && c !== 'frontdesk2';

type Access =
  | 'public'
  /** Anyone signed in, staff or resident. */
  | 'signedIn'
  /** Any staff member (their own data, company-wide reference data). */
  | 'staff'
  /** A resident, about their own households. */
  | 'resident'
  /** Any staff member of the first project (its policies, whatever their role). */
  | 'projectStaff'
  /** Staff of the first project holding the permission. */
  | { permission: Permission; alsoResident?: boolean; allProjects?: boolean };

interface Rule {
  access: Access;
  /** Further restricted to these callers by a business rule (the person on the shift, the signer). */
  only?: Caller[];
  /** Allowed callers may also be refused for the record's state (e.g. 409); no 2xx is required. */
  noSuccessNeeded?: boolean;
  /** A denial that answers with this status instead (bad input naming the field). */
  deniedAs?: number[];
  /** An allowed caller may get this status (the sample names something that is not theirs). */
  allowedAs?: number[];
  send(c: Client, n: number): Promise<{ statusCode: number; body: string }>;
}

let t: TestApp;
const clients = new Map<Caller, Client>();
const ids: Record<string, number> = {};
let n = 0;
const day = (k: number) => new Date(Date.UTC(2027, 2, 1) + k * 86_400_000).toISOString().slice(0, 10);

async function id(res: Promise<{ statusCode: number; body: string; json(): any }>, what: string): Promise<number> {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  return r.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const c of staffAccounts) clients.set(c, await t.login(c));
  clients.set('resident', await t.loginResident('14012340001'));
  clients.set('otherResident', await t.loginResident('14012340002'));
  clients.set('anonymous', t.anonymous);
  const db = t.db.database.db;
  const one = async (q: Promise<{ id: number } | undefined>, what: string) => {
    const r = await q;
    if (!r) throw new Error(`no ${what}`);
    return r.id;
  };
  ids.ch = await one(db.selectFrom('projects').select('id').where('code', '=', 'CH').executeTakeFirst(), 'CH');
  ids.building = await one(
    db.selectFrom('buildings').select('id').where('project_id', '=', ids.ch).orderBy('id').executeTakeFirst(),
    'building',
  );
  for (const u of ['frontdesk', 'tech', 'security', 'director'])
    ids[u] = await one(db.selectFrom('staff').select('id').where('username', '=', u).executeTakeFirst(), u);
  // The CH resident's household and a customer of it.
  const resident = await db
    .selectFrom('resident_accounts')
    .innerJoin('occupancies', 'occupancies.customer_id', 'resident_accounts.customer_id')
    .select(['occupancies.unit_id', 'occupancies.customer_id', 'occupancies.id'])
    .where('resident_accounts.phone', '=', '14012340001')
    .executeTakeFirstOrThrow();
  ids.unit = resident.unit_id;
  ids.customer = resident.customer_id;
  ids.occupancy = resident.id;
  const director = clients.get('director')!;
  const desk = clients.get('frontdesk')!;
  ids.ticket = await id(
    director.post('/api/tickets', { projectId: ids.ch, type: 'repair', channel: 'phone', description: '矩阵测试报修' }),
    'ticket',
  );
  ids.attachment = (await director.upload(`/api/tickets/${ids.ticket}/attachments`, 'p.png', tinyPng)).json().attachments[0].id;
  const resident1 = clients.get('resident')!;
  ids.portalTicket = await id(
    resident1.post('/api/portal/tickets', { unitId: ids.unit, type: 'repair', description: '业主自报:厨房漏水' }),
    'portal ticket',
  );
  ids.fee = await id(
    director.post('/api/fee-schedule', { projectId: ids.ch, code: 'matrix_fee', name: '矩阵服务', unit: '次', price: 10 }),
    'fee',
  );
  ids.area = (await director.get(`/api/responsibility-areas?projectId=${ids.ch}`)).json().items[0].id;
  ids.handoverShift = await id(
    clients.get('supervisor')!.post('/api/duty/assignments', { projectId: ids.ch, shiftCode: 'night', staffId: ids.tech, date: day(400) }),
    'night shift',
  );
  ids.handover = await id(
    director.post('/api/duty/handovers', {
      assignmentId: ids.handoverShift,
      incomingId: ids.frontdesk,
      items: [{ description: '矩阵移交事项' }],
    }),
    'handover',
  );
  ids.handoverItem = (await director.get(`/api/duty/handovers/${ids.handover}`)).json().items[0].id;
  ids.entry = await id(
    director.post(`/api/customers/${ids.customer}/archive/entries`, { section: 'supplement', title: '补充资料', date: '2026-11-01' }),
    'archive entry',
  );
  ids.visit = await id(clients.get('butler')!.post('/api/visits', { projectId: ids.ch, kind: 'household', unitId: ids.unit }), 'visit');
  const forum = (
    await director.post('/api/forums', {
      projectId: ids.ch,
      heldOn: '2026-06-01',
      title: '座谈会',
      minutes: '纪要',
      actions: [{ description: '跟进' }],
    })
  ).json();
  ids.forum = forum.id;
  ids.forumAction = forum.actions[0].id;
  const survey = (
    await director.post('/api/surveys', {
      projectId: ids.ch,
      title: '调查',
      questions: [{ kind: 'rating', text: '满意吗?', dimension: '总体' }],
    })
  ).json();
  ids.survey = survey.id;
  ids.question = survey.questions[0].id;
  await director.post(`/api/surveys/${ids.survey}/transitions`, { action: 'open' });
  // A staff record to change that nobody here logs in with.
  ids.staffRecord = (
    await clients.get('admin')!.post('/api/staff', {
      employeeNo: 'MXS',
      username: 'matrix.staff',
      name: '矩阵员工',
      roles: ['tech'],
      projectIds: [ids.ch],
      password: 'password123',
    })
  ).json().staff.id;
  // Today's (2026-11-20) day shift of the demo front desk, and a shift that is over.
  ids.todayShift = await one(
    db
      .selectFrom('duty_assignments')
      .select('id')
      .where('staff_id', '=', ids.frontdesk)
      .where('date', '=', '2026-11-20')
      .where('shift_code', '=', 'day')
      .executeTakeFirst(),
    'today shift',
  );
  ids.pastShift = await one(
    db
      .selectFrom('duty_assignments')
      .select('id')
      .where('project_id', '=', ids.ch)
      .where('ends_at', '<', '2026-11-19T00:00:00.000Z')
      .orderBy('id')
      .executeTakeFirst(),
    'past shift',
  );
  void desk;
});
afterAll(() => t.close());

/** Fresh records for rules that change or use up what they act on. */
const fresh = {
  ticket: () =>
    id(
      clients.get('director')!.post('/api/tickets', { projectId: ids.ch, type: 'repair', channel: 'phone', description: `矩阵 ${++n}` }),
      'ticket',
    ),
  shift: (staffId: number, code = 'day') =>
    id(clients.get('supervisor')!.post('/api/duty/assignments', { projectId: ids.ch, shiftCode: code, staffId, date: day(++n) }), 'shift'),
  line: () =>
    id(clients.get('director')!.post('/api/duty/log', { projectId: ids.ch, kind: 'call', description: `矩阵来电 ${++n}` }), 'log line'),
  visit: () => id(clients.get('butler')!.post('/api/visits', { projectId: ids.ch, kind: 'household', unitId: ids.unit }), 'visit'),
};

const P = (permission: Permission, extra: Partial<Extract<Access, object>> = {}): Access => ({ permission, ...extra });
const q = (path: string) => path.replace('CH', String(ids.ch));

const rules: Record<string, Rule> = {
  'POST /api/auth/login': { access: 'public', send: (c) => c.post('/api/auth/login', { username: 'hr', password: 'demo1234' }) },
  'POST /api/portal/login': { access: 'public', send: (c) => c.post('/api/portal/login', { phone: '14012340003', password: 'demo1234' }) },
  'GET /api/auth/me': { access: 'signedIn', send: (c) => c.get('/api/auth/me') },
  // Logout and password change are sent with a session of their own (see below), not the shared one.
  // Logging out without a session is harmless (204): open to anyone.
  'POST /api/auth/logout': { access: 'public', send: (c) => c.post('/api/auth/logout') },
  'POST /api/auth/password': {
    access: 'signedIn',
    noSuccessNeeded: true,
    send: (c) => c.post('/api/auth/password', { currentPassword: 'not-it-123', newPassword: 'another-pass-456' }),
  },
  'GET /api/portal/households': { access: 'resident', send: (c) => c.get('/api/portal/households') },
  'GET /api/projects': { access: 'staff', send: (c) => c.get('/api/projects') },
  'POST /api/projects': {
    access: P('company.admin'),
    send: (c, k) => c.post('/api/projects', { code: `MX${k}`, name: `矩阵项目${k}`, kind: 'residential' }),
  },
  'GET /api/projects/{id}': { access: P('property.read'), send: (c) => c.get(`/api/projects/${ids.ch}`) },
  'PATCH /api/projects/{id}': { access: P('property.write'), send: (c) => c.patch(`/api/projects/${ids.ch}`, { name: '翠湖花园' }) },
  'GET /api/projects/{id}/summary': { access: P('property.read'), send: (c) => c.get(`/api/projects/${ids.ch}/summary`) },
  'GET /api/departments': { access: P('property.read'), send: (c) => c.get(q('/api/departments?projectId=CH')) },
  'GET /api/buildings': { access: P('property.read'), send: (c) => c.get(q('/api/buildings?projectId=CH')) },
  'POST /api/buildings': {
    access: P('property.write'),
    send: (c, k) => c.post('/api/buildings', { projectId: ids.ch, code: `M${k}`, name: `矩阵楼${k}`, kind: 'highrise', floors: 5 }),
  },
  'GET /api/buildings/{id}': { access: P('property.read'), send: (c) => c.get(`/api/buildings/${ids.building}`) },
  'PATCH /api/buildings/{id}': { access: P('property.write'), send: (c) => c.patch(`/api/buildings/${ids.building}`, { floors: 30 }) },
  'POST /api/entrances': {
    access: P('property.write'),
    send: (c, k) => c.post('/api/entrances', { buildingId: ids.building, code: `E${k}` }),
  },
  'GET /api/units': { access: P('property.read'), send: (c) => c.get(q('/api/units?projectId=CH')) },
  'POST /api/units': {
    access: P('property.write'),
    send: (c, k) => c.post('/api/units', { buildingId: ids.building, floor: 2, number: `M${k}`, areaM2: 80, use: 'residential' }),
  },
  'GET /api/units/{id}': { access: P('property.read'), send: (c) => c.get(`/api/units/${ids.unit}`) },
  'PATCH /api/units/{id}': { access: P('property.write'), send: (c) => c.patch(`/api/units/${ids.unit}`, { state: 'occupied' }) },
  'GET /api/public-places': { access: P('property.read'), send: (c) => c.get(q('/api/public-places?projectId=CH')) },
  'POST /api/public-places': {
    access: P('property.write'),
    send: (c, k) => c.post('/api/public-places', { projectId: ids.ch, name: `矩阵场所${k}`, kind: 'garden' }),
  },
  'GET /api/responsibility-areas': { access: P('property.read'), send: (c) => c.get(q('/api/responsibility-areas?projectId=CH')) },
  'POST /api/responsibility-areas': {
    access: P('property.write'),
    send: (c, k) => c.post('/api/responsibility-areas', { projectId: ids.ch, name: `矩阵责任区${k}` }),
  },
  'GET /api/customers': { access: P('customer.read'), send: (c) => c.get(q('/api/customers?projectId=CH')) },
  'POST /api/customers': {
    access: P('customer.write'),
    send: (c, k) => c.post('/api/customers', { projectId: ids.ch, name: `矩阵客户${k}` }),
  },
  'GET /api/customers/{id}': { access: P('customer.read'), send: (c) => c.get(`/api/customers/${ids.customer}`) },
  'PATCH /api/customers/{id}': {
    access: P('customer.write'),
    send: (c) => c.patch(`/api/customers/${ids.customer}`, { notes: '矩阵备注' }),
  },
  'POST /api/customers/{id}/reveal': {
    access: P('customer.reveal'),
    send: (c) => c.post(`/api/customers/${ids.customer}/reveal`, { reason: '回电' }),
  },
  'POST /api/occupancies': {
    access: P('customer.write'),
    send: async (c, k) => {
      const customer = await id(clients.get('director')!.post('/api/customers', { projectId: ids.ch, name: `矩阵住户${k}` }), 'customer');
      return c.post('/api/occupancies', { customerId: customer, unitId: ids.unit, relation: 'family' });
    },
  },
  'PATCH /api/occupancies/{id}': {
    access: P('customer.write'),
    send: (c) => c.patch(`/api/occupancies/${ids.occupancy}`, { relation: 'owner' }),
  },
  'GET /api/roles': { access: 'staff', send: (c) => c.get('/api/roles') },
  'GET /api/staff': { access: P('staff.read'), send: (c) => c.get(q('/api/staff?projectId=CH')) },
  'POST /api/staff': {
    access: P('staff.write'),
    send: (c, k) =>
      c.post('/api/staff', {
        employeeNo: `MX${k}`,
        username: `mx${k}`,
        name: '临时工',
        roles: ['tech'],
        projectIds: [ids.ch],
        password: 'password123',
      }),
  },
  'GET /api/staff/{id}': { access: P('staff.read'), send: (c) => c.get(`/api/staff/${ids.staffRecord}`) },
  'PATCH /api/staff/{id}': { access: P('staff.write'), send: (c) => c.patch(`/api/staff/${ids.staffRecord}`, { position: '维修电工' }) },
  'POST /api/staff/{id}/reset-password': {
    access: P('staff.write'),
    send: async (c, k) => {
      const s = await clients.get('admin')!.post('/api/staff', {
        employeeNo: `RP${k}`,
        username: `rp${k}`,
        name: '重置',
        roles: ['tech'],
        projectIds: [ids.ch],
        password: 'password123',
      });
      return c.post(`/api/staff/${s.json().staff.id}/reset-password`, {});
    },
  },
  'GET /api/audit': { access: P('audit.read'), send: (c) => c.get(q('/api/audit?projectId=CH')) },
  'POST /api/tickets': {
    access: P('ticket.create'),
    send: (c, k) => c.post('/api/tickets', { projectId: ids.ch, type: 'inquiry', channel: 'phone', description: `矩阵咨询${k}` }),
  },
  'GET /api/tickets': { access: P('ticket.read'), send: (c) => c.get(q('/api/tickets?projectId=CH')) },
  'GET /api/tickets/{id}': { access: P('ticket.read'), send: (c) => c.get(`/api/tickets/${ids.ticket}`) },
  'POST /api/tickets/{id}/transitions': {
    access: P('ticket.dispatch'),
    send: async (c) => c.post(`/api/tickets/${await fresh.ticket()}/transitions`, { action: 'accept' }),
  },
  'POST /api/tickets/suggest': {
    access: P('ticket.create'),
    send: (c) => c.post('/api/tickets/suggest', { projectId: ids.ch, text: '卫生间漏水' }),
  },
  'POST /api/tickets/{id}/reveal': {
    access: P('customer.reveal'),
    send: (c) => c.post(`/api/tickets/${ids.portalTicket}/reveal`, { reason: '回电' }),
  },
  'POST /api/tickets/{id}/complaint': {
    access: P('ticket.create'),
    send: async (c, k) => {
      const complaint = await id(
        clients
          .get('director')!
          .post('/api/tickets', { projectId: ids.ch, type: 'complaint', channel: 'phone', description: `矩阵投诉${k}` }),
        'complaint',
      );
      return c.post(`/api/tickets/${complaint}/complaint`, { checklist: { listen: true } });
    },
  },
  'POST /api/tickets/{id}/validity': {
    access: P('ticket.supervise'),
    send: async (c, k) => {
      const complaint = await id(
        clients
          .get('director')!
          .post('/api/tickets', { projectId: ids.ch, type: 'complaint', channel: 'phone', description: `矩阵投诉${k}` }),
        'complaint',
      );
      return c.post(`/api/tickets/${complaint}/validity`, { validity: 'valid' });
    },
  },
  'POST /api/tickets/{id}/adopt': {
    access: P('ticket.supervise'),
    noSuccessNeeded: true,
    send: async (c, k) => {
      const s = await id(
        clients
          .get('director')!
          .post('/api/tickets', { projectId: ids.ch, type: 'suggestion', channel: 'phone', description: `矩阵建议${k}` }),
        'suggestion',
      );
      return c.post(`/api/tickets/${s}/adopt`, { adopted: true });
    },
  },
  // Adopted suggestions are published (爱我小区): the estate's residents read them too.
  'GET /api/suggestions/adopted': {
    access: P('ticket.read', { alsoResident: true }),
    send: (c) => c.get(q('/api/suggestions/adopted?projectId=CH')),
  },
  'GET /api/return-visits': { access: P('ticket.read'), send: (c) => c.get(q('/api/return-visits?projectId=CH')) },
  'POST /api/tickets/{id}/attachments': {
    access: P('ticket.create'),
    send: (c) => c.upload(`/api/tickets/${ids.ticket}/attachments`, 'p.png', tinyPng),
  },
  // Another household's unit is refused as bad input naming unitId (400).
  'POST /api/portal/tickets': {
    access: 'resident',
    only: ['resident'],
    deniedAs: [400],
    send: (c, k) => c.post('/api/portal/tickets', { unitId: ids.unit, type: 'repair', description: `业主报修${k}` }),
  },
  'GET /api/portal/tickets': { access: 'resident', send: (c) => c.get('/api/portal/tickets') },
  'GET /api/portal/tickets/{id}': { access: 'resident', only: ['resident'], send: (c) => c.get(`/api/portal/tickets/${ids.portalTicket}`) },
  'POST /api/portal/tickets/{id}/rating': {
    access: 'resident',
    only: ['resident'],
    noSuccessNeeded: true,
    send: (c) => c.post(`/api/portal/tickets/${ids.portalTicket}/rating`, { satisfaction: 'satisfied' }),
  },
  'POST /api/portal/tickets/{id}/attachments': {
    access: 'resident',
    only: ['resident'],
    send: (c) => c.upload(`/api/portal/tickets/${ids.portalTicket}/attachments`, 'p.png', tinyPng),
  },
  'GET /api/portal/suggestions/adopted': {
    access: P('ticket.read', { alsoResident: true }),
    send: (c) => c.get(q('/api/portal/suggestions/adopted?projectId=CH')),
  },
  'GET /api/tickets/assignees': { access: P('ticket.dispatch'), send: (c) => c.get(q('/api/tickets/assignees?projectId=CH')) },
  'GET /api/fee-schedule': { access: P('ticket.read'), send: (c) => c.get(q('/api/fee-schedule?projectId=CH')) },
  'POST /api/fee-schedule': {
    access: P('policy.manage'),
    send: (c, k) => c.post('/api/fee-schedule', { projectId: ids.ch, code: `mx_${k}`, name: '服务', unit: '次', price: 5 }),
  },
  'PATCH /api/fee-schedule/{id}': { access: P('policy.manage'), send: (c) => c.patch(`/api/fee-schedule/${ids.fee}`, { price: 12 }) },
  'GET /api/ticket-categories': { access: 'staff', send: (c) => c.get('/api/ticket-categories') },
  'GET /api/notifications': { access: 'staff', send: (c) => c.get('/api/notifications') },
  // Each staff member's own notifications: someone else's is not found.
  'POST /api/notifications/{id}/read': {
    access: 'staff',
    noSuccessNeeded: true,
    allowedAs: [404],
    send: (c) => c.post('/api/notifications/1/read'),
  },
  'POST /api/notifications/read-all': { access: 'staff', send: (c) => c.post('/api/notifications/read-all') },
  'GET /api/events': { access: 'staff', send: async () => ({ statusCode: 0, body: 'streams forever: checked in notifications tests' }) },
  'GET /api/policies': { access: 'projectStaff', send: (c) => c.get(q('/api/policies?projectId=CH')) },
  'PUT /api/policies': {
    access: P('policy.manage'),
    send: (c) => c.put('/api/policies', { projectId: ids.ch, override: { warningThreshold: 0.8 } }),
  },
  'GET /api/policies/schema': { access: 'staff', send: (c) => c.get('/api/policies/schema') },
  // The obligations calendar and the facts feed: any staff of the project (without staff.read, their own rows).
  'GET /api/registers': { access: 'staff', send: (c) => c.get('/api/registers') },
  'GET /api/obligations': { access: 'projectStaff', send: (c) => c.get(q('/api/obligations?projectId=CH')) },
  'GET /api/obligations/rules': { access: 'staff', send: (c) => c.get('/api/obligations/rules') },
  'GET /api/facts': { access: 'projectStaff', send: (c) => c.get(q('/api/facts?projectId=CH&month=2026-11')) },
  'GET /api/facts/codes': { access: 'staff', send: (c) => c.get('/api/facts/codes') },
  'GET /api/policies/history': { access: 'projectStaff', send: (c) => c.get(q('/api/policies/history?projectId=CH')) },
  'GET /api/calendar/days': { access: 'staff', send: (c) => c.get('/api/calendar/days?year=2026') },
  'PUT /api/calendar/days/{date}': {
    access: P('company.admin'),
    send: (c) => c.put('/api/calendar/days/2031-05-06', { kind: 'holiday', name: '矩阵' }),
  },
  'DELETE /api/calendar/days/{date}': {
    access: P('company.admin'),
    noSuccessNeeded: true,
    send: (c) => c.delete('/api/calendar/days/2031-05-06'),
  },
  'GET /api/registers/{register}': { access: P('ticket.read'), send: (c) => c.get(q('/api/registers/repair?projectId=CH')) },
  // The supervisor's and director's statistics; leadership reads every project's.
  'GET /api/reports/complaints/monthly': {
    access: P('ticket.read'),
    only: ['leader', 'director', 'supervisor'],
    send: (c) => c.get(q('/api/reports/complaints/monthly?projectId=CH&month=2026-11')),
  },
  'GET /api/dashboard': { access: P('ticket.read'), send: (c) => c.get(q('/api/dashboard?projectId=CH')) },
  'GET /api/duty/templates': { access: P('duty.read'), send: (c) => c.get(q('/api/duty/templates?projectId=CH')) },
  'GET /api/duty/staff': { access: P('duty.read'), send: (c) => c.get(q('/api/duty/staff?projectId=CH')) },
  'GET /api/duty/roster': { access: P('duty.read'), send: (c) => c.get(q('/api/duty/roster?projectId=CH&from=2026-11-16&to=2026-11-22')) },
  'GET /api/duty/coverage': {
    access: P('duty.read'),
    send: (c) => c.get(q('/api/duty/coverage?projectId=CH&from=2026-11-16&to=2026-11-22')),
  },
  'POST /api/duty/assignments': {
    access: P('duty.plan'),
    send: (c) => c.post('/api/duty/assignments', { projectId: ids.ch, shiftCode: 'day', staffId: ids.frontdesk, date: day(++n) }),
  },
  'PATCH /api/duty/assignments/{id}': {
    access: P('duty.plan'),
    send: async (c) => c.patch(`/api/duty/assignments/${await fresh.shift(ids.frontdesk)}`, { note: '调班' }),
  },
  'DELETE /api/duty/assignments/{id}': {
    access: P('duty.plan'),
    send: async (c) => c.delete(`/api/duty/assignments/${await fresh.shift(ids.frontdesk)}`),
  },
  'POST /api/duty/roster/copy-week': {
    access: P('duty.plan'),
    send: (c) => c.post('/api/duty/roster/copy-week', { projectId: ids.ch, fromWeek: '2026-11-16', toWeek: '2028-11-13' }),
  },
  'POST /api/duty/roster/rotate-noon': {
    access: P('duty.plan'),
    send: (c) => c.post('/api/duty/roster/rotate-noon', { projectId: ids.ch, from: day(++n + 800), to: day(n + 800) }),
  },
  // Only the person on the shift checks in and out; a shift far ahead cannot be checked in yet (409).
  'POST /api/duty/assignments/{id}/check-in': {
    access: P('duty.log'),
    only: ['frontdesk'],
    noSuccessNeeded: true,
    send: async (c) => c.post(`/api/duty/assignments/${await fresh.shift(ids.frontdesk)}/check-in`),
  },
  'POST /api/duty/assignments/{id}/check-out': {
    access: P('duty.log'),
    only: ['frontdesk'],
    noSuccessNeeded: true,
    send: async (c) => c.post(`/api/duty/assignments/${await fresh.shift(ids.frontdesk)}/check-out`),
  },
  // The person on duty or a planner records a stand-in; the time must fall within the shift.
  'POST /api/duty/assignments/{id}/stand-ins': {
    access: P('duty.log'),
    only: ['frontdesk', 'director', 'supervisor'],
    noSuccessNeeded: true,
    send: async (c) =>
      c.post(`/api/duty/assignments/${await fresh.shift(ids.frontdesk)}/stand-ins`, { guardId: ids.security, reason: '代值' }),
  },
  'POST /api/duty/stand-ins/{id}/end': {
    access: P('duty.log'),
    send: async (c) => {
      const standIn = await id(
        clients.get('frontdesk')!.post(`/api/duty/assignments/${ids.todayShift}/stand-ins`, { guardId: ids.security, reason: '代值' }),
        'stand-in',
      );
      return c.post(`/api/duty/stand-ins/${standIn}/end`);
    },
  },
  'GET /api/duty/log': { access: P('duty.read'), send: (c) => c.get(q('/api/duty/log?projectId=CH')) },
  'POST /api/duty/log': {
    access: P('duty.log'),
    send: (c, k) => c.post('/api/duty/log', { projectId: ids.ch, kind: 'call', description: `矩阵来电${k}` }),
  },
  'POST /api/duty/log/{id}/handle': {
    access: P('duty.log'),
    send: async (c) => c.post(`/api/duty/log/${await fresh.line()}/handle`, { actionTaken: '已处理' }),
  },
  'POST /api/duty/log/{id}/convert': {
    access: P('duty.log'),
    only: ['director', 'supervisor', 'frontdesk', 'tech', 'control', 'security'],
    send: async (c) => c.post(`/api/duty/log/${await fresh.line()}/convert`, { type: 'repair' }),
  },
  'GET /api/duty/assignments/{id}/handover-proposal': {
    access: P('duty.log'),
    send: (c) => c.get(`/api/duty/assignments/${ids.handoverShift}/handover-proposal`),
  },
  'GET /api/duty/handovers': { access: P('duty.read'), send: (c) => c.get(q('/api/duty/handovers?projectId=CH')) },
  'POST /api/duty/handovers': {
    access: P('duty.log'),
    only: ['frontdesk', 'director', 'supervisor'],
    send: async (c) => c.post('/api/duty/handovers', { assignmentId: await fresh.shift(ids.frontdesk), incomingId: ids.tech }),
  },
  'GET /api/duty/handovers/{id}': { access: P('duty.read'), send: (c) => c.get(`/api/duty/handovers/${ids.handover}`) },
  // Only the outgoing person signs the outgoing side (others need their password).
  'POST /api/duty/handovers/{id}/sign': {
    access: P('duty.log'),
    only: ['tech'],
    noSuccessNeeded: true,
    send: (c) => c.post(`/api/duty/handovers/${ids.handover}/sign`, { side: 'outgoing' }),
  },
  'POST /api/duty/handover-items/{id}/done': {
    access: P('duty.log'),
    noSuccessNeeded: true,
    send: (c) => c.post(`/api/duty/handover-items/${ids.handoverItem}/done`),
  },
  'GET /api/duty/review': { access: P('duty.read'), send: (c) => c.get(q('/api/duty/review?projectId=CH&date=2026-11-20')) },
  'POST /api/duty/review': {
    access: P('duty.review'),
    send: (c) => c.post('/api/duty/review', { projectId: ids.ch, assignmentIds: [ids.pastShift] }),
  },
  'GET /api/duty/facts': { access: P('duty.read'), send: (c) => c.get(q('/api/duty/facts?projectId=CH&month=2026-11')) },
  'GET /api/visits': { access: P('engagement.read'), send: (c) => c.get(q('/api/visits?projectId=CH')) },
  'POST /api/visits': {
    access: P('visit.record'),
    send: (c) => c.post('/api/visits', { projectId: ids.ch, kind: 'household', unitId: ids.unit }),
  },
  'GET /api/visits/plan': { access: P('engagement.read'), send: (c) => c.get(q('/api/visits/plan?projectId=CH')) },
  'GET /api/visits/quotas': { access: P('engagement.read'), send: (c) => c.get(q('/api/visits/quotas?projectId=CH&month=2026-11')) },
  'GET /api/visits/{id}': { access: P('engagement.read'), send: (c) => c.get(`/api/visits/${ids.visit}`) },
  // Only the person who makes the visit (the butler who booked it) records it, adds photos, cancels it.
  'POST /api/visits/{id}/record': {
    access: P('visit.record'),
    only: ['butler'],
    send: async (c) => c.post(`/api/visits/${await fresh.visit()}/record`, { opinions: '无意见' }),
  },
  'POST /api/visits/{id}/cancel': {
    access: P('visit.record'),
    only: ['butler'],
    send: async (c) => c.post(`/api/visits/${await fresh.visit()}/cancel`, {}),
  },
  'POST /api/visits/{id}/photos': {
    access: P('visit.record'),
    only: ['butler'],
    send: (c) => c.upload(`/api/visits/${ids.visit}/photos`, 'v.png', tinyPng),
  },
  'GET /api/forums': { access: P('engagement.read'), send: (c) => c.get(q('/api/forums?projectId=CH')) },
  'POST /api/forums': {
    access: P('forum.manage'),
    send: (c) => c.post('/api/forums', { projectId: ids.ch, heldOn: '2026-06-02', title: '座谈会', minutes: '纪要' }),
  },
  'GET /api/forums/schedule': { access: P('engagement.read'), send: (c) => c.get(q('/api/forums/schedule?projectId=CH')) },
  'GET /api/forums/{id}': { access: P('engagement.read'), send: (c) => c.get(`/api/forums/${ids.forum}`) },
  'PATCH /api/forum-actions/{id}': {
    access: P('forum.manage'),
    send: (c) => c.patch(`/api/forum-actions/${ids.forumAction}`, { done: true }),
  },
  'GET /api/surveys': { access: P('engagement.read'), send: (c) => c.get(q('/api/surveys?projectId=CH')) },
  'POST /api/surveys': {
    access: P('survey.manage'),
    send: (c) =>
      c.post('/api/surveys', { projectId: ids.ch, title: '调查', questions: [{ kind: 'rating', text: '满意吗?', dimension: '总体' }] }),
  },
  'GET /api/surveys/satisfaction': {
    access: P('engagement.read'),
    send: (c) => c.get(q('/api/surveys/satisfaction?projectId=CH&year=2026')),
  },
  'GET /api/surveys/{id}': { access: P('engagement.read'), send: (c) => c.get(`/api/surveys/${ids.survey}`) },
  'POST /api/surveys/{id}/transitions': {
    access: P('survey.manage'),
    noSuccessNeeded: true,
    send: (c) => c.post(`/api/surveys/${ids.survey}/transitions`, { action: 'open' }),
  },
  'POST /api/surveys/{id}/responses': {
    access: P('survey.enter'),
    noSuccessNeeded: true,
    send: (c) => c.post(`/api/surveys/${ids.survey}/responses`, { unitId: ids.unit, answers: [{ questionId: ids.question, rating: 5 }] }),
  },
  'GET /api/surveys/{id}/results': { access: P('engagement.read'), send: (c) => c.get(`/api/surveys/${ids.survey}/results`) },
  'GET /api/portal/surveys': { access: 'resident', send: (c) => c.get('/api/portal/surveys') },
  'GET /api/portal/surveys/{id}': { access: 'resident', only: ['resident'], send: (c) => c.get(`/api/portal/surveys/${ids.survey}`) },
  'POST /api/portal/surveys/{id}/responses': {
    access: 'resident',
    only: ['resident'],
    noSuccessNeeded: true,
    send: (c) =>
      c.post(`/api/portal/surveys/${ids.survey}/responses`, { unitId: ids.unit, answers: [{ questionId: ids.question, rating: 4 }] }),
  },
  'GET /api/customers/{id}/archive': { access: P('customer.read'), send: (c) => c.get(`/api/customers/${ids.customer}/archive`) },
  'POST /api/customers/{id}/archive/entries': {
    access: P('customer.write'),
    send: (c) => c.post(`/api/customers/${ids.customer}/archive/entries`, { section: 'supplement', title: '补充', date: '2026-11-02' }),
  },
  'PATCH /api/archive-entries/{id}': {
    access: P('customer.write'),
    send: (c) => c.patch(`/api/archive-entries/${ids.entry}`, { title: '补充资料(改)' }),
  },
  'POST /api/customers/{id}/archive/files': {
    access: P('customer.write'),
    send: (c) => c.upload(`/api/customers/${ids.customer}/archive/files?section=supplement`, 'f.png', tinyPng),
  },
  // One address for every stored file; the sample is a ticket photo (a staff ticket: no resident sees it).
  // Archive files and visit photos per role: test/http/permissions.test.ts.
  'GET /api/files/{id}': { access: P('ticket.read'), send: (c) => c.get(`/api/files/${ids.attachment}`) },
  'GET /api/archive/completeness': { access: P('customer.read'), send: (c) => c.get(q('/api/archive/completeness?projectId=CH')) },
  'GET /api/archive/completeness/summary': {
    access: P('customer.read'),
    send: (c) => c.get(q('/api/archive/completeness/summary?projectId=CH')),
  },
  'GET /api/archive/template': { access: P('archive.import'), send: (c) => c.get('/api/archive/template') },
  'POST /api/archive/import': {
    access: P('archive.import'),
    noSuccessNeeded: true,
    send: (c) => c.upload(q('/api/archive/import?projectId=CH&dryRun=true'), 'x.xlsx', tinyPng),
  },
  'GET /api/archive/export': { access: P('archive.export'), send: (c) => c.get(q('/api/archive/export?projectId=CH')) },
};

function expected(rule: Rule, caller: Caller): boolean {
  const a = rule.access;
  let allowed: boolean;
  if (a === 'public') allowed = true;
  else if (a === 'signedIn') allowed = caller !== 'anonymous';
  else if (a === 'staff') allowed = roleOf(caller) !== null;
  else if (a === 'resident') allowed = caller === 'resident' || caller === 'otherResident';
  else if (a === 'projectStaff') allowed = inCh(caller);
  else allowed = (can(caller, a.permission) && inCh(caller)) || (!!a.alsoResident && caller === 'resident');
  return allowed && (!rule.only || rule.only.includes(caller));
}

describe('exhaustive permission matrix: every endpoint × every kind of caller', () => {
  it('has a rule for every endpoint of the OpenAPI document, and no rule for one that is gone', async () => {
    const doc = (await t.anonymous.get('/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(
      operations.filter((o) => !rules[o]),
      'endpoints without a rule in test/http/matrix.test.ts',
    ).toEqual([]);
    expect(
      Object.keys(rules).filter((r) => !operations.includes(r)),
      'rules for endpoints that no longer exist',
    ).toEqual([]);
  });

  it('allows exactly the callers of each rule and denies everyone else', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [operation, rule] of Object.entries(rules)) {
      if (operation === 'GET /api/events') continue;
      let succeeded = false;
      for (const caller of callers) {
        // Logging out and changing the password use a session of their own.
        const fresh =
          (operation === 'POST /api/auth/logout' || operation === 'POST /api/auth/password') && caller !== 'anonymous'
            ? caller === 'resident' || caller === 'otherResident'
              ? await t.loginResident(caller === 'resident' ? '14012340001' : '14012340002')
              : await t.login(caller)
            : // Logging in ends the session presented with it (no session fixation): sent without one.
              rule.access === 'public'
              ? t.anonymous
              : clients.get(caller)!;
        const res = await rule.send(fresh, ++n);
        checked++;
        const allowed = expected(rule, caller);
        const denied =
          ([401, 403, 404].includes(res.statusCode) || !!rule.deniedAs?.includes(res.statusCode)) &&
          !(allowed && rule.allowedAs?.includes(res.statusCode));
        if (res.statusCode >= 500 || allowed === denied)
          wrong.push(`${operation} as ${caller}: ${res.statusCode} (expected ${allowed ? 'allowed' : 'denied'}) ${res.body.slice(0, 140)}`);
        if (!allowed && caller === 'anonymous' && rule.access !== 'public' && res.statusCode !== 401)
          wrong.push(`${operation} anonymous: ${res.statusCode}, expected 401`);
        if (allowed && res.statusCode < 300) succeeded = true;
      }
      if (!succeeded && !rule.noSuccessNeeded) wrong.push(`${operation}: the sample request succeeded for no allowed caller`);
    }
    console.log(`[matrix] ${Object.keys(rules).length} endpoints × ${callers.length} kinds of caller = ${checked} checks`);
    expect(wrong).toEqual([]);
  }, 300_000);
});
