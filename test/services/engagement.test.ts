import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVisit, recordVisit, visitQuotas } from '../../src/server/modules/engagement/visits.service.ts';
import { setPolicyOverride } from '../../src/server/modules/policies/policies.service.ts';
import { FixedClock } from '../../src/server/platform/clock.ts';
import type { ServiceContext } from '../../src/server/platform/context.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { adminContext, makeProject, makeStaff } from '../helpers/factories.ts';

let tdb: TestDatabase;
let admin: ServiceContext;
const clock = new FixedClock(new Date('2026-11-20T02:00:00.000Z'));

beforeAll(async () => {
  tdb = await createTestDatabase();
  admin = await adminContext(tdb.database, clock);
});
afterAll(() => tdb.close());

async function visitNow(ctx: ServiceContext, projectId: number, unitId: number, visitedAt?: string) {
  const v = await createVisit(ctx, { projectId, kind: 'household', method: 'in_person', unitId });
  return recordVisit(ctx, v.id, { opinions: '满意', requests: [], ...(visitedAt ? { visitedAt } : {}) });
}

describe('visit quotas (service)', () => {
  it('a project that does not ask for photos counts every recorded household, by the local day of the visit', async () => {
    const { project, units } = await makeProject(admin);
    const { ctx: butler, staff } = await makeStaff(admin, project.id, 'butler');
    const { ctx: director } = await makeStaff(admin, project.id, 'director');
    await visitNow(butler, project.id, units[0].id);
    await visitNow(butler, project.id, units[1].id);
    // 1 November 07:30 in Shanghai is still 31 October in UTC: it counts for November.
    await visitNow(butler, project.id, units[2].id, '2026-11-01T07:30:00+08:00');
    await visitNow(butler, project.id, units[3].id, '2026-10-31T23:30:00+08:00');
    const row = async (month: string) =>
      (await visitQuotas(director, { projectId: project.id, month })).items.find((r) => r.staffId === staff.id)!;
    expect((await row('2026-11')).done).toBe(0);
    await setPolicyOverride(director, project.id, { engagement: { butlerPhotoRequired: false } }, '本项目不要求照片');
    expect(await row('2026-11')).toMatchObject({ rule: 'butler_monthly', required: 15, done: 3 });
    expect((await row('2026-10')).done).toBe(1);
  });

  it('a butler cannot book a visit to a unit of another project', async () => {
    const a = await makeProject(admin);
    const b = await makeProject(admin);
    const { ctx: butler } = await makeStaff(admin, a.project.id, 'butler');
    await expect(
      createVisit(butler, { projectId: a.project.id, kind: 'household', method: 'in_person', unitId: b.units[0].id }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'unitId', message: 'is not a unit of this project' }],
    });
    await expect(createVisit(butler, { projectId: b.project.id, kind: 'contact', method: 'phone' })).rejects.toMatchObject({
      code: 'NOT_IN_PROJECT',
    });
  });
});
