import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, tinyPng, type Client, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let desk: Client;
let supervisor: Client;
let resident: Client;
let ch: number;
let residentUnit: number;
let otherUnit: number;
let techId: number;

const png = tinyPng;

beforeAll(async () => {
  t = await createTestApp();
  desk = await t.login('frontdesk');
  supervisor = await t.login('supervisor');
  resident = await t.loginResident('14012340001');
  const db = t.db.database.db;
  ch = (await db.selectFrom('projects').select('id').where('code', '=', 'CH').executeTakeFirstOrThrow()).id;
  residentUnit = (await resident.get('/api/portal/households')).json().items[0].unitId;
  otherUnit = (
    await db
      .selectFrom('units')
      .select('id')
      .where('project_id', '=', ch)
      .where('id', '!=', residentUnit)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
  techId = (await db.selectFrom('staff').select('id').where('username', '=', 'tech').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const act = (c: Client, id: number, body: Record<string, unknown>) => c.post(`/api/tickets/${id}/transitions`, body);

describe('complaints', () => {
  it('keeps the 五清楚一报告 record, the customer’s confirmation and the supervisor’s validity decision', async () => {
    const c = (
      await desk.post('/api/tickets', {
        projectId: ch,
        type: 'complaint',
        channel: 'walk_in',
        description: '保安态度恶劣，不让访客进门',
        unitId: otherUnit,
      })
    ).json();
    expect(c.complaint).toMatchObject({ checklist: { listen: false, report: false }, validity: null });
    const updated = (
      await desk.post(`/api/tickets/${c.id}/complaint`, { checklist: { listen: true, ask: true, record: true }, customerConfirmed: true })
    ).json();
    expect(updated.complaint.checklist).toEqual({ listen: true, ask: true, follow: false, reply: false, record: true, report: false });
    expect(updated.complaint.customerConfirmedAt).toBeTruthy();
    expect((await desk.post(`/api/tickets/${c.id}/validity`, { validity: 'valid' })).statusCode).toBe(403);
    const decided = (await supervisor.post(`/api/tickets/${c.id}/validity`, { validity: 'valid', note: '确属管理处责任' })).json();
    expect(decided.complaint).toMatchObject({ validity: 'valid', validityNote: '确属管理处责任' });
    expect(decided.events.map((e: { action: string }) => e.action)).toEqual(['create', 'complaint_record', 'validity']);
  });

  it('a written complaint needs its written reply, a major one its report, before resolution', async () => {
    const w = (
      await desk.post('/api/tickets', {
        projectId: ch,
        type: 'complaint',
        channel: 'written',
        description: '书面投诉：小区绿化长期无人修剪',
        unitId: otherUnit,
      })
    ).json();
    expect(w.written).toBe(true);
    const refused = await act(desk, w.id, { action: 'resolve', resolution: '已安排修剪' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.fields[0].path).toBe('writtenReply');
    await desk.post(`/api/tickets/${w.id}/complaint`, { writtenReply: '尊敬的业主：您反映的绿化问题已安排园林组于本周内修剪完毕。' });
    expect((await act(desk, w.id, { action: 'resolve', resolution: '已安排修剪' })).statusCode).toBe(200);

    const m = (
      await desk.post('/api/tickets', {
        projectId: ch,
        type: 'complaint',
        channel: 'phone',
        description: '家里被盗了，门锁被撬，监控为什么没看到',
        unitId: otherUnit,
      })
    ).json();
    expect(m.major).toBe(true);
    expect((await act(desk, m.id, { action: 'resolve', resolution: '已报警' })).json().error.fields[0].path).toBe('checklist.report');
    await desk.post(`/api/tickets/${m.id}/complaint`, { checklist: { report: true } });
    expect((await act(desk, m.id, { action: 'resolve', resolution: '已报警并调取监控' })).statusCode).toBe(200);
  });
});

describe('suggestions', () => {
  it('an adopted suggestion appears on the public list with the resident’s name, for staff and residents', async () => {
    const s = (
      await resident.post('/api/portal/tickets', {
        unitId: residentUnit,
        type: 'suggestion',
        description: '建议在中心花园增加儿童游乐设施',
      })
    ).json();
    expect((await desk.post(`/api/tickets/${s.id}/adopt`, { adopted: true })).statusCode).toBe(403);
    expect((await supervisor.post(`/api/tickets/${s.id}/adopt`, { adopted: true })).json().adopted).toBe(true);
    const list = (await desk.get(`/api/suggestions/adopted?projectId=${ch}`)).json().items;
    expect(list.find((x: { ticketId: number }) => x.ticketId === s.id)).toMatchObject({
      description: '建议在中心花园增加儿童游乐设施',
      residentName: expect.any(String),
    });
    const forResident = (await resident.get(`/api/portal/suggestions/adopted?projectId=${ch}`)).json().items;
    expect(forResident.map((x: { ticketId: number }) => x.ticketId)).toContain(s.id);
  });
});

describe('resident portal', () => {
  it('reports a leak with a photo, follows the timeline and rates the repair, which counts as the return visit', async () => {
    const created = await resident.post('/api/portal/tickets', {
      unitId: residentUnit,
      type: 'repair',
      description: '卫生间天花板漏水，一直在滴',
    });
    expect(created.statusCode, created.body).toBe(201);
    const tk = created.json();
    expect(tk).toMatchObject({ channel: 'portal', status: 'new', customerId: expect.any(Number) });
    const withPhoto = await resident.upload(`/api/portal/tickets/${tk.id}/attachments`, '漏水.png', png);
    expect(withPhoto.statusCode, withPhoto.body).toBe(201);
    const photo = withPhoto.json().attachments[0];
    expect(photo).toMatchObject({ contentType: 'image/png', size: png.length });
    const image = await t.app.inject({ method: 'GET', url: photo.url, headers: { cookie: resident.cookie! } });
    expect(image.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(image.rawPayload, png)).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: photo.url, headers: { cookie: desk.cookie! } })).statusCode).toBe(200);

    await act(desk, tk.id, { action: 'dispatch', assigneeId: techId });
    const tech = await t.login('tech');
    await act(tech, tk.id, { action: 'start' });
    await act(tech, tk.id, { action: 'resolve', resolution: '更换防水层' });
    const pending = (await desk.get(`/api/return-visits?projectId=${ch}&status=pending`)).json().items;
    expect(pending.map((v: { ticketId: number }) => v.ticketId)).toContain(tk.id);
    const rated = await resident.post(`/api/portal/tickets/${tk.id}/rating`, { satisfaction: 'satisfied', comment: '师傅很专业' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().status).toBe('closed');
    const done = (await desk.get(`/api/return-visits?projectId=${ch}&status=done`))
      .json()
      .items.find((v: { ticketId: number }) => v.ticketId === tk.id);
    expect(done).toMatchObject({ method: 'portal', satisfaction: 'satisfied' });
    const mine = (await resident.get('/api/portal/tickets')).json().items.map((x: { id: number }) => x.id);
    expect(mine).toContain(tk.id);
    const timeline = (await resident.get(`/api/portal/tickets/${tk.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(['create', 'attach', 'dispatch', 'start', 'resolve', 'await_visit', 'return_visit']);
  });

  it('keeps residents to their own homes and tickets', async () => {
    const foreign = await resident.post('/api/portal/tickets', { unitId: otherUnit, type: 'repair', description: '不是我家的房子' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].path).toBe('unitId');
    const staffTicket = (
      await desk.post('/api/tickets', { projectId: ch, type: 'repair', channel: 'phone', description: '别人家的报修', unitId: otherUnit })
    ).json();
    expect((await resident.get(`/api/portal/tickets/${staffTicket.id}`)).statusCode).toBe(404);
    expect((await resident.post(`/api/portal/tickets/${staffTicket.id}/rating`, { satisfaction: 'satisfied' })).statusCode).toBe(404);
    expect((await resident.post(`/api/tickets/${staffTicket.id}/transitions`, { action: 'cancel', reason: 'x' })).statusCode).toBe(403);
    expect((await resident.get('/api/tickets')).statusCode).toBe(403);
  });

  it('accepts only real photos up to 5 MB', async () => {
    const tk = (await resident.post('/api/portal/tickets', { unitId: residentUnit, type: 'repair', description: '窗户把手松动' })).json();
    const fake = await resident.upload(`/api/portal/tickets/${tk.id}/attachments`, 'x.png', Buffer.from('<script>alert(1)</script>'));
    // Every owner of files answers an unknown type alike: 415 naming the file (platform/files.ts).
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      fields: [{ path: 'file', message: 'must be JPEG, PNG or WebP' }],
    });
    const big = await resident.upload(
      `/api/portal/tickets/${tk.id}/attachments`,
      'big.png',
      Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]),
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', fields: [{ path: 'file', message: 'is larger than 5 MB' }] });
  });
});

describe('contact numbers on tickets', () => {
  it('are masked for staff and revealed only on request, with the reason audited', async () => {
    const tk = (
      await desk.post('/api/tickets', {
        projectId: ch,
        type: 'repair',
        channel: 'phone',
        description: '回电测试 水龙头坏了',
        contactPhone: '14055556666',
      })
    ).json();
    expect(tk.contactPhone).toBe('140****6666');
    const listed = (await desk.get(`/api/tickets?projectId=${ch}&limit=5`)).json().items.find((x: { id: number }) => x.id === tk.id);
    expect(listed.contactPhone).toBe('140****6666');
    const tech = await t.login('tech');
    expect((await tech.post(`/api/tickets/${tk.id}/reveal`, { reason: '上门前联系' })).statusCode).toBe(403);
    const revealed = await desk.post(`/api/tickets/${tk.id}/reveal`, { reason: '预约上门时间' });
    expect(revealed.json()).toEqual({ contactPhone: '14055556666' });
    const audit = (await (await t.login('director')).get(`/api/audit?projectId=${ch}&entity=ticket&entityId=${tk.id}&action=reveal`)).json()
      .items;
    expect(audit).toHaveLength(1);
    expect(audit[0].reason).toBe('预约上门时间');
  });
});

describe('paid services (有偿服务)', () => {
  it('prices the services of a resolution from the fee schedule; a project may set its own price', async () => {
    const director = await t.login('director');
    const schedule = (await desk.get(`/api/fee-schedule?projectId=${ch}`)).json().items;
    expect(schedule.find((i: { code: string }) => i.code === 'unblock_drain')).toMatchObject({ price: 50, projectId: null });
    expect(
      (await desk.post('/api/fee-schedule', { projectId: ch, code: 'unblock_drain', name: '疏通下水道', unit: '次', price: 60 }))
        .statusCode,
    ).toBe(403);
    const own = await director.post('/api/fee-schedule', {
      projectId: ch,
      code: 'unblock_drain',
      name: '疏通下水道',
      unit: '次',
      price: 60,
    });
    expect(own.statusCode).toBe(201);
    const tk = (
      await desk.post('/api/tickets', {
        projectId: ch,
        type: 'repair',
        channel: 'phone',
        description: '厨房下水道堵塞，要求疏通',
        unitId: otherUnit,
        paid: true,
      })
    ).json();
    await act(desk, tk.id, { action: 'dispatch', assigneeId: techId });
    const tech = await t.login('tech');
    await act(tech, tk.id, { action: 'start' });
    const unknown = await act(tech, tk.id, { action: 'resolve', resolution: '已疏通', services: [{ code: 'fly_to_moon', quantity: 1 }] });
    expect(unknown.json().error.fields[0].path).toBe('services.0.code');
    const both = await act(tech, tk.id, {
      action: 'resolve',
      resolution: '已疏通',
      services: [{ code: 'unblock_drain', quantity: 1 }],
      charge: 5,
    });
    expect(both.json().error.fields[0].path).toBe('charge');
    const done = (
      await act(tech, tk.id, {
        action: 'resolve',
        resolution: '已疏通',
        services: [
          { code: 'unblock_drain', quantity: 2 },
          { code: 'replace_tap', quantity: 1 },
        ],
      })
    ).json();
    expect(done).toMatchObject({ charge: 150, paid: true });
    const resolveEvent = done.events.find((e: { action: string }) => e.action === 'resolve');
    expect(resolveEvent.payload.services.map((l: { code: string; amount: number }) => [l.code, l.amount])).toEqual([
      ['unblock_drain', 120],
      ['replace_tap', 30],
    ]);
  });
});
