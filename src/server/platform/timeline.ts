/**
 * The one writer of timelines. Every record with a workflow keeps an ordered list of events —
 * who did what, when, from which status to which, with what payload: tickets in `ticket_events`,
 * the records of other modules in `record_events`. Sequence numbers are reserved on the record's
 * own row (`last_event_seq`), either by the guarded UPDATE of a change (guarded.ts) or by
 * `appendEvents` for events that do not change the record's version (the sweeper's breaches, an
 * escalation, a photo).
 */
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { DB } from '../db/types.ts';

/** Tables of records that carry a guarded workflow: a version, a status and their timeline's last sequence number. */
export type GuardedTable = {
  [K in keyof DB]: DB[K] extends { version: number; status: string; last_event_seq: number; updated_at: string } ? K : never;
}[keyof DB];

/** A kind of record with a timeline. */
export interface RecordKind {
  table: GuardedTable;
  /** Its name in the audit log and in record_events (ticket, decoration_permit, key_loan …). */
  entity: string;
  events: 'ticket_events' | 'record_events';
}

export const ticketRecord: RecordKind = { table: 'tickets', entity: 'ticket', events: 'ticket_events' };

export interface TimelineEvent {
  action: string;
  from?: string | null;
  to?: string | null;
  payload?: unknown;
  /** Defaults to the caller; 'system' for what the software did by itself. */
  actorKind?: string;
  actorId?: number | null;
  /** When it happened, if not when it was recorded (a back-filled dispatch keeps its real time). */
  at?: string;
}

export interface EventDefaults {
  at: string;
  actor: { kind: string; id: number | null };
}

/** An event as the API shows it. */
export interface TimelineView {
  seq: number;
  at: string;
  actorKind: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  payload: unknown;
}

/** Writes events whose sequence numbers are already reserved, for one record or many (the sweeper). */
export async function writeEvents(
  exec: Executor,
  kind: RecordKind,
  rows: { entityId: number; seq: number; event: TimelineEvent }[],
  defaults: EventDefaults,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500).map(({ entityId, seq, event: e }) => ({
      seq,
      at: e.at ?? defaults.at,
      actor_kind: e.actorKind ?? defaults.actor.kind,
      actor_id: e.actorId !== undefined ? e.actorId : defaults.actor.id,
      action: e.action,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      payload_json: e.payload === undefined ? null : JSON.stringify(e.payload),
      entityId,
    }));
    if (kind.events === 'ticket_events') {
      await exec
        .insertInto('ticket_events')
        .values(part.map(({ entityId, ...r }) => ({ ...r, ticket_id: entityId })))
        .execute();
    } else {
      await exec
        .insertInto('record_events')
        .values(part.map(({ entityId, ...r }) => ({ ...r, entity: kind.entity, entity_id: entityId })))
        .execute();
    }
  }
}

/**
 * Appends events to a record without changing its version: reserves their sequence numbers on the
 * record's row, then writes them. Returns the last sequence number.
 */
export async function appendEvents(
  exec: Executor,
  kind: RecordKind,
  entityId: number,
  events: TimelineEvent[],
  defaults: EventDefaults,
): Promise<number> {
  // The table is one of the guarded tables; Kysely cannot follow a union of table names here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const row = (await (exec as any)
    .updateTable(kind.table)
    .set((eb: any) => ({ last_event_seq: eb('last_event_seq', '+', events.length) })) // eslint-disable-line @typescript-eslint/no-explicit-any
    .where('id', '=', entityId)
    .returning('last_event_seq')
    .executeTakeFirstOrThrow()) as { last_event_seq: number };
  const first = row.last_event_seq - events.length + 1;
  await writeEvents(
    exec,
    kind,
    events.map((event, i) => ({ entityId, seq: first + i, event })),
    defaults,
  );
  return row.last_event_seq;
}

/** A record's timeline in order, with the names of the staff who acted. */
export async function readTimeline(exec: Executor, kind: RecordKind, entityId: number): Promise<TimelineView[]> {
  // Both timeline tables have the same columns but for the record key; the builder is typed as record_events.
  const base = exec
    .selectFrom(`${kind.events} as e` as 'record_events as e')
    .leftJoin('staff', (join) => join.onRef('staff.id', '=', 'e.actor_id').on('e.actor_kind', '=', 'staff'))
    .select([
      'e.seq',
      'e.at',
      'e.actor_kind',
      'e.actor_id',
      'staff.name as actor_name',
      'e.action',
      'e.from_status',
      'e.to_status',
      'e.payload_json',
    ]);
  const rows = await (
    kind.events === 'ticket_events'
      ? base.where(sql.ref('e.ticket_id'), '=', entityId)
      : base.where('e.entity', '=', kind.entity).where('e.entity_id', '=', entityId)
  )
    .orderBy('e.seq')
    .execute();
  return rows.map((e) => ({
    seq: e.seq,
    at: e.at,
    actorKind: e.actor_kind,
    actorId: e.actor_id,
    actorName: e.actor_name,
    action: e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    payload: e.payload_json ? JSON.parse(e.payload_json) : null,
  }));
}
