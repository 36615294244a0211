import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { BackupInfo } from '../../../src-shared/ipc';
import { listMigrationBackups } from './pre-migration-backup';

/**
 * Every backup the app knows for the database at `dbPath`, newest first: the ones written with
 * "Back up now" or `dpa backup` (in `backups/` beside it), the automatic ones taken before an
 * upgrade, and the copies a restore keeps of the database it replaced. Ids are opaque: a restore
 * names one of these, never a path, so nothing outside them can be restored through the app.
 */
export function listBackups(dbPath: string): (BackupInfo & { path: string })[] {
  const db = resolve(dbPath);
  const dir = dirname(db);
  const found: { path: string; kind: BackupInfo['kind'] }[] = [];
  const backupsDir = join(dir, 'backups');
  for (const name of safeList(backupsDir)) {
    if (/^dpa-backup-.*\.sqlite$/.test(name)) {
      found.push({ path: join(backupsDir, name), kind: 'backup' });
    }
  }
  for (const path of listMigrationBackups(db)) found.push({ path, kind: 'before-upgrade' });
  const restored = `${basename(db)}.before-restore-`;
  for (const name of safeList(dir)) {
    if (name.startsWith(restored) && name.endsWith('.sqlite')) {
      found.push({ path: join(dir, name), kind: 'before-restore' });
    }
  }
  return found
    .flatMap(({ path, kind }) => {
      try {
        const st = statSync(path);
        return st.isFile()
          ? [
              {
                id: `${kind}:${basename(path)}`,
                path,
                kind,
                fileName: basename(path),
                bytes: st.size,
                modifiedAt: st.mtime.toISOString(),
              },
            ]
          : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => (a.modifiedAt < b.modifiedAt ? 1 : a.modifiedAt > b.modifiedAt ? -1 : 0));
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
