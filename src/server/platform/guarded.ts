/**
 * A guarded change of a record with a workflow (a ticket, a decoration permit, a key loan, a contact
 * slip, a bill …): one UPDATE conditioned on the version and status the caller read, so a stale or
 * concurrent change fails with 409 and writes nothing; the change's timeline events through the one
 * writer; its follow-up writes and the audit entry in the same transaction; live events after commit.
 */
import type { Trx } from '../db/database.ts';
import { writeAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { AppError } from './errors.ts';
import type { LiveEvent } from './events.ts';
import { writeEvents, type RecordKind, type TimelineEvent } from './timeline.ts';
import { inTransaction, type Tx } from './tx.ts';

/** The record as the caller read it. */
export interface GuardedRecord {
  id: number;
  version: number;
  status: string;
  project_id: number | null;
}

export interface GuardedChange {
  /** Columns to change besides version, last_event_seq and updated_at. */
  set: Record<string, unknown>;
  events: TimelineEvent[];
  /** Follow-up writes in the same transaction; they may return live events (notifications). */
  after?: (trx: Trx) => Promise<LiveEvent[] | void>;
  audit: { action: string; before?: unknown; after?: unknown; reason?: string | null };
  /** Live events to publish once committed. */
  live?: LiveEvent[];
}

export async function applyGuardedChange(
  ctx: ServiceContext,
  kind: RecordKind,
  current: GuardedRecord,
  change: GuardedChange,
  tx?: Tx,
): Promise<void> {
  const nowIso = ctx.clock.now().toISOString();
  await inTransaction(ctx, tx, async ({ trx, live }) => {
    // Sequence numbers are reserved relative to the stored value: events appended without a version
    // change (the sweeper, photos) may have moved it since the record was read.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const updated = (await (trx as any)
      .updateTable(kind.table)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .set((eb: any) => ({
        ...change.set,
        version: current.version + 1,
        last_event_seq: eb('last_event_seq', '+', change.events.length),
        updated_at: nowIso,
      }))
      .where('id', '=', current.id)
      .where('version', '=', current.version)
      .where('status', '=', current.status)
      .returning('last_event_seq')
      .executeTakeFirst()) as { last_event_seq: number } | undefined;
    if (!updated) throw new AppError('STALE', 'Someone else changed this record just now; reload and try again');
    const first = updated.last_event_seq - change.events.length + 1;
    await writeEvents(
      trx,
      kind,
      change.events.map((event, i) => ({ entityId: current.id, seq: first + i, event })),
      { at: nowIso, actor: { kind: ctx.actor.kind, id: ctx.actor.id } },
    );
    const followUps = change.after ? await change.after(trx) : undefined;
    if (followUps) live.push(...followUps);
    await writeAudit(trx, ctx, {
      action: change.audit.action,
      entity: kind.entity,
      entityId: current.id,
      projectId: current.project_id,
      before: change.audit.before ?? { status: current.status },
      after: change.audit.after,
      reason: change.audit.reason ?? null,
    });
    if (change.live) live.push(...change.live);
  });
}
