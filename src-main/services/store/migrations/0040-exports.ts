import type { Migration } from './types';

/**
 * Every workbook the app writes gets an id recorded here, so a workbook read back can be checked:
 * decisions are only taken from a workbook this database issued.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'exports',
  up: `CREATE TABLE exports (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    vendor_ids TEXT NOT NULL,
    policy_version INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    file_name TEXT NOT NULL
  ) STRICT;`,
};
