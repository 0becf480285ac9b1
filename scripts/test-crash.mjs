// The crash harness at full size (SPEC §13): 50 SIGKILLs under ticket intake and transitions, on
// SQLite and then on PostgreSQL. CI runs the same test at 20 kills as part of the normal suite.
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  GUANJIA_CRASH_KILLS: process.env.GUANJIA_CRASH_KILLS ?? '50',
  GUANJIA_CRASH_WRITERS: process.env.GUANJIA_CRASH_WRITERS ?? '8',
};
const file = 'test/cli/crash-tickets.test.ts';
const runs = [
  [process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit', file]],
  [process.execPath, ['scripts/test-pg.mjs', file]],
];
for (const [cmd, args] of runs) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
