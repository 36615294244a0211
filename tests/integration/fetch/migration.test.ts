/**
 * Migration 0060 (fetches) on a file at the previous version: rows survive, the table works, and
 * deleting a vendor removes its fetch history with it.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MIGRATIONS, Store } from '../../../src-main/services/store';
import { tempDir } from '../../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

it('migrates 50 → 60 keeping vendors and their URLs, then records fetches', () => {
  const path = join(dir, 'a.sqlite');
  const old = Store.open(path, { migrations: MIGRATIONS.filter((m) => m.version <= 50) });
  expect(old.schemaVersion()).toBe(50);
  const { id } = old.findOrCreateVendor('Acme', '2025-01-01T00:00:00Z');
  old.db.prepare('UPDATE vendors SET url = ? WHERE id = ?').run('https://acme.example/sub', id);
  old.close();

  // Exactly N → N+10: later migrations are tested on their own.
  const store = Store.open(path, { migrations: MIGRATIONS.filter((m) => m.version <= 60) });
  expect(store.schemaVersion()).toBe(60);
  expect(store.getVendor(id)?.url).toBe('https://acme.example/sub');
  const fetchId = store.insertFetch({
    vendorId: id,
    url: 'https://acme.example/sub',
    finalUrl: null,
    redirects: [],
    httpStatus: null,
    contentType: null,
    fetchedAt: '2025-06-05T10:00:00.000Z',
    bytesReceived: 0,
    outcome: 'failed',
    snapshotId: null,
    error: 'the host name could not be found',
  });
  expect(store.listFetches(id).map((f) => [f.id, f.outcome, f.error])).toEqual([
    [fetchId, 'failed', 'the host name could not be found'],
  ]);
  expect(() =>
    store.db
      .prepare(
        "INSERT INTO fetches (vendor_id, url, fetched_at, outcome) VALUES (?, 'u', 't', 'maybe')",
      )
      .run(id),
  ).toThrow(/CHECK constraint failed/);
  store.setVendorUrl(id, null);
  expect(store.getVendor(id)?.url).toBeNull();
  expect(() => store.setVendorUrl(9999, 'https://x.example')).toThrow('does not exist');
  store.db.prepare('DELETE FROM vendors WHERE id = ?').run(id);
  expect(store.listFetches(id)).toEqual([]);
  store.close();
});
