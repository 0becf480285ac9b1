import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isCalendarDate, parsePeriod, periodOf, periodsBetween, shiftPeriod } from './periods.ts';

describe('calendar periods', () => {
  it('a month runs from its first to its last day, leap years included', () => {
    expect(periodOf('month', '2026-11-20')).toEqual({ kind: 'month', key: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    expect(parsePeriod('2028-02')).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    expect(parsePeriod('2026-02')).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('a month belongs to its calendar quarter and half-year', () => {
    expect(periodOf('quarter', '2026-11-05')).toEqual({ kind: 'quarter', key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('quarter', '2026-01-31')).toMatchObject({ key: '2026-Q1', from: '2026-01-01', to: '2026-03-31' });
    expect(periodOf('quarter', '2026-06-30')).toMatchObject({ key: '2026-Q2', from: '2026-04-01', to: '2026-06-30' });
    expect(periodOf('half', '2026-06-30')).toMatchObject({ key: '2026-H1', from: '2026-01-01', to: '2026-06-30' });
    expect(periodOf('half', '2026-07-01')).toMatchObject({ key: '2026-H2', from: '2026-07-01', to: '2026-12-31' });
    expect(periodOf('year', '2026-07-01')).toMatchObject({ key: '2026', from: '2026-01-01', to: '2026-12-31' });
  });

  it('weeks start on Monday and are numbered as ISO weeks, across the new year', () => {
    // 7 December 2026 is a Monday.
    expect(periodOf('week', '2026-12-07')).toEqual({ kind: 'week', key: '2026-W50', from: '2026-12-07', to: '2026-12-13' });
    expect(periodOf('week', '2026-12-13').key).toBe('2026-W50');
    // 1 January 2027 is a Friday: it belongs to the last week of 2026.
    expect(periodOf('week', '2027-01-01')).toMatchObject({ key: '2026-W53', from: '2026-12-28', to: '2027-01-03' });
    expect(parsePeriod('2026-W53')).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
    expect(parsePeriod('2027-W53')).toBeNull();
  });

  it('the next owners’ forum is due the same day six months later, or the month’s last day when that day does not exist', () => {
    expect(addMonths('2026-03-15', 6)).toBe('2026-09-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-11-20', -4)).toBe('2026-07-20');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-11', -11)).toBe('2025-12');
  });

  it('counts and steps days and periods', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(shiftPeriod(parsePeriod('2026-Q4')!, 1).key).toBe('2027-Q1');
    expect(shiftPeriod(parsePeriod('2026-H1')!, -1).key).toBe('2025-H2');
    expect(periodsBetween('month', '2026-11-15', '2027-01-02').map((p) => p.key)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(parsePeriod('2026-13')).toBeNull();
    expect(parsePeriod('nonsense')).toBeNull();
  });
});
