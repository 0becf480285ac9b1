import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';

/**
 * 24-hour duty (SPEC §4, seed 001 篇5): the roster of shifts with check-in and review, the duty and
 * night logs, the control room's night dispatches, the two-signature handover and guards standing in.
 * Shift hours live in the duty policy; an assignment keeps the instants computed when it was planned.
 */
export async function up(db: Kysely<any>, d: DialectHelpers): Promise<void> {
  await d
    .id(db.schema.createTable('duty_assignments'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('shift_code', 'text', (c) => c.notNull())
    .addColumn('shift_name', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('at_center', 'integer', (c) => c.notNull())
    .addColumn('handover', 'integer', (c) => c.notNull())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    // The local date the shift starts on; summer or normal hours follow from it.
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('season', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('break_start_at', 'text')
    .addColumn('break_end_at', 'text')
    .addColumn('note', 'text')
    .addColumn('check_in_at', 'text')
    .addColumn('late_minutes', 'integer')
    .addColumn('check_out_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('duty_assignments_uq', ['project_id', 'shift_code', 'date', 'staff_id'])
    .execute();
  await db.schema.createIndex('duty_assignments_time_idx').on('duty_assignments').columns(['project_id', 'starts_at']).execute();
  await db.schema.createIndex('duty_assignments_staff_idx').on('duty_assignments').columns(['staff_id', 'starts_at']).execute();

  await d
    .id(db.schema.createTable('duty_log_entries'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('assignment_id', 'integer', (c) => c.references('duty_assignments.id'))
    // call | visit | control_room | other
    .addColumn('kind', 'text', (c) => c.notNull())
    // The real moment of the call or visit; a ticket made from the entry is received at this time.
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('night', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('caller_name', 'text')
    .addColumn('caller_phone', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    // open (to convert) | handled (done on the shift, record only) | converted
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('action_taken', 'text')
    .addColumn('dispatched_to', 'integer', (c) => c.references('staff.id'))
    .addColumn('dispatched_at', 'text')
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('converted_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('converted_at', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_log_project_idx').on('duty_log_entries').columns(['project_id', 'occurred_at']).execute();
  await db.schema.createIndex('duty_log_status_idx').on('duty_log_entries').columns(['project_id', 'status']).execute();
  await db.schema.createIndex('duty_log_ticket_uq').on('duty_log_entries').column('ticket_id').unique().execute();

  await d
    .id(db.schema.createTable('duty_handovers'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('duty_assignments.id').unique())
    .addColumn('outgoing_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('incoming_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('incoming_assignment_id', 'integer', (c) => c.references('duty_assignments.id'))
    .addColumn('equipment', 'text')
    .addColumn('keys', 'text')
    .addColumn('records', 'text')
    .addColumn('notes', 'text')
    .addColumn('outgoing_signed_at', 'text')
    .addColumn('incoming_signed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_handovers_project_idx').on('duty_handovers').columns(['project_id', 'created_at']).execute();

  await d
    .id(db.schema.createTable('duty_handover_items'))
    .addColumn('handover_id', 'integer', (c) => c.notNull().references('duty_handovers.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('log_entry_id', 'integer', (c) => c.references('duty_log_entries.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'integer', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('duty_handover_items_idx').on('duty_handover_items').columns(['handover_id']).execute();
  await db.schema.createIndex('duty_handover_items_open_idx').on('duty_handover_items').columns(['project_id', 'done_at']).execute();

  await d
    .id(db.schema.createTable('duty_stand_ins'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('duty_assignments.id'))
    .addColumn('guard_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_stand_ins_idx').on('duty_stand_ins').columns(['assignment_id']).execute();
}
