import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedEntry } from '../../../src-shared/domain';
import { SearchIndex } from '../../../src-main/services/search';
import { Store } from '../../../src-main/services/store';
import { tempDir } from '../../helpers';
import { parsedEntry } from '../../factories';

let store: Store;
let index: SearchIndex;
let cleanup: () => void;

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = Store.open(join(t.dir, 'db.sqlite'));
  index = new SearchIndex(store);
});
afterEach(() => {
  store.close();
  cleanup();
});

const entry = (name: string): ParsedEntry =>
  parsedEntry({ name, purpose: 'Hosting', countries: ['IE'] });

function importList(vendor: string, importedAt: string, names: string[]): number {
  return store.transaction(() => {
    const vendorId = store.findOrCreateVendor(vendor, importedAt).id;
    const id = store.insertSnapshot({
      vendorId,
      fileName: `${vendor}.txt`,
      mediaType: 'text/plain',
      format: 'text',
      sha256: `${vendor}-${importedAt}`,
      originalBytes: new Uint8Array(0),
      sourceText: names.join('\n'),
      importedAt,
      lastUpdated: null,
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
  });
}

/** Fuzzy hits only, as "title @ vendor", so FTS prefix matches do not hide what fuse found. */
const fuzzy = (q: string): string[] =>
  index
    .query(q)
    .filter((h) => h.match === 'fuzzy')
    .map((h) => `${h.title} @ ${h.vendorName}`);

describe('search index updates', () => {
  it('lists a name used by several vendors once per vendor', () => {
    importList('Acme', '2025-01-01T00:00:00Z', ['Salesforce', 'Stripe']);
    importList('Beta', '2025-01-01T00:00:00Z', ['Salesforce']);
    expect(fuzzy('salesfroce')).toEqual(['Salesforce @ Acme', 'Salesforce @ Beta']);
  });

  it('lists a name printed twice in one list once for that vendor', () => {
    importList('Acme', '2025-01-01T00:00:00Z', ['Salesforce', 'Stripe', 'Salesforce']);
    expect(fuzzy('salesfroce')).toEqual(['Salesforce @ Acme']);
  });

  it('follows a re-import of one vendor and leaves the others as they were', () => {
    importList('Acme', '2025-01-01T00:00:00Z', ['Salesforce', 'Zendesk']);
    importList('Beta', '2025-01-01T00:00:00Z', ['Salesforce']);
    expect(fuzzy('salesfroce')).toHaveLength(2);
    importList('Acme', '2025-02-01T00:00:00Z', ['Zendesk', 'Mailchimp']);
    expect(fuzzy('salesfroce')).toEqual(['Salesforce @ Beta']);
    expect(fuzzy('Mailchmp')).toEqual(['Mailchimp @ Acme']);
    expect(fuzzy('Zendsek')).toEqual(['Zendesk @ Acme']);
  });

  it('ignores a snapshot imported with an older date than the latest', () => {
    importList('Acme', '2025-02-01T00:00:00Z', ['Salesforce']);
    expect(fuzzy('salesfroce')).toEqual(['Salesforce @ Acme']);
    importList('Acme', '2025-01-01T00:00:00Z', ['Mailchimp']);
    expect(fuzzy('salesfroce')).toEqual(['Salesforce @ Acme']);
    expect(fuzzy('Mailchmp')).toEqual([]);
  });

  it('falls back to the previous snapshot when the latest is deleted, and forgets a deleted vendor', () => {
    importList('Acme', '2025-01-01T00:00:00Z', ['Salesforce']);
    const newer = importList('Acme', '2025-02-01T00:00:00Z', ['Mailchimp']);
    importList('Beta', '2025-01-01T00:00:00Z', ['Mailchimp']);
    expect(fuzzy('salesfroce')).toEqual([]);
    store.db.prepare('DELETE FROM snapshots WHERE id = ?').run(newer);
    expect(fuzzy('salesfroce')).toEqual(['Salesforce @ Acme']);
    expect(fuzzy('Mailchmp')).toEqual(['Mailchimp @ Beta']);
    expect(index.query('Bta').map((h) => h.vendorName)).toContain('Beta');
    store.db.prepare("DELETE FROM vendors WHERE name = 'Beta'").run();
    expect(fuzzy('Mailchmp')).toEqual([]);
    expect(index.query('Bta').map((h) => h.vendorName)).not.toContain('Beta');
  });
});
