/**
 * 24-hour duty (SPEC §4; seed 001 篇1 4.1.3–4.1.4 and 篇5 值班制度): the roster and its coverage
 * check, check-in with the 15-minutes-early rule, the duty and night logs and their conversion into
 * tickets (back-filled with the real time), the control room's night dispatches, the two-signature
 * handover with carried-over items, guards standing in (代值), the morning review and the facts
 * the staff assessment uses.
 *
 * One service file per concern — roster.service (templates, roster, coverage, planning),
 * checkin.service (check-in, check-out, stand-ins), log.service (log lines, conversion into tickets),
 * handover.service, review.service, facts.service — and this file for what they share: the caller's
 * duty context and scope checks, day arithmetic, and the mapping of rows (duty.repository) to responses.
 */
import type { Assignment, Handover, LogEntry } from '../../../shared/duty.ts';
import type { DepartmentKind } from '../../../shared/enums.ts';
import { maskPhone } from '../../../shared/mask.ts';
import type { DutyPolicy, ShiftTemplate } from '../../../shared/policies.ts';
import { openStatuses } from '../../../shared/workflow.ts';
import type { Executor } from '../../db/database.ts';
import type { ServiceContext, StaffActor } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { assertProjectAccess, canAccessProject, requirePermission } from '../../platform/permissions.ts';
import { projectClock } from '../../platform/project.ts';
import {
  itemsOf,
  selectAssignments,
  selectItems,
  standInsOf,
  type AssignmentRow,
  type EntryRow,
  type HandoverRow,
  type ItemRow,
} from './duty.repository.ts';

export const DAY_MS = 86_400_000;

export interface DutyContext {
  actor: StaffActor;
  policy: DutyPolicy;
  timeZone: string;
}

/** The caller's permission, access to the project, the project's duty policy and time zone. */
export async function dutyContext(
  ctx: ServiceContext,
  permission: Parameters<typeof requirePermission>[1],
  projectId: number,
): Promise<DutyContext> {
  const actor = requirePermission(ctx, permission);
  assertProjectAccess(actor, projectId);
  // A project of another company, or none, is not found (leadership may name any id).
  const pc = await projectClock(ctx.db, actor.companyId, projectId);
  return { actor, policy: pc.policy.duty, timeZone: pc.timeZone };
}

export function template(policy: DutyPolicy, code: string, path = 'shiftCode'): ShiftTemplate {
  const t = policy.shifts.find((s) => s.code === code);
  if (!t) throw invalid(path, `is not a shift of this project (${policy.shifts.map((s) => s.code).join(', ')})`);
  return t;
}

/** An active staff member of the project, with their department. */
export async function projectStaff(db: Executor, projectId: number, staffId: number, path = 'staffId') {
  const row = await db
    .selectFrom('staff')
    .innerJoin('staff_projects', 'staff_projects.staff_id', 'staff.id')
    .leftJoin('departments', 'departments.id', 'staff.department_id')
    .select(['staff.id', 'staff.name', 'staff.status', 'staff.password_hash', 'departments.kind as department'])
    .where('staff.id', '=', staffId)
    .where('staff_projects.project_id', '=', projectId)
    .executeTakeFirst();
  if (!row || row.status === 'left' || row.status === 'suspended') throw invalid(path, 'is not an active staff member of this project');
  return row;
}

export function toAssignment(r: AssignmentRow): Assignment {
  return {
    id: r.id,
    projectId: r.project_id,
    shiftCode: r.shift_code,
    shiftName: r.shift_name,
    department: r.department as DepartmentKind,
    atCenter: r.at_center === 1,
    handoverRequired: r.handover === 1,
    staffId: r.staff_id,
    staffName: r.staff_name,
    staffDepartment: (r.staff_department as DepartmentKind | null) ?? null,
    date: r.date,
    season: r.season as 'normal' | 'summer',
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    breakStartAt: r.break_start_at,
    breakEndAt: r.break_end_at,
    note: r.note,
    checkInAt: r.check_in_at,
    lateMinutes: r.late_minutes,
    checkOutAt: r.check_out_at,
    closedAt: r.closed_at,
    reviewedAt: r.reviewed_at,
    handoverId: r.handover_id,
    handoverSigned: r.handover_outgoing_signed_at !== null && r.handover_incoming_signed_at !== null,
  };
}

