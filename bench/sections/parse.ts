/**
 * Parse per page, by format, against the bare parser of the same bytes: htmlparser2's
 * parseDocument for text formats, pdf-parse's getText for PDF.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'htmlparser2';
import { PDFParse } from 'pdf-parse';
import { extractDocument, preloadPdfReader } from '../../src-main/services/extract';
import { BENCH_FORMATS, generateCorpus, type SyntheticPage } from '../corpus';
import {
  progress,
  repeat,
  stats,
  withMemory,
  type Row,
  type SectionResult,
  type Target,
} from '../measure';
import type { BenchContext } from './context';

const PARSE_TARGET_MS = 20;
const PDF_PAGE_TARGET_MS = 30;
const PARSE_RATIO_TARGET = 3;

async function parseOnce(page: { fileName: string; bytes: Uint8Array }): Promise<number> {
  const doc = await extractDocument({ fileName: page.fileName, bytes: page.bytes });
  return doc.entries.length;
}

function bareHtml(bytes: Uint8Array): void {
  parseDocument(new TextDecoder().decode(bytes));
}

async function barePdf(bytes: Uint8Array): Promise<number> {
  const parser = new PDFParse({ data: bytes.slice() });
  try {
    return (await parser.getText()).total;
  } finally {
    await parser.destroy();
  }
}

export async function runParse(ctx: BenchContext): Promise<Omit<SectionResult, 'wallMs'>> {
  const rows: Row[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  const perFormat = ctx.isQuick ? 10 : 40;

  // Realistic pages: every format, realistic lengths; the targets are judged on these.
  for (const [fi, format] of BENCH_FORMATS.entries()) {
    const pages = generateCorpus(ctx.seed + 100 + fi, ctx.vocab, {
      pages: perFormat,
      formats: [format],
    });
    for (const p of pages.slice(0, 3)) await parseOnce(p); // warm the JIT before timing
    const times: number[] = [];
    const bare: number[] = [];
    let found = 0;
    let expected = 0;
    const { mem } = await withMemory(async () => {
      for (const p of pages) {
        const t0 = performance.now();
        found += await parseOnce(p);
        times.push(performance.now() - t0);
        expected += p.entries.length;
        const b0 = performance.now();
        bareHtml(p.bytes);
        bare.push(performance.now() - b0);
      }
    });
    const s = stats(times);
    const b = stats(bare);
    const kb = pages.reduce((n, p) => n + p.bytes.length, 0) / pages.length / 1024;
    rows.push({
      section: 'parse',
      measure: `${format} page (realistic)`,
      size: pages.length,
      sizeLabel: `${pages.length} pages, ~${kb.toFixed(0)} KB`,
      medianMs: s.median,
      p95Ms: s.p95,
      baselineMs: b.median,
      baselineName: 'htmlparser2 parseDocument',
      peakRssMb: mem.peakRssMb,
      heapMb: mem.heapMb,
      note: `found ${found}/${expected} entries`,
    });
    targets.push({
      label: `parse ${format}: median < ${PARSE_TARGET_MS} ms`,
      measured: s.median,
      limit: PARSE_TARGET_MS,
      unit: 'ms',
      isPass: s.median < PARSE_TARGET_MS,
    });
    // parseDocument is a real parser only for HTML; for text formats it is one text node, so the
    // ratio is shown but judged only where the baseline does comparable work.
    if (format.startsWith('html')) {
      const ratio = s.median / b.median;
      targets.push({
        label: `parse ${format}: ≤ ${PARSE_RATIO_TARGET}× htmlparser2`,
        measured: ratio,
        limit: PARSE_RATIO_TARGET,
        unit: 'x',
        isPass: ratio <= PARSE_RATIO_TARGET,
      });
    }
    progress(`parse ${format}: median ${s.median.toFixed(1)} ms, found ${found}/${expected}`);
  }

  // Growth: one page of 25, 100 and 400 entries per format.
  const sizes = ctx.isQuick ? [25, 100] : [25, 100, 400];
  for (const [fi, format] of BENCH_FORMATS.entries()) {
    for (const size of sizes) {
      const [page] = generateCorpus(ctx.seed + 200 + fi, ctx.vocab, {
        pages: 1,
        entries: size,
        formats: [format],
      }) as [SyntheticPage];
      const reps = size >= 400 ? 5 : 10;
      const { value: times, mem } = await withMemory(() => repeat(reps, 1, () => parseOnce(page)));
      const bare = await repeat(reps, 1, () => bareHtml(page.bytes));
      rows.push({
        section: 'parse',
        measure: `${format} page`,
        series: `parse-${format}`,
        size,
        sizeLabel: `${size} entries, ${(page.bytes.length / 1024).toFixed(0)} KB`,
        medianMs: stats(times).median,
        p95Ms: null,
        baselineMs: stats(bare).median,
        baselineName: 'htmlparser2 parseDocument',
        peakRssMb: mem.peakRssMb,
        heapMb: mem.heapMb,
      });
    }
    progress(`parse growth ${format} done`);
  }

  // PDF: synthetic PDFs would need a PDF writer we do not ship, so the real printed pages of
  // ../shared/corpus/real stand in; they are the three sizes.
  await preloadPdfReader();
  const pdfDir = join(ctx.corpusDir, 'real');
  const pdfs = readdirSync(pdfDir)
    .filter((f) => f.endsWith('.pdf'))
    .sort();
  const perPage: number[] = [];
  const barePerPage: number[] = [];
  for (const file of pdfs) {
    const bytes = new Uint8Array(readFileSync(join(pdfDir, file)));
    const pageCount = await barePdf(bytes);
    const reps = ctx.isQuick ? 3 : 8;
    const { value: times, mem } = await withMemory(() =>
      repeat(reps, 1, () => parseOnce({ fileName: file, bytes })),
    );
    const bare = await repeat(reps, 1, () => barePdf(bytes));
    const s = stats(times);
    const b = stats(bare);
    for (const t of times) perPage.push(t / pageCount);
    for (const t of bare) barePerPage.push(t / pageCount);
    rows.push({
      section: 'parse',
      measure: 'pdf document (real corpus)',
      size: bytes.length,
      sizeLabel: `${file}, ${pageCount} pp, ${(bytes.length / 1024).toFixed(0)} KB`,
      medianMs: s.median,
      p95Ms: s.p95,
      baselineMs: b.median,
      baselineName: 'pdf-parse getText',
      peakRssMb: mem.peakRssMb,
      heapMb: mem.heapMb,
      note: `${(s.median / pageCount).toFixed(1)} ms/page`,
    });
  }
  const pp = stats(perPage);
  const bp = stats(barePerPage);
  rows.push({
    section: 'parse',
    measure: 'pdf per page (real corpus)',
    size: perPage.length,
    sizeLabel: `${pdfs.length} PDFs × reps`,
    medianMs: pp.median,
    p95Ms: pp.p95,
    baselineMs: bp.median,
    baselineName: 'pdf-parse getText',
    peakRssMb: null,
    heapMb: null,
  });
  targets.push(
    {
      label: `parse pdf: median < ${PDF_PAGE_TARGET_MS} ms per page`,
      measured: pp.median,
      limit: PDF_PAGE_TARGET_MS,
      unit: 'ms',
      isPass: pp.median < PDF_PAGE_TARGET_MS,
    },
    {
      label: `parse pdf: ≤ ${PARSE_RATIO_TARGET}× pdf-parse`,
      measured: pp.median / bp.median,
      limit: PARSE_RATIO_TARGET,
      unit: 'x',
      isPass: pp.median / bp.median <= PARSE_RATIO_TARGET,
    },
  );
  notes.push(
    'PDF figures use the real printed PDFs in ../shared/corpus/real (2–3 pages each); the bench does not synthesise PDFs.',
    'Text, Markdown and CSV ratios are against htmlparser2 on the same bytes (a single text node): shown, not judged.',
  );
  return { section: 'parse', rows, targets, notes };
}
