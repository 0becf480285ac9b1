// Builds the web app when dist/web is missing or older than its sources, so that `npm start`
// on a fresh clone serves the real UI without a separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const index = join(root, 'dist/web/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

if (!existsSync(join(root, 'src/web/index.html')) || !existsSync(join(root, 'vite.config.ts'))) process.exit(0);

const sources = [join(root, 'src/web'), join(root, 'src/shared')].filter(existsSync);
const built = existsSync(index) ? statSync(index).mtimeMs : 0;
const changed = Math.max(...sources.map(newest), statSync(join(root, 'vite.config.ts')).mtimeMs);
if (built < changed) {
  console.log('Building the web app (first start or sources changed) …');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}
