import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every setting of Guanjia in one typed object. Read once at boot from the environment;
 * a wrong value stops the start with a message that names the variable.
 */
const configSchema = z.object({
  /** GUANJIA_PORT or PORT */
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  /** Folder for the SQLite file, the session secret, backups and uploads. */
  dataDir: z.string().min(1),
  /** When set, PostgreSQL is used instead of the embedded SQLite file. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** Default time zone of new projects and of date arithmetic. */
  timeZone: z.string().refine(isValidTimeZone, 'is not an IANA time zone such as Asia/Shanghai'),
  /** Secret for hashing session tokens; generated and kept in the data directory when not given. */
  sessionSecret: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Send the session cookie only over HTTPS (turn on behind a TLS proxy). */
  cookieSecure: z.boolean(),
  /** Hours a session lives without activity. */
  sessionIdleHours: z.coerce
    .number()
    .positive()
    .max(24 * 30),
  /** Login attempts allowed per minute per client address. */
  loginRateLimit: z.coerce.number().int().positive(),
  /** Folder of the built web app. */
  webDir: z.string().min(1),
  /** Seconds between deadline sweeps (warnings and breaches); 0 turns the sweeper off on this server. */
  sweepSeconds: z.coerce.number().int().min(0).max(3600),
});

export type Config = z.infer<typeof configSchema> & { sessionSecret: string };

const envNames: Record<keyof z.infer<typeof configSchema>, string> = {
  port: 'PORT / GUANJIA_PORT',
  host: 'GUANJIA_HOST',
  dataDir: 'GUANJIA_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  logLevel: 'GUANJIA_LOG_LEVEL',
  timeZone: 'GUANJIA_TIME_ZONE',
  sessionSecret: 'GUANJIA_SESSION_SECRET',
  cookieSecure: 'GUANJIA_COOKIE_SECURE',
  sessionIdleHours: 'GUANJIA_SESSION_IDLE_HOURS',
  loginRateLimit: 'GUANJIA_LOGIN_RATE_LIMIT',
  webDir: 'GUANJIA_WEB_DIR',
  sweepSeconds: 'GUANJIA_SWEEP_SECONDS',
};

export class ConfigError extends Error {}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function parseBool(value: string | undefined, fallback: boolean): boolean | string {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  return value;
}

/** Builds the configuration from environment variables plus explicit overrides (used by tests and the CLI). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<z.infer<typeof configSchema>> = {}): Config {
  const raw = {
    port: env.GUANJIA_PORT ?? env.PORT ?? 3000,
    host: env.GUANJIA_HOST ?? '127.0.0.1',
    dataDir: resolve(env.GUANJIA_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.GUANJIA_LOG_LEVEL ?? env.LOG_LEVEL ?? 'info',
    timeZone: env.GUANJIA_TIME_ZONE ?? env.TZ_DEFAULT ?? 'Asia/Shanghai',
    sessionSecret: env.GUANJIA_SESSION_SECRET || undefined,
    cookieSecure: parseBool(env.GUANJIA_COOKIE_SECURE, false),
    sessionIdleHours: env.GUANJIA_SESSION_IDLE_HOURS ?? 12,
    loginRateLimit: env.GUANJIA_LOGIN_RATE_LIMIT ?? 10,
    webDir: resolve(env.GUANJIA_WEB_DIR ?? './dist/web'),
    sweepSeconds: env.GUANJIA_SWEEP_SECONDS ?? 30,
    ...overrides,
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path[0] as keyof typeof envNames;
      return `  ${envNames[key] ?? String(key)}: ${issue.message} (got ${JSON.stringify(raw[key as keyof typeof raw])})`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  return { ...config, sessionSecret: config.sessionSecret ?? loadOrCreateSecret(config.dataDir) };
}

/** The session secret lives in the data directory so that restarts keep sessions valid. */
function loadOrCreateSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
