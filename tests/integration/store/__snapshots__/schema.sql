-- index decisions_vendor_entity
CREATE INDEX decisions_vendor_entity ON decisions(vendor_id, entity_key, decided_at);

-- index flags_snapshot
CREATE INDEX flags_snapshot ON flags(snapshot_id);

-- index snapshots_vendor
CREATE INDEX snapshots_vendor ON snapshots(vendor_id, imported_at);

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

-- table exports
CREATE TABLE exports (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    vendor_ids TEXT NOT NULL,
    policy_version INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    file_name TEXT NOT NULL
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
    ) STRICT;
