import { EventEmitter } from 'node:events';

/**
 * Live events for server-sent events (/api/events): major alerts, notifications, ticket changes.
 * Published after the transaction that caused them has committed. In-process for one server;
 * several servers share events through the database's LISTEN/NOTIFY (see README, scale-out).
 */
export interface LiveEvent {
  type: 'major_alert' | 'notification' | 'ticket_changed' | 'deadline';
  companyId: number;
  projectId: number | null;
  /** When set, only these staff members receive the event. */
  staffIds?: number[];
  data: unknown;
}

export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(event: LiveEvent): void {
    this.emitter.emit('event', event);
  }
  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
