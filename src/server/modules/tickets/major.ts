/**
 * Major incidents (重大投诉/突发事件, seed 002 制度2): detected from the category and the Chinese text,
 * and collective complaints (客户集体投诉, three households or more about the same matter) found by
 * clustering similar complaints in a time window. Escalation is idempotent: one incident, one alert;
 * later reports of the same matter attach to it.
 *
 * Intake decides before it writes the ticket (`planEscalation`), so the ticket is inserted once with
 * its final state; `applyEscalation` then attaches the earlier tickets of a collective complaint and
 * sends the alert of a new incident.
 */
import type { Executor } from '../../db/database.ts';
import { addDuration } from '../../platform/calendar.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { LiveEvent } from '../../platform/events.ts';
import type { ProjectClock } from '../../platform/project.ts';
import { ticketRecord, writeEvents } from '../../platform/timeline.ts';
import { openStatuses } from '../../../shared/workflow.ts';
import { createNotifications, staffWithRoles } from '../notifications/notifications.service.ts';
import { suggestClassification } from './text/classify.ts';
import { findSimilar } from './text/similarity.ts';

/** The ticket being recorded, as escalation sees it. */
export interface EscalationDraft {
  projectId: number;
  type: string;
  description: string;
  categoryCode: string | null;
  /** Its category is a major one by itself (policy major.categories). */
  categoryMajor: boolean;
  household: HouseholdRef;
}

interface HouseholdRef {
  unit_id: number | null;
  customer_id: number | null;
  contact_phone: string | null;
}

export interface EscalationPlan {
  kind: 'incident' | 'collective';
  reason: string;
  categoryCode: string | null;
  /** The open incident the ticket joins, or null when a new one is recorded. */
  incident: { id: number; committedReplyAt: string; title: string } | null;
  /** A new incident's title, households and committed reply time. */
  title: string;
  households: number;
  committedReplyAt: string;
  /** Earlier tickets of a collective complaint that join with this one. */
  others: number[];
}

function detect(draft: EscalationDraft, pc: ProjectClock): { reason: string; categoryCode: string | null } | null {
  if (draft.categoryMajor) return { reason: `category ${draft.categoryCode}`, categoryCode: draft.categoryCode };
  const suggestion = suggestClassification(draft.description, {
    majorPhrases: pc.policy.major.phrases,
    majorCategories: pc.policy.major.categories,
  });
  if (suggestion.major)
    return { reason: suggestion.major.reason, categoryCode: suggestion.major.category ?? suggestion.categoryCode ?? draft.categoryCode };
  return null;
}

/** Who a report comes from, for counting households: the unit, else the customer, else the number. */
function householdKey(t: HouseholdRef & { id: number }): string {
  if (t.unit_id) return `u${t.unit_id}`;
  if (t.customer_id) return `c${t.customer_id}`;
  if (t.contact_phone) return `p${t.contact_phone}`;
  return `t${t.id}`;
}

