import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { dialectHelpers, type DialectHelpers } from './dialect.ts';
import { migrations } from './migrations/index.ts';
import type { DB } from './types.ts';

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Repositories take either the database or a running transaction. */
export type Executor = Db | Trx;

export interface Database {
  db: Db;
  dialect: DialectHelpers;
  /** The raw SQLite handle (for online backup); undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  dataDir: string;
  databaseUrl?: string;
  /** SQLite file name inside dataDir; ':memory:' for a throw-away database. */
  sqliteFile?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

// PostgreSQL returns bigint (count(*), sum) and numeric as strings; Guanjia's numbers fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection closed by the server (restart, failover, a dropped test database) must not
    // bring the process down: the pool drops it and opens a new one on the next query.
    pool.on('error', (err) => {
      if ((err as { code?: string }).code !== '57P01') console.error('PostgreSQL connection error:', err.message);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: dialectHelpers('postgres'), close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? 'guanjia.sqlite';
  let path = file;
  if (file !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true });
    path = join(options.dataDir, file);
  }
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode keeps every committed transaction across a process crash (kill -9);
  // only a power loss can take the last commits back.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache: statistics over a million tickets read the same index pages repeatedly.
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const close = async () => {
    // SQLite's advice for long-lived connections: refresh planner statistics where they are stale.
    if (file !== ':memory:') sqlite.pragma('optimize');
    await db.destroy();
  };
  return { db, dialect: dialectHelpers('sqlite'), sqlite, close };
}

/**
 * Kysely's SQLite driver prepares every statement anew; compiling SQL is a large share of a small
 * write. The same query shapes repeat endlessly, so prepared statements are kept by their SQL text
 * (a bounded map; schema changes only happen in migrations, before the cache fills).
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (!statement) {
          statement = prepare(source);
          // DDL invalidates statements; keep only DML and queries.
          if (!/^\s*(create|alter|drop)\b/i.test(source)) {
            if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
            cache.set(source, statement);
          }
        }
        return statement;
      };
    },
  });
}

/**
 * After a migration adds indexes, a database that has planner statistics must get them for the new
 * indexes too: with statistics for some indexes and none for others SQLite picked a full scan for
 * the ticket list (measured: 6.7 s instead of 3 ms at a million tickets).
 */
async function refreshStatistics(database: Database): Promise<void> {
  if (database.dialect.name === 'postgres') {
    await sql`analyze`.execute(database.db);
    return;
  }
  const stats = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(database.db);
  if (Number(stats.rows[0]?.n) > 0) await sql`analyze`.execute(database.db);
}

/**
 * Applies every migration not yet applied, each in its own transaction. Safe to run from two servers
 * at once. `until` stops after the named migration (tests of a migration build the data before it).
 */
export async function migrate(database: Database, options: { until?: string } = {}): Promise<string[]> {
  const { db, dialect } = database;
  await sql`create table if not exists schema_migrations (name text primary key, applied_at text not null)`.execute(db);
  const applied: string[] = [];
  const last = options.until === undefined ? migrations.length : migrations.findIndex((m) => m.name === options.until) + 1;
  if (last === 0) throw new Error(`No migration named ${options.until}`);
  for (const migration of migrations.slice(0, last)) {
    const done = await db.transaction().execute(async (trx) => {
      if (dialect.name === 'postgres') await sql`select pg_advisory_xact_lock(4242001)`.execute(trx);
      const row = await sql<{ name: string }>`select name from schema_migrations where name = ${migration.name}`.execute(trx);
      if (row.rows.length > 0) return false;
      await migration.up(trx, dialect);
      await sql`insert into schema_migrations (name, applied_at) values (${migration.name}, ${new Date().toISOString()})`.execute(trx);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  if (applied.length) await refreshStatistics(database);
  return applied;
}
