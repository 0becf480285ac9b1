import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { OccupancyRelation } from '../../../shared/enums.ts';
import * as s from '../../../shared/schemas.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { requireResident } from '../../platform/permissions.ts';
import { portalOperations } from '../../../shared/api/portal.ts';

/** A resident's own households: the units they currently live in or own, with the people registered there. */
export async function listHouseholds(ctx: ServiceContext): Promise<{ items: s.Household[] }> {
  const resident = requireResident(ctx.actor);
  const links = await ctx.db
    .selectFrom('occupancies')
    .innerJoin('units', 'units.id', 'occupancies.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('projects', 'projects.id', 'units.project_id')
    .select([
      'units.id as unit_id',
      'units.code',
      'units.area_m2',
      'buildings.name as building_name',
      'projects.id as project_id',
      'projects.name as project_name',
      'occupancies.relation',
    ])
    .where('occupancies.customer_id', 'in', resident.customerIds)
    .where('occupancies.move_out_date', 'is', null)
    .orderBy('units.id')
    .execute();
  if (!links.length) return { items: [] };
  const members = await ctx.db
    .selectFrom('occupancies')
    .innerJoin('customers', 'customers.id', 'occupancies.customer_id')
    .select(['occupancies.unit_id', 'customers.name', 'occupancies.relation'])
    .where(
      'occupancies.unit_id',
      'in',
      links.map((l) => l.unit_id),
    )
    .where('occupancies.move_out_date', 'is', null)
    .orderBy('occupancies.id')
    .execute();
  return {
    items: links.map((l) => ({
      unitId: l.unit_id,
      unitCode: l.code,
      buildingName: l.building_name,
      projectId: l.project_id,
      projectName: l.project_name,
      relation: l.relation as OccupancyRelation,
      areaM2: l.area_m2,
      members: members.filter((m) => m.unit_id === l.unit_id).map((m) => ({ name: m.name, relation: m.relation as OccupancyRelation })),
    })),
  };
}

export async function portalRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/portal/households',
    {
      schema: portalOperations['GET /api/portal/households'],
    },
    (req) => listHouseholds(req.ctx()),
  );
}
