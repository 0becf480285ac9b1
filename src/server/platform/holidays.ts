/**
 * The company's holiday calendar (table calendar_days): China's statutory holidays and 调休
 * make-up working days, loaded from the chinese-days package and corrected by administrators.
 * The working-day calendar of deadlines (calendar.ts) reads it through loadHolidayCalendar.
 *
 * Rows come from two sources: 'chinese-days' rows are owned by the seeder and follow the package
 * when it is updated; 'manual' rows are the administrator's and the seeder never touches them.
 */
import type { z } from 'zod';
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { Db, Executor, Trx } from '../db/database.ts';
import {
  calendarDateParam,
  calendarDaysQuery,
  calendarDayUpsert,
  type CalendarDay,
  type CalendarDayUpsert,
} from '../../shared/calendar.ts';
import { writeAudit } from './audit.ts';
import { HolidayCalendar, type CalendarDayKind } from './calendar.ts';
import type { Clock } from './clock.ts';
import type { ServiceContext } from './context.ts';
import { AppError, notFound, type FieldError } from './errors.ts';
import { requirePermission, requireStaff } from './permissions.ts';

export type CalendarDaySource = 'chinese-days' | 'manual';

export interface HolidayEntry {
  date: string;
  kind: CalendarDayKind;
  /** Chinese name of the holiday (国庆节); on a make-up working day, the holiday it makes up for. */
  name: string;
}

// ---------- the chinese-days data ----------

/**
 * The package's own data file, read directly rather than through its date functions: those parse
 * 'YYYY-MM-DD' as UTC midnight and then read local fields, so on a server west of UTC every date
 * comes out one day early (getDayDetail('2026-10-01') returns 2026-09-30 under TZ=America/New_York).
 * The file maps each date to "English name,中文名,statutory days".
 */
interface ChineseDaysFile {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let packageEntries: HolidayEntry[] | undefined;

/** Every holiday and make-up working day the chinese-days package knows, in date order. */
export function chineseDaysEntries(): readonly HolidayEntry[] {
  if (!packageEntries) {
    const file = chineseDaysData as ChineseDaysFile;
    const read = (map: Record<string, string>, kind: CalendarDayKind): HolidayEntry[] =>
      Object.entries(map).map(([date, description]) => {
        const name = description.split(',')[1]?.trim();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !name) throw new Error(`chinese-days: unexpected entry ${date} = ${description}`);
        return { date, kind, name };
      });
    packageEntries = [...read(file.holidays, 'holiday'), ...read(file.workdays, 'workday')].sort((a, b) => a.date.localeCompare(b.date));
  }
  return packageEntries;
}

/** The first and last year the chinese-days package has a schedule for (the State Council publishes each year's in November or December). */
export function chineseDaysYears(): { fromYear: number; toYear: number } {
  const entries = chineseDaysEntries();
  return { fromYear: Number(entries[0].date.slice(0, 4)), toYear: Number(entries[entries.length - 1].date.slice(0, 4)) };
}

// ---------- seeding ----------

export interface SeedResult {
  inserted: number;
  /** chinese-days rows whose kind or name changed in a newer package. */
  updated: number;
  /** chinese-days rows the package no longer lists. */
  removed: number;
  /** Package days left alone because the company entered them by hand. */
  keptManual: number;
}

/**
 * Brings a company's calendar in line with the chinese-days package for the given years (by
 * default every year the package has): inserts missing days, follows corrections of earlier
 * package versions, and never touches a 'manual' row. Idempotent, and safe when two servers seed
 * at once (inserts skip dates that appeared meanwhile). Runs in the given transaction, or its own;
 * given a transaction, call invalidateHolidayCalendar(db, companyId) on the database after commit
 * if the company's calendar may already be cached (a brand-new company's is not).
 */
