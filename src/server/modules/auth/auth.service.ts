import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { ResidentActor, ServiceContext, StaffActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { writeAudit } from '../../platform/audit.ts';
import { loadResidentActor, loadStaffActor, type SessionStore } from '../../platform/sessions.ts';
import type { z } from 'zod';
import type { residentMe, staffMe } from '../../../shared/schemas.ts';

interface LoginDeps {
  db: Db;
  clock: Clock;
  sessions: SessionStore;
}

interface LoginMeta {
  ip?: string;
  userAgent?: string;
  /** The session the client had before; it is ended so a planted session id cannot be reused (fixation). */
  previousToken?: string | null;
}

const badCredentials = () => new AppError('INVALID_CREDENTIALS', 'Wrong username or password');

export async function loginStaff(deps: LoginDeps, username: string, password: string, meta: LoginMeta) {
  const staff = await deps.db
    .selectFrom('staff')
    .select(['id', 'password_hash', 'status'])
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(staff?.password_hash ?? (await dummyPasswordHash()), password);
  if (!staff || !ok) throw badCredentials();
  if (staff.status === 'left' || staff.status === 'suspended') throw new AppError('FORBIDDEN', 'This account is disabled');
  const actor = await loadStaffActor(deps.db, staff.id);
  if (!actor) throw badCredentials();
  return startSession(deps, actor, meta);
}

export async function loginResident(deps: LoginDeps, phone: string, password: string, meta: LoginMeta) {
  const account = await deps.db
    .selectFrom('resident_accounts')
    .select(['id', 'password_hash', 'status'])
    .where('phone', '=', phone)
    .executeTakeFirst();
  const ok = await verifyPassword(account?.password_hash ?? (await dummyPasswordHash()), password);
  if (!account || !ok) throw new AppError('INVALID_CREDENTIALS', 'Wrong phone number or password');
  const actor = await loadResidentActor(deps.db, account.id);
  if (!actor) throw new AppError('FORBIDDEN', 'This account is disabled');
  return startSession(deps, actor, meta);
}

async function startSession(deps: LoginDeps, actor: StaffActor | ResidentActor, meta: LoginMeta) {
  if (meta.previousToken) await deps.sessions.destroy(meta.previousToken);
  const token = await deps.db.transaction().execute(async (trx) => {
    const t = await deps.sessions.create(trx, { kind: actor.kind, id: actor.id }, meta);
    await writeAudit(
      trx,
      { clock: deps.clock, actor, ip: meta.ip },
      {
        action: 'login',
        entity: actor.kind === 'staff' ? 'staff' : 'resident_account',
        entityId: actor.id,
      },
    );
    return t;
  });
  deps.sessions.forget(actor.kind, actor.id);
  return { token, actor };
}

export async function changePassword(ctx: ServiceContext, sessions: SessionStore, currentPassword: string, newPassword: string) {
  const actor = ctx.actor;
  const table = actor.kind === 'staff' ? 'staff' : 'resident_accounts';
  const row = await ctx.db.selectFrom(table).select(['password_hash']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'currentPassword: is wrong', [{ path: 'currentPassword', message: 'is wrong' }]);
  }
  if (currentPassword === newPassword) {
    throw new AppError('VALIDATION_FAILED', 'newPassword: must differ from the current one', [
      { path: 'newPassword', message: 'must differ from the current one' },
    ]);
  }
  const hash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    if (actor.kind === 'staff') {
      await trx
        .updateTable('staff')
        .set({ password_hash: hash, must_change_password: 0, updated_at: ctx.clock.now().toISOString() })
        .where('id', '=', actor.id)
        .execute();
    } else {
      await trx.updateTable('resident_accounts').set({ password_hash: hash }).where('id', '=', actor.id).execute();
    }
    await writeAudit(trx, ctx, { action: 'change_password', entity: table === 'staff' ? 'staff' : 'resident_account', entityId: actor.id });
  });
  sessions.forget(actor.kind, actor.id);
}

type StaffMe = z.infer<typeof staffMe>;
type ResidentMe = z.infer<typeof residentMe>;

export async function describeActor(db: Db, actor: StaffActor | ResidentActor): Promise<StaffMe | ResidentMe> {
  const company = await db.selectFrom('companies').select('name').where('id', '=', actor.companyId).executeTakeFirstOrThrow();
  const companyName = company.name;
  if (actor.kind === 'staff') {
    let query = db.selectFrom('projects').select(['id', 'code', 'name']).where('company_id', '=', actor.companyId).orderBy('id');
    if (!actor.allProjects) query = query.where('id', 'in', actor.projectIds.length ? actor.projectIds : [-1]);
    const projects = await query.execute();
    return {
      kind: 'staff',
      id: actor.id,
      companyName,
      username: actor.username,
      name: actor.name,
      roles: actor.roles,
      permissions: [...actor.permissions],
      allProjects: actor.allProjects,
      projects,
      mustChangePassword: actor.mustChangePassword,
    };
  }
  const projects = await db
    .selectFrom('occupancies')
    .innerJoin('projects', 'projects.id', 'occupancies.project_id')
    .select(['projects.id', 'projects.code', 'projects.name'])
    .where('occupancies.customer_id', 'in', actor.customerIds)
    .where('occupancies.move_out_date', 'is', null)
    .distinct()
    .orderBy('projects.id')
    .execute();
  return { kind: 'resident', id: actor.id, companyName, customerId: actor.customerId, name: actor.name, phone: actor.phone, projects };
}
