/**
 * Live events across app servers through PostgreSQL LISTEN/NOTIFY: each server keeps one dedicated
 * connection listening on the channel and sends with pg_notify, so an event raised on one server
 * reaches the SSE connections of all of them. The connection is reopened when it drops; meanwhile
 * events are delivered to this server's own users only.
 */
import pg from 'pg';
import type { EventBus, EventTransport, LiveEvent } from './events.ts';

export const EVENTS_CHANNEL = 'guanjia_events';
/** NOTIFY payloads are limited to 8000 bytes. */
const MAX_PAYLOAD = 7900;

interface Log {
  warn(obj: object, msg?: string): void;
}

export async function startPgEventTransport(connectionString: string, bus: EventBus, log: Log): Promise<EventTransport> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (msg) => {
      if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
      try {
        bus.deliver(JSON.parse(msg.payload) as LiveEvent);
      } catch {
        log.warn({ channel: msg.channel }, 'unreadable live event ignored');
      }
    });
    const lost = (err?: Error) => {
      if (client !== c) return;
      client = null;
      if (closed) return;
      log.warn({ err: err?.message }, 'live events connection lost; reconnecting');
      retry = setTimeout(() => void connect().catch(lost), 1000);
    };
    c.on('error', lost);
    c.on('end', () => lost());
    await c.connect();
    await c.query(`listen ${EVENTS_CHANNEL}`);
    client = c;
  };
  await connect();

  return {
    async send(event) {
      const payload = JSON.stringify(event);
      if (!client || Buffer.byteLength(payload) > MAX_PAYLOAD) throw new Error('not sent');
      await client.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, payload]);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
