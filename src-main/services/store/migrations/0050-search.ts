import type { Migration } from './types';

/**
 * Full-text index over entries for global search on every keystroke. An external-content FTS5
 * table (it stores only the index, the text stays in `entries`), kept in step by triggers; entries
 * are never updated in place, so insert and delete triggers suffice.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'search',
  up: `
    CREATE VIRTUAL TABLE entries_fts USING fts5(
      name, legal_entity, purpose, countries, section,
      content='entries', content_rowid='id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
      INSERT INTO entries_fts (rowid, name, legal_entity, purpose, countries, section)
      VALUES (new.id, new.name, new.legal_entity, new.purpose, new.countries, new.section);
    END;
    CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
      INSERT INTO entries_fts (entries_fts, rowid, name, legal_entity, purpose, countries, section)
      VALUES ('delete', old.id, old.name, old.legal_entity, old.purpose, old.countries, old.section);
    END;
    INSERT INTO entries_fts (rowid, name, legal_entity, purpose, countries, section)
      SELECT id, name, legal_entity, purpose, countries, section FROM entries;
    CREATE INDEX entries_snapshot ON entries(snapshot_id);
  `,
};
