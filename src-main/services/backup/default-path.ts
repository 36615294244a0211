import { dirname, join, resolve } from 'node:path';
import { fileTimestamp } from './durable-fs';

/** The default backup file: `<db dir>/backups/dpa-backup-<timestamp>.sqlite`. */
export function defaultBackupPath(dbPath: string, now: Date = new Date()): string {
  return join(dirname(resolve(dbPath)), 'backups', `dpa-backup-${fileTimestamp(now)}.sqlite`);
}
