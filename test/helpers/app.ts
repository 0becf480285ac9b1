import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { generateDemo, DEMO_PASSWORD } from '../../src/server/demo/generate.ts';
import { FixedClock } from '../../src/server/platform/clock.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { EventBus } from '../../src/server/platform/events.ts';

/** The demo company's staff accounts (password demo1234): one per role, and frontdesk2 of the second project. */
export const demoStaffAccounts = [
  'admin',
  'leader',
  'director',
  'supervisor',
  'frontdesk',
  'butler',
  'tech',
  'control',
  'security',
  'finance',
  'hr',
  'frontdesk2',
] as const;

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  clock: FixedClock;
  /** Logs in a staff member and returns a client that carries the session cookie. */
  login(username: string, password?: string): Promise<Client>;
  loginResident(phone: string, password?: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export interface Client {
  cookie: string | null;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  /** One file as multipart/form-data, field `file` (photos). */
  upload(url: string, filename: string, data: Buffer): Promise<LightMyRequestResponse>;
}

/** A tiny valid PNG (1×1). */
export const tinyPng = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001' +
    '0d0a2db40000000049454e44ae426082',
  'hex',
);

export function multipart(filename: string, data: Buffer) {
  const boundary = '----guanjia-test';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function client(app: FastifyInstance, cookie: string | null): Client {
  const headers = () => (cookie ? { cookie } : {});
  return {
    cookie,
    get: (url) => app.inject({ method: 'GET', url, headers: headers() }),
    post: (url, body, extra = {}) =>
      app.inject({ method: 'POST', url, headers: { ...headers(), ...extra }, ...(body === undefined ? {} : { payload: body as object }) }),
    patch: (url, body) => app.inject({ method: 'PATCH', url, headers: headers(), payload: body as object }),
    put: (url, body) => app.inject({ method: 'PUT', url, headers: headers(), payload: body as object }),
    delete: (url) => app.inject({ method: 'DELETE', url, headers: headers() }),
    upload: (url, filename, data) => {
      const { body, contentType } = multipart(filename, data);
      return app.inject({ method: 'POST', url, headers: { ...headers(), 'content-type': contentType }, payload: body });
    },
  };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'gj_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `gj_session=${c.value}`;
}

/** A full app on a fresh database with the small demo company (same accounts as `npm run demo`). */
export async function createTestApp(
  options: {
    demoUnits?: number;
    loginRateLimit?: number;
    /** Receives the server's log lines (debug level). */ logTo?: { write(line: string): void };
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const clock = new FixedClock(new Date('2026-11-20T02:00:00.000Z'));
  await generateDemo(db.database, clock, { units: options.demoUnits ?? 120 });
  const config = loadConfig(
    { GUANJIA_DATA_DIR: db.dataDir, GUANJIA_LOG_LEVEL: options.logTo ? 'debug' : 'silent' },
    { loginRateLimit: options.loginRateLimit ?? 1000, databaseUrl: db.databaseUrl },
  );
  const app = await buildApp(
    { config, database: db.database, clock, bus: new EventBus() },
    { logger: options.logTo ? { level: 'debug', stream: options.logTo } : false },
  );
  await app.ready();
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    return client(app, sessionCookie(res));
  };
  const loginResident = async (phone: string, password = DEMO_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/portal/login', payload: { phone, password } });
    return client(app, sessionCookie(res));
  };
  return {
    app,
    db,
    clock,
    login,
    loginResident,
    anonymous: client(app, null),
    async close() {
      await app.close();
      await db.close();
    },
  };
}
