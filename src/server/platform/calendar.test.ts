import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Duration } from '../../shared/policies.ts';
import {
  addDuration,
  countedMinutes,
  endOfLocalDay,
  HolidayCalendar,
  isIsoDate,
  localDate,
  minutesLate,
  type AddDurationOptions,
  type CalendarDayEntry,
  type Pause,
} from './calendar.ts';

/**
 * China's 2025 and 2026 holidays as the State Council published them (国办发明电〔2024〕12号 and
 * 〔2025〕7号), typed in by hand so these tests do not trust the chinese-days package they check
 * (test/services/calendar.test.ts compares the seeded rows with the same dates).
 */
function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}
const holidays2025 = [
  '2025-01-01',
  ...range('2025-01-28', '2025-02-04'), // 春节
  ...range('2025-04-04', '2025-04-06'), // 清明
  ...range('2025-05-01', '2025-05-05'), // 劳动节
  ...range('2025-05-31', '2025-06-02'), // 端午
  ...range('2025-10-01', '2025-10-08'), // 国庆节 + 中秋
];
const workdays2025 = ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'];
const holidays2026 = [
  ...range('2026-01-01', '2026-01-03'), // 元旦
  ...range('2026-02-15', '2026-02-23'), // 春节
  ...range('2026-04-04', '2026-04-06'), // 清明
  ...range('2026-05-01', '2026-05-05'), // 劳动节
  ...range('2026-06-19', '2026-06-21'), // 端午
  ...range('2026-09-25', '2026-09-27'), // 中秋
  ...range('2026-10-01', '2026-10-07'), // 国庆节
];
const workdays2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
const officialDays: CalendarDayEntry[] = [
  ...[...holidays2025, ...holidays2026].map((date) => ({ date, kind: 'holiday' as const })),
  ...[...workdays2025, ...workdays2026].map((date) => ({ date, kind: 'workday' as const })),
];
const china = new HolidayCalendar(officialDays);

/** A local time in Asia/Shanghai (UTC+8, no DST): sh('2026-11-20 10:00'). */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

const days = (amount: number): Duration => ({ amount, unit: 'days' });
const hours = (amount: number): Duration => ({ amount, unit: 'hours' });
const working = (extra: Partial<AddDurationOptions> = {}): AddDurationOptions => ({
  calendar: 'working',
  timeZone: SH,
  holidays: china,
  ...extra,
});
const natural = (extra: Partial<AddDurationOptions> = {}): AddDurationOptions => ({
  calendar: 'natural',
  timeZone: SH,
  holidays: china,
  ...extra,
});
const pause = (from: string, to: string | null): Pause => ({ from: sh(from), to: to === null ? null : sh(to) });

