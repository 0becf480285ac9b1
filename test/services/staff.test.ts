import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/server/platform/clock.ts';
import type { ServiceContext } from '../../src/server/platform/context.ts';
import { SessionStore } from '../../src/server/platform/sessions.ts';
import { verifyPassword } from '../../src/server/platform/passwords.ts';
import * as staff from '../../src/server/modules/staff/staff.service.ts';
import { listDepartments } from '../../src/server/modules/property/property.service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { adminContext, makeProject, makeStaff } from '../helpers/factories.ts';

let tdb: TestDatabase;
let admin: ServiceContext;
let sessions: SessionStore;
const clock = new FixedClock(new Date('2026-11-20T02:00:00.000Z'));

beforeAll(async () => {
  tdb = await createTestDatabase();
  admin = await adminContext(tdb.database, clock);
  sessions = new SessionStore(tdb.database.db, clock, 'x'.repeat(32), 12);
});
afterAll(() => tdb.close());

describe('staff administration', () => {
  it('hr creates a technician in their project with a one-time password that must be changed', async () => {
    const { project } = await makeProject(admin);
    const { ctx: hr } = await makeStaff(admin, project.id, 'hr');
    const maintenance = (await listDepartments(hr, project.id)).items.find((d) => d.kind === 'maintenance')!;
    const { staff: tech, oneTimePassword } = await staff.createStaff(hr, {
      employeeNo: 'M001',
      username: 'li.shifu',
      name: '李师傅',
      phone: '14012340099',
      departmentId: maintenance.id,
      position: '维修电工',
      hireDate: '2026-11-01',
      probationEnd: '2027-01-31',
      status: 'probation',
      roles: ['tech'],
      projectIds: [project.id],
    });
    expect(tech).toMatchObject({
      username: 'li.shifu',
      departmentName: '维修部',
      roles: ['tech'],
      projectIds: [project.id],
      status: 'probation',
    });
    expect(oneTimePassword).toMatch(/^[A-Za-z2-9]{12}$/);
    const row = await tdb.database.db
      .selectFrom('staff')
      .select(['password_hash', 'must_change_password'])
      .where('id', '=', tech.id)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash, oneTimePassword!)).toBe(true);
    expect(row.must_change_password).toBe(1);
  });

  it('hr can neither make a leader nor place staff in another project', async () => {
    const { project } = await makeProject(admin);
    const other = await makeProject(admin);
    const { ctx: hr } = await makeStaff(admin, project.id, 'hr');
    await expect(
      staff.createStaff(hr, { employeeNo: 'L1', username: 'boss1', name: '老板', roles: ['leader'], projectIds: [], status: 'active' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', fields: [{ path: 'roles' }] });
    await expect(
      staff.createStaff(hr, {
        employeeNo: 'L2',
        username: 'elsewhere1',
        name: '外人',
        roles: ['tech'],
        projectIds: [other.project.id],
        status: 'active',
      }),
    ).rejects.toMatchObject({ code: 'NOT_IN_PROJECT', fields: [{ path: 'projectIds' }] });
    const { staff: me } = await makeStaff(admin, project.id, 'frontdesk');
    await expect(staff.updateStaff(hr, sessions, me.id, { roles: ['admin'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a duplicate username is a 409 on that field, and nothing is written', async () => {
    const { project } = await makeProject(admin);
    const { staff: existing } = await makeStaff(admin, project.id, 'tech');
    const count = async () =>
      Number(
        (
          await tdb.database.db
            .selectFrom('staff')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await expect(
      staff.createStaff(admin, {
        employeeNo: 'ZZ9',
        username: existing.username,
        name: '重名',
        roles: ['tech'],
        projectIds: [project.id],
        status: 'active',
      }),
    ).rejects.toMatchObject({ code: 'DUPLICATE', fields: [{ path: 'username' }] });
    expect(await count()).toBe(before);
  });

  it('suspending a member ends their sessions; nobody changes their own roles', async () => {
    const { project } = await makeProject(admin);
    const { staff: guard } = await makeStaff(admin, project.id, 'security');
    const token = await sessions.create(tdb.database.db, { kind: 'staff', id: guard.id }, {});
    expect(await sessions.resolve(token)).toMatchObject({ id: guard.id });
    const updated = await staff.updateStaff(admin, sessions, guard.id, { status: 'suspended' });
    expect(updated.status).toBe('suspended');
    expect(await sessions.resolve(token)).toBeUndefined();
    await expect(staff.updateStaff(admin, sessions, admin.actor.id, { roles: ['tech'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lists only staff who share a project with the caller, filtered by role', async () => {
    const { project } = await makeProject(admin);
    const other = await makeProject(admin);
    const { ctx: director } = await makeStaff(admin, project.id, 'director');
    const { staff: mine } = await makeStaff(admin, project.id, 'butler');
    const { staff: theirs } = await makeStaff(admin, other.project.id, 'butler');
    const butlers = await staff.listStaff(director, { role: 'butler', limit: 200 });
    const ids = butlers.items.map((s) => s.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    await expect(staff.getStaff(director, theirs.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
