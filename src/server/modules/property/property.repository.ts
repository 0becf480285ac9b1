import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/types.ts';
import type { BuildingKind, DepartmentKind, ProjectKind, PublicPlaceKind, UnitState, UnitUse } from '../../../shared/enums.ts';
import type { Building, Department, Project, PublicPlace, Unit } from '../../../shared/schemas.ts';

export function toProject(row: Row<'projects'>): Project {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as ProjectKind,
    address: row.address,
    phone: row.phone,
    timeZone: row.time_zone,
  };
}

export function toDepartment(row: Row<'departments'>): Department {
  return { id: row.id, projectId: row.project_id, kind: row.kind as DepartmentKind, name: row.name };
}

export function toPublicPlace(row: Row<'public_places'>): PublicPlace {
  return { id: row.id, projectId: row.project_id, buildingId: row.building_id, name: row.name, kind: row.kind as PublicPlaceKind };
}

export const unitColumns = [
  'units.id',
  'units.project_id',
  'units.building_id',
  'units.entrance_id',
  'units.floor',
  'units.number',
  'units.code',
  'units.area_m2',
  'units.use',
  'units.state',
  'buildings.name as building_name',
] as const;

export type UnitRow = Pick<
  Row<'units'>,
  'id' | 'project_id' | 'building_id' | 'entrance_id' | 'floor' | 'number' | 'code' | 'area_m2' | 'use' | 'state'
> & {
  building_name: string;
};

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    projectId: row.project_id,
    buildingId: row.building_id,
    buildingName: row.building_name,
    entranceId: row.entrance_id,
    floor: row.floor,
    number: row.number,
    code: row.code,
    areaM2: row.area_m2,
    use: row.use as UnitUse,
    state: row.state as UnitState,
  };
}

export async function findProject(db: Executor, id: number) {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findBuilding(db: Executor, id: number) {
  return db.selectFrom('buildings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUnit(db: Executor, id: number) {
  return db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select(unitColumns)
    .where('units.id', '=', id)
    .executeTakeFirst();
}

/** Buildings with their entrances and unit counts, in code order. */
export async function loadBuildings(
  db: Executor,
  where: { projectId?: number; ids?: number[]; afterId?: number; limit?: number },
): Promise<Building[]> {
  let q = db.selectFrom('buildings').selectAll();
  if (where.projectId !== undefined) q = q.where('project_id', '=', where.projectId);
  if (where.ids) q = q.where('id', 'in', where.ids.length ? where.ids : [-1]);
  if (where.afterId !== undefined) q = q.where('id', '>', where.afterId);
  q = q.orderBy('id');
  if (where.limit !== undefined) q = q.limit(where.limit);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [entrances, counts] = await Promise.all([
    db.selectFrom('entrances').select(['id', 'building_id', 'code', 'name']).where('building_id', 'in', ids).orderBy('code').execute(),
    db
      .selectFrom('units')
      .select(['building_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('building_id', 'in', ids)
      .groupBy('building_id')
      .execute(),
  ]);
  const countBy = new Map(counts.map((c) => [c.building_id, Number(c.n)]));
  return rows.map((b) => ({
    id: b.id,
    projectId: b.project_id,
    code: b.code,
    name: b.name,
    kind: b.kind as BuildingKind,
    floors: b.floors,
    unitCount: countBy.get(b.id) ?? 0,
    entrances: entrances.filter((e) => e.building_id === b.id).map((e) => ({ id: e.id, code: e.code, name: e.name })),
  }));
}

/**
 * The butler (owner of the responsibility area) of each building of a project: whom a household's
 * matters are attributed to. A building in several areas goes to the first area's owner.
 */
export async function areaOwnersByBuilding(exec: Executor, projectId: number): Promise<Map<number, number>> {
  const rows = await exec
    .selectFrom('responsibility_area_buildings')
    .innerJoin('responsibility_areas', 'responsibility_areas.id', 'responsibility_area_buildings.area_id')
    .select(['responsibility_area_buildings.building_id', 'responsibility_areas.owner_staff_id'])
    .where('responsibility_areas.project_id', '=', projectId)
    .where('responsibility_areas.owner_staff_id', 'is not', null)
    .orderBy('responsibility_areas.id')
    .execute();
  const out = new Map<number, number>();
  for (const r of rows) if (!out.has(r.building_id)) out.set(r.building_id, r.owner_staff_id!);
  return out;
}
