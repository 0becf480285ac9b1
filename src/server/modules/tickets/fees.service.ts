/**
 * The fee schedule of paid services (有偿服务项目及收费标准, seed 001 4.2.1): a project's own items
 * override the company's items with the same code. Resolving a ticket with services prices them here,
 * so the charge on the ticket always follows the published schedule.
 */
import type { z } from 'zod';
import type { FeeItem, feeItemCreate, feeItemUpdate } from '../../../shared/tickets.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/types.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, duplicate, invalid, notFound } from '../../platform/errors.ts';
import { assertProjectAccess, canAccessProject, requirePermission } from '../../platform/permissions.ts';

function toFeeItem(r: Row<'fee_schedule'>): FeeItem {
  return { id: r.id, projectId: r.project_id, code: r.code, name: r.name, unit: r.unit, price: r.price, active: r.active === 1 };
}

/** The items in force for a project: its own, and the company's where it has none of that code. */
async function effectiveItems(db: Executor, companyId: number, projectId: number): Promise<Row<'fee_schedule'>[]> {
  const rows = await db
    .selectFrom('fee_schedule')
    .selectAll()
    .where('company_id', '=', companyId)
    .where((eb) => eb.or([eb('project_id', '=', projectId), eb('project_id', 'is', null)]))
    .orderBy('code')
    .execute();
  const byCode = new Map<string, Row<'fee_schedule'>>();
  for (const r of rows) if (!byCode.has(r.code) || r.project_id !== null) byCode.set(r.code, r);
  return [...byCode.values()];
}

export async function listFeeItems(ctx: ServiceContext, projectId: number) {
  const actor = requirePermission(ctx, 'ticket.read');
  assertProjectAccess(actor, projectId);
  return { items: (await effectiveItems(ctx.db, actor.companyId, projectId)).map(toFeeItem) };
}

export async function createFeeItem(ctx: ServiceContext, input: z.infer<typeof feeItemCreate>) {
  const actor = requirePermission(ctx, 'policy.manage');
  if (input.projectId === undefined && !actor.permissions.has('company.admin'))
    throw new AppError('FORBIDDEN', 'Only a system administrator sets company-wide prices');
  if (input.projectId !== undefined) assertProjectAccess(actor, input.projectId);
  return ctx.db.transaction().execute(async (trx) => {
    let dup = trx.selectFrom('fee_schedule').select('id').where('company_id', '=', actor.companyId).where('code', '=', input.code);
    dup = input.projectId === undefined ? dup.where('project_id', 'is', null) : dup.where('project_id', '=', input.projectId);
    if (await dup.executeTakeFirst()) throw duplicate('code', `${input.code} is already in the schedule`);
    const row = await trx
      .insertInto('fee_schedule')
      .values({
        company_id: actor.companyId,
        project_id: input.projectId ?? null,
        code: input.code,
        name: input.name,
        unit: input.unit,
        price: input.price,
        active: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', entity: 'fee_item', entityId: row.id, projectId: row.project_id, after: input });
    return toFeeItem(row);
  });
}

export async function updateFeeItem(ctx: ServiceContext, id: number, patch: z.infer<typeof feeItemUpdate>) {
  const actor = requirePermission(ctx, 'policy.manage');
  const before = await ctx.db.selectFrom('fee_schedule').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before || before.company_id !== actor.companyId || (before.project_id !== null && !canAccessProject(actor, before.project_id)))
    throw notFound('Fee item');
  if (before.project_id === null && !actor.permissions.has('company.admin'))
    throw new AppError('FORBIDDEN', 'Only a system administrator changes company-wide prices');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('fee_schedule')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.unit !== undefined && { unit: patch.unit }),
        ...(patch.price !== undefined && { price: patch.price }),
        ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'fee_item',
      entityId: id,
      projectId: before.project_id,
      before: toFeeItem(before),
      after: patch,
    });
    return toFeeItem(row);
  });
}

/** Prices the services of a resolution from the schedule; unknown or retired codes name the field. */
export async function priceServices(db: Executor, companyId: number, projectId: number, services: { code: string; quantity: number }[]) {
  const items = new Map((await effectiveItems(db, companyId, projectId)).filter((r) => r.active === 1).map((r) => [r.code, r]));
  const lines = services.map((s, i) => {
    const item = items.get(s.code);
    if (!item) throw invalid(`services.${i}.code`, 'is not a paid service of the fee schedule');
    return {
      code: item.code,
      name: item.name,
      unit: item.unit,
      price: item.price,
      quantity: s.quantity,
      amount: Math.round(item.price * s.quantity * 100) / 100,
    };
  });
  return { lines, total: Math.round(lines.reduce((sum, l) => sum + l.amount, 0) * 100) / 100 };
}
