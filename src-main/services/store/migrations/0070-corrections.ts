import type { Migration } from './types';

/**
 * A reviewer's corrections of parsed fields, kept apart from what the parser extracted (which stays
 * in `entries`), so the original is never lost and a correction can be undone.
 */
export const migration0070: Migration = {
  version: 70,
  name: 'corrections',
  up: `
    CREATE TABLE corrections (
      id INTEGER PRIMARY KEY,
      entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      field TEXT NOT NULL CHECK (field IN ('name','legalEntity','purpose','countries','transfer','status')),
      value TEXT NOT NULL,
      reviewer TEXT NOT NULL,
      created_at TEXT NOT NULL,
      undone_at TEXT
    ) STRICT;
    CREATE INDEX corrections_entry ON corrections(entry_id, field);
  `,
};
