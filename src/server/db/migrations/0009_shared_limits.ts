import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';

/** Login attempt counters shared by every app server (PostgreSQL scale-out): one row per address and account. */
export async function up(db: Kysely<any>, _d: DialectHelpers): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start_ms', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_window_idx').on('rate_limits').column('window_start_ms').execute();
}
