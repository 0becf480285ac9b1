import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let director: Client;
let admin: Client;
let ch: number;
let building: number;

beforeAll(async () => {
  t = await createTestApp();
  director = await t.login('director');
  admin = await t.login('admin');
  ch = (await director.get('/api/projects')).json().items[0].id;
  building = (await director.get(`/api/buildings?projectId=${ch}`)).json().items[0].id;
});
afterAll(() => t.close());

/** Each bad request must come back 4xx, in the error shape, naming the field at fault. */
const badRequests: { name: string; send(): Promise<{ statusCode: number; json(): any }>; field: string }[] = [
  { name: 'login without password', send: () => t.anonymous.post('/api/auth/login', { username: 'x' }), field: 'password' },
  {
    name: 'resident login with a malformed phone',
    send: () => t.anonymous.post('/api/portal/login', { phone: '12345', password: 'x' }),
    field: 'phone',
  },
  { name: 'unit id that is not a number', send: () => director.get('/api/units/abc'), field: 'id' },
  { name: 'limit above 200', send: () => director.get('/api/units?limit=500'), field: 'limit' },
  { name: 'a forged cursor', send: () => director.get('/api/units?cursor=bm9wZQ'), field: 'cursor' },
  { name: 'unknown unit state filter', send: () => director.get(`/api/units?state=flying&projectId=${ch}`), field: 'state' },
  {
    name: 'customer with a bad phone',
    send: () => director.post('/api/customers', { projectId: ch, name: '张三', phone: '138' }),
    field: 'phone',
  },
  {
    name: 'customer with a bad resident ID number',
    send: () => director.post('/api/customers', { projectId: ch, name: '张三', idType: 'id_card', idNumber: '1234' }),
    field: 'idNumber',
  },
  { name: 'customer with an empty name', send: () => director.post('/api/customers', { projectId: ch, name: '   ' }), field: 'name' },
  {
    name: 'customer linked to a unit without relation',
    send: () => director.post('/api/customers', { projectId: ch, name: '李四', unitId: 1 }),
    field: 'relation',
  },
  {
    name: 'emergency contact without phone',
    send: () => director.post('/api/customers', { projectId: ch, name: '李四', emergencyContacts: [{ name: '王五' }] }),
    field: 'emergencyContacts.0.phone',
  },
  {
    name: 'archive entry in a section made of tickets',
    send: () => director.post('/api/customers/1/archive/entries', { section: 'repairs', title: 'x', date: '2026-11-01' }),
    field: 'section',
  },
  {
    name: 'archive entry with a date that is not a date',
    send: () => director.post('/api/customers/1/archive/entries', { section: 'supplement', title: 'x', date: '11/01/2026' }),
    field: 'date',
  },
  {
    name: 'archive entry with an empty title',
    send: () => director.post('/api/customers/1/archive/entries', { section: 'supplement', title: '  ', date: '2026-11-01' }),
    field: 'title',
  },
  {
    name: 'archive entry correction with a non-numeric amount',
    send: () => director.patch('/api/archive-entries/1', { amount: 'lots' }),
    field: 'amount',
  },
  {
    name: 'archive file for an unknown section',
    send: () => director.upload('/api/customers/1/archive/files?section=secrets', 'a.pdf', Buffer.from('%PDF-1.4')),
    field: 'section',
  },
  {
    name: 'archive file without a file',
    send: () => director.post('/api/customers/1/archive/files?section=supplement', {}),
    field: 'file',
  },
  { name: 'file id that is not a number', send: () => director.get('/api/files/abc'), field: 'id' },
  {
    name: 'ticket photo sent as JSON instead of a file',
    send: async () => {
      const tk = await director.post('/api/tickets', { projectId: ch, type: 'repair', channel: 'phone', description: '校验：无文件' });
      return director.post(`/api/tickets/${tk.json().id}/attachments`, { file: 'not a file' });
    },
    field: 'file',
  },
  { name: 'completeness without a project', send: () => director.get('/api/archive/completeness'), field: 'projectId' },
  {
    name: 'completeness filtered by an unknown item',
    send: () => director.get(`/api/archive/completeness?projectId=${ch}&missing=horoscope`),
    field: 'missing',
  },
  { name: 'export without a project', send: () => director.get('/api/archive/export'), field: 'projectId' },
  {
    name: 'export of full numbers without a reason',
    send: () => director.get(`/api/archive/export?projectId=${ch}&reveal=true`),
    field: 'reason',
  },
  {
    name: 'import of a file that is not a workbook',
    send: () => admin.upload(`/api/archive/import?projectId=${ch}`, 'a.xlsx', Buffer.from('PK-not-really')),
    field: 'file',
  },
  { name: 'import without a project', send: () => admin.upload('/api/archive/import', 'a.xlsx', Buffer.from('x')), field: 'projectId' },
  {
    name: 'building with zero floors',
    send: () => director.post('/api/buildings', { projectId: ch, code: 'Z', name: 'Z', kind: 'highrise', floors: 0 }),
    field: 'floors',
  },
  {
    name: 'building of an unknown kind',
    send: () => director.post('/api/buildings', { projectId: ch, code: 'Z', name: 'Z', kind: 'castle', floors: 3 }),
    field: 'kind',
  },
  {
    name: 'unit above the top floor',
    send: () => director.post('/api/units', { buildingId: building, floor: 999, number: '99901', areaM2: 80, use: 'residential' }),
    field: 'floor',
  },
  { name: 'unit with negative area', send: () => director.patch('/api/units/1', { areaM2: -3 }), field: 'areaM2' },
  {
    name: 'move-out before move-in',
    send: () =>
      director.post('/api/occupancies', {
        customerId: 1,
        unitId: 1,
        relation: 'owner',
        moveInDate: '2024-05-01',
        moveOutDate: '2024-01-01',
      }),
    field: 'moveOutDate',
  },
  {
    name: 'a date that is not a date',
    send: () => director.post('/api/occupancies', { customerId: 1, unitId: 1, relation: 'owner', moveInDate: '1.5.2024' }),
    field: 'moveInDate',
  },
  {
    name: 'staff with an upper-case username',
    send: () => admin.post('/api/staff', { employeeNo: 'X1', username: 'BadName', name: 'x', roles: ['tech'], projectIds: [ch] }),
    field: 'username',
  },
  {
    name: 'staff without roles',
    send: () => admin.post('/api/staff', { employeeNo: 'X1', username: 'x1', name: 'x', roles: [], projectIds: [ch] }),
    field: 'roles',
  },
  {
    name: 'staff with an unknown role',
    send: () => admin.post('/api/staff', { employeeNo: 'X1', username: 'x1', name: 'x', roles: ['king'], projectIds: [ch] }),
    field: 'roles.0',
  },
  {
    name: 'staff with a short password',
    send: () =>
      admin.post('/api/staff', { employeeNo: 'X1', username: 'x1', name: 'x', roles: ['tech'], projectIds: [ch], password: 'short' }),
    field: 'password',
  },
  {
    name: 'staff with a project role but no project',
    send: () => admin.post('/api/staff', { employeeNo: 'X1', username: 'x1', name: 'x', roles: ['tech'] }),
    field: 'projectIds',
  },
  {
    name: 'project code with spaces',
    send: () => admin.post('/api/projects', { code: 'a b', name: 'x', kind: 'residential' }),
    field: 'code',
  },
  { name: 'reveal without a reason', send: () => director.post('/api/customers/1/reveal', {}), field: 'reason' },
  { name: 'huge id', send: () => director.get('/api/customers/99999999999999'), field: 'id' },
  {
    name: 'ticket of an unknown type',
    send: () => director.post('/api/tickets', { projectId: ch, type: 'gossip', channel: 'phone', description: '测试测试' }),
    field: 'type',
  },
  {
    name: 'ticket from an unknown channel',
    send: () => director.post('/api/tickets', { projectId: ch, type: 'repair', channel: 'pigeon', description: '测试测试' }),
    field: 'channel',
  },
  {
    name: 'ticket with a malformed received time',
    send: () =>
      director.post('/api/tickets', { projectId: ch, type: 'repair', channel: 'phone', description: '测试测试', receivedAt: 'yesterday' }),
    field: 'receivedAt',
  },
  {
    name: 'one-touch resolution of a repair',
    send: () =>
      director.post('/api/tickets', { projectId: ch, type: 'repair', channel: 'phone', description: '测试测试', resolveNow: '好了' }),
    field: 'resolveNow',
  },
  { name: 'unknown workflow action', send: () => director.post('/api/tickets/1/transitions', { action: 'teleport' }), field: 'action' },
  {
    name: 'dispatch without an assignee',
    send: () => director.post('/api/tickets/1/transitions', { action: 'dispatch' }),
    field: 'assigneeId',
  },
  { name: 'pause without a reason', send: () => director.post('/api/tickets/1/transitions', { action: 'pause' }), field: 'reason' },
  {
    name: 'return visit with an unknown rating',
    send: () => director.post('/api/tickets/1/transitions', { action: 'return_visit', satisfaction: 'ecstatic', method: 'phone' }),
    field: 'satisfaction',
  },
  {
    name: 'complaint checklist that is not yes/no',
    send: () => director.post('/api/tickets/1/complaint', { checklist: { listen: 'maybe' } }),
    field: 'checklist.listen',
  },
  { name: 'ticket list with a bad overdue flag', send: () => director.get('/api/tickets?overdue=perhaps'), field: 'overdue' },
  {
    name: 'a policy that makes no sense',
    send: () => director.put('/api/policies', { projectId: ch, override: { warningThreshold: 2 } }),
    field: 'override.warningThreshold',
  },
  {
    name: 'a month that does not exist',
    send: () => director.get(`/api/reports/complaints/monthly?projectId=${ch}&month=2026-13`),
    field: 'month',
  },
  { name: 'an unknown register', send: () => director.get(`/api/registers/misc?projectId=${ch}`), field: 'register' },
  { name: 'a register from 30 February', send: () => director.get(`/api/registers/repair?projectId=${ch}&from=2026-02-30`), field: 'from' },
  { name: 'a register without its project', send: () => director.get('/api/registers/repair'), field: 'projectId' },
  { name: 'a ticket list to 30 February', send: () => director.get(`/api/tickets?projectId=${ch}&to=2026-02-30`), field: 'to' },
  {
    name: 'a household visit without its unit',
    send: () => director.post('/api/visits', { projectId: ch, kind: 'household' }),
    field: 'unitId',
  },
  {
    name: 'a visit appointment that is not a time',
    send: () => director.post('/api/visits', { projectId: ch, kind: 'contact', plannedAt: 'tomorrow' }),
    field: 'plannedAt',
  },
  {
    name: 'a visit of a unit of another project',
    send: () => director.post('/api/visits', { projectId: ch, kind: 'household', unitId: 999999 }),
    field: 'unitId',
  },
  { name: 'a visit record without opinions', send: () => director.post('/api/visits/1/record', { opinions: ' ' }), field: 'opinions' },
  {
    name: 'a visit request of an unknown ticket type',
    send: () => director.post('/api/visits/1/record', { opinions: '好', requests: [{ description: '修灯', ticketType: 'magic' }] }),
    field: 'requests.0.ticketType',
  },
  { name: 'visits of a ticket id that is not a number', send: () => director.get('/api/visits?ticketId=abc'), field: 'ticketId' },
  { name: 'visit quotas of month 13', send: () => director.get(`/api/visits/quotas?projectId=${ch}&month=2026-13`), field: 'month' },
  { name: 'a visit plan without its project', send: () => director.get('/api/visits/plan'), field: 'projectId' },
  {
    name: 'a forum held on 30 February',
    send: () => director.post('/api/forums', { projectId: ch, heldOn: '2026-02-30', title: '座谈会', minutes: '纪要' }),
    field: 'heldOn',
  },
  {
    name: 'a forum held in the future',
    send: () => director.post('/api/forums', { projectId: ch, heldOn: '2030-01-01', title: '座谈会', minutes: '纪要' }),
    field: 'heldOn',
  },
  {
    name: 'a forum action without description',
    send: () => director.post('/api/forums', { projectId: ch, heldOn: '2026-01-05', title: '座谈会', minutes: '纪要', actions: [{}] }),
    field: 'actions.0.description',
  },
  { name: 'a forum action marked with a string', send: () => director.patch('/api/forum-actions/1', { done: 'yes' }), field: 'done' },
  {
    name: 'a rating question without a dimension',
    send: () => director.post('/api/surveys', { projectId: ch, title: '调查', questions: [{ kind: 'rating', text: '满意吗？' }] }),
    field: 'questions.0.dimension',
  },
  {
    name: 'a choice question with one option',
    send: () =>
      director.post('/api/surveys', { projectId: ch, title: '调查', questions: [{ kind: 'choice', text: '选哪个？', options: ['A'] }] }),
    field: 'questions.0.options',
  },
  {
    name: 'a survey without questions',
    send: () => director.post('/api/surveys', { projectId: ch, title: '调查', questions: [] }),
    field: 'questions',
  },
  {
    name: 'a survey sent to a building of another project',
    send: () =>
      director.post('/api/surveys', { projectId: ch, title: '调查', buildingIds: [999999], questions: [{ kind: 'text', text: '意见？' }] }),
    field: 'buildingIds.0',
  },
  { name: 'an unknown survey action', send: () => director.post('/api/surveys/1/transitions', { action: 'publish' }), field: 'action' },
  {
    name: 'a survey rating of 6',
    send: () => director.post('/api/surveys/1/responses', { unitId: 1, answers: [{ questionId: 1, rating: 6 }] }),
    field: 'answers.0.rating',
  },
  { name: 'a survey answer without household', send: () => director.post('/api/surveys/1/responses', { answers: [] }), field: 'unitId' },
  { name: 'a satisfaction year that is not a year', send: () => director.get('/api/surveys/satisfaction?year=abc'), field: 'year' },
  { name: 'a calendar day that is not a date', send: () => admin.put('/api/calendar/days/2026-13-45', { kind: 'holiday' }), field: 'date' },
  {
    name: 'coverage period ending before it starts',
    send: () => director.get(`/api/duty/coverage?projectId=${ch}&from=2026-11-10&to=2026-11-01`),
    field: 'to',
  },
  {
    name: 'coverage period longer than 62 days',
    send: () => director.get(`/api/duty/coverage?projectId=${ch}&from=2026-01-01&to=2026-06-30`),
    field: 'to',
  },
  {
    name: 'roster date that is not a date',
    send: () => director.get(`/api/duty/roster?projectId=${ch}&from=11/01&to=2026-11-30`),
    field: 'from',
  },
  {
    name: 'a shift the project does not have',
    send: () => director.post('/api/duty/assignments', { projectId: ch, shiftCode: 'evening', staffId: 1, date: '2026-12-01' }),
    field: 'shiftCode',
  },
  {
    name: 'a duty log line with a bad phone',
    send: () => director.post('/api/duty/log', { projectId: ch, kind: 'call', description: '来电报修', callerPhone: '12' }),
    field: 'callerPhone',
  },
  {
    name: 'a duty log line in the future',
    send: () =>
      director.post('/api/duty/log', { projectId: ch, kind: 'call', description: '来电报修', occurredAt: '2030-01-01T00:00:00+08:00' }),
    field: 'occurredAt',
  },
  {
    name: 'a handled duty log line without what was done',
    send: () => director.post('/api/duty/log', { projectId: ch, kind: 'call', description: '来电咨询', handled: true }),
    field: 'actionTaken',
  },
  {
    name: 'a duty log line of an unknown kind',
    send: () => director.post('/api/duty/log', { projectId: ch, kind: 'fax', description: '传真' }),
    field: 'kind',
  },
  {
    name: 'duty facts for a month that is not a month',
    send: () => director.get(`/api/duty/facts?projectId=${ch}&month=2026-13`),
    field: 'month',
  },
  {
    name: 'copying a week onto another weekday',
    send: () => director.post('/api/duty/roster/copy-week', { projectId: ch, fromWeek: '2026-11-16', toWeek: '2026-11-24' }),
    field: 'toWeek',
  },
  // An empty PATCH used to reach the database as an UPDATE with nothing to set (a 500).
  { name: 'a building change that changes nothing', send: () => director.patch(`/api/buildings/${building}`, {}), field: 'body' },
  { name: 'an occupancy change that changes nothing', send: () => director.patch('/api/occupancies/1', {}), field: 'body' },
  { name: 'a price change that changes nothing', send: () => admin.patch('/api/fee-schedule/1', { name: undefined }), field: 'body' },
  {
    name: 'a summer period that is not a date',
    send: () => director.put('/api/policies', { projectId: ch, override: { duty: { summer: { from: '13-01', to: '09-30' } } } }),
    field: 'override.duty.summer.from',
  },
];

