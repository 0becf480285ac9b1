// Runs the unit/service/HTTP suite against PostgreSQL. Each test file creates its own database
// and drops it afterwards. Without a reachable server the tier is skipped locally (saying why)
// and fails in CI, where nothing may skip.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.GUANJIA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.query('select 1');
  await client.end();
} catch (err) {
  const message = `PostgreSQL tier: cannot reach ${url} (${err.message}).`;
  if (process.env.CI === 'true') {
    console.error(`${message} In CI this is a failure.`);
    process.exit(1);
  }
  console.log(`${message} Skipped locally; start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`);
  process.exit(0);
}

const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, GUANJIA_TEST_PG: '1', GUANJIA_TEST_PG_URL: url },
});
process.exit(result.status ?? 1);
