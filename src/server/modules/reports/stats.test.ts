import { describe, expect, it } from 'vitest';
import { minutesBetween, nearestRank, ratio, summarizeMinutes } from './stats.ts';

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
