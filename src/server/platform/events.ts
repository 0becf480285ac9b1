import { EventEmitter } from 'node:events';

/**
 * Live events for server-sent events (/api/events): major alerts, notifications, ticket changes.
 * Published after the transaction that caused them has committed. In-process for one server; with a
 * transport attached (PostgreSQL LISTEN/NOTIFY, see pgEvents.ts) every server receives every event,
 * its own included, so a user connected to any server sees it.
 */
export interface LiveEvent {
  type: 'major_alert' | 'notification' | 'ticket_changed' | 'deadline';
  companyId: number;
  projectId: number | null;
  /** When set, only these staff members receive the event. */
  staffIds?: number[];
  data: unknown;
}

/** Carries events between servers; delivers them back through `EventBus.deliver`. */
export interface EventTransport {
  /** Sends to every server (this one included); rejects when it cannot, and the bus then delivers locally. */
  send(event: LiveEvent): Promise<void>;
  close(): Promise<void>;
}

export class EventBus {
  private readonly emitter = new EventEmitter();
  private transport: EventTransport | null = null;
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  attach(transport: EventTransport): void {
    this.transport = transport;
  }
  async detach(): Promise<void> {
    const t = this.transport;
    this.transport = null;
    await t?.close();
  }
  publish(event: LiveEvent): void {
    if (!this.transport) return this.deliver(event);
    // A lost connection must not lose the event for this server's own users.
    this.transport.send(event).catch(() => this.deliver(event));
  }
  /** Hands an event to this server's subscribers (SSE connections). */
  deliver(event: LiveEvent): void {
    this.emitter.emit('event', event);
  }
  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
