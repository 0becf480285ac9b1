import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookie, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 5 });
});
afterAll(() => t.close());

describe('staff login', () => {
  it('sets an HttpOnly SameSite=Strict session cookie and /me describes the caller', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'frontdesk', password: 'demo1234' } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gj_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionCookie(res) } });
    expect(me.json()).toMatchObject({ kind: 'staff', username: 'frontdesk', roles: ['frontdesk'], allProjects: false });
    expect(me.json().projects.map((p: { code: string }) => p.code)).toEqual(['CH']);
  });

  it('rejects a wrong password with 401 and the error shape, without saying which part was wrong', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'frontdesk', password: 'nope' },
      remoteAddress: '10.0.0.2',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'Wrong username or password' } });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'nope' },
      remoteAddress: '10.0.0.2',
    });
    expect(unknown.json().error.message).toBe('Wrong username or password');
  });

  it('limits login attempts per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'frontdesk', password: 'wrong' },
        remoteAddress: '10.0.0.9',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[6]).toBe(429);
    const limited = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'frontdesk', password: 'demo1234' },
      remoteAddress: '10.0.0.9',
    });
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // A colleague at the same office address is not locked out.
    const colleague = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'butler', password: 'demo1234' },
      remoteAddress: '10.0.0.9',
    });
    expect(colleague.statusCode).toBe(200);
  });

  it('issues a new session at login and ends the one presented (no session fixation)', async () => {
    const first = await t.login('supervisor');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first.cookie! },
      payload: { username: 'supervisor', password: 'demo1234' },
    });
    const second = sessionCookie(again);
    expect(second).not.toBe(first.cookie);
    expect((await first.get('/api/auth/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: second } })).statusCode).toBe(200);
  });

  it('logout ends the session in the database', async () => {
    const c = await t.login('butler');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('expires idle sessions by the injected clock', async () => {
    const c = await t.login('tech');
    t.clock.advance(13 * 3600_000);
    try {
      expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      t.clock.advance(-13 * 3600_000);
    }
  });

  it('changes the password: the old one stops working', async () => {
    const c = await t.login('finance');
    const wrong = await c.post('/api/auth/password', { currentPassword: 'bad', newPassword: 'another-secret' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('currentPassword');
    expect((await c.post('/api/auth/password', { currentPassword: 'demo1234', newPassword: 'another-secret' })).statusCode).toBe(204);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'finance', password: 'demo1234' } });
    expect(old.statusCode).toBe(401);
    expect((await t.login('finance', 'another-secret')).cookie).toBeTruthy();
  });
});

describe('resident login', () => {
  it('logs in by phone and sees only their own household', async () => {
    const r = await t.loginResident('14012340001');
    const me = await r.get('/api/auth/me');
    expect(me.json()).toMatchObject({ kind: 'resident', phone: '14012340001' });
    const homes = await r.get('/api/portal/households');
    expect(homes.statusCode).toBe(200);
    expect(homes.json().items.length).toBeGreaterThan(0);
    expect(homes.json().items.every((h: { projectId: number }) => h.projectId === me.json().projects[0].id)).toBe(true);
  });

  it('is kept out of every staff endpoint', async () => {
    const r = await t.loginResident('14012340002');
    for (const url of ['/api/projects', '/api/units', '/api/customers', '/api/staff', '/api/audit', '/api/roles']) {
      expect((await r.get(url)).statusCode, url).toBe(403);
    }
  });
});

describe('web security', () => {
  it('rejects state-changing requests from another site (CSRF)', async () => {
    const c = await t.login('frontdesk');
    const evil = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie: c.cookie!, origin: 'http://evil.example', 'content-type': 'application/json' },
      payload: { projectId: 1, name: '伪造' },
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.code).toBe('CSRF_REJECTED');
    const crossSite = await c.post('/api/auth/logout', undefined, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('accepts same-origin browser requests', async () => {
    const c = await t.login('frontdesk');
    const res = await c.post('/api/auth/logout', undefined, {
      origin: 'http://localhost:80',
      host: 'localhost:80',
      'sec-fetch-site': 'same-origin',
    });
    expect(res.statusCode).toBe(204);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it('serves the OpenAPI document with the API routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/auth/login', '/api/projects', '/api/units', '/api/customers/{id}', '/api/staff', '/api/portal/login'])
      expect(paths).toContain(p);
  });
});
