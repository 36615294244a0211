import { homedir } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/errors';

export const APP_DIR_NAME = 'DPA Workbench';
export const DATABASE_FILE = 'dpa-workbench.sqlite';

/**
 * The folder Electron's app.getPath('userData') gives this app, computed without Electron so the
 * CLI and browser mode open the same database as the desktop app by default.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  }
  if (platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  }
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/** Where the database lives: DPA_DB if set, else in the user-data folder. */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.DPA_DB ?? join(defaultUserDataDir(process.platform, env), DATABASE_FILE);
}

/**
 * The shipped resources folder: $DPA_RESOURCES if set, else the nearest `resources/` holding the
 * default policy at or above `start` (the source tree in tests, the project root for the built app).
 * The packaged Electron app passes its own (process.resourcesPath) instead.
 */
export function findResourcesDir(start: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.DPA_RESOURCES) {
    return env.DPA_RESOURCES;
  }
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'default-policy.json'))) {
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new AppError(
        'internal',
        `the app's data folder (resources/) was not found above ${start}; reinstall the app`,
      );
    }
    dir = parent;
  }
}
