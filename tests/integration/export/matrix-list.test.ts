import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openAppContext } from '../../../src-main/services/app/context';
import { createHandlers, type AppContext } from '../../../src-main/services/app/handlers';
import { MATRIX_GRID_MAX_VENDORS, writeReviewWorkbook } from '../../../src-main/services/export';
import { ROOT_DIR, tempDir } from '../../helpers';

let ctx: AppContext;
let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  ctx = openAppContext({
    databasePath: join(dir, 'db.sqlite'),
    mode: 'cli',
    version: 'test',
    resourcesDir: join(ROOT_DIR, 'resources'),
  });
});
afterEach(async () => {
  await ctx.dispose();
  cleanup();
});

it('lists one row per use instead of a grid for a large portfolio', async () => {
  const api = createHandlers(ctx);
  const n = MATRIX_GRID_MAX_VENDORS + 1;
  for (let i = 0; i < n; i++) {
    await api['snapshots.import']({
      fileName: `v${i}.md`,
      vendorName: `Vendor ${String(i).padStart(2, '0')}`,
      bytes: new TextEncoder().encode(
        `| Subprocessor | Purpose | Location |\n|---|---|---|\n| Stripe | Payments | United States |\n${i % 2 ? '| Zendesk | Support | Ireland |\n' : ''}`,
      ),
    });
  }
  const out = join(dir, 'big.xlsx');
  await writeReviewWorkbook(
    { store: ctx.store, resources: ctx.resources, now: ctx.now },
    { outPath: out },
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const sheet = wb.getWorksheet('Matrix');
  expect(sheet?.getRow(1).values).toEqual([
    undefined,
    'Sub-processor',
    'Category',
    'Vendors using it',
    'Vendor',
  ]);
  // Stripe at every vendor, Zendesk at every other one: one row per use.
  expect((sheet?.actualRowCount ?? 0) - 1).toBe(n + Math.floor(n / 2));
  expect(sheet?.getRow(2).getCell(1).value).toBe('Stripe');
  expect(sheet?.getRow(2).getCell(3).value).toBe(n);
});