describe('bad input is a 4xx that names the field', () => {
  for (const bad of badRequests) {
    it(bad.name, async () => {
      const res = await bad.send();
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      const body = res.json();
      expect(body.error.code).toMatch(/^[A-Z_]+$/);
      expect(body.error.message).toBeTruthy();
      expect(body.error.fields.map((f: { path: string }) => f.path)).toContain(bad.field);
    });
  }

  it('malformed JSON is a 400 INVALID_JSON, not a crash', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie: director.cookie!, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_JSON');
  });

  it('an unsupported content type is a 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie: director.cookie!, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a body that is not an object names the body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie: director.cookie!, 'content-type': 'application/json' },
      payload: '[1,2]',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('body');
  });

  it('duplicates are a 409 naming the field', async () => {
    const first = await director.post('/api/buildings', { projectId: ch, code: 'DUP', name: '重复楼', kind: 'highrise', floors: 5 });
    expect(first.statusCode).toBe(201);
    const again = await director.post('/api/buildings', { projectId: ch, code: 'DUP', name: '重复楼', kind: 'highrise', floors: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0].path).toBe('code');
  });

  it('an unknown API route is a 404 in the error shape', async () => {
    const res = await director.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('text that looks like SQL is stored as text', async () => {
    const name = "Robert'); DROP TABLE customers;--";
    const res = await director.post('/api/customers', { projectId: ch, name });
    expect(res.statusCode).toBe(201);
    expect((await director.get(`/api/customers/${res.json().id}`)).json().name).toBe(name);
    expect((await director.get(`/api/customers?projectId=${ch}&q=${encodeURIComponent("'%_")}`)).statusCode).toBe(200);
  });
});
