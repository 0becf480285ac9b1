import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';

/**
 * China's statutory holidays and make-up working days (调休), per company. Loaded from the
 * chinese-days package and editable by admins; the working-day calendar of deadlines reads it.
 */
export async function up(db: Kysely<any>, _d: DialectHelpers): Promise<void> {
  await db.schema
    .createTable('calendar_days')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    /** holiday: a day off that would otherwise be a working day; workday: a make-up working day on a weekend. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    /** chinese-days | manual */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addPrimaryKeyConstraint('calendar_days_pk', ['company_id', 'date'])
    .execute();
}
