import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDuration } from '../../src/server/platform/calendar.ts';
import { FixedClock } from '../../src/server/platform/clock.ts';
import type { ServiceContext } from '../../src/server/platform/context.ts';
import {
  chineseDaysEntries,
  chineseDaysYears,
  deleteCalendarDay,
  invalidateHolidayCalendar,
  listCalendarDays,
  loadHolidayCalendar,
  seedHolidays,
  upsertCalendarDay,
} from '../../src/server/platform/holidays.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { adminContext, makeProject, makeStaff } from '../helpers/factories.ts';

let tdb: TestDatabase;
let admin: ServiceContext;
let companyId: number;
const clock = new FixedClock(new Date('2026-11-20T02:00:00.000Z'));
let companies = 0;

beforeAll(async () => {
  tdb = await createTestDatabase();
  admin = await adminContext(tdb.database, clock);
  companyId = (admin.actor as { companyId: number }).companyId;
  await seedHolidays(admin.db, companyId, clock);
});
afterAll(() => tdb.close());

/** A company of its own, so that a seeding test sees only its own rows. */
async function newCompany(): Promise<number> {
  const row = await admin.db
    .insertInto('companies')
    .values({ name: `测试公司${++companies}`, code: `c${process.pid}x${companies}`, created_at: clock.now().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function rowsOf(company: number) {
  return admin.db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name', 'source'])
    .where('company_id', '=', company)
    .orderBy('date')
    .execute();
}

async function auditOf(date: string) {
  return admin.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', 'calendar_day')
    .where('entity_id', '=', date)
    .orderBy('id')
    .execute();
}

const official = (date: string) => chineseDaysEntries().find((e) => e.date === date);

describe('the chinese-days data', () => {
  it('covers 2004 to at least 2026 and has the published 2025 and 2026 schedules', () => {
    const { fromYear, toYear } = chineseDaysYears();
    expect(fromYear).toBe(2004);
    expect(toYear).toBeGreaterThanOrEqual(2026);
    const year = (y: string, kind: 'holiday' | 'workday') =>
      chineseDaysEntries()
        .filter((e) => e.date.startsWith(y) && e.kind === kind)
        .map((e) => e.date);
    // 国办发明电〔2025〕7号
    expect(year('2026', 'workday')).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(year('2026', 'holiday').filter((d) => d >= '2026-10-01')).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(year('2026', 'holiday').filter((d) => d.startsWith('2026-02'))).toHaveLength(9); // 15–23 February
    // 国办发明电〔2024〕12号: National Day and Mid-Autumn merged, 1–8 October.
    expect(year('2025', 'workday')).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(year('2025', 'holiday').filter((d) => d >= '2025-10-01')).toHaveLength(8);
    expect(official('2026-10-01')).toEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(official('2026-02-14')).toEqual({ date: '2026-02-14', kind: 'workday', name: '春节' });
    expect(official('2025-10-06')?.name).toBe('中秋');
  });
});

describe('seeding', () => {
  it('loads every year the package has, and a second run changes nothing', async () => {
    const company = await newCompany();
    const first = await seedHolidays(admin.db, company, clock);
    expect(first).toEqual({ inserted: chineseDaysEntries().length, updated: 0, removed: 0, keptManual: 0 });
    const rows = await rowsOf(company);
    expect(rows).toHaveLength(chineseDaysEntries().length);
    expect(rows.every((r) => r.source === 'chinese-days')).toBe(true);
    expect(rows.find((r) => r.date === '2026-10-10')).toEqual({
      date: '2026-10-10',
      kind: 'workday',
      name: '国庆节',
      source: 'chinese-days',
    });

    expect(await seedHolidays(admin.db, company, clock)).toEqual({ inserted: 0, updated: 0, removed: 0, keptManual: 0 });
    expect(await rowsOf(company)).toEqual(rows);
    const audits = await admin.db
      .selectFrom('audit_log')
      .selectAll()
      .where('company_id', '=', company)
      .where('action', '=', 'seed')
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_kind: 'system', entity: 'calendar_days' });
  });

  it('can be limited to some years', async () => {
    const company = await newCompany();
    const result = await seedHolidays(admin.db, company, clock, { fromYear: 2026, toYear: 2026 });
    const rows = await rowsOf(company);
    expect(rows.every((r) => r.date.startsWith('2026-'))).toBe(true);
    expect(result.inserted).toBe(chineseDaysEntries().filter((e) => e.date.startsWith('2026-')).length);
    await expect(seedHolidays(admin.db, company, clock, { fromYear: 2027, toYear: 2026 })).rejects.toThrow(RangeError);
  });

  it('is safe when two servers seed at once', async () => {
    const company = await newCompany();
    const results = await Promise.all([seedHolidays(admin.db, company, clock), seedHolidays(admin.db, company, clock)]);
    expect(results[0].inserted + results[1].inserted).toBe(chineseDaysEntries().length);
    expect(await rowsOf(company)).toHaveLength(chineseDaysEntries().length);
  });

  it("keeps the administrator's days, and follows the package for its own", async () => {
    // The admin's company: a company event on a working day, and National Day's make-up Saturday cancelled.
    await upsertCalendarDay(admin, { date: '2026-11-27', kind: 'holiday', name: '公司年会' });
    await upsertCalendarDay(admin, { date: '2026-10-10', kind: 'holiday', name: '不调休' });
    // Rows left by an older package: one with another name, one the package no longer lists.
    await admin.db
      .updateTable('calendar_days')
      .set({ name: '旧名称' })
      .where('company_id', '=', companyId)
      .where('date', '=', '2026-10-02')
      .execute();
    await admin.db
      .insertInto('calendar_days')
      .values({
        company_id: companyId,
        date: '2026-12-01',
        kind: 'holiday',
        name: '错误',
        source: 'chinese-days',
        updated_at: clock.now().toISOString(),
        updated_by: null,
      })
      .execute();

    const result = await seedHolidays(admin.db, companyId, clock);
    expect(result).toEqual({ inserted: 0, updated: 1, removed: 1, keptManual: 1 });
    const rows = new Map((await rowsOf(companyId)).map((r) => [r.date, r]));
    expect(rows.get('2026-11-27')).toEqual({ date: '2026-11-27', kind: 'holiday', name: '公司年会', source: 'manual' });
    expect(rows.get('2026-10-10')).toEqual({ date: '2026-10-10', kind: 'holiday', name: '不调休', source: 'manual' });
    expect(rows.get('2026-10-02')?.name).toBe('国庆节');
    expect(rows.has('2026-12-01')).toBe(false);
    expect(await seedHolidays(admin.db, companyId, clock)).toEqual({ inserted: 0, updated: 0, removed: 0, keptManual: 1 });
  });
});

describe('editing the calendar', () => {
  it("an admin's holiday changes the loaded calendar and deadlines at once", async () => {
    const before = await loadHolidayCalendar(admin.db, companyId);
    expect(before.isWorkingDay('2026-12-03')).toBe(true);
    const opts = (holidays: typeof before) => ({ calendar: 'working' as const, timeZone: 'Asia/Shanghai', holidays });
    const start = new Date('2026-12-02T02:00:00Z'); // Wed 10:00 in Shanghai
    expect(addDuration(start, { amount: 2, unit: 'days' }, opts(before))).toEqual(new Date('2026-12-04T02:00:00Z'));

    const day = await upsertCalendarDay(admin, { date: '2026-12-03', kind: 'holiday', name: ' 停电检修 ' });
    expect(day).toEqual({ date: '2026-12-03', kind: 'holiday', name: '停电检修', source: 'manual' });
    const after = await loadHolidayCalendar(admin.db, companyId);
    expect(after.isWorkingDay('2026-12-03')).toBe(false);
    expect(addDuration(start, { amount: 2, unit: 'days' }, opts(after))).toEqual(new Date('2026-12-07T02:00:00Z'));

    // A make-up working day on a Saturday.
    await upsertCalendarDay(admin, { date: '2026-12-05', kind: 'workday' });
    expect((await loadHolidayCalendar(admin.db, companyId)).isWorkingDay('2026-12-05')).toBe(true);

    await deleteCalendarDay(admin, '2026-12-03');
    await deleteCalendarDay(admin, '2026-12-05');
    const reverted = await loadHolidayCalendar(admin.db, companyId);
    expect(reverted.isWorkingDay('2026-12-03')).toBe(true);
    expect(reverted.isWorkingDay('2026-12-05')).toBe(false);
  });

  it('is cached: a change made around this module shows after invalidation (or the TTL)', async () => {
    const first = await loadHolidayCalendar(admin.db, companyId);
    expect(await loadHolidayCalendar(admin.db, companyId)).toBe(first);
    await admin.db
      .insertInto('calendar_days')
      .values({
        company_id: companyId,
        date: '2026-12-10',
        kind: 'holiday',
        name: null,
        source: 'manual',
        updated_at: clock.now().toISOString(),
        updated_by: null,
      })
      .execute();
    expect((await loadHolidayCalendar(admin.db, companyId)).isWorkingDay('2026-12-10')).toBe(true);
    invalidateHolidayCalendar(admin.db, companyId);
    expect((await loadHolidayCalendar(admin.db, companyId)).isWorkingDay('2026-12-10')).toBe(false);
  });

  it('lists one year in date order, for any staff member', async () => {
    const { project } = await makeProject(admin);
    const { ctx: desk } = await makeStaff(admin, project.id, 'frontdesk');
    const { items } = await listCalendarDays(desk, { year: 2026 });
    expect(items.length).toBeGreaterThan(30);
    expect(items.every((d) => d.date.startsWith('2026-'))).toBe(true);
    expect(items.map((d) => d.date)).toEqual([...items.map((d) => d.date)].sort());
    expect(items.find((d) => d.date === '2026-10-01')).toEqual({
      date: '2026-10-01',
      kind: 'holiday',
      name: '国庆节',
      source: 'chinese-days',
    });
    expect((await listCalendarDays(desk, { year: 2099 })).items).toEqual([]);
  });

  it('a front-desk assistant cannot edit', async () => {
    const { project } = await makeProject(admin);
    const { ctx: desk } = await makeStaff(admin, project.id, 'frontdesk');
    await expect(upsertCalendarDay(desk, { date: '2026-12-11', kind: 'holiday' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
    await expect(deleteCalendarDay(desk, '2026-10-01')).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(await rowsOf(companyId).then((rows) => rows.some((r) => r.date === '2026-12-11'))).toBe(false);
  });

  it('every edit is audited with before and after', async () => {
    await upsertCalendarDay(admin, { date: '2026-12-14', kind: 'holiday', name: '检修' });
    await upsertCalendarDay(admin, { date: '2026-12-14', kind: 'holiday', name: '全面检修' });
    await deleteCalendarDay(admin, '2026-12-14');
    const audits = await auditOf('2026-12-14');
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(audits.every((a) => a.actor_kind === 'staff' && a.actor_id === admin.actor.id && a.company_id === companyId)).toBe(true);
    expect(JSON.parse(audits[0].after_json!)).toEqual({ date: '2026-12-14', kind: 'holiday', name: '检修', source: 'manual' });
    expect(JSON.parse(audits[1].before_json!)).toMatchObject({ name: '检修' });
    expect(JSON.parse(audits[1].after_json!)).toMatchObject({ name: '全面检修' });
    expect(JSON.parse(audits[2].before_json!)).toMatchObject({ name: '全面检修' });
    expect(audits[2].after_json).toBeNull();
  });

  it('overriding an official day and deleting the override brings the official day back', async () => {
    const day = await upsertCalendarDay(admin, { date: '2026-10-08', kind: 'holiday', name: '国庆节' });
    expect(day.source).toBe('manual');
    // 2026-10-08 is not in the official schedule: deleting removes it.
    await deleteCalendarDay(admin, '2026-10-08');
    expect((await rowsOf(companyId)).some((r) => r.date === '2026-10-08')).toBe(false);

    await upsertCalendarDay(admin, { date: '2026-09-20', kind: 'holiday', name: '不补班' });
    expect((await loadHolidayCalendar(admin.db, companyId)).isWorkingDay('2026-09-20')).toBe(false);
    await deleteCalendarDay(admin, '2026-09-20');
    expect((await rowsOf(companyId)).find((r) => r.date === '2026-09-20')).toEqual({
      date: '2026-09-20',
      kind: 'workday',
      name: '国庆节',
      source: 'chinese-days',
    });
    expect((await loadHolidayCalendar(admin.db, companyId)).isWorkingDay('2026-09-20')).toBe(true);
    expect(JSON.parse((await auditOf('2026-09-20')).at(-1)!.after_json!)).toMatchObject({ source: 'chinese-days', kind: 'workday' });
  });

  it('an official day cannot be deleted, a missing one is 404', async () => {
    await expect(deleteCalendarDay(admin, '2026-10-01')).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });
    await expect(deleteCalendarDay(admin, '2026-12-25')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('bad input names the field', async () => {
    const fails = (p: Promise<unknown>, path: string) =>
      expect(p).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400, fields: [expect.objectContaining({ path })] });
    await fails(upsertCalendarDay(admin, { date: '2026-02-30', kind: 'holiday' }), 'date');
    await fails(upsertCalendarDay(admin, { date: '26-10-01', kind: 'holiday' }), 'date');
    await fails(upsertCalendarDay(admin, { date: '2026-10-01', kind: 'weekend' as never }), 'kind');
    await fails(upsertCalendarDay(admin, { date: '2026-10-01', kind: 'holiday', name: '节'.repeat(51) }), 'name');
    await fails(deleteCalendarDay(admin, '2026-13-01'), 'date');
    await fails(listCalendarDays(admin, { year: 1999 }), 'year');
    await fails(listCalendarDays(admin, { year: 2026.5 }), 'year');
  });
});
