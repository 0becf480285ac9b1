import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../../src/server/db/database.ts';

/**
 * The database tier under test: SQLite by default, PostgreSQL when GUANJIA_TEST_PG is set
 * (by `npm run test:pg`). Each call makes a fresh, migrated database (up to `migrateUntil` when given)
 * and drops it on close.
 */
export const testDialect: 'sqlite' | 'postgres' = process.env.GUANJIA_TEST_PG ? 'postgres' : 'sqlite';
const adminUrl = process.env.GUANJIA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  database: Database;
  dataDir: string;
  databaseUrl?: string;
  close(): Promise<void>;
}

/** Whether PostgreSQL answers at the test server address (for tests that need it on every tier). */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function createTestDatabase(
  dialect: 'sqlite' | 'postgres' = testDialect,
  options: { migrateUntil?: string } = {},
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guanjia-test-'));
  if (dialect === 'sqlite') {
    const database = openDatabase({ dataDir });
    await migrate(database, { until: options.migrateUntil });
    return {
      database,
      dataDir,
      async close() {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `guanjia_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const database = openDatabase({ dataDir, databaseUrl, poolSize: 5 });
  await migrate(database, { until: options.migrateUntil });
  return {
    database,
    dataDir,
    databaseUrl,
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
