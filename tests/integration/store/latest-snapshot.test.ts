import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedEntry } from '../../../src-shared/domain';
import { MIGRATIONS, Store } from '../../../src-main/services/store';
import { tempDir } from '../../helpers';
import { parsedEntry } from '../../factories';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const entry = (name: string): ParsedEntry => parsedEntry({ name, purpose: 'Hosting' });

function addSnapshot(store: Store, vendorId: number, importedAt: string, names: string[]): number {
  const id = store.insertSnapshot({
    vendorId,
    fileName: `${importedAt}.txt`,
    mediaType: 'text/plain',
    format: 'text',
    sha256: importedAt,
    originalBytes: new Uint8Array(0),
    sourceText: names.join('\n'),
    importedAt,
    lastUpdated: importedAt.slice(0, 10),
    noticeDays: null,
    noticeBusinessDays: false,
    objectionDays: null,
    publisher: null,
    pageUrl: null,
    parserVersion: 'test',
    warnings: [],
  });
  names.forEach((n, i) => store.insertEntry(id, i, entry(n)));
  return id;
}

const searchNames = (store: Store, match: string): string[] =>
  store.searchEntries(match, 20).map((r) => r.name);

describe("a vendor's latest snapshot", () => {
  it('is the newest by import time, whatever order snapshots are stored in', () => {
    const store = Store.open(join(dir, 'a.sqlite'));
    const acme = store.findOrCreateVendor('Acme', '2025-01-01T00:00:00Z').id;
    expect(store.latestSnapshotIds().get(acme)).toBeNull();
    const newer = addSnapshot(store, acme, '2025-03-01T00:00:00Z', ['Stripe', 'Mailgun']);
    addSnapshot(store, acme, '2025-02-01T00:00:00Z', ['Zendesk']);
    expect(store.latestSnapshotIds().get(acme)).toBe(newer);
    expect(store.getVendor(acme)).toMatchObject({ entryCount: 2, lastUpdated: '2025-03-01' });
    expect(searchNames(store, '"stripe"*')).toEqual(['Stripe']);
    expect(searchNames(store, '"zendesk"*')).toEqual([]);
    expect(store.latestEntryNames().map((n) => n.name)).toEqual(['Mailgun', 'Stripe']);
    store.close();
  });

  it('falls back to the previous snapshot when the latest is deleted, and to none', () => {
    const store = Store.open(join(dir, 'a.sqlite'));
    const acme = store.findOrCreateVendor('Acme', '2025-01-01T00:00:00Z').id;
    const older = addSnapshot(store, acme, '2025-02-01T00:00:00Z', ['Zendesk']);
    const newer = addSnapshot(store, acme, '2025-03-01T00:00:00Z', ['Stripe']);
    store.db.prepare('DELETE FROM snapshots WHERE id = ?').run(newer);
    expect(store.latestSnapshotIds().get(acme)).toBe(older);
    expect(searchNames(store, '"zendesk"*')).toEqual(['Zendesk']);
    expect(searchNames(store, '"stripe"*')).toEqual([]);
    store.db.prepare('DELETE FROM snapshots WHERE id = ?').run(older);
    expect(store.latestSnapshotIds().get(acme)).toBeNull();
    expect(store.getVendor(acme)).toMatchObject({ entryCount: 0, snapshotCount: 0 });
    store.close();
  });

  it('is filled in for snapshots stored before the upgrade', () => {
    const path = join(dir, 'old.sqlite');
    const old = Store.open(path, { migrations: MIGRATIONS.filter((m) => m.version < 80) });
    const acme = old.findOrCreateVendor('Acme', '2025-01-01T00:00:00Z').id;
    const beta = old.findOrCreateVendor('Beta', '2025-01-01T00:00:00Z').id;
    const newer = addSnapshot(old, acme, '2025-03-01T00:00:00Z', ['Stripe']);
    addSnapshot(old, acme, '2025-02-01T00:00:00Z', ['Zendesk']);
    old.close();
    const store = Store.open(path);
    expect(store.latestSnapshotIds()).toEqual(
      new Map([
        [acme, newer],
        [beta, null],
      ]),
    );
    expect(searchNames(store, '"stripe"*')).toEqual(['Stripe']);
    expect(searchNames(store, '"s"*')).toEqual(['Stripe']);
    expect(searchNames(store, '"zendesk"*')).toEqual([]);
    store.close();
  });
});

describe('ranking only the newest matches', () => {
  const ids = (rows: { entryId: number }[]): number[] => rows.map((r) => r.entryId).sort();

  it('ranks every match when there are no more than the window', () => {
    const store = Store.open(join(dir, 'a.sqlite'));
    const acme = store.findOrCreateVendor('Acme', '2025-01-01T00:00:00Z').id;
    const names = Array.from({ length: 12 }, (_, i) => `Stripe ${'payments '.repeat(i)}`.trim());
    const snapshot = addSnapshot(store, acme, '2025-01-01T00:00:00Z', names);
    const stored = store.listEntries(snapshot).map((e) => e.id);
    const all = store.searchEntries('"stripe"*', 5, 1000);
    expect(store.searchEntries('"stripe"*', 5, 12)).toEqual(all);
    // The best five of the newest six only, which here are not the best five of all twelve.
    const newest = store.searchEntries('"stripe"*', 5, 6);
    expect(newest).toHaveLength(5);
    expect(ids(newest).every((id) => stored.slice(6).includes(id))).toBe(true);
    expect(ids(newest)).not.toEqual(ids(all));
    store.close();
  });

  it('ranks all matches when the newest ones are mostly from superseded snapshots', () => {
    const store = Store.open(join(dir, 'a.sqlite'));
    const acme = store.findOrCreateVendor('Acme', '2025-01-01T00:00:00Z').id;
    const beta = store.findOrCreateVendor('Beta', '2025-01-01T00:00:00Z').id;
    addSnapshot(store, acme, '2025-03-01T00:00:00Z', ['Stripe A', 'Stripe B', 'Stripe C']);
    addSnapshot(store, beta, '2025-03-01T00:00:00Z', ['Stripe D']);
    // Stored last (highest ids) but older than Beta's latest: never shown.
    const stale = Array.from({ length: 20 }, (_, i) => `Stripe old ${i}`);
    addSnapshot(store, beta, '2025-01-01T00:00:00Z', stale);
    const rows = store.searchEntries('"stripe"*', 10, 5);
    expect(rows.map((r) => r.name).sort()).toEqual([
      'Stripe A',
      'Stripe B',
      'Stripe C',
      'Stripe D',
    ]);
    expect(ids(rows)).toEqual(ids(store.searchEntries('"stripe"*', 10, 1000)));
    store.close();
  });
});
