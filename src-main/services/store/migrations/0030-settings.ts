import type { Migration } from './types';

/** App preferences that belong with the data (the reviewer's name is written into decisions). */
export const migration0030: Migration = {
  version: 30,
  name: 'settings',
  up: `CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;`,
};
