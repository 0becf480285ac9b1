import { describe, expect, it } from 'vitest';
import { defaultPolicy, type ShiftTemplate } from '../../../shared/policies.ts';
import { checkCoverage, localInstant, seasonOf, shiftTimes, type CoverageShift } from './roster.ts';

const zone = 'Asia/Shanghai';
const duty = defaultPolicy.duty;
const template = (code: string) => duty.shifts.find((s) => s.code === code)!;
const departments: Record<string, string> = { 1: 'customer_service', 2: 'customer_service', 3: 'maintenance', 4: 'security' };

let nextId = 1;
function shift(t: ShiftTemplate, date: string, staffId: number): CoverageShift {
  const times = shiftTimes(t, date, zone, duty.summer);
  return {
    id: nextId++,
    staffId,
    staffName: `员工${staffId}`,
    shiftCode: t.code,
    shiftName: t.name,
    date,
    expectedDepartment: t.department,
    staffDepartment: departments[staffId] ?? null,
    atCenter: t.atCenter,
    startsAt: times.startsAt.toISOString(),
    endsAt: times.endsAt.toISOString(),
    breakStartAt: times.breakStartAt?.toISOString() ?? null,
    breakEndAt: times.breakEndAt?.toISOString() ?? null,
  };
}

function dates(from: string, days: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** Day shift by 1, noon duty by 2, night duty by the electrician 3, every day from the night before. */
function fullRoster(from: string, days: number): CoverageShift[] {
  const [first] = dates(from, 1);
  const before = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return [
    shift(template('night'), before, 3),
    ...dates(from, days).flatMap((d) => [shift(template('day'), d, 1), shift(template('noon'), d, 2), shift(template('night'), d, 3)]),
  ];
}

const local = (date: string, time: string) => localInstant(date, time, zone);

describe('shift times', () => {
  it('uses summer hours inside the summer period and normal hours outside it', () => {
    expect(seasonOf('2026-04-30', duty.summer)).toBe('normal');
    expect(seasonOf('2026-05-01', duty.summer)).toBe('summer');
    expect(seasonOf('2026-09-30', duty.summer)).toBe('summer');
    expect(seasonOf('2026-10-01', duty.summer)).toBe('normal');
    const summerNight = shiftTimes(template('night'), '2026-09-30', zone, duty.summer);
    expect(summerNight.startsAt.toISOString()).toBe('2026-09-30T10:00:00.000Z'); // 18:00 Beijing time
    expect(summerNight.endsAt.toISOString()).toBe('2026-10-01T00:30:00.000Z'); // 08:30 next day
    const winterNight = shiftTimes(template('night'), '2026-10-01', zone, duty.summer);
    expect(winterNight.startsAt.toISOString()).toBe('2026-10-01T09:30:00.000Z'); // 17:30
    const noon = shiftTimes(template('noon'), '2026-07-01', zone, duty.summer);
    expect([noon.startsAt.toISOString(), noon.endsAt.toISOString()]).toEqual(['2026-07-01T04:00:00.000Z', '2026-07-01T06:00:00.000Z']);
  });

  it('handles a summer period that wraps the new year', () => {
    const southern = { from: '11-01', to: '02-28' };
    expect(seasonOf('2026-12-31', southern)).toBe('summer');
    expect(seasonOf('2027-01-15', southern)).toBe('summer');
    expect(seasonOf('2027-03-01', southern)).toBe('normal');
  });
});

describe('coverage check', () => {
  it('finds nothing wrong in a correct roster across midnight and the season switch', () => {
    const roster = fullRoster('2026-09-27', 7);
    const coverage = checkCoverage(roster, local('2026-09-27', '00:00'), local('2026-10-04', '00:00'));
    expect(coverage.gaps).toEqual([]);
    expect(coverage.overlaps).toEqual([]);
    expect(coverage.wrongDepartment).toEqual([]);
    expect(coverage.coveredMinutes).toBe(7 * 24 * 60);
  });

  it('does not count the noon duty inside the same person’s lunch break as a double booking', () => {
    const d = '2026-11-02';
    const roster = [shift(template('day'), d, 1), shift(template('noon'), d, 1)];
    expect(checkCoverage(roster, local(d, '08:30'), local(d, '17:30')).overlaps).toEqual([]);
  });

  it('lists exactly the missing noon duty and the person booked twice', () => {
    const roster = fullRoster('2026-11-01', 30).filter((s) => !(s.shiftCode === 'noon' && s.date === '2026-11-12'));
    roster.push(shift(template('day'), '2026-11-21', 3));
    const coverage = checkCoverage(roster, local('2026-11-01', '00:00'), local('2026-12-01', '00:00'));
    expect(coverage.gaps).toEqual([{ from: '2026-11-12T04:00:00.000Z', to: '2026-11-12T05:30:00.000Z', minutes: 90 }]);
    // The electrician's night of the 20th ends 08:30 on the 21st, when the day shift he was also given begins:
    // adjacent, not overlapping. His night of the 21st starts 17:30 when that day shift ends. Only the
    // department is wrong.
    expect(coverage.overlaps).toEqual([]);
    expect(coverage.wrongDepartment).toMatchObject([
      { staffId: 3, date: '2026-11-21', expected: 'customer_service', actual: 'maintenance' },
    ]);
  });

  it('reports an overlap of one person with its span and a night staffed by the wrong department', () => {
    const roster = fullRoster('2026-11-01', 3);
    roster.push(shift(template('night'), '2026-11-02', 1)); // the day assistant is also put on the night
    const coverage = checkCoverage(roster, local('2026-11-01', '00:00'), local('2026-11-04', '00:00'));
    expect(coverage.gaps).toEqual([]);
    expect(coverage.overlaps).toHaveLength(0); // day ends 17:30, night starts 17:30
    expect(coverage.wrongDepartment).toMatchObject([
      { staffId: 1, shiftCode: 'night', expected: 'maintenance', actual: 'customer_service' },
    ]);
    roster.push(shift(template('day'), '2026-11-03', 3)); // the electrician of the night of the 2nd works the 3rd's day too
    roster.push(shift(template('day'), '2026-11-03', 1)); // and assistant 1 is given the day of the 3rd twice
    const twice = checkCoverage(roster, local('2026-11-01', '00:00'), local('2026-11-04', '00:00'));
    expect(twice.overlaps).toEqual([
      {
        staffId: 1,
        staffName: '员工1',
        from: '2026-11-03T00:30:00.000Z',
        to: '2026-11-03T09:30:00.000Z',
        minutes: 9 * 60 - 90,
        assignmentIds: [expect.any(Number), expect.any(Number)],
        shifts: ['白班', '白班'],
      },
    ]);
  });

  it('reports a gap at the start and the end of a period nobody is planned for', () => {
    const d = '2026-11-05';
    const coverage = checkCoverage(
      [shift(template('day'), d, 1), shift(template('noon'), d, 2)],
      local(d, '00:00'),
      local('2026-11-06', '00:00'),
    );
    expect(coverage.gaps.map((g) => g.minutes)).toEqual([8 * 60 + 30, 6 * 60 + 30]);
    expect(coverage.coveredMinutes).toBe(9 * 60);
  });
});
