/**
 * The workflow of tickets: an action is checked against the workflow table (src/shared/workflow.ts)
 * — permission, guards, status — and planned by walking its row: the target, the fields the action's
 * input sets, the clock effects and the follow-up writes. The change is applied as one guarded
 * UPDATE with its timeline, follow-ups and audit (platform/guarded.ts).
 */
import type { TicketType } from '../../../shared/enums.ts';
import type { TicketDetail, TransitionBody } from '../../../shared/tickets.ts';
import {
  authorityRefusal,
  checkAction,
  rowsOf,
  type ClockName,
  type FollowUp,
  type TicketStatus,
  type WorkflowRow,
} from '../../../shared/workflow.ts';
import type { Executor, Trx } from '../../db/database.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, forbidden, invalid } from '../../platform/errors.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { applyGuardedChange } from '../../platform/guarded.ts';
import { requirePermission, requireStaff } from '../../platform/permissions.ts';
import { projectClock, type ProjectClock } from '../../platform/project.ts';
import { ticketRecord, type TimelineEvent } from '../../platform/timeline.ts';
import type { Tx } from '../../platform/tx.ts';
import { createNotifications, staffWithRoles, type NotificationDraft } from '../notifications/notifications.service.ts';
import { priceServices } from './fees.service.ts';
import { dispatchableStaff } from './intake.service.ts';
import { clockRules, clockTimes, toPauses, type StoredPause } from './sla.ts';
import { isCommonArea, majorStart, recordBreaches, workflowTicket, type BreachDraft, type TicketRow } from './tickets.repository.ts';
import { getTicket, ticketForCaller, visibleTicket, workflowCaller } from './tickets.service.ts';

/** Reads the ticket the caller acts on, refusing who may not act at all before anything else. */
async function ticketToActOn(ctx: ServiceContext, id: number, body: TransitionBody, exec: Executor): Promise<TicketRow> {
  if (ctx.actor.kind === 'resident') {
    if (body.action !== 'return_visit' || body.method !== 'portal') throw forbidden('Residents can only rate their own tickets');
    return ticketForCaller(ctx, id, exec);
  }
  // Without the permission of any row of the action, the caller may not take it on any ticket.
  const rows = rowsOf(body.action);
  if (!rows.some((r) => ctx.actor.kind === 'staff' && ctx.actor.permissions.has(r.permission)))
    requirePermission(ctx, rows[rows.length - 1].permission);
  return visibleTicket(exec, requireStaff(ctx.actor), id);
}

/**
 * Takes one action on a ticket: 403 when the caller may not, 409 when the ticket changed since the
 * caller read it (expectedVersion), when the action is not possible from its status, or when the
 * ticket still lacks something the action needs (the field is named).
 */
export async function transitionTicket(ctx: ServiceContext, id: number, body: TransitionBody, tx?: Tx): Promise<TicketDetail> {
  const exec = tx?.trx ?? ctx.db;
  const row = await ticketToActOn(ctx, id, body, exec);
  const subject = workflowTicket(row);
  const caller = workflowCaller(ctx.actor);
  const authority = authorityRefusal(body.action, subject, caller);
  if (authority?.kind === 'permission') requirePermission(ctx, authority.permission);
  if (authority?.kind === 'authority') throw forbidden(authority.message);
  if (body.expectedVersion !== undefined && body.expectedVersion !== row.version)
    throw new AppError('STALE', `The ticket changed (version ${row.version}, you had ${body.expectedVersion}); reload and try again`);
  const checked = checkAction(body.action, subject, caller);
  if ('refusal' in checked) {
    const r = checked.refusal;
    if (r.kind === 'state') throw new AppError('CONFLICT', r.message, [{ path: r.field, message: 'must be completed first' }]);
    throw new AppError('CONFLICT', `Cannot ${body.action} a ticket that is ${row.status}`);
  }
  const pc = await projectClock(exec, row.company_id, row.project_id);
  const change = await planChange(ctx, exec, row, checked.row, body, pc);
  await applyGuardedChange(
    ctx,
    ticketRecord,
    row,
    {
      ...change,
      audit: { action: body.action, after: body },
      live: [
        { type: 'ticket_changed', companyId: row.company_id, projectId: row.project_id, data: { ticketId: row.id, action: body.action } },
      ],
    },
    tx,
  );
  return getTicket(ctx, id, exec);
}

