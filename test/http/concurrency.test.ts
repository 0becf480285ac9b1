import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../helpers/db.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/app.ts';

/**
 * Many clients on the same records at once (SPEC §13: concurrent transitions never corrupt a ticket),
 * on SQLite and on PostgreSQL (where the requests really run in parallel transactions).
 */
let t: TestApp;
let ch: number;
let clients: Client[];
let techId: number;

beforeAll(async () => {
  t = await createTestApp();
  // Everyone here may accept, dispatch and work a ticket; each login is its own session.
  const names = ['frontdesk', 'supervisor', 'director', 'frontdesk', 'supervisor', 'director', 'frontdesk', 'supervisor'];
  clients = [];
  for (const n of names) clients.push(await t.login(n));
  ch = (await clients[0].get('/api/projects')).json().items.find((p: { code: string }) => p.code === 'CH').id;
  techId = (await t.db.database.db.selectFrom('staff').select('id').where('username', '=', 'tech').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const next: Record<string, object> = {
  new: { action: 'accept' },
  accepted: { action: 'dispatch', assigneeId: 0 },
  dispatched: { action: 'start' },
  in_progress: { action: 'resolve', resolution: '已处理' },
};

describe(`concurrency (${testDialect})`, () => {
  it('eight clients racing through the workflow of the same tickets lose no update and keep every timeline in order', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++)
      ids.push(
        (
          await clients[0].post('/api/tickets', { projectId: ch, type: 'repair', channel: 'phone', description: `并发测试 ${i} 水管漏水` })
        ).json().id,
      );
    const wins = new Map<number, number>();
    const race = async (c: Client, withVersion: boolean) => {
      for (let round = 0; round < 12; round++) {
        for (const id of ids) {
          const current = (await c.get(`/api/tickets/${id}`)).json();
          const step = next[current.status];
          if (!step) continue;
          const body = {
            ...step,
            ...('assigneeId' in step ? { assigneeId: techId } : {}),
            ...(withVersion ? { expectedVersion: current.version } : {}),
          };
          const res = await c.post(`/api/tickets/${id}/transitions`, body);
          if (res.statusCode === 200) wins.set(id, (wins.get(id) ?? 0) + 1);
          else expect(res.statusCode, res.body).toBe(409);
        }
      }
    };
    await Promise.all(clients.map((c, i) => race(c, i % 2 === 0)));
    for (const id of ids) {
      const ticket = (await clients[0].get(`/api/tickets/${id}`)).json();
      // Every acknowledged action is there: one version per win (a late dispatch is a reassignment), and
      // the ticket went all the way.
      expect(ticket.status).toBe('awaiting_visit');
      expect(wins.get(id)).toBeGreaterThanOrEqual(4);
      expect(ticket.version).toBe(1 + wins.get(id)!);
      const events = ticket.events as { seq: number; at: string; from: string | null; to: string | null }[];
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      // The timeline is a chain: each status change starts where the previous one ended, in time order.
      const changes = events.filter((e) => e.to !== null);
      for (let i = 1; i < changes.length; i++) expect(changes[i].from).toBe(changes[i - 1].to);
      for (let i = 1; i < events.length; i++) expect(events[i].at >= events[i - 1].at).toBe(true);
    }
  });

  it('numbers stay unique and gap-free under 80 simultaneous intakes', async () => {
    const results = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        clients[i % clients.length].post('/api/tickets', {
          projectId: ch,
          type: i % 2 ? 'complaint' : 'inquiry',
          channel: 'phone',
          description: `同时受理 ${i} 楼道噪音`,
        }),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const numbers = results.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(80);
    for (const prefix of ['TS', 'ZX']) {
      const seqs = numbers
        .filter((n) => n.startsWith(prefix))
        .map((n) => Number(n.slice(-4)))
        .sort((a, b) => a - b);
      // Consecutive within this burst: nothing skipped, nothing twice.
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    }
  });

  it('a duty log line converted by five desks at once becomes exactly one ticket', async () => {
    const line = await clients[0].post('/api/duty/log', { projectId: ch, kind: 'call', description: '并发转单测试:车库灯不亮' });
    expect(line.statusCode).toBe(201);
    const id = line.json().id;
    const before = await t.db.database.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const results = await Promise.all(clients.slice(0, 5).map((c) => c.post(`/api/duty/log/${id}/convert`, { type: 'repair' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    const after = await t.db.database.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
  });
});
