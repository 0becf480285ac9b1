import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/types.ts';
import type { ClockState, Satisfaction, TicketChannel, TicketPriority, TicketType } from '../../../shared/enums.ts';
import { maskPhone } from '../../../shared/mask.ts';
import type { ComplaintView, Ticket } from '../../../shared/tickets.ts';
import { allowedActions, blockedActions, type TicketStatus, type WorkflowCaller, type WorkflowTicket } from '../../../shared/workflow.ts';

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

/** What the workflow's rules look at, from a stored row. */
export function workflowTicket(row: TicketRow): WorkflowTicket {
  return {
    status: row.status as TicketStatus,
    type: row.type as TicketType,
    assigneeId: row.assignee_id,
    customerId: row.customer_id,
    major: row.major === 1,
    written: row.written === 1,
    hasWrittenReply: row.written_reply !== null,
    reported: checklistOf(row).report,
  };
}

/**
 * Maps a row to the API shape: contact numbers masked unless the caller may reveal them, and the
 * actions this caller may take on it now (the workflow table decides; the web only offers them).
 */
export function toTicket(row: TicketListRow, now: Date, options: { revealPhone: boolean; caller: WorkflowCaller }): Ticket {
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
    actions: allowedActions(workflowTicket(row), options.caller),
    blockedActions: blockedActions(workflowTicket(row), options.caller),
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

// ---------- intake and workflow data access ----------

/** The next number of the day for a prefix in a project (BX-20261122-0001); safe under concurrency. */
export async function nextNumber(exec: Executor, projectId: number, prefix: string, day: string): Promise<string> {
  const row = await exec
    .insertInto('ticket_sequences')
    .values({ project_id: projectId, prefix, day, last: 1 })
    .onConflict((oc) => oc.columns(['project_id', 'prefix', 'day']).doUpdateSet((eb) => ({ last: eb('ticket_sequences.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${prefix}-${day.replace(/-/g, '')}-${String(row.last).padStart(4, '0')}`;
}

export const findUnit = (exec: Executor, id: number) =>
  exec.selectFrom('units').select(['project_id', 'code']).where('id', '=', id).executeTakeFirst();

export const findPublicPlace = (exec: Executor, id: number) =>
  exec.selectFrom('public_places').select(['project_id', 'name']).where('id', '=', id).executeTakeFirst();

export const findCustomer = (exec: Executor, id: number) =>
  exec.selectFrom('customers').select(['project_id', 'phone', 'name']).where('id', '=', id).executeTakeFirst();

export const findCategory = (exec: Executor, companyId: number, code: string) =>
  exec
    .selectFrom('ticket_categories')
    .select(['name', 'default_priority', 'common_area', 'active'])
    .where('company_id', '=', companyId)
    .where('code', '=', code)
    .executeTakeFirst();

/** A staff member of the project with their status and department (whom a work order may go to). */
export const findProjectStaff = (exec: Executor, projectId: number, staffId: number) =>
  exec
    .selectFrom('staff')
    .innerJoin('staff_projects', 'staff_projects.staff_id', 'staff.id')
    .select(['staff.id', 'staff.name', 'staff.department_id', 'staff.status'])
    .where('staff.id', '=', staffId)
    .where('staff_projects.project_id', '=', projectId)
    .executeTakeFirst();

export async function staffName(exec: Executor, staffId: number): Promise<string | null> {
  const row = await exec.selectFrom('staff').select('name').where('id', '=', staffId).executeTakeFirst();
  return row?.name ?? null;
}

/** Whether the ticket is about a common area: a public place, or a category marked common-area. */
export async function isCommonArea(exec: Executor, row: TicketRow): Promise<boolean> {
  if (row.public_place_id) return true;
  if (!row.category_code) return false;
  const c = await findCategory(exec, row.company_id, row.category_code);
  return c?.common_area === 1;
}

/** When a major ticket's reply clock started: the escalation (the committed reply time runs from it). */
export async function majorStart(exec: Executor, row: TicketRow): Promise<Date> {
  if (!row.major_incident_id) return new Date(row.received_at);
  const incident = await exec.selectFrom('major_incidents').select('created_at').where('id', '=', row.major_incident_id).executeTakeFirst();
  return new Date(incident?.created_at ?? row.received_at);
}

export interface BreachDraft {
  clock: 'reply' | 'completion';
  dueAt: string;
  detectedAt: string;
  latenessMinutes: number | null;
  responsibleId: number | null;
}

/** Records breaches of one ticket; a clock already recorded as breached gets its lateness filled in. */
export async function recordBreaches(exec: Executor, ticketId: number, projectId: number, breaches: BreachDraft[]): Promise<void> {
  if (!breaches.length) return;
  await exec
    .insertInto('ticket_breaches')
    .values(
      breaches.map((b) => ({
        ticket_id: ticketId,
        project_id: projectId,
        clock: b.clock,
        due_at: b.dueAt,
        detected_at: b.detectedAt,
        lateness_minutes: b.latenessMinutes,
        responsible_id: b.responsibleId,
      })),
    )
    .onConflict((oc) => oc.columns(['ticket_id', 'clock']).doUpdateSet((eb) => ({ lateness_minutes: eb.ref('excluded.lateness_minutes') })))
    .execute();
}
