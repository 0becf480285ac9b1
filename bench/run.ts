/**
 * npm run bench — the SPEC §13 performance targets, measured (a benchmark, not a timed test).
 *
 *   npm run bench                                   # 100,000 units, 1,000,000 tickets, SQLite
 *   npm run bench -- --units 3000 --tickets 20000   # a quick look
 *   npm run bench -- --db postgres                  # PostgreSQL (GUANJIA_BENCH_PG_URL or 127.0.0.1:5432)
 *   npm run bench -- --db both                      # both, one after the other, in one table
 *
 * The data set is built once per size under bench/.data and reused. Intake throughput is reported
 * as a ratio to a bare Fastify + better-sqlite3 insert endpoint measured in the same run. The last
 * step imports an Excel file of as many units + customers as the data set has units into a fresh
 * database (bench/import.ts, also runnable alone).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { migrate, openDatabase, type Database } from '../src/server/db/database.ts';
import { generateDemo } from '../src/server/demo/generate.ts';
import { generateTicketHistory } from '../src/server/demo/tickets.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { EventBus } from '../src/server/platform/events.ts';
import { sweepDeadlines } from '../src/server/modules/tickets/sweeper.ts';
import { measureImport } from './import.ts';

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '100000' },
    tickets: { type: 'string', default: '1000000' },
    db: { type: 'string', default: 'sqlite' },
    seconds: { type: 'string', default: '10' },
    sweep: { type: 'string', default: '100000' },
    /** Where a child run writes its rows (used by --db both). */
    json: { type: 'string' },
  },
});
const units = Number(values.units);
const tickets = Number(values.tickets);
const seconds = Number(values.seconds);
const sweepSize = Number(values.sweep);
const dialect = values.db === 'postgres' ? 'postgres' : 'sqlite';

interface Row {
  measure: string;
  figure: string;
  target: string;
  ok: boolean | null;
}
const rows: Row[] = [];
const record = (measure: string, figure: string, target: string, ok: boolean | null) => {
  rows.push({ measure, figure, target, ok });
  console.log(`  ${ok === null ? '·' : ok ? '✓' : '✗'} ${measure}: ${figure}  (target ${target})`);
};

function p(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function prepareData(): Promise<{ database: Database; dataDir: string; databaseUrl?: string }> {
  const dataDir = resolve(`bench/.data/${dialect}-${units}-${tickets}`);
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    const admin = process.env.GUANJIA_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `guanjia_bench_${units}_${tickets}`;
    const url = new URL(admin);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    if (!existsSync(join(dataDir, 'ready'))) {
      await client.query(`drop database if exists ${name} with (force)`);
      await client.query(`create database ${name}`);
    }
    // The setting README recommends on SSD storage: index probes cost little more than sequential reads.
    await client.query(`alter database ${name} set random_page_cost = 1.1`);
    await client.end();
  }
  if (!existsSync(join(dataDir, 'ready')) && dialect === 'sqlite') rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const database = openDatabase({ dataDir, databaseUrl, poolSize: 10 });
  await migrate(database);
  if (!existsSync(join(dataDir, 'ready'))) {
    console.log(`Building the data set: ${units} units, ${tickets} tickets (${dialect}) …`);
    const started = Date.now();
    const demo = await generateDemo(database, systemClock, { units });
    const history = await generateTicketHistory(database, systemClock, { count: tickets });
    await sql`analyze`.execute(database.db);
    writeFileSync(join(dataDir, 'ready'), JSON.stringify({ units: demo.units, tickets: history.tickets, events: history.events }));
    console.log(
      `  built in ${((Date.now() - started) / 1000).toFixed(0)} s: ${demo.units} units, ${demo.customers} customers, ${history.tickets} tickets, ${history.events} events`,
    );
  }
  return { database, dataDir, databaseUrl };
}

