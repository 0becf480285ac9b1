/**
 * Calendar periods as the regulations count them — days, ISO weeks (Monday first), months,
 * quarters, half-years and years — on local calendar dates (`YYYY-MM-DD`). Pure arithmetic, shared by
 * the server and the web; where a period meets instants (timestamps), platform/periods.ts turns it
 * into a UTC range in the project's time zone.
 *
 * Period keys: `2026-12-07` (day), `2026-W49` (ISO week), `2026-12` (month), `2026-Q4` (quarter),
 * `2026-H2` (half-year), `2026` (year).
 */

export const periodKinds = ['day', 'week', 'month', 'quarter', 'half', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export interface Period {
  kind: PeriodKind;
  /** The key, e.g. 2026-Q4. */
  key: string;
  /** First local day (inclusive). */
  from: string;
  /** Last local day (inclusive). */
  to: string;
}

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function toUtc(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}
function fromUtc(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Whether a text is a real calendar day YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return fromUtc(toUtc(text)) === text;
}

/** The day `n` days after (or before) a date. */
export function addDays(date: string, n: number): string {
  return fromUtc(toUtc(date) + n * DAY_MS);
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** Days in a month `YYYY-MM`. */
export function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

/**
 * The date or month `n` months later (earlier for n < 0). A date keeps its day of the month, or
 * takes the month's last day when that day does not exist (08-31 + 6 months = 02-28).
 */
export function addMonths(dateOrMonth: string, n: number): string {
  const y = Number(dateOrMonth.slice(0, 4));
  const m = Number(dateOrMonth.slice(5, 7));
  const index = y * 12 + (m - 1) + n;
  const month = `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
  if (dateOrMonth.length === 7) return month;
  return `${month}-${pad(Math.min(Number(dateOrMonth.slice(8, 10)), daysInMonth(month)))}`;
}

/** Day of the week, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(toUtc(date)).getUTCDay() + 6) % 7) + 1;
}

/** The ISO week of a date: its year (which may differ from the date's at New Year) and number. */
function isoWeek(date: string): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  return { year, week: Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1 };
}

/** The period of a kind that holds a date. */
export function periodOf(kind: PeriodKind, date: string): Period {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  switch (kind) {
    case 'day':
      return { kind, key: date, from: date, to: date };
    case 'week': {
      const { year, week } = isoWeek(date);
      const from = addDays(date, 1 - isoWeekday(date));
      return { kind, key: `${year}-W${pad(week)}`, from, to: addDays(from, 6) };
    }
    case 'month': {
      const month = date.slice(0, 7);
      return { kind, key: month, from: `${month}-01`, to: `${month}-${pad(daysInMonth(month))}` };
    }
    case 'quarter': {
      const q = Math.floor((m - 1) / 3);
      const last = `${y}-${pad(q * 3 + 3)}`;
      return { kind, key: `${y}-Q${q + 1}`, from: `${y}-${pad(q * 3 + 1)}-01`, to: `${last}-${pad(daysInMonth(last))}` };
    }
    case 'half': {
      const h = m <= 6 ? 1 : 2;
      return { kind, key: `${y}-H${h}`, from: `${y}-${h === 1 ? '01' : '07'}-01`, to: `${y}-${h === 1 ? '06-30' : '12-31'}` };
    }
    case 'year':
      return { kind, key: String(y), from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

/** A period from its key, or null when the key is not one. */
export function parsePeriod(key: string): Period | null {
  let m: RegExpExecArray | null;
  if (isCalendarDate(key)) return periodOf('day', key);
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key))) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    // Week 1 holds the year's first Thursday.
    const jan4 = `${m[1]}-01-04`;
    const from = addDays(addDays(jan4, 1 - isoWeekday(jan4)), (week - 1) * 7);
    const p = periodOf('week', from);
    return week >= 1 && isoWeek(from).year === year ? p : null;
  }
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key))) return periodOf('month', `${key}-01`);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return periodOf('quarter', `${m[1]}-${pad((Number(m[2]) - 1) * 3 + 1)}-01`);
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return periodOf('half', `${m[1]}-${m[2] === '1' ? '01' : '07'}-01`);
  if (/^\d{4}$/.test(key)) return periodOf('year', `${key}-01-01`);
  return null;
}

/** The period `n` periods after (before, n < 0) a period of the same kind. */
export function shiftPeriod(period: Period, n: number): Period {
  switch (period.kind) {
    case 'day':
      return periodOf('day', addDays(period.from, n));
    case 'week':
      return periodOf('week', addDays(period.from, 7 * n));
    case 'month':
      return periodOf('month', addMonths(period.from, n));
    case 'quarter':
      return periodOf('quarter', addMonths(period.from, 3 * n));
    case 'half':
      return periodOf('half', addMonths(period.from, 6 * n));
    case 'year':
      return periodOf('year', addMonths(period.from, 12 * n));
  }
}

/** The periods of a kind that overlap the days `from`…`to` (inclusive), in order. */
export function periodsBetween(kind: PeriodKind, from: string, to: string): Period[] {
  const out: Period[] = [];
  for (let p = periodOf(kind, from); p.from <= to; p = shiftPeriod(p, 1)) out.push(p);
  return out;
}
