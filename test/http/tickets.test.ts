import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/server/platform/events.ts';
import { sweepDeadlines } from '../../src/server/modules/tickets/sweeper.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let desk: Client;
let tech: Client;
let director: Client;
let ch: number;
let yq: number;
let units: { id: number; code: string }[];
let techId: number;
const live: LiveEvent[] = [];

beforeAll(async () => {
  t = await createTestApp();
  desk = await t.login('frontdesk');
  tech = await t.login('tech');
  director = await t.login('director');
  const db = t.db.database.db;
  ch = (await db.selectFrom('projects').select('id').where('code', '=', 'CH').executeTakeFirstOrThrow()).id;
  yq = (await db.selectFrom('projects').select('id').where('code', '=', 'YQ').executeTakeFirstOrThrow()).id;
  units = await db.selectFrom('units').select(['id', 'code']).where('project_id', '=', ch).orderBy('id').limit(40).execute();
  techId = (await db.selectFrom('staff').select('id').where('username', '=', 'tech').executeTakeFirstOrThrow()).id;
  t.app.deps.bus.subscribe((e) => live.push(e));
});
afterAll(() => t.close());

const create = (c: Client, body: Record<string, unknown>, headers?: Record<string, string>) =>
  c.post('/api/tickets', { projectId: ch, channel: 'phone', ...body }, headers);
const act = (c: Client, id: number, body: Record<string, unknown>) => c.post(`/api/tickets/${id}/transitions`, body);

describe('intake', () => {
  it('numbers tickets by type, day and sequence, and starts the clocks from the received time', async () => {
    const a = await create(desk, {
      type: 'repair',
      description: '卫生间漏水，楼下天花板有水渍',
      unitId: units[0].id,
      categoryId: 'water_leak',
    });
    expect(a.statusCode, a.body).toBe(201);
    const b = await create(desk, { type: 'repair', description: '客厅灯不亮', unitId: units[1].id });
    const ta = a.json();
    expect(ta.number).toMatch(/^BX-20261120-\d{4}$/);
    expect(Number(b.json().number.slice(-4))).toBe(Number(ta.number.slice(-4)) + 1);
    expect(ta).toMatchObject({ status: 'new', version: 1, major: false, overdue: false, unitCode: units[0].code });
    // 2 days to reply, 3 to repair, natural calendar by default
    expect(ta.deadlines.reply).toMatchObject({ state: 'running', dueAt: '2026-11-22T02:00:00.000Z' });
    expect(ta.deadlines.completion).toMatchObject({ state: 'running', dueAt: '2026-11-23T02:00:00.000Z' });
    expect(ta.events.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('keeps numbers unique under concurrent intake', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => create(desk, { type: 'complaint', description: `第${i}号测试投诉内容 楼道灯` })),
    );
    const numbers = results.map((r) => r.json().number);
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(numbers).size).toBe(25);
  });

  it('returns the first result for a retried Idempotency-Key', async () => {
    const first = await create(desk, { type: 'help', description: '老人需要帮忙搬运物品' }, { 'idempotency-key': 'call-778' });
    const again = await create(desk, { type: 'help', description: '老人需要帮忙搬运物品' }, { 'idempotency-key': 'call-778' });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await create(desk, { type: 'help', description: '老人需要帮忙搬运物品' }, { 'idempotency-key': 'call-779' });
    expect(other.json().id).not.toBe(first.json().id);
  });

  it('back-fills a ticket four days late: overdue on both clocks, lateness recorded when they stop', async () => {
    const res = await create(desk, {
      type: 'repair',
      channel: 'night_duty',
      description: '夜间报修 水管爆裂',
      unitId: units[2].id,
      receivedAt: '2026-11-16T02:00:00Z',
    });
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json();
    expect(ticket.overdue).toBe(true);
    expect(ticket.deadlines.reply.state).toBe('breached');
    expect(ticket.deadlines.completion.state).toBe('breached');
    expect(ticket.events.filter((e: { action: string }) => e.action === 'deadline_breached')).toHaveLength(2);
    const accepted = (await act(desk, ticket.id, { action: 'accept' })).json();
    // received 16th 02:00, reply due 18th 02:00, accepted 20th 02:00: 2 days late
    expect(accepted.deadlines.reply).toMatchObject({ state: 'met_late', latenessMinutes: 2 * 24 * 60 });
    const overdue = (await desk.get(`/api/tickets?projectId=${ch}&overdue=true`)).json().items.map((x: { id: number }) => x.id);
    expect(overdue).toContain(ticket.id);
  });

  it('rejects a future received time, a unit of another project and an unknown category, naming the field', async () => {
    const future = await create(desk, { type: 'repair', description: '测试未来时间', receivedAt: '2027-01-01T00:00:00Z' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0].path).toBe('receivedAt');
    const yqUnit = await t.db.database.db.selectFrom('units').select('id').where('project_id', '=', yq).executeTakeFirstOrThrow();
    const wrongUnit = await create(desk, { type: 'repair', description: '别的项目的房屋', unitId: yqUnit.id });
    expect(wrongUnit.json().error.fields[0].path).toBe('unitId');
    const wrongCategory = await create(desk, { type: 'repair', description: '未知分类', categoryId: 'nonsense' });
    expect(wrongCategory.json().error.fields[0].path).toBe('categoryId');
    const noDescription = await create(desk, { type: 'repair', description: '' });
    expect(noDescription.json().error.fields[0].path).toBe('description');
  });

  it('closes an inquiry at intake (one-touch resolution)', async () => {
    const res = await create(desk, { type: 'inquiry', description: '请问物业费怎么交', resolveNow: '可在前台或通过微信缴纳' });
    expect(res.json()).toMatchObject({ status: 'closed', resolution: '可在前台或通过微信缴纳' });
    expect(res.json().events.map((e: { action: string }) => e.action)).toEqual(['create', 'resolve', 'close']);
  });
});

