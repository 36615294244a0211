/** The review workbook (writeReviewWorkbook) against a bare exceljs streaming write of the rows. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { writeReviewWorkbook } from '../../src-main/services/export';
import { now, progress, withMemory, type Row, type SectionResult, type Target } from '../measure';
import { withTempDir, type BenchContext } from './context';
import { buildPortfolio, type Portfolio } from './portfolio';

const EXPORT_TARGET_S = 5;
const EXPORT_MEMORY_TARGET_MB = 300;

/** The Sub-processors rows as plain strings, read before the clock starts. */
function plainRows(p: Portfolio): string[][] {
  const { store } = p.deps;
  return store.listVendors().flatMap((v) => {
    const latest = store.latestSnapshot(v.id);
    return latest
      ? store
          .listEntries(latest.id)
          .map((e) => [
            v.name,
            e.name,
            e.legalEntity ?? '',
            e.purpose ?? '',
            e.countries.join(', '),
            e.transfer.join(', '),
            e.status,
            e.section ?? '',
            String(e.confidence),
          ])
      : [];
  });
}

async function bareWrite(path: string, rows: readonly string[][]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
  const sheet = wb.addWorksheet('Sub-processors');
  for (const r of rows) sheet.addRow(r).commit();
  sheet.commit();
  await wb.commit();
}

export async function runExport(ctx: BenchContext): Promise<Omit<SectionResult, 'wallMs'>> {
  const rows: Row[] = [];
  const targets: Target[] = [];
  for (const size of ctx.isQuick ? [5000, 12500] : [12_500, 25_000, 50_000]) {
    await withTempDir(async (dir) => {
      const portfolio = buildPortfolio(ctx, join(dir, 'export.sqlite'), size);
      let written = 0;
      const { value: ms, mem } = await withMemory(async () => {
        const t0 = now();
        written = (await writeReviewWorkbook(portfolio.deps, { outPath: join(dir, 'review.xlsx') }))
          .rows;
        return now() - t0;
      });
      const plain = plainRows(portfolio);
      const b0 = now();
      await bareWrite(join(dir, 'bare.xlsx'), plain);
      const bareMs = now() - b0;
      rows.push({
        section: 'export',
        measure: 'review workbook',
        series: 'export',
        size: written,
        sizeLabel: `${written} rows, ${portfolio.vendors} vendors`,
        medianMs: ms,
        p95Ms: null,
        baselineMs: bareMs,
        baselineName: 'bare exceljs stream, 1 sheet',
        peakRssMb: mem.peakRssMb,
        heapMb: mem.heapMb,
      });
      if (size === 50_000) {
        targets.push(
          {
            label: `export 50,000 rows < ${EXPORT_TARGET_S} s`,
            measured: ms / 1000,
            limit: EXPORT_TARGET_S,
            unit: 's',
            isPass: ms / 1000 < EXPORT_TARGET_S,
          },
          {
            label: `export 50,000 rows < ${EXPORT_MEMORY_TARGET_MB} MB extra RSS`,
            measured: mem.peakRssMb,
            limit: EXPORT_MEMORY_TARGET_MB,
            unit: 'MB',
            isPass: mem.peakRssMb < EXPORT_MEMORY_TARGET_MB,
          },
        );
      }
      progress(
        `export ${written}: ${ms.toFixed(0)} ms (bare ${bareMs.toFixed(0)} ms), +${mem.peakRssMb.toFixed(0)} MB`,
      );
      portfolio.deps.store.close();
    });
  }
  return {
    section: 'export',
    rows,
    targets,
    notes: [
      'The workbook also writes Summary, Flags, Changes, Matrix and Policy sheets; the bare baseline writes the Sub-processors rows only.',
    ],
  };
}
