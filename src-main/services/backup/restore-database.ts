import { copyFileSync, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import { latestVersion, MIGRATIONS, type Migration } from '../store';
import { commitFile, fileTimestamp, fsyncFile, removeQuietly, tempPathBeside } from './durable-fs';

const ALL_PAGES_IN_ONE_STEP = 0x7fffffff;

export interface RestoreResult {
  /** The database file that now holds the backup's data. */
  path: string;
  bytes: number;
  /** The backup's schema version; the app migrates it forward when it next opens the file. */
  schemaVersion: number;
  /** Where the replaced database was kept, or null when there was none. */
  previous: string | null;
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Checks that `file` is a whole DPA Workbench database this app can open: readable, passing
 * `PRAGMA integrity_check`, and not from a newer app. Returns its schema version.
 */
export function validateBackup(
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
): { schemaVersion: number } {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new AppError('file-unreadable', 'no such file', { file });
  }
  if (!stat.isFile()) {
    throw new AppError('file-unreadable', 'is a folder, not a backup file', { file });
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw new AppError('file-unreadable', `cannot be opened (${describe(cause)})`, {
      file,
      cause,
    });
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('integrity_check', { simple: true });
    } catch (cause) {
      throw new AppError(
        'file-unreadable',
        `is not a database or is damaged beyond reading (${describe(cause)}); nothing was changed`,
        { file, cause },
      );
    }
    if (check !== 'ok') {
      throw new AppError(
        'file-unreadable',
        `is damaged (integrity check: ${String(check)}); nothing was changed`,
        { file },
      );
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasVendors = db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'vendors'")
      .get();
    if (version <= 0 || !hasVendors) {
      throw new AppError(
        'file-unreadable',
        'is an SQLite file but not a DPA Workbench database; nothing was changed',
        { file },
      );
    }
    const latest = latestVersion(migrations);
    if (version > latest) {
      throw new AppError(
        'database-from-future',
        `was written by a newer version of DPA Workbench (schema ${version}, this app knows up to ${latest}); update the app to restore it. Nothing was changed.`,
        { file },
      );
    }
    return { schemaVersion: version };
  } finally {
    db.close();
  }
}

/**
 * Refuses a target that some connection still has open. SQLite's last connection to close a WAL
 * database checkpoints it and deletes its -wal file; if the -wal file outlives our own brief
 * connection, another one (the app, a running `dpa`) holds the file. A target too damaged to open
 * cannot be in use by the app, and replacing it is the point of a restore.
 */
function assertNotInUse(target: string): void {
  if (!existsSync(target)) return;
  const inUse = new AppError(
    'database-error',
    'is open in DPA Workbench or another dpa command; close it and run the restore again. Nothing was changed.',
    { file: target },
  );
  let db: Database.Database;
  try {
    db = new Database(target, { fileMustExist: true });
  } catch {
    return;
  }
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'SQLITE_BUSY') throw inUse;
    return;
  } finally {
    db.close();
  }
  if (existsSync(`${target}-wal`)) throw inUse;
}

/**
 * Replaces the database at `targetPath` with the backup at `backupPath`, atomically: the backup is
 * validated, copied beside the target, flushed and renamed over it, so a crash leaves either the old
 * or the restored database. The replaced file is kept as `<target>.before-restore-<time>.sqlite`.
 * The app must not have the target open.
 */
export async function restoreDatabase(
  backupPath: string,
  targetPath: string,
  options: { migrations?: readonly Migration[]; now?: Date } = {},
): Promise<RestoreResult> {
  const source = resolve(backupPath);
  const target = resolve(targetPath);
  if (source === target) {
    throw new AppError('bad-request', 'is both the backup and the database to replace', {
      file: target,
    });
  }
  const { schemaVersion } = validateBackup(source, options.migrations ?? MIGRATIONS);
  assertNotInUse(target);

  let previous: string | null = null;
  if (existsSync(target)) {
    // The reviews being replaced may hold decisions made since the backup: keep them. The target
    // is closed and checkpointed (checked above), so a plain copy of the file is complete.
    previous = `${target}.before-restore-${fileTimestamp(options.now ?? new Date())}.sqlite`;
    try {
      copyFileSync(target, previous);
      fsyncFile(previous);
    } catch (cause) {
      removeQuietly(previous);
      throw new AppError(
        'database-error',
        `could not keep a copy of the current database before restoring (${describe(cause)}); nothing was changed`,
        { file: target, cause },
      );
    }
  }

  const tmp = tempPathBeside(target, 'restore');
  try {
    const src = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await src.backup(tmp, { progress: () => ALL_PAGES_IN_ONE_STEP });
    } finally {
      src.close();
    }
    swapIn(tmp, target);
  } catch (cause) {
    removeQuietly(tmp);
    throw new AppError(
      'database-error',
      `could not be restored from ${source} (${describe(cause)}); the database was not changed`,
      { file: target, cause },
    );
  }
  return { path: target, bytes: statSync(target).size, schemaVersion, previous };
}

/**
 * Puts the database a restore kept (`previous`) back in place, when the restored file turned out
 * unusable after the swap (its migration failed, or the disk filled while upgrading it). The
 * target must be closed. A copy, so `previous` stays listed for another try.
 */
export function putBack(previous: string, targetPath: string): void {
  const target = resolve(targetPath);
  const tmp = tempPathBeside(target, 'put-back');
  try {
    copyFileSync(previous, tmp);
    fsyncFile(tmp);
    swapIn(tmp, target);
  } catch (cause) {
    removeQuietly(tmp);
    throw new AppError(
      'database-error',
      `could not put the database back from ${previous} (${describe(cause)}); restore that file from Settings or with dpa restore`,
      { file: target, cause },
    );
  }
}

/**
 * Renames a complete database file over the closed `target`. Stale -wal/-shm/-journal files of
 * the old target must go first: SQLite would replay their pages into the new file and corrupt it.
 */
function swapIn(tmp: string, target: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) removeQuietly(`${target}${suffix}`);
  commitFile(tmp, target);
}