describe('HolidayCalendar', () => {
  it('is Monday–Friday without holidays, plus make-up working days', () => {
    // 2026 National Day: Thu 1 – Wed 7 October off, Sun 20 September and Sat 10 October worked.
    expect(range('2026-09-28', '2026-10-12').map((d) => [d, china.isWorkingDay(d)])).toEqual([
      ['2026-09-28', true],
      ['2026-09-29', true],
      ['2026-09-30', true],
      ['2026-10-01', false],
      ['2026-10-02', false],
      ['2026-10-03', false],
      ['2026-10-04', false],
      ['2026-10-05', false],
      ['2026-10-06', false],
      ['2026-10-07', false],
      ['2026-10-08', true],
      ['2026-10-09', true],
      ['2026-10-10', true], // Saturday, 调休上班
      ['2026-10-11', false],
      ['2026-10-12', true],
    ]);
    expect(china.isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休上班
    expect(china.isWorkingDay('2026-09-19')).toBe(false);
    expect(china.size).toBe(officialDays.length);
  });

  it('knows the 2026 Spring Festival and its two make-up Saturdays', () => {
    const week = range('2026-02-13', '2026-03-01').filter((d) => china.isWorkingDay(d));
    expect(week).toEqual(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']);
  });

  it('without rows is a plain Monday–Friday week', () => {
    expect(range('2026-10-01', '2026-10-07').filter((d) => HolidayCalendar.empty.isWorkingDay(d))).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
  });

  it('a working day marked workday stays one; a weekend marked holiday stays off', () => {
    const cal = new HolidayCalendar([
      { date: '2026-11-18', kind: 'workday' },
      { date: '2026-11-21', kind: 'holiday' },
    ]);
    expect(cal.isWorkingDay('2026-11-18')).toBe(true);
    expect(cal.isWorkingDay('2026-11-21')).toBe(false);
  });

  it('rejects what is not a date', () => {
    expect(() => new HolidayCalendar([{ date: '2026-02-30', kind: 'holiday' }])).toThrow(RangeError);
    expect(() => new HolidayCalendar([{ date: '2026/10/01', kind: 'holiday' }])).toThrow(RangeError);
    expect(() => new HolidayCalendar([{ date: '2026-10-01', kind: 'off' as never }])).toThrow(RangeError);
    expect(() => china.isWorkingDay('2026-13-01')).toThrow(RangeError);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-1-1')).toBe(false);
  });
});

describe('addDuration on the natural calendar', () => {
  it('counts every moment', () => {
    expect(addDuration(sh('2026-11-17 10:00'), days(2), natural())).toEqual(sh('2026-11-19 10:00'));
    // A weekend and National Day count like any other day.
    expect(addDuration(sh('2026-11-20 10:00'), days(2), natural())).toEqual(sh('2026-11-22 10:00'));
    expect(addDuration(sh('2026-09-30 10:00'), days(3), natural())).toEqual(sh('2026-10-03 10:00'));
    expect(addDuration(sh('2025-09-30 09:00'), days(10), natural())).toEqual(sh('2025-10-10 09:00'));
  });

  it('hours and days are the same clock', () => {
    const start = sh('2026-11-17 10:00');
    expect(addDuration(start, hours(48), natural())).toEqual(addDuration(start, days(2), natural()));
    expect(addDuration(start, hours(2), natural())).toEqual(sh('2026-11-17 12:00'));
    expect(addDuration(start, hours(0.5), natural())).toEqual(sh('2026-11-17 10:30'));
    expect(addDuration(start, days(1.5), natural())).toEqual(sh('2026-11-18 22:00'));
    expect(addDuration(sh('2026-11-17 23:00'), hours(2), natural())).toEqual(sh('2026-11-18 01:00'));
  });

  it('a zero duration ends where it starts; a negative one is an error', () => {
    expect(addDuration(sh('2026-11-21 15:00'), days(0), natural())).toEqual(sh('2026-11-21 15:00'));
    expect(() => addDuration(sh('2026-11-21 15:00'), days(-1), natural())).toThrow(RangeError);
    expect(() => addDuration(sh('2026-11-21 15:00'), days(Number.NaN), natural())).toThrow(RangeError);
    expect(() => addDuration(new Date('nonsense'), days(1), natural())).toThrow(RangeError);
  });
});

describe('addDuration on the working calendar', () => {
  it('skips weekends', () => {
    // Fri 10:00 → Fri 14 h + Mon 24 h + Tue 10 h.
    expect(addDuration(sh('2026-11-20 10:00'), days(2), working())).toEqual(sh('2026-11-24 10:00'));
    expect(addDuration(sh('2026-11-17 10:00'), days(2), working())).toEqual(sh('2026-11-19 10:00'));
    expect(addDuration(sh('2026-11-20 10:00'), days(5), working())).toEqual(sh('2026-11-27 10:00'));
  });

  it('a clock started on a weekend starts counting on Monday 00:00', () => {
    expect(addDuration(sh('2026-11-21 15:00'), days(2), working())).toEqual(sh('2026-11-25 00:00'));
    expect(addDuration(sh('2026-11-22 23:59'), days(1), working())).toEqual(sh('2026-11-24 00:00'));
    expect(addDuration(sh('2026-11-21 00:00'), days(1), working())).toEqual(sh('2026-11-24 00:00'));
    expect(addDuration(sh('2026-11-21 15:00'), hours(3), working())).toEqual(sh('2026-11-23 03:00'));
  });

  it('ends at the last counted moment rather than jumping the weekend', () => {
    // A day from Friday 00:00 is used up at Friday midnight, not on Monday.
    expect(addDuration(sh('2026-11-20 00:00'), days(1), working())).toEqual(sh('2026-11-21 00:00'));
    expect(addDuration(sh('2026-11-20 23:00'), hours(1), working())).toEqual(sh('2026-11-21 00:00'));
    expect(addDuration(sh('2026-11-20 23:00'), hours(2), working())).toEqual(sh('2026-11-23 01:00'));
    expect(addDuration(sh('2026-11-20 23:59'), hours(0.5), working())).toEqual(sh('2026-11-23 00:29'));
  });

  it('skips National Day 2026 and counts its make-up days', () => {
    // Wed 30 Sep 10:00: 14 h, 1–7 Oct off, Thu 8 Oct 24 h, Fri 9 Oct 10 h.
    expect(addDuration(sh('2026-09-30 10:00'), days(2), working())).toEqual(sh('2026-10-09 10:00'));
    // The third day falls on Saturday 10 October, a make-up working day.
    expect(addDuration(sh('2026-09-30 10:00'), days(3), working())).toEqual(sh('2026-10-10 10:00'));
    // Fri 18 Sep 10:00: 14 h, Sat off, Sun 20 Sep worked (24 h), Mon 10 h.
    expect(addDuration(sh('2026-09-18 10:00'), days(2), working())).toEqual(sh('2026-09-21 10:00'));
    expect(addDuration(sh('2026-09-18 10:00'), days(2), working({ holidays: HolidayCalendar.empty }))).toEqual(sh('2026-09-22 10:00'));
    // Received during the holiday: counting starts on Thursday 8 October.
    expect(addDuration(sh('2026-10-03 15:00'), days(1), working())).toEqual(sh('2026-10-09 00:00'));
    expect(addDuration(sh('2026-10-07 23:00'), hours(2), working())).toEqual(sh('2026-10-08 02:00'));
  });

  it('skips National Day 2025 (merged with Mid-Autumn, 1–8 October)', () => {
    // Sunday 28 September 2025 was worked: a clock from Saturday starts counting on it.
    expect(addDuration(sh('2025-09-27 15:00'), days(1), working())).toEqual(sh('2025-09-29 00:00'));
    // Tue 30 Sep 09:00: 15 h, 1–8 Oct off, Thu 9 Oct 24 h, Fri 10 Oct 9 h.
    expect(addDuration(sh('2025-09-30 09:00'), days(2), working())).toEqual(sh('2025-10-10 09:00'));
    // Sat 11 October 2025 was worked.
    expect(addDuration(sh('2025-10-10 12:00'), days(1), working())).toEqual(sh('2025-10-11 12:00'));
    expect(addDuration(sh('2025-10-10 12:00'), days(2), working())).toEqual(sh('2025-10-13 12:00'));
  });

  it('skips the 2026 Spring Festival and counts its make-up Saturdays', () => {
    // Fri 13 Feb 18:00: 6 h, Sat 14 Feb worked 18 h.
    expect(addDuration(sh('2026-02-13 18:00'), days(1), working())).toEqual(sh('2026-02-14 18:00'));
    // Sat 14 Feb 12:00: 12 h, 15–23 Feb off, Tue 24 Feb 24 h, Wed 12 h.
    expect(addDuration(sh('2026-02-14 12:00'), days(2), working())).toEqual(sh('2026-02-25 12:00'));
    // From the last holiday: Tue–Fri 24–27 Feb and Saturday 28 Feb (worked) are the 5 days.
    expect(addDuration(sh('2026-02-23 08:00'), days(5), working())).toEqual(sh('2026-03-01 00:00'));
    expect(addDuration(sh('2026-02-13 22:00'), hours(4), working())).toEqual(sh('2026-02-14 02:00'));
    // The 2025 Spring Festival: Sunday 26 January worked, 28 Jan – 4 Feb off.
    expect(addDuration(sh('2025-01-24 12:00'), days(1), working())).toEqual(sh('2025-01-26 12:00'));
    expect(addDuration(sh('2025-01-27 12:00'), days(1), working())).toEqual(sh('2025-02-05 12:00'));
  });

  it('reads the working days in the given time zone', () => {
    // 22:00 Friday in New York is Saturday 11:00 in Shanghai.
    const start = new Date('2026-11-21T03:00:00Z');
    expect(addDuration(start, hours(1), working({ timeZone: NY }))).toEqual(new Date('2026-11-21T04:00:00Z'));
    expect(addDuration(start, hours(1), working())).toEqual(sh('2026-11-23 01:00'));
    // Fri 10:00 EST → Tue 10:00 EST.
    expect(addDuration(new Date('2026-11-20T15:00:00Z'), days(2), working({ timeZone: NY }))).toEqual(new Date('2026-11-24T15:00:00Z'));
    // Holiday rows are local dates of that zone too.
    const nyHolidays = new HolidayCalendar([{ date: '2026-11-26', kind: 'holiday' }]);
    expect(addDuration(new Date('2026-11-25T15:00:00Z'), days(1), working({ timeZone: NY, holidays: nyHolidays }))).toEqual(
      new Date('2026-11-27T15:00:00Z'),
    );
  });

  it('in a DST zone, a working day is a local day whatever its length', () => {
    // US clocks went back on Sunday 1 Nov 2026; Fri 12:00 EDT + 1 working day = Mon 12:00 EST.
    expect(addDuration(new Date('2026-10-30T16:00:00Z'), days(1), working({ timeZone: NY }))).toEqual(new Date('2026-11-02T17:00:00Z'));
    // On the natural calendar a day is 24 real hours: Sat 12:00 EDT + 1 day = Sun 11:00 EST.
    expect(addDuration(new Date('2026-10-31T16:00:00Z'), days(1), natural({ timeZone: NY }))).toEqual(new Date('2026-11-01T16:00:00Z'));
  });

  it('fails loudly on a broken calendar or zone', () => {
    const noWorkingDays = new HolidayCalendar(range('2026-11-01', '2046-12-31').map((date) => ({ date, kind: 'holiday' as const })));
    expect(() => addDuration(sh('2026-11-20 10:00'), days(1), working({ holidays: noWorkingDays }))).toThrow(RangeError);
    expect(() => addDuration(sh('2026-11-20 10:00'), days(1), working({ timeZone: 'Mars/Olympus' }))).toThrow(RangeError);
  });
});

describe('pauses', () => {
  const start = sh('2026-11-17 10:00'); // Tuesday
  it('one pause moves the deadline by its length', () => {
    expect(addDuration(start, days(2), natural({ pauses: [pause('2026-11-18 10:00', '2026-11-18 14:00')] }))).toEqual(
      sh('2026-11-19 14:00'),
    );
  });

  it('several pauses add up, in any order', () => {
    const pauses = [pause('2026-11-18 15:00', '2026-11-18 16:00'), pause('2026-11-18 10:00', '2026-11-18 12:00')];
    expect(addDuration(start, days(2), natural({ pauses }))).toEqual(sh('2026-11-19 13:00'));
  });

  it('overlapping and nested pauses count once', () => {
    const overlapping = [pause('2026-11-18 10:00', '2026-11-18 14:00'), pause('2026-11-18 12:00', '2026-11-18 16:00')];
    expect(addDuration(start, days(2), natural({ pauses: overlapping }))).toEqual(sh('2026-11-19 16:00'));
    const nested = [pause('2026-11-18 10:00', '2026-11-18 16:00'), pause('2026-11-18 11:00', '2026-11-18 12:00')];
    expect(addDuration(start, days(2), natural({ pauses: nested }))).toEqual(sh('2026-11-19 16:00'));
    const touching = [pause('2026-11-18 10:00', '2026-11-18 12:00'), pause('2026-11-18 12:00', '2026-11-18 13:00')];
    expect(addDuration(start, days(2), natural({ pauses: touching }))).toEqual(sh('2026-11-19 13:00'));
  });

  it('only the part of a pause after the start counts; empty and later pauses change nothing', () => {
    expect(addDuration(start, days(2), natural({ pauses: [pause('2026-11-16 20:00', '2026-11-17 12:00')] }))).toEqual(
      sh('2026-11-19 12:00'),
    );
    expect(addDuration(start, days(2), natural({ pauses: [pause('2026-11-16 08:00', '2026-11-16 20:00')] }))).toEqual(
      sh('2026-11-19 10:00'),
    );
    expect(addDuration(start, days(2), natural({ pauses: [pause('2026-11-18 12:00', '2026-11-18 12:00')] }))).toEqual(
      sh('2026-11-19 10:00'),
    );
    expect(addDuration(start, days(2), natural({ pauses: [pause('2026-11-18 12:00', '2026-11-18 11:00')] }))).toEqual(
      sh('2026-11-19 10:00'),
    );
    expect(addDuration(start, days(2), natural({ pauses: [pause('2026-11-19 10:00', '2026-11-19 18:00')] }))).toEqual(
      sh('2026-11-19 10:00'),
    );
  });

  it('a running pause stops the clock (null) unless the deadline came first', () => {
    expect(addDuration(start, days(2), natural({ pauses: [pause('2026-11-18 10:00', null)] }))).toBeNull();
    expect(addDuration(start, days(2), natural({ pauses: [pause('2026-11-17 10:00', null)] }))).toBeNull();
    expect(addDuration(start, days(2), working({ pauses: [pause('2026-11-16 10:00', null)] }))).toBeNull();
    expect(addDuration(start, days(2), natural({ pauses: [pause('2026-11-19 10:00', null)] }))).toEqual(sh('2026-11-19 10:00'));
    expect(addDuration(start, days(2), natural({ pauses: [pause('2026-11-20 09:00', null)] }))).toEqual(sh('2026-11-19 10:00'));
    // An earlier closed pause still counts when a later one is running.
    const both = [pause('2026-11-18 10:00', '2026-11-18 12:00'), pause('2026-11-19 11:00', null)];
    expect(addDuration(start, days(2), natural({ pauses: both }))).toBeNull();
    expect(addDuration(start, days(2), natural({ pauses: [both[0], pause('2026-11-19 12:00', null)] }))).toEqual(sh('2026-11-19 12:00'));
  });

  it('on the working calendar, paused non-working time is not taken off twice', () => {
    const friday = sh('2026-11-20 10:00');
    expect(addDuration(friday, days(2), working({ pauses: [pause('2026-11-21 10:00', '2026-11-22 10:00')] }))).toEqual(
      sh('2026-11-24 10:00'),
    );
    // Fri 20:00–24:00 and Mon 00:00–02:00 are the paused working time: 6 hours.
    expect(addDuration(friday, days(2), working({ pauses: [pause('2026-11-20 20:00', '2026-11-23 02:00')] }))).toEqual(
      sh('2026-11-24 16:00'),
    );
    // A pause over National Day changes nothing; one over the make-up Saturday does.
    const beforeHoliday = sh('2026-09-30 10:00');
    expect(addDuration(beforeHoliday, days(3), working({ pauses: [pause('2026-10-01 00:00', '2026-10-08 00:00')] }))).toEqual(
      sh('2026-10-10 10:00'),
    );
    expect(addDuration(beforeHoliday, days(3), working({ pauses: [pause('2026-10-10 00:00', '2026-10-10 12:00')] }))).toEqual(
      sh('2026-10-10 22:00'),
    );
  });
});

describe('same-day clocks', () => {
  it('endOfLocalDay is the next local midnight', () => {
    expect(endOfLocalDay(sh('2026-11-17 10:00'), SH)).toEqual(sh('2026-11-18 00:00'));
    expect(endOfLocalDay(sh('2026-11-17 00:00'), SH)).toEqual(sh('2026-11-18 00:00'));
    expect(endOfLocalDay(new Date('2026-11-17T15:59:59.999Z'), SH)).toEqual(sh('2026-11-18 00:00'));
    expect(endOfLocalDay(new Date('2026-11-17T16:00:00Z'), SH)).toEqual(sh('2026-11-19 00:00'));
    // The same instant ends its day at another time in New York; the DST day there has 25 hours.
    expect(endOfLocalDay(sh('2026-11-17 10:00'), NY)).toEqual(new Date('2026-11-17T05:00:00Z'));
    expect(endOfLocalDay(new Date('2026-11-01T14:00:00Z'), NY)).toEqual(new Date('2026-11-02T05:00:00Z'));
    expect(localDate(new Date('2026-11-20T16:00:00Z'), SH)).toBe('2026-11-21');
    expect(localDate(new Date('2026-11-20T16:00:00Z'), NY)).toBe('2026-11-20');
  });

  it('sameDay: one day means the end of the day counting starts on', () => {
    const sameDay = (start: Date, extra: Partial<AddDurationOptions> = {}, amount = 1) =>
      addDuration(start, days(amount), { ...natural(), sameDay: true, ...extra });
    expect(sameDay(sh('2026-11-17 10:00'))).toEqual(sh('2026-11-18 00:00'));
    expect(sameDay(sh('2026-11-17 23:59'))).toEqual(sh('2026-11-18 00:00'));
    expect(sameDay(sh('2026-11-17 00:00'))).toEqual(sh('2026-11-18 00:00'));
    expect(sameDay(sh('2026-11-21 15:00'))).toEqual(sh('2026-11-22 00:00'));
    expect(sameDay(sh('2026-11-17 10:00'), {}, 3)).toEqual(sh('2026-11-20 00:00'));
    expect(sameDay(sh('2026-11-17 10:00'), {}, 1.5)).toEqual(sh('2026-11-19 00:00'));
    // On the working calendar: the end of the first working day at or after the start.
    expect(sameDay(sh('2026-11-21 15:00'), { calendar: 'working' })).toEqual(sh('2026-11-24 00:00'));
    expect(sameDay(sh('2026-10-01 09:00'), { calendar: 'working' })).toEqual(sh('2026-10-09 00:00'));
    expect(sameDay(sh('2026-02-13 09:00'), { calendar: 'working' }, 2)).toEqual(sh('2026-02-15 00:00'));
    expect(sameDay(sh('2026-02-13 09:00'), { calendar: 'working' }, 3)).toEqual(sh('2026-02-25 00:00'));
    // In New York.
    expect(sameDay(new Date('2026-11-17T15:00:00Z'), { timeZone: NY })).toEqual(new Date('2026-11-18T05:00:00Z'));
  });

  it('sameDay: paused time extends the day; a running pause stops it', () => {
    const sameDay = (pauses: Pause[], calendar: 'natural' | 'working' = 'natural') =>
      addDuration(sh('2026-11-20 10:00'), days(1), { ...natural({ calendar, pauses }), sameDay: true });
    expect(sameDay([pause('2026-11-20 11:00', '2026-11-20 12:00')])).toEqual(sh('2026-11-21 01:00'));
    // Working calendar: the hour spills over the weekend into Monday.
    expect(sameDay([pause('2026-11-20 11:00', '2026-11-20 12:00')], 'working')).toEqual(sh('2026-11-23 01:00'));
    expect(sameDay([pause('2026-11-20 11:00', null)])).toBeNull();
    expect(sameDay([pause('2026-11-21 11:00', null)])).toEqual(sh('2026-11-21 00:00'));
  });

  it('sameDay has no effect on hours', () => {
    expect(addDuration(sh('2026-11-17 10:00'), hours(2), { ...natural(), sameDay: true })).toEqual(sh('2026-11-17 12:00'));
  });
});

describe('countedMinutes and lateness', () => {
  it('counts what the deadline counts', () => {
    expect(countedMinutes(sh('2026-11-17 10:00'), sh('2026-11-19 10:00'), natural())).toBe(2 * 1440);
    expect(countedMinutes(sh('2026-11-20 10:00'), sh('2026-11-24 10:00'), working())).toBe(2 * 1440);
    expect(countedMinutes(sh('2026-11-20 10:00'), sh('2026-11-23 00:00'), working())).toBe(14 * 60);
    expect(countedMinutes(sh('2026-11-21 10:00'), sh('2026-11-22 20:00'), working())).toBe(0);
    expect(countedMinutes(sh('2026-09-30 10:00'), sh('2026-10-09 10:00'), working())).toBe(2 * 1440);
    expect(countedMinutes(sh('2026-11-17 10:00'), new Date(sh('2026-11-17 10:00').getTime() + 30_000), natural())).toBe(0.5);
  });

  it('is zero when the end is not after the start', () => {
    expect(countedMinutes(sh('2026-11-17 10:00'), sh('2026-11-17 10:00'), natural())).toBe(0);
    expect(countedMinutes(sh('2026-11-17 10:00'), sh('2026-11-16 10:00'), working())).toBe(0);
  });

  it('leaves out pauses, and stops at a running pause', () => {
    const pauses = [pause('2026-11-18 10:00', '2026-11-18 14:00'), pause('2026-11-18 12:00', '2026-11-18 15:00')];
    expect(countedMinutes(sh('2026-11-17 10:00'), sh('2026-11-19 10:00'), natural({ pauses }))).toBe(2 * 1440 - 5 * 60);
    const running = [pause('2026-11-18 10:00', null)];
    expect(countedMinutes(sh('2026-11-17 10:00'), sh('2026-11-30 10:00'), natural({ pauses: running }))).toBe(1440);
  });

  it('gives the share of a clock used, for the warning before a breach', () => {
    const start = sh('2026-09-30 10:00');
    const opts = working();
    const deadline = addDuration(start, days(2), opts)!;
    // Half-way through National Day the clock has used only Wednesday's 14 hours.
    const used = countedMinutes(start, sh('2026-10-04 12:00'), opts) / countedMinutes(start, deadline, opts);
    expect(used).toBeCloseTo(14 / 48);
    expect(countedMinutes(start, sh('2026-10-09 00:00'), opts) / countedMinutes(start, deadline, opts)).toBeCloseTo(38 / 48);
  });

  it('lateness is natural minutes past the deadline, rounded up', () => {
    const deadline = sh('2026-11-20 10:00');
    expect(minutesLate(deadline, sh('2026-11-20 09:00'))).toBe(0);
    expect(minutesLate(deadline, deadline)).toBe(0);
    expect(minutesLate(deadline, new Date(deadline.getTime() + 1000))).toBe(1);
    expect(minutesLate(deadline, sh('2026-11-23 10:00'))).toBe(3 * 1440);
  });
});

describe('properties', () => {
  const instant = fc.integer({ min: Date.UTC(2024, 11, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(ms));
  const pauseArb = fc
    .tuple(fc.integer({ min: 0, max: 20 * 1440 }), fc.option(fc.integer({ min: 0, max: 5 * 1440 }), { nil: null }))
    .map(([offset, length]) => ({ offset, length }));
  const durationArb = fc.record({ amount: fc.integer({ min: 0, max: 40 }).map((n) => n / 4), unit: fc.constantFrom('days', 'hours') });
  const zone = fc.constantFrom(SH, NY);
  const calendar = fc.constantFrom('natural' as const, 'working' as const);

  it('the time counted up to the deadline is the duration, and it is the first such moment', () => {
    fc.assert(
      fc.property(
        instant,
        durationArb,
        fc.array(pauseArb, { maxLength: 4 }),
        zone,
        calendar,
        (start, duration, rawPauses, timeZone, cal) => {
          const pauses = rawPauses.map((p) => ({
            from: new Date(start.getTime() + p.offset * 60_000 - 1440 * 60_000),
            to: p.length === null ? null : new Date(start.getTime() + (p.offset + p.length) * 60_000 - 1440 * 60_000),
          }));
          const opts = { calendar: cal, timeZone, holidays: china, pauses };
          const deadline = addDuration(start, duration as Duration, opts);
          const wanted = duration.amount * (duration.unit === 'days' ? 1440 : 60);
          if (deadline === null) {
            // Stopped: a running pause began before the duration was used up.
            const running = pauses.filter((p) => p.to === null).map((p) => Math.max(p.from.getTime(), start.getTime()));
            expect(running.length).toBeGreaterThan(0);
            expect(countedMinutes(start, new Date(Math.min(...running)), opts)).toBeLessThan(wanted);
            return;
          }
          expect(deadline.getTime()).toBeGreaterThanOrEqual(start.getTime());
          expect(countedMinutes(start, deadline, opts)).toBeCloseTo(wanted, 6);
          if (wanted > 0) expect(countedMinutes(start, new Date(deadline.getTime() - 1), opts)).toBeLessThan(wanted);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('working time never exceeds natural time, and adding durations composes without pauses', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), zone, (start, a, b, timeZone) => {
        const opts = { calendar: 'working' as const, timeZone, holidays: china };
        const first = addDuration(start, days(a), opts)!;
        expect(addDuration(first, days(b), opts)).toEqual(addDuration(start, days(a + b), opts));
        expect(first.getTime()).toBeGreaterThanOrEqual(addDuration(start, days(a), { ...opts, calendar: 'natural' })!.getTime());
      }),
      { numRuns: 300 },
    );
  });
});
