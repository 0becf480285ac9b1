/**
 * Major incidents (重大投诉/突发事件, seed 002 制度2): detected from the category and the Chinese text,
 * and collective complaints (客户集体投诉, three households or more about the same matter) found by
 * clustering similar complaints in a time window. Escalation is idempotent: one incident, one alert;
 * later reports of the same matter attach to it.
 */
import { addDuration } from '../../platform/calendar.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Executor } from '../../db/database.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { createNotifications, staffWithRoles } from '../notifications/notifications.service.ts';
import type { ProjectClock } from './tickets.service.ts';
import { suggestClassification } from './text/classify.ts';
import { findSimilar } from './text/similarity.ts';

interface Escalation {
  reason: string;
  categoryCode: string | null;
}

function detect(description: string, categoryCode: string | null, categoryMajor: boolean, pc: ProjectClock): Escalation | null {
  const suggestion = suggestClassification(description, {
    majorPhrases: pc.policy.major.phrases,
    majorCategories: pc.policy.major.categories,
  });
  if (categoryMajor) return { reason: `category ${categoryCode}`, categoryCode };
  if (suggestion.major)
    return { reason: suggestion.major.reason, categoryCode: suggestion.major.category ?? suggestion.categoryCode ?? categoryCode };
  return null;
}

function householdKey(t: { unit_id: number | null; customer_id: number | null; contact_phone: string | null; id: number }): string {
  if (t.unit_id) return `u${t.unit_id}`;
  if (t.customer_id) return `c${t.customer_id}`;
  if (t.contact_phone) return `p${t.contact_phone}`;
  return `t${t.id}`;
}

/** Marks tickets major, attaches them to the incident, and starts their committed reply clock. */
async function attach(
  trx: Executor,
  ctx: ServiceContext,
  ticketIds: number[],
  incident: { id: number; committed_reply_at: string },
  reason: string,
  created: boolean,
) {
  const nowIso = ctx.clock.now().toISOString();
  for (const ticketId of ticketIds) {
    const t = await trx
      .updateTable('tickets')
      .set((eb) => ({ major: 1, major_incident_id: incident.id, last_event_seq: eb('last_event_seq', '+', 1), updated_at: nowIso }))
      .where('id', '=', ticketId)
      .returning(['last_event_seq', 'reply_state', 'priority'])
      .executeTakeFirstOrThrow();
    // The committed reply time replaces the ordinary reply clock while it is still running.
    if (t.reply_state === 'running' || t.reply_state === 'warned' || t.reply_state === 'none') {
      await trx
        .updateTable('tickets')
        .set({ reply_due_at: incident.committed_reply_at, reply_warn_at: incident.committed_reply_at, reply_state: 'running' })
        .where('id', '=', ticketId)
        .execute();
    }
    if (t.priority === 'normal') await trx.updateTable('tickets').set({ priority: 'urgent' }).where('id', '=', ticketId).execute();
    await trx
      .insertInto('ticket_events')
      .values({
        ticket_id: ticketId,
        seq: t.last_event_seq,
        at: nowIso,
        actor_kind: 'system',
        actor_id: null,
        action: created ? 'major_escalated' : 'major_attached',
        from_status: null,
        to_status: null,
        payload_json: JSON.stringify({ incidentId: incident.id, reason, committedReplyAt: incident.committed_reply_at }),
      })
      .execute();
  }
}

