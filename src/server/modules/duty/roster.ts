/**
 * The arithmetic of the duty roster, free of the database: when a shift of a template runs on a
 * date (summer or normal hours, across midnight), and the coverage check of a period — every gap in
 * which nobody staffs the center, every person booked twice at once, every shift staffed by the
 * wrong department (SPEC §4, seed 001 篇5 一、二、六).
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { DutyPolicy, ShiftHours, ShiftTemplate } from '../../../shared/policies.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

export type Season = 'normal' | 'summer';

/** Whether a local date (YYYY-MM-DD) falls in the summer period (MM-DD to MM-DD, inclusive; may wrap the new year). */
export function seasonOf(date: string, summer: DutyPolicy['summer']): Season {
  const md = date.slice(5);
  const inSummer = summer.from <= summer.to ? md >= summer.from && md <= summer.to : md >= summer.from || md <= summer.to;
  return inSummer ? 'summer' : 'normal';
}

/** The instant of a local date and wall-clock time in a time zone. */
export function localInstant(date: string, time: string, timeZone: string): Date {
  return dayjs.tz(`${date} ${time}`, 'YYYY-MM-DD HH:mm', timeZone).toDate();
}

function nextDate(date: string): string {
  return dayjs.utc(date).add(1, 'day').format('YYYY-MM-DD');
}

export interface ShiftTimes {
  season: Season;
  startsAt: Date;
  endsAt: Date;
  breakStartAt: Date | null;
  breakEndAt: Date | null;
}

/** When a shift that starts on a local date runs. An end (or break) at or before the start is on the next day. */
export function shiftTimes(
  template: Pick<ShiftTemplate, 'normal' | 'summer'>,
  date: string,
  timeZone: string,
  summer: DutyPolicy['summer'],
): ShiftTimes {
  const season = seasonOf(date, summer);
  const hours: ShiftHours = template[season];
  const at = (time: string) => localInstant(time > hours.start ? date : nextDate(date), time, timeZone);
  const startsAt = localInstant(date, hours.start, timeZone);
  const endsAt = at(hours.end);
  const breakStartAt = hours.breakStart ? at(hours.breakStart) : null;
  const breakEndAt = hours.breakEnd ? at(hours.breakEnd) : null;
  return { season, startsAt, endsAt, breakStartAt, breakEndAt };
}

/** The stored columns of a shift planned from a template on a date (its instants computed now). */
export function shiftColumns(t: ShiftTemplate, date: string, timeZone: string, summer: DutyPolicy['summer']) {
  const times = shiftTimes(t, date, timeZone, summer);
  return {
    times,
    columns: {
      shift_code: t.code,
      shift_name: t.name,
      department: t.department,
      at_center: t.atCenter ? 1 : 0,
      handover: t.handover ? 1 : 0,
      date,
      season: times.season,
      starts_at: times.startsAt.toISOString(),
      ends_at: times.endsAt.toISOString(),
      break_start_at: times.breakStartAt?.toISOString() ?? null,
      break_end_at: times.breakEndAt?.toISOString() ?? null,
    },
  };
}

// ---------- coverage ----------

export interface CoverageShift {
  id: number;
  staffId: number;
  staffName: string;
  shiftCode: string;
  shiftName: string;
  date: string;
  /** The department the shift asks for, and the staff member's. */
  expectedDepartment: string;
  staffDepartment: string | null;
  atCenter: boolean;
  startsAt: string;
  endsAt: string;
  breakStartAt: string | null;
  breakEndAt: string | null;
}

export interface CoverageGap {
  from: string;
  to: string;
  minutes: number;
}

export interface CoverageOverlap {
  staffId: number;
  staffName: string;
  from: string;
  to: string;
  minutes: number;
  /** The two assignments booked at the same time. */
  assignmentIds: [number, number];
  shifts: [string, string];
}

export interface WrongDepartment {
  assignmentId: number;
  staffId: number;
  staffName: string;
  shiftCode: string;
  shiftName: string;
  date: string;
  expected: string;
  actual: string | null;
}

