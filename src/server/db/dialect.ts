import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The one place that knows SQLite from PostgreSQL. Migrations and repositories call these helpers
 * instead of writing dialect-specific SQL.
 *
 * Storage conventions shared by both databases:
 * - ids are 32-bit integers from an identity/autoincrement column;
 * - timestamps are ISO-8601 UTC text (`2026-11-22T08:30:00.000Z`), which sorts correctly as text;
 * - dates are `YYYY-MM-DD` text; booleans are integers 0/1; JSON is text.
 */
export type DialectName = 'sqlite' | 'postgres';

export interface DialectHelpers {
  name: DialectName;
  /** Adds the `id` primary-key column. */
  id<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
  /** Case-insensitive "contains" match of user text (literal, % and _ escaped) for search boxes. */
  contains(column: string, text: string): RawBuilder<SqlBool>;
}

export function dialectHelpers(name: DialectName): DialectHelpers {
  return {
    name,
    id(table) {
      return table.addColumn('id', 'integer', (col: ColumnDefinitionBuilder) =>
        name === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity(),
      );
    },
    contains(column, text) {
      const op = sql.raw(name === 'sqlite' ? 'like' : 'ilike');
      return sql<SqlBool>`${sql.ref(column)} ${op} ${likePattern(text)} escape '\\'`;
    },
  };
}

/** Escapes % and _ so that user text is matched literally inside LIKE patterns. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

export async function tableExists(db: Kysely<unknown>, table: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === table);
}
