/**
 * Backup and restore (SPEC §13: online backup and restore). SQLite: the driver's online backup API
 * copies a consistent snapshot while the server keeps writing; PostgreSQL: pg_dump in its custom
 * format (a consistent snapshot too) and pg_restore. Restoring replaces the whole database and then
 * applies any newer migrations, so a backup from an older version comes back at the current schema.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Config } from '../config.ts';
import { ConfigError } from '../config.ts';
import { migrate, openDatabase } from './database.ts';

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
export const sqliteFileOf = (config: Pick<Config, 'dataDir'>) => join(config.dataDir, 'guanjia.sqlite');

/** Writes a consistent copy of the live database to `out` (default: <data dir>/backups/…); returns the path. */
export async function backupDatabase(config: Config, out?: string): Promise<string> {
  const target = resolve(out ?? join(config.dataDir, 'backups', `guanjia-${stamp()}.${config.databaseUrl ? 'pgdump' : 'sqlite'}`));
  mkdirSync(dirname(target), { recursive: true });
  if (config.databaseUrl) {
    const run = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, config.databaseUrl], { encoding: 'utf8' });
    if (run.error) throw new ConfigError(`pg_dump is needed to back up PostgreSQL (${run.error.message}); install postgresql-client`);
    if (run.status !== 0) throw new Error(`pg_dump failed: ${run.stderr.trim()}`);
    return target;
  }
  const database = openDatabase({ dataDir: config.dataDir });
  try {
    await database.sqlite!.backup(target);
  } finally {
    await database.close();
  }
  return target;
}

/** Checks that a file is a Guanjia SQLite backup: a sound database with applied migrations. */
function checkSqliteBackup(file: string): void {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw new ConfigError(`--from: ${file} is damaged (${String(ok)})`);
    const applied = db.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'schema_migrations'").get() as {
      n: number;
    };
    if (!applied.n) throw new ConfigError(`--from: ${file} is not a Guanjia database`);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`--from: ${file} is not a readable SQLite database (${(err as Error).message})`);
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database with a backup. The server must be stopped. SQLite: the current file is kept
 * beside it as guanjia.sqlite.before-restore-<time>; PostgreSQL: pg_restore --clean into DATABASE_URL.
 */
export async function restoreDatabase(config: Config, from: string): Promise<{ kept?: string }> {
  const source = resolve(from);
  if (!existsSync(source)) throw new ConfigError(`--from: ${source} does not exist`);
  let kept: string | undefined;
  if (config.databaseUrl) {
    const run = spawnSync(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${config.databaseUrl}`, source],
      {
        encoding: 'utf8',
      },
    );
    if (run.error) throw new ConfigError(`pg_restore is needed to restore PostgreSQL (${run.error.message}); install postgresql-client`);
    if (run.status !== 0) throw new Error(`pg_restore failed: ${run.stderr.trim()}`);
  } else {
    checkSqliteBackup(source);
    const file = sqliteFileOf(config);
    mkdirSync(config.dataDir, { recursive: true });
    if (existsSync(file)) {
      // Fold the write-ahead log into the file before keeping it aside.
      const current = new BetterSqlite3(file);
      current.pragma('wal_checkpoint(TRUNCATE)');
      current.close();
      kept = `${file}.before-restore-${stamp()}`;
      renameSync(file, kept);
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    copyFileSync(source, file);
  }
  const database = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  return { kept };
}
