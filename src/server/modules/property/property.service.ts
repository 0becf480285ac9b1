import type { z } from 'zod';
import type { DepartmentKind } from '../../../shared/enums.ts';
import { maskPhone } from '../../../shared/mask.ts';
import type {
  buildingCreate,
  buildingUpdate,
  entranceCreate,
  projectCreate,
  projectUpdate,
  publicPlaceCreate,
  responsibilityAreaCreate,
  unitCreate,
  unitsQuery,
  unitUpdate,
} from '../../../shared/schemas.ts';
import type { Building, Project, ProjectSummary, ResponsibilityArea, UnitDetail } from '../../../shared/schemas.ts';
import type { Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { ServiceContext, StaffActor } from '../../platform/context.ts';
import { duplicate, invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { assertProjectAccess, canAccessProject, projectScope, requirePermission } from '../../platform/permissions.ts';
import {
  findBuilding,
  findProject,
  findUnit,
  loadBuildings,
  toDepartment,
  toProject,
  toPublicPlace,
  toUnit,
  unitColumns,
} from './property.repository.ts';

/** The departments every 管理处 starts with; admins rename or add later. */
export const defaultDepartments: { kind: DepartmentKind; name: string }[] = [
  { kind: 'management', name: '管理处' },
  { kind: 'customer_service', name: '客户服务中心' },
  { kind: 'maintenance', name: '维修部' },
  { kind: 'security', name: '安全部' },
  { kind: 'environment', name: '环境部' },
  { kind: 'finance', name: '财务部' },
  { kind: 'admin_hr', name: '行政人事部' },
  { kind: 'control_room', name: '中控室' },
];

/** Loads a project-owned row and hides it (404) from callers outside that project. */
async function projectVisible<T extends { project_id: number }>(actor: StaffActor, row: T | undefined, what: string): Promise<T> {
  if (!row || !canAccessProject(actor, row.project_id)) throw notFound(what);
  return row;
}

// ---------- projects ----------
export async function listProjects(ctx: ServiceContext) {
  const actor = requirePermission(ctx, 'property.read');
  const scope = projectScope(actor);
  let q = ctx.db.selectFrom('projects').selectAll().where('company_id', '=', actor.companyId).orderBy('id');
  if (scope) q = q.where('id', 'in', scope.length ? scope : [-1]);
  const rows = await q.execute();
  return { items: rows.map(toProject), nextCursor: null };
}

export async function getProject(ctx: ServiceContext, id: number): Promise<Project> {
  const actor = requirePermission(ctx, 'property.read');
  const row = await findProject(ctx.db, id);
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, id)) throw notFound('Project');
  return toProject(row);
}

export async function createProject(ctx: ServiceContext, input: z.infer<typeof projectCreate>, defaultTimeZone: string): Promise<Project> {
  const actor = requirePermission(ctx, 'company.admin');
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('projects')
      .select('id')
      .where('company_id', '=', actor.companyId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (exists) throw duplicate('code', `project ${input.code} already exists`);
    const row = await trx
      .insertInto('projects')
      .values({
        company_id: actor.companyId,
        code: input.code,
        name: input.name,
        kind: input.kind,
        address: input.address ?? null,
        phone: input.phone ?? null,
        time_zone: input.timeZone ?? defaultTimeZone,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('departments')
      .values(defaultDepartments.map((d) => ({ company_id: actor.companyId, project_id: row.id, kind: d.kind, name: d.name })))
      .execute();
    await writeAudit(trx, ctx, { action: 'create', entity: 'project', entityId: row.id, projectId: row.id, after: toProject(row) });
    return toProject(row);
  });
}

export async function updateProject(ctx: ServiceContext, id: number, patch: z.infer<typeof projectUpdate>): Promise<Project> {
  const actor = requirePermission(ctx, 'property.write');
  const before = await getProject(ctx, id);
  assertProjectAccess(actor, id);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('projects')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.kind !== undefined && { kind: patch.kind }),
        ...(patch.address !== undefined && { address: patch.address ?? null }),
        ...(patch.phone !== undefined && { phone: patch.phone ?? null }),
        ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toProject(row);
    await writeAudit(trx, ctx, { action: 'update', entity: 'project', entityId: id, projectId: id, before, after });
    return after;
  });
}

