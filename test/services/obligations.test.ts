/**
 * The obligations engine on rules of its own (a count per month, a count every 3 months since the
 * last time) and the sweeper's reminders: states per period, the day a quota was met, late and
 * missed intervals, and one reminder per owner and period however often the sweeper runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindObligations } from '../../src/server/modules/obligations/reminders.ts';
import { FixedClock } from '../../src/server/platform/clock.ts';
import type { ServiceContext } from '../../src/server/platform/context.ts';
import {
  evaluateObligation,
  obligationContext,
  ownerKey,
  staffOwners,
  type Contribution,
  type ObligationDefinition,
} from '../../src/server/platform/obligations.ts';
import { labels } from '../../src/shared/policies/fields.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { adminContext, makeProject, makeStaff } from '../helpers/factories.ts';

const clock = new FixedClock(new Date('2026-01-05T02:00:00.000Z'));
let tdb: TestDatabase;
let admin: ServiceContext;

beforeAll(async () => {
  tdb = await createTestDatabase();
  admin = await adminContext(tdb.database, clock);
});
afterAll(() => tdb.close());

/** A rule whose records are given by the test: (owner id, local day) pairs. */
function rule(
  code: string,
  cadence: ObligationDefinition['cadence'],
  required: number,
  done: () => [number, string][],
  project = false,
): ObligationDefinition {
  return {
    code,
    module: 'test',
    label: labels('测试义务', '測試義務', 'Test duty'),
    unit: 'times',
    owners: async (c) =>
      project ? [{ kind: 'project', id: c.projectId, name: c.projectName }] : staffOwners(c.exec, c.projectId, ['butler']),
    cadence,
    required: () => required,
    measure: async (c, _owners, from, to) =>
      done()
        .filter(([, on]) => on >= from && on <= to)
        .map(([id, on]): Contribution => ({
          owner: ownerKey({ kind: project ? 'project' : 'staff', id: project ? c.projectId : id }),
          amount: 1,
          on,
        })),
    origin: async (c) => c.projectSince,
    remind: ['director'],
  };
}

describe('obligations engine', () => {
  it('a monthly count: done on the day it is reached, due while running, missed once the month is over, upcoming before it begins', async () => {
    clock.set(new Date('2026-01-05T02:00:00.000Z'));
    const { project } = await makeProject(admin);
    const { staff } = await makeStaff(admin, project.id, 'butler');
    const records: [number, string][] = [
      [staff.id, '2026-01-03'],
      [staff.id, '2026-01-04'],
      [staff.id, '2026-01-09'],
      [staff.id, '2026-02-02'],
    ];
    const def = rule(
      't.monthly',
      () => ({ every: 'month' }),
      3,
      () => records,
    );
    clock.set(new Date('2026-02-10T02:00:00.000Z'));
    const c = await obligationContext(tdb.database.db, admin.actor.companyId, project.id, clock.now());
    const rows = await evaluateObligation(c, def, { from: '2026-01-01', to: '2026-03-31' });
    expect(rows.map((r) => [r.period.key, r.done, r.state, r.metOn])).toEqual([
      ['2026-01', 3, 'done', '2026-01-09'],
      ['2026-02', 1, 'due', null],
      ['2026-03', 0, 'upcoming', null],
    ]);
    clock.set(new Date('2026-03-01T02:00:00.000Z'));
    const later = await evaluateObligation(await obligationContext(tdb.database.db, admin.actor.companyId, project.id, clock.now()), def, {
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(later[0]).toMatchObject({ state: 'missed', required: 3, done: 1, owed: true });
  });

  it('an interval: each fulfilment starts the next interval; after the due date it is late, without one it is missed', async () => {
    clock.set(new Date('2026-01-05T02:00:00.000Z'));
    const { project } = await makeProject(admin);
    // The project began on 5 January: due 5 April; held 1 April (done), then 20 July (late, due 1 July), then nothing.
    const held: [number, string][] = [
      [0, '2026-04-01'],
      [0, '2026-07-20'],
    ];
    const def = rule(
      't.interval',
      () => ({ intervalMonths: 3 }),
      1,
      () => held,
      true,
    );
    clock.set(new Date('2026-11-30T02:00:00.000Z'));
    const c = await obligationContext(tdb.database.db, admin.actor.companyId, project.id, clock.now());
    const rows = await evaluateObligation(c, def, { from: '2026-01-01', to: '2026-12-31' });
    expect(rows.map((r) => [r.period.from, r.dueOn, r.state, r.metOn])).toEqual([
      ['2026-01-05', '2026-04-05', 'done', '2026-04-01'],
      ['2026-04-01', '2026-07-01', 'late', '2026-07-20'],
      ['2026-07-20', '2026-10-20', 'missed', null],
    ]);
  });

  it('reminds the owner before the due date and the supervisors when it is missed, once each', async () => {
    clock.set(new Date('2026-01-05T02:00:00.000Z'));
    const { project } = await makeProject(admin);
    const butler = await makeStaff(admin, project.id, 'butler');
    const supervisor = await makeStaff(admin, project.id, 'supervisor');
    const def = rule(
      't.remind',
      () => ({ every: 'month' }),
      2,
      () => [],
    );
    const notes = async (staffId: number) =>
      tdb.database.db
        .selectFrom('notifications')
        .select(['kind', 'title'])
        .where('staff_id', '=', staffId)
        .where('project_id', '=', project.id)
        .execute();
    // 29 January: two days before the end of the month (the policy reminds 3 days before).
    clock.set(new Date('2026-01-29T02:00:00.000Z'));
    await remindObligations(tdb.database.db, clock, undefined, [def]);
    await remindObligations(tdb.database.db, clock, undefined, [def]);
    expect(await notes(butler.staff.id)).toEqual([{ kind: 'obligation_due', title: '测试义务：已完成 0/2，2026-01-31 到期' }]);
    expect(await notes(supervisor.staff.id)).toEqual([]);
    clock.set(new Date('2026-02-02T02:00:00.000Z'));
    await remindObligations(tdb.database.db, clock, undefined, [def]);
    await remindObligations(tdb.database.db, clock, undefined, [def]);
    expect((await notes(butler.staff.id)).map((n) => n.kind)).toEqual(['obligation_due', 'obligation_missed']);
    expect((await notes(supervisor.staff.id)).map((n) => n.kind)).toEqual(['obligation_missed']);
  });
});