/** The bare insert endpoint: Fastify + better-sqlite3 with the same pragmas, no validation, no audit. */
async function baseline(): Promise<number> {
  const dir = resolve('bench/.data/baseline');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = new SQLite(join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table items (id integer primary key, project_id integer, type text, description text, created_at text)');
  const insert = db.prepare('insert into items (project_id, type, description, created_at) values (?, ?, ?, ?)');
  const app = Fastify();
  app.post('/items', async (req, reply) => {
    const body = req.body as { projectId: number; type: string; description: string };
    const info = insert.run(body.projectId, body.type, body.description, new Date().toISOString());
    return reply.status(201).send({ id: Number(info.lastInsertRowid) });
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const result = await autocannon({
    url: `${url}/items`,
    method: 'POST',
    connections: 10,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ projectId: 1, type: 'repair', description: '卫生间漏水，楼下天花板有水渍' }),
  });
  await app.close();
  db.close();
  return result.requests.average;
}

/** Sequential requests timed at the client; the first round of each variant warms caches and is not counted. */
async function timed(url: string, cookie: string, count: number, vary: (i: number) => string, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await (await fetch(`${url}${vary(i)}`, { headers: { cookie } })).arrayBuffer();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(`${url}${vary(i)}`, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${vary(i)} answered ${res.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** A measure that could not run is reported as such, and the rest of the run goes on. */
async function measureOrReport(measure: string, target: string, limitMs: number, run: () => Promise<number[]>) {
  try {
    const samples = await run();
    record(measure, `${p(samples, 0.95).toFixed(0)} ms p95 (median ${p(samples, 0.5).toFixed(0)})`, target, p(samples, 0.95) <= limitMs);
  } catch (err) {
    record(measure, `not measured: ${(err as Error).message}`, target, false);
  }
}

async function main() {
  console.log(`Guanjia benchmark — ${dialect}, ${units} units, ${tickets} tickets, ${seconds} s per throughput run\n`);
  const { database, dataDir, databaseUrl } = await prepareData();
  const config = loadConfig(
    { GUANJIA_DATA_DIR: dataDir, GUANJIA_LOG_LEVEL: 'silent' },
    { databaseUrl, loginRateLimit: 1000, sweepSeconds: 0 },
  );
  const app = await buildApp({ config, database, clock: systemClock, bus: new EventBus() }, { logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'frontdesk', password: 'demo1234' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const project = (await database.db.selectFrom('projects').select('id').where('code', '=', 'CH').executeTakeFirstOrThrow()).id;
  const unitIds = (await database.db.selectFrom('units').select('id').where('project_id', '=', project).limit(500).execute()).map(
    (u) => u.id,
  );

  console.log('Intake throughput');
  const bare = await baseline();
  let n = 0;
  const intake = await autocannon({
    url: `${url}/api/tickets`,
    method: 'POST',
    connections: 10,
    duration: seconds,
    headers: { 'content-type': 'application/json', cookie },
    setupClient: (client) => {
      client.setBody(
        JSON.stringify({
          projectId: project,
          type: 'repair',
          channel: 'phone',
          description: '卫生间漏水，楼下天花板有水渍',
          unitId: unitIds[n++ % unitIds.length],
        }),
      );
    },
  });
  if (intake.non2xx) throw new Error(`intake answered ${intake.non2xx} non-2xx responses`);
  const ratio = intake.requests.average / bare;
  record(
    'ticket intake over HTTP',
    `${intake.requests.average.toFixed(0)} req/s vs bare ${bare.toFixed(0)} req/s = ${(ratio * 100).toFixed(0)} %`,
    '≥ 50 %',
    ratio >= 0.5,
  );

  console.log('Reads');
  const statuses = ['', '&status=dispatched', '&type=complaint', '&overdue=true', '&status=closed&type=repair'];
  const list = await timed(url, cookie, 300, (i) => `/api/tickets?projectId=${project}&limit=50${statuses[i % statuses.length]}`);
  record('ticket list page p95', `${p(list, 0.95).toFixed(1)} ms (median ${p(list, 0.5).toFixed(1)})`, '≤ 20 ms', p(list, 0.95) <= 20);
  const terms = ['漏水', '电梯', '噪音', '停车', '门锁', '楼道灯', '垃圾', '装修', '卫生间漏水', '跳闸'];
  const search = await timed(
    url,
    cookie,
    200,
    (i) => `/api/tickets?projectId=${project}&limit=50&q=${encodeURIComponent(terms[i % terms.length])}`,
  );
  record(
    'Chinese text search p95',
    `${p(search, 0.95).toFixed(1)} ms (median ${p(search, 0.5).toFixed(1)})`,
    '≤ 100 ms',
    p(search, 0.95) <= 100,
  );
  const month = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 7);
  const director = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'leader', password: 'demo1234' }),
  });
  const leaderCookie = director.headers.get('set-cookie')!.split(';')[0];
  await measureOrReport('monthly complaint statistics (project and company)', '≤ 300 ms', 300, () =>
    timed(url, leaderCookie, 40, (i) =>
      i % 2 ? `/api/reports/complaints/monthly?projectId=${project}&month=${month}` : `/api/reports/complaints/monthly?month=${month}`,
    ),
  );
  await measureOrReport('dashboard (project and company)', '≤ 200 ms', 200, () =>
    timed(url, leaderCookie, 40, (i) => (i % 2 ? `/api/dashboard?projectId=${project}` : '/api/dashboard')),
  );
  await app.close();

  console.log('Deadline sweep');
  // Every one of `sweepSize` open tickets reaches its deadline at once: the worst case of one sweep.
  const now = new Date();
  const due = new Date(now.getTime() - 60_000).toISOString();
  const ids = (
    await database.db.selectFrom('tickets').select('id').where('type', '=', 'repair').orderBy('id', 'desc').limit(sweepSize).execute()
  ).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 5000) {
    await database.db
      .updateTable('tickets')
      .set({
        status: 'dispatched',
        reply_state: 'running',
        reply_due_at: due,
        reply_warn_at: due,
        completion_state: 'running',
        completion_due_at: new Date(now.getTime() + 86_400_000).toISOString(),
        completion_warn_at: new Date(now.getTime() + 3_600_000).toISOString(),
        paused_at: null,
      })
      .where('id', 'in', ids.slice(i, i + 5000))
      .execute();
  }
  await database.db.deleteFrom('ticket_breaches').where('ticket_id', 'in', ids.slice(0, 1)).execute();
  const started = performance.now();
  const swept = await sweepDeadlines(database.db, { now: () => now });
  const sweepMs = performance.now() - started;
  record(
    `deadline sweep of ${ids.length} open tickets (all breaching at once)`,
    `${(sweepMs / 1000).toFixed(2)} s, ${swept.breached} breaches recorded`,
    '≤ 2 s',
    sweepMs <= 2000,
  );
  const idle = performance.now();
  await sweepDeadlines(database.db, { now: () => now });
  record(`deadline sweep with nothing due (${ids.length} open)`, `${(performance.now() - idle).toFixed(0)} ms`, '—', null);
  await database.close();

  console.log('Excel import');
  // On a fresh database of its own: the reused benchmark data set stays as it is.
  try {
    const imported = await measureImport({ units, dialect });
    record(
      `import of ${units} units + customers + links (.xlsx over HTTP, all or nothing)`,
      `${(imported.ms / 1000).toFixed(1)} s (${(imported.bytes / 1024 / 1024).toFixed(1)} MB)`,
      '≤ 60 s',
      imported.ms <= 60_000,
    );
  } catch (err) {
    record('Excel import', `not measured: ${(err as Error).message}`, '≤ 60 s', false);
  }

  console.log(`\n| measure (${dialect}, ${units} units, ${tickets} tickets) | figure | target | met |\n|---|---|---|---|`);
  for (const r of rows) console.log(`| ${r.measure} | ${r.figure} | ${r.target} | ${r.ok === null ? '' : r.ok ? 'yes' : 'NO'} |`);
  if (values.json) writeFileSync(values.json, JSON.stringify(rows));
}

/** --db both: each database in a process of its own (one at a time, so they do not share the 2 cores), one table. */
async function both() {
  const { spawnSync } = await import('node:child_process');
  const results: Record<string, Row[]> = {};
  for (const db of ['sqlite', 'postgres']) {
    const out = resolve(`bench/.data/rows-${db}.json`);
    mkdirSync(resolve('bench/.data'), { recursive: true });
    const args = ['--import', 'tsx', 'bench/run.ts', '--db', db, '--units', String(units), '--tickets', String(tickets)];
    args.push('--seconds', String(seconds), '--sweep', String(sweepSize), '--json', out);
    const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`the ${db} run failed`);
    results[db] = JSON.parse(readFileSync(out, 'utf8')) as Row[];
  }
  const cell = (r: Row | undefined) => (r ? `${r.figure}${r.ok === null ? '' : r.ok ? ' ✓' : ' ✗'}` : '—');
  console.log(`\n| measure (${units} units, ${tickets} tickets) | target | SQLite | PostgreSQL |\n|---|---|---|---|`);
  results.sqlite.forEach((r, i) => console.log(`| ${r.measure} | ${r.target} | ${cell(r)} | ${cell(results.postgres[i])} |`));
}

(values.db === 'both' ? both() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
