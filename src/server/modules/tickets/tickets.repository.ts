import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/types.ts';
import type { ClockState, Satisfaction, TicketChannel, TicketPriority, TicketType } from '../../../shared/enums.ts';
import { maskPhone } from '../../../shared/mask.ts';
import type { ComplaintView, Ticket, TicketEvent } from '../../../shared/tickets.ts';
import { allowedActions, type TicketStatus } from '../../../shared/workflow.ts';

export type TicketRow = Row<'tickets'>;

/** The ticket with the names a list or page shows, in one query. */
export function selectTickets(db: Executor) {
  return db
    .selectFrom('tickets')
    .leftJoin('units', 'units.id', 'tickets.unit_id')
    .leftJoin('public_places', 'public_places.id', 'tickets.public_place_id')
    .leftJoin('customers', 'customers.id', 'tickets.customer_id')
    .leftJoin('staff as assignee', 'assignee.id', 'tickets.assignee_id')
    .leftJoin('ticket_categories', (join) =>
      join.onRef('ticket_categories.code', '=', 'tickets.category_code').onRef('ticket_categories.company_id', '=', 'tickets.company_id'),
    )
    .selectAll('tickets')
    .select([
      'units.code as unit_code',
      'public_places.name as public_place_name',
      'customers.name as customer_name',
      'assignee.name as assignee_name',
      'ticket_categories.name as category_name',
    ]);
}

export type TicketListRow = TicketRow & {
  unit_code: string | null;
  public_place_name: string | null;
  customer_name: string | null;
  assignee_name: string | null;
  category_name: string | null;
};

const lateStates = new Set(['breached', 'met_late']);

function clock(state: string, due: string | null, warn: string | null, stopped: string | null, now: Date) {
  if (state === 'none') return null;
  let lateness: number | null = null;
  if (due && lateStates.has(state)) {
    const end = stopped ? Date.parse(stopped) : now.getTime();
    lateness = Math.max(0, Math.ceil((end - Date.parse(due)) / 60_000));
  }
  return { state: state as ClockState, dueAt: due, warnAt: warn, stoppedAt: stopped, latenessMinutes: lateness };
}

/** Maps a row to the API shape; contact numbers are masked unless the caller may reveal them. */
export function toTicket(row: TicketListRow, now: Date, options: { revealPhone: boolean }): Ticket {
  const reply = clock(row.reply_state, row.reply_due_at, row.reply_warn_at, row.reply_stopped_at, now);
  const completion = clock(row.completion_state, row.completion_due_at, row.completion_warn_at, row.completion_stopped_at, now);
  return {
    id: row.id,
    projectId: row.project_id,
    number: row.number,
    type: row.type as TicketType,
    channel: row.channel as TicketChannel,
    status: row.status as TicketStatus,
    version: row.version,
    unitId: row.unit_id,
    unitCode: row.unit_code,
    publicPlaceId: row.public_place_id,
    publicPlaceName: row.public_place_name,
    customerId: row.customer_id,
    customerName: row.customer_name,
    contactName: row.contact_name,
    contactPhone: options.revealPhone ? row.contact_phone : maskPhone(row.contact_phone),
    categoryId: row.category_code,
    categoryName: row.category_name,
    description: row.description,
    priority: row.priority as TicketPriority,
    severe: row.severe === 1,
    paid: row.paid === 1,
    written: row.written === 1,
    backfilled: row.backfilled === 1,
    major: row.major === 1,
    majorIncidentId: row.major_incident_id,
    appointmentAt: row.appointment_at,
    receivedAt: row.received_at,
    receivedBy: row.received_by,
    departmentId: row.department_id,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    deadlines: { reply, completion },
    overdue: lateStates.has(row.reply_state) || lateStates.has(row.completion_state),
    resolution: row.resolution,
    materials: row.materials_json ? JSON.parse(row.materials_json) : null,
    charge: row.charge,
    cancelReason: row.cancel_reason,
    satisfaction: row.satisfaction as Satisfaction | null,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    actions: allowedActions(row.status as TicketStatus),
    complaint: row.type === 'complaint' ? complaintOf(row) : null,
    adopted: row.adopted === 1,
  };
}

const emptyChecklist: ComplaintView['checklist'] = { listen: false, ask: false, follow: false, reply: false, record: false, report: false };

function complaintOf(row: TicketRow): ComplaintView {
  return {
    checklist: {
      ...emptyChecklist,
      ...(row.checklist_json ? (JSON.parse(row.checklist_json) as Partial<ComplaintView['checklist']>) : {}),
    },
    customerConfirmedAt: row.customer_confirmed_at,
    writtenReply: row.written_reply,
    validity: row.validity as ComplaintView['validity'],
    validityNote: row.validity_note,
    validityAt: row.validity_at,
  };
}

export function checklistOf(row: TicketRow): ComplaintView['checklist'] {
  return complaintOf(row).checklist;
}

export async function loadAttachments(db: Executor, ticketId: number, urlPrefix: string) {
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'name', 'content_type', 'size', 'created_at'])
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
  return rows.map((a) => ({
    id: a.id,
    name: a.name,
    contentType: a.content_type,
    size: a.size,
    url: `${urlPrefix}/${a.id}`,
    createdAt: a.created_at,
  }));
}

export async function loadEvents(db: Executor, ticketId: number): Promise<TicketEvent[]> {
  const rows = await db
    .selectFrom('ticket_events')
    .leftJoin('staff', (join) => join.onRef('staff.id', '=', 'ticket_events.actor_id').on('ticket_events.actor_kind', '=', 'staff'))
    .select([
      'ticket_events.seq',
      'ticket_events.at',
      'ticket_events.actor_kind',
      'ticket_events.actor_id',
      'staff.name as actor_name',
      'ticket_events.action',
      'ticket_events.from_status',
      'ticket_events.to_status',
      'ticket_events.payload_json',
    ])
    .where('ticket_events.ticket_id', '=', ticketId)
    .orderBy('ticket_events.seq')
    .execute();
  return rows.map((e) => ({
    seq: e.seq,
    at: e.at,
    actorKind: e.actor_kind,
    actorId: e.actor_id,
    actorName: e.actor_name,
    action: e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    payload: e.payload_json ? JSON.parse(e.payload_json) : null,
  }));
}

export interface NewEvent {
  action: string;
  from?: string | null;
  to?: string | null;
  payload?: unknown;
  actorKind?: string;
  actorId?: number | null;
  /** When it happened, if not when it was recorded (a back-filled dispatch keeps its real time). */
  at?: string;
}

/** Appends events after `lastSeq` (the value the guarded UPDATE reserved). */
export async function insertEvents(
  trx: Executor,
  ticketId: number,
  firstSeq: number,
  at: string,
  actor: { kind: string; id: number | null },
  events: NewEvent[],
) {
  if (!events.length) return;
  await trx
    .insertInto('ticket_events')
    .values(
      events.map((e, i) => ({
        ticket_id: ticketId,
        seq: firstSeq + i,
        at: e.at ?? at,
        actor_kind: e.actorKind ?? actor.kind,
        actor_id: e.actorId !== undefined ? e.actorId : actor.id,
        action: e.action,
        from_status: e.from ?? null,
        to_status: e.to ?? null,
        payload_json: e.payload === undefined ? null : JSON.stringify(e.payload),
      })),
    )
    .execute();
}
