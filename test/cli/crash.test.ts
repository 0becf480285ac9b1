import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../helpers/db.ts';
import { freePort, startServerProcess } from '../helpers/process.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.close());

/**
 * kill -9 under write load: every unit whose creation was acknowledged (201) must be there after
 * a restart, exactly once, with its audit entry (written in the same transaction).
 */
describe(`crash safety (${testDialect})`, () => {
  it('loses no acknowledged write across repeated SIGKILLs', async () => {
    const env: Record<string, string> = {
      GUANJIA_DATA_DIR: tdb.dataDir,
      GUANJIA_ADMIN_PASSWORD: 'crash-test-pw',
      ...(tdb.databaseUrl ? { DATABASE_URL: tdb.databaseUrl } : {}),
    };
    const acknowledged = new Map<string, number>();
    let buildingId = 0;
    let projectId = 0;
    let seq = 0;
    for (let round = 0; round < 3; round++) {
      const port = await freePort();
      const server = await startServerProcess(env, port);
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'crash-test-pw' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const post = (url: string, body: unknown) =>
        fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
      if (!buildingId) {
        projectId = (await (await post('/api/projects', { code: 'CRASH', name: '崩溃测试', kind: 'residential' })).json()).id;
        buildingId = (await (await post('/api/buildings', { projectId, code: '1', name: '1栋', kind: 'highrise', floors: 200 })).json()).id;
      }
      // Eight writers in parallel; the process is killed while they are running.
      let stop = false;
      const writer = async () => {
        while (!stop) {
          const n = ++seq;
          const number = String(n);
          try {
            const res = await post('/api/units', { buildingId, floor: 1 + (n % 200), number, areaM2: 80, use: 'residential' });
            if (res.status === 201) acknowledged.set(`1-${number}`, (await res.json()).id);
          } catch {
            return; // connection cut by the kill: not acknowledged
          }
        }
      };
      const writers = Array.from({ length: 8 }, writer);
      const exited = once(server, 'exit');
      await new Promise((r) => setTimeout(r, 400 + round * 150));
      server.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      await exited;
    }
    expect(acknowledged.size).toBeGreaterThan(20);
    // Restart once more so recovery runs through the server, then read the file directly.
    const port = await freePort();
    const server = await startServerProcess(env, port);
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    await exited;
    const db = tdb.database.db;
    const units = await db.selectFrom('units').select(['id', 'code']).where('building_id', '=', buildingId).execute();
    const audited = new Set(
      (await db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'unit').where('action', '=', 'create').execute()).map(
        (r) => Number(r.entity_id),
      ),
    );
    const byCode = new Map(units.map((u) => [u.code, u.id]));
    for (const [code, id] of acknowledged) {
      expect(byCode.get(code), code).toBe(id);
    }
    // Nothing half-written: every unit has its audit entry and vice versa.
    expect(units.every((u) => audited.has(u.id))).toBe(true);
    expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
  }, 120_000);
});