/** Whether the ticket about to be recorded is major, and what it joins. Reads only. */
export async function planEscalation(exec: Executor, pc: ProjectClock, now: Date, draft: EscalationDraft): Promise<EscalationPlan | null> {
  const windowStart = new Date(now.getTime() - pc.policy.collectiveComplaint.windowHours * 3600_000).toISOString();
  const threshold = pc.policy.collectiveComplaint.similarity;
  const committedReplyAt = addDuration(now, pc.policy.deadlines.majorReply, {
    calendar: 'natural',
    timeZone: pc.timeZone,
    holidays: pc.holidays,
  })!.toISOString();
  const title = (kind: 'incident' | 'collective') =>
    `${kind === 'collective' ? '集体投诉' : '重大事件'}：${draft.description.slice(0, 40)}`;
  // The new ticket has no id yet; it can never share a household key with itself.
  const self = householdKey({ ...draft.household, id: 0 });

  const found = detect(draft, pc);
  if (found) {
    // The same incident reported again (another caller about the same lift) attaches to the open one.
    const open = await exec
      .selectFrom('major_incidents')
      .innerJoin('tickets', 'tickets.major_incident_id', 'major_incidents.id')
      .select([
        'major_incidents.id',
        'major_incidents.committed_reply_at',
        'major_incidents.title',
        'major_incidents.category_code',
        'tickets.description',
        'tickets.id as ticket_id',
        'tickets.unit_id',
        'tickets.customer_id',
        'tickets.contact_phone',
      ])
      .where('major_incidents.project_id', '=', draft.projectId)
      .where('major_incidents.status', '=', 'open')
      .where('major_incidents.kind', '=', 'incident')
      .where('major_incidents.created_at', '>=', windowStart)
      .execute();
    const same = open.filter((o) => (o.category_code ?? null) === (found.categoryCode ?? null));
    const similar = new Set(
      findSimilar(
        draft.description,
        same.map((o) => ({ id: o.ticket_id, text: o.description, householdKey: householdKey({ ...o, id: o.ticket_id }) })),
        threshold,
      ),
    );
    const match = same.find((o) => similar.has(o.ticket_id));
    return {
      kind: 'incident',
      reason: found.reason,
      categoryCode: found.categoryCode,
      incident: match ? { id: match.id, committedReplyAt: match.committed_reply_at, title: match.title } : null,
      title: title('incident'),
      households: 1,
      committedReplyAt,
      others: [],
    };
  }
  if (draft.type !== 'complaint') return null;

  const recent = await exec
    .selectFrom('tickets')
    .select(['id', 'description', 'unit_id', 'customer_id', 'contact_phone', 'major_incident_id'])
    .where('project_id', '=', draft.projectId)
    .where('type', '=', 'complaint')
    .where('status', '!=', 'cancelled')
    .where('received_at', '>=', windowStart)
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  const similarIds = new Set(
    findSimilar(
      draft.description,
      recent.map((r) => ({ id: r.id, text: r.description, householdKey: householdKey(r) })),
      threshold,
    ),
  );
  const cluster = recent.filter((r) => similarIds.has(r.id));
  const households = new Set([self, ...cluster.map(householdKey)]);
  if (households.size < pc.policy.collectiveComplaint.minHouseholds) return null;
  const reason = `collective complaint: ${households.size} households`;
  const attached = cluster.find((r) => r.major_incident_id !== null);
  if (attached) {
    const incident = await exec
      .selectFrom('major_incidents')
      .select(['id', 'committed_reply_at', 'title'])
      .where('id', '=', attached.major_incident_id!)
      .executeTakeFirstOrThrow();
    return {
      kind: 'collective',
      reason,
      categoryCode: draft.categoryCode,
      incident: { id: incident.id, committedReplyAt: incident.committed_reply_at, title: incident.title },
      title: incident.title,
      households: households.size,
      committedReplyAt,
      others: cluster.filter((r) => r.major_incident_id === null).map((r) => r.id),
    };
  }
  return {
    kind: 'collective',
    reason,
    categoryCode: draft.categoryCode,
    incident: null,
    title: title('collective'),
    households: cluster.length + 1,
    committedReplyAt,
    others: cluster.map((r) => r.id),
  };
}

/** Records a new incident before the ticket that raised it; returns its id and committed reply time. */
export async function insertIncident(trx: Executor, companyId: number, projectId: number, plan: EscalationPlan, nowIso: string) {
  const row = await trx
    .insertInto('major_incidents')
    .values({
      company_id: companyId,
      project_id: projectId,
      kind: plan.kind,
      title: plan.title,
      reason: plan.reason,
      category_code: plan.categoryCode,
      status: 'open',
      households: plan.households,
      committed_reply_at: plan.committedReplyAt,
      created_at: nowIso,
      closed_at: null,
    })
    .returning(['id', 'committed_reply_at', 'title'])
    .executeTakeFirstOrThrow();
  return { id: row.id, committedReplyAt: row.committed_reply_at, title: row.title };
}

