import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { extractDocument, PARSER_VERSION } from '../../src-main/services/extract';
import { ParsePool } from '../../src-main/services/import';
import { CORPUS_DIR, ROOT_DIR } from '../helpers';

const WORKER = join(ROOT_DIR, 'out', 'main', 'parse-worker.js');
const pool = new ParsePool(WORKER, { version: PARSER_VERSION, size: 1 });
afterAll(() => pool.close());

describe('parsing in worker threads (built worker)', () => {
  it('gives the same document as parsing in-process', async () => {
    const file = join(CORPUS_DIR, 'real', 'retool.md');
    const bytes = new Uint8Array(readFileSync(file));
    const [inWorker, inProcess] = await Promise.all([
      pool.parse({ fileName: 'retool.md', bytes }),
      extractDocument({ fileName: 'retool.md', bytes }),
    ]);
    expect(inWorker).toEqual(inProcess);
    expect(bytes.byteLength).toBeGreaterThan(0); // the caller's bytes were not transferred away
  });

  it('parses a PDF as in-process, and pages after it too (pdf.js polyfills undone in the worker)', async () => {
    const read = (name: string) => new Uint8Array(readFileSync(join(CORPUS_DIR, 'real', name)));
    const pdf = read('retool-print.pdf');
    const page = read('zed.md');
    const [pdfInWorker, pageInWorker] = await Promise.all([
      pool.parse({ fileName: 'retool-print.pdf', bytes: pdf }),
      pool.parse({ fileName: 'zed.md', bytes: page }),
    ]);
    expect(pdfInWorker.entries.length).toBeGreaterThan(0);
    expect(pdfInWorker).toEqual(
      await extractDocument({ fileName: 'retool-print.pdf', bytes: pdf }),
    );
    expect(pageInWorker).toEqual(await extractDocument({ fileName: 'zed.md', bytes: page }));
  });

  it('passes the parser error back with the file name', async () => {
    const err = await pool
      .parse({ fileName: 'junk.pdf', bytes: new TextEncoder().encode('%PDF-1.4 junk') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).file).toBe('junk.pdf');
  });

  it('stops a parse that runs past its time limit and keeps working afterwards', async () => {
    const big = new TextEncoder().encode(
      'Name | Purpose | Location\n'.concat('Acme | Hosting | US\n'.repeat(20_000)),
    );
    const err = await pool
      .parse({ fileName: 'slow.txt', bytes: big }, { timeoutMs: 1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/slow\.txt: parsing took longer than 1 s/);
    // The stuck worker was replaced: the same pool parses the next file.
    const ok = await pool.parse({
      fileName: 'zed.md',
      bytes: new Uint8Array(readFileSync(join(CORPUS_DIR, 'real', 'zed.md'))),
    });
    expect(ok.entries.length).toBeGreaterThan(0);
  });

  it('parses several files at once in order of request', async () => {
    const names = ['zed.md', 'range.md', 'zulip.md'];
    const docs = await Promise.all(
      names.map((n) =>
        pool.parse({
          fileName: n,
          bytes: new Uint8Array(readFileSync(join(CORPUS_DIR, 'real', n))),
        }),
      ),
    );
    expect(docs.map((d) => d.format)).toEqual(['markdown', 'markdown', 'markdown']);
  });
});
