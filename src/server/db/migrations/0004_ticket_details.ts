import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';

/**
 * Photos and files on tickets (kept in the database, so backups and several app servers see them),
 * and who decided a complaint's validity or adopted a suggestion.
 */
export async function up(db: Kysely<any>, d: DialectHelpers): Promise<void> {
  await d
    .id(db.schema.createTable('attachments'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', d.blobType, (c) => c.notNull())
    .addColumn('uploaded_by_kind', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_ticket_idx').on('attachments').column('ticket_id').execute();
  await db.schema.alterTable('tickets').addColumn('validity_by', 'integer').execute();
  await db.schema.alterTable('tickets').addColumn('validity_at', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('validity_note', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('adopted_at', 'text').execute();
}