interface Plan {
  set: Partial<TicketRow>;
  events: TimelineEvent[];
  after: (trx: Trx) => Promise<LiveEvent[]>;
}

/** What the action's own input writes on the ticket, and its timeline payload. */
type InputEffect = { set: Partial<TicketRow>; payload?: unknown; event?: string };

/** Walks the row: target, the input's fields, clocks, follow-ups. */
async function planChange(
  ctx: ServiceContext,
  exec: Executor,
  row: TicketRow,
  wf: WorkflowRow,
  body: TransitionBody,
  pc: ProjectClock,
): Promise<Plan> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const from = row.status as TicketStatus;
  const to = wf.pick
    ? wf.pick({
        needsVisit: pc.policy.returnVisit.types.includes(row.type as TicketType),
        dissatisfied: body.action === 'return_visit' && body.satisfaction === 'dissatisfied',
      })
    : wf.to[0];
  const input = await inputEffect(ctx, exec, row, body, to, nowIso);
  const set: Partial<TicketRow> = { ...input.set, status: to };
  const events: TimelineEvent[] = [{ action: input.event ?? wf.action, from, to: wf.via ?? to, payload: input.payload }];
  const breaches: BreachDraft[] = [];

  // Clock effects.
  for (const clock of wf.clocks.stop ?? []) {
    const e = stopClock(row, clock, now, set, breaches);
    if (e) events.push(e);
  }
  if (wf.clocks.pause === 'start') {
    set.paused_at = nowIso;
    set.pauses_json = JSON.stringify([...(JSON.parse(row.pauses_json) as StoredPause[]), { from: nowIso, to: null }]);
  }
  if (wf.clocks.pause === 'end') {
    const pauses = (JSON.parse(row.pauses_json) as StoredPause[]).map((p) => (p.to === null ? { ...p, to: nowIso } : p));
    set.paused_at = null;
    set.pauses_json = JSON.stringify(pauses);
    // The clocks still running move on by the time paused.
    const rules = clockRules(
      { type: row.type as TicketType, major: row.major === 1, commonArea: await isCommonArea(exec, row), severe: row.severe === 1 },
      pc.policy,
    );
    const moved: Record<string, string | null> = {};
    for (const clock of ['reply', 'completion'] as const) {
      const rule = rules[clock];
      const state = row[`${clock}_state`];
      if (!rule || (state !== 'running' && state !== 'warned')) continue;
      const start = clock === 'reply' && row.major === 1 ? await majorStart(exec, row) : new Date(row.received_at);
      const { dueAt, warnAt } = clockTimes(rule, start, toPauses(pauses), pc);
      set[`${clock}_due_at`] = dueAt?.toISOString() ?? null;
      set[`${clock}_warn_at`] = warnAt?.toISOString() ?? null;
      if (state === 'warned' && warnAt && warnAt > now) set[`${clock}_state`] = 'running';
      moved[clock] = dueAt?.toISOString() ?? null;
    }
    events[0].payload = { deadlines: moved, note: body.action === 'resume' ? body.note : undefined };
  }
  if (wf.clocks.cancel) {
    // A cancelled ticket owes nothing more; a breach already recorded keeps its lateness.
    for (const clock of ['reply', 'completion'] as const) {
      const state = row[`${clock}_state`];
      if (state === 'running' || state === 'warned') {
        set[`${clock}_state`] = 'met';
        set[`${clock}_stopped_at`] = nowIso;
      } else if (state === 'breached') {
        const e = stopClock(row, clock, now, set, breaches);
        if (e) events.push(e);
      }
    }
  }
  // The status the timeline passed through leads on to the target (resolved → awaiting_visit or closed).
  if (wf.via)
    events.push({ action: to === 'awaiting_visit' ? 'await_visit' : 'close', from: wf.via, to, actorKind: 'system', actorId: null });

  const followUps = wf.effects.map((effect) => followUp[effect]);
  return {
    set,
    events,
    after: async (trx) => {
      await recordBreaches(trx, row.id, row.project_id, breaches);
      const live: LiveEvent[] = [];
      for (const f of followUps) live.push(...(await f({ ctx, trx, row, body, to, nowIso, pc })));
      return live;
    },
  };
}

