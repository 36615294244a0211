import type { Migration } from './types';

/**
 * Every page fetch the user asked for, successful or not: where it was asked (url), where it ended
 * after redirects (final_url, with each hop in `redirects`, a JSON array), what the server said
 * (status, content type) and when. The bytes themselves live in the snapshot the fetch produced
 * (`snapshot_id`; for 'unchanged' the stored snapshot the page matched), so a reviewer can show
 * exactly which response a snapshot came from. Kept after a snapshot is deleted (SET NULL): the
 * record that the app contacted a host must outlive the data.
 */
export const migration0060: Migration = {
  version: 60,
  name: 'vendor-source',
  up: `
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
    CREATE INDEX fetches_vendor ON fetches(vendor_id, fetched_at);
  `,
};
