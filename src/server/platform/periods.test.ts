import { describe, expect, it } from 'vitest';
import { localDaysRange, localMonthOf, localMonthRange } from './periods.ts';

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
});