/** The timeline event of a ticket joining an incident. */
export function escalationEvent(plan: EscalationPlan, incident: { id: number; committedReplyAt: string }, created: boolean) {
  return {
    action: created ? 'major_escalated' : 'major_attached',
    actorKind: 'system',
    actorId: null,
    payload: { incidentId: incident.id, reason: plan.reason, committedReplyAt: incident.committedReplyAt },
  };
}

/**
 * After the new ticket is written: the earlier tickets of a collective complaint join the incident
 * (marked major, their running reply clock replaced by the committed reply time), and a new incident
 * raises its one alert — the department manager and the center's leadership (seed 002: 马上报告部门经理和中心领导).
 */
export async function applyEscalation(
  trx: Executor,
  ctx: ServiceContext,
  ticket: { id: number; companyId: number; projectId: number; number: string },
  plan: EscalationPlan,
  incident: { id: number; committedReplyAt: string; title: string },
  created: boolean,
): Promise<LiveEvent[]> {
  const nowIso = ctx.clock.now().toISOString();
  if (plan.kind === 'collective' && !created)
    await trx.updateTable('major_incidents').set({ households: plan.households }).where('id', '=', incident.id).execute();
  if (plan.others.length) {
    const joined = await trx
      .updateTable('tickets')
      .set((eb) => ({
        major: 1,
        major_incident_id: incident.id,
        last_event_seq: eb('last_event_seq', '+', 1),
        updated_at: nowIso,
        // The committed reply time replaces the ordinary reply clock of open work while it still runs.
        ...replyTakeover(eb, incident.committedReplyAt),
        priority: eb.case().when('priority', '=', 'normal').then('urgent').else(eb.ref('priority')).end(),
      }))
      .where('id', 'in', plan.others)
      .returning(['id', 'last_event_seq'])
      .execute();
    await writeEvents(
      trx,
      ticketRecord,
      joined.map((t) => ({ entityId: t.id, seq: t.last_event_seq, event: escalationEvent(plan, incident, created) })),
      { at: nowIso, actor: { kind: 'system', id: null } },
    );
  }
  if (!created) return [];
  const recipients = await staffWithRoles(trx, ticket.companyId, ticket.projectId, ['director', 'supervisor', 'leader']);
  const live = await createNotifications(trx, nowIso, {
    companyId: ticket.companyId,
    projectId: ticket.projectId,
    staffIds: recipients,
    kind: 'major_alert',
    title: incident.title,
    body: `${plan.reason}；承诺回复时间 ${incident.committedReplyAt}`,
    ticketId: ticket.id,
  });
  live.push({
    type: 'major_alert',
    companyId: ticket.companyId,
    projectId: ticket.projectId,
    data: {
      incidentId: incident.id,
      kind: plan.kind,
      title: incident.title,
      reason: plan.reason,
      ticketId: ticket.id,
      number: ticket.number,
      committedReplyAt: incident.committedReplyAt,
    },
  });
  return live;
}

/** Reply clocks that take the committed reply time: still running (or absent) on open work. */
export function takesCommittedReply(replyState: string, status: string): boolean {
  return ['running', 'warned', 'none'].includes(replyState) && openStatuses.includes(status as never);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function replyTakeover(eb: any, committed: string) {
  const takes = eb.and([eb('reply_state', 'in', ['running', 'warned', 'none']), eb('status', 'in', [...openStatuses])]);
  return {
    reply_due_at: eb.case().when(takes).then(committed).else(eb.ref('reply_due_at')).end(),
    reply_warn_at: eb.case().when(takes).then(committed).else(eb.ref('reply_warn_at')).end(),
    reply_state: eb.case().when(takes).then('running').else(eb.ref('reply_state')).end(),
  };
}
