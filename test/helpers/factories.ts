import { ensureCompany } from '../../src/server/bootstrap.ts';
import type { Database } from '../../src/server/db/database.ts';
import type { Clock } from '../../src/server/platform/clock.ts';
import type { ResidentActor, ServiceContext } from '../../src/server/platform/context.ts';
import { createCustomer } from '../../src/server/modules/customers/customers.service.ts';
import { createTicket } from '../../src/server/modules/tickets/intake.service.ts';
import type { TicketCreate } from '../../src/shared/tickets.ts';
import { loadStaffActor } from '../../src/server/platform/sessions.ts';
import { createBuilding, createProject, createUnit } from '../../src/server/modules/property/property.service.ts';
import { createStaff } from '../../src/server/modules/staff/staff.service.ts';
import type { RoleCode } from '../../src/shared/permissions.ts';
import type { DepartmentKind } from '../../src/shared/enums.ts';

let counter = 0;
const next = () => `${process.pid % 1000}${++counter}`;

export async function contextFor(database: Database, clock: Clock, staffId: number): Promise<ServiceContext> {
  const actor = await loadStaffActor(database.db, staffId);
  if (!actor) throw new Error(`no active staff ${staffId}`);
  return { db: database.db, dialect: database.dialect, clock, actor };
}

/** The system administrator of a (possibly new) company. */
export async function adminContext(database: Database, clock: Clock): Promise<ServiceContext> {
  await ensureCompany(database.db, clock, { adminPassword: 'admin-password' });
  const admin = await database.db.selectFrom('staff').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  return contextFor(database, clock, admin.id);
}

/** A project of its own with one building (2 entrances, 6 floors) and a few units, for one test. */
export async function makeProject(admin: ServiceContext, options: { units?: number } = {}) {
  const code = `T${next()}`;
  const project = await createProject(admin, { code, name: `测试小区${code}`, kind: 'residential' }, 'Asia/Shanghai');
  const building = await createBuilding(admin, {
    projectId: project.id,
    code: '1',
    name: '1栋',
    kind: 'highrise',
    floors: 6,
    entrances: ['1', '2'],
  });
  const units = [];
  for (let i = 0; i < (options.units ?? 4); i++) {
    const floor = 1 + Math.floor(i / 2);
    units.push(
      await createUnit(admin, {
        buildingId: building.id,
        entranceId: building.entrances[0].id,
        floor,
        number: `${floor}0${(i % 2) + 1}`,
        areaM2: 88.5,
        use: 'residential',
        state: 'occupied',
      }),
    );
  }
  return { project, building, units };
}

/** A staff member with the given role in the given project, and their service context. */
export async function makeStaff(admin: ServiceContext, projectId: number, role: RoleCode, options: { department?: DepartmentKind } = {}) {
  const n = next();
  const department = options.department
    ? await admin.db
        .selectFrom('departments')
        .select('id')
        .where('project_id', '=', projectId)
        .where('kind', '=', options.department)
        .executeTakeFirstOrThrow()
    : undefined;
  const { staff } = await createStaff(admin, {
    employeeNo: `F${n}`,
    username: `${role}.${n}`,
    name: `员工${n}`,
    roles: [role],
    projectIds: role === 'leader' || role === 'admin' ? [] : [projectId],
    status: 'active',
    password: 'password123',
    departmentId: department?.id,
  });
  return { staff, ctx: await contextFor({ db: admin.db, dialect: admin.dialect } as Database, admin.clock, staff.id) };
}

/** An owner living in a unit of the project, recorded by `ctx` (the desk) through the customer service. */
export async function makeCustomer(
  ctx: ServiceContext,
  projectId: number,
  unitId: number,
  options: { name?: string; phone?: string } = {},
) {
  const n = next();
  return createCustomer(ctx, {
    projectId,
    kind: 'person',
    name: options.name ?? `业主${n}`,
    phone: options.phone ?? `1440000${n.padStart(4, '0').slice(-4)}`,
    contacts: [],
    emergencyContacts: [],
    unitId,
    relation: 'owner',
  });
}

/** The resident's own view (as after a portal login), for a customer record. */
export function residentContext(staffCtx: ServiceContext, customer: { id: number; name: string }): ServiceContext {
  const actor: ResidentActor = {
    kind: 'resident',
    id: customer.id,
    customerId: customer.id,
    companyId: staffCtx.actor.companyId,
    name: customer.name,
    phone: '',
    customerIds: [customer.id],
  };
  return { ...staffCtx, actor };
}

/** A ticket recorded at the desk through intake; fields default to a repair by phone. */
export async function makeTicket(desk: ServiceContext, input: Partial<TicketCreate> & { projectId: number }) {
  const { ticket } = await createTicket(desk, {
    type: 'repair',
    channel: 'phone',
    description: `厨房水龙头漏水 ${next()}`,
    ...input,
  });
  return ticket;
}