export interface Coverage {
  from: string;
  to: string;
  gaps: CoverageGap[];
  overlaps: CoverageOverlap[];
  wrongDepartment: WrongDepartment[];
  /** Minutes of the period with someone on duty at the center. */
  coveredMinutes: number;
  totalMinutes: number;
}

type Interval = [number, number];

/** The time a shift actually staffs the center: its span without its break. */
export function presence(s: Pick<CoverageShift, 'startsAt' | 'endsAt' | 'breakStartAt' | 'breakEndAt'>): Interval[] {
  const start = Date.parse(s.startsAt);
  const end = Date.parse(s.endsAt);
  if (!s.breakStartAt || !s.breakEndAt) return [[start, end]];
  const bs = Math.max(start, Date.parse(s.breakStartAt));
  const be = Math.min(end, Date.parse(s.breakEndAt));
  if (bs >= be) return [[start, end]];
  return [
    [start, bs],
    [be, end],
  ].filter(([a, b]) => b > a) as Interval[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const minutes = (a: number, b: number) => Math.round((b - a) / 60_000);

/**
 * The coverage of [from, to): gaps where no at-center shift is present, pairs of one person's
 * shifts that overlap (outside their breaks), shifts staffed
 * from another department than the template asks.
 */
export function checkCoverage(shifts: CoverageShift[], from: Date, to: Date): Coverage {
  const lo = from.getTime();
  const hi = to.getTime();
  const covered: Interval[] = shifts
    .filter((s) => s.atCenter)
    .flatMap(presence)
    .map(([a, b]): Interval => [Math.max(a, lo), Math.min(b, hi)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const gaps: CoverageGap[] = [];
  let cursor = lo;
  let coveredMs = 0;
  for (const [a, b] of covered) {
    if (a > cursor) gaps.push({ from: iso(cursor), to: iso(a), minutes: minutes(cursor, a) });
    if (b > cursor) {
      coveredMs += b - Math.max(a, cursor);
      cursor = b;
    }
  }
  if (cursor < hi) gaps.push({ from: iso(cursor), to: iso(hi), minutes: minutes(cursor, hi) });

  const overlaps: CoverageOverlap[] = [];
  const byStaff = new Map<number, CoverageShift[]>();
  for (const s of shifts) byStaff.set(s.staffId, [...(byStaff.get(s.staffId) ?? []), s]);
  for (const list of byStaff.values()) {
    list.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if (Date.parse(b.startsAt) >= Date.parse(a.endsAt)) continue;
        // A break is not a booking: the noon duty in the day shift's lunch break is no double booking.
        let start = Infinity;
        let end = -Infinity;
        let both = 0;
        for (const [a0, a1] of presence(a))
          for (const [b0, b1] of presence(b)) {
            const s0 = Math.max(a0, b0, lo);
            const s1 = Math.min(a1, b1, hi);
            if (s1 > s0) {
              both += s1 - s0;
              start = Math.min(start, s0);
              end = Math.max(end, s1);
            }
          }
        if (end <= start) continue;
        overlaps.push({
          staffId: a.staffId,
          staffName: a.staffName,
          from: iso(start),
          to: iso(end),
          minutes: minutes(0, both),
          assignmentIds: [a.id, b.id],
          shifts: [a.shiftName, b.shiftName],
        });
      }
    }
  }
  overlaps.sort((x, y) => x.from.localeCompare(y.from));

  const wrongDepartment: WrongDepartment[] = shifts
    .filter((s) => s.staffDepartment !== s.expectedDepartment)
    .filter((s) => Date.parse(s.endsAt) > lo && Date.parse(s.startsAt) < hi)
    .sort((x, y) => x.startsAt.localeCompare(y.startsAt))
    .map((s) => ({
      assignmentId: s.id,
      staffId: s.staffId,
      staffName: s.staffName,
      shiftCode: s.shiftCode,
      shiftName: s.shiftName,
      date: s.date,
      expected: s.expectedDepartment,
      actual: s.staffDepartment,
    }));
  return {
    from: iso(lo),
    to: iso(hi),
    gaps,
    overlaps,
    wrongDepartment,
    coveredMinutes: minutes(0, coveredMs),
    totalMinutes: minutes(lo, hi),
  };
}
