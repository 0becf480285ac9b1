import { describe, expect, it } from 'vitest';
import { addMonths, localDaysRange, localMonthOf, localMonthRange, minutesBetween, nearestRank, ratio, summarizeMinutes } from './stats.ts';

describe('nearest-rank percentiles', () => {
  it('takes the value at rank ⌈p·n⌉, never interpolating', () => {
    expect(summarizeMinutes([4, 1, 3, 2])).toEqual({ count: 4, median: 2, p90: 4 });
    expect(summarizeMinutes([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({ count: 10, median: 5, p90: 9 });
    expect(summarizeMinutes([7])).toEqual({ count: 1, median: 7, p90: 7 });
    expect(summarizeMinutes([])).toEqual({ count: 0, median: null, p90: null });
    // Numeric, not text, order.
    expect(summarizeMinutes([100, 9, 20])).toEqual({ count: 3, median: 20, p90: 100 });
    expect(nearestRank([1, 2, 3], 0)).toBe(1);
    expect(nearestRank([1, 2, 3], 1)).toBe(3);
  });

  it('counts whole minutes and divides safely', () => {
    expect(minutesBetween('2026-11-01T00:00:00.900Z', '2026-11-01T00:01:00.100Z')).toBe(0);
    expect(minutesBetween('2026-11-01T00:00:00.000Z', '2026-11-01T01:00:00.000Z')).toBe(60);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
  });
});

describe('local periods', () => {
  it('turns local months and days into UTC ranges', () => {
    expect(localMonthRange('2026-11', 'Asia/Shanghai')).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    expect(localMonthRange('2026-12', 'Asia/Shanghai').to).toBe('2026-12-31T16:00:00.000Z');
    expect(localDaysRange('2026-11-01', '2026-11-30', 'Asia/Shanghai')).toEqual(localMonthRange('2026-11', 'Asia/Shanghai'));
    expect(localMonthOf(new Date('2026-10-31T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-11');
    expect(localMonthOf(new Date('2026-10-31T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-10');
    // A zone with daylight-saving time: March has 31 days minus one hour.
    const march = localMonthRange('2026-03', 'America/New_York');
    expect(Date.parse(march.to) - Date.parse(march.from)).toBe((31 * 24 - 1) * 3600_000);
  });

  it('steps months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-11', -11)).toBe('2025-12');
  });
});
