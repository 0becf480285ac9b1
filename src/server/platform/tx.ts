/**
 * Caller-owned transactions. A service that writes takes an optional `Tx`: given one, it writes in
 * it and leaves commit and the live events to the caller; without one, it opens its own, commits and
 * then publishes. So one module's write can run inside another's (a duty log line converts to a
 * ticket by calling intake in the line's transaction) without callbacks, and live events are never
 * announced for something that is then rolled back.
 */
import type { Trx } from '../db/database.ts';
import type { ServiceContext } from './context.ts';
import type { LiveEvent } from './events.ts';

export interface Tx {
  trx: Trx;
  /** Live events to publish once the transaction has committed. */
  live: LiveEvent[];
}

/** Runs `work` in the caller's transaction, or in a new one that commits and then publishes its live events. */
export async function inTransaction<T>(
  ctx: Pick<ServiceContext, 'db' | 'bus'>,
  tx: Tx | undefined,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (tx) return work(tx);
  const live: LiveEvent[] = [];
  const result = await ctx.db.transaction().execute((trx) => work({ trx, live }));
  if (ctx.bus) for (const event of live) ctx.bus.publish(event);
  return result;
}
