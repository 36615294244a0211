/**
 * The batch import pipeline (`importBatch`) against a real SQLite file and the real parse worker
 * pool (out/main/parse-worker.js, from `electron-vite build`): results in file order, each file
 * all-or-nothing, duplicates inside the batch, cancel between files, and a bounded look-ahead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Entry, ParsedDocument } from '../../../src-shared/domain';
import { PARSER_VERSION } from '../../../src-main/services/extract';
import {
  importBatch,
  ParsePool,
  type BatchFileResult,
  type BatchItem,
  type Parser,
} from '../../../src-main/services/import';
import { loadResources } from '../../../src-main/services/resources';
import { evaluateAndStore, storeFlags } from '../../../src-main/services/review';
import { Store } from '../../../src-main/services/store';
import { FIXTURES_DIR, ROOT_DIR, tempDir } from '../../helpers';

const WORKER = join(ROOT_DIR, 'out', 'main', 'parse-worker.js');
const PAGES = join(FIXTURES_DIR, 'pages');
const resources = loadResources(join(ROOT_DIR, 'resources'));

let pool: ParsePool;
beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npx electron-vite build`);
  pool = new ParsePool(WORKER, { version: PARSER_VERSION, size: 1 });
});
afterAll(() => pool.close());

let dir: string;
let cleanup: () => void;
let store: Store;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('dpa-batch-'));
  store = Store.open(join(dir, 'db.sqlite'));
});
afterEach(() => {
  store.close();
  cleanup();
});

const page = (name: string, vendorName: string): BatchItem => ({
  fileName: name,
  bytes: new Uint8Array(readFileSync(join(PAGES, name))),
  vendorName,
});

const NOW = new Date('2026-03-01T00:00:00Z');
const onStored = (id: number, stored?: { entries: Entry[] }): void => {
  storeFlags({ store, resources, now: () => NOW }, id, stored);
};

/** Snapshots as another connection sees them: only what has been committed. */
function committedFiles(): string[] {
  const db = new Database(store.path, { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare('SELECT file_name AS f FROM snapshots ORDER BY id').all() as { f: string }[]
    ).map((r) => r.f);
  } finally {
    db.close();
  }
}

const FILES = [
  'flat-rows.txt',
  'sections.md',
  'spanned-table.html',
  'semicolons.csv',
  'statuses.md',
  'vendor-cards.html',
];

