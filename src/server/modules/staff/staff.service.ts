import type { z } from 'zod';
import { builtInRoles, type RoleCode } from '../../../shared/permissions.ts';
import type { StaffStatus } from '../../../shared/enums.ts';
import type { Role, StaffMember, staffCreate, staffQuery, staffUpdate } from '../../../shared/schemas.ts';
import type { Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { ServiceContext, StaffActor } from '../../platform/context.ts';
import { AppError, duplicate, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { generatePassword, hashPassword } from '../../platform/passwords.ts';
import { projectScope, requirePermission, requireStaff } from '../../platform/permissions.ts';
import type { SessionStore } from '../../platform/sessions.ts';

const roleDefs = new Map(builtInRoles.map((r) => [r.code, r]));

export function listRoles(ctx: ServiceContext): { items: Role[] } {
  requireStaff(ctx.actor);
  return { items: builtInRoles.map((r) => ({ code: r.code, name: r.name, allProjects: r.allProjects, permissions: r.permissions })) };
}

async function loadMembers(db: Executor, rows: { id: number }[]): Promise<StaffMember[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [people, roles, projects] = await Promise.all([
    db
      .selectFrom('staff')
      .leftJoin('departments', 'departments.id', 'staff.department_id')
      .select([
        'staff.id',
        'staff.employee_no',
        'staff.username',
        'staff.name',
        'staff.phone',
        'staff.department_id',
        'departments.name as department_name',
        'staff.position',
        'staff.hire_date',
        'staff.probation_end',
        'staff.status',
      ])
      .where('staff.id', 'in', ids)
      .execute(),
    db
      .selectFrom('staff_roles')
      .innerJoin('roles', 'roles.id', 'staff_roles.role_id')
      .select(['staff_roles.staff_id', 'roles.code'])
      .where('staff_roles.staff_id', 'in', ids)
      .execute(),
    db.selectFrom('staff_projects').select(['staff_id', 'project_id']).where('staff_id', 'in', ids).orderBy('project_id').execute(),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  return ids.map((id) => {
    const p = byId.get(id)!;
    return {
      id: p.id,
      employeeNo: p.employee_no,
      username: p.username,
      name: p.name,
      phone: p.phone,
      departmentId: p.department_id,
      departmentName: p.department_name,
      position: p.position,
      hireDate: p.hire_date,
      probationEnd: p.probation_end,
      status: p.status as StaffStatus,
      roles: roles.filter((r) => r.staff_id === id).map((r) => r.code as RoleCode),
      projectIds: projects.filter((x) => x.staff_id === id).map((x) => x.project_id),
    };
  });
}

/** Staff are visible to callers who share one of their projects (or see all projects). */
async function visibleStaff(ctx: ServiceContext, actor: StaffActor, id: number): Promise<StaffMember> {
  const exists = await ctx.db.selectFrom('staff').select(['id', 'company_id']).where('id', '=', id).executeTakeFirst();
  if (!exists || exists.company_id !== actor.companyId) throw notFound('Staff member');
  const [member] = await loadMembers(ctx.db, [exists]);
  if (!actor.allProjects && actor.id !== id && !member.projectIds.some((p) => actor.projectIds.includes(p))) throw notFound('Staff member');
  return member;
}

export async function listStaff(ctx: ServiceContext, query: z.infer<typeof staffQuery>) {
  const actor = requirePermission(ctx, 'staff.read');
  const scope = projectScope(actor, query.projectId);
  let q = ctx.db.selectFrom('staff').select('staff.id').where('staff.company_id', '=', actor.companyId);
  if (scope) {
    const ids = scope.length ? scope : [-1];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_projects')
          .select('staff_projects.staff_id')
          .whereRef('staff_projects.staff_id', '=', 'staff.id')
          .where('staff_projects.project_id', 'in', ids),
      ),
    );
  }
  if (query.departmentId) q = q.where('staff.department_id', '=', query.departmentId);
  if (query.role) {
    const role = query.role;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_roles')
          .innerJoin('roles', 'roles.id', 'staff_roles.role_id')
          .select('staff_roles.staff_id')
          .whereRef('staff_roles.staff_id', '=', 'staff.id')
          .where('roles.code', '=', role),
      ),
    );
  }
  if (query.q) {
    const text = query.q;
    q = q.where((eb) =>
      eb.or([
        ctx.dialect.contains('staff.name', text),
        ctx.dialect.contains('staff.employee_no', text),
        ctx.dialect.contains('staff.username', text),
      ]),
    );
  }
  const after = decodeCursor(query.cursor);
  if (after !== undefined) q = q.where('staff.id', '>', after);
  const rows = await q
    .orderBy('staff.id')
    .limit(query.limit + 1)
    .execute();
  const members = await loadMembers(ctx.db, rows.slice(0, query.limit));
  const page = toPage(rows, query.limit, (r) => r.id);
  return { items: members, nextCursor: page.nextCursor };
}

