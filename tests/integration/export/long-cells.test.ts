/**
 * Rows are written to the sheet in pieces of about 64 KB; a row of long texts can be bigger than a
 * piece. Such a row, and the rows around it, must come back exactly, multi-byte characters and
 * all, and a formula-like long text must still be text.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { writeReviewWorkbook } from '../../../src-main/services/export';
import { MAX_CELL_CHARS } from '../../../src-main/services/export/cell-text';
import type { ParsedEntry } from '../../../src-shared/domain';
import {
  openTestApp,
  readWorkbook,
  records,
  sheet,
  workbookPart,
  type TestApp,
} from './export-context';
import { parsedEntry } from '../../factories';

let app: TestApp;
beforeEach(() => {
  app = openTestApp();
});
afterEach(async () => {
  await app.close();
});

// Two- three- and four-byte characters in UTF-8, and markup that must be escaped.
// 30,000 characters (cut by code point, so no emoji is split): well over a 64 KB piece in UTF-8.
const LONG = Array.from('Zahlungsabwicklung – Prüfung ✓ 😀 <a&b> '.repeat(800))
  .slice(0, 30_000)
  .join('');

function entry(name: string, purpose: string, legalEntity: string | null): ParsedEntry {
  return parsedEntry({ name, purpose, legalEntity, confidence: 0.9 });
}

it('keeps a row bigger than a write piece, and its neighbours, intact', async () => {
  const { store } = app.deps;
  const entries = [
    entry('Before Ltd', 'Hosting', null),
    entry('Long GmbH', LONG, `=${LONG}${'x'.repeat(3000)}`),
    ...Array.from({ length: 300 }, (_, i) => entry(`After ${i}`, `Support ${i} – EU`, null)),
  ];
  store.transaction(() => {
    const vendor = store.findOrCreateVendor('Long texts', '2025-06-01T00:00:00.000Z');
    const snapshotId = store.insertSnapshot({
      vendorId: vendor.id,
      fileName: 'long.txt',
      mediaType: 'text/plain',
      format: 'text',
      sha256: '1'.padStart(64, '0'),
      originalBytes: new Uint8Array(0),
      sourceText: entries.map((e) => e.name).join('\n'),
      importedAt: '2025-06-01T00:00:00.000Z',
      lastUpdated: null,
      noticeDays: 30,
      noticeBusinessDays: false,
      objectionDays: null,
      publisher: null,
      pageUrl: null,
      parserVersion: 'test',
      warnings: [],
    });
    entries.forEach((e, i) => store.insertEntry(snapshotId, i, e));
  });
  const outPath = join(app.dir, 'long.xlsx');
  await writeReviewWorkbook(app.deps, { outPath });

  // Readers sort rows by number; Excel wants them in order in the file, or it offers a repair.
  const xml = workbookPart(outPath, 'xl/worksheets/sheet2.xml');
  const numbers = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
  expect(numbers).toEqual(Array.from({ length: entries.length + 1 }, (_, i) => i + 1));

  const rows = records(sheet(await readWorkbook(outPath), 'Sub-processors'));
  expect(rows.map((r) => r['Sub-processor'])).toEqual(entries.map((e) => e.name));
  expect(rows.map((r) => r.Purpose)).toEqual(entries.map((e) => e.purpose));
  // Quoted, never a formula; one character over Excel's limit, so cut with an ellipsis.
  const legal = rows[1]?.['Legal entity'];
  expect(typeof legal).toBe('string');
  expect(String(legal).startsWith(`'=${LONG.slice(0, 100)}`)).toBe(true);
  expect(String(legal)).toHaveLength(MAX_CELL_CHARS);
});
