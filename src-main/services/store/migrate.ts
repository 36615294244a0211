import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import type { Migration } from './migrations';

/** Highest schema version the given migrations reach. */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/**
 * Refuses a file written by a newer app before anything touches it (even switching it to WAL
 * rewrites its header). Returns the file's schema version.
 */
export function assertNotFromFuture(
  db: Database.Database,
  migrations: readonly Migration[],
  file: string,
): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(migrations);
  if (current > latest) {
    throw new AppError(
      'database-from-future',
      `this database was written by a newer version of DPA Workbench (schema ${current}, this app knows up to ${latest}). Update the app to open it; the file was not changed.`,
      { file },
    );
  }
  return current;
}

/**
 * Brings the database up to the newest migration. Versions only go up; all pending steps run in one
 * transaction, so a failing step leaves the file at its old version. A file written by a newer app is
 * refused before anything is touched, because an old schema writer could corrupt it.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  file: string,
): number {
  for (let i = 1; i < migrations.length; i++) {
    const prev = migrations[i - 1];
    const cur = migrations[i];
    if (prev && cur && cur.version <= prev.version) {
      throw new Error(`migrations out of order: ${cur.version} after ${prev.version}`);
    }
  }
  const current = assertNotFromFuture(db, migrations, file);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) {
    return current;
  }
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const m of pending) {
      db.exec(m.up);
      record.run(m.version, m.name, new Date().toISOString());
      // user_version cannot be bound as a parameter; the value is our own integer.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }
  })();
  return latestVersion(pending);
}
