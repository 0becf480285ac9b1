import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';

/** Service desk (SPEC §3): policies, categories, tickets and their timeline, clocks, return visits, notifications. */
export async function up(db: Kysely<any>, d: DialectHelpers): Promise<void> {
  // Policy overrides per company (project_id null) or project; every change is a new row (history).
  await d
    .id(db.schema.createTable('policy_overrides'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('policy_overrides_scope_idx').on('policy_overrides').columns(['company_id', 'project_id', 'id']).execute();

  await d
    .id(db.schema.createTable('ticket_categories'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('default_priority', 'text', (c) => c.notNull())
    .addColumn('common_area', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('ticket_categories_code_uq', ['company_id', 'code'])
    .execute();

  await db.schema
    .createTable('ticket_sequences')
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_sequences_pk', ['project_id', 'prefix', 'day'])
    .execute();

  await d
    .id(db.schema.createTable('major_incidents'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    /** incident | collective */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('category_code', 'text')
    /** open | closed */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('households', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('committed_reply_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('major_incidents_project_idx').on('major_incidents').columns(['project_id', 'status', 'id']).execute();

  await d
    .id(db.schema.createTable('tickets'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('last_event_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('public_place_id', 'integer', (c) => c.references('public_places.id'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('category_code', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('severe', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('written', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('backfilled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('major', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('major_incident_id', 'integer', (c) => c.references('major_incidents.id'))
    .addColumn('appointment_at', 'text')
    .addColumn('received_by', 'integer')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('assignee_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('reply_due_at', 'text')
    .addColumn('reply_warn_at', 'text')
    .addColumn('reply_stopped_at', 'text')
    .addColumn('reply_state', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('completion_due_at', 'text')
    .addColumn('completion_warn_at', 'text')
    .addColumn('completion_stopped_at', 'text')
    .addColumn('completion_state', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('paused_at', 'text')
    .addColumn('pauses_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('resolved_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('resolution', 'text')
    .addColumn('materials_json', 'text')
    .addColumn('charge', 'double precision')
    .addColumn('cancel_reason', 'text')
    .addColumn('satisfaction', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checklist_json', 'text')
    .addColumn('customer_confirmed_at', 'text')
    .addColumn('validity', 'text')
    .addColumn('written_reply', 'text')
    .addColumn('adopted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_terms', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tickets_project_number_uq', ['project_id', 'number'])
    .execute();
  await db.schema.createIndex('tickets_project_list_idx').on('tickets').columns(['project_id', 'id']).execute();
  await db.schema.createIndex('tickets_project_status_idx').on('tickets').columns(['project_id', 'status', 'id']).execute();
  await db.schema.createIndex('tickets_project_type_idx').on('tickets').columns(['project_id', 'type', 'received_at']).execute();
  await db.schema.createIndex('tickets_reply_due_idx').on('tickets').columns(['reply_state', 'reply_warn_at']).execute();
  await db.schema.createIndex('tickets_completion_due_idx').on('tickets').columns(['completion_state', 'completion_warn_at']).execute();
  await db.schema.createIndex('tickets_assignee_idx').on('tickets').columns(['assignee_id', 'status']).execute();
  await db.schema.createIndex('tickets_customer_idx').on('tickets').column('customer_id').execute();
  await db.schema.createIndex('tickets_unit_idx').on('tickets').column('unit_id').execute();
  await db.schema.createIndex('tickets_major_idx').on('tickets').column('major_incident_id').execute();

  await d.createTermIndex(db, 'tickets', 'search_terms');

  await d
    .id(db.schema.createTable('ticket_events'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('payload_json', 'text')
    .addUniqueConstraint('ticket_events_seq_uq', ['ticket_id', 'seq'])
    .execute();

  await d
    .id(db.schema.createTable('ticket_breaches'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull())
    /** reply | completion */
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    /** Minutes past the deadline when the clock finally stopped; null while still running late. */
    .addColumn('lateness_minutes', 'integer')
    .addColumn('responsible_id', 'integer')
    .addUniqueConstraint('ticket_breaches_clock_uq', ['ticket_id', 'clock'])
    .execute();
  await db.schema.createIndex('ticket_breaches_project_idx').on('ticket_breaches').columns(['project_id', 'detected_at']).execute();

  await d
    .id(db.schema.createTable('return_visits'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    /** pending | done */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('satisfaction', 'text')
    .addColumn('comment', 'text')
    .addColumn('done_by_kind', 'text')
    .addColumn('done_by', 'integer')
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('return_visits_project_idx').on('return_visits').columns(['project_id', 'status', 'due_at']).execute();
  await db.schema.createIndex('return_visits_ticket_idx').on('return_visits').column('ticket_id').execute();

  await d
    .id(db.schema.createTable('notifications'))
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer')
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('ticket_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_staff_idx').on('notifications').columns(['staff_id', 'read_at', 'id']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['actor', 'key'])
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await d
    .id(db.schema.createTable('fee_schedule'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('price', 'double precision', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
