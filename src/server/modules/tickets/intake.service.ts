/**
 * Intake (受理): a ticket from any channel, including back-fill (补单) with its real received-at time
 * and one-touch resolution at the desk — SPEC §3. Everything the ticket will be is decided before it
 * is written (clocks, a back-filled dispatch, a one-touch close, a major incident or collective
 * complaint it belongs to), so it is inserted once and the answer is built from what was written.
 */
import type { TicketPriority } from '../../../shared/enums.ts';
import { ticketNumberPrefix } from '../../../shared/enums.ts';
import type { TicketCreate, TicketDetail } from '../../../shared/tickets.ts';
import type { TicketStatus } from '../../../shared/workflow.ts';
import type { Executor } from '../../db/database.ts';
import type { NewRow } from '../../db/types.ts';
import { writeAudit } from '../../platform/audit.ts';
import { localDate } from '../../platform/calendar.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import { assertProjectAccess, requirePermission } from '../../platform/permissions.ts';
import { projectClock, type ProjectClock } from '../../platform/project.ts';
import { ticketRecord, writeEvents, type TimelineEvent, type TimelineView } from '../../platform/timeline.ts';
import { inTransaction, type Tx } from '../../platform/tx.ts';
import { getPolicy } from '../policies/policies.service.ts';
import { applyEscalation, escalationEvent, insertIncident, planEscalation, takesCommittedReply } from './major.ts';
import { clockRules, clockTimes, type ClockName } from './sla.ts';
import {
  findCategory,
  findCustomer,
  findProjectStaff,
  findPublicPlace,
  findUnit,
  nextNumber,
  recordBreaches,
  staffName,
  toTicket,
  type TicketListRow,
  type TicketRow,
} from './tickets.repository.ts';
import { getTicket, workflowCaller } from './tickets.service.ts';
import { suggestClassification } from './text/classify.ts';
import { indexString } from './text/normalize.ts';

/** Terms stored for full-text search: the description, the number and the unit code, as bigrams. */
export function searchTermsOf(description: string, number: string, unitCode: string | null, contactName: string | null): string {
  return indexString([description, number, unitCode ?? '', contactName ?? ''].join(' '));
}

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

interface Clocks {
  reply_due_at: string | null;
  reply_warn_at: string | null;
  reply_state: string;
  reply_stopped_at: string | null;
  completion_due_at: string | null;
  completion_warn_at: string | null;
  completion_state: string;
  completion_stopped_at: string | null;
}

/** The clocks of a new ticket from its real received-at time; a back-filled one can be late the moment it is recorded. */
function initialClocks(
  input: { type: TicketCreate['type']; commonArea: boolean; severe: boolean },
  receivedAt: Date,
  pc: ProjectClock,
  now: Date,
): { clocks: Clocks; lateNow: ClockName[] } {
  const rules = clockRules({ ...input, major: false }, pc.policy);
  const clocks: Clocks = {
    reply_due_at: null,
    reply_warn_at: null,
    reply_state: 'none',
    reply_stopped_at: null,
    completion_due_at: null,
    completion_warn_at: null,
    completion_state: 'none',
    completion_stopped_at: null,
  };
  const lateNow: ClockName[] = [];
  for (const name of ['reply', 'completion'] as const) {
    const rule = rules[name];
    if (!rule) continue;
    const { dueAt, warnAt } = clockTimes(rule, receivedAt, [], pc);
    clocks[`${name}_due_at`] = dueAt?.toISOString() ?? null;
    clocks[`${name}_warn_at`] = warnAt?.toISOString() ?? null;
    if (dueAt && dueAt <= now) {
      clocks[`${name}_state`] = 'breached';
      lateNow.push(name);
    } else clocks[`${name}_state`] = warnAt && warnAt <= now ? 'warned' : 'running';
  }
  return { clocks, lateNow };
}

/** Stops every clock at `at` (a one-touch close): met, or met late. */
function stopAllClocks(clocks: Clocks, at: string): Partial<Clocks> {
  const stop = (state: string, due: string | null | undefined) =>
    state === 'none' ? state : state === 'breached' || (due != null && due < at) ? 'met_late' : 'met';
  return {
    reply_state: stop(clocks.reply_state, clocks.reply_due_at),
    reply_stopped_at: clocks.reply_state === 'none' ? null : at,
    completion_state: stop(clocks.completion_state, clocks.completion_due_at),
    completion_stopped_at: clocks.completion_state === 'none' ? null : at,
  };
}

