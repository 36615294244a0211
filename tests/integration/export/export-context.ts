/**
 * Shared setup for the export tests: a real SQLite file in a temp folder, the real handler table
 * (as in tests/integration/review), and helpers to import corpus pages and read workbooks back.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openAppContext } from '../../../src-main/services/app/context';
import { createHandlers, type AppContext } from '../../../src-main/services/app/handlers';
import type { ReviewDeps } from '../../../src-main/services/review';
import type { Handlers } from '../../../src-shared/ipc';
import { CORPUS_DIR, ROOT_DIR, tempDir } from '../../helpers';

export interface TestApp {
  ctx: AppContext;
  api: Handlers;
  deps: ReviewDeps;
  dir: string;
  /** Moves the one clock the handlers and the services share. */
  setNow: (date: Date) => void;
  close: () => Promise<void>;
}

/** A fresh app on its own database with a fixed clock. */
export function openTestApp(start = new Date('2025-06-05T10:00:00Z')): TestApp {
  const t = tempDir('dpa-export-');
  let now = start;
  const ctx = openAppContext({
    databasePath: join(t.dir, 'db.sqlite'),
    mode: 'cli',
    version: 'test',
    resourcesDir: join(ROOT_DIR, 'resources'),
    now: () => now,
  });
  return {
    ctx,
    api: createHandlers(ctx),
    deps: { store: ctx.store, resources: ctx.resources, now: ctx.now },
    dir: t.dir,
    setNow: (date) => {
      now = date;
    },
    close: async () => {
      await ctx.dispose();
      t.cleanup();
    },
  };
}

export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

export function corpusText(name: string): string {
  return readFileSync(join(CORPUS_DIR, 'real', name), 'utf8');
}

export async function importPage(app: TestApp, vendorName: string, fileName: string, text: string) {
  return app.api['snapshots.import']({ fileName, bytes: bytes(text), vendorName });
}

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) {
    throw new Error(`no sheet "${name}" in ${wb.worksheets.map((w) => w.name).join(', ')}`);
  }
  return ws;
}

/** Header texts of row `row` (1 unless the sheet has a block above its table). */
export function headers(ws: ExcelJS.Worksheet, row = 1): string[] {
  const out: string[] = [];
  ws.getRow(row).eachCell((cell) => {
    out.push(String(cell.value));
  });
  return out;
}

/** Column number of a header, failing loudly when it is missing. */
export function column(ws: ExcelJS.Worksheet, header: string, row = 1): number {
  const i = headers(ws, row).indexOf(header);
  if (i < 0) {
    throw new Error(`no "${header}" column on ${ws.name}: ${headers(ws, row).join(' | ')}`);
  }
  return i + 1;
}

/** Every data row as header → value. */
export function records(ws: ExcelJS.Worksheet, headerRow = 1): Record<string, ExcelJS.CellValue>[] {
  const names = headers(ws, headerRow);
  const out: Record<string, ExcelJS.CellValue>[] = [];
  ws.eachRow((row, n) => {
    if (n <= headerRow) {
      return;
    }
    const rec: Record<string, ExcelJS.CellValue> = {};
    names.forEach((name, i) => {
      rec[name] = row.getCell(i + 1).value;
    });
    out.push(rec);
  });
  return out;
}

/**
 * The raw XML of one part of a workbook (`xl/worksheets/sheet2.xml`), read with the zip's central
 * directory: for what readers forgive, such as the order rows appear in.
 */
export function workbookPart(path: string, part: string): string {
  const zip = readFileSync(path);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(eocd + 16);
  for (let k = zip.readUInt16LE(eocd + 10); k > 0; k--) {
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const skip = nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    if (zip.toString('utf8', p + 46, p + 46 + nameLength) === part) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + skip;
  }
  throw new Error(`no ${part} in ${path}`);
}
