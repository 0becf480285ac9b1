import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/server/demo/generate.ts';
import { generateTicketHistory } from '../../src/server/demo/tickets.ts';
import { generateEngagement } from '../../src/server/demo/engagement.ts';
import { forumSchedule } from '../../src/server/modules/engagement/forums.service.ts';
import { surveyResults } from '../../src/server/modules/engagement/surveys.service.ts';
import { visitQuotas } from '../../src/server/modules/engagement/visits.service.ts';
import { contextFor } from '../helpers/factories.ts';
import { FixedClock } from '../../src/server/platform/clock.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const clock = new FixedClock(new Date('2026-11-20T02:00:00.000Z'));
let a: TestDatabase;
let b: TestDatabase;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await a.close();
  await b.close();
});

describe('demo company generator', () => {
  it('is deterministic, sized as asked, and has every role', async () => {
    const ra = await generateDemo(a.database, clock, { units: 600 });
    const rb = await generateDemo(b.database, clock, { units: 600 });
    expect(ra).toEqual(rb);
    expect(ra.units).toBeGreaterThanOrEqual(600);
    expect(ra.units).toBeLessThan(700);
    expect(ra.projects.map((p) => p.name)).toEqual(['翠湖花园', '云栖山庄', '国贸中心写字楼']);
    const sample = async (t: TestDatabase) =>
      t.database.db.selectFrom('customers').select(['name', 'phone', 'id_number']).orderBy('id').limit(50).execute();
    expect(await sample(a)).toEqual(await sample(b));
    const roles = await a.database.db
      .selectFrom('roles')
      .innerJoin('staff_roles', 'staff_roles.role_id', 'roles.id')
      .select('roles.code')
      .distinct()
      .execute();
    expect(roles.map((r) => r.code).sort()).toEqual([
      'admin',
      'butler',
      'control',
      'director',
      'finance',
      'frontdesk',
      'hr',
      'leader',
      'security',
      'supervisor',
      'tech',
    ]);
    // Generated numbers stay in blocks not issued to personal phones, and ID numbers have valid check digits.
    const people = await a.database.db.selectFrom('customers').select(['phone', 'id_number']).where('kind', '=', 'person').execute();
    expect(people.every((p) => /^14[014]\d{8}$/.test(p.phone!))).toBe(true);
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    for (const { id_number } of people.slice(0, 100)) {
      const sum = [...id_number!.slice(0, 17)].reduce((s, d, i) => s + Number(d) * weights[i], 0);
      expect(id_number![17]).toBe('10X98765432'[sum % 11]);
    }
  });

  it('refuses to run on a database that already has projects', async () => {
    await expect(generateDemo(a.database, clock, { units: 100 })).rejects.toThrow(/empty data directory/);
  });

  it('writes a year of ticket history whose rows agree with their timelines', async () => {
    const { tickets, events } = await generateTicketHistory(a.database, clock, { count: 1500 });
    expect(tickets).toBeGreaterThanOrEqual(1490);
    expect(events).toBeGreaterThan(tickets * 3);
    const db = a.database.db;
    const byStatus = Object.fromEntries(
      (
        await db
          .selectFrom('tickets')
          .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('status')
          .execute()
      ).map((r) => [r.status, Number(r.n)]),
    );
    // Mostly finished work, a little open, nothing reopened and left behind.
    expect(byStatus.closed / tickets).toBeGreaterThan(0.85);
    expect(byStatus.reopened ?? 0).toBe(0);
    // Every ticket's last status event leads to its status, and the event sequence has no gaps.
    const rows = await db.selectFrom('tickets').select(['id', 'status', 'last_event_seq']).execute();
    const ev = await db.selectFrom('ticket_events').select(['ticket_id', 'seq', 'to_status']).orderBy('ticket_id').orderBy('seq').execute();
    const byTicket = new Map<number, { seq: number; to_status: string | null }[]>();
    for (const e of ev) byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), e]);
    for (const t of rows) {
      const list = byTicket.get(t.id)!;
      expect(list.map((e) => e.seq)).toEqual(list.map((_, i) => i + 1));
      expect(t.last_event_seq).toBe(list.length);
      expect(list.filter((e) => e.to_status).at(-1)!.to_status).toBe(t.status);
    }
    // Numbers stay unique per project, and new intake continues today's sequence.
    const dupes = await db
      .selectFrom('tickets')
      .select(['project_id', 'number'])
      .groupBy(['project_id', 'number'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(dupes).toEqual([]);
  });

  it('gives the butlers partial visit quotas, a past forum and an answered survey', async () => {
    const result = await generateEngagement(a.database, clock);
    expect(result.visits).toBeGreaterThan(10);
    const director = await a.database.db.selectFrom('staff').select('id').where('username', '=', 'director').executeTakeFirstOrThrow();
    const ctx = await contextFor(a.database, clock, director.id);
    const ch = ctx.actor.kind === 'staff' ? ctx.actor.projectIds[0] : 0;
    const quotas = await visitQuotas(ctx, { projectId: ch, month: '2026-11' });
    const butlers = quotas.items.filter((q) => q.rule === 'butler_monthly');
    expect(butlers.length).toBeGreaterThan(1);
    for (const b of butlers) {
      expect(b.required).toBe(15);
      expect(b.done).toBeGreaterThan(0);
      expect(b.done).toBeLessThan(15);
    }
    expect((await forumSchedule(ctx, ch)).lastHeldOn).toBe('2026-07-20');
    const survey = await a.database.db.selectFrom('surveys').select('id').executeTakeFirstOrThrow();
    const results = await surveyResults(ctx, survey.id);
    expect(results.responses).toBe(result.responses);
    expect(results.satisfactionRate).toBeGreaterThan(0.5);
  });
});