/** The fields an action's input sets on the ticket. Input that cannot be used is a 400 naming the field. */
async function inputEffect(
  ctx: ServiceContext,
  exec: Executor,
  row: TicketRow,
  body: TransitionBody,
  to: TicketStatus,
  nowIso: string,
): Promise<InputEffect> {
  switch (body.action) {
    case 'accept':
    case 'start':
      return { set: {}, payload: body.note ? { note: body.note } : undefined };
    case 'dispatch': {
      const assignee = await dispatchableStaff(exec, row.project_id, body.assigneeId);
      if (body.departmentId) {
        const dep = await exec.selectFrom('departments').select(['project_id']).where('id', '=', body.departmentId).executeTakeFirst();
        if (!dep || (dep.project_id !== null && dep.project_id !== row.project_id))
          throw invalid('departmentId', 'is not a department of this project');
      }
      const departmentId = body.departmentId ?? assignee.department_id;
      return {
        set: { assignee_id: assignee.id, department_id: departmentId ?? null },
        event: row.status === 'dispatched' ? 'reassign' : 'dispatch',
        payload: {
          assigneeId: assignee.id,
          assigneeName: assignee.name,
          departmentId,
          previousAssigneeId: row.assignee_id,
          note: body.note,
        },
      };
    }
    case 'pause':
      return { set: {}, payload: { reason: body.reason } };
    case 'resume':
      return { set: {} };
    case 'resolve': {
      if (body.services?.length && body.charge !== undefined)
        throw invalid('charge', 'is computed from the fee schedule when services are given');
      const priced = body.services?.length ? await priceServices(exec, row.company_id, row.project_id, body.services) : null;
      const charge = priced ? priced.total : body.charge;
      return {
        set: {
          resolution: body.resolution,
          materials_json: body.materials ? JSON.stringify(body.materials) : null,
          charge: charge ?? null,
          resolved_at: nowIso,
          ...(to === 'closed' ? { closed_at: nowIso } : {}),
          ...(charge !== undefined && charge > 0 ? { paid: 1 } : {}),
        },
        payload: { resolution: body.resolution, materials: body.materials ?? [], services: priced?.lines ?? [], charge: charge ?? null },
      };
    }
    case 'return_visit':
      return {
        set: {
          satisfaction: body.satisfaction,
          ...(to === 'reopened' ? { reopen_count: row.reopen_count + 1 } : { closed_at: nowIso }),
        },
        payload: { satisfaction: body.satisfaction, method: body.method, comment: body.comment ?? null },
      };
    case 'reopen':
      return { set: { reopen_count: row.reopen_count + 1, closed_at: null }, payload: { reason: body.reason } };
    case 'cancel':
      return { set: { cancel_reason: body.reason, closed_at: nowIso }, payload: { reason: body.reason } };
  }
}