/** The unit, place, customer and category named by the input, checked to be of the project. */
async function checkReferences(exec: Executor, companyId: number, input: TicketCreate) {
  const [unit, place, customer, category] = await Promise.all([
    input.unitId ? findUnit(exec, input.unitId) : undefined,
    input.publicPlaceId ? findPublicPlace(exec, input.publicPlaceId) : undefined,
    input.customerId ? findCustomer(exec, input.customerId) : undefined,
    input.categoryId ? findCategory(exec, companyId, input.categoryId) : undefined,
  ]);
  if (input.unitId && (!unit || unit.project_id !== input.projectId)) throw invalid('unitId', 'is not a unit of this project');
  if (input.publicPlaceId && (!place || place.project_id !== input.projectId))
    throw invalid('publicPlaceId', 'is not a public place of this project');
  if (input.customerId && (!customer || customer.project_id !== input.projectId))
    throw invalid('customerId', 'is not a customer of this project');
  if (input.categoryId && (!category || !category.active)) throw invalid('categoryId', 'is not a category of the category tree');
  return {
    unitCode: unit?.code ?? null,
    placeName: place?.name ?? null,
    customerName: customer?.name ?? null,
    customerPhone: customer?.phone ?? null,
    categoryName: category?.name ?? null,
    categoryPriority: (category?.default_priority as TicketPriority | undefined) ?? null,
    commonArea: Boolean(place) || category?.common_area === 1,
  };
}

/** An active staff member of the project, to dispatch to. */
export async function dispatchableStaff(exec: Executor, projectId: number, staffId: number) {
  const assignee = await findProjectStaff(exec, projectId, staffId);
  if (!assignee || assignee.status === 'left' || assignee.status === 'suspended')
    throw invalid('assigneeId', 'is not an active staff member of this project');
  return assignee;
}

export interface IntakeOptions {
  /** A retry with the same key returns the ticket of the first request. */
  idempotencyKey?: string;
  /**
   * The ticket was already dispatched when it is recorded — the control room sent a technician at
   * night and the center back-fills the ticket (补单): it starts dispatched, keeping the real time
   * and the dispatcher, and the reply clock stops at that time.
   */
  dispatched?: { assigneeId: number; at: Date; by: number };
  /** The caller's transaction (a duty log line converted in the same transaction as its ticket). */
  tx?: Tx;
}

/**
 * Records a ticket. Residents report only through the portal, about their own homes. Major incidents
 * are detected and escalated in the same transaction; their alerts go out after commit.
 */
