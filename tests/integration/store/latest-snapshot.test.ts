import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedEntry } from '../../../src-shared/domain';
import { MIGRATIONS, Store } from '../../../src-main/services/store';
import { tempDir } from '../../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const entry = (name: string): ParsedEntry => ({
  name,
  legalEntity: null,
  purpose: 'Hosting',
  dataCategories: [],
  countries: ['DE'],
  transfer: [],
  status: 'active',
  section: null,
  nameOnPage: true,
  confidence: 1,
  confidenceReasons: [],
  provenance: {},
});

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
    expect(searchNames(store, '"zendesk"*')).toEqual([]);
    store.close();
  });
});
