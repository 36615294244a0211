/**
 * Parse per page, by format, against the bare parser of the same bytes: htmlparser2's
 * parseDocument for text formats, pdf-parse's getText for PDF.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'htmlparser2';
import { PDFParse } from 'pdf-parse';
import { extractDocument, preloadPdfReader } from '../../src-main/services/extract';
import { BENCH_FORMATS, generateCorpus, type SyntheticPage } from '../corpus';
import { pdfPrintProblem, printPdfs } from '../pdf-print';
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

/**
 * One whole PDF parsed `reps` times (after a warm-up parse, whose entry count is `found`) and
 * read by pdf-parse's getText as many times.
 */
async function timePdf(doc: { fileName: string; bytes: Uint8Array }, reps: number) {
  const pageCount = await barePdf(doc.bytes);
  const found = await parseOnce(doc);
  const { value: times, mem } = await withMemory(() => repeat(reps, 0, () => parseOnce(doc)));
  const bare = await repeat(reps, 1, () => barePdf(doc.bytes));
  return { pageCount, found, times: stats(times), bare: stats(bare), mem };
}

export async function runParse(ctx: BenchContext): Promise<Omit<SectionResult, 'wallMs'>> {
  const rows: Row[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  const perFormat = ctx.isQuick ? 10 : 40;

  // Realistic pages: every format, realistic lengths; the targets are judged on these. An import
  // parses page after page, so both parsers are first warmed on other pages of the same format
  // (a few pages leave V8's optimising compiler mid-way, which measured start-up, not parsing);
  // then each page is parsed `rounds` times, extractor and bare parser interleaved, so a burst of
  // load on the machine hits both alike.
  const warmPages = ctx.isQuick ? 10 : 30;
  const rounds = ctx.isQuick ? 2 : 3;
  for (const [fi, format] of BENCH_FORMATS.entries()) {
    const pages = generateCorpus(ctx.seed + 100 + fi, ctx.vocab, {
      pages: perFormat,
      formats: [format],
    });
    for (const p of generateCorpus(ctx.seed + 150 + fi, ctx.vocab, {
      pages: warmPages,
      formats: [format],
    })) {
      await parseOnce(p);
      bareHtml(p.bytes);
    }
    const times: number[] = [];
    const bare: number[] = [];
    let found = 0;
    let expected = 0;
    const { mem } = await withMemory(async () => {
      for (const p of pages) {
        for (let r = 0; r < rounds; r++) {
          const t0 = performance.now();
          const n = await parseOnce(p);
          times.push(performance.now() - t0);
          const b0 = performance.now();
          bareHtml(p.bytes);
          bare.push(performance.now() - b0);
          if (r === 0) {
            found += n;
            expected += p.entries.length;
          }
        }
      }
    });
    const s = stats(times);
    const b = stats(bare);
    const kb = pages.reduce((n, p) => n + p.bytes.length, 0) / pages.length / 1024;
    rows.push({
      section: 'parse',
      measure: `${format} page (realistic)`,
      size: pages.length,
      sizeLabel: `${pages.length} pages × ${rounds}, ~${kb.toFixed(0)} KB`,
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
      // Warmed, then extractor and bare parser alternating, as for the realistic pages.
      const reps = size >= 400 ? 8 : 15;
      for (let w = 0; w < 3; w++) {
        await parseOnce(page);
        bareHtml(page.bytes);
      }
      const times: number[] = [];
      const bare: number[] = [];
      const { mem } = await withMemory(async () => {
        for (let r = 0; r < reps; r++) {
          const t0 = performance.now();
          await parseOnce(page);
          times.push(performance.now() - t0);
          const b0 = performance.now();
          bareHtml(page.bytes);
          bare.push(performance.now() - b0);
        }
      });
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

  // PDF: synthetic HTML pages (tables and headed blocks alternating) printed by Chromium, as
  // analysts save vendor pages; per page of PDF, against pdf-parse's getText of the same bytes.
  await preloadPdfReader();
  const printProblem = pdfPrintProblem();
  if (printProblem) {
    notes.push(`Synthetic PDF rows skipped: ${printProblem}.`);
  } else {
    const printed = await printPdfs(
      generateCorpus(ctx.seed + 300, ctx.vocab, {
        pages: ctx.isQuick ? 6 : 20,
        formats: ['html-table', 'html-blocks'],
      }),
    );
    const perPage: number[] = [];
    const barePerPage: number[] = [];
    let found = 0;
    let expected = 0;
    let pageTotal = 0;
    await parseOnce(printed[0] as SyntheticPage); // warm the JIT and pdf.js before timing
    const { mem } = await withMemory(async () => {
      for (const p of printed) {
        const t0 = performance.now();
        found += await parseOnce(p);
        const t = performance.now() - t0;
        expected += p.entries.length;
        const b0 = performance.now();
        const pageCount = await barePdf(p.bytes);
        barePerPage.push((performance.now() - b0) / pageCount);
        perPage.push(t / pageCount);
        pageTotal += pageCount;
      }
    });
    const pp = stats(perPage);
    const bp = stats(barePerPage);
    rows.push({
      section: 'parse',
      measure: 'pdf page (realistic, printed)',
      size: printed.length,
      sizeLabel: `${printed.length} PDFs, ${pageTotal} pp`,
      medianMs: pp.median,
      p95Ms: pp.p95,
      baselineMs: bp.median,
      baselineName: 'pdf-parse getText',
      peakRssMb: mem.peakRssMb,
      heapMb: mem.heapMb,
      note: `per PDF page; found ${found}/${expected} entries`,
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
    progress(`parse pdf: median ${pp.median.toFixed(1)} ms/page, found ${found}/${expected}`);

    // Growth: a table page of 25, 100 and 400 entries, printed (one to about a dozen PDF pages).
    const grown = await printPdfs(
      sizes.map(
        (size) =>
          generateCorpus(ctx.seed + 310, ctx.vocab, {
            pages: 1,
            entries: size,
            formats: ['html-table'],
          })[0] as SyntheticPage,
      ),
    );
    for (const page of grown) {
      const size = page.entries.length;
      const { pageCount, found, times, bare, mem: m } = await timePdf(page, size >= 400 ? 3 : 6);
      rows.push({
        section: 'parse',
        measure: 'pdf document (printed table)',
        series: 'parse-pdf',
        size,
        sizeLabel: `${size} entries, ${pageCount} pp, ${(page.bytes.length / 1024).toFixed(0)} KB`,
        medianMs: times.median,
        p95Ms: null,
        baselineMs: bare.median,
        baselineName: 'pdf-parse getText',
        peakRssMb: m.peakRssMb,
        heapMb: m.heapMb,
        note: `${(times.median / pageCount).toFixed(1)} ms/page; found ${found}/${size}`,
      });
    }
    progress('parse growth pdf done');
  }

  // The real printed PDFs of ../shared/corpus/real, as a cross-check of the synthetic ones.
  const pdfDir = join(ctx.corpusDir, 'real');
  const pdfs = existsSync(pdfDir)
    ? readdirSync(pdfDir)
        .filter((f) => f.endsWith('.pdf'))
        .sort()
    : [];
  for (const file of pdfs) {
    const bytes = new Uint8Array(readFileSync(join(pdfDir, file)));
    const {
      pageCount,
      times: s,
      bare: b,
      mem,
    } = await timePdf({ fileName: file, bytes }, ctx.isQuick ? 3 : 8);
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
  notes.push(
    'PDF targets are judged per PDF page on synthetic HTML pages printed by Chromium; the real corpus PDFs are shown beside them.',
    'Text, Markdown and CSV ratios are against htmlparser2 on the same bytes (a single text node): shown, not judged.',
  );
  return { section: 'parse', rows, targets, notes };
}
