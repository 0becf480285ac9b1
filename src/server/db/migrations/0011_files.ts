import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';

/**
 * One table for every stored file (platform/files.ts): a file belongs to an owner — a ticket, a
 * customer's archive, a visit, and the records of later modules — named by kind and id, optionally
 * to a purpose inside it (an archive section) and an item (an archive entry).
 *
 * The rows of the three former tables move here in this migration:
 * - ticket photos (`attachments`) keep their ids. Their ids are written into history: every ticket
 *   timeline's `attach` event carries `attachmentId`, which the web links to `/api/files/:id`.
 *   Rewriting the JSON of the largest table was the alternative; keeping the ids leaves history as it
 *   was written.
 * - archive files (`archive_files`) and visit photos (`visit_photos`) get new ids after them. Nothing
 *   stored points at those rows but the audit log (`archive_file` entries, a visit's `photoId`), which
 *   is never rewritten; `files_moved` maps every moved row's old table and id to its new id, so each of
 *   those entries still leads to its file. Their old addresses served only what the API handed out,
 *   and the API now hands out `/api/files/:id`.
 * The owner's rows are not referenced by a foreign key (an owner is one of several tables); the
 * services that own them never delete them.
 */
export async function up(db: Kysely<any>, d: DialectHelpers): Promise<void> {
  await d
    .id(db.schema.createTable('files'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('item_id', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data', d.blobType, (c) => c.notNull())
    .addColumn('uploaded_by_kind', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // An owner's files in upload order (the ticket's photos, a customer's archive, a visit's photos).
  await db.schema.createIndex('files_owner_idx').on('files').columns(['owner_kind', 'owner_id', 'id']).execute();

  await db.schema
    .createTable('files_moved')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('old_id', 'integer', (c) => c.notNull())
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addPrimaryKeyConstraint('files_moved_pk', ['source', 'old_id'])
    .execute();

  await move(db, 'attachments', true, (r) => ({
    company_id: r.company_id,
    project_id: r.project_id,
    owner_kind: 'ticket',
    owner_id: r.ticket_id,
    purpose: null,
    item_id: null,
    uploaded_by_kind: r.uploaded_by_kind,
  }));
  await d.followExplicitIds(db, 'files');
  await move(db, 'archive_files', false, (r) => ({
    company_id: r.company_id,
    project_id: r.project_id,
    owner_kind: 'archive',
    owner_id: r.customer_id,
    purpose: r.section,
    item_id: r.entry_id,
    uploaded_by_kind: 'staff',
  }));
  await move(db, 'visit_photos', false, (r) => ({
    company_id: r.company_id,
    project_id: r.project_id,
    owner_kind: 'visit',
    owner_id: r.visit_id,
    purpose: null,
    item_id: null,
    uploaded_by_kind: 'staff',
  }));

  await db.schema.dropTable('attachments').execute();
  await db.schema.dropTable('archive_files').execute();
  await db.schema.dropTable('visit_photos').execute();
}

type OldRow = Record<string, any>;

/**
 * Copies one old table into `files`, a few rows at a time (photos are megabytes each), computing each
 * file's sha256 on the way; records where each row went.
 */
async function move(db: Kysely<any>, source: string, keepIds: boolean, owner: (r: OldRow) => Record<string, unknown>) {
  let after = 0;
  for (;;) {
    let q = db.selectFrom(`${source} as f`).selectAll('f');
    // Visit photos carry no company or project of their own: their visit's.
    if (source === 'visit_photos') q = q.innerJoin('visits as v', 'v.id', 'f.visit_id').select(['v.company_id', 'v.project_id']);
    const rows: OldRow[] = await q.where('f.id', '>', after).orderBy('f.id').limit(16).execute();
    if (rows.length === 0) return;
    for (const r of rows) {
      const data = Buffer.from(r.data);
      const moved = await db
        .insertInto('files')
        .values({
          ...(keepIds ? { id: r.id } : {}),
          ...owner(r),
          name: r.name,
          content_type: r.content_type,
          size: r.size,
          sha256: createHash('sha256').update(data).digest('hex'),
          data,
          uploaded_by_id: r.uploaded_by,
          created_at: r.created_at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('files_moved').values({ source, old_id: r.id, file_id: moved.id }).execute();
    }
    after = rows[rows.length - 1].id;
  }
}
