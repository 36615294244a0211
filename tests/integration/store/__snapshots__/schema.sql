-- index corrections_entry
CREATE INDEX corrections_entry ON corrections(entry_id, field);

-- index decisions_vendor_entity
CREATE INDEX decisions_vendor_entity ON decisions(vendor_id, entity_key, decided_at);

-- index entries_snapshot
CREATE INDEX entries_snapshot ON entries(snapshot_id);

-- index fetches_vendor
CREATE INDEX fetches_vendor ON fetches(vendor_id, fetched_at);

-- index flags_snapshot
CREATE INDEX flags_snapshot ON flags(snapshot_id);

-- index snapshots_vendor
CREATE INDEX snapshots_vendor ON snapshots(vendor_id, imported_at);

-- table corrections
CREATE TABLE corrections (
      id INTEGER PRIMARY KEY,
      entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      field TEXT NOT NULL CHECK (field IN ('name','legalEntity','purpose','countries','transfer','status')),
      value TEXT NOT NULL,
      reviewer TEXT NOT NULL,
      created_at TEXT NOT NULL,
      undone_at TEXT
    ) STRICT;

-- table decisions
CREATE TABLE decisions (
      id INTEGER PRIMARY KEY,
      vendor_id INTEGER NOT NULL REFERENCES vendors(id) ON DELETE CASCADE,
      entity_key TEXT NOT NULL,
      decision TEXT NOT NULL
        CHECK (decision IN ('approved','approved-with-conditions','needs-follow-up','rejected')),
      comment TEXT NOT NULL DEFAULT '',
      reviewer TEXT NOT NULL,
      decided_at TEXT NOT NULL,
      entry_fingerprint TEXT NOT NULL,
      dpf_verified_on TEXT
    ) STRICT;

-- table entries
CREATE TABLE entries (
      id INTEGER PRIMARY KEY,
      snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      legal_entity TEXT,
      purpose TEXT,
      data_categories TEXT NOT NULL DEFAULT '[]',
      countries TEXT NOT NULL DEFAULT '[]',
      transfer TEXT NOT NULL DEFAULT '[]',
      status TEXT NOT NULL CHECK (status IN ('active','conditional','inactive','customer-managed')),
      section TEXT,
      name_on_page INTEGER NOT NULL CHECK (name_on_page IN (0,1)),
      confidence REAL NOT NULL,
      confidence_reasons TEXT NOT NULL DEFAULT '[]',
      provenance TEXT NOT NULL DEFAULT '{}',
      UNIQUE (snapshot_id, position)
    ) STRICT;

-- table entries_fts
CREATE VIRTUAL TABLE entries_fts USING fts5(
      name, legal_entity, purpose, countries, section,
      content='entries', content_rowid='id',
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2'
    );

-- table entries_fts_config
CREATE TABLE 'entries_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table entries_fts_data
CREATE TABLE 'entries_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table entries_fts_docsize
CREATE TABLE 'entries_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table entries_fts_idx
CREATE TABLE 'entries_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table exports
CREATE TABLE exports (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    vendor_ids TEXT NOT NULL,
    policy_version INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    file_name TEXT NOT NULL
  ) STRICT;

-- table fetches
CREATE TABLE fetches (
      id INTEGER PRIMARY KEY,
      vendor_id INTEGER NOT NULL REFERENCES vendors(id) ON DELETE CASCADE,
      url TEXT NOT NULL,
      final_url TEXT,
      redirects TEXT NOT NULL DEFAULT '[]',
      http_status INTEGER,
      content_type TEXT,
      fetched_at TEXT NOT NULL,
      bytes_received INTEGER NOT NULL DEFAULT 0,
      outcome TEXT NOT NULL CHECK (outcome IN ('imported','unchanged','failed')),
      snapshot_id INTEGER REFERENCES snapshots(id) ON DELETE SET NULL,
      error TEXT
    ) STRICT;

-- table flags
CREATE TABLE flags (
      id INTEGER PRIMARY KEY,
      snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
      entry_id INTEGER REFERENCES entries(id) ON DELETE CASCADE,
      rule_id TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('high','medium','low','info')),
      message TEXT NOT NULL,
      evidence TEXT NOT NULL DEFAULT '[]',
      policy_version INTEGER NOT NULL
    ) STRICT;

-- table policies
CREATE TABLE policies (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      rules TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

-- table schema_migrations
CREATE TABLE schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT;

-- table settings
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

-- table snapshots
CREATE TABLE snapshots (
      id INTEGER PRIMARY KEY,
      vendor_id INTEGER NOT NULL REFERENCES vendors(id) ON DELETE CASCADE,
      file_name TEXT NOT NULL,
      media_type TEXT NOT NULL,
      format TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      original_bytes BLOB NOT NULL,
      source_text TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      last_updated TEXT,
      notice_days INTEGER,
      objection_days INTEGER,
      publisher TEXT,
      page_url TEXT,
      parser_version TEXT NOT NULL,
      warnings TEXT NOT NULL DEFAULT '[]', notice_business_days INTEGER NOT NULL DEFAULT 0
         CHECK (notice_business_days IN (0, 1)),
      UNIQUE (vendor_id, sha256)
    ) STRICT;

-- table vendors
CREATE TABLE vendors (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL UNIQUE,
      url TEXT,
      created_at TEXT NOT NULL
    , latest_snapshot_id INTEGER) STRICT;

-- trigger entries_fts_delete
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
      INSERT INTO entries_fts (entries_fts, rowid, name, legal_entity, purpose, countries, section)
      VALUES ('delete', old.id, old.name, old.legal_entity, old.purpose, old.countries, old.section);
    END;

-- trigger entries_fts_insert
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
      INSERT INTO entries_fts (rowid, name, legal_entity, purpose, countries, section)
      VALUES (new.id, new.name, new.legal_entity, new.purpose, new.countries, new.section);
    END;

-- trigger snapshots_latest_delete
CREATE TRIGGER snapshots_latest_delete AFTER DELETE ON snapshots BEGIN
      UPDATE vendors SET latest_snapshot_id = (SELECT s.id FROM snapshots s WHERE s.vendor_id = old.vendor_id
     ORDER BY s.imported_at DESC, s.id DESC LIMIT 1) WHERE id = old.vendor_id;
    END;

-- trigger snapshots_latest_insert
CREATE TRIGGER snapshots_latest_insert AFTER INSERT ON snapshots BEGIN
      UPDATE vendors SET latest_snapshot_id = (SELECT s.id FROM snapshots s WHERE s.vendor_id = new.vendor_id
     ORDER BY s.imported_at DESC, s.id DESC LIMIT 1) WHERE id = new.vendor_id;
    END;

-- trigger snapshots_latest_update
CREATE TRIGGER snapshots_latest_update AFTER UPDATE OF vendor_id, imported_at ON snapshots BEGIN
      UPDATE vendors SET latest_snapshot_id = (SELECT s.id FROM snapshots s WHERE s.vendor_id = vendors.id
     ORDER BY s.imported_at DESC, s.id DESC LIMIT 1)
        WHERE id IN (old.vendor_id, new.vendor_id);
    END;
