// Shared by start.mjs and the e2e tests: where the Electron binary is (if it was downloaded) and
// where the Electron build of better-sqlite3 lives. The Node build in node_modules serves the CLI,
// browser mode and tests; Electron needs one compiled for its own ABI, kept apart so both work.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));

/** Path of the Electron executable, or null with the reason it is unavailable. */
export function findElectron() {
  let path;
  try {
    path = require('electron');
  } catch (e) {
    return {
      path: null,
      reason: `the Electron binary is not installed (${e.message.split('\n')[0]})`,
    };
  }
  if (typeof path !== 'string' || !existsSync(path)) {
    return { path: null, reason: 'the Electron binary is not installed' };
  }
  return { path, reason: null };
}

export function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

/** Where the Electron build of better-sqlite3 is kept, per Electron version. */
export function electronNativeDir() {
  return join(root, 'out', 'native', `electron-${electronVersion()}`);
}

export function electronSqliteBinding() {
  return join(
    electronNativeDir(),
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
}
