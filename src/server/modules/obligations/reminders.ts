/**
 * The sweeper's reminders of obligations: a person who still owes part of a quota is told the
 * policy's number of days before its due date, and when a due date passes unfulfilled the owner and
 * the supervisors are told. Each reminder is sent once (obligation_reminders), whichever server sweeps.
 */
import type { Db } from '../../db/database.ts';
import { addDays, daysBetween } from '../../../shared/periods.ts';
import type { Clock } from '../../platform/clock.ts';
import type { EventBus, LiveEvent } from '../../platform/events.ts';
import { evaluateObligations, obligationContext, staffOwners, type ObligationDefinition } from '../../platform/obligations.ts';
import { createNotifications, publishAll } from '../notifications/notifications.service.ts';

/** How long after a due date a missed obligation is still announced (a server that was down catches up). */
const MISSED_GRACE_DAYS = 7;

export async function remindObligations(db: Db, clock: Clock, bus: EventBus | undefined, definitions: readonly ObligationDefinition[]) {
  const now = clock.now();
  const nowIso = now.toISOString();
  const projects = await db.selectFrom('projects').select(['id', 'company_id']).orderBy('id').execute();
  let sent = 0;
  for (const project of projects) {
    const c = await obligationContext(db, project.company_id, project.id, now);
    // Periods running now, and those that ended within the grace days (to announce a miss).
    const rows = await evaluateObligations(c, definitions, { from: addDays(c.today, -MISSED_GRACE_DAYS), to: c.today });
    for (const r of rows) {
      if (!r.owed) continue;
      const left = daysBetween(c.today, r.dueOn);
      const kind =
        r.state === 'due' && left <= c.policy.obligations.remindDaysBefore
          ? 'due_soon'
          : r.state === 'missed' && -left <= MISSED_GRACE_DAYS
            ? 'missed'
            : null;
      if (!kind) continue;
      const def = definitions.find((d) => d.code === r.code)!;
      const live: LiveEvent[] = [];
      await db.transaction().execute(async (trx) => {
        const claimed = await trx
          .insertInto('obligation_reminders')
          .values({
            project_id: project.id,
            code: r.code,
            owner_key: `${r.owner.kind}:${r.owner.id}`,
            period_key: r.period.key,
            kind,
            sent_at: nowIso,
          })
          .onConflict((oc) => oc.columns(['project_id', 'code', 'owner_key', 'period_key', 'kind']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!claimed) return;
        const owners =
          r.owner.kind === 'staff' ? [r.owner.id] : (await staffOwners(trx, project.id, def.remind ?? ['director'])).map((o) => o.id);
        const supervisors = kind === 'missed' ? (await staffOwners(trx, project.id, ['supervisor'])).map((o) => o.id) : [];
        const shortfall = `${r.done}/${r.required}`;
        live.push(
          ...(await createNotifications(trx, nowIso, {
            companyId: project.company_id,
            projectId: project.id,
            staffIds: [...owners, ...supervisors],
            kind: kind === 'due_soon' ? 'obligation_due' : 'obligation_missed',
            title:
              kind === 'due_soon'
                ? `${r.label['zh-CN']}：已完成 ${shortfall}，${r.dueOn} 到期`
                : `${r.label['zh-CN']}未按期完成（${r.owner.name}，${shortfall}，${r.dueOn} 到期）`,
            body: null,
          })),
        );
        sent++;
      });
      publishAll(bus, live);
    }
  }
  return { sent };
}