/** Runs inside the intake transaction; returns the live alerts to publish after commit. */
export async function escalateIfMajor(
  trx: Executor,
  ctx: ServiceContext,
  pc: ProjectClock,
  ticketId: number,
  opts: { categoryMajor: boolean },
): Promise<LiveEvent[]> {
  const ticket = await trx
    .selectFrom('tickets')
    .select(['id', 'company_id', 'project_id', 'number', 'type', 'description', 'category_code', 'unit_id', 'customer_id', 'contact_phone'])
    .where('id', '=', ticketId)
    .executeTakeFirstOrThrow();
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const windowStart = new Date(now.getTime() - pc.policy.collectiveComplaint.windowHours * 3600_000).toISOString();
  const threshold = pc.policy.collectiveComplaint.similarity;
  const committed = addDuration(now, pc.policy.deadlines.majorReply, {
    calendar: 'natural',
    timeZone: pc.timeZone,
    holidays: pc.holidays,
  })!.toISOString();

  const found = detect(ticket.description, ticket.category_code, opts.categoryMajor, pc);
  let incident: { id: number; committed_reply_at: string; title: string } | undefined;
  let created = false;
  let members = [ticketId];
  let reason = '';
  let kind: 'incident' | 'collective' = 'incident';

  if (found) {
    reason = found.reason;
    // The same incident reported again (another caller about the same lift) attaches to the open one.
    const open = await trx
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
      .where('major_incidents.project_id', '=', ticket.project_id)
      .where('major_incidents.status', '=', 'open')
      .where('major_incidents.kind', '=', 'incident')
      .where('major_incidents.created_at', '>=', windowStart)
      .execute();
    const same = open.filter((o) => (o.category_code ?? null) === (found.categoryCode ?? null));
    const similar = new Set(
      findSimilar(
        ticket.description,
        same.map((o) => ({ id: o.ticket_id, text: o.description, householdKey: householdKey({ ...o, id: o.ticket_id }) })),
        threshold,
      ),
    );
    const match = same.find((o) => similar.has(o.ticket_id));
    if (match) incident = { id: match.id, committed_reply_at: match.committed_reply_at, title: match.title };
  } else if (ticket.type === 'complaint') {
    const recent = await trx
      .selectFrom('tickets')
      .select(['id', 'description', 'unit_id', 'customer_id', 'contact_phone', 'major_incident_id', 'category_code'])
      .where('project_id', '=', ticket.project_id)
      .where('type', '=', 'complaint')
      .where('status', '!=', 'cancelled')
      .where('received_at', '>=', windowStart)
      .where('id', '!=', ticketId)
      .orderBy('id', 'desc')
      .limit(500)
      .execute();
    const similarIds = new Set(
      findSimilar(
        ticket.description,
        recent.map((r) => ({ id: r.id, text: r.description, householdKey: householdKey(r) })),
        threshold,
      ),
    );
    const cluster = recent.filter((r) => similarIds.has(r.id));
    const households = new Set([householdKey(ticket), ...cluster.map(householdKey)]);
    if (households.size >= pc.policy.collectiveComplaint.minHouseholds) {
      kind = 'collective';
      reason = `collective complaint: ${households.size} households`;
      const existing = cluster.find((r) => r.major_incident_id !== null);
      if (existing) {
        const row = await trx
          .selectFrom('major_incidents')
          .select(['id', 'committed_reply_at', 'title'])
          .where('id', '=', existing.major_incident_id!)
          .executeTakeFirstOrThrow();
        incident = row;
        await trx.updateTable('major_incidents').set({ households: households.size }).where('id', '=', row.id).execute();
        members = [ticketId, ...cluster.filter((r) => r.major_incident_id === null).map((r) => r.id)];
      } else {
        members = [ticketId, ...cluster.map((r) => r.id)];
      }
    } else return [];
  } else return [];

  if (!incident) {
    const title = `${kind === 'collective' ? '集体投诉' : '重大事件'}：${ticket.description.slice(0, 40)}`;
    const row = await trx
      .insertInto('major_incidents')
      .values({
        company_id: ticket.company_id,
        project_id: ticket.project_id,
        kind,
        title,
        reason,
        category_code: found?.categoryCode ?? ticket.category_code,
        status: 'open',
        households: kind === 'collective' ? members.length : 1,
        committed_reply_at: committed,
        created_at: nowIso,
        closed_at: null,
      })
      .returning(['id', 'committed_reply_at', 'title'])
      .executeTakeFirstOrThrow();
    incident = row;
    created = true;
  }
  await attach(trx, ctx, members, incident, reason, created);
  if (!created) return [];

  // One alert per incident: the department manager and the center's leadership (seed 002: 马上报告部门经理和中心领导).
  const recipients = await staffWithRoles(trx, ticket.company_id, ticket.project_id, ['director', 'supervisor', 'leader']);
  const live = await createNotifications(trx, nowIso, {
    companyId: ticket.company_id,
    projectId: ticket.project_id,
    staffIds: recipients,
    kind: 'major_alert',
    title: incident.title,
    body: `${reason}；承诺回复时间 ${incident.committed_reply_at}`,
    ticketId,
  });
  live.push({
    type: 'major_alert',
    companyId: ticket.company_id,
    projectId: ticket.project_id,
    data: {
      incidentId: incident.id,
      kind,
      title: incident.title,
      reason,
      ticketId,
      number: ticket.number,
      committedReplyAt: incident.committed_reply_at,
    },
  });
  return live;
}
