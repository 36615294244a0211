export { backupDatabase } from './backup-database';
export { putBack, restoreDatabase, validateBackup, type RestoreResult } from './restore-database';
export {
  backupBeforeMigration,
  listMigrationBackups,
  KEPT_MIGRATION_BACKUPS,
} from './pre-migration-backup';

export { defaultBackupPath } from './default-path';
export { listBackups } from './list-backups';