export async function getStaff(ctx: ServiceContext, id: number): Promise<StaffMember> {
  const actor = requirePermission(ctx, 'staff.read');
  return visibleStaff(ctx, actor, id);
}

/**
 * What a staff administrator may grant: leadership-wide roles only by someone who has them, and
 * only projects the administrator works in. This keeps an HR clerk from making a leader.
 */
async function checkGrant(
  ctx: ServiceContext,
  actor: StaffActor,
  roles: RoleCode[] | undefined,
  projectIds: number[] | undefined,
  departmentId: number | null | undefined,
) {
  if (roles) {
    for (const code of roles) {
      const def = roleDefs.get(code)!;
      if ((def.allProjects || def.permissions.includes('company.admin')) && !actor.permissions.has('company.admin')) {
        throw new AppError('FORBIDDEN', `roles: only a system administrator may grant ${code}`, [
          { path: 'roles', message: `may not grant ${code}` },
        ]);
      }
    }
  }
  if (projectIds) {
    const found = projectIds.length
      ? await ctx.db.selectFrom('projects').select('id').where('id', 'in', projectIds).where('company_id', '=', actor.companyId).execute()
      : [];
    if (found.length !== new Set(projectIds).size) throw invalid('projectIds', 'contains an unknown project');
    for (const p of projectIds) {
      if (!actor.allProjects && !actor.projectIds.includes(p)) {
        throw new AppError('NOT_IN_PROJECT', `projectIds: project ${p} is not one of your projects`, [
          { path: 'projectIds', message: `project ${p} is not one of yours` },
        ]);
      }
    }
  }
  if (departmentId != null) {
    const dep = await ctx.db
      .selectFrom('departments')
      .select(['id', 'project_id', 'company_id'])
      .where('id', '=', departmentId)
      .executeTakeFirst();
    if (!dep || dep.company_id !== actor.companyId) throw invalid('departmentId', 'is not a department of the company');
    if (dep.project_id != null && projectIds && !projectIds.includes(dep.project_id))
      throw invalid('departmentId', 'belongs to a project the staff member is not assigned to');
  }
}

async function setRolesAndProjects(trx: Executor, staffId: number, roles?: RoleCode[], projectIds?: number[]) {
  if (roles) {
    await trx.deleteFrom('staff_roles').where('staff_id', '=', staffId).execute();
    const roleRows = await trx.selectFrom('roles').select(['id', 'code']).where('code', 'in', roles).execute();
    if (roleRows.length)
      await trx
        .insertInto('staff_roles')
        .values(roleRows.map((r) => ({ staff_id: staffId, role_id: r.id })))
        .execute();
  }
  if (projectIds) {
    await trx.deleteFrom('staff_projects').where('staff_id', '=', staffId).execute();
    const unique = [...new Set(projectIds)];
    if (unique.length)
      await trx
        .insertInto('staff_projects')
        .values(unique.map((p) => ({ staff_id: staffId, project_id: p })))
        .execute();
  }
}

