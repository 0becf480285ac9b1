import { describe, expect, it } from 'vitest';
import { addMonths } from './forums.service.ts';
import { monthRange, quarterRange } from './visits.service.ts';

describe('quota periods', () => {
  it('a month runs from its first to its last day, leap years included', () => {
    expect(monthRange('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('a month belongs to its calendar quarter', () => {
    expect(quarterRange('2026-11')).toEqual({ label: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
    expect(quarterRange('2026-01')).toEqual({ label: '2026-Q1', from: '2026-01-01', to: '2026-03-31' });
    expect(quarterRange('2026-06')).toEqual({ label: '2026-Q2', from: '2026-04-01', to: '2026-06-30' });
  });
});

describe('the next owners’ forum', () => {
  it('is due the same day six months later, or the month’s last day when that day does not exist', () => {
    expect(addMonths('2026-03-15', 6)).toBe('2026-09-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-11-20', -4)).toBe('2026-07-20');
  });
});
