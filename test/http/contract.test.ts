import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdRoutesToTable } from '../../src/server/platform/routeTable.ts';
import { defineOperations } from '../../src/shared/api/contract.ts';
import { apiRoutes, type Operation } from '../../src/shared/api/index.ts';
import { idParam, noContent } from '../../src/shared/schemas.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * The route table of src/shared/api is the API: the server serves exactly its operations with its
 * schemas (the web client's types come from the same table), and the OpenAPI document gives every
 * operation the readable name and summary a generated client needs.
 */
type OpenApiOperation = { operationId?: string; summary?: string };
type OpenApiDoc = { paths: Record<string, Record<string, OpenApiOperation>> };

let t: TestApp;
let doc: OpenApiDoc;
const table = apiRoutes as unknown as Record<string, Operation>;
/** `METHOD /api/x/{id}` of the document as the table writes it: `METHOD /api/x/:id`. */
const documented = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op })),
  );

beforeAll(async () => {
  t = await createTestApp({ demoUnits: 10 });
  doc = (await t.anonymous.get('/openapi.json')).json() as OpenApiDoc;
});
afterAll(() => t.close());

describe('the route table and the server', () => {
  it('documents exactly the operations of the table, each with the table’s name and summary', () => {
    const ops = documented();
    expect(ops.length).toBeGreaterThan(100);
    expect(
      ops.map((o) => o.key).filter((k) => !table[k]),
      'served and documented, but not in src/shared/api',
    ).toEqual([]);
    expect(
      Object.keys(table).filter((k) => !ops.some((o) => o.key === k)),
      'in src/shared/api, but not served',
    ).toEqual([]);
    for (const { key, op } of ops)
      expect({ key, ...op }).toMatchObject({ key, operationId: table[key].operationId, summary: table[key].summary });
  });

  it('serves every operation of the table', () => {
    const missing = Object.keys(table).filter((key) => {
      const [method, url] = key.split(' ');
      return !t.app.hasRoute({ method: method as 'GET', url });
    });
    expect(missing).toEqual([]);
  });

  it('refuses to boot with a route outside the table, a route with a copy of its entry, or an entry no route serves', async () => {
    const things = defineOperations({
      'GET /api/things/:id': { operationId: 'getThing', summary: 'A thing', tags: ['things'], params: idParam },
      'DELETE /api/things/:id': { operationId: 'deleteThing', summary: 'Deletes a thing', tags: ['things'], response: { 204: noContent } },
    });
    const boot = async (register: (api: ReturnType<typeof Fastify>) => void) => {
      const app = Fastify();
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      const guard = holdRoutesToTable(app, things);
      try {
        await app.register(async (api) => register(api), { prefix: '/api' });
        guard.assertAllRegistered();
      } finally {
        await app.close();
      }
    };
    const get = things['GET /api/things/:id'];
    const del = things['DELETE /api/things/:id'];

    await expect(
      boot((api) => {
        api.get('/things/:id', { schema: get }, async () => null);
        api.delete('/things/:id', { schema: del }, async () => null);
      }),
    ).resolves.toBeUndefined();
    await expect(
      boot((api) => {
        api.get('/things/:id', { schema: { ...get } }, async () => null);
        api.delete('/things/:id', { schema: del }, async () => null);
      }),
    ).rejects.toThrow('GET /api/things/:id must be registered with its own entry of the route table');
    await expect(
      boot((api) => {
        api.get('/things/:id', { schema: get }, async () => null);
        api.delete('/things/:id', { schema: del }, async () => null);
        api.post('/things', { schema: get }, async () => null);
      }),
    ).rejects.toThrow('POST /api/things is not in the route table');
    await expect(
      boot((api) => {
        api.get('/things/:id', { schema: get }, async () => null);
      }),
    ).rejects.toThrow('Declared in src/shared/api/ but served by no route: DELETE /api/things/:id');
  });
});

describe('OpenAPI operation names', () => {
  it('gives every operation an operationId and a summary, and no two operations the same operationId', () => {
    const ops = documented();
    expect(
      ops.filter((o) => !o.op.operationId?.trim()).map((o) => o.key),
      'operations without an operationId',
    ).toEqual([]);
    expect(
      ops.filter((o) => !o.op.summary?.trim()).map((o) => o.key),
      'operations without a summary',
    ).toEqual([]);
    const byId = new Map<string, string[]>();
    for (const o of ops) byId.set(o.op.operationId!, [...(byId.get(o.op.operationId!) ?? []), o.key]);
    expect(
      [...byId].filter(([, keys]) => keys.length > 1),
      'operationIds shared by several operations',
    ).toEqual([]);
    // Names a generated client can use as they are: a verb first, camelCase (listTickets, getTicket …).
    expect(ops.map((o) => o.op.operationId).filter((id) => !/^[a-z]+([A-Z][a-z]*)*$/.test(id!))).toEqual([]);
  });
});
