#!/usr/bin/env node
// The `guanjia` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/server/main.ts');
await main(process.argv.slice(2)).catch((err) => {
  console.error(err?.message ?? err);
  process.exit(err?.name === 'ConfigError' ? 2 : 1);
});
