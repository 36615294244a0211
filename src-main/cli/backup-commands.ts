/**
 * `dpa backup` and `dpa restore`: each returns the line to print and throws AppError (naming the
 * file) on failure, so run.ts maps them to exit codes like every other command.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../src-shared/errors';
import { defaultBackupPath } from '../services/backup/default-path';

function formatBytes(n: number): string {
  return n < 1024 * 1024
    ? `${Math.max(1, Math.round(n / 1024))} KB`
    : `${(n / 1048576).toFixed(1)} MB`;
}

export { defaultBackupPath };

/** Backs up the database at `dbPath` (which must exist) to `outPath` or the default file. */
export async function backupCommand(dbPath: string, outPath: string | undefined): Promise<string> {
  const db = resolve(dbPath);
  // Store.open would create an empty database, and a backup of nothing is not what was asked for.
  if (!existsSync(db)) {
    throw new AppError('file-unreadable', 'no such database file', { file: db });
  }
  // Loaded lazily, like the other commands, so `dpa --help` never loads the native SQLite module.
  const [{ Store }, { backupDatabase }] = await Promise.all([
    import('../services/store'),
    import('../services/backup'),
  ]);
  const store = Store.open(db);
  try {
    const out = await backupDatabase(store, outPath ?? defaultBackupPath(db));
    return `Backed up ${db} to ${out.path} (${formatBytes(out.bytes)}).`;
  } finally {
    store.close();
  }
}

/** Replaces the database at `dbPath` with the backup at `backupPath`; the app must be closed. */
export async function restoreCommand(backupPath: string, dbPath: string): Promise<string> {
  const { restoreDatabase } = await import('../services/backup');
  const r = await restoreDatabase(backupPath, dbPath);
  const kept = r.previous ? ` The database it replaced was kept as ${r.previous}.` : '';
  return `Restored ${r.path} from ${resolve(backupPath)} (schema ${r.schemaVersion}).${kept}`;
}
