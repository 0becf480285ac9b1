import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/app.ts';

/**
 * Security checks beyond authentication (SPEC §13): no personal data in the logs, and SQL injection
 * attempts in text fields stored as text, harmlessly. Session fixation, CSRF, the login rate limit and
 * secure headers are tested in auth.test.ts; scope and roles in permissions.test.ts; every endpoint
 * with hostile input in fuzz.test.ts.
 */
let t: TestApp;
let director: Client;
let ch: number;
const log: string[] = [];

const injections = [
  "'; drop table tickets; --",
  "' OR '1'='1",
  '1); delete from customers where (1=1',
  "漏水' union select password_hash from staff --",
  '"; select pg_sleep(2); --',
];

beforeAll(async () => {
  t = await createTestApp({ logTo: { write: (line: string) => void log.push(line) } });
  director = await t.login('director');
  ch = (await director.get('/api/projects')).json().items.find((p: { code: string }) => p.code === 'CH').id;
});
afterAll(() => t.close());

describe('security', () => {
  it('keeps passwords, phone and ID numbers and session tokens out of the logs', async () => {
    const phone = '14055550123';
    const idNumber = '110101199003077777';
    const wrong = await t.anonymous.post('/api/auth/login', { username: 'director', password: 'Sekret-Wrong-123' });
    expect(wrong.statusCode).toBe(401);
    const session = director.cookie!.split('=')[1];
    const created = await director.post('/api/customers', { projectId: ch, name: '日志测试', phone, idType: 'id_card', idNumber });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await director.post(`/api/customers/${id}/reveal`, { reason: '回电' })).json().phone).toBe(phone);
    await director.get(`/api/customers?projectId=${ch}&q=${phone}`);
    await director.post('/api/tickets', {
      projectId: ch,
      type: 'repair',
      channel: 'phone',
      description: '日志测试报修',
      contactPhone: phone,
    });
    await director.post('/api/duty/log', { projectId: ch, kind: 'call', description: '日志测试来电', callerPhone: phone });
    // A rejected body with the number in it is not logged either.
    expect((await director.post('/api/customers', { projectId: ch, name: '', phone })).statusCode).toBe(400);
    const text = log.join('\n');
    expect(log.length).toBeGreaterThan(10); // requests were logged at debug level
    for (const secret of [phone, idNumber, 'Sekret-Wrong-123', 'demo1234', session]) expect(text).not.toContain(secret);
  });

  it('stores SQL injection attempts as plain text and finds nothing with them', async () => {
    const before = await t.db.database.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const attempt of injections) {
      const customer = await director.post('/api/customers', { projectId: ch, name: attempt.slice(0, 100), notes: attempt });
      expect(customer.statusCode, customer.body).toBe(201);
      expect((await director.get(`/api/customers/${customer.json().id}`)).json()).toMatchObject({
        name: attempt.slice(0, 100),
        notes: attempt,
      });
      const ticket = await director.post('/api/tickets', {
        projectId: ch,
        type: 'inquiry',
        channel: 'phone',
        description: `咨询 ${attempt}`,
        contactName: attempt.slice(0, 50),
      });
      expect(ticket.statusCode, ticket.body).toBe(201);
      expect((await director.get(`/api/tickets/${ticket.json().id}`)).json()).toMatchObject({ description: `咨询 ${attempt}` });
      const line = await director.post('/api/duty/log', {
        projectId: ch,
        kind: 'call',
        description: attempt,
        callerName: attempt.slice(0, 50),
      });
      expect(line.json().description).toBe(attempt);
      // As a search term it is only text: it finds the ticket that holds it and nothing else.
      const found = (await director.get(`/api/tickets?projectId=${ch}&q=${encodeURIComponent(attempt)}`)).json().items as { id: number }[];
      expect(found.map((x) => x.id)).toContain(ticket.json().id);
      expect(found.length).toBeLessThanOrEqual(injections.length);
      const units = await director.get(`/api/units?projectId=${ch}&q=${encodeURIComponent(attempt)}`);
      expect(units.statusCode).toBe(200);
      expect(units.json().items).toEqual([]);
    }
    const after = await t.db.database.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(injections.length);
    expect(
      Number(
        (
          await t.db.database.db
            .selectFrom('staff')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(50);
  });
});