export async function createTicket(
  ctx: ServiceContext,
  input: TicketCreate,
  options: IntakeOptions = {},
): Promise<{ ticket: TicketDetail; replayed: boolean }> {
  const actor = ctx.actor;
  const exec = options.tx?.trx ?? ctx.db;
  if (actor.kind === 'staff') {
    requirePermission(ctx, 'ticket.create');
    assertProjectAccess(actor, input.projectId);
  } else {
    // Residents report through the portal, about their own homes, in their own name, in real time.
    if (input.channel !== 'portal' || input.receivedAt || input.resolveNow) throw forbidden('Residents report through the portal');
    const home = input.unitId
      ? await exec
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
  const { idempotencyKey } = options;
  const idemActor = `${actor.kind}:${actor.id}`;
  const replay = async () => {
    const seen = await exec
      .selectFrom('idempotency_keys')
      .select('ticket_id')
      .where('actor', '=', idemActor)
      .where('key', '=', idempotencyKey!)
      .executeTakeFirst();
    return seen ? { ticket: await getTicket(ctx, seen.ticket_id, exec), replayed: true } : undefined;
  };
  if (idempotencyKey) {
    const seen = await replay();
    if (seen) return seen;
  }
  const now = ctx.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw invalid('receivedAt', 'may not be in the future');
  if (now.getTime() - receivedAt.getTime() > 366 * 86_400_000) throw invalid('receivedAt', 'may not be more than a year ago');
  const pc = await projectClock(exec, actor.companyId, input.projectId);
  try {
    const written = await inTransaction(ctx, options.tx, (tx) => writeTicket(ctx, tx, input, pc, now, receivedAt, options));
    return { ticket: written, replayed: false };
  } catch (err) {
    // Two retries with the same key at once: the loser of the race returns the winner's ticket.
    if (idempotencyKey && !options.tx && ctx.dialect.isUniqueViolation(err)) {
      const seen = await replay();
      if (seen) return seen;
    }
    throw err;
  }
}

async function writeTicket(
  ctx: ServiceContext,
  { trx, live }: Tx,
  input: TicketCreate,
  pc: ProjectClock,
  now: Date,
  receivedAt: Date,
  options: IntakeOptions,
): Promise<TicketDetail> {
  const actor = ctx.actor;
  const receivedBy = actor.kind === 'staff' ? actor.id : null;
  const nowIso = now.toISOString();
  const refs = await checkReferences(trx, actor.companyId, input);
  const dispatch = options.dispatched
    ? {
        to: await dispatchableStaff(trx, input.projectId, options.dispatched.assigneeId),
        at: options.dispatched.at.toISOString(),
        by: options.dispatched.by,
        byName: await staffName(trx, options.dispatched.by),
      }
    : null;
  const categoryMajor = input.categoryId ? pc.policy.major.categories.includes(input.categoryId) : false;
  const contactPhone = input.contactPhone ?? refs.customerPhone ?? null;
  const escalation = await planEscalation(trx, pc, now, {
    projectId: input.projectId,
    type: input.type,
    description: input.description,
    categoryCode: input.categoryId ?? null,
    categoryMajor,
    household: { unit_id: input.unitId ?? null, customer_id: input.customerId ?? null, contact_phone: contactPhone },
  });
  const number = await nextNumber(trx, input.projectId, ticketNumberPrefix[input.type], localDate(now, pc.timeZone));
  const backfilled = receivedAt.getTime() < now.getTime() - 10 * 60_000;
  let priority: TicketPriority = input.priority ?? refs.categoryPriority ?? (categoryMajor ? 'emergency' : 'normal');
  const { clocks, lateNow } = initialClocks(
    { type: input.type, commonArea: refs.commonArea, severe: input.severe ?? false },
    receivedAt,
    pc,
    now,
  );
  const breaches = lateNow.map((clock) => ({
    clock,
    dueAt: clocks[`${clock}_due_at`]!,
    detectedAt: nowIso,
    latenessMinutes: null,
    responsibleId: receivedBy,
  }));
  const events: TimelineEvent[] = [
    {
      action: 'create',
      to: 'new',
      payload: { channel: input.channel, receivedAt: receivedAt.toISOString(), backfilled, type: input.type, priority },
    },
    ...lateNow.map((clock) => ({
      action: 'deadline_breached',
      actorKind: 'system',
      actorId: null,
      payload: { clock, dueAt: clocks[`${clock}_due_at`] },
    })),
  ];
  let status: TicketStatus = 'new';
  let state: Partial<TicketRow> = {};
  if (dispatch) {
    status = 'dispatched';
    const late = clocks.reply_due_at != null && clocks.reply_due_at < dispatch.at;
    state = {
      assignee_id: dispatch.to.id,
      department_id: dispatch.to.department_id,
      ...(clocks.reply_state === 'none' ? {} : { reply_state: late ? 'met_late' : 'met', reply_stopped_at: dispatch.at }),
    };
    events.push({
      action: 'dispatch',
      from: 'new',
      to: 'dispatched',
      at: dispatch.at,
      actorId: dispatch.by,
      payload: {
        assigneeId: dispatch.to.id,
        assigneeName: dispatch.to.name,
        departmentId: dispatch.to.department_id,
        dispatchedAt: dispatch.at,
        backfilled: true,
      },
    });
  }
  if (input.resolveNow) {
    status = 'closed';
    state = {
      ...state,
      resolution: input.resolveNow,
      resolved_at: nowIso,
      closed_at: nowIso,
      ...stopAllClocks({ ...clocks, ...state }, nowIso),
    };
    events.push(
      { action: 'resolve', from: 'new', to: 'resolved', payload: { resolution: input.resolveNow, oneTouch: true } },
      { action: 'close', from: 'resolved', to: 'closed', actorKind: 'system', actorId: null },
    );
  }
  let incident: { id: number; committedReplyAt: string; title: string } | null = null;
  if (escalation) {
    incident = escalation.incident ?? (await insertIncident(trx, actor.companyId, input.projectId, escalation, nowIso));
    events.push(escalationEvent(escalation, incident, !escalation.incident));
    const replyState = (state.reply_state ?? clocks.reply_state) as string;
    if (takesCommittedReply(replyState, status))
      state = { ...state, reply_due_at: incident.committedReplyAt, reply_warn_at: incident.committedReplyAt, reply_state: 'running' };
    if (priority === 'normal') priority = 'urgent';
  }
  const values = {
    company_id: actor.companyId,
    project_id: input.projectId,
    number,
    type: input.type,
    channel: input.channel,
    status,
    version: 1,
    last_event_seq: events.length,
    unit_id: input.unitId ?? null,
    public_place_id: input.publicPlaceId ?? null,
    customer_id: input.customerId ?? null,
    contact_name: input.contactName ?? refs.customerName,
    contact_phone: contactPhone,
    category_code: input.categoryId ?? null,
    description: input.description,
    priority,
    severe: input.severe ? 1 : 0,
    paid: input.paid ? 1 : 0,
    written: input.written || input.channel === 'written' ? 1 : 0,
    backfilled: backfilled ? 1 : 0,
    major: escalation ? 1 : 0,
    major_incident_id: incident?.id ?? null,
    appointment_at: input.appointmentAt ? new Date(input.appointmentAt).toISOString() : null,
    received_by: receivedBy,
    received_at: receivedAt.toISOString(),
    department_id: null,
    assignee_id: null,
    ...clocks,
    paused_at: null,
    pauses_json: '[]',
    resolved_at: null,
    closed_at: null,
    resolution: null,
    materials_json: null,
    charge: null,
    cancel_reason: null,
    satisfaction: null,
    reopen_count: 0,
    checklist_json: null,
    customer_confirmed_at: null,
    validity: null,
    written_reply: null,
    adopted: 0,
    validity_by: null,
    validity_at: null,
    validity_note: null,
    adopted_at: null,
    search_terms: searchTermsOf(input.description, number, refs.unitCode, input.contactName ?? refs.customerName),
    created_at: nowIso,
    updated_at: nowIso,
    ...state,
  } satisfies NewRow<'tickets'>;
  const { id } = await trx.insertInto('tickets').values(values).returning('id').executeTakeFirstOrThrow();
  const defaults = { at: nowIso, actor: { kind: actor.kind, id: actor.id } };
  await writeEvents(
    trx,
    ticketRecord,
    events.map((event, i) => ({ entityId: id, seq: i + 1, event })),
    defaults,
  );
  await recordBreaches(trx, id, input.projectId, breaches);
  if (options.idempotencyKey)
    await trx
      .insertInto('idempotency_keys')
      .values({ key: options.idempotencyKey, actor: `${actor.kind}:${actor.id}`, ticket_id: id, created_at: nowIso })
      .execute();
  if (escalation && incident)
    live.push(
      ...(await applyEscalation(
        trx,
        ctx,
        { id, companyId: actor.companyId, projectId: input.projectId, number },
        escalation,
        incident,
        !escalation.incident,
      )),
    );
  await writeAudit(trx, ctx, { action: 'create', entity: 'ticket', entityId: id, projectId: input.projectId, after: { ...input, number } });
  live.push({ type: 'ticket_changed', companyId: actor.companyId, projectId: input.projectId, data: { ticketId: id, action: 'create' } });

  // The answer is what was written: no re-read.
  const row: TicketListRow = {
    ...values,
    id,
    unit_code: refs.unitCode,
    public_place_name: refs.placeName,
    customer_name: refs.customerName,
    assignee_name: dispatch?.to.name ?? null,
    category_name: refs.categoryName,
  };
  const actorName = actor.kind === 'staff' ? actor.name : null;
  const timeline: TimelineView[] = events.map((e, i) => {
    const actorKind = e.actorKind ?? actor.kind;
    const actorId = e.actorId !== undefined ? e.actorId : actor.id;
    return {
      seq: i + 1,
      at: e.at ?? nowIso,
      actorKind,
      actorId,
      actorName: actorKind !== 'staff' ? null : actorId === actor.id ? actorName : actorId === dispatch?.by ? dispatch.byName : null,
      action: e.action,
      fromStatus: e.from ?? null,
      toStatus: e.to ?? null,
      payload: e.payload === undefined ? null : e.payload,
    };
  });
  return {
    ...toTicket(row, now, { revealPhone: actor.kind === 'resident', caller: workflowCaller(actor) }),
    events: timeline,
    attachments: [],
  };
}
