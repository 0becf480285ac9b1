import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { createAdmin, ensureCompany } from './bootstrap.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { migrate, openDatabase, type Database } from './db/database.ts';
import { backupDatabase, restoreDatabase } from './db/backup.ts';
import { DEMO_PASSWORD, demoAccounts, demoResidents, generateDemo } from './demo/generate.ts';
import { generateTicketHistory } from './demo/tickets.ts';
import { generateEngagement } from './demo/engagement.ts';
import { systemClock } from './platform/clock.ts';
import { EventBus } from './platform/events.ts';
import { startPgEventTransport } from './platform/pgEvents.ts';
import { startSweeper } from './modules/tickets/sweeper.ts';
import { remindObligations } from './modules/obligations/reminders.ts';

const usage = `guanjia — 管家 customer service center

Usage: guanjia <command> [options]

Commands:
  serve                       start the server (migrates first; creates the company and admin on an empty database)
  demo [--units N] [--tickets N] [--seed S]
                              start with the demo company (built on first run in the data directory, default ./data-demo)
  migrate                     apply database migrations and exit
  create-admin [--username U] [--password P]   create or reset a system administrator
  backup [--out FILE]         online, consistent copy of the database (SQLite backup API; PostgreSQL: pg_dump)
  restore --from FILE --yes   replace the database with a backup (server stopped), then migrate

Settings come from environment variables; see README.md (PORT, GUANJIA_DATA_DIR, DATABASE_URL, …).`;

async function open(config: Config): Promise<Database> {
  const database = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  await migrate(database);
  return database;
}

async function serve(config: Config, database: Database, banner?: () => void) {
  const bus = new EventBus();
  const app = await buildApp({ config, database, clock: systemClock, bus });
  // On PostgreSQL several servers may run side by side: live events travel through LISTEN/NOTIFY.
  if (config.databaseUrl) bus.attach(await startPgEventTransport(config.databaseUrl, bus, app.log));
  const stopSweeper =
    config.sweepSeconds > 0
      ? startSweeper(database.db, systemClock, bus, config.sweepSeconds * 1000, app.log, {
          jobs: [
            {
              name: 'obligation reminders',
              everyMs: 3600_000,
              run: () => remindObligations(database.db, systemClock, bus, app.registry.obligations),
            },
          ],
        })
      : () => {};
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopSweeper();
    await bus.detach();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  console.log(`\n  管家 Guanjia is running: ${address.replace('0.0.0.0', '127.0.0.1')}  (API docs: ${address}/docs)`);
  console.log(`  database: ${config.databaseUrl ? 'PostgreSQL' : join(config.dataDir, 'guanjia.sqlite')}\n`);
  banner?.();
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      units: { type: 'string' },
      tickets: { type: 'string' },
      seed: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      yes: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (!command || command === 'help' || command === '--help' || values.help) {
    console.log(usage);
    return;
  }
  const demoEnv = command === 'demo' && !process.env.GUANJIA_DATA_DIR ? { ...process.env, GUANJIA_DATA_DIR: './data-demo' } : process.env;
  const config = loadConfig(demoEnv);

  switch (command) {
    case 'serve': {
      const database = await open(config);
      const first = await ensureCompany(database.db, systemClock, { adminPassword: process.env.GUANJIA_ADMIN_PASSWORD || undefined });
      await serve(config, database, () => {
        if (first.adminPassword) {
          console.log('  ┌──────────────────────────────────────────────────────────────');
          console.log(`  │ First start: log in as  admin  with the one-time password  ${first.adminPassword}`);
          console.log('  │ It is shown only this once; you will be asked to change it.');
          console.log('  └──────────────────────────────────────────────────────────────\n');
        } else if (first.created) {
          console.log('  First start: log in as  admin  with the password from GUANJIA_ADMIN_PASSWORD.\n');
        }
      });
      return;
    }
    case 'demo': {
      const database = await open(config);
      const projects = await database.db.selectFrom('projects').select('id').limit(1).execute();
      if (projects.length === 0) {
        const units = values.units ? Number(values.units) : 3000;
        if (!Number.isInteger(units) || units < 60 || units > 1_000_000)
          throw new ConfigError('--units must be a whole number between 60 and 1000000');
        const started = Date.now();
        console.log(`Building the demo company with about ${units} units …`);
        const tickets = values.tickets ? Number(values.tickets) : units * 4;
        if (!Number.isInteger(tickets) || tickets < 0 || tickets > 5_000_000)
          throw new ConfigError('--tickets must be a whole number between 0 and 5000000');
        const result = await generateDemo(database, systemClock, { units, seed: values.seed ? Number(values.seed) : undefined });
        const history = tickets > 0 ? await generateTicketHistory(database, systemClock, { count: tickets }) : { tickets: 0, events: 0 };
        await generateEngagement(database, systemClock);
        console.log(
          `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.units} units, ${result.customers} customers, ${result.staff} staff in ` +
            result.projects.map((p) => `${p.name} (${p.units})`).join(', ') +
            `; ${history.tickets} tickets over the past year`,
        );
      }
      await serve(config, database, () => {
        console.log(`  Demo accounts (password ${DEMO_PASSWORD}):`);
        console.log('    admin        系统管理员 (all projects)');
        for (const a of demoAccounts)
          console.log(
            `    ${a.username.padEnd(12)} ${a.position}${a.projects === 'all' ? ' (all projects)' : ` (${a.projects.join(', ')})`}`,
          );
        console.log(
          '  Residents (portal, password demo1234): ' + demoResidents.map((r) => `${r.phone} (${r.projectCode})`).join(', ') + '\n',
        );
      });
      return;
    }
    case 'migrate': {
      const database = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      const applied = await migrate(database);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      await database.close();
      return;
    }
    case 'create-admin': {
      const database = await open(config);
      const username = (values.username ?? 'admin').toLowerCase();
      if (!/^[a-z0-9_.-]{1,32}$/.test(username)) throw new ConfigError('--username: lower-case letters, digits, _ . - only');
      if (values.password !== undefined && values.password.length < 8) throw new ConfigError('--password: at least 8 characters');
      const { password, created } = await createAdmin(database.db, systemClock, username, values.password);
      console.log(
        `${created ? 'Created' : 'Reset'} administrator ${username}${values.password ? '.' : ` with the one-time password ${password}`}`,
      );
      await database.close();
      return;
    }
    case 'backup': {
      const started = Date.now();
      const out = await backupDatabase(config, values.out);
      console.log(`Backup written to ${out} in ${Date.now() - started} ms`);
      return;
    }
    case 'restore': {
      if (!values.from) throw new ConfigError('restore needs --from FILE (a file written by guanjia backup)');
      if (!values.yes)
        throw new ConfigError('restore replaces the whole database with the backup: stop the server, then run it again with --yes');
      const { kept } = await restoreDatabase(config, values.from);
      console.log(`Restored ${resolve(values.from)}${kept ? `; the previous database is kept as ${kept}` : ''}`);
      return;
    }
    default:
      throw new ConfigError(`Unknown command "${command}".\n\n${usage}`);
  }
}

const isEntry = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isEntry) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    if (err instanceof ConfigError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error((err as Error).message);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  });
}
