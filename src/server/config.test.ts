import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults and keeps a generated session secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guanjia-config-'));
    const config = loadConfig({ GUANJIA_DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', timeZone: 'Asia/Shanghai', cookieSecure: false });
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(config.sessionSecret);
    expect(loadConfig({ GUANJIA_DATA_DIR: dir }).sessionSecret).toBe(config.sessionSecret);
  });
  it('names every wrong variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guanjia-config-'));
    expect(() => loadConfig({ GUANJIA_DATA_DIR: dir, PORT: '70000', GUANJIA_COOKIE_SECURE: 'maybe', GUANJIA_LOG_LEVEL: 'loud' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ GUANJIA_DATA_DIR: dir, PORT: '70000', GUANJIA_COOKIE_SECURE: 'maybe', GUANJIA_LOG_LEVEL: 'loud' });
    } catch (err) {
      const message = (err as Error).message;
      for (const name of ['PORT', 'GUANJIA_COOKIE_SECURE', 'GUANJIA_LOG_LEVEL']) expect(message).toContain(name);
    }
    expect(() => loadConfig({ GUANJIA_DATA_DIR: dir, GUANJIA_SESSION_SECRET: 'short' })).toThrow(/GUANJIA_SESSION_SECRET/);
  });
});