export async function createStaff(ctx: ServiceContext, input: z.infer<typeof staffCreate>) {
  const actor = requirePermission(ctx, 'staff.write');
  const needsProject = input.roles.some((r) => !roleDefs.get(r)!.allProjects);
  if (needsProject && input.projectIds.length === 0) throw invalid('projectIds', 'at least one project for a project role');
  await checkGrant(ctx, actor, input.roles, input.projectIds, input.departmentId);
  const oneTimePassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? oneTimePassword!);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const dupUser = await trx.selectFrom('staff').select('id').where('username', '=', input.username).executeTakeFirst();
    if (dupUser) throw duplicate('username', `${input.username} is taken`, 'is taken');
    const dupNo = await trx
      .selectFrom('staff')
      .select('id')
      .where('company_id', '=', actor.companyId)
      .where('employee_no', '=', input.employeeNo)
      .executeTakeFirst();
    if (dupNo) throw duplicate('employeeNo', `${input.employeeNo} is taken`, 'is taken');
    const now = ctx.clock.now().toISOString();
    const row = await trx
      .insertInto('staff')
      .values({
        company_id: actor.companyId,
        employee_no: input.employeeNo,
        username: input.username,
        name: input.name,
        phone: input.phone ?? null,
        department_id: input.departmentId ?? null,
        position: input.position ?? null,
        hire_date: input.hireDate ?? null,
        probation_end: input.probationEnd ?? null,
        status: input.status,
        password_hash: passwordHash,
        must_change_password: oneTimePassword ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setRolesAndProjects(trx, row.id, input.roles, input.projectIds);
    const { password: _password, ...logged } = input;
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'staff',
      entityId: row.id,
      projectId: input.projectIds[0] ?? null,
      after: logged,
    });
    return row.id;
  });
  return { staff: await getStaff(ctx, id), oneTimePassword };
}

export async function updateStaff(ctx: ServiceContext, sessions: SessionStore, id: number, patch: z.infer<typeof staffUpdate>) {
  const actor = requirePermission(ctx, 'staff.write');
  const before = await visibleStaff(ctx, actor, id);
  if (id === actor.id && (patch.roles || patch.projectIds || patch.status))
    throw forbidden('You may not change your own roles, projects or status');
  // Someone who cannot grant a role may not take it away either.
  await checkGrant(ctx, actor, patch.roles ? [...patch.roles, ...before.roles] : undefined, patch.projectIds, patch.departmentId);
  if (
    patch.projectIds &&
    !actor.allProjects &&
    before.projectIds.some((p) => !actor.projectIds.includes(p) && !patch.projectIds!.includes(p))
  ) {
    throw new AppError('NOT_IN_PROJECT', 'projectIds: you may not remove a project that is not yours', [
      { path: 'projectIds', message: 'removes a project that is not yours' },
    ]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (patch.employeeNo && patch.employeeNo !== before.employeeNo) {
      const dup = await trx
        .selectFrom('staff')
        .select('id')
        .where('company_id', '=', actor.companyId)
        .where('employee_no', '=', patch.employeeNo)
        .executeTakeFirst();
      if (dup) throw duplicate('employeeNo', `${patch.employeeNo} is taken`, 'is taken');
    }
    await trx
      .updateTable('staff')
      .set({
        ...(patch.employeeNo !== undefined && { employee_no: patch.employeeNo }),
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.phone !== undefined && { phone: patch.phone ?? null }),
        ...(patch.departmentId !== undefined && { department_id: patch.departmentId ?? null }),
        ...(patch.position !== undefined && { position: patch.position ?? null }),
        ...(patch.hireDate !== undefined && { hire_date: patch.hireDate ?? null }),
        ...(patch.probationEnd !== undefined && { probation_end: patch.probationEnd ?? null }),
        ...(patch.status !== undefined && { status: patch.status }),
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await setRolesAndProjects(trx, id, patch.roles, patch.projectIds);
    if (patch.status === 'left' || patch.status === 'suspended') await sessions.destroyAllFor(trx, 'staff', id);
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'staff',
      entityId: id,
      projectId: before.projectIds[0] ?? null,
      before,
      after: patch,
    });
  });
  sessions.forget('staff', id);
  return getStaff(ctx, id);
}

export async function resetStaffPassword(ctx: ServiceContext, sessions: SessionStore, id: number) {
  const actor = requirePermission(ctx, 'staff.write');
  const member = await visibleStaff(ctx, actor, id);
  await checkGrant(ctx, actor, member.roles, undefined, undefined);
  const oneTimePassword = generatePassword();
  const hash = await hashPassword(oneTimePassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff')
      .set({ password_hash: hash, must_change_password: 1, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await sessions.destroyAllFor(trx, 'staff', id);
    await writeAudit(trx, ctx, { action: 'reset_password', entity: 'staff', entityId: id, projectId: member.projectIds[0] ?? null });
  });
  return { oneTimePassword };
}
