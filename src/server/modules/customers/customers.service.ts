import type { z } from 'zod';
import type { ContactKind, CustomerKind, Gender, IdType, OccupancyRelation } from '../../../shared/enums.ts';
import { maskContactValue, maskIdNumber, maskPhone } from '../../../shared/mask.ts';
import type {
  Customer,
  CustomerListItem,
  RevealResult,
  customerCreate,
  customersQuery,
  customerUpdate,
  occupancyCreate,
  occupancyUpdate,
} from '../../../shared/schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/types.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { ServiceContext, StaffActor } from '../../platform/context.ts';
import { duplicate, invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { assertProjectAccess, canAccessProject, projectScope, requirePermission } from '../../platform/permissions.ts';

/** A customer of the caller's company and projects; anything else is 404. */
export async function visibleCustomer(db: Executor, actor: StaffActor, id: number): Promise<Row<'customers'>> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Customer');
  return row;
}

async function loadParts(db: Executor, customerId: number) {
  const [contacts, emergency, units] = await Promise.all([
    db.selectFrom('customer_contacts').selectAll().where('customer_id', '=', customerId).orderBy('id').execute(),
    db.selectFrom('emergency_contacts').selectAll().where('customer_id', '=', customerId).orderBy('id').execute(),
    db
      .selectFrom('occupancies')
      .innerJoin('units', 'units.id', 'occupancies.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select([
        'occupancies.id',
        'occupancies.unit_id',
        'occupancies.relation',
        'occupancies.move_in_date',
        'occupancies.move_out_date',
        'units.code',
        'buildings.name as building_name',
      ])
      .where('occupancies.customer_id', '=', customerId)
      .orderBy('occupancies.id')
      .execute(),
  ]);
  return { contacts, emergency, units };
}

