import { defaultCategories, defaultCategoryByCode } from '../../../shared/categories.ts';
import type { Executor } from '../../db/database.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { requireStaff } from '../../platform/permissions.ts';

/** Adds the default category tree to a company; existing codes (maybe renamed by the company) are kept. */
export async function seedCategories(db: Executor, companyId: number): Promise<number> {
  const existing = new Set(
    (await db.selectFrom('ticket_categories').select('code').where('company_id', '=', companyId).execute()).map((r) => r.code),
  );
  const missing = defaultCategories.filter((c) => !existing.has(c.code));
  if (!missing.length) return 0;
  await db
    .insertInto('ticket_categories')
    .values(
      missing.map((c) => ({
        company_id: companyId,
        code: c.code,
        parent_code: c.parent,
        name: c.name,
        default_priority: c.defaultPriority,
        common_area: c.commonArea === 'common' ? 1 : 0,
        active: 1,
        sort: defaultCategories.indexOf(c),
      })),
    )
    .execute();
  return missing.length;
}

export async function listCategories(ctx: ServiceContext) {
  const actor = requireStaff(ctx.actor);
  const rows = await ctx.db
    .selectFrom('ticket_categories')
    .selectAll()
    .where('company_id', '=', actor.companyId)
    .where('active', '=', 1)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  return {
    // A company's own names are zh-CN; the other languages come from the default tree for its codes.
    items: rows.map((r) => ({
      code: r.code,
      parent: r.parent_code,
      name: r.name,
      nameTw: defaultCategoryByCode.get(r.code)?.nameTw ?? r.name,
      nameEn: defaultCategoryByCode.get(r.code)?.nameEn ?? r.name,
      defaultPriority: r.default_priority,
      commonArea: r.common_area === 1,
    })),
  };
}
