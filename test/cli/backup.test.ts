import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/server/db/database.ts';
import { createTestDatabase, testDialect, type TestDatabase } from '../helpers/db.ts';
import { freePort, runCliAsync, startServerProcess } from '../helpers/process.ts';

const databases: TestDatabase[] = [];
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
  databases.push(tdb);
});
afterAll(async () => {
  for (const d of databases) await d.close();
});

/** Every table's rows, in a stable order (the search index tables are derived and left out). */
async function contents(db: Db): Promise<Record<string, string[]>> {
  const names =
    testDialect === 'sqlite'
      ? (
          await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%'`.execute(db)
        ).rows
      : (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
            db,
          )
        ).rows;
  const out: Record<string, string[]> = {};
  for (const { name } of names.sort((a, b) => a.name.localeCompare(b.name))) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows;
    out[name] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))).sort();
  }
  return out;
}

/** A fresh place to restore into: an empty data directory, or a new PostgreSQL database. */
async function freshTarget(): Promise<{ env: Record<string, string>; open: () => ReturnType<typeof openDatabase> }> {
  if (testDialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'guanjia-restore-'));
    return { env: { GUANJIA_DATA_DIR: dir }, open: () => openDatabase({ dataDir: dir }) };
  }
  const target = await createTestDatabase();
  databases.push(target);
  return {
    env: { GUANJIA_DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl! },
    open: () => openDatabase({ dataDir: target.dataDir, databaseUrl: target.databaseUrl }),
  };
}

describe(`backup under write load and restore (${testDialect})`, () => {
  it('a backup taken while tickets are written restores to a consistent snapshot; a quiet one restores to the same data', async () => {
    const env: Record<string, string> = {
      GUANJIA_DATA_DIR: tdb.dataDir,
      GUANJIA_ADMIN_PASSWORD: 'backup-test-pw',
      GUANJIA_SWEEP_SECONDS: '0',
      ...(tdb.databaseUrl ? { DATABASE_URL: tdb.databaseUrl } : {}),
    };
    const port = await freePort();
    const server = await startServerProcess(env, port);
    const base = `http://127.0.0.1:${port}`;
    const login = async (username: string, password: string) =>
      (
        await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        })
      ).headers
        .get('set-cookie')!
        .split(';')[0];
    const post = (cookie: string, url: string, body: unknown) =>
      fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    const admin = await login('admin', 'backup-test-pw');
    const projectId = (await (await post(admin, '/api/projects', { code: 'BAK', name: '备份测试', kind: 'residential' })).json()).id;
    await post(admin, '/api/staff', {
      employeeNo: 'B001',
      username: 'bak.director',
      name: '备份主任',
      roles: ['director'],
      projectIds: [projectId],
      status: 'active',
      password: 'bak-director-pw',
    });
    const director = await login('bak.director', 'bak-director-pw');

    let stop = false;
    let written = 0;
    const writer = async (w: number) => {
      while (!stop) {
        const res = await post(director, '/api/tickets', {
          projectId,
          type: 'repair',
          channel: 'phone',
          description: `备份时的报修 ${w}-${written} 漏水`,
        });
        if (res.status === 201) written++;
      }
    };
    const writers = [1, 2, 3, 4].map(writer);
    await new Promise((r) => setTimeout(r, 700));
    const underLoad = join(tdb.dataDir, `under-load.${testDialect === 'sqlite' ? 'sqlite' : 'pgdump'}`);
    const hot = await runCliAsync(['backup', '--out', underLoad], env);
    expect(hot.status, hot.stderr).toBe(0);
    const writtenAtBackup = written;
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all(writers);
    expect(written).toBeGreaterThan(writtenAtBackup);
    const quiet = join(tdb.dataDir, `quiet.${testDialect === 'sqlite' ? 'sqlite' : 'pgdump'}`);
    expect((await runCliAsync(['backup', '--out', quiet], env)).status).toBe(0);
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    await exited;
    const original = await contents(tdb.database.db);
    expect(original.tickets.length).toBe(written);

    // The quiet backup restores to exactly the same data, table by table.
    const same = await freshTarget();
    const restored = await runCliAsync(['restore', '--from', quiet, '--yes'], same.env);
    expect(restored.status, restored.stderr).toBe(0);
    const sameDb = same.open();
    expect(await contents(sameDb.db)).toEqual(original);
    await sameDb.close();

    // The backup taken under load is a consistent earlier state: whole tickets with their timeline and
    // audit, each identical to the original row, none half-written.
    const hotTarget = await freshTarget();
    expect((await runCliAsync(['restore', '--from', underLoad, '--yes'], hotTarget.env)).status).toBe(0);
    const hotDb = hotTarget.open();
    const snapshot = await contents(hotDb.db);
    expect(snapshot.tickets.length).toBeGreaterThan(0);
    expect(snapshot.tickets.length).toBeLessThan(written);
    const originalTickets = new Set(original.tickets);
    for (const row of snapshot.tickets) expect(originalTickets.has(row)).toBe(true);
    const tickets = await hotDb.db.selectFrom('tickets').select(['id', 'last_event_seq']).execute();
    const events = await hotDb.db
      .selectFrom('ticket_events')
      .select(['ticket_id'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('ticket_id')
      .execute();
    const audited = await hotDb.db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'ticket').execute();
    const eventCount = new Map(events.map((e) => [e.ticket_id, Number(e.n)]));
    const auditedIds = new Set(audited.map((a) => Number(a.entity_id)));
    for (const t of tickets) {
      expect(eventCount.get(t.id)).toBe(t.last_event_seq);
      expect(auditedIds.has(t.id)).toBe(true);
    }
    await hotDb.close();

    // Restore refuses without --yes, and a file that is not a backup.
    const refused = await runCliAsync(['restore', '--from', quiet], same.env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--yes');
    console.log(
      `[backup] ${testDialect}: ${written} tickets written, backup under load held ${snapshot.tickets.length}; quiet backup restored identical`,
    );
  }, 180_000);
});
