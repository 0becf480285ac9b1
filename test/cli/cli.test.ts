import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { testDialect } from '../helpers/db.ts';
import { runCli } from '../helpers/process.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'guanjia-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('guanjia CLI', () => {
  it('stops with a message naming a wrong setting', () => {
    const tz = runCli(['migrate'], { GUANJIA_DATA_DIR: tempDir(), GUANJIA_TIME_ZONE: 'Mars/Olympus' });
    expect(tz.status).toBe(2);
    expect(tz.stderr).toContain('GUANJIA_TIME_ZONE');
    const port = runCli(['migrate'], { GUANJIA_DATA_DIR: tempDir(), PORT: 'eighty' });
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('PORT');
    const db = runCli(['migrate'], { GUANJIA_DATA_DIR: tempDir(), DATABASE_URL: 'mysql://x' });
    expect(db.status).toBe(2);
    expect(db.stderr).toContain('DATABASE_URL');
    const unknown = runCli(['fly'], { GUANJIA_DATA_DIR: tempDir() });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command');
  });

  it('migrate is idempotent and keeps the session secret in the data directory', () => {
    const dir = tempDir();
    const first = runCli(['migrate'], { GUANJIA_DATA_DIR: dir });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('0001_foundation');
    const second = runCli(['migrate'], { GUANJIA_DATA_DIR: dir });
    expect(second.stdout).toContain('up to date');
    expect(existsSync(join(dir, 'session-secret'))).toBe(true);
  });

  it('backup: a consistent copy of the SQLite file; on PostgreSQL a pointer to pg_dump', () => {
    if (testDialect === 'postgres') {
      const res = runCli(['backup'], {
        GUANJIA_DATA_DIR: tempDir(),
        DATABASE_URL: process.env.GUANJIA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      });
      expect(res.status).toBe(2);
      expect(res.stderr).toContain('pg_dump');
      return;
    }
    const dir = tempDir();
    const admin = runCli(['create-admin', '--username', 'ops', '--password', 'ops-password-1'], { GUANJIA_DATA_DIR: dir });
    expect(admin.status, admin.stderr).toBe(0);
    expect(admin.stdout).toContain('Created administrator ops');
    const out = join(dir, 'copy.sqlite');
    const backup = runCli(['backup', '--out', out], { GUANJIA_DATA_DIR: dir });
    expect(backup.status, backup.stderr).toBe(0);
    const original = new SQLite(join(dir, 'guanjia.sqlite'), { readonly: true });
    const copy = new SQLite(out, { readonly: true });
    const rows = (db: SQLite.Database) => db.prepare('select username, password_hash from staff order by id').all();
    expect(rows(copy)).toEqual(rows(original));
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    original.close();
    copy.close();
  });
});
