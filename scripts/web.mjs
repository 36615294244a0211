#!/usr/bin/env node
// `npm run web`: build the app, then serve it in browser mode on 127.0.0.1 (see src-main/web).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (!process.argv.includes('--no-build')) {
  const b = spawnSync(npx, ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    process.exit(b.status ?? 1);
  }
}
const args = process.argv.slice(2).filter((a) => a !== '--no-build');
const r = spawnSync(process.execPath, [join(root, 'out', 'main', 'web.js'), ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 0);