function toCustomer(row: Row<'customers'>, parts: Awaited<ReturnType<typeof loadParts>>, canReveal: boolean): Customer {
  return {
    id: row.id,
    projectId: row.project_id,
    kind: row.kind as CustomerKind,
    name: row.name,
    gender: row.gender as Gender | null,
    phone: maskPhone(row.phone),
    idType: row.id_type as IdType | null,
    idNumber: maskIdNumber(row.id_number),
    orgLegalRep: row.org_legal_rep,
    orgContactPerson: row.org_contact_person,
    notes: row.notes,
    masked: true,
    canReveal,
    contacts: parts.contacts.map((c) => ({
      id: c.id,
      kind: c.kind as ContactKind,
      value: maskContactValue(c.kind, c.value),
      label: c.label,
    })),
    emergencyContacts: parts.emergency.map((e) => ({ id: e.id, name: e.name, relation: e.relation, phone: maskPhone(e.phone) ?? '' })),
    units: parts.units.map((u) => ({
      occupancyId: u.id,
      unitId: u.unit_id,
      unitCode: u.code,
      buildingName: u.building_name,
      relation: u.relation as OccupancyRelation,
      moveInDate: u.move_in_date,
      moveOutDate: u.move_out_date,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listCustomers(ctx: ServiceContext, query: z.infer<typeof customersQuery>) {
  const actor = requirePermission(ctx, 'customer.read');
  const scope = projectScope(actor, query.projectId);
  let q = ctx.db.selectFrom('customers').select(['id', 'project_id', 'kind', 'name', 'phone']).where('company_id', '=', actor.companyId);
  if (scope) q = q.where('project_id', 'in', scope.length ? scope : [-1]);
  if (query.unitId) {
    const unitId = query.unitId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('occupancies')
          .select('occupancies.id')
          .whereRef('occupancies.customer_id', '=', 'customers.id')
          .where('occupancies.unit_id', '=', unitId),
      ),
    );
  }
  if (query.q) {
    const text = query.q;
    // Staff search by the caller-ID number or its tail; results still come back masked.
    if (/^\d{4,11}$/.test(text)) q = q.where(ctx.dialect.contains('phone', text));
    else
      q = q.where((eb) =>
        eb.or([
          ctx.dialect.contains('customers.name', text),
          eb.exists(
            eb
              .selectFrom('occupancies')
              .innerJoin('units', 'units.id', 'occupancies.unit_id')
              .select('occupancies.id')
              .whereRef('occupancies.customer_id', '=', 'customers.id')
              .where(ctx.dialect.contains('units.code', text)),
          ),
        ]),
      );
  }
  const after = decodeCursor(query.cursor);
  if (after !== undefined) q = q.where('id', '>', after);
  const rows = await q
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
  const ids = rows.slice(0, query.limit).map((r) => r.id);
  const links = ids.length
    ? await ctx.db
        .selectFrom('occupancies')
        .innerJoin('units', 'units.id', 'occupancies.unit_id')
        .select(['occupancies.customer_id', 'occupancies.unit_id', 'occupancies.relation', 'units.code'])
        .where('occupancies.customer_id', 'in', ids)
        .where('occupancies.move_out_date', 'is', null)
        .orderBy('occupancies.id')
        .execute()
    : [];
  return toPage(rows, query.limit, (r): CustomerListItem => ({
    id: r.id,
    projectId: r.project_id,
    kind: r.kind as CustomerKind,
    name: r.name,
    phone: maskPhone(r.phone),
    units: links
      .filter((l) => l.customer_id === r.id)
      .map((l) => ({ unitId: l.unit_id, code: l.code, relation: l.relation as OccupancyRelation })),
  }));
}

export async function getCustomer(ctx: ServiceContext, id: number): Promise<Customer> {
  const actor = requirePermission(ctx, 'customer.read');
  const row = await visibleCustomer(ctx.db, actor, id);
  return toCustomer(row, await loadParts(ctx.db, id), actor.permissions.has('customer.reveal'));
}

async function unitInProject(db: Executor, unitId: number, projectId: number, field = 'unitId') {
  const unit = await db.selectFrom('units').select(['id', 'project_id', 'state']).where('id', '=', unitId).executeTakeFirst();
  if (!unit || unit.project_id !== projectId) throw invalid(field, 'is not a unit of the customer’s project');
  return unit;
}

async function replaceContacts(trx: Executor, customerId: number, contacts: z.infer<typeof customerCreate>['contacts']) {
  await trx.deleteFrom('customer_contacts').where('customer_id', '=', customerId).execute();
  if (contacts.length) {
    await trx
      .insertInto('customer_contacts')
      .values(contacts.map((c) => ({ customer_id: customerId, kind: c.kind, value: c.value, label: c.label ?? null })))
      .execute();
  }
}

async function replaceEmergencyContacts(trx: Executor, customerId: number, list: z.infer<typeof customerCreate>['emergencyContacts']) {
  await trx.deleteFrom('emergency_contacts').where('customer_id', '=', customerId).execute();
  if (list.length) {
    await trx
      .insertInto('emergency_contacts')
      .values(list.map((e) => ({ customer_id: customerId, name: e.name, relation: e.relation ?? null, phone: e.phone })))
      .execute();
  }
}

export async function createCustomer(ctx: ServiceContext, input: z.infer<typeof customerCreate>): Promise<Customer> {
  const actor = requirePermission(ctx, 'customer.write');
  assertProjectAccess(actor, input.projectId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (input.unitId) await unitInProject(trx, input.unitId, input.projectId);
    const now = ctx.clock.now().toISOString();
    const row = await trx
      .insertInto('customers')
      .values({
        company_id: actor.companyId,
        project_id: input.projectId,
        kind: input.kind,
        name: input.name,
        gender: input.gender ?? null,
        phone: input.phone ?? null,
        id_type: input.idType ?? null,
        id_number: input.idNumber ?? null,
        org_legal_rep: input.orgLegalRep ?? null,
        org_contact_person: input.orgContactPerson ?? null,
        notes: input.notes ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceContacts(trx, row.id, input.contacts);
    await replaceEmergencyContacts(trx, row.id, input.emergencyContacts);
    if (input.unitId && input.relation) {
      await trx
        .insertInto('occupancies')
        .values({
          project_id: input.projectId,
          unit_id: input.unitId,
          customer_id: row.id,
          relation: input.relation,
          move_in_date: input.moveInDate ?? null,
          move_out_date: null,
          created_at: now,
        })
        .execute();
    }
    await writeAudit(trx, ctx, { action: 'create', entity: 'customer', entityId: row.id, projectId: input.projectId, after: input });
    return row.id;
  });
  return getCustomer(ctx, id);
}

export async function updateCustomer(ctx: ServiceContext, id: number, patch: z.infer<typeof customerUpdate>): Promise<Customer> {
  const actor = requirePermission(ctx, 'customer.write');
  const before = await visibleCustomer(ctx.db, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.gender !== undefined && { gender: patch.gender }),
      ...(patch.phone !== undefined && { phone: patch.phone }),
      ...(patch.idType !== undefined && { id_type: patch.idType }),
      ...(patch.idNumber !== undefined && { id_number: patch.idNumber }),
      ...(patch.orgLegalRep !== undefined && { org_legal_rep: patch.orgLegalRep }),
      ...(patch.orgContactPerson !== undefined && { org_contact_person: patch.orgContactPerson }),
      ...(patch.notes !== undefined && { notes: patch.notes }),
    };
    const idType = patch.idType !== undefined ? patch.idType : before.id_type;
    const idNumber = patch.idNumber !== undefined ? patch.idNumber : before.id_number;
    if (idType === 'id_card' && idNumber && !/^\d{17}[\dXx]$/.test(idNumber))
      throw invalid('idNumber', 'must be an 18-character resident ID number');
    await trx
      .updateTable('customers')
      .set({ ...set, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    if (patch.contacts) await replaceContacts(trx, id, patch.contacts);
    if (patch.emergencyContacts) await replaceEmergencyContacts(trx, id, patch.emergencyContacts);
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'customer',
      entityId: id,
      projectId: before.project_id,
      before: { name: before.name, phone: before.phone, idNumber: before.id_number, notes: before.notes },
      after: patch,
    });
  });
  return getCustomer(ctx, id);
}

/** Shows the full numbers to a role that needs them, and records who looked, when and why. */
export async function revealCustomer(ctx: ServiceContext, id: number, reason: string): Promise<RevealResult> {
  const actor = requirePermission(ctx, 'customer.reveal');
  const row = await visibleCustomer(ctx.db, actor, id);
  const parts = await loadParts(ctx.db, id);
  await ctx.db.transaction().execute((trx) =>
    writeAudit(trx, ctx, {
      action: 'reveal',
      entity: 'customer',
      entityId: id,
      projectId: row.project_id,
      reason,
      after: { fields: ['phone', 'idNumber', 'contacts', 'emergencyContacts'] },
    }),
  );
  return {
    customerId: id,
    phone: row.phone,
    idNumber: row.id_number,
    contacts: parts.contacts.map((c) => ({ id: c.id, kind: c.kind as ContactKind, value: c.value, label: c.label })),
    emergencyContacts: parts.emergency.map((e) => ({ id: e.id, name: e.name, relation: e.relation, phone: e.phone })),
  };
}

export async function createOccupancy(ctx: ServiceContext, input: z.infer<typeof occupancyCreate>): Promise<Customer> {
  const actor = requirePermission(ctx, 'customer.write');
  const customer = await visibleCustomer(ctx.db, actor, input.customerId);
  await ctx.db.transaction().execute(async (trx) => {
    await unitInProject(trx, input.unitId, customer.project_id);
    const current = await trx
      .selectFrom('occupancies')
      .select('id')
      .where('unit_id', '=', input.unitId)
      .where('customer_id', '=', input.customerId)
      .where('move_out_date', 'is', null)
      .executeTakeFirst();
    if (current) throw duplicate('unitId', 'the customer is already linked to this unit', 'already linked');
    const row = await trx
      .insertInto('occupancies')
      .values({
        project_id: customer.project_id,
        unit_id: input.unitId,
        customer_id: input.customerId,
        relation: input.relation,
        move_in_date: input.moveInDate ?? null,
        move_out_date: input.moveOutDate ?? null,
        created_at: ctx.clock.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', entity: 'occupancy', entityId: row.id, projectId: customer.project_id, after: input });
  });
  return getCustomer(ctx, input.customerId);
}

export async function updateOccupancy(ctx: ServiceContext, id: number, patch: z.infer<typeof occupancyUpdate>): Promise<Customer> {
  const actor = requirePermission(ctx, 'customer.write');
  const before = await ctx.db.selectFrom('occupancies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before || !canAccessProject(actor, before.project_id)) throw notFound('Occupancy');
  const moveIn = patch.moveInDate !== undefined ? patch.moveInDate : before.move_in_date;
  const moveOut = patch.moveOutDate !== undefined ? patch.moveOutDate : before.move_out_date;
  if (moveIn && moveOut && moveOut < moveIn) throw invalid('moveOutDate', 'must not be before moveInDate');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('occupancies')
      .set({
        ...(patch.relation !== undefined && { relation: patch.relation }),
        ...(patch.moveInDate !== undefined && { move_in_date: patch.moveInDate }),
        ...(patch.moveOutDate !== undefined && { move_out_date: patch.moveOutDate }),
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx, { action: 'update', entity: 'occupancy', entityId: id, projectId: before.project_id, before, after: patch });
  });
  return getCustomer(ctx, before.customer_id);
}
