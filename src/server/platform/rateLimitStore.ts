/**
 * A @fastify/rate-limit store in the database, so the login limit holds across several app servers
 * (PostgreSQL). One upsert per attempt counts within a fixed window per key; old rows are pruned now
 * and then. On SQLite one server serves everything and the plugin's in-memory store is used.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

interface Incremented {
  current: number;
  ttl: number;
}

export function databaseRateLimitStore(db: Db) {
  let lastPrune = 0;
  class DatabaseStore {
    incr(key: string, cb: (err: Error | null, res?: Incremented) => void, timeWindow: number): void {
      const now = Date.now();
      sql<{ count: number; window_start_ms: string | number }>`
        insert into rate_limits (key, window_start_ms, count) values (${key}, ${now}, 1)
        on conflict (key) do update set
          count = case when rate_limits.window_start_ms + ${timeWindow} <= ${now} then 1 else rate_limits.count + 1 end,
          window_start_ms = case when rate_limits.window_start_ms + ${timeWindow} <= ${now} then ${now} else rate_limits.window_start_ms end
        returning count, window_start_ms`
        .execute(db)
        .then((res) => {
          const row = res.rows[0];
          cb(null, { current: Number(row.count), ttl: Math.max(0, Number(row.window_start_ms) + timeWindow - now) });
          if (now - lastPrune > 10 * 60_000) {
            lastPrune = now;
            void db
              .deleteFrom('rate_limits')
              .where('window_start_ms', '<', now - 24 * 3_600_000)
              .execute()
              .catch(() => {});
          }
        })
        .catch((err: Error) => cb(err));
    }
    child(): DatabaseStore {
      return new DatabaseStore();
    }
  }
  return DatabaseStore;
}
