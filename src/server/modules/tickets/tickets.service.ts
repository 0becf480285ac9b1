/**
 * The service desk: intake (including back-fill and one-touch resolution), the one workflow for all
 * ticket types, deadlines, return visits — SPEC §3.
 */
import type { z } from 'zod';
import type { TicketPriority, TicketType } from '../../../shared/enums.ts';
import { ticketNumberPrefix } from '../../../shared/enums.ts';
import type { Assignee, Ticket, TicketCreate, TicketDetail, TransitionBody, ticketsQuery } from '../../../shared/tickets.ts';
import { transitions, type TicketStatus } from '../../../shared/workflow.ts';
import type { Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { localDate, type HolidayCalendar } from '../../platform/calendar.ts';
import type { Actor, ServiceContext, StaffActor } from '../../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { loadHolidayCalendar } from '../../platform/holidays.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { assertProjectAccess, canAccessProject, projectScope, requirePermission } from '../../platform/permissions.ts';
import { createNotifications, publishAll, staffWithRoles } from '../notifications/notifications.service.ts';
import { getPolicy } from '../policies/policies.service.ts';
import { escalateIfMajor } from './major.ts';
import { priceServices } from './fees.service.ts';
import { clockRules, clockTimes, toPauses, type ClockContext, type ClockName, type StoredPause } from './sla.ts';
import {
  checklistOf,
  insertEvents,
  loadAttachments,
  loadEvents,
  selectTickets,
  toTicket,
  type NewEvent,
  type TicketRow,
} from './tickets.repository.ts';
import { suggestClassification } from './text/classify.ts';
import { indexString, queryTerms } from './text/normalize.ts';

export interface ProjectClock extends ClockContext {
  companyId: number;
  projectId: number;
}

/** Project time zones rarely change; read once a minute per database handle. */
const zones = new WeakMap<object, Map<number, { zone: string; until: number }>>();
async function projectZone(db: Executor, projectId: number): Promise<string> {
  let byProject = zones.get(db);
  if (!byProject) zones.set(db, (byProject = new Map()));
  const hit = byProject.get(projectId);
  if (hit && hit.until > performance.now()) return hit.zone;
  const row = await db.selectFrom('projects').select(['time_zone']).where('id', '=', projectId).executeTakeFirst();
  // Leadership may name any project id: one that does not exist is not found, not a server error.
  if (!row) throw notFound('Project');
  if (!db.isTransaction) byProject.set(projectId, { zone: row.time_zone, until: performance.now() + 60_000 });
  return row.time_zone;
}

export async function projectClock(db: Executor, companyId: number, projectId: number): Promise<ProjectClock> {
  const [timeZone, policy, holidays] = await Promise.all([
    projectZone(db, projectId),
    getPolicy(db, companyId, projectId),
    loadHolidayCalendar(db, companyId),
  ]);
  return { companyId, projectId, policy, timeZone, holidays: holidays as HolidayCalendar };
}

/** Terms stored for full-text search: the description, the number and the unit code, as bigrams. */
export function searchTermsOf(description: string, number: string, unitCode: string | null, contactName: string | null): string {
  return indexString([description, number, unitCode ?? '', contactName ?? ''].join(' '));
}

/** A resident sees their own number; staff see it masked and reveal it explicitly (audited). */
function canRevealPhones(actor: Actor) {
  return actor.kind === 'resident';
}

/** The full contact number of a ticket, for a role that needs it; every reveal is audited with its reason. */
export async function revealTicketContact(ctx: ServiceContext, id: number, reason: string): Promise<{ contactPhone: string | null }> {
  const actor = requirePermission(ctx, 'customer.reveal');
  const row = await visibleTicket(ctx.db, actor, id);
  await ctx.db.transaction().execute((trx) =>
    writeAudit(trx, ctx, {
      action: 'reveal',
      entity: 'ticket',
      entityId: id,
      projectId: row.project_id,
      reason,
      after: { fields: ['contactPhone'] },
    }),
  );
  return { contactPhone: row.contact_phone };
}

async function visibleTicket(db: Executor, actor: StaffActor, id: number): Promise<TicketRow> {
  const row = await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Ticket');
  return row;
}

function mayView(actor: Actor, row: Pick<TicketRow, 'company_id' | 'project_id' | 'customer_id'>): boolean {
  if (actor.kind === 'staff') return row.company_id === actor.companyId && canAccessProject(actor, row.project_id);
  return row.customer_id !== null && actor.customerIds.includes(row.customer_id);
}

/** The ticket as the caller may see it: staff of its project with 'ticket.read', or the resident it belongs to. */
export async function ticketForCaller(ctx: ServiceContext, id: number): Promise<TicketRow> {
  if (ctx.actor.kind === 'staff') requirePermission(ctx, 'ticket.read');
  const row = await ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !mayView(ctx.actor, row)) throw notFound('Ticket');
  return row;
}

