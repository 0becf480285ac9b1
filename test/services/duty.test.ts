import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStandIn, checkIn, checkOut, endStandIn } from '../../src/server/modules/duty/checkin.service.ts';
import { dutyFacts } from '../../src/server/modules/duty/facts.service.ts';
import { createHandover, proposeHandover, signHandover } from '../../src/server/modules/duty/handover.service.ts';
import { convertEntry, createLogEntry, listLog } from '../../src/server/modules/duty/log.service.ts';
import { getReview, markReviewed } from '../../src/server/modules/duty/review.service.ts';
import {
  copyWeek,
  createAssignment,
  deleteAssignment,
  getCoverage,
  listRoster,
  rotateNoon,
  updateAssignment,
} from '../../src/server/modules/duty/roster.service.ts';
import { setPolicyOverride } from '../../src/server/modules/policies/policies.service.ts';
import { getTicket } from '../../src/server/modules/tickets/tickets.service.ts';
import { transitionTicket } from '../../src/server/modules/tickets/workflow.service.ts';
import { FixedClock } from '../../src/server/platform/clock.ts';
import type { ServiceContext } from '../../src/server/platform/context.ts';
import { defaultPolicy } from '../../src/shared/policies.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { adminContext, makeProject, makeStaff } from '../helpers/factories.ts';

let tdb: TestDatabase;
let admin: ServiceContext;
const clock = new FixedClock(new Date('2026-09-01T02:00:00.000Z'));
/** Beijing time as an instant. */
const bj = (local: string) => new Date(`${local}+08:00`);

beforeAll(async () => {
  tdb = await createTestDatabase();
  admin = await adminContext(tdb.database, clock);
});
afterAll(() => tdb.close());

async function dutyTeam() {
  const { project, units } = await makeProject(admin);
  const director = await makeStaff(admin, project.id, 'director', { department: 'management' });
  const supervisor = await makeStaff(admin, project.id, 'supervisor', { department: 'customer_service' });
  const desk1 = await makeStaff(admin, project.id, 'frontdesk', { department: 'customer_service' });
  const desk2 = await makeStaff(admin, project.id, 'frontdesk', { department: 'customer_service' });
  const electrician = await makeStaff(admin, project.id, 'tech', { department: 'maintenance' });
  const electrician2 = await makeStaff(admin, project.id, 'tech', { department: 'maintenance' });
  const control = await makeStaff(admin, project.id, 'control', { department: 'control_room' });
  const guard = await makeStaff(admin, project.id, 'security', { department: 'security' });
  return { project, units, director, supervisor, desk1, desk2, electrician, electrician2, control, guard };
}

const dates = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) out.push(d);
  return out;
};

