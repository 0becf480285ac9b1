/**
 * The facts feed: a test per fact code of the existing modules — each made to happen the way it
 * happens at the desk, then found in the month's facts against the right person, with its evidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicPlace, createResponsibilityArea } from '../../src/server/modules/property/property.service.ts';
import { checkIn } from '../../src/server/modules/duty/checkin.service.ts';
import { createHandover, signHandover } from '../../src/server/modules/duty/handover.service.ts';
import { createLogEntry } from '../../src/server/modules/duty/log.service.ts';
import { createAssignment } from '../../src/server/modules/duty/roster.service.ts';
import { listFacts } from '../../src/server/modules/facts/facts.service.ts';
import { modules } from '../../src/server/modules/index.ts';
import { sweepDeadlines } from '../../src/server/modules/tickets/sweeper.ts';
import { transitionTicket } from '../../src/server/modules/tickets/workflow.service.ts';
import { FixedClock } from '../../src/server/platform/clock.ts';
import type { ServiceContext } from '../../src/server/platform/context.ts';
import { registryOf } from '../../src/server/platform/modules.ts';
import type { Fact } from '../../src/shared/facts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { adminContext, makeCustomer, makeProject, makeStaff, makeTicket } from '../helpers/factories.ts';

const { factProviders } = registryOf(modules);
const clock = new FixedClock(new Date('2026-11-02T02:00:00.000Z'));
const bj = (local: string) => new Date(`${local}+08:00`);
let tdb: TestDatabase;
let admin: ServiceContext;

beforeAll(async () => {
  tdb = await createTestDatabase();
  admin = await adminContext(tdb.database, clock);
});
afterAll(() => tdb.close());

async function team() {
  clock.set(bj('2026-11-02T10:00:00'));
  const p = await makeProject(admin, { units: 4 });
  const director = await makeStaff(admin, p.project.id, 'director', { department: 'management' });
  const supervisor = await makeStaff(admin, p.project.id, 'supervisor', { department: 'customer_service' });
  const desk = await makeStaff(admin, p.project.id, 'frontdesk', { department: 'customer_service' });
  const butler = await makeStaff(admin, p.project.id, 'butler', { department: 'customer_service' });
  const tech = await makeStaff(admin, p.project.id, 'tech', { department: 'maintenance' });
  await createResponsibilityArea(director.ctx, {
    projectId: p.project.id,
    name: '一区',
    ownerStaffId: butler.staff.id,
    mainResponsibleId: director.staff.id,
    deputyResponsibleId: butler.staff.id,
    buildingIds: [p.building.id],
  });
  return { ...p, director, supervisor, desk, butler, tech };
}

async function facts(ctx: ServiceContext, projectId: number, month = '2026-11', staffId?: number): Promise<Fact[]> {
  return (await listFacts(ctx, factProviders, { projectId, month, staffId })).items;
}
const find = (items: Fact[], code: string, staffId: number) => items.find((f) => f.code === code && f.staffId === staffId);

describe('facts of the service desk', () => {
  it('a reply and a repair later than their deadlines count against the person responsible, with the ticket as evidence', async () => {
    const t = await team();
    const owner = await makeCustomer(t.desk.ctx, t.project.id, t.units[0].id);
    // Back-filled two days and an hour late: the reply clock (2 days) is breached at intake, against the desk that took it.
    const late = await makeTicket(t.desk.ctx, {
      projectId: t.project.id,
      unitId: t.units[0].id,
      customerId: owner.id,
      receivedAt: bj('2026-10-31T09:00:00').toISOString(),
    });
    await transitionTicket(t.desk.ctx, late.id, { action: 'dispatch', assigneeId: t.tech.staff.id });
    // The repair clock (3 days) is then breached by the sweeper while the technician holds it.
    clock.set(bj('2026-11-03T10:00:00'));
    await sweepDeadlines(tdb.database.db, clock);
    const items = await facts(t.supervisor.ctx, t.project.id);
    expect(find(items, 'tickets.reply_late', t.desk.staff.id)).toMatchObject({
      count: 1,
      evidence: [{ kind: 'ticket', id: late.id, label: late.number, href: `/tickets/${late.id}` }],
    });
    expect(find(items, 'tickets.repair_late', t.tech.staff.id)).toMatchObject({ count: 1 });
    // October has none of it: the breaches were detected in November (and the project owed nothing before it began).
    expect((await facts(t.supervisor.ctx, t.project.id, '2026-10')).filter((f) => !f.code.startsWith('archive.'))).toEqual([]);
  });

  it('common-area damage over 3 days and severe damage over 10 days have their own codes', async () => {
    const t = await team();
    const lobby = await createPublicPlace(t.director.ctx, { projectId: t.project.id, name: '1栋大堂', kind: 'lobby' });
    const started = bj('2026-10-20T09:00:00').toISOString();
    await makeTicket(t.desk.ctx, { projectId: t.project.id, publicPlaceId: lobby.id, receivedAt: started, description: '大堂地砖破损' });
    await makeTicket(t.desk.ctx, {
      projectId: t.project.id,
      publicPlaceId: lobby.id,
      receivedAt: started,
      severe: true,
      description: '大堂吊顶大面积脱落',
    });
    const items = await facts(t.supervisor.ctx, t.project.id);
    expect(find(items, 'tickets.common_area_late', t.desk.staff.id)?.count).toBe(1);
    expect(find(items, 'tickets.severe_common_area_late', t.desk.staff.id)?.count).toBe(1);
  });

  it('a complaint not verified the same day, and its record left incomplete', async () => {
    const t = await team();
    const c = await makeTicket(t.desk.ctx, {
      projectId: t.project.id,
      type: 'complaint',
      unitId: t.units[1].id,
      receivedAt: bj('2026-11-01T09:00:00').toISOString(),
      description: '保洁员态度恶劣，垃圾两天没有清理',
    });
    await transitionTicket(t.desk.ctx, c.id, { action: 'resolve', resolution: '已向业主道歉并安排清理' });
    const items = await facts(t.supervisor.ctx, t.project.id);
    expect(find(items, 'tickets.complaint_verification_late', t.desk.staff.id)?.count).toBe(1);
    expect(find(items, 'tickets.complaint_record_incomplete', t.desk.staff.id)).toMatchObject({ count: 1, evidence: [{ id: c.id }] });
  });

  it('a return visit not made by its due time counts against the butler of the household', async () => {
    const t = await team();
    const r = await makeTicket(t.desk.ctx, { projectId: t.project.id, unitId: t.units[2].id });
    await transitionTicket(t.desk.ctx, r.id, { action: 'resolve', resolution: '已电话指导复位' });
    expect(find(await facts(t.supervisor.ctx, t.project.id), 'tickets.return_visit_missed', t.butler.staff.id)).toBeUndefined();
    // Due three days after resolution; on the sixth day it is still pending.
    clock.set(bj('2026-11-08T10:00:00'));
    expect(find(await facts(t.supervisor.ctx, t.project.id), 'tickets.return_visit_missed', t.butler.staff.id)).toMatchObject({
      count: 1,
      evidence: [{ id: r.id }],
    });
  });
});

describe('facts of the duty', () => {
  it('a late check-in, a missed check-in, an unsigned handover, an item carried over and a log line left unconverted', async () => {
    const t = await team();
    const plan = t.supervisor.ctx;
    const day = await createAssignment(plan, { projectId: t.project.id, shiftCode: 'day', staffId: t.desk.staff.id, date: '2026-11-03' });
    const night = await createAssignment(plan, {
      projectId: t.project.id,
      shiftCode: 'night',
      staffId: t.tech.staff.id,
      date: '2026-11-03',
    });
    clock.set(bj('2026-11-03T08:25:00'));
    await checkIn(t.desk.ctx, day.id);
    clock.set(bj('2026-11-03T21:00:00'));
    // The night electrician never checks in, and logs a call he never converts.
    await createLogEntry(t.tech.ctx, { projectId: t.project.id, kind: 'call', description: '夜间来电:楼道灯不亮' });
    clock.set(bj('2026-11-03T17:25:00'));
    const h = await createHandover(t.desk.ctx, {
      assignmentId: day.id,
      incomingId: t.tech.staff.id,
      items: [{ description: '3栋电梯异响待跟进' }],
    });
    await signHandover(t.desk.ctx, h.id, { side: 'outgoing' });
    clock.set(bj('2026-11-04T12:00:00'));
    const items = await facts(t.supervisor.ctx, t.project.id);
    expect(find(items, 'duty.late_checkin', t.desk.staff.id)?.count).toBe(1);
    expect(find(items, 'duty.missed_checkin', t.tech.staff.id)?.count).toBe(1);
    expect(find(items, 'duty.unsigned_handover', t.desk.staff.id)).toMatchObject({
      count: 1,
      evidence: [{ kind: 'duty_handover', id: h.id }],
    });
    expect(find(items, 'duty.carried_over', t.desk.staff.id)?.count).toBe(1);
    expect(find(items, 'duty.unconverted_entry', t.tech.staff.id)?.count).toBe(1);
    expect(night.id).toBeGreaterThan(0);
  });
});

describe('facts of obligations and the archive', () => {
  it('a butler short of the month’s visits counts the shortfall once the month is over', async () => {
    const t = await team();
    expect(find(await facts(t.supervisor.ctx, t.project.id), 'obligations.butler_monthly', t.butler.staff.id)).toBeUndefined();
    clock.set(bj('2026-12-01T09:00:00'));
    const items = await facts(t.supervisor.ctx, t.project.id);
    expect(find(items, 'obligations.butler_monthly', t.butler.staff.id)).toMatchObject({ count: 15 });
    expect(find(items, 'obligations.frontdesk_monthly', t.desk.staff.id)).toMatchObject({ count: 15 });
  });

  it('an owners’ forum not held within six months counts against the director', async () => {
    const t = await team();
    // The project began on 2 November 2026: the first forum is due on 2 May 2027.
    clock.set(bj('2027-05-03T09:00:00'));
    const items = await facts(t.supervisor.ctx, t.project.id, '2027-05');
    expect(find(items, 'obligations.forum', t.director.staff.id)).toMatchObject({ count: 1 });
  });

  it('customers with an incomplete archive count against the butler of their area', async () => {
    const t = await team();
    const owner = await makeCustomer(t.desk.ctx, t.project.id, t.units[3].id);
    const items = await facts(t.supervisor.ctx, t.project.id);
    expect(find(items, 'archive.incomplete_customer', t.butler.staff.id)?.evidence).toContainEqual(
      expect.objectContaining({ kind: 'customer', id: owner.id, href: `/customers/${owner.id}` }),
    );
  });

  it('a person without staff.read sees only their own facts', async () => {
    const t = await team();
    await makeTicket(t.desk.ctx, { projectId: t.project.id, unitId: t.units[0].id, receivedAt: bj('2026-10-28T09:00:00').toISOString() });
    const own = await facts(t.desk.ctx, t.project.id);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((f) => f.staffId === t.desk.staff.id)).toBe(true);
    await expect(facts(t.desk.ctx, t.project.id, '2026-11', t.butler.staff.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Every code the facts answer is one the providers register.
    const codes = new Set(factProviders.flatMap((p) => p.codes.map((c) => c.code)));
    expect((await facts(t.supervisor.ctx, t.project.id)).every((f) => codes.has(f.code))).toBe(true);
  });
});
