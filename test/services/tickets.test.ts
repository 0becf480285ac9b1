/**
 * The service desk at the service tier (no HTTP): intake's clocks and back-fill, the workflow's clock
 * effects, and escalation of major incidents and collective complaints — each ticket built with the
 * factories in a project of its own, the clock moved as in real life.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket } from '../../src/server/modules/tickets/intake.service.ts';
import { getTicket } from '../../src/server/modules/tickets/tickets.service.ts';
import { transitionTicket } from '../../src/server/modules/tickets/workflow.service.ts';
import { FixedClock } from '../../src/server/platform/clock.ts';
import type { ServiceContext } from '../../src/server/platform/context.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { adminContext, makeCustomer, makeProject, makeStaff, makeTicket } from '../helpers/factories.ts';

const clock = new FixedClock(new Date('2026-11-20T02:00:00.000Z'));
const bj = (local: string) => new Date(`${local}+08:00`);
let tdb: TestDatabase;
let admin: ServiceContext;

beforeAll(async () => {
  tdb = await createTestDatabase();
  admin = await adminContext(tdb.database, clock);
});
afterAll(() => tdb.close());

async function desk() {
  clock.set(bj('2026-11-20T10:00:00'));
  const p = await makeProject(admin, { units: 6 });
  const frontdesk = await makeStaff(admin, p.project.id, 'frontdesk', { department: 'customer_service' });
  const tech = await makeStaff(admin, p.project.id, 'tech', { department: 'maintenance' });
  const director = await makeStaff(admin, p.project.id, 'director', { department: 'management' });
  const supervisor = await makeStaff(admin, p.project.id, 'supervisor', { department: 'customer_service' });
  return { ...p, frontdesk, tech, director, supervisor };
}

const breaches = (ticketId: number) =>
  tdb.database.db
    .selectFrom('ticket_breaches')
    .select(['clock', 'lateness_minutes', 'responsible_id'])
    .where('ticket_id', '=', ticketId)
    .orderBy('clock')
    .execute();

describe('intake', () => {
  it('a repair back-filled four days late is recorded with both clocks breached, against the desk that took it', async () => {
    const t = await desk();
    const ticket = await makeTicket(t.frontdesk.ctx, {
      projectId: t.project.id,
      unitId: t.units[0].id,
      receivedAt: bj('2026-11-16T10:00:00').toISOString(),
    });
    expect(ticket).toMatchObject({ backfilled: true, overdue: true, status: 'new' });
    expect(ticket.deadlines.reply).toMatchObject({ state: 'breached', dueAt: bj('2026-11-18T10:00:00').toISOString() });
    expect(ticket.deadlines.completion).toMatchObject({ state: 'breached', dueAt: bj('2026-11-19T10:00:00').toISOString() });
    expect(ticket.events.map((e) => e.action)).toEqual(['create', 'deadline_breached', 'deadline_breached']);
    expect(await breaches(ticket.id)).toEqual([
      { clock: 'completion', lateness_minutes: null, responsible_id: t.frontdesk.staff.id },
      { clock: 'reply', lateness_minutes: null, responsible_id: t.frontdesk.staff.id },
    ]);
    // The answer intake gives is what a read gives.
    const { events, ...read } = await getTicket(t.frontdesk.ctx, ticket.id);
    const { events: written, ...answer } = ticket;
    expect(answer).toEqual(read);
    expect(written).toEqual(events);
  });

  it('a one-touch inquiry is closed at intake with no clock', async () => {
    const t = await desk();
    const { ticket } = await createTicket(t.frontdesk.ctx, {
      projectId: t.project.id,
      type: 'inquiry',
      channel: 'walk_in',
      description: '请问物业费怎么交',
      resolveNow: '可在前台或业主端缴纳',
    });
    expect(ticket).toMatchObject({ status: 'closed', resolution: '可在前台或业主端缴纳', deadlines: { reply: null, completion: null } });
    expect(ticket.events.map((e) => [e.action, e.toStatus])).toEqual([
      ['create', 'new'],
      ['resolve', 'resolved'],
      ['close', 'closed'],
    ]);
  });
});

describe('clocks in the workflow', () => {
  it('dispatch answers the resident (the reply clock stops), a pause moves the repair deadline, a late resolution records its lateness', async () => {
    const t = await desk();
    const ticket = await makeTicket(t.frontdesk.ctx, { projectId: t.project.id, unitId: t.units[1].id });
    expect(ticket.deadlines.completion?.dueAt).toBe(bj('2026-11-23T10:00:00').toISOString());
    clock.set(bj('2026-11-20T11:00:00'));
    const dispatched = await transitionTicket(t.frontdesk.ctx, ticket.id, { action: 'dispatch', assigneeId: t.tech.staff.id });
    expect(dispatched.deadlines.reply).toMatchObject({ state: 'met', stoppedAt: bj('2026-11-20T11:00:00').toISOString() });
    await transitionTicket(t.tech.ctx, ticket.id, { action: 'start' });
    await transitionTicket(t.tech.ctx, ticket.id, { action: 'pause', reason: '等业主在家' });
    clock.set(bj('2026-11-21T11:00:00'));
    const resumed = await transitionTicket(t.tech.ctx, ticket.id, { action: 'resume' });
    // A day paused: the repair is due a day later.
    expect(resumed.deadlines.completion?.dueAt).toBe(bj('2026-11-24T10:00:00').toISOString());
    clock.set(bj('2026-11-24T12:30:00'));
    const resolved = await transitionTicket(t.tech.ctx, ticket.id, { action: 'resolve', resolution: '更换阀门' });
    expect(resolved.status).toBe('awaiting_visit');
    expect(resolved.deadlines.completion).toMatchObject({ state: 'met_late', latenessMinutes: 150 });
    expect(await breaches(ticket.id)).toEqual([{ clock: 'completion', lateness_minutes: 150, responsible_id: t.tech.staff.id }]);
    expect(resolved.events.map((e) => e.action).slice(-3)).toEqual(['resolve', 'deadline_met_late', 'await_visit']);
  });
});

describe('escalation', () => {
  it('a lift entrapment is one incident however many call: one alert, the committed reply time on each ticket', async () => {
    const t = await desk();
    const first = await makeTicket(t.frontdesk.ctx, {
      projectId: t.project.id,
      type: 'help',
      unitId: t.units[0].id,
      description: '电梯困人，有人被关在3栋电梯里',
    });
    const second = await makeTicket(t.frontdesk.ctx, {
      projectId: t.project.id,
      type: 'help',
      unitId: t.units[2].id,
      description: '3栋电梯困人了，快来人',
    });
    expect(first).toMatchObject({ major: true, priority: 'urgent' });
    expect(second.majorIncidentId).toBe(first.majorIncidentId);
    expect(first.deadlines.reply?.dueAt).toBe(bj('2026-11-20T12:00:00').toISOString());
    expect(first.events.map((e) => e.action)).toEqual(['create', 'major_escalated']);
    expect(second.events.map((e) => e.action)).toEqual(['create', 'major_attached']);
    const alerts = await tdb.database.db
      .selectFrom('notifications')
      .select('staff_id')
      .where('kind', '=', 'major_alert')
      .where('project_id', '=', t.project.id)
      .execute();
    expect(alerts.map((a) => a.staff_id).sort()).toEqual([t.director.staff.id, t.supervisor.staff.id].sort());
  });

  it('three households complaining about the same matter become one collective complaint, the earlier tickets joining it', async () => {
    const t = await desk();
    const owners = [];
    for (const u of t.units.slice(0, 3)) owners.push(await makeCustomer(t.frontdesk.ctx, t.project.id, u.id));
    const complaints = [];
    for (const [i, u] of t.units.slice(0, 3).entries())
      complaints.push(
        await makeTicket(t.frontdesk.ctx, {
          projectId: t.project.id,
          type: 'complaint',
          unitId: u.id,
          customerId: owners[i].id,
          description: ['地下车库漏水严重，车都被泡了', '车库漏水，我的车被水泡了', '地下车库一直漏水，车子泡水'][i],
        }),
      );
    expect(complaints.map((c) => c.major)).toEqual([false, false, true]);
    const incident = complaints[2].majorIncidentId;
    for (const c of complaints.slice(0, 2)) {
      const now = await getTicket(t.frontdesk.ctx, c.id);
      expect(now).toMatchObject({ major: true, majorIncidentId: incident });
      expect(now.events.at(-1)?.action).toBe('major_escalated');
    }
  });
});