/** Stops a clock now: met in time, or late — then the breach record gets its lateness. */
function stopClock(row: TicketRow, clock: ClockName, at: Date, set: Partial<TicketRow>, breaches: BreachDraft[]): TimelineEvent | null {
  const state = row[`${clock}_state`];
  if (state === 'none' || state === 'met' || state === 'met_late') return null;
  const due = row[`${clock}_due_at`];
  const late = due !== null && due < at.toISOString();
  set[`${clock}_state`] = late ? 'met_late' : 'met';
  set[`${clock}_stopped_at`] = at.toISOString();
  if (!late) return null;
  const lateness = Math.ceil((at.getTime() - Date.parse(due!)) / 60_000);
  breaches.push({
    clock,
    dueAt: due!,
    detectedAt: at.toISOString(),
    latenessMinutes: lateness,
    responsibleId: row.assignee_id ?? row.received_by,
  });
  return { action: 'deadline_met_late', actorKind: 'system', actorId: null, payload: { clock, dueAt: due, latenessMinutes: lateness } };
}

interface FollowUpArgs {
  ctx: ServiceContext;
  trx: Trx;
  row: TicketRow;
  body: TransitionBody;
  to: TicketStatus;
  nowIso: string;
  pc: ProjectClock;
}

const notify = (a: FollowUpArgs, draft: Omit<NotificationDraft, 'companyId' | 'projectId' | 'ticketId'>) =>
  createNotifications(a.trx, a.nowIso, { ...draft, companyId: a.row.company_id, projectId: a.row.project_id, ticketId: a.row.id });

/** The follow-up writes named in the table. */
const followUp: Record<FollowUp, (a: FollowUpArgs) => Promise<LiveEvent[]>> = {
  notify_assignee: (a) =>
    a.body.action === 'dispatch'
      ? notify(a, {
          staffIds: [a.body.assigneeId],
          kind: 'assigned',
          title: `新派工单 ${a.row.number}`,
          body: a.row.description.slice(0, 120),
        })
      : Promise.resolve([]),
  open_return_visit: async (a) => {
    if (a.to !== 'awaiting_visit') return [];
    await a.trx
      .insertInto('return_visits')
      .values({
        ticket_id: a.row.id,
        project_id: a.row.project_id,
        due_at: new Date(Date.parse(a.nowIso) + a.pc.policy.returnVisit.dueDays * 86_400_000).toISOString(),
        status: 'pending',
        method: null,
        satisfaction: null,
        comment: null,
        done_by_kind: null,
        done_by: null,
        done_at: null,
        created_at: a.nowIso,
      })
      .execute();
    return [];
  },
  complete_return_visit: async (a) => {
    if (a.body.action !== 'return_visit') return [];
    await a.trx
      .updateTable('return_visits')
      .set({
        status: 'done',
        method: a.body.method,
        satisfaction: a.body.satisfaction,
        comment: a.body.comment ?? null,
        done_by_kind: a.ctx.actor.kind,
        done_by: a.ctx.actor.id,
        done_at: a.nowIso,
      })
      .where('ticket_id', '=', a.row.id)
      .where('status', '=', 'pending')
      .execute();
    return [];
  },
  notify_dissatisfied: async (a) => {
    if (a.to !== 'reopened' || a.body.action !== 'return_visit') return [];
    const supervisors = await staffWithRoles(a.trx, a.row.company_id, a.row.project_id, ['supervisor']);
    return notify(a, {
      staffIds: [...(a.row.assignee_id ? [a.row.assignee_id] : []), ...supervisors],
      kind: 'reopened',
      title: `回访不满意，工单 ${a.row.number} 已重新打开`,
      body: a.body.comment ?? null,
    });
  },
  drop_return_visit: async (a) => {
    await a.trx.deleteFrom('return_visits').where('ticket_id', '=', a.row.id).where('status', '=', 'pending').execute();
    return [];
  },
  notify_reopened: (a) =>
    a.row.assignee_id && a.body.action === 'reopen'
      ? notify(a, { staffIds: [a.row.assignee_id], kind: 'reopened', title: `工单 ${a.row.number} 已重新打开`, body: a.body.reason })
      : Promise.resolve([]),
};
