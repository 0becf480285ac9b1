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
  /** Column type for binary data (photos): blob on SQLite, bytea on PostgreSQL. */
  blobType: 'blob' | 'bytea';
  /** Case-insensitive "contains" match of user text (literal, % and _ escaped) for search boxes. */
  contains(column: string, text: string): RawBuilder<SqlBool>;
  /**
   * Full-text index over a column of space-separated terms (Chinese character bigrams made in code,
   * see modules/tickets/text/normalize.ts): SQLite FTS5 kept in sync by triggers; PostgreSQL a GIN index over
   * the term array. Trigram indexes would miss two-character words such as 漏水 and 电梯.
   */
  createTermIndex(db: Kysely<any>, table: string, column: string): Promise<void>;
  /** The rows of `table` whose term column holds every one of `terms` (terms must be non-empty). */
  matchAllTerms(table: string, column: string, terms: string[]): RawBuilder<SqlBool>;
  /**
   * Locks one row until the transaction ends, so that a check and the write it guards (count a
   * ticket's photos, then add one) cannot interleave with another transaction doing the same:
   * `select … for update` on PostgreSQL. On SQLite a plain read suffices: the server's one connection runs
   * one transaction at a time, and a second process that read before the first committed cannot
   * write (SQLITE_BUSY, answered 409). Returns whether the row exists.
   */
  lockRow(trx: Kysely<any>, table: string, id: number): Promise<boolean>;
  /**
   * After rows were inserted with explicit ids (a migration moving rows and keeping their ids), the
   * next generated id follows the largest: PostgreSQL's identity sequence is moved past it; SQLite's
   * AUTOINCREMENT already follows explicit ids.
   */
  followExplicitIds(db: Kysely<any>, table: string): Promise<void>;
  /** Whether an error is a unique or primary-key violation (a race lost to another insert of the same key). */
  isUniqueViolation(err: unknown): boolean;
}

export function dialectHelpers(name: DialectName): DialectHelpers {
  return {
    name,
    id(table) {
      return table.addColumn('id', 'integer', (col: ColumnDefinitionBuilder) =>
        name === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity(),
      );
    },
    blobType: name === 'sqlite' ? 'blob' : 'bytea',
    async createTermIndex(db, table, column) {
      const fts = `${table}_fts`;
      if (name === 'sqlite') {
        await sql
          .raw(`create virtual table ${fts} using fts5(${column}, content='${table}', content_rowid='id', tokenize='unicode61')`)
          .execute(db);
        await sql
          .raw(
            `create trigger ${fts}_ai after insert on ${table} begin insert into ${fts}(rowid, ${column}) values (new.id, new.${column}); end`,
          )
          .execute(db);
        await sql
          .raw(
            `create trigger ${fts}_ad after delete on ${table} begin insert into ${fts}(${fts}, rowid, ${column}) values ('delete', old.id, old.${column}); end`,
          )
          .execute(db);
        await sql
          .raw(
            `create trigger ${fts}_au after update of ${column} on ${table} begin ` +
              `insert into ${fts}(${fts}, rowid, ${column}) values ('delete', old.id, old.${column}); ` +
              `insert into ${fts}(rowid, ${column}) values (new.id, new.${column}); end`,
          )
          .execute(db);
      } else {
        await sql.raw(`create index ${fts}_idx on ${table} using gin (string_to_array(${column}, ' '))`).execute(db);
      }
    },
    matchAllTerms(table, column, terms) {
      if (name === 'sqlite') {
        const query = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
        return sql<SqlBool>`${sql.ref(`${table}.id`)} in (select rowid from ${sql.raw(`${table}_fts`)} where ${sql.raw(`${table}_fts`)} match ${query})`;
      }
      return sql<SqlBool>`string_to_array(${sql.ref(`${table}.${column}`)}, ' ') @> ${sql.val(terms)}::text[]`;
    },
    async lockRow(trx, table, id) {
      const lock = name === 'postgres' ? sql` for update` : sql``;
      const row = await sql`select 1 as found from ${sql.table(table)} where id = ${id}${lock}`.execute(trx);
      return row.rows.length > 0;
    },
    isUniqueViolation,
    async followExplicitIds(db, table) {
      if (name === 'sqlite') return;
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
        db,
      );
    },
    contains(column, text) {
      const op = sql.raw(name === 'sqlite' ? 'like' : 'ilike');
      return sql<SqlBool>`${sql.ref(column)} ${op} ${likePattern(text)} escape '\\'`;
    },
  };
}

/** A unique or primary-key violation on either database (SQLite's codes, PostgreSQL's 23505). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** Escapes % and _ so that user text is matched literally inside LIKE patterns. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

export async function tableExists(db: Kysely<unknown>, table: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === table);
}
