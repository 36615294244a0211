import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run';
import { CORPUS_DIR, tempDir } from '../../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function dpa(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) });
  return { code, out, err };
}

const seed = (n: string): string => join(CORPUS_DIR, 'seeds', n);
const SEED_A = seed('000_fbfb69c1abb446d8.txt');
const SEED_B = seed('003_458d3c97f3ac3f98.txt');

describe('dpa CLI', () => {
  it('imports files, lists vendors and prints entries as JSON', async () => {
    const db = join(dir, 'x.sqlite');
    const imp = await dpa('import', SEED_A, '--vendor', 'Junify', '--db', db);
    expect(imp.code).toBe(0);
    expect(imp.out).toMatch(/imported \d+ sub-processors → vendor "Junify"/);

    const vendors = await dpa('vendors', '--db', db, '--json');
    expect(vendors.code).toBe(0);
    const list = JSON.parse(vendors.out) as { name: string; entryCount: number }[];
    expect(list.map((v) => v.name)).toEqual(['Junify']);

    const entries = await dpa('entries', 'junify', '--db', db, '--json');
    expect(entries.code).toBe(0);
    const parsed = JSON.parse(entries.out) as { entries: { name: string }[] };
    expect(parsed.entries.length).toBe(list[0]?.entryCount);
    expect(parsed.entries.length).toBeGreaterThan(0);
  });

  it('reports a re-import of the same bytes as a duplicate', async () => {
    const db = join(dir, 'x.sqlite');
    await dpa('import', SEED_A, '--vendor', 'Junify', '--db', db);
    const again = await dpa('import', SEED_A, '--vendor', 'Junify', '--db', db);
    expect(again.code).toBe(0);
    expect(again.out).toContain('identical to the snapshot imported');
    const vendors = JSON.parse((await dpa('vendors', '--db', db, '--json')).out) as {
      snapshotCount: number;
    }[];
    expect(vendors[0]?.snapshotCount).toBe(1);
  });

  it('keeps going after a bad file, names it, and exits 1', async () => {
    const db = join(dir, 'x.sqlite');
    const bad = join(dir, 'broken.pdf');
    writeFileSync(bad, '%PDF-1.4 truncated');
    const r = await dpa('import', bad, SEED_B, '--vendor', 'Mixed', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('broken.pdf');
    expect(r.out).toContain('003_458d3c97f3ac3f98.txt: imported');
  });

  it('names a missing file and exits 1', async () => {
    const r = await dpa('parse', join(dir, 'nope.html'), '--json');
    expect(r.code).toBe(1);
    expect(r.err).toContain('nope.html: no such file');
  });

  it('creates no database file for a wrong call', async () => {
    const db = join(dir, 'never.sqlite');
    expect((await dpa('import', '--db', db)).code).toBe(2);
    expect((await dpa('entries', '--db', db)).code).toBe(2);
    expect(existsSync(db)).toBe(false);
  });

  it.each([
    [['frobnicate']],
    [['import', '--db', 'x']],
    [['parse']],
    [['vendors', '--bogus']],
    [[]],
  ])('exits 2 with usage for %j', async (argv) => {
    const r = await dpa(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage:');
  });

  it('parse --json prints the labelling fields with provenance and confidence', async () => {
    const r = await dpa('parse', SEED_A, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Record<string, unknown> & {
      entries: Record<string, unknown>[];
    };
    expect(doc).toHaveProperty('publisher');
    expect(doc).toHaveProperty('lastUpdated');
    expect(doc).toHaveProperty('noticeDays');
    expect(doc.entries.length).toBeGreaterThan(0);
    for (const k of [
      'name',
      'legalEntity',
      'purpose',
      'countries',
      'transfer',
      'status',
      'section',
    ]) {
      expect(doc.entries[0]).toHaveProperty(k);
    }
    expect(doc.entries[0]).toHaveProperty('provenance');
    expect(doc.entries[0]).toHaveProperty('confidence');
  });

  it('review prints flags; diff and matrix compare snapshots and vendors', async () => {
    const db = join(dir, 'x.sqlite');
    const v1 = join(dir, 'v1.md');
    const v2 = join(dir, 'v2.md');
    const table = (rows: string): string =>
      `| Subprocessor | Purpose | Location |\n|---|---|---|\n${rows}`;
    writeFileSync(
      v1,
      table('| Stripe | Payments | United States |\n| OpenAI | AI | United States |\n'),
    );
    writeFileSync(v2, table('| Stripe | Payments | Ireland |\n| Mistral AI | AI | France |\n'));
    expect((await dpa('import', v1, '--vendor', 'Acme', '--db', db)).code).toBe(0);
    expect((await dpa('import', v2, '--vendor', 'Acme', '--db', db)).code).toBe(0);

    const review = await dpa('review', 'Acme', '--db', db);
    expect(review.code).toBe(0);
    expect(review.out).toContain('ai-provider');
    expect(review.out).toContain('Mistral AI');

    const diff = await dpa('diff', 'Acme', '--db', db);
    expect(diff.code).toBe(0);
    expect(diff.out).toContain('+ Mistral AI');
    expect(diff.out).toContain('- OpenAI');
    expect(diff.out).toContain('~ Stripe: countries: [US] → [IE]');
    expect(diff.out).toMatch(/Objection deadline: \d{4}-\d{2}-\d{2}/);

    const json = JSON.parse((await dpa('diff', 'Acme', '--db', db, '--json')).out) as {
      from: { id: number };
      to: { id: number };
    };
    const back = await dpa(
      'diff',
      'Acme',
      '--from',
      String(json.to.id),
      '--to',
      String(json.from.id),
      '--db',
      db,
    );
    expect(back.out).toContain('+ OpenAI');
    expect((await dpa('diff', 'Acme', '--from', 'x', '--db', db)).code).toBe(2);

    const matrix = await dpa('matrix', '--db', db);
    expect(matrix.code).toBe(0);
    expect(matrix.out).toMatch(/Stripe\s+1\s+x/);
  });

  it('entries names the known vendors when asked for an unknown one', async () => {
    const db = join(dir, 'x.sqlite');
    await dpa('import', SEED_A, '--vendor', 'Junify', '--db', db);
    const r = await dpa('entries', 'Nobody', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no vendor named "Nobody" (known: Junify)');
  });
});