export async function projectSummary(ctx: ServiceContext, id: number): Promise<ProjectSummary> {
  await getProject(ctx, id);
  const db = ctx.db;
  const [buildings, byState, customers, households, staff] = await Promise.all([
    db
      .selectFrom('buildings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('units')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('area_m2').as('area')])
      .where('project_id', '=', id)
      .groupBy('state')
      .execute(),
    db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', id)
      .executeTakeFirstOrThrow(),
    // A household is a unit with at least one current occupant.
    db
      .selectFrom('occupancies')
      .select((eb) => eb.fn.count<number>('unit_id').distinct().as('n'))
      .where('project_id', '=', id)
      .where('move_out_date', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('staff_projects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  const unitsByState: Record<string, number> = {};
  let units = 0;
  let area = 0;
  for (const s of byState) {
    unitsByState[s.state] = Number(s.n);
    units += Number(s.n);
    area += Number(s.area ?? 0);
  }
  return {
    projectId: id,
    buildings: Number(buildings.n),
    units,
    area: Math.round(area * 100) / 100,
    unitsByState,
    customers: Number(customers.n),
    households: Number(households.n),
    staff: Number(staff.n),
  };
}

export async function listDepartments(ctx: ServiceContext, projectId?: number) {
  const actor = requirePermission(ctx, 'property.read');
  const scope = projectScope(actor, projectId);
  let q = ctx.db.selectFrom('departments').selectAll().where('company_id', '=', actor.companyId).orderBy('id');
  if (scope) q = q.where((eb) => eb.or([eb('project_id', 'in', scope.length ? scope : [-1]), eb('project_id', 'is', null)]));
  return { items: (await q.execute()).map(toDepartment) };
}

// ---------- buildings and entrances ----------
export async function listBuildings(ctx: ServiceContext, query: { projectId: number; limit: number; cursor?: string }) {
  const actor = requirePermission(ctx, 'property.read');
  assertProjectAccess(actor, query.projectId);
  const rows = await loadBuildings(ctx.db, { projectId: query.projectId, afterId: decodeCursor(query.cursor), limit: query.limit + 1 });
  return toPage(rows, query.limit, (b) => b);
}

export async function getBuilding(ctx: ServiceContext, id: number): Promise<Building> {
  const actor = requirePermission(ctx, 'property.read');
  await projectVisible(actor, await findBuilding(ctx.db, id), 'Building');
  const [building] = await loadBuildings(ctx.db, { ids: [id] });
  return building;
}

export async function createBuilding(ctx: ServiceContext, input: z.infer<typeof buildingCreate>): Promise<Building> {
  const actor = requirePermission(ctx, 'property.write');
  assertProjectAccess(actor, input.projectId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const dup = await trx
      .selectFrom('buildings')
      .select('id')
      .where('project_id', '=', input.projectId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (dup) throw duplicate('code', `building ${input.code} already exists in this project`);
    const row = await trx
      .insertInto('buildings')
      .values({
        project_id: input.projectId,
        code: input.code,
        name: input.name,
        kind: input.kind,
        floors: input.floors,
        created_at: ctx.clock.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const codes = [...new Set(input.entrances ?? [])];
    if (codes.length) {
      await trx
        .insertInto('entrances')
        .values(codes.map((code) => ({ project_id: input.projectId, building_id: row.id, code, name: `${code}单元` })))
        .execute();
    }
    await writeAudit(trx, ctx, { action: 'create', entity: 'building', entityId: row.id, projectId: input.projectId, after: input });
    return row.id;
  });
  const [building] = await loadBuildings(ctx.db, { ids: [id] });
  return building;
}

export async function updateBuilding(ctx: ServiceContext, id: number, patch: z.infer<typeof buildingUpdate>): Promise<Building> {
  const actor = requirePermission(ctx, 'property.write');
  const before = await projectVisible(actor, await findBuilding(ctx.db, id), 'Building');
  await ctx.db.transaction().execute(async (trx) => {
    if (patch.code && patch.code !== before.code) {
      const dup = await trx
        .selectFrom('buildings')
        .select('id')
        .where('project_id', '=', before.project_id)
        .where('code', '=', patch.code)
        .executeTakeFirst();
      if (dup) throw duplicate('code', `building ${patch.code} already exists in this project`);
    }
    await trx.updateTable('buildings').set(patch).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { action: 'update', entity: 'building', entityId: id, projectId: before.project_id, before, after: patch });
  });
  return getBuilding(ctx, id);
}

export async function createEntrance(ctx: ServiceContext, input: z.infer<typeof entranceCreate>): Promise<Building> {
  const actor = requirePermission(ctx, 'property.write');
  const building = await projectVisible(actor, await findBuilding(ctx.db, input.buildingId), 'Building');
  await ctx.db.transaction().execute(async (trx) => {
    const dup = await trx
      .selectFrom('entrances')
      .select('id')
      .where('building_id', '=', building.id)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (dup) throw duplicate('code', `entrance ${input.code} already exists`);
    const row = await trx
      .insertInto('entrances')
      .values({ project_id: building.project_id, building_id: building.id, code: input.code, name: input.name ?? `${input.code}单元` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', entity: 'entrance', entityId: row.id, projectId: building.project_id, after: input });
  });
  return getBuilding(ctx, building.id);
}

// ---------- units ----------
export async function listUnits(ctx: ServiceContext, query: z.infer<typeof unitsQuery>) {
  const actor = requirePermission(ctx, 'property.read');
  const scope = projectScope(actor, query.projectId);
  let q = ctx.db.selectFrom('units').innerJoin('buildings', 'buildings.id', 'units.building_id').select(unitColumns);
  if (scope) q = q.where('units.project_id', 'in', scope.length ? scope : [-1]);
  if (query.buildingId) q = q.where('units.building_id', '=', query.buildingId);
  if (query.entranceId) q = q.where('units.entrance_id', '=', query.entranceId);
  if (query.state) q = q.where('units.state', '=', query.state);
  if (query.q) q = q.where(ctx.dialect.contains('units.code', query.q));
  const after = decodeCursor(query.cursor);
  if (after !== undefined) q = q.where('units.id', '>', after);
  const rows = await q
    .orderBy('units.id')
    .limit(query.limit + 1)
    .execute();
  return toPage(rows, query.limit, toUnit);
}

export async function getUnit(ctx: ServiceContext, id: number): Promise<UnitDetail> {
  const actor = requirePermission(ctx, 'property.read');
  const row = await projectVisible(actor, await findUnit(ctx.db, id), 'Unit');
  const occupants = await ctx.db
    .selectFrom('occupancies')
    .innerJoin('customers', 'customers.id', 'occupancies.customer_id')
    .select([
      'occupancies.id',
      'occupancies.customer_id',
      'occupancies.relation',
      'occupancies.move_in_date',
      'occupancies.move_out_date',
      'customers.name',
      'customers.phone',
    ])
    .where('occupancies.unit_id', '=', id)
    .orderBy('occupancies.move_out_date', 'desc')
    .orderBy('occupancies.id')
    .execute();
  const canSeeCustomers = actor.permissions.has('customer.read');
  return {
    ...toUnit(row),
    occupants: canSeeCustomers
      ? occupants.map((o) => ({
          occupancyId: o.id,
          customerId: o.customer_id,
          name: o.name,
          relation: o.relation as UnitDetail['occupants'][number]['relation'],
          phone: maskPhone(o.phone),
          moveInDate: o.move_in_date,
          moveOutDate: o.move_out_date,
        }))
      : [],
  };
}

async function resolveEntrance(db: Executor, buildingId: number, entranceId: number | null | undefined) {
  if (entranceId == null) return null;
  const entrance = await db.selectFrom('entrances').selectAll().where('id', '=', entranceId).executeTakeFirst();
  if (!entrance || entrance.building_id !== buildingId) throw invalid('entranceId', 'is not an entrance of this building');
  return entrance;
}

export function unitCode(buildingCode: string, entranceCode: string | null, number: string): string {
  return entranceCode ? `${buildingCode}-${entranceCode}-${number}` : `${buildingCode}-${number}`;
}

export async function createUnit(ctx: ServiceContext, input: z.infer<typeof unitCreate>): Promise<UnitDetail> {
  const actor = requirePermission(ctx, 'property.write');
  const building = await projectVisible(actor, await findBuilding(ctx.db, input.buildingId), 'Building');
  if (input.floor > building.floors) throw invalid('floor', `is above the building's ${building.floors} floors`);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const entrance = await resolveEntrance(trx, building.id, input.entranceId);
    const code = unitCode(building.code, entrance?.code ?? null, input.number);
    const dup = await trx
      .selectFrom('units')
      .select('id')
      .where('project_id', '=', building.project_id)
      .where('code', '=', code)
      .executeTakeFirst();
    if (dup) throw duplicate('number', `unit ${code} already exists`);
    const now = ctx.clock.now().toISOString();
    const row = await trx
      .insertInto('units')
      .values({
        project_id: building.project_id,
        building_id: building.id,
        entrance_id: entrance?.id ?? null,
        floor: input.floor,
        number: input.number,
        code,
        area_m2: input.areaM2,
        use: input.use,
        state: input.state,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'unit',
      entityId: row.id,
      projectId: building.project_id,
      after: { ...input, code },
    });
    return row.id;
  });
  return getUnit(ctx, id);
}

export async function updateUnit(ctx: ServiceContext, id: number, patch: z.infer<typeof unitUpdate>): Promise<UnitDetail> {
  const actor = requirePermission(ctx, 'property.write');
  const before = await projectVisible(actor, await findUnit(ctx.db, id), 'Unit');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('units')
      .set({
        ...(patch.areaM2 !== undefined && { area_m2: patch.areaM2 }),
        ...(patch.use !== undefined && { use: patch.use }),
        ...(patch.state !== undefined && { state: patch.state }),
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'unit',
      entityId: id,
      projectId: before.project_id,
      before: { areaM2: before.area_m2, use: before.use, state: before.state },
      after: patch,
    });
  });
  return getUnit(ctx, id);
}

// ---------- public places ----------
export async function listPublicPlaces(ctx: ServiceContext, projectId: number) {
  const actor = requirePermission(ctx, 'property.read');
  assertProjectAccess(actor, projectId);
  const rows = await ctx.db.selectFrom('public_places').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
  return { items: rows.map(toPublicPlace) };
}

export async function createPublicPlace(ctx: ServiceContext, input: z.infer<typeof publicPlaceCreate>) {
  const actor = requirePermission(ctx, 'property.write');
  assertProjectAccess(actor, input.projectId);
  if (input.buildingId) {
    const b = await findBuilding(ctx.db, input.buildingId);
    if (!b || b.project_id !== input.projectId) throw invalid('buildingId', 'is not a building of this project');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('public_places')
      .values({ project_id: input.projectId, building_id: input.buildingId ?? null, name: input.name, kind: input.kind })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', entity: 'public_place', entityId: row.id, projectId: input.projectId, after: input });
    return toPublicPlace(row);
  });
}

// ---------- responsibility areas (责任区) ----------
export async function listResponsibilityAreas(ctx: ServiceContext, projectId: number): Promise<{ items: ResponsibilityArea[] }> {
  const actor = requirePermission(ctx, 'property.read');
  assertProjectAccess(actor, projectId);
  const areas = await ctx.db.selectFrom('responsibility_areas').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
  if (!areas.length) return { items: [] };
  const ids = areas.map((a) => a.id);
  const staffIds = [
    ...new Set(
      areas.flatMap((a) => [a.owner_staff_id, a.main_responsible_id, a.deputy_responsible_id]).filter((x): x is number => x != null),
    ),
  ];
  const [links, people] = await Promise.all([
    ctx.db.selectFrom('responsibility_area_buildings').selectAll().where('area_id', 'in', ids).execute(),
    staffIds.length ? ctx.db.selectFrom('staff').select(['id', 'name']).where('id', 'in', staffIds).execute() : Promise.resolve([]),
  ]);
  const person = (id: number | null) => {
    const p = id == null ? undefined : people.find((s) => s.id === id);
    return p ? { id: p.id, name: p.name } : null;
  };
  return {
    items: areas.map((a) => ({
      id: a.id,
      projectId: a.project_id,
      name: a.name,
      owner: person(a.owner_staff_id),
      mainResponsible: person(a.main_responsible_id),
      deputyResponsible: person(a.deputy_responsible_id),
      buildingIds: links.filter((l) => l.area_id === a.id).map((l) => l.building_id),
    })),
  };
}

export async function createResponsibilityArea(ctx: ServiceContext, input: z.infer<typeof responsibilityAreaCreate>) {
  const actor = requirePermission(ctx, 'property.write');
  assertProjectAccess(actor, input.projectId);
  for (const [field, staffId] of [
    ['ownerStaffId', input.ownerStaffId],
    ['mainResponsibleId', input.mainResponsibleId],
    ['deputyResponsibleId', input.deputyResponsibleId],
  ] as const) {
    if (staffId == null) continue;
    const member = await ctx.db
      .selectFrom('staff_projects')
      .select('staff_id')
      .where('staff_id', '=', staffId)
      .where('project_id', '=', input.projectId)
      .executeTakeFirst();
    if (!member) throw invalid(field, 'is not a staff member of this project');
  }
  if (input.buildingIds.length) {
    const found = await ctx.db
      .selectFrom('buildings')
      .select('id')
      .where('id', 'in', input.buildingIds)
      .where('project_id', '=', input.projectId)
      .execute();
    if (found.length !== new Set(input.buildingIds).size) throw invalid('buildingIds', 'contains a building outside this project');
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('responsibility_areas')
      .values({
        project_id: input.projectId,
        name: input.name,
        owner_staff_id: input.ownerStaffId ?? null,
        main_responsible_id: input.mainResponsibleId ?? null,
        deputy_responsible_id: input.deputyResponsibleId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const buildingIds = [...new Set(input.buildingIds)];
    if (buildingIds.length)
      await trx
        .insertInto('responsibility_area_buildings')
        .values(buildingIds.map((b) => ({ area_id: row.id, building_id: b })))
        .execute();
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'responsibility_area',
      entityId: row.id,
      projectId: input.projectId,
      after: input,
    });
    return row.id;
  });
  const { items } = await listResponsibilityAreas(ctx, input.projectId);
  return items.find((a) => a.id === id)!;
}
