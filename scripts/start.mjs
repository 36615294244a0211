#!/usr/bin/env node
// `npm start`: build, then open the desktop app if this machine has the Electron binary; otherwise
// say so and start browser mode instead (the same app, served on 127.0.0.1).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  electronNativeDir,
  electronSqliteBinding,
  electronVersion,
  findElectron,
} from './electron-env.mjs';

const root = join(import.meta.dirname, '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (cmd, args, env = process.env) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

if (run(npx, ['electron-vite', 'build']) !== 0) {
  process.exit(1);
}

const electron = findElectron();
const noDisplay =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (electron.path && !noDisplay) {
  // Compile better-sqlite3 for Electron once, in its own folder, leaving the Node build untouched.
  if (!existsSync(electronSqliteBinding())) {
    const dir = electronNativeDir();
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    cpSync(
      join(root, 'node_modules', 'better-sqlite3'),
      join(dir, 'node_modules', 'better-sqlite3'),
      {
        recursive: true,
      },
    );
    console.log(`Building the SQLite module for Electron ${electronVersion()} (once)…`);
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({
      buildPath: dir,
      electronVersion: electronVersion(),
      onlyModules: ['better-sqlite3'],
      force: true,
    });
  }
  process.exit(
    run(electron.path, [root], { ...process.env, DPA_SQLITE_BINDING: electronSqliteBinding() }),
  );
}

console.log(
  `\nThe desktop window cannot open here: ${electron.reason ?? 'there is no display'}.\n` +
    'Starting browser mode instead: the same app, in your browser, on this machine only.\n',
);
process.exit(run(process.execPath, [join(root, 'out', 'main', 'web.js')]));
