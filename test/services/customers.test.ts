import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/server/platform/clock.ts';
import type { ServiceContext } from '../../src/server/platform/context.ts';
import * as customers from '../../src/server/modules/customers/customers.service.ts';
import { getUnit } from '../../src/server/modules/property/property.service.ts';
import { listAudit } from '../../src/server/modules/audit/audit.routes.ts';
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

describe('customer archive', () => {
  it('creates a customer linked to a unit, with contacts, and returns numbers masked', async () => {
    const { project, units } = await makeProject(admin);
    const { ctx: desk } = await makeStaff(admin, project.id, 'frontdesk');
    const created = await customers.createCustomer(desk, {
      projectId: project.id,
      kind: 'person',
      name: '张伟',
      gender: 'male',
      phone: '14012345678',
      idType: 'id_card',
      idNumber: '44030519800101123X',
      contacts: [
        { kind: 'mobile', value: '14012345678', label: '本人' },
        { kind: 'wechat', value: 'zhangwei88' },
        { kind: 'email', value: 'zw@example.com' },
      ],
      emergencyContacts: [{ name: '李娜', relation: '配偶', phone: '14187654321' }],
      unitId: units[0].id,
      relation: 'owner',
      moveInDate: '2020-05-01',
    });
    expect(created.phone).toBe('140****5678');
    expect(created.idNumber).toBe('4****************X');
    expect(created.contacts.map((c) => c.value)).toEqual(['140****5678', 'z********8', 'z***@example.com']);
    expect(created.emergencyContacts[0].phone).toBe('141****4321');
    expect(created.units).toMatchObject([{ unitId: units[0].id, relation: 'owner', moveInDate: '2020-05-01', moveOutDate: null }]);
    expect(created.canReveal).toBe(true);
    const unit = await getUnit(desk, units[0].id);
    expect(unit.occupants).toMatchObject([{ name: '张伟', relation: 'owner', phone: '140****5678' }]);
  });

  it('reveals full numbers only with the right, and records every reveal with its reason', async () => {
    const { project } = await makeProject(admin);
    const { ctx: desk, staff } = await makeStaff(admin, project.id, 'frontdesk');
    const { ctx: tech } = await makeStaff(admin, project.id, 'tech');
    const { ctx: director } = await makeStaff(admin, project.id, 'director');
    const c = await customers.createCustomer(desk, {
      projectId: project.id,
      kind: 'person',
      name: '王芳',
      phone: '14400001111',
      contacts: [],
      emergencyContacts: [],
    });
    expect((await customers.getCustomer(tech, c.id)).canReveal).toBe(false);
    await expect(customers.revealCustomer(tech, c.id, '想看看')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const revealed = await customers.revealCustomer(desk, c.id, '回电业主确认维修时间');
    expect(revealed.phone).toBe('14400001111');
    const log = await listAudit(director, {
      projectId: project.id,
      entity: 'customer',
      entityId: String(c.id),
      action: 'reveal',
      limit: 10,
    });
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ actorId: staff.id, actorName: staff.name, reason: '回电业主确认维修时间' });
  });

  it('writes nothing when part of a change fails (one transaction)', async () => {
    const { project } = await makeProject(admin);
    const other = await makeProject(admin);
    const { ctx: desk } = await makeStaff(admin, project.id, 'frontdesk');
    const before = await tdb.database.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      customers.createCustomer(desk, {
        projectId: project.id,
        kind: 'person',
        name: '跨项目',
        contacts: [],
        emergencyContacts: [],
        unitId: other.units[0].id,
        relation: 'owner',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'unitId' }] });
    const after = await tdb.database.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('the audit log keeps personal numbers masked', async () => {
    const { project } = await makeProject(admin);
    const { ctx: desk } = await makeStaff(admin, project.id, 'frontdesk');
    const c = await customers.createCustomer(desk, {
      projectId: project.id,
      kind: 'person',
      name: '赵敏',
      phone: '14011112222',
      idType: 'passport',
      idNumber: 'E12345678',
      contacts: [{ kind: 'mobile', value: '14011112222' }],
      emergencyContacts: [],
    });
    const rows = await tdb.database.db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('entity', '=', 'customer')
      .where('entity_id', '=', String(c.id))
      .execute();
    const text = rows.map((r) => r.after_json).join('\n');
    expect(text).not.toContain('14011112222');
    expect(text).not.toContain('E12345678');
    expect(text).toContain('140****2222');
  });

  it('records a move-out and keeps the history on the unit', async () => {
    const { project, units } = await makeProject(admin);
    const { ctx: desk } = await makeStaff(admin, project.id, 'frontdesk');
    const tenant = await customers.createCustomer(desk, {
      projectId: project.id,
      kind: 'person',
      name: '租客甲',
      contacts: [],
      emergencyContacts: [],
      unitId: units[1].id,
      relation: 'tenant',
      moveInDate: '2024-03-01',
    });
    const link = tenant.units[0];
    await expect(customers.updateOccupancy(desk, link.occupancyId, { moveOutDate: '2024-01-01' })).rejects.toMatchObject({
      fields: [{ path: 'moveOutDate' }],
    });
    const moved = await customers.updateOccupancy(desk, link.occupancyId, { moveOutDate: '2025-02-28' });
    expect(moved.units[0].moveOutDate).toBe('2025-02-28');
    const unit = await getUnit(desk, units[1].id);
    expect(unit.occupants.find((o) => o.customerId === tenant.id)?.moveOutDate).toBe('2025-02-28');
    const current = await customers.listCustomers(desk, { projectId: project.id, q: '租客甲', limit: 10 });
    expect(current.items[0].units).toEqual([]);
  });

  it('searches by name, unit code and phone digits within the caller’s projects', async () => {
    const { project, units } = await makeProject(admin);
    const { ctx: desk } = await makeStaff(admin, project.id, 'frontdesk');
    await customers.createCustomer(desk, {
      projectId: project.id,
      kind: 'person',
      name: '欧阳修远',
      phone: '14455556666',
      contacts: [],
      emergencyContacts: [],
      unitId: units[2].id,
      relation: 'owner',
    });
    const byName = await customers.listCustomers(desk, { q: '欧阳', limit: 10 });
    expect(byName.items.map((c) => c.name)).toEqual(['欧阳修远']);
    const byPhone = await customers.listCustomers(desk, { q: '5556666', limit: 10 });
    expect(byPhone.items.map((c) => c.name)).toEqual(['欧阳修远']);
    expect(byPhone.items[0].phone).toBe('144****6666');
    const byUnit = await customers.listCustomers(desk, { q: units[2].code, limit: 10 });
    expect(byUnit.items.map((c) => c.name)).toContain('欧阳修远');
    const elsewhere = await makeProject(admin);
    const { ctx: otherDesk } = await makeStaff(admin, elsewhere.project.id, 'frontdesk');
    expect((await customers.listCustomers(otherDesk, { q: '欧阳', limit: 10 })).items).toEqual([]);
    await expect(customers.getCustomer(otherDesk, byName.items[0].id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages with a cursor and no overlap', async () => {
    const { project } = await makeProject(admin);
    const { ctx: desk } = await makeStaff(admin, project.id, 'frontdesk');
    for (let i = 0; i < 5; i++)
      await customers.createCustomer(desk, {
        projectId: project.id,
        kind: 'person',
        name: `翻页${i}`,
        contacts: [],
        emergencyContacts: [],
      });
    const first = await customers.listCustomers(desk, { projectId: project.id, limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await customers.listCustomers(desk, { projectId: project.id, limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((c) => c.name)).toEqual(['翻页3', '翻页4']);
    expect(second.nextCursor).toBeNull();
  });
});
