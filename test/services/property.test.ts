import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/server/platform/clock.ts';
import type { ServiceContext } from '../../src/server/platform/context.ts';
import * as property from '../../src/server/modules/property/property.service.ts';
import { createCustomer } from '../../src/server/modules/customers/customers.service.ts';
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

describe('property model', () => {
  it('a new project gets the standard departments', async () => {
    const { project } = await makeProject(admin);
    const kinds = (await property.listDepartments(admin, project.id)).items.filter((d) => d.projectId === project.id).map((d) => d.kind);
    expect(kinds).toEqual([
      'management',
      'customer_service',
      'maintenance',
      'security',
      'environment',
      'finance',
      'admin_hr',
      'control_room',
    ]);
  });

  it('unit codes follow building-entrance-room and are unique per project', async () => {
    const { project, building, units } = await makeProject(admin);
    expect(units[0].code).toBe('1-1-101');
    await expect(
      property.createUnit(admin, {
        buildingId: building.id,
        entranceId: building.entrances[0].id,
        floor: 1,
        number: '101',
        areaM2: 90,
        use: 'residential',
        state: 'vacant',
      }),
    ).rejects.toMatchObject({ code: 'DUPLICATE' });
    const other = await makeProject(admin);
    await expect(
      property.createUnit(admin, {
        buildingId: building.id,
        entranceId: other.building.entrances[0].id,
        floor: 2,
        number: '299',
        areaM2: 90,
        use: 'residential',
        state: 'vacant',
      }),
    ).rejects.toMatchObject({ fields: [{ path: 'entranceId' }] });
    const found = await property.listUnits(admin, { projectId: project.id, q: '1-1-10', limit: 50 });
    expect(found.items.map((u) => u.code)).toEqual(['1-1-101', '1-1-102']);
  });

  it('the summary counts units, area, households and customers', async () => {
    const { project, units } = await makeProject(admin, { units: 4 });
    const { ctx: desk } = await makeStaff(admin, project.id, 'frontdesk');
    await property.updateUnit(admin, units[3].id, { state: 'vacant' });
    await createCustomer(desk, {
      projectId: project.id,
      kind: 'person',
      name: '业主一',
      contacts: [],
      emergencyContacts: [],
      unitId: units[0].id,
      relation: 'owner',
    });
    await createCustomer(desk, {
      projectId: project.id,
      kind: 'person',
      name: '家属一',
      contacts: [],
      emergencyContacts: [],
      unitId: units[0].id,
      relation: 'family',
    });
    await createCustomer(desk, {
      projectId: project.id,
      kind: 'person',
      name: '业主二',
      contacts: [],
      emergencyContacts: [],
      unitId: units[1].id,
      relation: 'owner',
    });
    const summary = await property.projectSummary(desk, project.id);
    expect(summary).toMatchObject({
      buildings: 1,
      units: 4,
      area: 354,
      unitsByState: { occupied: 3, vacant: 1 },
      customers: 3,
      households: 2,
    });
  });

  it('a responsibility area takes only staff and buildings of its project', async () => {
    const { project, building } = await makeProject(admin);
    const other = await makeProject(admin);
    const { staff: butler } = await makeStaff(admin, project.id, 'butler');
    const { staff: outsider } = await makeStaff(admin, other.project.id, 'butler');
    const area = await property.createResponsibilityArea(admin, {
      projectId: project.id,
      name: '第一责任区',
      ownerStaffId: butler.id,
      buildingIds: [building.id],
    });
    expect(area).toMatchObject({ name: '第一责任区', owner: { id: butler.id }, buildingIds: [building.id] });
    await expect(
      property.createResponsibilityArea(admin, { projectId: project.id, name: 'x', ownerStaffId: outsider.id, buildingIds: [] }),
    ).rejects.toMatchObject({
      fields: [{ path: 'ownerStaffId' }],
    });
    await expect(
      property.createResponsibilityArea(admin, { projectId: project.id, name: 'x', buildingIds: [other.building.id] }),
    ).rejects.toMatchObject({
      fields: [{ path: 'buildingIds' }],
    });
  });

  it('every change is in the audit log with before and after', async () => {
    const { units } = await makeProject(admin);
    await property.updateUnit(admin, units[0].id, { state: 'decorating' });
    const entry = await tdb.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'unit')
      .where('entity_id', '=', String(units[0].id))
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before_json!)).toMatchObject({ state: 'occupied' });
    expect(JSON.parse(entry.after_json!)).toEqual({ state: 'decorating' });
    expect(entry.actor_id).toBe(admin.actor.id);
  });
});
