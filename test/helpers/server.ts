import { resolve } from 'node:path';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { generateDemo } from '../../src/server/demo/generate.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { createTestDatabase } from './db.ts';
import { EventBus } from '../../src/server/platform/events.ts';

/**
 * The real app listening on 127.0.0.1 (a free port) on a fresh database, serving the built web app
 * from dist/web. With demoUnits, the deterministic demo company is loaded first.
 */
export async function startTestServer(options: { demoUnits?: number } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const db = await createTestDatabase();
  if (options.demoUnits) await generateDemo(db.database, systemClock, { units: options.demoUnits });
  const config = loadConfig(
    { GUANJIA_DATA_DIR: db.dataDir, GUANJIA_LOG_LEVEL: 'silent' },
    { webDir: resolve('dist/web'), databaseUrl: db.databaseUrl, port: 0, loginRateLimit: 1000 },
  );
  const app = await buildApp({ config, database: db.database, clock: systemClock, bus: new EventBus() }, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