export async function seedHolidays(
  db: Executor,
  companyId: number,
  clock: Clock,
  years: { fromYear?: number; toYear?: number } = {},
): Promise<SeedResult> {
  const known = chineseDaysYears();
  const fromYear = years.fromYear ?? known.fromYear;
  const toYear = years.toYear ?? known.toYear;
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new RangeError(`seedHolidays: bad year range ${fromYear}–${toYear}`);
  }
  const from = `${String(fromYear).padStart(4, '0')}-01-01`;
  const to = `${String(toYear).padStart(4, '0')}-12-31`;
  const wanted = chineseDaysEntries().filter((e) => e.date >= from && e.date <= to);
  const now = clock.now().toISOString();

  const run = async (trx: Executor): Promise<SeedResult> => {
    const existing = await trx
      .selectFrom('calendar_days')
      .select(['date', 'kind', 'name', 'source'])
      .where('company_id', '=', companyId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute();
    const byDate = new Map(existing.map((r) => [r.date, r]));
    const result: SeedResult = { inserted: 0, updated: 0, removed: 0, keptManual: 0 };
    const inserts: HolidayEntry[] = [];
    for (const entry of wanted) {
      const row = byDate.get(entry.date);
      if (!row) inserts.push(entry);
      else if (row.source !== 'chinese-days') result.keptManual++;
      else if (row.kind !== entry.kind || row.name !== entry.name) {
        await trx
          .updateTable('calendar_days')
          .set({ kind: entry.kind, name: entry.name, updated_at: now, updated_by: null })
          .where('company_id', '=', companyId)
          .where('date', '=', entry.date)
          .where('source', '=', 'chinese-days')
          .execute();
        result.updated++;
      }
    }
    for (let i = 0; i < inserts.length; i += 200) {
      const chunk = inserts.slice(i, i + 200);
      const done = await trx
        .insertInto('calendar_days')
        .values(
          chunk.map((e) => ({
            company_id: companyId,
            date: e.date,
            kind: e.kind,
            name: e.name,
            source: 'chinese-days',
            updated_at: now,
            updated_by: null,
          })),
        )
        .onConflict((oc) => oc.columns(['company_id', 'date']).doNothing())
        .executeTakeFirst();
      result.inserted += Number(done.numInsertedOrUpdatedRows ?? 0);
    }
    const wantedDates = new Set(wanted.map((e) => e.date));
    const stale = existing.filter((r) => r.source === 'chinese-days' && !wantedDates.has(r.date)).map((r) => r.date);
    for (let i = 0; i < stale.length; i += 200) {
      await trx
        .deleteFrom('calendar_days')
        .where('company_id', '=', companyId)
        .where('source', '=', 'chinese-days')
        .where('date', 'in', stale.slice(i, i + 200))
        .execute();
    }
    result.removed = stale.length;
    if (result.inserted || result.updated || result.removed) {
      await trx
        .insertInto('audit_log')
        .values({
          at: now,
          company_id: companyId,
          project_id: null,
          actor_kind: 'system',
          actor_id: null,
          action: 'seed',
          entity: 'calendar_days',
          entity_id: null,
          before_json: null,
          after_json: JSON.stringify({ source: 'chinese-days', fromYear, toYear, ...result }),
          reason: null,
          ip: null,
        })
        .execute();
    }
    return result;
  };

  const result = db.isTransaction ? await run(db) : await (db as Db).transaction().execute(run);
  invalidateHolidayCalendar(db, companyId);
  return result;
}

// ---------- the per-process cache ----------

/**
 * Loaded calendars per database handle and company. An edit through this module clears its entry
 * at once; other app servers running side by side keep their copy until the TTL runs out, so a
 * holiday an administrator adds reaches every server's deadlines within a minute.
 */
const CACHE_TTL_MS = 60_000;
const cache = new WeakMap<object, Map<number, { loadedAt: number; calendar: Promise<HolidayCalendar> }>>();

/** The company's calendar for deadline arithmetic; cached for CACHE_TTL_MS (not inside a transaction). */
export function loadHolidayCalendar(db: Executor, companyId: number): Promise<HolidayCalendar> {
  if (db.isTransaction) return readCalendar(db, companyId);
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  // Monotonic process time, not the business clock: this only ages a cache entry.
  const now = performance.now();
  const hit = perDb.get(companyId);
  if (hit && now - hit.loadedAt < CACHE_TTL_MS) return hit.calendar;
  const calendar = readCalendar(db, companyId);
  const entry = { loadedAt: now, calendar };
  perDb.set(companyId, entry);
  calendar.catch(() => {
    if (perDb.get(companyId) === entry) perDb.delete(companyId);
  });
  return calendar;
}

/** Forgets the cached calendar of a company, so the next load reads the table. */
export function invalidateHolidayCalendar(db: Executor, companyId: number): void {
  cache.get(db)?.delete(companyId);
}

