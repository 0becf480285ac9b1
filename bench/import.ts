/**
 * The Excel import at scale (SPEC §13: 100,000 units + customers ≤ 60 s): a workbook with N units,
 * N customers (three ways to reach each, an emergency contact) and N links is posted to
 * /api/archive/import of an empty project on a fresh database, over HTTP; the time is from the
 * request to the answer (upload, parsing, validation of every row, one transaction).
 *
 *   npx tsx bench/import.ts                       # 100,000, SQLite
 *   npx tsx bench/import.ts --units 20000 --db postgres
 *
 * bench/run.ts calls measureImport as one of its steps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { ensureCompany } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrate, openDatabase } from '../src/server/db/database.ts';
import { sheets } from '../src/server/modules/archive/transfer.service.ts';
import { buildWorkbook, type CellValue } from '../src/server/platform/xlsx.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { EventBus } from '../src/server/platform/events.ts';

/** N units in buildings of 2 entrances × 50 floors × 10 units, one owner each. */
export async function importWorkbook(units: number): Promise<Buffer> {
  const perBuilding = 1000;
  const buildingCount = Math.ceil(units / perBuilding);
  const buildings: CellValue[][] = [];
  for (let b = 1; b <= buildingCount; b++) buildings.push([`B${b}`, `${b}栋`, '高层', 50, '1,2']);
  const unitRows: CellValue[][] = [];
  const customers: CellValue[][] = [];
  const links: CellValue[][] = [];
  for (let i = 0; i < units; i++) {
    const b = Math.floor(i / perBuilding) + 1;
    const k = i % perBuilding;
    const entrance = k < 500 ? '1' : '2';
    const floor = Math.floor((k % 500) / 10) + 1;
    const number = `${floor}${String((k % 10) + 1).padStart(2, '0')}`;
    unitRows.push([`B${b}`, entrance, floor, number, 80 + (i % 60), '住宅', '已入住']);
    const n = String(i).padStart(6, '0');
    customers.push([
      `K${n}`,
      '个人',
      `业主${n}`,
      i % 2 ? '女' : '男',
      `1401${n}0`.slice(0, 11),
      '居民身份证',
      null,
      `0755-8${n}`.slice(0, 13),
      `wx_${n}`,
      null,
      null,
      null,
      null,
      `家属${n}`,
      '配偶',
      `1441${n}1`.slice(0, 11),
      null,
    ]);
    links.push([`K${n}`, `B${b}`, entrance, number, '业主', '2024-05-01', null]);
  }
  const spec = (key: keyof typeof sheets, rows: CellValue[][]) => ({
    name: sheets[key].name,
    columns: Object.values(sheets[key].columns).map((c) => ({ header: c.header, width: 12 })),
    rows,
  });
  return buildWorkbook([spec('buildings', buildings), spec('units', unitRows), spec('customers', customers), spec('occupancies', links)]);
}

export async function measureImport(options: { units: number; dialect: 'sqlite' | 'postgres' }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'guanjia-import-bench-'));
  let databaseUrl: string | undefined;
  const admin = process.env.GUANJIA_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `guanjia_import_bench_${process.pid}`;
  if (options.dialect === 'postgres') {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const database = openDatabase({ dataDir, databaseUrl, poolSize: 5 });
  try {
    await migrate(database);
    await ensureCompany(database.db, systemClock, { adminPassword: 'bench-admin-1' });
    const config = loadConfig(
      { GUANJIA_DATA_DIR: dataDir, GUANJIA_LOG_LEVEL: 'silent' },
      { databaseUrl, loginRateLimit: 1000, sweepSeconds: 0 },
    );
    const app = await buildApp({ config, database, clock: systemClock, bus: new EventBus() }, { logger: false });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'bench-admin-1' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const created = await fetch(`${url}/api/projects`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ code: 'IMP', name: '导入测试小区', kind: 'residential' }),
      });
      const project = (await created.json()) as { id: number };
      const file = await importWorkbook(options.units);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)]), 'import.xlsx');
      const started = performance.now();
      const res = await fetch(`${url}/api/archive/import?projectId=${project.id}`, { method: 'POST', headers: { cookie }, body: form });
      const ms = performance.now() - started;
      const body = (await res.json()) as Record<string, unknown>;
      if (res.status !== 200) throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      return { ms, bytes: file.length, result: body };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (options.dialect === 'postgres') {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { units: { type: 'string', default: '100000' }, db: { type: 'string', default: 'sqlite' } } });
  const dialect = values.db === 'postgres' ? 'postgres' : 'sqlite';
  measureImport({ units: Number(values.units), dialect })
    .then(({ ms, bytes, result }) => {
      console.log(
        `import of ${values.units} units + customers + links (${(bytes / 1024 / 1024).toFixed(1)} MB .xlsx, ${dialect}): ${(ms / 1000).toFixed(1)} s`,
      );
      console.log(result);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
