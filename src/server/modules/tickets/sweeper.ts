/**
 * The deadline sweeper: marks clocks that reached their warning (80 %) or their deadline, records
 * each breach (SPEC §3: every breach is an event; its lateness is filled in when the clock stops),
 * and notifies the people responsible. Set-based so that 100,000 open tickets sweep in seconds.
 *
 * Several app servers may run it: a lease row in the database lets one sweep at a time.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Executor } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { EventBus, LiveEvent } from '../../platform/events.ts';
import { ticketRecord, writeEvents } from '../../platform/timeline.ts';
import { publishAll } from '../notifications/notifications.service.ts';

/** A name for one server's claim on a lease. */
export const newLeaseHolder = () => `${process.pid}-${randomUUID().slice(0, 8)}`;

/** Takes or renews the named lease for `holder`; false when another server holds it. */
export async function acquireLease(db: Db, name: string, clock: Clock, ttlMs: number, holder: string): Promise<boolean> {
  const now = clock.now();
  const expires = new Date(now.getTime() + ttlMs).toISOString();
  const nowIso = now.toISOString();
  const row = await db
    .insertInto('leases')
    .values({ name, holder, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: expires })
        .where((eb) => eb.or([eb('leases.holder', '=', holder), eb('leases.expires_at', '<', nowIso)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

export interface SweepResult {
  warned: number;
  breached: number;
}

const chunk = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** One pass over every company's open clocks at `clock.now()`. */
export async function sweepDeadlines(db: Db, clock: Clock, bus?: EventBus): Promise<SweepResult> {
  const now = clock.now().toISOString();
  const live: LiveEvent[] = [];
  const result: SweepResult = { warned: 0, breached: 0 };
  await db.transaction().execute(async (trx) => {
    for (const name of ['reply', 'completion'] as const) {
      const state = `${name}_state` as const;
      const due = `${name}_due_at` as const;
      const warn = `${name}_warn_at` as const;
      const breached = await trx
        .updateTable('tickets')
        .set((eb) => ({ [state]: 'breached', last_event_seq: eb('last_event_seq', '+', 1) }))
        .where(state, 'in', ['running', 'warned'])
        .where(due, '<=', now)
        .where('paused_at', 'is', null)
        .returning(['id', 'company_id', 'project_id', 'number', 'last_event_seq', due, 'assignee_id', 'received_by'])
        .execute();
      const warned = await trx
        .updateTable('tickets')
        .set((eb) => ({ [state]: 'warned', last_event_seq: eb('last_event_seq', '+', 1) }))
        .where(state, '=', 'running')
        .where(warn, '<=', now)
        .where('paused_at', 'is', null)
        .returning(['id', 'company_id', 'project_id', 'number', 'last_event_seq', due, 'assignee_id', 'received_by'])
        .execute();
      result.breached += breached.length;
      result.warned += warned.length;
      await record(trx, name, 'deadline_breached', breached, now, live);
      await record(trx, name, 'deadline_warning', warned, now, live);
      for (const part of chunk(breached, 1000)) {
        await trx
          .insertInto('ticket_breaches')
          .values(
            part.map((t) => ({
              ticket_id: t.id,
              project_id: t.project_id,
              clock: name,
              due_at: (t as Record<string, unknown>)[due] as string,
              detected_at: now,
              lateness_minutes: null,
              responsible_id: t.assignee_id ?? t.received_by,
            })),
          )
          .onConflict((oc) => oc.columns(['ticket_id', 'clock']).doNothing())
          .execute();
      }
    }
  });
  publishAll(bus, live);
  return result;
}

type Swept = {
  id: number;
  company_id: number;
  project_id: number;
  number: string;
  last_event_seq: number;
  assignee_id: number | null;
  received_by: number | null;
} & Record<string, unknown>;

async function record(trx: Executor, clockName: string, action: string, rows: Swept[], now: string, live: LiveEvent[]) {
  await writeEvents(
    trx,
    ticketRecord,
    rows.map((t) => ({
      entityId: t.id,
      seq: t.last_event_seq,
      event: { action, payload: { clock: clockName, dueAt: t[`${clockName}_due_at`] } },
    })),
    { at: now, actor: { kind: 'system', id: null } },
  );
  // One notification per person: the ticket itself when it is one, a count when there are several
  // (nobody reads five hundred "overdue" messages).
  const byStaff = new Map<number, Swept[]>();
  for (const t of rows) {
    const staffId = t.assignee_id ?? t.received_by;
    if (!staffId) continue;
    const list = byStaff.get(staffId);
    if (list) list.push(t);
    else byStaff.set(staffId, [t]);
  }
  const late = action === 'deadline_breached';
  const clockLabel = clockName === 'reply' ? '答复时限' : '完成时限';
  const notes = [...byStaff].map(([staffId, tickets]) => {
    const first = tickets[0];
    const title =
      tickets.length === 1
        ? `工单 ${first.number} ${late ? '已超时' : '即将超时'}`
        : `${tickets.length} 张工单${late ? '已超时' : '即将超时'}`;
    return {
      company_id: first.company_id,
      project_id: tickets.every((t) => t.project_id === first.project_id) ? first.project_id : null,
      staff_id: staffId,
      kind: action,
      title,
      body:
        tickets.length === 1
          ? clockLabel
          : `${clockLabel}：${tickets
              .slice(0, 5)
              .map((t) => t.number)
              .join('、')}${tickets.length > 5 ? ' …' : ''}`,
      ticket_id: tickets.length === 1 ? first.id : null,
      created_at: now,
      read_at: null,
    };
  });
  for (const part of chunk(notes, 1000)) await trx.insertInto('notifications').values(part).execute();
  for (const n of notes) {
    live.push({
      type: 'notification',
      companyId: n.company_id,
      projectId: n.project_id,
      staffIds: [n.staff_id],
      data: { kind: n.kind, title: n.title, ticketId: n.ticket_id },
    });
  }
}

/** Runs the sweep every `intervalMs` while this server holds the lease. Returns a stop function. */
export function startSweeper(
  db: Db,
  clock: Clock,
  bus: EventBus,
  intervalMs: number,
  log: { error(obj: unknown, msg: string): void },
  options: {
    /** Who this server is (tests). */
    holder?: string;
    /** What happens after each tick (tests). */
    onSweep?: () => void;
    /** Other periodic work done by whichever server holds the lease (the obligations' reminders), each at most every `everyMs`. */
    jobs?: { name: string; everyMs: number; run: () => Promise<unknown> }[];
  } = {},
): () => void {
  const holder = options.holder ?? newLeaseHolder();
  const lastRun = new Map<string, number>();
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (await acquireLease(db, 'deadline-sweeper', clock, intervalMs * 3, holder)) {
        await sweepDeadlines(db, clock, bus);
        for (const job of options.jobs ?? []) {
          const at = performance.now();
          if (at - (lastRun.get(job.name) ?? -Infinity) < job.everyMs) continue;
          lastRun.set(job.name, at);
          await job.run().catch((err: unknown) => log.error({ err }, `${job.name} failed`));
        }
        options.onSweep?.();
      }
    } catch (err) {
      log.error({ err }, 'deadline sweep failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