export async function getTicket(ctx: ServiceContext, id: number): Promise<TicketDetail> {
  if (ctx.actor.kind === 'staff') requirePermission(ctx, 'ticket.read');
  const row = await selectTickets(ctx.db).where('tickets.id', '=', id).executeTakeFirst();
  if (!row || !mayView(ctx.actor, row)) throw notFound('Ticket');
  const [events, attachments] = await Promise.all([loadEvents(ctx.db, id), loadAttachments(ctx.db, id, '/api/attachments')]);
  return { ...toTicket(row, ctx.clock.now(), { revealPhone: canRevealPhones(ctx.actor) }), events, attachments };
}

// ---------- intake ----------

/** The desk's classification help: type, category and priority suggested from the Chinese text, under the project's policy. */
export async function suggestForIntake(ctx: ServiceContext, text: string, projectId?: number) {
  const actor = requirePermission(ctx, 'ticket.create');
  if (projectId !== undefined) assertProjectAccess(actor, projectId);
  const policy = await getPolicy(ctx.db, actor.companyId, projectId ?? null);
  const s = suggestClassification(text, { majorPhrases: policy.major.phrases, majorCategories: policy.major.categories });
  return {
    type: s.type,
    categoryId: s.categoryCode ?? null,
    priority: s.priority,
    major: s.major ? { reason: s.major.reason } : null,
    confidence: s.confidence,
  };
}

