import { createHmac, randomBytes } from 'node:crypto';
import type { Db, Executor } from '../db/database.ts';
import { builtInRoles, type Permission, type RoleCode } from '../../shared/permissions.ts';
import type { Clock } from './clock.ts';
import type { Actor, ResidentActor, StaffActor } from './context.ts';

export const SESSION_COOKIE = 'gj_session';

/**
 * Sessions live in the database so that several app servers share them. The cookie carries a
 * random token; the table keeps only its HMAC, so a copy of the database cannot be used to log in.
 */
export class SessionStore {
  /** Actors are cached briefly: a permission change reaches other servers within this time. */
  private readonly actorCache = new Map<string, { actor: Actor; until: number }>();
  private static readonly actorTtlMs = 10_000;
  /** last_seen_at is written at most this often per session, not on every request. */
  private static readonly touchEveryMs = 60_000;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly secret: string,
    private readonly idleHours: number,
  ) {}

  private digest(token: string): string {
    return createHmac('sha256', this.secret).update(token).digest('base64url');
  }

  async create(
    trx: Executor,
    subject: { kind: 'staff' | 'resident'; id: number },
    meta: { ip?: string; userAgent?: string },
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await trx
      .insertInto('sessions')
      .values({
        id: this.digest(token),
        subject_kind: subject.kind,
        subject_id: subject.id,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + this.idleHours * 3600_000).toISOString(),
        ip: meta.ip ?? null,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    return token;
  }

  async destroy(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', this.digest(token)).execute();
  }

  /** Ends every session of a subject (password change, account suspended). */
  async destroyAllFor(trx: Executor, kind: 'staff' | 'resident', id: number): Promise<void> {
    await trx.deleteFrom('sessions').where('subject_kind', '=', kind).where('subject_id', '=', id).execute();
    this.forget(kind, id);
  }

  forget(kind: 'staff' | 'resident', id: number): void {
    this.actorCache.delete(`${kind}:${id}`);
  }

  /** The actor behind a token, or undefined when the session is unknown or expired. */
  async resolve(token: string): Promise<Actor | undefined> {
    const id = this.digest(token);
    const session = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!session) return undefined;
    const now = this.clock.now();
    if (session.expires_at <= now.toISOString()) {
      await this.db.deleteFrom('sessions').where('id', '=', id).execute();
      return undefined;
    }
    if (now.getTime() - Date.parse(session.last_seen_at) > SessionStore.touchEveryMs) {
      await this.db
        .updateTable('sessions')
        .set({
          last_seen_at: now.toISOString(),
          expires_at: new Date(now.getTime() + this.idleHours * 3600_000).toISOString(),
        })
        .where('id', '=', id)
        .execute();
    }
    const kind = session.subject_kind as 'staff' | 'resident';
    const key = `${kind}:${session.subject_id}`;
    const cached = this.actorCache.get(key);
    if (cached && cached.until > Date.now()) return cached.actor;
    const actor =
      kind === 'staff' ? await loadStaffActor(this.db, session.subject_id) : await loadResidentActor(this.db, session.subject_id);
    if (actor) this.actorCache.set(key, { actor, until: Date.now() + SessionStore.actorTtlMs });
    return actor;
  }
}

const roleByCode = new Map(builtInRoles.map((r) => [r.code, r]));

export async function loadStaffActor(db: Executor, staffId: number): Promise<StaffActor | undefined> {
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'company_id', 'username', 'name', 'status', 'must_change_password'])
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (!staff || staff.status === 'left' || staff.status === 'suspended') return undefined;
  const [roles, projects] = await Promise.all([
    db
      .selectFrom('staff_roles')
      .innerJoin('roles', 'roles.id', 'staff_roles.role_id')
      .select(['roles.code', 'roles.permissions', 'roles.all_projects'])
      .where('staff_roles.staff_id', '=', staffId)
      .execute(),
    db.selectFrom('staff_projects').select('project_id').where('staff_id', '=', staffId).execute(),
  ]);
  const permissions = new Set<Permission>();
  let allProjects = false;
  for (const role of roles) {
    for (const p of JSON.parse(role.permissions) as Permission[]) permissions.add(p);
    if (role.all_projects) allProjects = true;
  }
  return {
    kind: 'staff',
    id: staff.id,
    companyId: staff.company_id,
    username: staff.username,
    name: staff.name,
    roles: roles.map((r) => r.code as RoleCode).filter((c) => roleByCode.has(c)),
    permissions,
    allProjects,
    projectIds: projects.map((p) => p.project_id).sort((a, b) => a - b),
    mustChangePassword: staff.must_change_password === 1,
  };
}

export async function loadResidentActor(db: Executor, accountId: number): Promise<ResidentActor | undefined> {
  const account = await db
    .selectFrom('resident_accounts')
    .innerJoin('customers', 'customers.id', 'resident_accounts.customer_id')
    .select([
      'resident_accounts.id',
      'resident_accounts.phone',
      'resident_accounts.status',
      'customers.id as customer_id',
      'customers.name',
      'customers.company_id',
    ])
    .where('resident_accounts.id', '=', accountId)
    .executeTakeFirst();
  if (!account || account.status !== 'active') return undefined;
  // Only the account's own customer record: two people sharing a phone number must not see each other's homes.
  const customerIds = [account.customer_id];
  return {
    kind: 'resident',
    id: account.id,
    customerId: account.customer_id,
    companyId: account.company_id,
    name: account.name,
    phone: account.phone,
    customerIds,
  };
}
