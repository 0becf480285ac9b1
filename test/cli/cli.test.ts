import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/process.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'guanjia-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('guanjia CLI', () => {
  it('stops with a message naming a wrong setting', () => {
    const tz = runCli(['migrate'], { GUANJIA_DATA_DIR: tempDir(), GUANJIA_TIME_ZONE: 'Mars/Olympus' });
    expect(tz.status).toBe(2);
    expect(tz.stderr).toContain('GUANJIA_TIME_ZONE');
    const port = runCli(['migrate'], { GUANJIA_DATA_DIR: tempDir(), PORT: 'eighty' });
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('PORT');
    const db = runCli(['migrate'], { GUANJIA_DATA_DIR: tempDir(), DATABASE_URL: 'mysql://x' });
    expect(db.status).toBe(2);
    expect(db.stderr).toContain('DATABASE_URL');
    const unknown = runCli(['fly'], { GUANJIA_DATA_DIR: tempDir() });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command');
  });

  it('migrate is idempotent and keeps the session secret in the data directory', () => {
    const dir = tempDir();
    const first = runCli(['migrate'], { GUANJIA_DATA_DIR: dir });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('0001_foundation');
    const second = runCli(['migrate'], { GUANJIA_DATA_DIR: dir });
    expect(second.stdout).toContain('up to date');
    expect(existsSync(join(dir, 'session-secret'))).toBe(true);
  });
});
