/**
 * Scale: 50,000 sub-processor rows export through the streaming writer. Entries are generated
 * straight into the store in one transaction (parsing pages that size would test the parser).
 * The test asserts completion and row counts, not a time; it prints time and peak memory.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { resourceUsage } from 'node:process';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { writeReviewWorkbook } from '../../../src-main/services/export';
import type { ParsedEntry } from '../../../src-shared/domain';
import { openTestApp, type TestApp } from './export-context';
import { parsedEntry } from '../../factories';

const VENDORS = Number(process.env.EXPORT_SCALE_VENDORS ?? 10);
const TOTAL = 50_000;
const PER_VENDOR = TOTAL / VENDORS;
const COUNTRIES = [['US'], ['DE'], ['IE', 'US'], ['FR'], ['GLOBAL'], ['IN']];

let app: TestApp;
beforeEach(() => {
  app = openTestApp();
});
afterEach(async () => {
  await app.close();
});

function entry(v: number, i: number): ParsedEntry {
  return parsedEntry({
    name: `Vendor${v} Service ${i}`,
    legalEntity: i % 3 === 0 ? null : `Service ${i} GmbH`,
    purpose: i % 7 === 0 ? '=cmd|calc' : `Hosting and analytics for feature ${i}`,
    dataCategories: ['contact data', 'usage data'],
    countries: COUNTRIES[i % COUNTRIES.length] ?? [],
    transfer: i % 2 === 0 ? ['SCC'] : [],
    section: 'Infrastructure',
    confidence: 0.95,
    provenance: { name: [{ start: i * 40, end: i * 40 + 20 }] },
  });
}

function seed(): void {
  const { store } = app.deps;
  const now = '2025-06-01T00:00:00.000Z';
  store.transaction(() => {
    for (let v = 0; v < VENDORS; v++) {
      const vendor = store.findOrCreateVendor(`Scale vendor ${v}`, now);
      const lines = Array.from({ length: PER_VENDOR }, (_, i) => `Vendor${v} Service ${i}`);
      const snapshotId = store.insertSnapshot({
        vendorId: vendor.id,
        fileName: `scale-${v}.txt`,
        mediaType: 'text/plain',
        format: 'text',
        sha256: `${v}`.padStart(64, '0'),
        originalBytes: new Uint8Array(0),
        sourceText: lines.map((l) => l.padEnd(39)).join('\n'),
        importedAt: now,
        lastUpdated: '2025-05-01',
        noticeDays: 30,
        noticeBusinessDays: false,
        objectionDays: null,
        publisher: null,
        pageUrl: null,
        parserVersion: 'test',
        warnings: [],
      });
      for (let i = 0; i < PER_VENDOR; i++) {
        store.insertEntry(snapshotId, i, entry(v, i));
      }
    }
  });
}

/** Rows per sheet, read with exceljs's streaming reader (the full reader would hold it all). */
async function rowCounts(path: string): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
  });
  for await (const ws of reader) {
    let n = 0;
    for await (const _row of ws) {
      n++;
    }
    counts.set(Number((ws as unknown as { id: string | number }).id), n);
  }
  return counts;
}

it('exports 50,000 sub-processor rows through the streaming writer', async () => {
  seed();
  const outPath = join(app.dir, 'large.xlsx');
  const rssBefore = process.memoryUsage().rss;
  let last: [number, number] = [0, 0];
  let calls = 0;
  const started = performance.now();
  const result = await writeReviewWorkbook(app.deps, {
    outPath,
    onProgress: (done, total) => {
      calls++;
      last = [done, total];
    },
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `export of ${result.rows} rows (${VENDORS} vendors): ${seconds.toFixed(1)} s, ` +
      `RSS before ${(rssBefore / 2 ** 20).toFixed(0)} MB, ` +
      `peak RSS ${(resourceUsage().maxRSS / 1024).toFixed(0)} MB (whole test process)`,
  );
  expect(result).toMatchObject({ rows: TOTAL, vendors: VENDORS });
  expect(last[0]).toBe(last[1]);
  expect(calls).toBeGreaterThan(TOTAL / 1000);
  const counts = await rowCounts(outPath);
  // Sheet 2 is Sub-processors: a header and one row per entry.
  expect(counts.get(2)).toBe(TOTAL + 1);
}, 300_000);
