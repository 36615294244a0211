/**
 * Hostile and pathological files, imported the way the app imports them: through the real handler
 * table, parsing in-process (the CLI) and in the built parse worker pool (desktop and browser
 * mode). What a user would notice is asserted: a clear error naming the file, or a clean import;
 * bounded time; and on failure a database exactly as it was.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { Handlers } from '../../../src-shared/ipc';
import { openAppContext } from '../../../src-main/services/app/context';
import { createHandlers, type AppContext } from '../../../src-main/services/app/handlers';
import { PARSER_VERSION } from '../../../src-main/services/extract';
import { ParsePool } from '../../../src-main/services/import';
import { CORPUS_DIR, FIXTURES_DIR, ROOT_DIR, tempDir } from '../../helpers';
import { docxBomb, zipBombHtml } from './hostile-inputs';

const WORKER = join(ROOT_DIR, 'out', 'main', 'parse-worker.js');
const HOSTILE = join(FIXTURES_DIR, 'hostile');
const MB = 1024 * 1024;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function requireBuild(): void {
  if (!existsSync(WORKER)) {
    throw new Error(`${WORKER} is missing: run npm run build (CI builds before the tests)`);
  }
}

/** Deterministic pseudo-random bytes (xorshift), so a failure can be reproduced. */
function randomBytes(n: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function tablePage(rows: number): Uint8Array {
  const body = Array.from(
    { length: rows },
    (_, i) => `<tr><td>Vendor ${i} Inc.</td><td>Hosting</td><td>United States</td></tr>`,
  ).join('\n');
  return enc(
    `<!DOCTYPE html><html><body><h1>Subprocessors</h1><table><tr><th>Subprocessor</th><th>Purpose</th><th>Location</th></tr>\n${body}</table></body></html>`,
  );
}

interface Harness {
  ctx: AppContext;
  handlers: Handlers;
  dbPath: string;
}

/** Counts snapshots through a separate read-only connection: what is on disk, not in a cache. */
function fileSnapshotCount(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM snapshots').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

type Attempt = { ms: number } & (
  { ok: true; outcome: ImportOutcome } | { ok: false; error: unknown }
);

/** Imports through the handler table and checks the database did not change when it failed. */
async function attempt(h: Harness, fileName: string, bytes: Uint8Array): Promise<Attempt> {
  const counts = h.ctx.store.counts();
  const onDisk = fileSnapshotCount(h.dbPath);
  const t0 = performance.now();
  try {
    const outcome = await h.handlers['snapshots.import']({ fileName, bytes });
    return { ok: true, outcome, ms: performance.now() - t0 };
  } catch (error) {
    const ms = performance.now() - t0;
    expect(h.ctx.store.counts(), `${fileName}: the failed import changed the database`).toEqual(
      counts,
    );
    expect(fileSnapshotCount(h.dbPath)).toBe(onDisk);
    return { ok: false, error, ms };
  }
}

/** The refusal a user reads: an AppError naming the file, not an internal error. */
function expectRefusal(a: Attempt, fileName: string, reason: RegExp): AppError {
  if (a.ok) throw new Error(`${fileName} was imported (${a.outcome.message}); expected a refusal`);
  expect(a.error).toBeInstanceOf(AppError);
  const e = a.error as AppError;
  expect(e.code).not.toBe('internal');
  expect(e.file).toBe(fileName);
  expect(e.reason).toMatch(reason);
  return e;
}

function expectImported(a: Attempt): ImportOutcome {
  if (!a.ok) throw a.error;
  expect(a.outcome.status).toBe('imported');
  return a.outcome;
}

const PATHS = [
  { label: 'in-process parser (CLI)', pool: false },
  { label: 'built worker pool (app)', pool: true },
] as const;

describe.each(PATHS)('hostile input through the handler table, $label', ({ pool }) => {
  let h: Harness;
  let cleanup: () => void;
  beforeAll(() => {
    if (pool) requireBuild();
    let dir: string;
    ({ dir, cleanup } = tempDir('dpa-hostile-'));
    const dbPath = join(dir, 'db.sqlite');
    const ctx = openAppContext({
      databasePath: dbPath,
      mode: 'cli',
      version: 'test',
      resourcesDir: join(ROOT_DIR, 'resources'),
      ...(pool ? { parseWorkerPath: WORKER } : {}),
    });
    h = { ctx, handlers: createHandlers(ctx), dbPath };
  });
  afterAll(async () => {
    await h.ctx.dispose();
    cleanup();
  });

  it('refuses a corrupt PDF', { timeout: 15_000 }, async () => {
    const bytes = enc(`%PDF-1.7\n1 0 obj <<< /Type /Catalog ${'garbage '.repeat(500)}`);
    expectRefusal(await attempt(h, 'corrupt.pdf', bytes), 'corrupt.pdf', /damaged/);
  });

  it('refuses a truncated real PDF, or imports what survives', { timeout: 15_000 }, async () => {
    const full = readFileSync(join(CORPUS_DIR, 'real', 'retool-print.pdf'));
    const half = new Uint8Array(full.subarray(0, Math.floor(full.length / 2)));
    const a = await attempt(h, 'retool-half.pdf', half);
    // pdf.js rebuilds a broken cross-reference table, so some pages may still be readable; either
    // outcome is honest as long as it is clean.
    if (a.ok) {
      expect(a.outcome.status).toBe('imported');
    } else {
      expectRefusal(a, 'retool-half.pdf', /damaged|no text layer/);
    }
  });

  it('refuses an encrypted PDF, saying so', { timeout: 15_000 }, async () => {
    const bytes = new Uint8Array(readFileSync(join(HOSTILE, 'encrypted.pdf')));
    expectRefusal(await attempt(h, 'encrypted.pdf', bytes), 'encrypted.pdf', /encrypted/);
  });

  it('refuses an image-only PDF, suggesting OCR', { timeout: 15_000 }, async () => {
    const bytes = new Uint8Array(readFileSync(join(HOSTILE, 'image-only.pdf')));
    expectRefusal(await attempt(h, 'scan.pdf', bytes), 'scan.pdf', /no text layer.*OCR/);
  });

  it('refuses a zip bomb named .html without inflating it', { timeout: 20_000 }, async () => {
    const bytes = new Uint8Array(await zipBombHtml());
    const a = await attempt(h, 'page.html', bytes);
    expectRefusal(a, 'page.html', /binary/);
    expect(a.ms).toBeLessThan(5_000);
  });

  it('refuses a 200 MB file at once, before parsing', { timeout: 15_000 }, async () => {
    // calloc'd zeros: no 200 MB ever goes to disk, and allocating it is near-instant.
    const bytes = new Uint8Array(200 * MB);
    const a = await attempt(h, 'huge.html', bytes);
    const e = expectRefusal(a, 'huge.html', /200\.0 MB; the limit is 20 MB/);
    expect(e.code).toBe('file-too-large');
    expect(a.ms).toBeLessThan(2_000);
  });

  it.each([
    ['noise.html', 4096],
    ['noise.txt', 64 * 1024],
    ['noise.csv', 1 * MB],
  ])('refuses random bytes as %s', { timeout: 15_000 }, async (name, size) => {
    expectRefusal(await attempt(h, name, randomBytes(size)), name, /binary/);
  });

  it('imports a page in invalid UTF-8 as windows-1252 text', { timeout: 15_000 }, async () => {
    const latin1 = Buffer.from(
      'Subprocessors\n\nName | Purpose | Location\n--- | --- | ---\nCaf\xe9 Cloud SARL | H\xe9bergement | France\nM\xfcller GmbH | Support | Germany\n',
      'latin1',
    );
    const out = expectImported(await attempt(h, 'latin1.md', new Uint8Array(latin1)));
    const { entries } = await h.handlers['entries.list']({ snapshotId: out.snapshot.id });
    expect(entries.map((e) => e.legalEntity ?? e.name)).toEqual(['Café Cloud SARL', 'Müller GmbH']);
  });

  it('imports 20,000 table rows in bounded time', { timeout: 60_000 }, async () => {
    const out = expectImported(await attempt(h, 'long.html', tablePage(20_000)));
    expect(out.snapshot.entryCount).toBe(20_000);
  });

  it(
    'survives HTML nested 10,000 levels deep: database unchanged, next import works',
    { timeout: 30_000 },
    async () => {
      const bytes = enc(`<html><body>${'<div>'.repeat(10_000)}Acme Hosting Inc.</body></html>`);
      const a = await attempt(h, 'deep.html', bytes);
      expect(a.ms).toBeLessThan(20_000);
      const next = await attempt(
        h,
        'zed.md',
        new Uint8Array(readFileSync(join(CORPUS_DIR, 'real', 'zed.md'))),
      );
      expectImported(next);
    },
  );

  // FINDING (parser owner): the HTML reader walks the DOM recursively (walkBlocks/collectInline in
  // src-main/services/extract/readers/html-reader.ts). On the main thread's ~1 MB stack, ~10,000
  // nested elements (<div>, <span>, <b>, <ul><li>, <table><tr><td>) throw RangeError "Maximum call
  // stack size exceeded", which `dpa import`/`dpa parse` (in-process parsing) report as an internal
  // error without the file's name. The worker pool's larger stack copes at this depth today. Fix:
  // an explicit stack in the walkers, or a depth cap with an AppError. Un-skip when fixed.
  it('refuses or imports HTML nested 10,000 levels deep, naming the file', async () => {
    const bytes = enc(`<html><body>${'<div>'.repeat(10_000)}Acme Hosting Inc.</body></html>`);
    const a = await attempt(h, 'deep.html', bytes);
    if (!a.ok) expectRefusal(a, 'deep.html', /./);
  });

  it('imports a recipe page with zero entries and says why', { timeout: 15_000 }, async () => {
    const bytes = enc(
      '<html><body><h1>Apple pie</h1><h2>Ingredients</h2><ul><li>6 apples</li><li>250 g flour</li></ul><h2>Method</h2><p>Bake at 180 °C for 45 minutes.</p></body></html>',
    );
    const a = await attempt(h, 'apple-pie.html', bytes);
    if (a.ok) {
      expect(a.outcome.snapshot.entryCount).toBe(0);
      expect(a.outcome.message).toMatch(/no sub-processors were found \(.+\)/);
    } else {
      expectRefusal(a, 'apple-pie.html', /sub-processor/);
    }
  });

  // FINDING (parser owner): a recipe page with a two-column nutrition table
  // (tests/fixtures/hostile/recipe.html) imports "Energy" and "Fat" as sub-processors, with no
  // warning: any table whose first column holds short names is read as a sub-processor list.
  // Un-skip when the parser asks for sub-processor cues (a header such as "Subprocessor"/"Vendor",
  // a legal form, a purpose or location column) before accepting a table.
  it('imports a recipe page with a nutrition table with zero entries', async () => {
    const bytes = new Uint8Array(readFileSync(join(HOSTILE, 'recipe.html')));
    const out = expectImported(await attempt(h, 'recipe.html', bytes));
    expect(out.snapshot.entryCount).toBe(0);
  });

  it('stores only the text of script, event-handler, javascript:, iframe and SVG payloads', async () => {
    const bytes = new Uint8Array(readFileSync(join(HOSTILE, 'script-payloads.html')));
    const parsed = await h.handlers['documents.parse']({ fileName: 'payloads.html', bytes });
    const out = expectImported(await attempt(h, 'payloads.html', bytes));
    const { entries } = await h.handlers['entries.list']({ snapshotId: out.snapshot.id });
    expect(entries.map((e) => e.legalEntity ?? e.name)).toEqual([
      'Acme Hosting Inc.',
      'Mailer Ltd',
      'Evil Analytics LLC',
      'Frame Co',
      'Vector Graphics SAS',
      'Plugin Systems Inc.',
    ]);
    expect(entries.map((e) => e.purpose)).toEqual([
      'Hosting',
      'Email delivery',
      'Product analytics',
      'Customer support',
      'Image processing',
      'Monitoring',
    ]);
    for (const list of [parsed.entries, entries]) {
      for (const e of list) {
        for (const v of [e.name, e.legalEntity, e.purpose, e.section, ...e.dataCategories]) {
          if (v === null) continue;
          expect(typeof v).toBe('string');
          expect(v).not.toMatch(/[<>]|javascript:|onerror|onload|alert\(|script/i);
        }
      }
    }
    // The stored page text is the visible text: no script bodies or markup were kept.
    const source = await h.handlers['snapshots.source']({ snapshotId: out.snapshot.id });
    expect(source.text).not.toMatch(/alert|<script|onerror|evil\.example/i);
  });
});

describe('hostile input straight to the built worker pool', () => {
  let pool: ParsePool;
  beforeAll(() => {
    requireBuild();
    pool = new ParsePool(WORKER, { version: PARSER_VERSION, size: 1 });
  });
  afterAll(() => pool.close());

  it('refuses a 200 MB buffer in the worker too', { timeout: 15_000 }, async () => {
    const err = await pool
      .parse({ fileName: 'huge.txt', bytes: new Uint8Array(200 * MB) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('file-too-large');
  });

  it.each(['bomb.docx', 'bomb.html'])(
    'stops a DOCX zip bomb named %s at the per-file time limit, then keeps working',
    { timeout: 30_000 },
    async (name) => {
      // 32 MB of document.xml in a ~120 kB file: mammoth inflates and converts all of it.
      const bytes = new Uint8Array(await docxBomb(32));
      const t0 = performance.now();
      const err = await pool.parse({ fileName: name, bytes }, { timeoutMs: 4_000 }).then(
        (doc) => new Error(`parsed with ${doc.entries.length} entries`),
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).file).toBe(name);
      expect(performance.now() - t0).toBeLessThan(10_000);
      const ok = await pool.parse({
        fileName: 'zed.md',
        bytes: new Uint8Array(readFileSync(join(CORPUS_DIR, 'real', 'zed.md'))),
      });
      expect(ok.entries.length).toBeGreaterThan(0);
    },
  );

  // FINDING (parser owner): DOCX inflation is unbounded. docxToHtml hands the archive to mammoth,
  // which inflates word/document.xml whole (JSZip) and converts it: a 57 kB file holding 16 MB of
  // XML takes ~19 s in-process; a 0.9 MB file holding 256 MB of XML ran > 5 min and grew past
  // 4.4 GB RSS. Outside a worker (dpa import/parse, the app without a parse worker) nothing stops
  // it; in the pool only the 60 s timeout does, after gigabytes of memory. Fix in docx-reader.ts:
  // read the ZIP central directory first and refuse (AppError 'file-unreadable', naming the file)
  // when the uncompressed sizes sum past a bound (e.g. 50 MB), before calling mammoth; also cap
  // while inflating, since a central directory can lie. Un-skip when fixed.
  it('refuses a DOCX bomb quickly, in-process, naming the file', async () => {
    const { extractDocument } = await import('../../../src-main/services/extract');
    const err = await extractDocument({ fileName: 'bomb.docx', bytes: await docxBomb(256) }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).file).toBe('bomb.docx');
  });
});
