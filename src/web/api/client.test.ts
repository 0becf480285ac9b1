import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, apiUrl, type ApiAnswer } from './client.ts';

/** What the client sent, and a canned answer. */
function serve(status: number, body?: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  });
  return calls;
}
afterEach(() => vi.unstubAllGlobals());

describe('the typed client', () => {
  it('fills the path, drops empty query values and sends the body as JSON', async () => {
    const calls = serve(200, { id: 7 });
    await api.post('/api/tickets/:id/transitions', { params: { id: 7 }, body: { action: 'accept', expectedVersion: 3 } });
    await api.get('/api/tickets', { query: { projectId: 2, q: '漏水', status: undefined, cursor: null, overdue: 'true' } });
    await api.put('/api/calendar/days/:date', { params: { date: '2026-10-01' }, body: { kind: 'holiday', name: '国庆节' } });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'POST /api/tickets/7/transitions',
      `GET /api/tickets?projectId=2&q=${encodeURIComponent('漏水')}&overdue=true`,
      'PUT /api/calendar/days/2026-10-01',
    ]);
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ action: 'accept', expectedVersion: 3 });
    expect(calls[1].init.body).toBeUndefined();
  });

  it('encodes path values, and refuses to call a path with a parameter missing', async () => {
    serve(200, {});
    expect(apiUrl('/api/registers/:register', { params: { register: 'repair' }, query: { projectId: 1, format: 'xlsx' } })).toBe(
      '/api/registers/repair?projectId=1&format=xlsx',
    );
    expect(() => api.get('/api/units/:id', { params: { id: undefined as unknown as number } })).toThrow('path parameter id is missing');
  });

  it('answers null for a 204 and turns the error shape into an ApiError with its fields', async () => {
    serve(204);
    await expect(api.post('/api/notifications/read-all')).resolves.toBeNull();
    serve(400, {
      error: { code: 'VALIDATION_FAILED', message: 'Invalid body', fields: [{ path: 'reason', message: 'must not be empty' }] },
    });
    const err = await api.post('/api/tickets/:id/reveal', { params: { id: 1 }, body: { reason: '' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: [{ path: 'reason', message: 'must not be empty' }] });
  });

  it('sends an upload as multipart with its query', async () => {
    const calls = serve(200, { dryRun: true });
    await api.upload('/api/archive/import', { query: { projectId: 3, dryRun: 'true' }, file: new Blob(['x']), name: 'a.xlsx' });
    expect(calls[0].url).toBe('/api/archive/import?projectId=3&dryRun=true');
    expect((calls[0].init.body as FormData).get('file')).toBeInstanceOf(Blob);
  });
});

// ---------- types: checked by `tsc` (npm run lint); each expect-error must stay an error ----------
async function typeChecks() {
  const ticket = await api.get('/api/tickets/:id', { params: { id: 1 } });
  const version: number = ticket.version;
  const first: ApiAnswer<'GET', '/api/tickets'>['items'][number]['status'] = ticket.status;
  // @ts-expect-error an answer field the schema does not have
  void ticket.notAField;
  // @ts-expect-error a path the table does not have
  void api.get('/api/tickets/:id/nothing', { params: { id: 1 } });
  // @ts-expect-error a GET path sent as POST
  void api.post('/api/ticket-categories');
  // @ts-expect-error the path parameter is required
  void api.get('/api/tickets/:id');
  // @ts-expect-error a query field the operation does not take
  void api.get('/api/tickets', { query: { nope: 1 } });
  // @ts-expect-error a body that does not match the schema
  void api.post('/api/tickets/:id/transitions', { params: { id: 1 }, body: { action: 'fly' } });
  // @ts-expect-error only file operations take uploads
  void api.upload('/api/tickets', { file: new Blob([]) });
  return { version, first };
}
void typeChecks;
