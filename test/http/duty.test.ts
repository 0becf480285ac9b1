import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/shared/policies.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/app.ts';

/** The demo company on 2026-11-20 10:00 Beijing time: its roster runs two weeks back and two ahead. */
let t: TestApp;
let ch: number;
let director: Client;
let supervisor: Client;
let frontdesk: Client;
let tech: Client;
let control: Client;
let security: Client;
const staffIds = new Map<string, number>();
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  director = await t.login('director');
  supervisor = await t.login('supervisor');
  frontdesk = await t.login('frontdesk');
  tech = await t.login('tech');
  control = await t.login('control');
  security = await t.login('security');
  ch = (await director.get('/api/projects')).json().items.find((p: { code: string }) => p.code === 'CH').id;
  for (const s of await t.db.database.db.selectFrom('staff').select(['id', 'username']).execute()) staffIds.set(s.username, s.id);
});
afterAll(() => t.close());

describe('roster over HTTP', () => {
  it('the demo fortnight is fully covered; a January with one uncovered hour and one double booking answers exactly those', async () => {
    const demo = (await supervisor.get(`/api/duty/coverage?projectId=${ch}&from=2026-11-10&to=2026-11-30`)).json();
    expect([demo.gaps, demo.overlaps, demo.wrongDepartment]).toEqual([[], [], []]);

    // A late night shift (18:30) exists in this project and is used once by mistake.
    const shifts = [
      ...defaultPolicy.duty.shifts,
      {
        code: 'night_late',
        name: '夜班(晚)',
        department: 'maintenance',
        normal: { start: '18:30', end: '08:30' },
        summer: { start: '18:30', end: '08:30' },
        atCenter: true,
        handover: true,
      },
    ];
    expect((await director.put('/api/policies', { projectId: ch, override: { duty: { shifts } }, note: '增加晚夜班' })).statusCode).toBe(
      200,
    );
    const plan = (shiftCode: string, username: string, date: string) =>
      supervisor.post('/api/duty/assignments', { projectId: ch, shiftCode, staffId: staffIds.get(username), date });
    for (let d = 0; d <= 31; d++) {
      const date = new Date(Date.UTC(2026, 11, 31 + d)).toISOString().slice(0, 10);
      if (d > 0) expect((await plan('day', 'frontdesk', date)).statusCode).toBe(201);
      expect((await plan(date === '2027-01-15' ? 'night_late' : 'night', 'tech', date)).statusCode).toBe(201);
    }
    const rotated = await supervisor.post('/api/duty/roster/rotate-noon', { projectId: ch, from: '2027-01-01', to: '2027-01-31' });
    expect(rotated.json()).toEqual({ created: 31, skipped: 0 });
    const double = (await plan('night_late', 'tech', '2027-01-22')).json();

    const res = await supervisor.get(`/api/duty/coverage?projectId=${ch}&from=2027-01-01&to=2027-01-31`);
    expect(res.statusCode).toBe(200);
    const coverage = res.json();
    expect(coverage.gaps).toEqual([{ from: bj('2027-01-15T17:30:00'), to: bj('2027-01-15T18:30:00'), minutes: 60 }]);
    expect(coverage.overlaps).toEqual([
      {
        staffId: staffIds.get('tech'),
        staffName: '刘师傅',
        from: bj('2027-01-22T18:30:00'),
        to: bj('2027-01-23T08:30:00'),
        minutes: 14 * 60,
        assignmentIds: [expect.any(Number), double.id],
        shifts: ['夜间值班', '夜班(晚)'],
      },
    ]);
    expect(coverage.wrongDepartment).toEqual([]);

    // Moving the mistaken shift to another person removes the double booking; deleting it leaves the roster clean.
    const moved = await supervisor.patch(`/api/duty/assignments/${double.id}`, { staffId: staffIds.get('ch.tech2') });
    expect(moved.json()).toMatchObject({ staffName: expect.any(String), date: '2027-01-22' });
    expect((await supervisor.get(`/api/duty/coverage?projectId=${ch}&from=2027-01-22&to=2027-01-23`)).json().overlaps).toEqual([]);
    expect((await supervisor.delete(`/api/duty/assignments/${double.id}`)).statusCode).toBe(204);
    // A week copied onto the next one keeps who works when.
    const copied = await supervisor.post('/api/duty/roster/copy-week', { projectId: ch, fromWeek: '2027-01-25', toWeek: '2027-02-01' });
    expect(copied.json()).toMatchObject({ created: 21 });
    const feb = (await supervisor.get(`/api/duty/roster?projectId=${ch}&from=2027-02-01&to=2027-02-01`)).json().items;
    const first = feb.filter((a: { date: string }) => a.date === '2027-02-01');
    expect(first.map((a: { shiftCode: string }) => a.shiftCode).sort()).toEqual(['day', 'night', 'noon']);
  });
});

