import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import { commitFile, fileTimestamp, removeQuietly, tempPathBeside } from './durable-fs';

/** How many pre-migration backups are kept per database; older ones are deleted. */
export const KEPT_MIGRATION_BACKUPS = 5;

/** `<db>.backup-v<version>-<timestamp>[-n].sqlite`; the optional `-n` breaks same-millisecond ties. */
function backupPattern(dbPath: string): RegExp {
  const base = basename(dbPath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${base}\\.backup-v(\\d+)-(\\d{8}T\\d{9}Z)(?:-(\\d+))?\\.sqlite$`);
}

/** The pre-migration backups of `dbPath` beside it, newest first. */
export function listMigrationBackups(dbPath: string): string[] {
  const pattern = backupPattern(dbPath);
  const dir = dirname(dbPath);
  return readdirSync(dir)
    .flatMap((name) => {
      const m = pattern.exec(name);
      return m ? [{ name, stamp: m[2] ?? '', n: Number(m[3] ?? 0) }] : [];
    })
    .sort((a, b) => (a.stamp === b.stamp ? b.n - a.n : a.stamp < b.stamp ? 1 : -1))
    .map((b) => join(dir, b.name));
}

/**
 * Saves the database as it is before a migration rewrites it, so an upgrade that goes wrong (or a
 * return to the previous app version) can be undone with `dpa restore`. Uses VACUUM INTO: it is
 * synchronous like Store.open, reads one consistent snapshot (WAL included) and writes a
 * self-contained file. Throws AppError, and the caller then migrates nothing, if it cannot be written.
 */
export function backupBeforeMigration(
  db: Database.Database,
  dbPath: string,
  fromVersion: number,
  now: Date = new Date(),
): string {
  const stem = `${dbPath}.backup-v${fromVersion}-${fileTimestamp(now)}`;
  let dest = `${stem}.sqlite`;
  for (let n = 2; existsSync(dest); n++) dest = `${stem}-${n}.sqlite`;
  const tmp = tempPathBeside(dest, 'partial');
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    commitFile(tmp, dest);
  } catch (cause) {
    removeQuietly(tmp);
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new AppError(
      'database-error',
      `could not save a backup before upgrading the database (${reason}); nothing was changed. Free some disk space and open it again.`,
      { file: dbPath, cause },
    );
  }
  for (const old of listMigrationBackups(dbPath).slice(KEPT_MIGRATION_BACKUPS)) {
    // A backup that cannot be deleted only costs disk space; it must not block the upgrade.
    removeQuietly(old);
  }
  return dest;
}