async function readCalendar(db: Executor, companyId: number): Promise<HolidayCalendar> {
  const rows = await db.selectFrom('calendar_days').select(['date', 'kind']).where('company_id', '=', companyId).execute();
  return new HolidayCalendar(rows.map((r) => ({ date: r.date, kind: r.kind as CalendarDayKind })));
}

// ---------- the admin service ----------

function parse<T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: FieldError[] = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || 'body', message: issue.message }));
  throw new AppError('VALIDATION_FAILED', fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
}

type CalendarRow = { date: string; kind: string; name: string | null; source: string };

function toCalendarDay(row: CalendarRow): CalendarDay {
  return { date: row.date, kind: row.kind as CalendarDayKind, name: row.name, source: row.source as CalendarDaySource };
}

async function findDay(db: Executor, companyId: number, date: string): Promise<CalendarRow | undefined> {
  return db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name', 'source'])
    .where('company_id', '=', companyId)
    .where('date', '=', date)
    .executeTakeFirst();
}

/** The marked days of one year, in date order. Any staff member may read the calendar. */
export async function listCalendarDays(ctx: ServiceContext, query: { year: number }): Promise<{ items: CalendarDay[] }> {
  const actor = requireStaff(ctx.actor);
  const { year } = parse(calendarDaysQuery, query);
  const rows = await ctx.db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name', 'source'])
    .where('company_id', '=', actor.companyId)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
  return { items: rows.map(toCalendarDay) };
}

/**
 * Marks a date as a holiday or a make-up working day for the whole company (source 'manual', so
 * later seeding keeps it). Replaces whatever the date had, including a chinese-days row.
 */
export async function upsertCalendarDay(ctx: ServiceContext, input: { date: string } & CalendarDayUpsert): Promise<CalendarDay> {
  const actor = requirePermission(ctx, 'company.admin');
  const { date } = parse(calendarDateParam, { date: input.date });
  const { kind, name } = parse(calendarDayUpsert, { kind: input.kind, name: input.name });
  const now = ctx.clock.now().toISOString();
  const after = await ctx.db.transaction().execute(async (trx) => {
    const before = await findDay(trx, actor.companyId, date);
    const values = { kind, name: name || null, source: 'manual', updated_at: now, updated_by: actor.id };
    const row = await trx
      .insertInto('calendar_days')
      .values({ company_id: actor.companyId, date, ...values })
      .onConflict((oc) => oc.columns(['company_id', 'date']).doUpdateSet(values))
      .returning(['date', 'kind', 'name', 'source'])
      .executeTakeFirstOrThrow();
    const day = toCalendarDay(row);
    await writeAudit(trx, ctx, {
      action: before ? 'update' : 'create',
      entity: 'calendar_day',
      entityId: date,
      before: before ? toCalendarDay(before) : undefined,
      after: day,
    });
    return day;
  });
  invalidateHolidayCalendar(ctx.db, actor.companyId);
  return after;
}

/**
 * Removes the company's own entry for a date. Where the official schedule (chinese-days) has that
 * date, its entry comes back — a company cannot delete an official holiday, only override it
 * (PUT with kind 'workday' makes it a working day). Deleting an official entry itself is a 409.
 */
export async function deleteCalendarDay(ctx: ServiceContext, input: string): Promise<void> {
  const actor = requirePermission(ctx, 'company.admin');
  const { date } = parse(calendarDateParam, { date: input });
  const official = chineseDaysEntries().find((e) => e.date === date);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx: Trx) => {
    const before = await findDay(trx, actor.companyId, date);
    if (!before) throw notFound('Calendar day');
    if (before.source !== 'manual') {
      throw new AppError(
        'CONFLICT',
        `${date} is on the official holiday schedule; override it with kind 'workday' or 'holiday' instead of deleting it`,
      );
    }
    await trx.deleteFrom('calendar_days').where('company_id', '=', actor.companyId).where('date', '=', date).execute();
    let after: CalendarDay | undefined;
    if (official) {
      const restored = { kind: official.kind, name: official.name, source: 'chinese-days', updated_at: now, updated_by: actor.id };
      await trx
        .insertInto('calendar_days')
        .values({ company_id: actor.companyId, date, ...restored })
        .execute();
      after = toCalendarDay({ date, ...restored });
    }
    await writeAudit(trx, ctx, { action: 'delete', entity: 'calendar_day', entityId: date, before: toCalendarDay(before), after });
  });
  invalidateHolidayCalendar(ctx.db, actor.companyId);
}
