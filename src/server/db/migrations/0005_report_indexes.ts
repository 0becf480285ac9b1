import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';

/**
 * Indexes for the statistics at a million tickets (measured: the dashboard's 30-day SLA figures
 * and the monthly report fell from full scans of 400+ ms to tens of milliseconds).
 */
export async function up(db: Kysely<any>, _d: DialectHelpers): Promise<void> {
  await db.schema
    .createIndex('tickets_reply_stats_idx')
    .on('tickets')
    .columns(['project_id', 'reply_stopped_at', 'reply_state', 'status', 'received_at'])
    .execute();
  await db.schema
    .createIndex('tickets_completion_stats_idx')
    .on('tickets')
    .columns(['project_id', 'completion_stopped_at', 'completion_state', 'status', 'received_at'])
    .execute();
  await db.schema
    .createIndex('tickets_open_state_idx')
    .on('tickets')
    .columns(['project_id', 'status', 'reply_state', 'completion_state'])
    .execute();
  await db.schema.dropIndex('return_visits_project_idx').execute();
  await db.schema
    .createIndex('return_visits_project_idx')
    .on('return_visits')
    .columns(['project_id', 'status', 'due_at', 'satisfaction'])
    .execute();
  await db.schema.dropIndex('return_visits_ticket_idx').execute();
  await db.schema
    .createIndex('return_visits_ticket_idx')
    .on('return_visits')
    .columns(['ticket_id', 'status', 'satisfaction', 'due_at'])
    .execute();
  await db.schema.dropIndex('ticket_breaches_project_idx').execute();
  await db.schema
    .createIndex('ticket_breaches_project_idx')
    .on('ticket_breaches')
    .columns(['project_id', 'detected_at', 'ticket_id'])
    .execute();
  await db.schema.createIndex('occupancies_project_idx').on('occupancies').columns(['project_id', 'move_out_date', 'unit_id']).execute();
}