export async function loadAssignment(ctx: ServiceContext, actor: StaffActor, id: number): Promise<AssignmentRow> {
  const row = await selectAssignments(ctx.db).where('duty_assignments.id', '=', id).executeTakeFirst();
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Duty assignment');
  return row;
}

export function toEntry(r: EntryRow, now: Date, policy: DutyPolicy): LogEntry {
  const from = Date.parse(r.shift_ends_at ?? r.occurred_at);
  return {
    id: r.id,
    projectId: r.project_id,
    assignmentId: r.assignment_id,
    shiftName: r.shift_name,
    kind: r.kind as LogEntry['kind'],
    occurredAt: r.occurred_at,
    night: r.night === 1,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    callerName: r.caller_name,
    callerPhone: maskPhone(r.caller_phone),
    description: r.description,
    status: r.status as LogEntry['status'],
    actionTaken: r.action_taken,
    dispatchedTo: r.dispatched_to,
    dispatchedToName: r.tech_name,
    dispatchedAt: r.dispatched_at,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_number,
    convertedAt: r.converted_at,
    recordedBy: r.recorded_by,
    recordedByName: r.recorder_name,
    overdue: r.status === 'open' && now.getTime() > from + policy.convertWithinMinutes * 60_000,
  };
}

export const closedTicket = (status: string | null) => status !== null && !openStatuses.includes(status as never);

export function itemOpen(i: ItemRow): boolean {
  if (i.done_at) return false;
  if (i.ticket_id) return !closedTicket(i.ticket_status);
  // A log line converted into a ticket is done when its ticket is; one handled on the shift is done.
  if (i.log_entry_id) return i.entry_status === 'open' || (i.entry_status === 'converted' && !closedTicket(i.entry_ticket_status));
  return true;
}

export function toItem(i: ItemRow) {
  return {
    id: i.id,
    ticketId: i.ticket_id,
    ticketNumber: i.ticket_number,
    ticketStatus: i.ticket_status,
    logEntryId: i.log_entry_id,
    description: i.description,
    open: itemOpen(i),
    doneAt: i.done_at,
  };
}

export async function toHandovers(db: Executor, rows: HandoverRow[], now: Date, policy: DutyPolicy): Promise<Handover[]> {
  const items = await itemsOf(
    db,
    rows.map((r) => r.id),
  );
  const standIns = await standInsOf(
    db,
    rows.map((r) => r.assignment_id),
  );
  return rows.map((r) => {
    const signed = r.outgoing_signed_at !== null && r.incoming_signed_at !== null;
    return {
      id: r.id,
      projectId: r.project_id,
      assignmentId: r.assignment_id,
      shiftName: r.shift_name,
      shiftDate: r.shift_date,
      shiftEndsAt: r.shift_ends_at,
      outgoingId: r.outgoing_id,
      outgoingName: r.outgoing_name,
      incomingId: r.incoming_id,
      incomingName: r.incoming_name,
      equipment: r.equipment,
      keys: r.keys,
      records: r.records,
      notes: r.notes,
      outgoingSignedAt: r.outgoing_signed_at,
      incomingSignedAt: r.incoming_signed_at,
      signed,
      flagged: !signed && now.getTime() > Date.parse(r.shift_ends_at) + policy.handoverGraceMinutes * 60_000,
      version: r.version,
      createdAt: r.created_at,
      items: items.filter((i) => i.handover_id === r.id).map(toItem),
      standIns: standIns.filter((s) => s.assignmentId === r.assignment_id),
    };
  });
}

/** Open handover items of a project (carried over from shift to shift until done). */
export async function carriedItems(db: Executor, projectId: number) {
  const rows = await selectItems(db)
    .where('duty_handover_items.project_id', '=', projectId)
    .where('duty_handover_items.done_at', 'is', null)
    .execute();
  // One line per matter: the latest handover that carried it.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows.filter(itemOpen))
    latest.set(r.ticket_id ? `t${r.ticket_id}` : r.log_entry_id ? `e${r.log_entry_id}` : `i${r.id}`, r);
  return [...latest.values()].map((r) => ({ ...toItem(r), handoverId: r.handover_id, since: r.since }));
}
