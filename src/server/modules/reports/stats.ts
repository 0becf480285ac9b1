/**
 * Small pure helpers of the reports: local days and months as UTC ranges, exact percentiles and
 * rates. Timestamps are stored as ISO-8601 UTC text, so a local period becomes a half-open text
 * range [from, to) that the (project_id, type, received_at) index can serve.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { MinutesSummary } from '../../../shared/reports.ts';
import { localDate } from '../../platform/calendar.ts';

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
  return { from: startOfLocalDay(first, timeZone), to: startOfLocalDay(nextDay(last), timeZone) };
}

export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The month `n` months after (or before, n < 0) a month YYYY-MM. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A local month as a UTC range: a complaint at 2026-10-31T17:00Z is November in Asia/Shanghai. */
export function localMonthRange(month: string, timeZone: string): Range {
  return { from: startOfLocalDay(`${month}-01`, timeZone), to: startOfLocalDay(`${addMonths(month, 1)}-01`, timeZone) };
}

export function localMonthOf(instant: Date, timeZone: string): string {
  return localDate(instant, timeZone).slice(0, 7);
}

/**
 * Nearest-rank percentile of values sorted ascending: the value at rank ⌈p·n⌉ (1-based), so always
 * an observed value. undefined for no values.
 */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}

/** Median and p90 (nearest rank) of whole minutes. */
export function summarizeMinutes(values: ArrayLike<number>): MinutesSummary {
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, median: nearestRank(sorted, 0.5) ?? null, p90: nearestRank(sorted, 0.9) ?? null };
}

/** Whole minutes (rounded down, never negative) from one ISO instant to a later one. */
export function minutesBetween(fromIso: string, toIso: string): number {
  return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
}

/** a ÷ b, or null when b is 0. */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** Counts from the database: numbers on SQLite, numbers (bigint parsed) or null on PostgreSQL. */
export function n(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