describe('a morning at the desk over HTTP', () => {
  it('last night’s handover is signed by the incoming assistant before the technician can leave', async () => {
    const open = (await frontdesk.get(`/api/duty/handovers?projectId=${ch}&unsigned=true`)).json().items;
    const h = open.find((x: { outgoingId: number }) => x.outgoingId === staffIds.get('tech'));
    expect(h).toMatchObject({ incomingId: staffIds.get('frontdesk'), signed: false, shiftName: '夜间值班' });
    expect(h.outgoingSignedAt).not.toBeNull();
    const checkout = await tech.post(`/api/duty/assignments/${h.assignmentId}/check-out`);
    expect(checkout.statusCode).toBe(409);
    expect(checkout.json().error.message).toMatch(/not signed by both/);
    const signed = await frontdesk.post(`/api/duty/handovers/${h.id}/sign`, { side: 'incoming' });
    expect(signed.json()).toMatchObject({ signed: true });
    expect((await tech.post(`/api/duty/assignments/${h.assignmentId}/check-out`)).json().closedAt).not.toBeNull();
    // The supervisor's morning review lists last night, signed, and marks it reviewed.
    const review = (await supervisor.get(`/api/duty/review?projectId=${ch}&date=2026-11-20`)).json();
    const night = review.shifts.find((s: { assignment: { id: number } }) => s.assignment.id === h.assignmentId);
    expect(night.handover.signed).toBe(true);
    expect(night.entries.length).toBeGreaterThan(0);
    expect((await supervisor.post('/api/duty/review', { projectId: ch, assignmentIds: [h.assignmentId] })).json()).toEqual({ reviewed: 1 });
  });

  it('the night entries queue, a conversion with the real time, a control-room dispatch back-filled, a line handled', async () => {
    const queue = (await frontdesk.get(`/api/duty/log?projectId=${ch}&status=open`)).json().items;
    expect(queue.length).toBeGreaterThanOrEqual(2);
    const [first, second] = queue;
    const converted = await frontdesk.post(`/api/duty/log/${first.id}/convert`, { type: 'repair' });
    expect(converted.statusCode).toBe(201);
    expect(converted.json().ticket).toMatchObject({ channel: 'night_duty', receivedAt: first.occurredAt, backfilled: true });
    expect(converted.json().entry).toMatchObject({ status: 'converted', ticketNumber: converted.json().ticket.number });
    expect((await frontdesk.post(`/api/duty/log/${first.id}/convert`, { type: 'repair' })).statusCode).toBe(409);
    const handled = await frontdesk.post(`/api/duty/log/${second.id}/handle`, { actionTaken: '电话回复业主,明早安排' });
    expect(handled.json()).toMatchObject({ status: 'handled' });

    // 01:00 a call reaches the control room, which sends the technician at 01:05.
    expect(
      (
        await tech.post('/api/duty/log', {
          projectId: ch,
          kind: 'control_room',
          description: '电梯异响',
          occurredAt: bj('2026-11-20T01:00:00'),
        })
      ).statusCode,
    ).toBe(403);
    const line = await control.post('/api/duty/log', {
      projectId: ch,
      kind: 'control_room',
      description: '3栋电梯异响,住户担心',
      occurredAt: bj('2026-11-20T01:00:00'),
      dispatchedTo: staffIds.get('tech'),
      dispatchedAt: bj('2026-11-20T01:05:00'),
    });
    expect(line.statusCode).toBe(201);
    const ticket = (await frontdesk.post(`/api/duty/log/${line.json().id}/convert`, { type: 'repair' })).json().ticket;
    expect(ticket).toMatchObject({
      channel: 'control_room',
      status: 'dispatched',
      assigneeId: staffIds.get('tech'),
      receivedAt: bj('2026-11-20T01:00:00'),
    });
    expect(ticket.events.find((e: { action: string }) => e.action === 'dispatch')).toMatchObject({ at: bj('2026-11-20T01:05:00') });
  });

  it('check-in lateness, a guard standing in, a handover with the proposed open items and an item marked done', async () => {
    // The demo front desk checked in to today's day shift; she also takes the noon duty and arrives 11:50: 5 minutes late.
    const roster = (await frontdesk.get(`/api/duty/roster?projectId=${ch}&from=2026-11-20&to=2026-11-20`)).json().items;
    const day = roster.find(
      (a: { shiftCode: string; staffId: number }) => a.shiftCode === 'day' && a.staffId === staffIds.get('frontdesk'),
    );
    expect(day.checkInAt).not.toBeNull();
    expect((await frontdesk.post(`/api/duty/assignments/${day.id}/check-in`)).statusCode).toBe(409);
    const noon = (
      await supervisor.post('/api/duty/assignments', {
        projectId: ch,
        shiftCode: 'noon',
        staffId: staffIds.get('frontdesk'),
        date: '2026-11-20',
      })
    ).json();
    t.clock.set(new Date(bj('2026-11-20T11:50:00')));
    expect((await frontdesk.post(`/api/duty/assignments/${noon.id}/check-in`)).json()).toMatchObject({ lateMinutes: 5 });
    const guard = (await security.get(`/api/duty/staff?projectId=${ch}`))
      .json()
      .items.find((s: { department: string }) => s.department === 'security');
    const standIn = await frontdesk.post(`/api/duty/assignments/${day.id}/stand-ins`, { guardId: guard.id, reason: '陪同业主查看漏水' });
    expect(standIn.statusCode).toBe(201);
    expect((await frontdesk.post(`/api/duty/stand-ins/${standIn.json().id}/end`)).json().endedAt).not.toBeNull();

    const proposal = (await frontdesk.get(`/api/duty/assignments/${day.id}/handover-proposal`)).json();
    expect(proposal.assignment.id).toBe(day.id);
    const incoming = proposal.incoming[0];
    expect(incoming).toMatchObject({ shiftName: '夜间值班' });
    const created = await frontdesk.post('/api/duty/handovers', {
      assignmentId: day.id,
      incomingId: incoming.staffId,
      keys: '前台抽屉钥匙',
      items: [...proposal.items.map(({ carried: _c, ...i }: { carried: boolean }) => i), { description: '明早通知业主取快递' }],
    });
    expect(created.statusCode).toBe(201);
    const handover = created.json();
    expect(handover.standIns).toHaveLength(1);
    const free = handover.items.find((i: { description: string }) => i.description === '明早通知业主取快递');
    expect((await frontdesk.post(`/api/duty/handover-items/${free.id}/done`)).json()).toMatchObject({ open: false });
    expect((await frontdesk.post('/api/duty/handovers', { assignmentId: day.id, incomingId: incoming.staffId })).statusCode).toBe(409);
    expect((await frontdesk.get(`/api/duty/handovers/${handover.id}`)).json().items.length).toBe(handover.items.length);

    const facts = (await supervisor.get(`/api/duty/facts?projectId=${ch}&month=2026-11`)).json();
    expect(facts.items.find((f: { staffId: number }) => f.staffId === staffIds.get('frontdesk'))).toMatchObject({
      lateArrivals: expect.any(Number),
      lateMinutes: expect.any(Number),
    });
    const mine = facts.items.find((f: { staffId: number }) => f.staffId === staffIds.get('frontdesk'));
    expect(mine.lateMinutes).toBeGreaterThanOrEqual(5);
  });
});
