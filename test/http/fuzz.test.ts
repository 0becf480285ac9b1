import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../helpers/db.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/app.ts';

/**
 * API fuzzing from the OpenAPI document (SPEC §12, §13): for every operation, property-based
 * requests with malformed and boundary path parameters, query strings and bodies, sent as every kind
 * of caller. The server must never answer 5xx, never leak a stack trace, and every error must have
 * the documented shape. GUANJIA_FUZZ_RUNS sets the requests per operation (default 24).
 */
const RUNS = Number(process.env.GUANJIA_FUZZ_RUNS ?? 24);
/** Endpoints left out: they end the caller's session or stream forever. */
const skipped = new Set(['POST /api/auth/logout', 'POST /api/portal/logout', 'POST /api/auth/password', 'GET /api/events']);

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
};
interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; schema?: Schema }[];
  body?: Schema;
}

let t: TestApp;
let operations: Operation[];
const callers = new Map<string, Client>();
/** Error lines of the server log: shown with a failing request. */
const errors: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ logTo: { write: (line: string) => void (line.includes('"level":50') && errors.push(line)) } });
  const doc = (await t.anonymous.get('/openapi.json')).json() as {
    paths: Record<
      string,
      Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
    >;
  };
  operations = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const m = method.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(m) || skipped.has(`${m} ${path}`)) continue;
      operations.push({ method: m, path, params: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema });
    }
  }
  for (const who of ['director', 'frontdesk', 'tech', 'frontdesk2', 'admin', 'leader']) callers.set(who, await t.login(who));
  callers.set('resident', await t.loginResident('14012340001'));
  callers.set('anonymous', t.anonymous);
});
afterAll(() => t.close());

/** Hostile text: injection attempts, control characters, long and odd Unicode. */
const nasty = fc.constantFrom(
  "' OR 1=1 --",
  "'; drop table tickets; --",
  '" or ""="',
  '1; select pg_sleep(5)',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '漏水'.repeat(300),
  '𠮷野家🏠',
  '   ',
  '',
  'null',
  'NaN',
  '-1',
  '1e309',
  '2026-02-30',
  '9999-99-99T99:99:99Z',
);
const number = fc.oneof(fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, 1.5, -0), fc.integer());
const scalar = fc.oneof(nasty, number, fc.boolean(), fc.constant(null), fc.string());

/** A value for a schema: usually shaped like it, often not (wrong type, out of range, hostile text). */
function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 3) return scalar;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valueFor(s, depth + 1)), scalar);
  if (schema.enum?.length) return fc.oneof(fc.constantFrom(...schema.enum), scalar);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      if (!props.length) return fc.oneof(fc.dictionary(fc.string(), scalar, { maxKeys: 3 }), scalar);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of props) record[k] = valueFor(s, depth + 1);
      return fc.oneof({ weight: 4, arbitrary: fc.record(record, { requiredKeys: [] }) }, { weight: 1, arbitrary: scalar });
    }
    case 'array':
      return fc.oneof(fc.array(valueFor(schema.items, depth + 1), { maxLength: 4 }), scalar);
    case 'integer':
    case 'number':
      return fc.oneof(
        number,
        fc.constantFrom(schema.minimum ?? 0, (schema.minimum ?? 0) - 1, schema.maximum ?? 1e9, (schema.maximum ?? 1e9) + 1),
        nasty,
      );
    case 'boolean':
      return fc.oneof(fc.boolean(), scalar);
    case 'string':
      return fc.oneof(nasty, fc.string({ maxLength: (schema.maxLength ?? 20) + 5 }), number);
    default:
      return scalar;
  }
}

const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

function requestFor(op: Operation) {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  return fc
    .record({
      caller: fc.constantFrom(...callers.keys()),
      path: fc.tuple(
        ...pathParams.map(() =>
          fc.oneof(fc.constantFrom('1', '2', '0', '-1', '2147483648', 'abc', '%20', '1.5'), fc.nat().map(String), nasty),
        ),
      ),
      query: fc.tuple(...queryParams.map((p) => fc.option(valueFor(p.schema), { nil: undefined }))),
      extra: fc.option(fc.tuple(fc.constantFrom('limit', 'cursor', 'projectId', 'x'), nasty), { nil: undefined }),
      body: op.body ? valueFor(op.body) : fc.option(scalar, { nil: undefined }),
      raw: fc.option(fc.constantFrom('{"unclosed":', 'not json', '[]', 'null', '{"a":'.repeat(50)), { freq: 8, nil: undefined }),
    })
    .map((r) => {
      let url = op.path;
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodeURIComponent(text(r.path[i])))));
      const qs = new URLSearchParams();
      queryParams.forEach((p, i) => {
        if (r.query[i] !== undefined) qs.append(p.name, text(r.query[i]));
      });
      if (r.extra) qs.append(r.extra[0], text(r.extra[1]));
      const q = qs.toString();
      return { caller: r.caller, url: q ? `${url}?${q}` : url, body: r.body, raw: r.raw };
    });
}

describe(`API fuzzing from the OpenAPI document (${testDialect})`, () => {
  it('answers every malformed or hostile request of every caller without a 5xx, in the error shape', async () => {
    let sent = 0;
    const statuses = new Map<number, number>();
    expect(operations.length).toBeGreaterThan(100);
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(op), async (req) => {
          const headers: Record<string, string> = {};
          const cookie = callers.get(req.caller)!.cookie;
          if (cookie) headers.cookie = cookie;
          let payload: string | undefined;
          if (op.method !== 'GET' && op.method !== 'DELETE') {
            headers['content-type'] = 'application/json';
            payload = req.raw ?? JSON.stringify(req.body ?? {});
          }
          const res = await t.app.inject({ method: op.method as 'GET', url: req.url, headers, payload });
          sent++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const where = `${op.method} ${req.url.slice(0, 120)} as ${req.caller}: ${res.statusCode} ${res.body.slice(0, 200)}`;
          expect(res.statusCode, `${where} ${res.statusCode >= 500 ? errors.slice(-1)[0]?.slice(0, 900) : ''}`).toBeLessThan(500);
          expect(res.body, where).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
          if (res.statusCode >= 400) {
            const body = res.json() as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
            expect(typeof body.error?.code, where).toBe('string');
            expect(typeof body.error?.message, where).toBe('string');
            if (body.error?.fields !== undefined) expect(Array.isArray(body.error.fields), where).toBe(true);
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    }
    console.log(
      `[fuzz] ${testDialect}: ${sent} requests to ${operations.length} operations as ${callers.size} kinds of caller, 0 answered 5xx; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
  }, 600_000);
});
