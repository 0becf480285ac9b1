import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';

/**
 * The customer archive's own records (seed 002 制度4): entries of the sections that are not the
 * customer's contact lists or the service desk's tickets, and files attached to any section, kept in
 * the database like ticket photos (0004) so backups and several app servers see them.
 */
export async function up(db: Kysely<any>, d: DialectHelpers): Promise<void> {
  await d
    .id(db.schema.createTable('archive_entries'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('amount', 'double precision')
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('archive_entries_customer_idx').on('archive_entries').columns(['customer_id', 'section']).execute();
  await db.schema.createIndex('archive_entries_project_idx').on('archive_entries').columns(['project_id', 'section']).execute();

  await d
    .id(db.schema.createTable('archive_files'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('entry_id', 'integer', (c) => c.references('archive_entries.id'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', d.blobType, (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('archive_files_customer_idx').on('archive_files').column('customer_id').execute();
}
