/**
 * Small pure helpers of the reports: exact percentiles, durations and rates. Local periods as UTC
 * ranges are in platform/periods.ts.
 */
import type { MinutesSummary } from '../../../shared/reports.ts';

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