describe('importing a batch through the parse pool', () => {
  it('imports every file, reporting results in file order, each after its commit', async () => {
    const seen: { result: BatchFileResult; done: number; committed: string[] }[] = [];
    const results = await importBatch(
      store,
      pool,
      FILES.map((f, i) => page(f, `Vendor ${i}`)),
      {
        onStored,
        onResult: (result, done) => seen.push({ result, done, committed: committedFiles() }),
      },
    );
    expect(results.map((r) => [r.index, r.fileName, r.status])).toEqual(
      FILES.map((f, i) => [i, f, 'imported']),
    );
    expect(seen.map((s) => s.done)).toEqual(FILES.map((_, i) => i + 1));
    // A file reported imported is already on disk for any other connection.
    for (const s of seen) expect(s.committed).toContain(s.result.fileName);
    for (const r of results) {
      if (r.status !== 'imported') throw new Error(r.message);
      expect(r.outcome.snapshot.fileName).toBe(r.fileName);
      expect(r.outcome.isFirstSnapshot).toBe(true);
      // Flags were stored with the entries.
      expect(store.flagsPolicyVersion(r.outcome.snapshot.id)).toBeDefined();
    }
    expect(committedFiles()).toEqual(FILES);
  });

  it('stores the same flags from the entries it passes as a re-evaluation reading them back', async () => {
    const results = await importBatch(
      store,
      pool,
      [...FILES.map((f, i) => page(f, `Vendor ${i % 2}`))],
      { onStored },
    );
    const strip = (id: number) => store.listFlags(id).map(({ id: _id, ...f }) => f);
    let flags = 0;
    for (const r of results) {
      if (r.status !== 'imported') throw new Error(r.message);
      const id = r.outcome.snapshot.id;
      const fromImport = strip(id);
      flags += fromImport.length;
      evaluateAndStore({ store, resources, now: () => NOW }, id);
      expect(strip(id)).toEqual(fromImport);
    }
    expect(flags).toBeGreaterThan(0);
  });

  it('fails a bad file in the middle alone, naming it, and keeps nothing of it', async () => {
    const items = [
      page('flat-rows.txt', 'Alpha'),
      {
        fileName: 'broken.pdf',
        bytes: new TextEncoder().encode('%PDF-1.4 junk'),
        vendorName: 'Bad',
      },
      { fileName: 'empty.txt', bytes: new Uint8Array(0), vendorName: 'Empty' },
      page('sections.md', 'Beta'),
    ];
    const results = await importBatch(store, pool, items, { onStored });
    expect(results.map((r) => r.status)).toEqual(['imported', 'failed', 'failed', 'imported']);
    for (const r of results.filter((x) => x.status === 'failed')) {
      if (r.status !== 'failed') continue;
      expect(r.error.file).toBe(r.fileName);
      expect(r.message.startsWith(`${r.fileName}: `)).toBe(true);
    }
    expect(committedFiles()).toEqual(['flat-rows.txt', 'sections.md']);
    expect(store.findVendorByName('Bad')).toBeUndefined();
    expect(store.findVendorByName('Empty')).toBeUndefined();
  });

  it('rolls back only the file that fails while being stored, even inside a shared commit', async () => {
    const names = ['flat-rows.txt', 'sections.md', 'statuses.md'];
    const byName = new Map<string, ParsedDocument>();
    for (const f of names) {
      byName.set(
        f,
        await pool.parse({ fileName: f, bytes: new Uint8Array(readFileSync(join(PAGES, f))) }),
      );
    }
    // A parser that answers every file at once, so the whole batch lands in one transaction.
    const instant: Parser = {
      version: PARSER_VERSION,
      parse: ({ fileName }) => Promise.resolve(byName.get(fileName) as ParsedDocument),
    };
    let committedAtFirstResult: string[] | null = null;
    const results = await importBatch(
      store,
      instant,
      [page('flat-rows.txt', 'A'), page('sections.md', 'B'), page('statuses.md', 'C')],
      {
        lookAhead: 3,
        commitBudgetMs: 60_000,
        onStored: (id) => {
          if (store.getSnapshot(id)?.fileName === 'sections.md') {
            throw new Error('disk said no');
          }
          onStored(id);
        },
        onResult: () => {
          committedAtFirstResult ??= committedFiles();
        },
      },
    );
    expect(results.map((r) => r.status)).toEqual(['imported', 'failed', 'imported']);
    const failed = results[1] as Extract<BatchFileResult, { status: 'failed' }>;
    expect(failed.message).toMatch(/^sections\.md: could not be stored, nothing was changed/);
    // One commit for the three: the first result already sees both stored files.
    expect(committedAtFirstResult).toEqual(['flat-rows.txt', 'statuses.md']);
    expect(committedFiles()).toEqual(['flat-rows.txt', 'statuses.md']);
    expect(store.findVendorByName('B')).toBeUndefined();
    expect(store.counts().entries).toBe(
      (byName.get('flat-rows.txt')?.entries.length ?? 0) +
        (byName.get('statuses.md')?.entries.length ?? 0),
    );
  });

  it('reports a duplicate inside the same batch, and keeps the same bytes for another vendor', async () => {
    const results = await importBatch(
      store,
      pool,
      [page('sections.md', 'Acme'), page('sections.md', 'acme '), page('sections.md', 'Other')],
      { onStored },
    );
    expect(results.map((r) => r.status)).toEqual(['imported', 'duplicate', 'imported']);
    const [first, dup] = results;
    if (first?.status !== 'imported' || dup?.status !== 'duplicate') throw new Error('unexpected');
    expect(dup.outcome.snapshot.id).toBe(first.outcome.snapshot.id);
    expect(dup.message).toMatch(/^sections\.md: identical to the snapshot/);
    expect(store.counts().snapshots).toBe(2);
  });

  it('stops between files when cancelled, keeping only the files already committed', async () => {
    const abort = new AbortController();
    const results = await importBatch(
      store,
      pool,
      FILES.map((f, i) => page(f, `Vendor ${i}`)),
      {
        onStored,
        signal: abort.signal,
        onResult: (_r, done) => {
          if (done === 2) abort.abort();
        },
      },
    );
    expect(results).toHaveLength(FILES.length);
    expect(results.map((r) => r.index)).toEqual(FILES.map((_, i) => i));
    const imported = results.filter((r) => r.status === 'imported').map((r) => r.fileName);
    // Results come per commit: the cancel lands after the commit that reported the second file.
    expect(imported.length).toBeGreaterThanOrEqual(2);
    expect(imported.length).toBeLessThan(FILES.length);
    expect(results.slice(imported.length).every((r) => r.status === 'cancelled')).toBe(true);
    expect(results.at(-1)?.message).toBe(`${FILES.at(-1)}: not imported (cancelled)`);
    expect(committedFiles()).toEqual(imported);
  });

  it('fails every file, naming each, when the database cannot be written at all, and ends', async () => {
    // The database closed under the import (as during a restore's swap, or at shutdown): no
    // transaction can begin. The batch must report and end, not spin waiting for progress.
    store.close();
    const results = await importBatch(
      store,
      pool,
      FILES.slice(0, 3).map((f, i) => page(f, `Vendor ${i}`)),
    );
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    results.forEach((r, i) => expect(r.message.startsWith(`${FILES[i]}: `)).toBe(true));
    store = Store.open(join(dir, 'db.sqlite'));
    expect(store.counts().snapshots).toBe(0);
  });

  it('answers a cancel at once while a file is still being parsed', async () => {
    // A parser that never finishes the file (as a slow PDF up to its time limit).
    const stuck: Parser = { version: PARSER_VERSION, parse: () => new Promise(() => {}) };
    const abort = new AbortController();
    const running = importBatch(
      store,
      stuck,
      FILES.slice(0, 2).map((f, i) => page(f, `Vendor ${i}`)),
      { signal: abort.signal },
    );
    setTimeout(() => abort.abort(), 20);
    const results = await running;
    expect(results.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(store.counts().snapshots).toBe(0);
  });

  it('reads and parses at most lookAhead files ahead of the ones being written', async () => {
    const pending: { fileName: string; resolve: () => void }[] = [];
    const parsed = new Map<string, ParsedDocument>();
    for (const f of FILES) {
      parsed.set(
        f,
        await pool.parse({ fileName: f, bytes: new Uint8Array(readFileSync(join(PAGES, f))) }),
      );
    }
    // A parser that holds every file until the test lets it go.
    const held: Parser = {
      version: PARSER_VERSION,
      parse: ({ fileName }) =>
        new Promise((resolve) =>
          pending.push({
            fileName,
            resolve: () => resolve(parsed.get(fileName) as ParsedDocument),
          }),
        ),
    };
    let reads = 0;
    const items: BatchItem[] = FILES.map((f, i) => ({
      fileName: f,
      vendorName: `Vendor ${i}`,
      bytes: () => {
        reads++;
        return Promise.resolve(new Uint8Array(readFileSync(join(PAGES, f))));
      },
    }));
    const stored: string[] = [];
    const running = importBatch(store, held, items, {
      lookAhead: 2,
      onStored,
      onResult: (r) => stored.push(r.fileName),
    });
    const settle = () => new Promise((r) => setTimeout(r, 20));
    await settle();
    expect(pending.map((p) => p.fileName)).toEqual(FILES.slice(0, 2));
    expect(reads).toBe(2);
    // The second file finishing first changes nothing: the first is still being parsed.
    pending[1]?.resolve();
    await settle();
    expect(stored).toEqual([]);
    expect(pending).toHaveLength(2);
    // Both ready: both are written (one commit), and two more files start.
    pending[0]?.resolve();
    await settle();
    expect(stored).toEqual(FILES.slice(0, 2));
    expect(pending.map((p) => p.fileName)).toEqual(FILES.slice(0, 4));
    expect(reads).toBe(4);
    for (let i = 2; i < FILES.length; i++) {
      pending[i]?.resolve();
      await settle();
      expect(pending.length).toBeLessThanOrEqual(stored.length + 2);
    }
    const results = await running;
    expect(results.map((r) => r.status)).toEqual(FILES.map(() => 'imported'));
    expect(committedFiles()).toEqual(FILES);
  });
});
