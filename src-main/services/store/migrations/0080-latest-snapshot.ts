import type { Migration } from './types';

/** The newest snapshot of one vendor, by the order every "latest" query uses. */
const LATEST = (vendor: string): string =>
  `(SELECT s.id FROM snapshots s WHERE s.vendor_id = ${vendor}
     ORDER BY s.imported_at DESC, s.id DESC LIMIT 1)`;

/**
 * Search on every keystroke at 50,000+ entries (bench/FINDINGS.md §2).
 *
 * Each vendor's latest snapshot as a key on `vendors`, so search and the vendor list join by key
 * instead of running a correlated "newest snapshot" subquery per row (a fifth of every search
 * keystroke). Triggers keep it in step with every insert, delete and re-dating of a snapshot,
 * whichever code path writes them, so importers need not maintain it.
 *
 * The full-text index is rebuilt with 1- and 2-character prefix indexes: the first keystrokes
 * ("c", "cl") otherwise merge the doclists of every term starting with those letters, tens of
 * thousands of rows. Same columns, tokenizer and triggers (which refer to it by name).
 */
export const migration0080: Migration = {
  version: 80,
  name: 'search-keys',
  up: `
    ALTER TABLE vendors ADD COLUMN latest_snapshot_id INTEGER;
    UPDATE vendors SET latest_snapshot_id = ${LATEST('vendors.id')};
    CREATE TRIGGER snapshots_latest_insert AFTER INSERT ON snapshots BEGIN
      UPDATE vendors SET latest_snapshot_id = ${LATEST('new.vendor_id')} WHERE id = new.vendor_id;
    END;
    CREATE TRIGGER snapshots_latest_delete AFTER DELETE ON snapshots BEGIN
      UPDATE vendors SET latest_snapshot_id = ${LATEST('old.vendor_id')} WHERE id = old.vendor_id;
    END;
    CREATE TRIGGER snapshots_latest_update AFTER UPDATE OF vendor_id, imported_at ON snapshots BEGIN
      UPDATE vendors SET latest_snapshot_id = ${LATEST('vendors.id')}
        WHERE id IN (old.vendor_id, new.vendor_id);
    END;
    DROP TABLE entries_fts;
    CREATE VIRTUAL TABLE entries_fts USING fts5(
      name, legal_entity, purpose, countries, section,
      content='entries', content_rowid='id',
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2'
    );
    INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
  `,
};
