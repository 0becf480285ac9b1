import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';

/**
 * Reminders the sweeper sent about obligations: one per rule, owner, period and kind (due soon,
 * missed), so a reminder is sent once however often the sweeper runs and on however many servers.
 */
export async function up(db: Kysely<any>, d: DialectHelpers): Promise<void> {
  await d
    .id(db.schema.createTable('obligation_reminders'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('owner_key', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    /** due_soon | missed */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('obligation_reminders_uq', ['project_id', 'code', 'owner_key', 'period_key', 'kind'])
    .execute();
}
