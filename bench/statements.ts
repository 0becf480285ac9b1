/**
 * npm run bench:statements — how many SQL statements one ticket intake runs (steady state: caches
 * warm), by kind of ticket. Counted with a Kysely plugin on the service's database handle, so every
 * statement of the service (reads, writes, re-reads) is seen; BEGIN and COMMIT are not counted.
 *
 *   npm run bench:statements               # SQLite
 *   npm run bench:statements -- --db postgres
 */
import { parseArgs } from 'node:util';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { createTestDatabase } from '../test/helpers/db.ts';
import { contextFor } from '../test/helpers/factories.ts';
import { generateDemo } from '../src/server/demo/generate.ts';
import { FixedClock } from '../src/server/platform/clock.ts';
import { createTicket } from '../src/server/modules/tickets/intake.service.ts';
import type { TicketCreate } from '../src/shared/tickets.ts';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'sqlite' }, runs: { type: 'string', default: '20' } } });

class StatementCounter implements KyselyPlugin {
  counts = new Map<string, number>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind.replace(/QueryNode$/, '').toLowerCase();
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
  take() {
    const out = Object.fromEntries(this.counts);
    this.counts.clear();
    return out;
  }
}

const test = await createTestDatabase(values.db === 'postgres' ? 'postgres' : 'sqlite');
try {
  const clock = new FixedClock(new Date('2026-11-20T02:00:00.000Z'));
  await generateDemo(test.database, clock, { units: 120 });
  const db = test.database.db;
  const desk = await db.selectFrom('staff').select('id').where('username', '=', 'frontdesk').executeTakeFirstOrThrow();
  const project = await db.selectFrom('projects').select('id').where('code', '=', 'CH').executeTakeFirstOrThrow();
  const occupancy = await db
    .selectFrom('occupancies')
    .select(['unit_id', 'customer_id'])
    .where('project_id', '=', project.id)
    .where('move_out_date', 'is', null)
    .orderBy('id')
    .limit(40)
    .execute();
  const counter = new StatementCounter();
  const base = await contextFor(test.database, clock, desk.id);
  const ctx = { ...base, db: db.withPlugin(counter) };
  const runs = Number(values.runs);
  const cases: [string, (i: number) => TicketCreate][] = [
    [
      'repair with unit, customer, category',
      (i) => ({
        projectId: project.id,
        type: 'repair',
        channel: 'phone',
        description: `卫生间水龙头漏水 ${i}`,
        unitId: occupancy[i % occupancy.length].unit_id,
        customerId: occupancy[i % occupancy.length].customer_id,
        categoryId: 'water_supply',
      }),
    ],
    [
      'complaint with unit and customer',
      (i) => ({
        projectId: project.id,
        type: 'complaint',
        channel: 'phone',
        description: `楼上装修噪音太大，晚上也在施工 ${i}`,
        unitId: occupancy[(i + 7) % occupancy.length].unit_id,
        customerId: occupancy[(i + 7) % occupancy.length].customer_id,
      }),
    ],
    [
      'inquiry answered at intake',
      (i) => ({
        projectId: project.id,
        type: 'inquiry',
        channel: 'walk_in',
        description: `物业费怎么交 ${i}`,
        resolveNow: '前台缴纳或线上缴纳',
      }),
    ],
  ];
  console.log(`statements per intake (${test.database.dialect.name}, mean of ${runs}, after one warm-up)`);
  for (const [name, make] of cases) {
    await createTicket(ctx, make(999));
    counter.take();
    const totals = new Map<string, number>();
    for (let i = 0; i < runs; i++) {
      await createTicket(ctx, make(i));
      for (const [k, n] of Object.entries(counter.take())) totals.set(k, (totals.get(k) ?? 0) + n);
    }
    const all = [...totals.values()].reduce((a, b) => a + b, 0) / runs;
    const parts = [...totals].map(([k, n]) => `${k} ${(n / runs).toFixed(1)}`).join(', ');
    console.log(`  ${name}: ${all.toFixed(1)} (${parts})`);
  }
} finally {
  await test.close();
}
