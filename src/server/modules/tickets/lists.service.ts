/**
 * Lists of the service desk: the ticket list with its filters and Chinese full-text search, a
 * resident's own tickets, and the people a work order can go to.
 */
import type { z } from 'zod';
import type { Assignee, Ticket, ticketsQuery } from '../../../shared/tickets.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import { inProjects, listPage } from '../../platform/pagination.ts';
import { assertProjectAccess, projectScope, requirePermission } from '../../platform/permissions.ts';
import { selectTickets, toTicket } from './tickets.repository.ts';
import { canRevealPhones, workflowCaller } from './tickets.service.ts';
import { queryTerms } from './text/normalize.ts';

export async function listTickets(ctx: ServiceContext, query: z.infer<typeof ticketsQuery>) {
  const actor = requirePermission(ctx, 'ticket.read');
  const scope = projectScope(actor, query.projectId);
  let q = inProjects(selectTickets(ctx.db).where('tickets.company_id', '=', actor.companyId), 'tickets.project_id', scope);
  if (query.type) q = q.where('tickets.type', '=', query.type);
  if (query.status) q = q.where('tickets.status', '=', query.status);
  if (query.channel) q = q.where('tickets.channel', '=', query.channel);
  if (query.assigneeId) q = q.where('tickets.assignee_id', '=', query.assigneeId);
  if (query.customerId) q = q.where('tickets.customer_id', '=', query.customerId);
  if (query.unitId) q = q.where('tickets.unit_id', '=', query.unitId);
  if (query.categoryId) q = q.where('tickets.category_code', '=', query.categoryId);
  if (query.major) q = q.where('tickets.major', '=', query.major === 'true' ? 1 : 0);
  if (query.overdue === 'true') {
    q = q.where((eb) =>
      eb.or([eb('tickets.reply_state', 'in', ['breached', 'met_late']), eb('tickets.completion_state', 'in', ['breached', 'met_late'])]),
    );
  } else if (query.overdue === 'false') {
    q = q
      .where('tickets.reply_state', 'not in', ['breached', 'met_late'])
      .where('tickets.completion_state', 'not in', ['breached', 'met_late']);
  }
  if (query.from) q = q.where('tickets.received_at', '>=', parseBound(query.from, 'from'));
  if (query.to) q = q.where('tickets.received_at', '<', parseBound(query.to, 'to'));
  if (query.q) {
    const terms = queryTerms(query.q);
    if (terms.length) q = q.where(ctx.dialect.matchAllTerms('tickets', 'search_terms', terms));
  }
  const now = ctx.clock.now();
  const options = { revealPhone: canRevealPhones(actor), caller: workflowCaller(actor) };
  return listPage(q, 'tickets.id', query, (r): Ticket => toTicket(r, now, options));
}

/**
 * A plain date is a whole local day in China time (UTC+8, the zone of every project so far): `from`
 * starts at its midnight, `to` includes the whole day. A date-time is taken as given.
 */
function parseBound(value: string, field: 'from' | 'to'): string {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const [y, m, d] = dateOnly.slice(1).map(Number);
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
      throw invalid(field, 'is not a calendar date');
    const midnight = Date.UTC(y, m - 1, d) - 8 * 3600_000;
    return new Date(field === 'to' ? midnight + 86_400_000 : midnight).toISOString();
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(field, 'must be a date or date-time');
  return date.toISOString();
}

/** A resident's own tickets, newest first. */
export async function listPortalTickets(ctx: ServiceContext, limit: number): Promise<{ items: Ticket[] }> {
  const actor = ctx.actor;
  if (actor.kind !== 'resident') throw forbidden('Residents only');
  const rows = await selectTickets(ctx.db)
    .where('tickets.customer_id', 'in', actor.customerIds)
    .orderBy('tickets.id', 'desc')
    .limit(limit)
    .execute();
  const now = ctx.clock.now();
  const options = { revealPhone: true, caller: workflowCaller(actor) };
  return { items: rows.map((r) => toTicket(r, now, options)) };
}

/** Active staff of a project who can take a work order, for whoever dispatches (no personal data). */
export async function listAssignees(ctx: ServiceContext, projectId: number, role?: string): Promise<{ items: Assignee[] }> {
  const actor = requirePermission(ctx, 'ticket.dispatch');
  assertProjectAccess(actor, projectId);
  let q = ctx.db
    .selectFrom('staff')
    .innerJoin('staff_projects', 'staff_projects.staff_id', 'staff.id')
    .leftJoin('departments', 'departments.id', 'staff.department_id')
    .select(['staff.id', 'staff.name', 'staff.position', 'staff.department_id', 'departments.name as department_name'])
    .where('staff_projects.project_id', '=', projectId)
    .where('staff.status', 'in', ['active', 'probation']);
  if (role) {
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
  const people = await q.orderBy('staff.id').limit(500).execute();
  const roles = people.length
    ? await ctx.db
        .selectFrom('staff_roles')
        .innerJoin('roles', 'roles.id', 'staff_roles.role_id')
        .select(['staff_roles.staff_id', 'roles.code'])
        .where(
          'staff_roles.staff_id',
          'in',
          people.map((p) => p.id),
        )
        .execute()
    : [];
  return {
    items: people.map((p) => ({
      id: p.id,
      name: p.name,
      position: p.position,
      departmentId: p.department_id,
      departmentName: p.department_name,
      roles: roles.filter((r) => r.staff_id === p.id).map((r) => r.code),
    })),
  };
}
