import { builtInRoles } from '../shared/permissions.ts';
import type { Db } from './db/database.ts';
import type { Clock } from './platform/clock.ts';
import { seedHolidays } from './platform/holidays.ts';
import { generatePassword, hashPassword } from './platform/passwords.ts';
import { seedCategories } from './modules/tickets/categories.service.ts';

/** Reference data every company needs, added when missing: the ticket category tree and China's holidays. */
async function seedCompanyData(db: Db, companyId: number, clock: Clock): Promise<void> {
  await seedCategories(db, companyId);
  await seedHolidays(db, companyId, clock);
}

/** Keeps the roles table equal to the built-in role definitions (new permissions reach old databases). */
export async function syncRoles(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('roles').select(['id', 'code']).execute();
    for (const role of builtInRoles) {
      const values = { name: role.name, permissions: JSON.stringify(role.permissions), all_projects: role.allProjects ? 1 : 0 };
      const row = existing.find((r) => r.code === role.code);
      if (row) await trx.updateTable('roles').set(values).where('id', '=', row.id).execute();
      else
        await trx
          .insertInto('roles')
          .values({ code: role.code, ...values })
          .execute();
    }
  });
}

export interface FirstStart {
  companyId: number;
  /** Set only when the admin account was created now with a generated password. */
  adminPassword?: string;
  created: boolean;
}

/**
 * On an empty database: the company and an `admin` account. The admin's password comes from
 * GUANJIA_ADMIN_PASSWORD or is generated and returned so the CLI prints it once.
 */
export async function ensureCompany(
  db: Db,
  clock: Clock,
  options: { companyName?: string; adminPassword?: string } = {},
): Promise<FirstStart> {
  await syncRoles(db);
  const company = await db.selectFrom('companies').select('id').orderBy('id').executeTakeFirst();
  if (company) {
    await seedCompanyData(db, company.id, clock);
    return { companyId: company.id, created: false };
  }
  const generated = options.adminPassword ? undefined : generatePassword();
  const passwordHash = await hashPassword(options.adminPassword ?? generated!);
  const now = clock.now().toISOString();
  const companyId = await db.transaction().execute(async (trx) => {
    const c = await trx
      .insertInto('companies')
      .values({ name: options.companyName ?? '物业服务有限公司', code: 'main', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const admin = await trx
      .insertInto('staff')
      .values({
        company_id: c.id,
        employee_no: 'A0001',
        username: 'admin',
        name: '系统管理员',
        phone: null,
        department_id: null,
        position: '系统管理员',
        hire_date: null,
        probation_end: null,
        status: 'active',
        password_hash: passwordHash,
        must_change_password: generated ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const role = await trx.selectFrom('roles').select('id').where('code', '=', 'admin').executeTakeFirstOrThrow();
    await trx.insertInto('staff_roles').values({ staff_id: admin.id, role_id: role.id }).execute();
    await trx
      .insertInto('audit_log')
      .values({
        at: now,
        company_id: c.id,
        project_id: null,
        actor_kind: 'system',
        actor_id: null,
        action: 'create',
        entity: 'company',
        entity_id: String(c.id),
        before_json: null,
        after_json: JSON.stringify({ admin: 'admin' }),
        reason: 'first start',
        ip: null,
      })
      .execute();
    return c.id;
  });
  await seedCompanyData(db, companyId, clock);
  return { companyId, adminPassword: generated, created: true };
}

/** Creates or resets a system administrator (CLI `create-admin`). */
export async function createAdmin(
  db: Db,
  clock: Clock,
  username: string,
  password?: string,
): Promise<{ password: string; created: boolean }> {
  const { companyId } = await ensureCompany(db, clock);
  const finalPassword = password ?? generatePassword();
  const passwordHash = await hashPassword(finalPassword);
  const now = clock.now().toISOString();
  const created = await db.transaction().execute(async (trx) => {
    const role = await trx.selectFrom('roles').select('id').where('code', '=', 'admin').executeTakeFirstOrThrow();
    const existing = await trx.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst();
    let staffId: number;
    if (existing) {
      staffId = existing.id;
      await trx
        .updateTable('staff')
        .set({ password_hash: passwordHash, status: 'active', must_change_password: password ? 0 : 1, updated_at: now })
        .where('id', '=', staffId)
        .execute();
      await trx.deleteFrom('sessions').where('subject_kind', '=', 'staff').where('subject_id', '=', staffId).execute();
    } else {
      const count = await trx
        .selectFrom('staff')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const row = await trx
        .insertInto('staff')
        .values({
          company_id: companyId,
          employee_no: `A${String(Number(count.n) + 1).padStart(4, '0')}`,
          username,
          name: username,
          phone: null,
          department_id: null,
          position: '系统管理员',
          hire_date: null,
          probation_end: null,
          status: 'active',
          password_hash: passwordHash,
          must_change_password: password ? 0 : 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      staffId = row.id;
    }
    const hasRole = await trx
      .selectFrom('staff_roles')
      .select('staff_id')
      .where('staff_id', '=', staffId)
      .where('role_id', '=', role.id)
      .executeTakeFirst();
    if (!hasRole) await trx.insertInto('staff_roles').values({ staff_id: staffId, role_id: role.id }).execute();
    await trx
      .insertInto('audit_log')
      .values({
        at: now,
        company_id: companyId,
        project_id: null,
        actor_kind: 'system',
        actor_id: null,
        action: existing ? 'reset_password' : 'create',
        entity: 'staff',
        entity_id: String(staffId),
        before_json: null,
        after_json: JSON.stringify({ username, role: 'admin' }),
        reason: 'CLI create-admin',
        ip: null,
      })
      .execute();
    return !existing;
  });
  return { password: finalPassword, created };
}
