import { homedir } from 'node:os';
import { join } from 'node:path';

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