describe('workflow', () => {
  it('follows a repair from the call to the return visit, with a whole timeline', async () => {
    const created = (await create(desk, { type: 'repair', description: '厨房水龙头漏水', unitId: units[3].id })).json();
    let tk = (await act(desk, created.id, { action: 'accept', expectedVersion: 1 })).json();
    expect(tk.deadlines.reply.state).toBe('met');
    tk = (await act(desk, created.id, { action: 'dispatch', assigneeId: techId, expectedVersion: tk.version })).json();
    expect(tk).toMatchObject({ status: 'dispatched', assigneeId: techId });
    const note = (await tech.get('/api/notifications')).json();
    expect(note.items.some((n: { kind: string; ticketId: number }) => n.kind === 'assigned' && n.ticketId === created.id)).toBe(true);
    tk = (await act(tech, created.id, { action: 'start' })).json();
    const dueBefore = tk.deadlines.completion.dueAt;
    tk = (await act(tech, created.id, { action: 'pause', reason: '等待配件' })).json();
    t.clock.advance(3 * 3600_000);
    tk = (await act(tech, created.id, { action: 'resume' })).json();
    // Paused time does not count: the deadline moved by the three hours paused.
    expect(Date.parse(tk.deadlines.completion.dueAt) - Date.parse(dueBefore)).toBe(3 * 3600_000);
    tk = (
      await act(tech, created.id, { action: 'resolve', resolution: '更换阀芯', materials: [{ name: '阀芯', quantity: 1, unit: '个' }] })
    ).json();
    expect(tk).toMatchObject({ status: 'awaiting_visit', deadlines: { completion: { state: 'met' } } });
    tk = (await act(desk, created.id, { action: 'return_visit', satisfaction: 'satisfied', method: 'phone', comment: '很及时' })).json();
    expect(tk.status).toBe('closed');
    expect(tk.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'accept',
      'dispatch',
      'start',
      'pause',
      'resume',
      'resolve',
      'await_visit',
      'return_visit',
    ]);
    expect(tk.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    t.clock.advance(-3 * 3600_000);
  });

  it('reopens when the resident is dissatisfied', async () => {
    const id = (await create(desk, { type: 'repair', description: '门锁坏了打不开', unitId: units[4].id })).json().id;
    await act(desk, id, { action: 'dispatch', assigneeId: techId });
    await act(tech, id, { action: 'start' });
    await act(tech, id, { action: 'resolve', resolution: '更换门锁' });
    const tk = (
      await act(desk, id, { action: 'return_visit', satisfaction: 'dissatisfied', method: 'phone', comment: '锁还是不好用' })
    ).json();
    expect(tk.status).toBe('reopened');
    expect((await act(tech, id, { action: 'start' })).json().status).toBe('in_progress');
  });

  it('lets one of two simultaneous actions win; the other gets 409 and the timeline stays whole', async () => {
    const id = (await create(desk, { type: 'repair', description: '阳台推拉门卡住', unitId: units[5].id })).json().id;
    const [a, b] = await Promise.all([
      act(desk, id, { action: 'accept', expectedVersion: 1 }),
      act(director, id, { action: 'cancel', reason: '重复登记', expectedVersion: 1 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const tk = (await desk.get(`/api/tickets/${id}`)).json();
    expect(tk.version).toBe(2);
    expect(tk.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
  });

  it('refuses actions not allowed from the current status', async () => {
    const id = (await create(desk, { type: 'repair', description: '窗户关不严', unitId: units[6].id })).json().id;
    const res = await act(desk, id, { action: 'start' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('new');
    expect((await act(desk, id, { action: 'pause' })).statusCode).toBe(400);
  });

  it('keeps technicians to their own work and out of dispatching', async () => {
    const id = (await create(desk, { type: 'repair', description: '楼道灯不亮', unitId: units[7].id })).json().id;
    expect((await act(tech, id, { action: 'dispatch', assigneeId: techId })).statusCode).toBe(403);
    const other = await t.db.database.db.selectFrom('staff').select('id').where('username', '=', 'ch.tech1').executeTakeFirstOrThrow();
    await act(desk, id, { action: 'dispatch', assigneeId: other.id });
    expect((await act(tech, id, { action: 'start' })).statusCode).toBe(403);
  });

  it('never shows a project’s tickets to staff of another project', async () => {
    const id = (await create(desk, { type: 'repair', description: '只属于翠湖花园的工单', unitId: units[8].id })).json().id;
    const other = await t.login('frontdesk2');
    expect((await other.get(`/api/tickets/${id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/tickets?projectId=${ch}`)).statusCode).toBe(403);
    const items = (await other.get('/api/tickets?limit=200')).json().items as { projectId: number }[];
    expect(items.every((x) => x.projectId === yq)).toBe(true);
  });
});

describe('search', () => {
  it('finds two-character Chinese words in descriptions', async () => {
    const leak = (await create(desk, { type: 'repair', description: '主卧卫生间漏水严重，请尽快处理', unitId: units[9].id })).json();
    const lift = (await create(desk, { type: 'complaint', description: '5栋电梯经常停运，投诉多次无人处理' })).json();
    const byLeak = (await desk.get(`/api/tickets?projectId=${ch}&q=${encodeURIComponent('漏水')}`))
      .json()
      .items.map((x: { id: number }) => x.id);
    expect(byLeak).toContain(leak.id);
    expect(byLeak).not.toContain(lift.id);
    const byLift = (await desk.get(`/api/tickets?projectId=${ch}&q=${encodeURIComponent('电梯')}`))
      .json()
      .items.map((x: { id: number }) => x.id);
    expect(byLift).toContain(lift.id);
    const byNumber = (await desk.get(`/api/tickets?projectId=${ch}&q=${encodeURIComponent(leak.number)}`))
      .json()
      .items.map((x: { id: number }) => x.id);
    expect(byNumber).toContain(leak.id);
  });
});

describe('major incidents', () => {
  it('escalates a lift entrapment told in plain Chinese at once, and only once', async () => {
    live.length = 0;
    const res = await create(desk, { type: 'help', description: '3栋2单元电梯卡在12楼了，里面有人出不来，很着急' });
    const tk = res.json();
    expect(tk.major).toBe(true);
    expect(tk.events.map((e: { action: string }) => e.action)).toContain('major_escalated');
    const alerts = live.filter((e) => e.type === 'major_alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].projectId).toBe(ch);
    const directorNotes = (await director.get('/api/notifications?unread=true&limit=200')).json();
    expect(
      directorNotes.items.filter((n: { kind: string; ticketId: number }) => n.kind === 'major_alert' && n.ticketId === tk.id),
    ).toHaveLength(1);
    // Another caller about the same lift: attached to the same incident, no second alert.
    const again = (await create(desk, { type: 'help', description: '3栋2单元的电梯困人了，有人被关在里面' })).json();
    expect(again.majorIncidentId).toBe(tk.majorIncidentId);
    expect(live.filter((e) => e.type === 'major_alert')).toHaveLength(1);
  });

  it('turns complaints about the same matter from three households into one collective complaint', async () => {
    const texts = ['地下车库B区漏水很严重，车上都是水', '车库顶上一直在滴水，车都脏了', 'B2车库漏水没人管，投诉'];
    const ids: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      const r = (await create(desk, { type: 'complaint', description: texts[i], unitId: units[20 + i].id })).json();
      ids.push(r.id);
      if (i < 2) expect(r.major).toBe(false);
    }
    const all = await Promise.all(ids.map(async (id) => (await desk.get(`/api/tickets/${id}`)).json()));
    expect(all.every((x) => x.major)).toBe(true);
    expect(new Set(all.map((x) => x.majorIncidentId)).size).toBe(1);
    const incident = await t.db.database.db
      .selectFrom('major_incidents')
      .selectAll()
      .where('id', '=', all[0].majorIncidentId)
      .executeTakeFirstOrThrow();
    expect(incident).toMatchObject({ kind: 'collective', households: 3 });
    // Two households alone are not collective.
    const a = (await create(desk, { type: 'complaint', description: '楼上装修噪音太大，中午也不停', unitId: units[30].id })).json();
    const b = (await create(desk, { type: 'complaint', description: '楼上装修噪音吵得没法休息', unitId: units[31].id })).json();
    expect((await desk.get(`/api/tickets/${b.id}`)).json().major).toBe(false);
    expect(a.major).toBe(false);
  });
});

describe('deadline sweeper', () => {
  it('warns at 80 %, records the breach at the deadline, once', async () => {
    const id = (await create(desk, { type: 'repair', description: '热水器不出热水', unitId: units[10].id })).json().id;
    const start = t.clock.now().getTime();
    const state = async () =>
      (await t.db.database.db.selectFrom('tickets').select('reply_state').where('id', '=', id).executeTakeFirstOrThrow()).reply_state;
    t.clock.set(new Date(start + 0.85 * 2 * 86_400_000));
    await sweepDeadlines(t.db.database.db, t.clock);
    expect(await state()).toBe('warned');
    t.clock.set(new Date(start + 2 * 86_400_000 + 60_000));
    const first = await sweepDeadlines(t.db.database.db, t.clock);
    expect(first.breached).toBeGreaterThanOrEqual(1);
    const second = await sweepDeadlines(t.db.database.db, t.clock);
    expect(second.breached).toBe(0);
    const tk = (await (await t.login('frontdesk')).get(`/api/tickets/${id}`)).json();
    expect(tk.deadlines.reply.state).toBe('breached');
    expect(tk.events.filter((e: { action: string }) => e.action === 'deadline_breached')).toHaveLength(1);
    const breaches = await t.db.database.db.selectFrom('ticket_breaches').selectAll().where('ticket_id', '=', id).execute();
    expect(breaches).toHaveLength(1);
    t.clock.set(new Date(start));
  });
});

describe('working-day calendar', () => {
  it('skips National Day and counts the make-up working day when the policy says working days', async () => {
    const saved = t.clock.now();
    try {
      expect(
        (await director.put('/api/policies', { projectId: ch, override: { calendar: 'working' }, note: '按工作日计算时限' })).statusCode,
      ).toBe(200);
      // Wednesday 30 September 2026, 10:00 in Shanghai; 1–7 October are holidays, Saturday 10 October is worked.
      t.clock.set(new Date('2026-09-30T02:00:00Z'));
      const c = await t.login('frontdesk');
      const tk = (
        await c.post('/api/tickets', {
          projectId: ch,
          type: 'repair',
          channel: 'phone',
          description: '国庆前报修 热水器坏了',
          unitId: units[11].id,
        })
      ).json();
      // 14 h on 30 Sep, 24 h on Thu 8 Oct, 10 h on Fri 9 Oct: two working days end Fri 9 Oct 10:00.
      expect(tk.deadlines.reply.dueAt).toBe('2026-10-09T02:00:00.000Z');
      // Three days: the third working day is Saturday 10 October (调休上班), ending at 10:00 that day.
      expect(tk.deadlines.completion.dueAt).toBe('2026-10-10T02:00:00.000Z');
    } finally {
      await director.put('/api/policies', { projectId: ch, override: {}, note: '恢复自然日' });
      t.clock.set(saved);
    }
  });
});
