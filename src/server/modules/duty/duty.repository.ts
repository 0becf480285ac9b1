/**
 * The duty queries several parts of the service build on (shifts, log lines, handovers and their
 * items, stand-ins), with the row types they return. Mapping to responses is in duty.common.ts.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DB, Row } from '../../db/types.ts';

export function selectAssignments(db: Executor) {
  return db
    .selectFrom('duty_assignments')
    .innerJoin('staff', 'staff.id', 'duty_assignments.staff_id')
    .leftJoin('departments', 'departments.id', 'staff.department_id')
    .leftJoin('duty_handovers', 'duty_handovers.assignment_id', 'duty_assignments.id')
    .selectAll('duty_assignments')
    .select([
      'staff.name as staff_name',
      'departments.kind as staff_department',
      'duty_handovers.id as handover_id',
      'duty_handovers.incoming_signed_at as handover_incoming_signed_at',
      'duty_handovers.outgoing_signed_at as handover_outgoing_signed_at',
    ]);
}
export type AssignmentRow = Row<'duty_assignments'> & {
  staff_name: string;
  staff_department: string | null;
  handover_id: number | null;
  handover_incoming_signed_at: string | null;
  handover_outgoing_signed_at: string | null;
};

export async function standInsOf(db: Executor, assignmentIds: number[]) {
  if (!assignmentIds.length) return [];
  const rows = await db
    .selectFrom('duty_stand_ins')
    .innerJoin('staff', 'staff.id', 'duty_stand_ins.guard_id')
    .selectAll('duty_stand_ins')
    .select('staff.name as guard_name')
    .where('assignment_id', 'in', assignmentIds)
    .orderBy('started_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    assignmentId: r.assignment_id,
    guardId: r.guard_id,
    guardName: r.guard_name,
    reason: r.reason,
    startedAt: r.started_at,
    endedAt: r.ended_at,
  }));
}

export function selectEntries(db: Executor) {
  return db
    .selectFrom('duty_log_entries')
    .innerJoin('staff as recorder', 'recorder.id', 'duty_log_entries.recorded_by')
    .leftJoin('staff as tech', 'tech.id', 'duty_log_entries.dispatched_to')
    .leftJoin('duty_assignments', 'duty_assignments.id', 'duty_log_entries.assignment_id')
    .leftJoin('units', 'units.id', 'duty_log_entries.unit_id')
    .leftJoin('tickets', 'tickets.id', 'duty_log_entries.ticket_id')
    .selectAll('duty_log_entries')
    .select([
      'recorder.name as recorder_name',
      'tech.name as tech_name',
      'duty_assignments.shift_name as shift_name',
      'duty_assignments.ends_at as shift_ends_at',
      'units.code as unit_code',
      'tickets.number as ticket_number',
    ]);
}
export type EntryRow = Row<'duty_log_entries'> & {
  recorder_name: string;
  tech_name: string | null;
  shift_name: string | null;
  shift_ends_at: string | null;
  unit_code: string | null;
  ticket_number: string | null;
};

export function baseHandovers(db: Executor) {
  return db
    .selectFrom('duty_handovers')
    .innerJoin('duty_assignments', 'duty_assignments.id', 'duty_handovers.assignment_id')
    .innerJoin('staff as outgoing', 'outgoing.id', 'duty_handovers.outgoing_id')
    .innerJoin('staff as incoming', 'incoming.id', 'duty_handovers.incoming_id')
    .selectAll('duty_handovers')
    .select([
      'duty_assignments.shift_name',
      'duty_assignments.date as shift_date',
      'duty_assignments.ends_at as shift_ends_at',
      'outgoing.name as outgoing_name',
      'incoming.name as incoming_name',
    ]);
}
/** A handover missing one of its two signatures. */
export const unsigned = (eb: ExpressionBuilder<DB, 'duty_handovers'>) =>
  eb.or([eb('duty_handovers.outgoing_signed_at', 'is', null), eb('duty_handovers.incoming_signed_at', 'is', null)]);
export type HandoverRow = Awaited<ReturnType<ReturnType<typeof baseHandovers>['execute']>>[number];

/** Handover items with what decides whether they are still open: their ticket's status, their log line's. */
export function selectItems(db: Executor) {
  return db
    .selectFrom('duty_handover_items')
    .innerJoin('duty_handovers', 'duty_handovers.id', 'duty_handover_items.handover_id')
    .leftJoin('tickets', 'tickets.id', 'duty_handover_items.ticket_id')
    .leftJoin('duty_log_entries', 'duty_log_entries.id', 'duty_handover_items.log_entry_id')
    .leftJoin('tickets as entry_ticket', 'entry_ticket.id', 'duty_log_entries.ticket_id')
    .selectAll('duty_handover_items')
    .select([
      'tickets.number as ticket_number',
      'tickets.status as ticket_status',
      'duty_log_entries.status as entry_status',
      'entry_ticket.status as entry_ticket_status',
      'duty_handovers.created_at as since',
    ])
    .orderBy('duty_handover_items.id');
}

export async function itemsOf(db: Executor, handoverIds: number[]) {
  if (!handoverIds.length) return [];
  return selectItems(db).where('duty_handover_items.handover_id', 'in', handoverIds).execute();
}
export type ItemRow = Awaited<ReturnType<typeof itemsOf>>[number];
