import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearPolicyCache } from '../../src/server/modules/policies/policies.service.ts';
import { testDialect } from '../helpers/db.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let admin: Client;
let director: Client;
let desk: Client;
let resident: Client;
let ch: number;

beforeAll(async () => {
  t = await createTestApp();
  [admin, director, desk] = await Promise.all(['admin', 'director', 'frontdesk'].map((u) => t.login(u)));
  resident = await t.loginResident('14012340001');
  ch = (await t.db.database.db.selectFrom('projects').select('id').where('code', '=', 'CH').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const history = async (projectId: number | null) =>
  (await director.get(`/api/policies/history${projectId ? `?projectId=${projectId}` : ''}`)).json().items as unknown[];

/** A PUT /api/policies with a hand-written JSON body (nesting no client library would build). */
const putRaw = (c: Client, body: string) =>
  t.app.inject({ method: 'PUT', url: '/api/policies', headers: { cookie: c.cookie!, 'content-type': 'application/json' }, payload: body });

describe(`the policies page's layout (${testDialect})`, () => {
  it('lists each module’s section with its fields, labels, units and the schema’s bounds', async () => {
    const res = await desk.get('/api/policies/schema');
    expect(res.statusCode, res.body).toBe(200);
    const { sections, units } = res.json() as {
      sections: { id: string; fields: { path: string[]; kind: string; label: Record<string, string>; [k: string]: unknown }[] }[];
      units: Record<string, Record<string, string>>;
    };
    // The service desk's sections first, then every module's own (a new module adds its section at the end).
    expect(sections.slice(0, 4).map((s) => s.id)).toEqual(['tickets', 'duty', 'engagement', 'archive']);
    expect(sections.map((s) => s.id)).toContain('obligations');
    const reply = sections[0].fields.find((f) => f.path.join('.') === 'deadlines.reply')!;
    expect(reply).toMatchObject({ kind: 'duration', exclusiveMinimum: 0, maximum: 365 });
    expect(reply.label).toEqual({
      'zh-CN': '报修或合理投诉答复',
      'zh-TW': '報修或合理投訴答覆',
      en: 'Reply to a repair request or reasonable complaint',
    });
    const early = sections[1].fields.find((f) => f.path.join('.') === 'duty.checkInEarlyMinutes')!;
    expect(early).toMatchObject({ kind: 'number', unit: 'minutes', integer: true, minimum: 0, maximum: 120 });
    expect(units.minutes['zh-CN']).toBe('分钟');
    expect((await resident.get('/api/policies/schema')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/policies/schema')).statusCode).toBe(401);
  });
});

describe(`overrides validated where they are set (${testDialect})`, () => {
  it('refuses a key the policy does not have, at any depth, naming its path, and stores nothing', async () => {
    const before = await history(ch);
    for (const [override, path] of [
      [{ deadlines: { replyy: { amount: 3, unit: 'days' } } }, 'override.deadlines.replyy'],
      [{ deadlines: { reply: { amount: 3, unti: 'days' } } }, 'override.deadlines.reply.unti'],
      [
        { duty: { shifts: [{ ...(await director.get(`/api/policies?projectId=${ch}`)).json().effective.duty.shifts[0], colour: 'red' }] } },
        'override.duty.shifts.0.colour',
      ],
      [{ warningTreshold: 0.7 }, 'override.warningTreshold'],
    ] as const) {
      const res = await director.put('/api/policies', { projectId: ch, override, note: '拼写错误' });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields).toEqual([{ path, message: 'is not a setting of the policy' }]);
    }
    expect(await history(ch)).toEqual(before);
  });

  it('answers 400, not 500, to an override nested 10,000 deep or as deep as the body limit allows', async () => {
    const depth = 10_000;
    const deepUnknown = `{"projectId":${ch},"override":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    let res = await putRaw(director, deepUnknown);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'override.a', message: 'is not a setting of the policy' }]);

    const deepKnown = `{"projectId":${ch},"override":{"deadlines":{"reply":{"amount":${'{"x":'.repeat(depth)}1${'}'.repeat(depth)}}}}}`;
    res = await putRaw(director, deepKnown);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'override.deadlines.reply.amount', message: 'is nested deeper than the policy allows: expected a single value' },
    ]);

    const deepArrays = `{"projectId":${ch},"override":{"major":{"phrases":${'['.repeat(depth)}${']'.repeat(depth)}}}}`;
    res = await putRaw(director, deepArrays);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(res.json().error.fields[0].path).toBe('override.major.phrases.0');

    // The company scope (an administrator) goes through the same check.
    const deepest = 180_000; // 10 bytes a level: 1.8 MB, under the 2 MB body limit
    res = await putRaw(admin, `{"override":{"deadlines":${'{"reply":'.repeat(deepest)}1${'}'.repeat(deepest)}}}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(res.json().error.fields[0].path).toBe('override.deadlines.reply.reply');
    expect(await history(null)).toEqual([]);
  });

  it('merges a partial override key by key: a project changes one deadline, the company’s others still apply', async () => {
    let res = await admin.put('/api/policies', { override: { deadlines: { repair: { amount: 4 } } }, note: '全公司维修时限 4 天' });
    expect(res.statusCode, res.body).toBe(200);
    res = await director.put('/api/policies', {
      projectId: ch,
      override: { deadlines: { reply: { amount: 3 } } },
      note: '本项目答复 3 天',
    });
    expect(res.statusCode, res.body).toBe(200);
    const state = res.json();
    expect(state.effective.deadlines.reply).toEqual({ amount: 3, unit: 'days' });
    expect(state.effective.deadlines.repair).toEqual({ amount: 4, unit: 'days' });
    expect(state.projectOverride).toEqual({ deadlines: { reply: { amount: 3 } } });
    // A value out of the schema's bounds names the field.
    res = await director.put('/api/policies', { projectId: ch, override: { deadlines: { reply: { amount: 400 } } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['override.deadlines.reply.amount']);
    await admin.put('/api/policies', { override: {}, note: '恢复' });
    await director.put('/api/policies', { projectId: ch, override: {}, note: '恢复' });
  });

  it('still applies overrides stored before unknown keys were refused (the unknown parts are ignored)', async () => {
    const db = t.db.database.db;
    const { company_id } = await db.selectFrom('projects').select('company_id').where('id', '=', ch).executeTakeFirstOrThrow();
    await db
      .insertInto('policy_overrides')
      .values({
        company_id,
        project_id: ch,
        value_json: JSON.stringify({
          deadlines: { reply: { amount: 5, unit: 'days' }, replyy: 9 },
          a: { a: { a: 1 } },
          calendar: 'working',
        }),
        created_at: '2026-01-01T00:00:00.000Z',
        created_by: null,
        note: '旧数据',
      })
      .execute();
    clearPolicyCache(db);
    const state = (await director.get(`/api/policies?projectId=${ch}`)).json();
    expect(state.effective.deadlines.reply).toEqual({ amount: 5, unit: 'days' });
    expect(state.effective.calendar).toBe('working');
    expect(state.effective).not.toHaveProperty('a');
    expect(state.effective.deadlines).not.toHaveProperty('replyy');
    await director.put('/api/policies', { projectId: ch, override: {}, note: '恢复' });
  });
});
