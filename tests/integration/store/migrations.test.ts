import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import { MIGRATIONS, Store, type Migration } from '../../../src-main/services/store';
import { tempDir } from '../../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const latest = Math.max(...MIGRATIONS.map((m) => m.version));

describe('store migrations', () => {
  it('creates a new database at the latest version, recording each step', () => {
    const store = Store.open(join(dir, 'a.sqlite'));
    expect(store.schemaVersion()).toBe(latest);
    const rows = store.db.prepare('SELECT version, name FROM schema_migrations').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    store.close();
  });

  it('opens with WAL, synchronous=FULL and foreign keys on', () => {
    const store = Store.open(join(dir, 'a.sqlite'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });

  it('reopening an up-to-date file runs nothing again and keeps the data', () => {
    const path = join(dir, 'a.sqlite');
    const s1 = Store.open(path);
    s1.findOrCreateVendor('Acme', '2026-01-01T00:00:00Z');
    s1.close();
    const s2 = Store.open(path);
    expect(s2.listVendors().map((v) => v.name)).toEqual(['Acme']);
    expect(s2.db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({
      n: MIGRATIONS.length,
    });
    s2.close();
  });

  it('migrates an old file forward keeping its rows (N → N+10)', () => {
    const path = join(dir, 'a.sqlite');
    const s1 = Store.open(path);
    s1.findOrCreateVendor('Acme', '2026-01-01T00:00:00Z');
    s1.close();
    const next: Migration = {
      version: latest + 10,
      name: 'add-vendor-notes',
      up: "ALTER TABLE vendors ADD COLUMN notes TEXT NOT NULL DEFAULT ''",
    };
    const s2 = Store.open(path, { migrations: [...MIGRATIONS, next] });
    expect(s2.schemaVersion()).toBe(latest + 10);
    expect(s2.db.prepare('SELECT name, notes FROM vendors').all()).toEqual([
      { name: 'Acme', notes: '' },
    ]);
    s2.close();
  });

  it('a failing migration leaves the file at its old version with its data', () => {
    const path = join(dir, 'a.sqlite');
    Store.open(path).close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: latest + 10, name: 'ok-step', up: 'CREATE TABLE extra (x INTEGER) STRICT' },
      { version: latest + 20, name: 'bad-step', up: 'ALTER TABLE no_such_table ADD COLUMN y' },
    ];
    expect(() => Store.open(path, { migrations: broken })).toThrow(AppError);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer app and leaves the file byte for byte', () => {
    const path = join(dir, 'future.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x INTEGER)');
    db.pragma(`user_version = ${latest + 1000}`);
    db.close();
    const copy = join(dir, 'copy.sqlite');
    copyFileSync(path, copy);
    let error: unknown;
    try {
      Store.open(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('database-from-future');
    expect((error as AppError).message).toContain('future.sqlite');
    expect(readFileSync(path).equals(readFileSync(copy))).toBe(true);
  });

  it('names the file when it is not a database at all', () => {
    const path = join(dir, 'notes.sqlite');
    writeFileSync(path, 'this is not SQLite '.repeat(100));
    expect(() => Store.open(path)).toThrow(/notes\.sqlite: cannot use the database/);
  });
});
