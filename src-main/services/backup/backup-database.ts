import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import type { Store } from '../store';
import { commitFile, removeQuietly, tempPathBeside } from './durable-fs';

// better-sqlite3 copies a backup in steps between which other code runs; when another connection
// (the CLI importing while the app is open) writes in between, SQLite restarts the copy, possibly
// forever. One step copies a single consistent WAL snapshot and does not block writers.
const ALL_PAGES_IN_ONE_STEP = 0x7fffffff;

/**
 * Writes a consistent copy of the open database to `destPath` with SQLite's online backup API (a
 * file copy of a live WAL database can miss committed pages). Refuses to overwrite a file.
 */
export async function backupDatabase(
  store: Store,
  destPath: string,
): Promise<{ path: string; bytes: number }> {
  const dest = resolve(destPath);
  if (existsSync(dest)) {
    throw new AppError('bad-request', 'already exists; choose a new file name for the backup', {
      file: dest,
    });
  }
  const tmp = tempPathBeside(dest, 'partial');
  try {
    mkdirSync(dirname(dest), { recursive: true });
    await store.db.backup(tmp, { progress: () => ALL_PAGES_IN_ONE_STEP });
    const copy = new Database(tmp, { fileMustExist: true });
    try {
      // A backup is a single file to carry away: without this it is a WAL database, and merely
      // opening it would leave -wal and -shm files beside it.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') {
        throw new Error(`the copy failed its integrity check (${String(check)})`);
      }
    } finally {
      copy.close();
    }
    commitFile(tmp, dest);
  } catch (cause) {
    removeQuietly(tmp);
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new AppError('database-error', `the backup could not be written (${reason})`, {
      file: dest,
      cause,
    });
  }
  return { path: dest, bytes: statSync(dest).size };
}
