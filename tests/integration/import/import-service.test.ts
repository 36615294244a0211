import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedDocument, ParsedEntry } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { importFile, type Parser } from '../../../src-main/services/import';
import { Store } from '../../../src-main/services/store';
import { tempDir } from '../../helpers';
import { parsedEntry } from '../../factories';

let dir: string;
let cleanup: () => void;
let store: Store;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  store = Store.open(join(dir, 'db.sqlite'));
});
afterEach(() => {
  store.close();
  cleanup();
});

function entry(name: string, over: Partial<ParsedEntry> = {}): ParsedEntry {
  return parsedEntry({
    name,
    purpose: 'Hosting',
    countries: ['US'],
    transfer: ['SCC'],
    provenance: { name: [{ start: 0, end: name.length }] },
    ...over,
  });
}

/** A real parser implementation that turns each line "Name" into an entry, for store behaviour tests. */
function lineParser(extra: ParsedEntry[] = []): Parser {
  return {
    version: 'test-1',
    parse: async ({ bytes }): Promise<ParsedDocument> => {
      const text = new TextDecoder().decode(bytes);
      const entries = text
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => entry(l.trim()));
      return {
        format: 'text',
        text,
        publisher: 'Acme',
        lastUpdated: '2026-01-02',
        noticeDays: 30,
        noticeBusinessDays: false,
        objectionDays: null,
        url: null,
        entries: [...entries, ...extra],
        warnings: [],
      };
    },
  };
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('importing a file', () => {
  it('stores vendor, snapshot with the original bytes, and entries', async () => {
    const out = await importFile(store, lineParser(), {
      fileName: 'acme.txt',
      bytes: bytes('AWS\nStripe\n'),
    });
    expect(out.status).toBe('imported');
    expect(out.vendor.name).toBe('Acme');
    expect(out.snapshot).toMatchObject({
      fileName: 'acme.txt',
      lastUpdated: '2026-01-02',
      noticeDays: 30,
      entryCount: 2,
      byteLength: 11,
    });
    expect(store.listEntries(out.snapshot.id).map((e) => e.name)).toEqual(['AWS', 'Stripe']);
    expect(new TextDecoder().decode(store.getSnapshotSource(out.snapshot.id)?.bytes)).toBe(
      'AWS\nStripe\n',
    );
  });

  it('reports the snapshot exactly as it reads back, and hands the same to onStored', async () => {
    const seen: { snapshot: unknown; entries: unknown; isFirstSnapshot: boolean }[] = [];
    const warned: Parser = {
      version: 'test-2',
      parse: async (input) => ({
        ...(await lineParser().parse(input)),
        noticeBusinessDays: true,
        objectionDays: 14,
        warnings: ['one table had no header'],
      }),
    };
    const out = await importFile(
      store,
      warned,
      { fileName: 'acme.md', bytes: bytes('AWS\nStripe\nZoom\n') },
      { onStored: (_id, stored) => seen.push(stored) },
    );
    expect(out.snapshot).toEqual(store.getSnapshot(out.snapshot.id));
    expect(seen).toEqual([
      {
        snapshot: out.snapshot,
        entries: store.listEntries(out.snapshot.id),
        isFirstSnapshot: true,
      },
    ]);
    const second = await importFile(
      store,
      warned,
      { fileName: 'acme-v2.md', bytes: bytes('AWS\nStripe\n') },
      { onStored: (_id, stored) => seen.push(stored) },
    );
    expect(second.isFirstSnapshot).toBe(false);
    expect(seen[1]).toMatchObject({ snapshot: second.snapshot, isFirstSnapshot: false });
  });

  it('reports identical bytes for the same vendor as a duplicate and stores nothing new', async () => {
    const p = lineParser();
    await importFile(store, p, { fileName: 'a.txt', bytes: bytes('AWS\n'), vendorName: 'Acme' });
    const before = store.counts();
    const again = await importFile(store, p, {
      fileName: 'a-copy.txt',
      bytes: bytes('AWS\n'),
      vendorName: 'acme ',
    });
    expect(again.status).toBe('duplicate');
    expect(again.message).toContain('a-copy.txt');
    expect(again.message).toContain('a.txt');
    expect(store.counts()).toEqual(before);
  });

  it('keeps the same bytes for a different vendor as a separate snapshot', async () => {
    const p = lineParser();
    await importFile(store, p, { fileName: 'a.txt', bytes: bytes('AWS\n'), vendorName: 'Acme' });
    const other = await importFile(store, p, {
      fileName: 'a.txt',
      bytes: bytes('AWS\n'),
      vendorName: 'Beta',
    });
    expect(other.status).toBe('imported');
    expect(store.counts()).toEqual({ vendors: 2, snapshots: 2, entries: 2 });
  });

  it('rolls back vendor, snapshot and entries when one entry cannot be stored', async () => {
    await importFile(store, lineParser(), { fileName: 'first.txt', bytes: bytes('AWS\n') });
    const before = store.counts();
    // The third entry violates the status constraint after vendor, snapshot and two entries were written.
    const bad = lineParser([entry('Broken', { status: 'bogus' as never })]);
    await expect(
      importFile(store, bad, {
        fileName: 'second.txt',
        bytes: bytes('A\nB\n'),
        vendorName: 'New Co',
      }),
    ).rejects.toThrow(/second\.txt: could not be stored, nothing was changed/);
    expect(store.counts()).toEqual(before);
    expect(store.findVendorByName('New Co')).toBeUndefined();
  });

  it('changes nothing when the parser rejects the file', async () => {
    const failing: Parser = {
      version: 'x',
      parse: async () => {
        throw new AppError('pdf-unreadable', 'the PDF is encrypted', { file: 'locked.pdf' });
      },
    };
    await expect(
      importFile(store, failing, { fileName: 'locked.pdf', bytes: bytes('%PDF-1.7') }),
    ).rejects.toThrow('locked.pdf: the PDF is encrypted');
    expect(store.counts()).toEqual({ vendors: 0, snapshots: 0, entries: 0 });
  });

  it.each([
    ['an empty file', new Uint8Array(), /empty\.txt: the file is empty/],
    ['a file over 20 MB', new Uint8Array(20 * 1024 * 1024 + 1), /big\.txt: the file is 20\.0 MB/],
  ])('refuses %s with its name and the reason', async (_what, data, message) => {
    const name = data.length ? 'big.txt' : 'empty.txt';
    await expect(importFile(store, lineParser(), { fileName: name, bytes: data })).rejects.toThrow(
      message,
    );
    expect(store.counts().snapshots).toBe(0);
  });

  it('suggests the vendor from the page, then from the file name', async () => {
    const noPublisher: Parser = {
      version: 't',
      parse: async (i) => ({ ...(await lineParser().parse(i)), publisher: null }),
    };
    const out = await importFile(store, noPublisher, {
      fileName: 'zed-subprocessors.md',
      bytes: bytes('X\n'),
    });
    expect(out.vendor.name).toBe('zed subprocessors');
  });
});