/** The next number of the day for a type in a project (BX-20261122-0001); safe under concurrency. */
async function nextNumber(trx: Executor, projectId: number, type: TicketType, day: string): Promise<string> {
  const prefix = ticketNumberPrefix[type];
  const row = await trx
    .insertInto('ticket_sequences')
    .values({ project_id: projectId, prefix, day, last: 1 })
    .onConflict((oc) => oc.columns(['project_id', 'prefix', 'day']).doUpdateSet((eb) => ({ last: eb('ticket_sequences.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${prefix}-${day.replace(/-/g, '')}-${String(row.last).padStart(4, '0')}`;
}

interface Clocks {
  reply_due_at: string | null;
  reply_warn_at: string | null;
  reply_state: string;
  completion_due_at: string | null;
  completion_warn_at: string | null;
  completion_state: string;
}

function initialClocks(
  input: { type: TicketType; major: boolean; commonArea: boolean; severe: boolean },
  receivedAt: Date,
  pc: ProjectClock,
  now: Date,
): { clocks: Clocks; lateNow: ClockName[] } {
  const rules = clockRules(input, pc.policy);
  const clocks: Clocks = {
    reply_due_at: null,
    reply_warn_at: null,
    reply_state: 'none',
    completion_due_at: null,
    completion_warn_at: null,
    completion_state: 'none',
  };
  const lateNow: ClockName[] = [];
  for (const name of ['reply', 'completion'] as const) {
    const rule = rules[name];
    if (!rule) continue;
    const { dueAt, warnAt } = clockTimes(rule, receivedAt, [], pc);
    clocks[`${name}_due_at`] = dueAt?.toISOString() ?? null;
    clocks[`${name}_warn_at`] = warnAt?.toISOString() ?? null;
    // A back-filled ticket can be late the moment it is recorded.
    if (dueAt && dueAt <= now) {
      clocks[`${name}_state`] = 'breached';
      lateNow.push(name);
    } else clocks[`${name}_state`] = warnAt && warnAt <= now ? 'warned' : 'running';
  }
  return { clocks, lateNow };
}

async function checkReferences(trx: Executor, companyId: number, input: TicketCreate) {
  const refs: {
    unitCode: string | null;
    commonArea: boolean;
    categoryPriority: TicketPriority | null;
    customerPhone: string | null;
    customerName: string | null;
  } = {
    unitCode: null,
    commonArea: false,
    categoryPriority: null,
    customerPhone: null,
    customerName: null,
  };
  if (input.unitId) {
    const unit = await trx.selectFrom('units').select(['project_id', 'code']).where('id', '=', input.unitId).executeTakeFirst();
    if (!unit || unit.project_id !== input.projectId) throw invalid('unitId', 'is not a unit of this project');
    refs.unitCode = unit.code;
  }
  if (input.publicPlaceId) {
    const place = await trx.selectFrom('public_places').select(['project_id']).where('id', '=', input.publicPlaceId).executeTakeFirst();
    if (!place || place.project_id !== input.projectId) throw invalid('publicPlaceId', 'is not a public place of this project');
    refs.commonArea = true;
  }
  if (input.customerId) {
    const customer = await trx
      .selectFrom('customers')
      .select(['project_id', 'phone', 'name'])
      .where('id', '=', input.customerId)
      .executeTakeFirst();
    if (!customer || customer.project_id !== input.projectId) throw invalid('customerId', 'is not a customer of this project');
    refs.customerPhone = customer.phone;
    refs.customerName = customer.name;
  }
  if (input.categoryId) {
    const category = await trx
      .selectFrom('ticket_categories')
      .select(['default_priority', 'common_area', 'active'])
      .where('company_id', '=', companyId)
      .where('code', '=', input.categoryId)
      .executeTakeFirst();
    if (!category || !category.active) throw invalid('categoryId', 'is not a category of the category tree');
    refs.categoryPriority = category.default_priority as TicketPriority;
    if (category.common_area) refs.commonArea = true;
  }
  return refs;
}

export interface CreateOptions {
  /**
   * The ticket was already dispatched when it is recorded — the control room sent a technician at
   * night and the center back-fills the ticket (补单): it starts dispatched, keeping the real time
   * and the dispatcher, and the reply clock stops at that time.
   */
  dispatched?: { assigneeId: number; at: Date; by: number };
  /** More writes in the same transaction (the duty log entry the ticket was made from). */
  within?: (trx: Executor, ticketId: number, number: string) => Promise<void>;
}

/** An active staff member of the project, to dispatch to. */
async function dispatchableStaff(db: Executor, projectId: number, staffId: number) {
  const assignee = await db
    .selectFrom('staff')
    .innerJoin('staff_projects', 'staff_projects.staff_id', 'staff.id')
    .select(['staff.id', 'staff.name', 'staff.department_id', 'staff.status'])
    .where('staff.id', '=', staffId)
    .where('staff_projects.project_id', '=', projectId)
    .executeTakeFirst();
  if (!assignee || assignee.status === 'left' || assignee.status === 'suspended')
    throw invalid('assigneeId', 'is not an active staff member of this project');
  return assignee;
}

/**
 * Records a ticket. With an Idempotency-Key a retry returns the ticket of the first request.
 * Major incidents are detected and escalated in the same transaction; their alerts go out on commit.
 */
export async function createTicket(
  ctx: ServiceContext,
  input: TicketCreate,
  idempotencyKey?: string,
  options: CreateOptions = {},
): Promise<{ ticket: TicketDetail; replayed: boolean }> {
  const actor = ctx.actor;
  if (actor.kind === 'staff') {
    requirePermission(ctx, 'ticket.create');
    assertProjectAccess(actor, input.projectId);
  } else {
    // Residents report through the portal, about their own homes, in their own name, in real time.
    if (input.channel !== 'portal' || input.receivedAt || input.resolveNow) throw forbidden('Residents report through the portal');
    const home = input.unitId
      ? await ctx.db
          .selectFrom('occupancies')
          .select('project_id')
          .where('unit_id', '=', input.unitId)
          .where('customer_id', 'in', actor.customerIds)
          .where('move_out_date', 'is', null)
          .executeTakeFirst()
      : undefined;
    if (!home || home.project_id !== input.projectId) throw invalid('unitId', 'is not one of your households');
    input = { ...input, customerId: actor.customerId };
  }
  const receivedBy = actor.kind === 'staff' ? actor.id : null;
  const idemActor = `${actor.kind}:${actor.id}`;
  if (idempotencyKey) {
    const seen = await ctx.db
      .selectFrom('idempotency_keys')
      .select('ticket_id')
      .where('actor', '=', idemActor)
      .where('key', '=', idempotencyKey)
      .executeTakeFirst();
    if (seen) return { ticket: await getTicket(ctx, seen.ticket_id), replayed: true };
  }
  const now = ctx.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw invalid('receivedAt', 'may not be in the future');
  if (now.getTime() - receivedAt.getTime() > 366 * 86_400_000) throw invalid('receivedAt', 'may not be more than a year ago');
  const pc = await projectClock(ctx.db, actor.companyId, input.projectId);
  const live: LiveEvent[] = [];
  let id: number;
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const refs = await checkReferences(trx, actor.companyId, input);
      const dispatchedTo = options.dispatched ? await dispatchableStaff(trx, input.projectId, options.dispatched.assigneeId) : null;
      const majorCategory = input.categoryId ? pc.policy.major.categories.includes(input.categoryId) : false;
      const priority: TicketPriority = input.priority ?? refs.categoryPriority ?? (majorCategory ? 'emergency' : 'normal');
      const day = localDate(now, pc.timeZone);
      const number = await nextNumber(trx, input.projectId, input.type, day);
      const backfilled = receivedAt.getTime() < now.getTime() - 10 * 60_000;
      const { clocks, lateNow } = initialClocks(
        { type: input.type, major: false, commonArea: refs.commonArea, severe: input.severe ?? false },
        receivedAt,
        pc,
        now,
      );
      const nowIso = now.toISOString();
      const contactPhone = input.contactPhone ?? refs.customerPhone;
      const events: NewEvent[] = [
        {
          action: 'create',
          to: 'new',
          payload: { channel: input.channel, receivedAt: receivedAt.toISOString(), backfilled, type: input.type, priority },
        },
        ...lateNow.map((clock): NewEvent => ({
          action: 'deadline_breached',
          actorKind: 'system',
          actorId: null,
          payload: { clock, dueAt: clocks[`${clock}_due_at`] },
        })),
        ...(options.dispatched && dispatchedTo
          ? [
              {
                action: 'dispatch',
                from: 'new',
                to: 'dispatched',
                at: options.dispatched.at.toISOString(),
                actorId: options.dispatched.by,
                payload: {
                  assigneeId: dispatchedTo.id,
                  assigneeName: dispatchedTo.name,
                  departmentId: dispatchedTo.department_id,
                  dispatchedAt: options.dispatched.at.toISOString(),
                  backfilled: true,
                },
              } satisfies NewEvent,
            ]
          : []),
        ...(input.resolveNow
          ? [
              { action: 'resolve', from: 'new', to: 'resolved', payload: { resolution: input.resolveNow, oneTouch: true } },
              { action: 'close', from: 'resolved', to: 'closed', actorKind: 'system', actorId: null },
            ]
          : []),
      ];
      const row = await trx
        .insertInto('tickets')
        .values({
          company_id: actor.companyId,
          project_id: input.projectId,
          number,
          type: input.type,
          channel: input.channel,
          status: 'new',
          version: 1,
          // The events written below; an escalation appends more.
          last_event_seq: events.length,
          unit_id: input.unitId ?? null,
          public_place_id: input.publicPlaceId ?? null,
          customer_id: input.customerId ?? null,
          contact_name: input.contactName ?? refs.customerName,
          contact_phone: contactPhone ?? null,
          category_code: input.categoryId ?? null,
          description: input.description,
          priority,
          severe: input.severe ? 1 : 0,
          paid: input.paid ? 1 : 0,
          written: input.written || input.channel === 'written' ? 1 : 0,
          backfilled: backfilled ? 1 : 0,
          major: 0,
          major_incident_id: null,
          appointment_at: input.appointmentAt ? new Date(input.appointmentAt).toISOString() : null,
          received_by: receivedBy,
          received_at: receivedAt.toISOString(),
          department_id: null,
          assignee_id: null,
          ...clocks,
          reply_stopped_at: null,
          completion_stopped_at: null,
          paused_at: null,
          pauses_json: '[]',
          reopen_count: 0,
          adopted: 0,
          search_terms: searchTermsOf(input.description, number, refs.unitCode, input.contactName ?? refs.customerName),
          created_at: nowIso,
          updated_at: nowIso,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      for (const clock of lateNow) {
        await trx
          .insertInto('ticket_breaches')
          .values({
            ticket_id: row.id,
            project_id: input.projectId,
            clock,
            due_at: clocks[`${clock}_due_at`]!,
            detected_at: nowIso,
            lateness_minutes: null,
            responsible_id: receivedBy,
          })
          .execute();
      }
      if (options.dispatched && dispatchedTo) {
        const at = options.dispatched.at.toISOString();
        const late = clocks.reply_due_at !== null && clocks.reply_due_at < at;
        await trx
          .updateTable('tickets')
          .set({
            status: 'dispatched',
            assignee_id: dispatchedTo.id,
            department_id: dispatchedTo.department_id,
            ...(clocks.reply_state === 'none' ? {} : { reply_state: late ? 'met_late' : 'met', reply_stopped_at: at }),
          })
          .where('id', '=', row.id)
          .execute();
      }
      if (input.resolveNow) {
        await trx
          .updateTable('tickets')
          .set({ status: 'closed', resolution: input.resolveNow, resolved_at: nowIso, closed_at: nowIso, ...stopAllClocks(clocks, nowIso) })
          .where('id', '=', row.id)
          .execute();
      }
      await insertEvents(trx, row.id, 1, nowIso, { kind: actor.kind, id: actor.id }, events);
      if (idempotencyKey)
        await trx
          .insertInto('idempotency_keys')
          .values({ key: idempotencyKey, actor: idemActor, ticket_id: row.id, created_at: nowIso })
          .execute();
      live.push(...(await escalateIfMajor(trx, ctx, pc, row.id, { categoryMajor: majorCategory })));
      if (options.within) await options.within(trx, row.id, number);
      await writeAudit(trx, ctx, {
        action: 'create',
        entity: 'ticket',
        entityId: row.id,
        projectId: input.projectId,
        after: { ...input, number },
      });
      return row.id;
    });
  } catch (err) {
    // Two retries with the same key at once: the loser of the race returns the winner's ticket.
    const code = (err as { code?: string }).code;
    if (idempotencyKey && (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505')) {
      const seen = await ctx.db
        .selectFrom('idempotency_keys')
        .select('ticket_id')
        .where('actor', '=', idemActor)
        .where('key', '=', idempotencyKey)
        .executeTakeFirst();
      if (seen) return { ticket: await getTicket(ctx, seen.ticket_id), replayed: true };
    }
    throw err;
  }
  publishAll(ctx.bus, [
    ...live,
    { type: 'ticket_changed', companyId: actor.companyId, projectId: input.projectId, data: { ticketId: id, action: 'create' } },
  ]);
  return { ticket: await getTicket(ctx, id), replayed: false };
}

function stopAllClocks(clocks: Pick<Clocks, 'reply_state' | 'completion_state' | 'reply_due_at' | 'completion_due_at'>, at: string) {
  const stop = (state: string, due: string | null) =>
    state === 'none' ? state : state === 'breached' || (due !== null && due < at) ? 'met_late' : 'met';
  return {
    reply_state: stop(clocks.reply_state, clocks.reply_due_at),
    reply_stopped_at: clocks.reply_state === 'none' ? null : at,
    completion_state: stop(clocks.completion_state, clocks.completion_due_at),
    completion_stopped_at: clocks.completion_state === 'none' ? null : at,
  };
}

// ---------- workflow ----------

/**
 * Who may act: staff by the action's permission (a technician without dispatch rights only on
 * tickets assigned to them); a resident only rates their own resolved ticket in the portal.
 */
async function authorizeTransition(ctx: ServiceContext, id: number, body: TransitionBody): Promise<TicketRow> {
  if (ctx.actor.kind === 'resident') {
    if (body.action !== 'return_visit' || body.method !== 'portal') throw forbidden('Residents can only rate their own tickets');
    return ticketForCaller(ctx, id);
  }
  const actor = requirePermission(ctx, actionPermission[body.action]);
  const row = await visibleTicket(ctx.db, actor, id);
  const workOnly = !actor.permissions.has('ticket.dispatch') && !actor.permissions.has('ticket.supervise');
  if (workOnly && ['start', 'pause', 'resume', 'resolve'].includes(body.action) && row.assignee_id !== actor.id) {
    throw forbidden('Only the assigned technician may work on this ticket');
  }
  if (body.action === 'resolve' && (row.status === 'new' || row.status === 'accepted') && !actor.permissions.has('ticket.dispatch')) {
    throw forbidden('Resolving at the desk needs dispatch rights');
  }
  return row;
}

/** Which permission each action needs. A technician without dispatch rights works only on tickets assigned to them. */
const actionPermission: Record<TransitionBody['action'], Parameters<typeof requirePermission>[1]> = {
  accept: 'ticket.dispatch',
  dispatch: 'ticket.dispatch',
  start: 'ticket.work',
  pause: 'ticket.work',
  resume: 'ticket.work',
  resolve: 'ticket.work',
  return_visit: 'ticket.visit',
  reopen: 'ticket.supervise',
  cancel: 'ticket.dispatch',
};

export interface Change {
  set: Partial<TicketRow>;
  events: NewEvent[];
  after: (trx: Executor, ticketId: number) => Promise<LiveEvent[]>;
}

/**
 * Applies one action with a guarded UPDATE (same id, version and status as read), so a concurrent or
 * stale action fails with 409 and nothing of it is written.
 */
export async function transitionTicket(ctx: ServiceContext, id: number, body: TransitionBody): Promise<TicketDetail> {
  const row = await authorizeTransition(ctx, id, body);
  if (body.expectedVersion !== undefined && body.expectedVersion !== row.version) {
    throw new AppError('STALE', `The ticket changed (version ${row.version}, you had ${body.expectedVersion}); reload and try again`);
  }
  const status = row.status as TicketStatus;
  if (!transitions[body.action].from.includes(status)) {
    throw new AppError('CONFLICT', `Cannot ${body.action} a ticket that is ${status}`);
  }
  const now = ctx.clock.now();
  const pc = await projectClock(ctx.db, row.company_id, row.project_id);
  const change = await planChange(ctx, row, body, now, pc);
  await applyTicketChange(ctx, row, change, body.action, body);
  return getTicket(ctx, id);
}

/**
 * Writes a change to a ticket: a guarded UPDATE (same version and status as read, else 409), its
 * timeline events, follow-up writes and the audit entry in one transaction; live events after commit.
 */
export async function applyTicketChange(
  ctx: ServiceContext,
  row: TicketRow,
  change: Change,
  auditAction: string,
  auditAfter: unknown,
): Promise<void> {
  const nowIso = ctx.clock.now().toISOString();
  const live: LiveEvent[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    // The event sequence is reserved relative to the stored value: the sweeper and photo uploads
    // append events without changing the version.
    const updated = await trx
      .updateTable('tickets')
      .set((eb) => ({
        ...change.set,
        version: row.version + 1,
        last_event_seq: eb('last_event_seq', '+', change.events.length),
        updated_at: nowIso,
      }))
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .where('status', '=', row.status)
      .returning('last_event_seq')
      .executeTakeFirst();
    if (!updated) throw new AppError('STALE', 'Someone else changed this ticket just now; reload and try again');
    await insertEvents(
      trx,
      row.id,
      updated.last_event_seq - change.events.length + 1,
      nowIso,
      { kind: ctx.actor.kind, id: ctx.actor.id },
      change.events,
    );
    live.push(...(await change.after(trx, row.id)));
    await writeAudit(trx, ctx, {
      action: auditAction,
      entity: 'ticket',
      entityId: row.id,
      projectId: row.project_id,
      before: { status: row.status },
      after: auditAfter,
    });
  });
  publishAll(ctx.bus, [
    ...live,
    { type: 'ticket_changed', companyId: row.company_id, projectId: row.project_id, data: { ticketId: row.id, action: auditAction } },
  ]);
}

/** Stops a clock at `at`: met in time, or late — then the breach record gets its lateness. */
function stopClock(row: TicketRow, clock: ClockName, at: Date, set: Partial<TicketRow>, after: ((trx: Executor) => Promise<void>)[]) {
  const state = row[`${clock}_state`];
  if (state === 'none' || state === 'met' || state === 'met_late') return null;
  const due = row[`${clock}_due_at`];
  const late = due !== null && due < at.toISOString();
  set[`${clock}_state`] = late ? 'met_late' : 'met';
  set[`${clock}_stopped_at`] = at.toISOString();
  if (!late) return null;
  const lateness = Math.ceil((at.getTime() - Date.parse(due!)) / 60_000);
  after.push(async (trx) => {
    const existing = await trx
      .selectFrom('ticket_breaches')
      .select('id')
      .where('ticket_id', '=', row.id)
      .where('clock', '=', clock)
      .executeTakeFirst();
    if (existing) await trx.updateTable('ticket_breaches').set({ lateness_minutes: lateness }).where('id', '=', existing.id).execute();
    else
      await trx
        .insertInto('ticket_breaches')
        .values({
          ticket_id: row.id,
          project_id: row.project_id,
          clock,
          due_at: due!,
          detected_at: at.toISOString(),
          lateness_minutes: lateness,
          responsible_id: row.assignee_id ?? row.received_by,
        })
        .execute();
  });
  return {
    action: 'deadline_met_late',
    actorKind: 'system',
    actorId: null,
    payload: { clock, dueAt: due, latenessMinutes: lateness },
  } satisfies NewEvent;
}

async function planChange(ctx: ServiceContext, row: TicketRow, body: TransitionBody, now: Date, pc: ProjectClock): Promise<Change> {
  const from = row.status as TicketStatus;
  const nowIso = now.toISOString();
  const set: Partial<TicketRow> = {};
  const events: NewEvent[] = [];
  const afterSteps: ((trx: Executor) => Promise<void>)[] = [];
  const notes: LiveEvent[] = [];
  const notify = (draft: Omit<Parameters<typeof createNotifications>[2], 'companyId' | 'projectId' | 'ticketId'>) =>
    afterSteps.push(async (trx) => {
      notes.push(
        ...(await createNotifications(trx, nowIso, { ...draft, companyId: row.company_id, projectId: row.project_id, ticketId: row.id })),
      );
    });
  const clockEvent = (e: NewEvent | null) => {
    if (e) events.push(e);
  };

  switch (body.action) {
    case 'accept':
      set.status = 'accepted';
      events.push({ action: 'accept', from, to: 'accepted', payload: body.note ? { note: body.note } : undefined });
      clockEvent(stopClock(row, 'reply', now, set, afterSteps));
      break;
    case 'dispatch': {
      const assignee = await dispatchableStaff(ctx.db, row.project_id, body.assigneeId);
      const departmentId = body.departmentId ?? assignee.department_id;
      if (body.departmentId) {
        const dep = await ctx.db.selectFrom('departments').select(['project_id']).where('id', '=', body.departmentId).executeTakeFirst();
        if (!dep || (dep.project_id !== null && dep.project_id !== row.project_id))
          throw invalid('departmentId', 'is not a department of this project');
      }
      set.status = 'dispatched';
      set.assignee_id = assignee.id;
      set.department_id = departmentId ?? null;
      const reassign = from === 'dispatched';
      events.push({
        action: reassign ? 'reassign' : 'dispatch',
        from,
        to: 'dispatched',
        payload: {
          assigneeId: assignee.id,
          assigneeName: assignee.name,
          departmentId,
          previousAssigneeId: row.assignee_id,
          note: body.note,
        },
      });
      // Dispatching is also the answer to the resident that someone is coming.
      clockEvent(stopClock(row, 'reply', now, set, afterSteps));
      notify({ staffIds: [assignee.id], kind: 'assigned', title: `新派工单 ${row.number}`, body: row.description.slice(0, 120) });
      break;
    }
    case 'start':
      set.status = 'in_progress';
      events.push({ action: 'start', from, to: 'in_progress', payload: body.note ? { note: body.note } : undefined });
      break;
    case 'pause': {
      const pauses = JSON.parse(row.pauses_json) as StoredPause[];
      pauses.push({ from: nowIso, to: null });
      set.status = 'paused';
      set.paused_at = nowIso;
      set.pauses_json = JSON.stringify(pauses);
      events.push({ action: 'pause', from, to: 'paused', payload: { reason: body.reason } });
      break;
    }
    case 'resume': {
      const pauses = (JSON.parse(row.pauses_json) as StoredPause[]).map((p) => (p.to === null ? { ...p, to: nowIso } : p));
      set.status = 'in_progress';
      set.paused_at = null;
      set.pauses_json = JSON.stringify(pauses);
      // The clocks still running move on by the time paused.
      const rules = clockRules(
        { type: row.type as TicketType, major: row.major === 1, commonArea: await isCommonArea(ctx.db, row), severe: row.severe === 1 },
        pc.policy,
      );
      const moved: Record<string, string | null> = {};
      for (const clock of ['reply', 'completion'] as const) {
        const rule = rules[clock];
        const state = row[`${clock}_state`];
        if (!rule || (state !== 'running' && state !== 'warned')) continue;
        const start = clock === 'reply' && row.major === 1 ? await majorStart(ctx.db, row) : new Date(row.received_at);
        const { dueAt, warnAt } = clockTimes(rule, start, toPauses(pauses), pc);
        set[`${clock}_due_at`] = dueAt?.toISOString() ?? null;
        set[`${clock}_warn_at`] = warnAt?.toISOString() ?? null;
        if (state === 'warned' && warnAt && warnAt > now) set[`${clock}_state`] = 'running';
        moved[clock] = dueAt?.toISOString() ?? null;
      }
      events.push({ action: 'resume', from, to: 'in_progress', payload: { deadlines: moved, note: body.note } });
      break;
    }
    case 'resolve': {
      if (row.type === 'complaint') {
        // 五清楚一报告: a major complaint is reported to the manager and leadership before it is closed,
        // and a written complaint gets a written reply.
        if (row.major === 1 && !checklistOf(row).report) {
          throw new AppError('CONFLICT', 'A major complaint must be reported (报告) before it is resolved', [
            { path: 'checklist.report', message: 'is required for a major complaint' },
          ]);
        }
        if (row.written === 1 && !row.written_reply) {
          throw new AppError('CONFLICT', 'A written complaint needs its written reply before it is resolved', [
            { path: 'writtenReply', message: 'is required for a written complaint' },
          ]);
        }
      }
      if (body.services?.length && body.charge !== undefined)
        throw invalid('charge', 'is computed from the fee schedule when services are given');
      const priced = body.services?.length ? await priceServices(ctx.db, row.company_id, row.project_id, body.services) : null;
      const charge = priced ? priced.total : body.charge;
      const needsVisit = pc.policy.returnVisit.types.includes(row.type as TicketType);
      set.status = needsVisit ? 'awaiting_visit' : 'closed';
      set.resolution = body.resolution;
      set.materials_json = body.materials ? JSON.stringify(body.materials) : null;
      set.charge = charge ?? null;
      set.resolved_at = nowIso;
      if (!needsVisit) set.closed_at = nowIso;
      if (charge !== undefined && charge > 0) set.paid = 1;
      events.push({
        action: 'resolve',
        from,
        to: 'resolved',
        payload: { resolution: body.resolution, materials: body.materials ?? [], services: priced?.lines ?? [], charge: charge ?? null },
      });
      clockEvent(stopClock(row, 'reply', now, set, afterSteps));
      clockEvent(stopClock(row, 'completion', now, set, afterSteps));
      if (needsVisit) {
        events.push({ action: 'await_visit', from: 'resolved', to: 'awaiting_visit', actorKind: 'system', actorId: null });
        afterSteps.push(async (trx) => {
          await trx
            .insertInto('return_visits')
            .values({
              ticket_id: row.id,
              project_id: row.project_id,
              due_at: new Date(now.getTime() + pc.policy.returnVisit.dueDays * 86_400_000).toISOString(),
              status: 'pending',
              method: null,
              satisfaction: null,
              comment: null,
              done_by_kind: null,
              done_by: null,
              done_at: null,
              created_at: nowIso,
            })
            .execute();
        });
      } else {
        events.push({ action: 'close', from: 'resolved', to: 'closed', actorKind: 'system', actorId: null });
      }
      break;
    }
    case 'return_visit': {
      const dissatisfied = body.satisfaction === 'dissatisfied';
      set.status = dissatisfied ? 'reopened' : 'closed';
      set.satisfaction = body.satisfaction;
      if (dissatisfied) set.reopen_count = row.reopen_count + 1;
      else set.closed_at = nowIso;
      events.push({
        action: 'return_visit',
        from,
        to: dissatisfied ? 'reopened' : 'closed',
        payload: { satisfaction: body.satisfaction, method: body.method, comment: body.comment ?? null },
      });
      afterSteps.push(async (trx) => {
        await trx
          .updateTable('return_visits')
          .set({
            status: 'done',
            method: body.method,
            satisfaction: body.satisfaction,
            comment: body.comment ?? null,
            done_by_kind: ctx.actor.kind,
            done_by: ctx.actor.id,
            done_at: nowIso,
          })
          .where('ticket_id', '=', row.id)
          .where('status', '=', 'pending')
          .execute();
      });
      if (dissatisfied) {
        notify({
          staffIds: [
            ...(row.assignee_id ? [row.assignee_id] : []),
            ...(await staffWithRoles(ctx.db, row.company_id, row.project_id, ['supervisor'])),
          ],
          kind: 'reopened',
          title: `回访不满意，工单 ${row.number} 已重新打开`,
          body: body.comment ?? null,
        });
      }
      break;
    }
    case 'reopen':
      set.status = 'reopened';
      set.reopen_count = row.reopen_count + 1;
      set.closed_at = null;
      events.push({ action: 'reopen', from, to: 'reopened', payload: { reason: body.reason } });
      afterSteps.push(async (trx) => {
        await trx.deleteFrom('return_visits').where('ticket_id', '=', row.id).where('status', '=', 'pending').execute();
      });
      if (row.assignee_id)
        notify({ staffIds: [row.assignee_id], kind: 'reopened', title: `工单 ${row.number} 已重新打开`, body: body.reason });
      break;
    case 'cancel':
      set.status = 'cancelled';
      set.cancel_reason = body.reason;
      set.closed_at = nowIso;
      // A cancelled ticket owes nothing more; a breach already recorded stays.
      for (const clock of ['reply', 'completion'] as const) {
        const state = row[`${clock}_state`];
        if (state === 'running' || state === 'warned') {
          set[`${clock}_state`] = 'met';
          set[`${clock}_stopped_at`] = nowIso;
        } else if (state === 'breached') {
          clockEvent(stopClock(row, clock, now, set, afterSteps));
        }
      }
      events.push({ action: 'cancel', from, to: 'cancelled', payload: { reason: body.reason } });
      break;
  }
  return {
    set,
    events,
    after: async (trx) => {
      for (const step of afterSteps) await step(trx);
      return notes;
    },
  };
}

async function isCommonArea(db: Executor, row: TicketRow): Promise<boolean> {
  if (row.public_place_id) return true;
  if (!row.category_code) return false;
  const c = await db
    .selectFrom('ticket_categories')
    .select('common_area')
    .where('company_id', '=', row.company_id)
    .where('code', '=', row.category_code)
    .executeTakeFirst();
  return c?.common_area === 1;
}

/** A major ticket's reply clock runs from the escalation (the committed reply time). */
async function majorStart(db: Executor, row: TicketRow): Promise<Date> {
  if (!row.major_incident_id) return new Date(row.received_at);
  const incident = await db.selectFrom('major_incidents').select('created_at').where('id', '=', row.major_incident_id).executeTakeFirst();
  return new Date(incident?.created_at ?? row.received_at);
}

// ---------- lists ----------

export async function listTickets(ctx: ServiceContext, query: z.infer<typeof ticketsQuery>) {
  const actor = requirePermission(ctx, 'ticket.read');
  const scope = projectScope(actor, query.projectId);
  let q = selectTickets(ctx.db).where('tickets.company_id', '=', actor.companyId);
  if (scope) q = q.where('tickets.project_id', 'in', scope.length ? scope : [-1]);
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
  const before = decodeCursor(query.cursor);
  if (before !== undefined) q = q.where('tickets.id', '<', before);
  const rows = await q
    .orderBy('tickets.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const now = ctx.clock.now();
  const reveal = canRevealPhones(actor);
  return toPage(rows, query.limit, (r): Ticket => toTicket(r, now, { revealPhone: reveal }));
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
  return { items: rows.map((r) => toTicket(r, now, { revealPhone: true })) };
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
