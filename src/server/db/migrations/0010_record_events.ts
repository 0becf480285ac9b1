import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';

/**
 * One timeline for the records of every module that has a guarded workflow of its own (decoration
 * permits, key loans, rectifications, contact slips, bills …): the same columns as ticket_events,
 * keyed by the kind of record and its id. Tickets keep their own, much larger, table.
 */
export async function up(db: Kysely<any>, d: DialectHelpers): Promise<void> {
  await d
    .id(db.schema.createTable('record_events'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('payload_json', 'text')
    .addUniqueConstraint('record_events_seq_uq', ['entity', 'entity_id', 'seq'])
    .execute();
}