describe('roster and coverage', () => {
  it('a correct roster across the summer→winter switch and midnight has no gap, no double booking', async () => {
    clock.set(bj('2026-09-01T10:00:00'));
    const t = await dutyTeam();
    const plan = t.supervisor.ctx;
    const period = dates('2026-09-20', '2026-10-10');
    // The night before the period, then every day: day shift by desk1, night by the electricians in turn.
    for (const [i, date] of ['2026-09-19', ...period].entries()) {
      if (date >= '2026-09-20')
        await createAssignment(plan, { projectId: t.project.id, shiftCode: 'day', staffId: t.desk1.staff.id, date });
      const night = i % 2 ? t.electrician : t.electrician2;
      await createAssignment(plan, { projectId: t.project.id, shiftCode: 'night', staffId: night.staff.id, date });
    }
    expect(await rotateNoon(plan, { projectId: t.project.id, from: '2026-09-20', to: '2026-10-10', shiftCode: 'noon' })).toEqual({
      created: 21,
      skipped: 0,
    });
    const coverage = await getCoverage(plan, { projectId: t.project.id, from: '2026-09-20', to: '2026-10-10' });
    expect(coverage.gaps).toEqual([]);
    expect(coverage.overlaps).toEqual([]);
    expect(coverage.wrongDepartment).toEqual([]);
    expect(coverage.coveredMinutes).toBe(21 * 24 * 60);
    // The noon duty takes turns among the customer-service staff, and summer hours end on 09-30.
    const roster = await listRoster(plan, { projectId: t.project.id, from: '2026-09-30', to: '2026-10-01' });
    const noon = roster.items.filter((a) => a.shiftCode === 'noon');
    expect(noon.map((a) => [a.date, a.season, a.startsAt, a.endsAt])).toEqual([
      ['2026-09-30', 'summer', '2026-09-30T04:00:00.000Z', '2026-09-30T06:00:00.000Z'],
      ['2026-10-01', 'normal', '2026-10-01T04:00:00.000Z', '2026-10-01T05:30:00.000Z'],
    ]);
    expect(new Set(roster.items.filter((a) => a.shiftCode === 'noon').map((a) => a.staffDepartment))).toEqual(
      new Set(['customer_service']),
    );
    const nightOf30 = roster.items.find((a) => a.shiftCode === 'night' && a.date === '2026-09-30')!;
    expect([nightOf30.startsAt, nightOf30.endsAt]).toEqual(['2026-09-30T10:00:00.000Z', '2026-10-01T00:30:00.000Z']);
  });

  it('a month with one uncovered hour and one double booking shows exactly those', async () => {
    clock.set(bj('2026-10-20T10:00:00'));
    const t = await dutyTeam();
    // This project also has a late night shift (18:30) — used once by mistake instead of the 17:30 one.
    await setPolicyOverride(t.director.ctx, t.project.id, {
      duty: {
        shifts: [
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
        ],
      },
    });
    const plan = t.supervisor.ctx;
    for (const date of ['2026-10-31', ...dates('2026-11-01', '2026-11-30')]) {
      if (date >= '2026-11-01')
        await createAssignment(plan, { projectId: t.project.id, shiftCode: 'day', staffId: t.desk1.staff.id, date });
      await createAssignment(plan, {
        projectId: t.project.id,
        shiftCode: date === '2026-11-12' ? 'night_late' : 'night',
        staffId: t.electrician.staff.id,
        date,
      });
    }
    await rotateNoon(plan, {
      projectId: t.project.id,
      from: '2026-11-01',
      to: '2026-11-30',
      staffIds: [t.desk2.staff.id, t.supervisor.staff.id],
      shiftCode: 'noon',
    });
    // The electrician, already on the night of the 20th, is also put on the late night shift: a double booking.
    const extra = await createAssignment(plan, {
      projectId: t.project.id,
      shiftCode: 'night_late',
      staffId: t.electrician.staff.id,
      date: '2026-11-20',
    });
    const coverage = await getCoverage(plan, { projectId: t.project.id, from: '2026-11-01', to: '2026-11-30' });
    expect(coverage.gaps).toEqual([
      { from: bj('2026-11-12T17:30:00').toISOString(), to: bj('2026-11-12T18:30:00').toISOString(), minutes: 60 },
    ]);
    expect(coverage.overlaps).toEqual([
      {
        staffId: t.electrician.staff.id,
        staffName: t.electrician.staff.name,
        from: bj('2026-11-20T18:30:00').toISOString(),
        to: bj('2026-11-21T08:30:00').toISOString(),
        minutes: 14 * 60,
        assignmentIds: [expect.any(Number), extra.id],
        shifts: ['夜间值班', '夜班(晚)'],
      },
    ]);
    expect(coverage.wrongDepartment).toEqual([]);
    // A night given to a front-desk assistant breaks the rule that night duty is maintenance's.
    const wrong = await createAssignment(plan, {
      projectId: t.project.id,
      shiftCode: 'night',
      staffId: t.desk2.staff.id,
      date: '2026-11-25',
    });
    const withWrong = await getCoverage(plan, { projectId: t.project.id, from: '2026-11-25', to: '2026-11-25' });
    expect(withWrong.wrongDepartment).toMatchObject([{ assignmentId: wrong.id, expected: 'maintenance', actual: 'customer_service' }]);
    await deleteAssignment(plan, wrong.id);

    // Mended, the month is clean.
    await deleteAssignment(plan, extra.id);
    const roster = await listRoster(plan, { projectId: t.project.id, from: '2026-11-12', to: '2026-11-12' });
    const late = roster.items.find((a) => a.shiftCode === 'night_late')!;
    await deleteAssignment(plan, late.id);
    await createAssignment(plan, { projectId: t.project.id, shiftCode: 'night', staffId: t.electrician.staff.id, date: '2026-11-12' });
    const clean = await getCoverage(plan, { projectId: t.project.id, from: '2026-11-01', to: '2026-11-30' });
    expect([clean.gaps, clean.overlaps, clean.wrongDepartment]).toEqual([[], [], []]);
  });

  it('copies a week and refuses the same person twice on one shift', async () => {
    clock.set(bj('2026-11-01T10:00:00'));
    const t = await dutyTeam();
    const plan = t.supervisor.ctx;
    for (const date of dates('2026-11-02', '2026-11-08')) {
      await createAssignment(plan, { projectId: t.project.id, shiftCode: 'day', staffId: t.desk1.staff.id, date });
      await createAssignment(plan, { projectId: t.project.id, shiftCode: 'night', staffId: t.electrician.staff.id, date });
    }
    await expect(
      createAssignment(plan, { projectId: t.project.id, shiftCode: 'day', staffId: t.desk1.staff.id, date: '2026-11-02' }),
    ).rejects.toMatchObject({
      code: 'DUPLICATE',
    });
    await createAssignment(plan, { projectId: t.project.id, shiftCode: 'day', staffId: t.desk1.staff.id, date: '2026-11-09' });
    expect(await copyWeek(plan, { projectId: t.project.id, fromWeek: '2026-11-02', toWeek: '2026-11-09' })).toEqual({
      created: 13,
      skipped: 1,
    });
    await expect(copyWeek(plan, { projectId: t.project.id, fromWeek: '2026-11-02', toWeek: '2026-11-10' })).rejects.toMatchObject({
      fields: [{ path: 'toWeek' }],
    });
    // A technician may not plan, and the front desk may not put themselves on nights.
    await expect(
      createAssignment(t.desk1.ctx, { projectId: t.project.id, shiftCode: 'night', staffId: t.desk1.staff.id, date: '2026-11-20' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      createAssignment(plan, { projectId: t.project.id, shiftCode: 'evening', staffId: t.desk1.staff.id, date: '2026-11-20' }),
    ).rejects.toMatchObject({
      fields: [{ path: 'shiftCode' }],
    });
  });
});

describe('a night on duty', () => {
  it('check-in, a night call converted in the morning with its real time, a control-room dispatch, the handover with two signatures', async () => {
    clock.set(bj('2026-11-19T09:00:00'));
    const t = await dutyTeam();
    const plan = t.supervisor.ctx;
    const night = await createAssignment(plan, {
      projectId: t.project.id,
      shiftCode: 'night',
      staffId: t.electrician.staff.id,
      date: '2026-11-19',
    });
    const morning = await createAssignment(plan, {
      projectId: t.project.id,
      shiftCode: 'day',
      staffId: t.desk1.staff.id,
      date: '2026-11-20',
    });

    // 15 minutes early is on time; 17:20 is 5 minutes late.
    clock.set(bj('2026-11-19T17:20:00'));
    await expect(checkIn(t.desk1.ctx, night.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await checkIn(t.electrician.ctx, night.id)).lateMinutes).toBe(5);

    // 02:10: a resident calls about a leak; the electrician writes it in the night log at 02:25.
    clock.set(bj('2026-11-20T02:25:00'));
    const call = await createLogEntry(t.electrician.ctx, {
      projectId: t.project.id,
      kind: 'call',
      occurredAt: bj('2026-11-20T02:10:00').toISOString(),
      unitId: t.units[0].id,
      callerName: '王女士',
      callerPhone: '14012345678',
      description: '卫生间天花板漏水,滴到地上',
    });
    expect(call).toMatchObject({ night: true, status: 'open', assignmentId: night.id, callerPhone: '140****5678' });
    // 03:00: the guard stands in while he goes up to look.
    clock.set(bj('2026-11-20T03:00:00'));
    await expect(addStandIn(t.electrician.ctx, night.id, { guardId: t.desk2.staff.id, reason: '上楼查看漏水' })).rejects.toMatchObject({
      fields: [{ path: 'guardId' }],
    });
    const standIn = await addStandIn(t.electrician.ctx, night.id, { guardId: t.guard.staff.id, reason: '上楼查看漏水' });
    clock.set(bj('2026-11-20T03:40:00'));
    expect((await endStandIn(t.electrician.ctx, standIn.id)).endedAt).toBe(bj('2026-11-20T03:40:00').toISOString());

    // After 08:30 the night man has left; at 08:50 the control room takes a call and sends him at once.
    clock.set(bj('2026-11-20T07:30:00'));
    const dispatch = await createLogEntry(t.control.ctx, {
      projectId: t.project.id,
      kind: 'control_room',
      occurredAt: bj('2026-11-20T07:10:00').toISOString(),
      unitId: t.units[1].id,
      description: '楼道灯不亮',
      dispatchedTo: t.electrician2.staff.id,
      dispatchedAt: bj('2026-11-20T07:15:00').toISOString(),
    });
    expect(dispatch).toMatchObject({ night: true, kind: 'control_room', dispatchedToName: t.electrician2.staff.name });

    // The handover: the open night call is proposed; one signature does not close the shift.
    clock.set(bj('2026-11-20T08:10:00'));
    expect((await checkIn(t.desk1.ctx, morning.id)).lateMinutes).toBe(0);
    const proposal = await proposeHandover(t.electrician.ctx, night.id);
    expect(proposal.incoming[0]).toMatchObject({ staffId: t.desk1.staff.id, assignmentId: morning.id });
    expect(proposal.items.map((i) => i.logEntryId)).toContain(call.id);
    const handover = await createHandover(t.electrician.ctx, {
      assignmentId: night.id,
      incomingId: t.desk1.staff.id,
      equipment: '对讲机2台正常',
      keys: '机房钥匙1串',
      records: '夜间值班记录表1页',
      items: proposal.items.map(({ ticketId, logEntryId, description }) => ({ ticketId, logEntryId, description })),
    });
    expect(handover.standIns).toHaveLength(1);
    await expect(signHandover(t.electrician.ctx, handover.id, { side: 'incoming' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(signHandover(t.desk1.ctx, handover.id, { side: 'incoming' })).rejects.toMatchObject({ code: 'CONFLICT' }); // outgoing first
    await signHandover(t.electrician.ctx, handover.id, { side: 'outgoing' });
    clock.set(bj('2026-11-20T08:35:00'));
    await expect(checkOut(t.electrician.ctx, night.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await listRoster(plan, { projectId: t.project.id, from: '2026-11-19', to: '2026-11-19' })).items[0].closedAt).toBeNull();
    // The incoming assistant signs at the same desk with her own password.
    await expect(signHandover(t.electrician.ctx, handover.id, { side: 'incoming', password: 'wrong-password' })).rejects.toMatchObject({
      fields: [{ path: 'password' }],
    });
    const signed = await signHandover(t.electrician.ctx, handover.id, { side: 'incoming', password: 'password123' });
    expect(signed.signed).toBe(true);
    expect((await checkOut(t.electrician.ctx, night.id)).closedAt).toBe(bj('2026-11-20T08:35:00').toISOString());

    // The morning desk sees the night entries still to convert and turns the call into a ticket at 09:05.
    clock.set(bj('2026-11-20T09:05:00'));
    const queue = await listLog(t.desk1.ctx, { projectId: t.project.id, status: 'open', limit: 50 });
    expect(queue.items.map((e) => e.id).sort()).toEqual([call.id, dispatch.id].sort());
    const { ticket, entry } = await convertEntry(t.desk1.ctx, call.id, { type: 'repair', categoryId: 'water_leak' });
    expect(entry).toMatchObject({ status: 'converted', ticketId: ticket.id, ticketNumber: ticket.number });
    expect(ticket).toMatchObject({
      channel: 'night_duty',
      receivedAt: bj('2026-11-20T02:10:00').toISOString(),
      backfilled: true,
      unitId: t.units[0].id,
    });
    // The 2-day reply and 3-day repair clocks run from 02:10, not from 09:05.
    expect(ticket.deadlines.reply?.dueAt).toBe(bj('2026-11-22T02:10:00').toISOString());
    expect(ticket.deadlines.completion?.dueAt).toBe(bj('2026-11-23T02:10:00').toISOString());
    await expect(convertEntry(t.desk2.ctx, call.id, { type: 'repair' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const count = await tdb.database.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', t.project.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    // The control-room line becomes a ticket already dispatched at 07:15 to the technician sent.
    const fromControl = await convertEntry(t.desk1.ctx, dispatch.id, { type: 'repair' });
    expect(fromControl.ticket).toMatchObject({ channel: 'control_room', status: 'dispatched', assigneeId: t.electrician2.staff.id });
    expect(fromControl.ticket.deadlines.reply?.state).toBe('met');
    const events = fromControl.ticket.events.map((e) => [e.action, e.at, e.actorId]);
    expect(events).toContainEqual(['dispatch', bj('2026-11-20T07:15:00').toISOString(), t.control.staff.id]);

    // The carried-over night call stays visible until its ticket is done.
    const review = await getReview(t.supervisor.ctx, t.project.id, '2026-11-20');
    // (the line is converted: the item now follows the ticket made from it)
    expect(review.carried.map((c) => c.logEntryId)).toContain(call.id);
    expect(review.shifts.map((s) => s.assignment.id)).toEqual([night.id]);
    expect(review.shifts[0].entries.map((e) => e.id)).toEqual([call.id]);
    expect(review.shifts[0].handover?.signed).toBe(true);
    expect(await markReviewed(t.supervisor.ctx, { projectId: t.project.id, assignmentIds: [night.id] })).toEqual({ reviewed: 1 });
    await expect(markReviewed(t.desk1.ctx, { projectId: t.project.id, assignmentIds: [night.id] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('carried-over tickets stay on the next handover until resolved; unsigned handovers and late arrivals are the month’s facts', async () => {
    clock.set(bj('2026-11-10T08:00:00'));
    const t = await dutyTeam();
    const plan = t.supervisor.ctx;
    const day = await createAssignment(plan, {
      projectId: t.project.id,
      shiftCode: 'day',
      staffId: t.desk1.staff.id,
      date: '2026-11-10',
    });
    const night = await createAssignment(plan, {
      projectId: t.project.id,
      shiftCode: 'night',
      staffId: t.electrician.staff.id,
      date: '2026-11-10',
    });
    const nextDay = await createAssignment(plan, {
      projectId: t.project.id,
      shiftCode: 'day',
      staffId: t.desk2.staff.id,
      date: '2026-11-11',
    });
    clock.set(bj('2026-11-10T08:25:00'));
    expect((await checkIn(t.desk1.ctx, day.id)).lateMinutes).toBe(10);
    // A repair taken at the desk in the afternoon is still open at 17:30.
    clock.set(bj('2026-11-10T15:00:00'));
    const entry = await createLogEntry(t.desk1.ctx, {
      projectId: t.project.id,
      kind: 'visit',
      description: '业主来访:阳台推拉门卡住',
    });
    expect(entry.night).toBe(false);
    const { ticket } = await convertEntry(t.desk1.ctx, entry.id, { type: 'repair' });
    clock.set(bj('2026-11-10T17:25:00'));
    const proposal = await proposeHandover(t.desk1.ctx, day.id);
    expect(proposal.items).toEqual([{ ticketId: ticket.id, description: expect.stringContaining('阳台推拉门'), carried: false }]);
    const h1 = await createHandover(t.desk1.ctx, {
      assignmentId: day.id,
      incomingId: t.electrician.staff.id,
      items: [{ ticketId: ticket.id, description: proposal.items[0].description }],
    });
    await signHandover(t.desk1.ctx, h1.id, { side: 'outgoing' });
    await signHandover(t.electrician.ctx, h1.id, { side: 'incoming' });
    // The night shift's proposal carries it on.
    clock.set(bj('2026-11-11T08:20:00'));
    const next = await proposeHandover(t.electrician.ctx, night.id);
    expect(next.items).toEqual([{ ticketId: ticket.id, description: expect.stringContaining('阳台推拉门'), carried: true }]);
    // The electrician leaves without a signed handover: flagged 30 minutes after the shift.
    const h2 = await createHandover(t.electrician.ctx, {
      assignmentId: night.id,
      incomingId: t.desk2.staff.id,
      items: [{ ticketId: ticket.id, description: '阳台推拉门' }],
    });
    await signHandover(t.electrician.ctx, h2.id, { side: 'outgoing' });
    clock.set(bj('2026-11-11T09:30:00'));
    const review = await getReview(t.supervisor.ctx, t.project.id, '2026-11-11');
    expect(review.unsigned.map((h) => [h.id, h.flagged])).toEqual([[h2.id, true]]);
    expect(review.carried.map((c) => c.ticketId)).toEqual([ticket.id]);
    // Once the ticket is resolved, nothing is carried any more.
    const tech = t.electrician2;
    await transitionTicket(t.desk2.ctx, ticket.id, { action: 'dispatch', assigneeId: tech.staff.id });
    await transitionTicket(tech.ctx, ticket.id, { action: 'start' });
    await transitionTicket(tech.ctx, ticket.id, { action: 'resolve', resolution: '调整滑轮' });
    expect((await getTicket(t.desk2.ctx, ticket.id)).status).toBe('awaiting_visit');
    expect((await getReview(t.supervisor.ctx, t.project.id, '2026-11-11')).carried).toEqual([]);

    clock.set(bj('2026-12-01T10:00:00'));
    const facts = await dutyFacts(t.supervisor.ctx, { projectId: t.project.id, month: '2026-11' });
    const of = (id: number) => facts.items.find((f) => f.staffId === id);
    expect(of(t.desk1.staff.id)).toMatchObject({ shifts: 1, lateArrivals: 1, lateMinutes: 10, unsignedHandovers: 0, carriedOverItems: 1 });
    expect(of(t.electrician.staff.id)).toMatchObject({
      shifts: 1,
      lateArrivals: 0,
      missedCheckIns: 1,
      unsignedHandovers: 1,
      carriedOverItems: 1,
    });
    expect(of(t.desk2.staff.id)).toMatchObject({ shifts: 1, missedCheckIns: 1 });
    void nextDay;
  });

  it('another project’s staff see nothing of this project’s duty', async () => {
    const t = await dutyTeam();
    const other = await makeProject(admin);
    const stranger = await makeStaff(admin, other.project.id, 'supervisor', { department: 'customer_service' });
    await expect(getCoverage(stranger.ctx, { projectId: t.project.id, from: '2026-11-01', to: '2026-11-02' })).rejects.toMatchObject({
      code: 'NOT_IN_PROJECT',
    });
    const a = await createAssignment(t.supervisor.ctx, {
      projectId: t.project.id,
      shiftCode: 'day',
      staffId: t.desk1.staff.id,
      date: '2026-12-01',
    });
    await expect(updateAssignment(stranger.ctx, a.id, { date: '2026-12-02' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      createAssignment(t.supervisor.ctx, {
        projectId: t.project.id,
        shiftCode: 'day',
        staffId: stranger.staff.id,
        date: '2026-12-01',
      }),
    ).rejects.toMatchObject({
      fields: [{ path: 'staffId' }],
    });
  });
});
