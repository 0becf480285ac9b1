/**
 * Periods meet instants: a local day, month or any period of src/shared/periods.ts as a half-open
 * UTC range [from, to) in a project's time zone, for queries on ISO timestamp columns (a complaint at
 * 2026-10-31T17:00Z belongs to November in Asia/Shanghai).
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { addDays, parsePeriod, type Period } from '../../shared/periods.ts';
import { localDate } from './calendar.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface Range {
  /** Inclusive, ISO UTC. */
  from: string;
  /** Exclusive, ISO UTC. */
  to: string;
}

/** The instant a local date (YYYY-MM-DD) begins in a time zone, as ISO UTC text. */
export function startOfLocalDay(date: string, timeZone: string): string {
  return dayjs.tz(date, timeZone).toDate().toISOString();
}

/** The local days `first`…`last` (inclusive) as a UTC range. */
export function localDaysRange(first: string, last: string, timeZone: string): Range {
  return { from: startOfLocalDay(first, timeZone), to: startOfLocalDay(addDays(last, 1), timeZone) };
}

/** A period's days as a UTC range. */
export function localPeriodRange(period: Pick<Period, 'from' | 'to'>, timeZone: string): Range {
  return localDaysRange(period.from, period.to, timeZone);
}

/** A local month YYYY-MM as a UTC range. */
export function localMonthRange(month: string, timeZone: string): Range {
  const period = parsePeriod(month);
  if (!period || period.kind !== 'month') throw new Error(`not a month: ${month}`);
  return localPeriodRange(period, timeZone);
}

/** The local month YYYY-MM of an instant. */
export function localMonthOf(instant: Date, timeZone: string): string {
  return localDate(instant, timeZone).slice(0, 7);
}
