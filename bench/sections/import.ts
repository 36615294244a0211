/**
 * Import end to end (the app's path: the batch import `importBatch` that the app's import job and
 * `dpa import` use — parse worker pipelined with the writes, flags in the same transaction as each
 * file's entries) of 1, 100 and 1,000 pages into a fresh SQLite file, against parse + raw prepared
 * inserts of the same rows in one transaction; then risk evaluation of the resulting portfolio.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ParsedDocument } from '../../src-shared/domain';
import { extractDocument, PARSER_VERSION } from '../../src-main/services/extract';
import { importBatch, ParsePool, type Parser } from '../../src-main/services/import';
import { loadResources } from '../../src-main/services/resources';
import { storeFlags, reevaluateAll, type ReviewDeps } from '../../src-main/services/review';
import { Store, vendorKey } from '../../src-main/services/store';
import { generateCorpus, type SyntheticPage } from '../corpus';
import { pdfPrintProblem, printPdfs } from '../pdf-print';
import {
  now,
  progress,
  repeat,
  stats,
  withMemory,
  type Row,
  type SectionResult,
  type Target,
} from '../measure';
import { withTempDir, type BenchContext } from './context';

const IMPORT_TARGET_S = 60;
const IMPORT_RATIO_TARGET = 1.5;

const inProcessParser: Parser = {
  version: PARSER_VERSION,
  parse: (input) => extractDocument(input),
};

/** The same vendors, snapshots and entries, written with bare prepared statements in one go. */
function rawInserts(
  store: Store,
  pages: readonly SyntheticPage[],
  docs: readonly ParsedDocument[],
): void {
  const db = store.db;
  const vendor = db.prepare('INSERT INTO vendors (name, name_key, created_at) VALUES (?, ?, ?)');
  const snapshot = db.prepare(
    `INSERT INTO snapshots (vendor_id, file_name, media_type, format, sha256, original_bytes,
       source_text, imported_at, last_updated, notice_days, notice_business_days, objection_days,
       publisher, page_url, parser_version, warnings)
     VALUES (?, ?, 'text/plain', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, '[]')`,
  );
  const entry = db.prepare(
    `INSERT INTO entries (snapshot_id, position, name, legal_entity, purpose, data_categories,
       countries, transfer, status, section, name_on_page, confidence, confidence_reasons, provenance)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const at = new Date().toISOString();
  db.transaction(() => {
    pages.forEach((p, i) => {
      const doc = docs[i];
      if (!doc) return;
      const v = Number(vendor.run(p.vendor, vendorKey(p.vendor), at).lastInsertRowid);
      const sha = createHash('sha256').update(p.bytes).digest('hex');
      const s = Number(
        snapshot.run(
          v,
          p.fileName,
          doc.format,
          sha,
          Buffer.from(p.bytes),
          doc.text,
          at,
          doc.lastUpdated,
          doc.noticeDays,
          doc.objectionDays,
          doc.publisher,
          doc.url,
          PARSER_VERSION,
        ).lastInsertRowid,
      );
      doc.entries.forEach((e, pos) =>
        entry.run(
          s,
          pos,
          e.name,
          e.legalEntity,
          e.purpose,
          JSON.stringify(e.dataCategories),
          JSON.stringify(e.countries),
          JSON.stringify(e.transfer),
          e.status,
          e.section,
          e.nameOnPage ? 1 : 0,
          e.confidence,
          JSON.stringify(e.confidenceReasons),
          JSON.stringify(e.provenance),
        ),
      );
    });
  })();
}

export async function runImport(ctx: BenchContext): Promise<Omit<SectionResult, 'wallMs'>> {
  const rows: Row[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  const sizes = ctx.isQuick ? [1, 20, 100] : [1, 100, 1000];
  const largest = sizes[sizes.length - 1] ?? 1;
  // Every format, PDFs included: every third HTML page is printed to PDF by Chromium (about one
  // page in eight), as analysts save some vendor pages that way.
  const generated = generateCorpus(ctx.seed + 300, ctx.vocab, { pages: largest });
  const printProblem = pdfPrintProblem();
  const toPrint = printProblem
    ? []
    : generated.flatMap((p, i) =>
        p.format.startsWith('html') && i % 15 >= 5 && i % 15 < 10 ? [i] : [],
      );
  const printed = await printPdfs(toPrint.map((i) => generated[i] as SyntheticPage));
  const corpus = [...generated];
  toPrint.forEach((i, k) => {
    corpus[i] = printed[k] as SyntheticPage;
  });
  progress(`import: printed ${printed.length} of ${largest} pages to PDF`);
  const resources = loadResources(ctx.resourcesDir);
  // The app parses in a worker (out/main/parse-worker.js, from `electron-vite build`); without the
  // build the bench falls back to parsing in process and says so.
  const workerPath = join(ctx.root, 'out', 'main', 'parse-worker.js');
  const hasWorker = existsSync(workerPath);
  let poolSize = 0;

  for (const size of sizes) {
    const pages = corpus.slice(0, size);
    await withTempDir(async (dir) => {
      const store = Store.open(join(dir, 'app.sqlite'));
      const deps: ReviewDeps = { store, resources, now: () => new Date() };
      const parser = hasWorker
        ? new ParsePool(workerPath, { version: PARSER_VERSION })
        : inProcessParser;
      poolSize = parser.concurrency ?? 1;
      // one throwaway import so the worker has loaded its code before the clock starts
      const warm = generateCorpus(ctx.seed + 999, ctx.vocab, { pages: 1 })[0];
      if (warm) await parser.parse({ fileName: warm.fileName, bytes: warm.bytes });
      let entries = 0;
      const failed: string[] = [];
      const { value: importMs, mem } = await withMemory(async () => {
        const t0 = now();
        const results = await importBatch(
          store,
          parser,
          pages.map((p) => ({ fileName: p.fileName, bytes: p.bytes, vendorName: p.vendor })),
          { onStored: (id, stored) => void storeFlags(deps, id, stored) },
        );
        for (const r of results) {
          if (r.status === 'imported') entries += r.outcome.snapshot.entryCount;
          else failed.push(r.message);
        }
        return now() - t0;
      });
      if (parser instanceof ParsePool) await parser.close();

      // Baseline: the same parse in process, then the same rows with bare prepared inserts.
      const docs: ParsedDocument[] = [];
      const p0 = now();
      for (const p of pages) {
        docs.push(await extractDocument({ fileName: p.fileName, bytes: p.bytes }));
      }
      // Pages the import refused (no entries found) are not inserted by the baseline either.
      const keep = docs.map((d) => d.entries.length > 0);
      const parseMs = now() - p0;
      const raw = Store.open(join(dir, 'raw.sqlite'));
      const r0 = now();
      rawInserts(
        raw,
        pages.filter((_, i) => keep[i]),
        docs.filter((_, i) => keep[i]),
      );
      const rawMs = now() - r0;
      raw.close();
      rows.push({
        section: 'import',
        measure: 'import end to end',
        series: 'import',
        size,
        sizeLabel: `${size} pages (${pages.filter((p) => p.format === 'pdf').length} PDF), ${entries} entries`,
        medianMs: importMs,
        p95Ms: null,
        baselineMs: parseMs + rawMs,
        baselineName: `parse ${parseMs.toFixed(0)} + raw inserts ${rawMs.toFixed(0)} ms`,
        peakRssMb: mem.peakRssMb,
        heapMb: mem.heapMb,
        note: `${(importMs / size).toFixed(1)} ms/page${failed.length ? `; ${failed.length} not imported, e.g. ${failed[0]}` : ''}`,
      });
      if (size === largest) {
        targets.push(
          {
            label: `import ${size} pages < ${IMPORT_TARGET_S} s`,
            measured: importMs / 1000,
            limit: IMPORT_TARGET_S,
            unit: 's',
            isPass: importMs / 1000 < IMPORT_TARGET_S,
          },
          {
            label: `import ${size} pages ≤ ${IMPORT_RATIO_TARGET}× (parse + raw inserts)`,
            measured: importMs / (parseMs + rawMs),
            limit: IMPORT_RATIO_TARGET,
            unit: 'x',
            isPass: importMs / (parseMs + rawMs) <= IMPORT_RATIO_TARGET,
          },
        );
      }
      progress(
        `import ${size}: ${importMs.toFixed(0)} ms (parse ${parseMs.toFixed(0)}, raw ${rawMs.toFixed(0)})`,
      );

      // Risk over the whole portfolio: every vendor's latest snapshot, flags stored.
      const { value: riskTimes, mem: riskMem } = await withMemory(() =>
        repeat(size >= 1000 ? 2 : 3, 1, () => reevaluateAll(deps)),
      );
      const rs = stats(riskTimes);
      rows.push({
        section: 'risk',
        measure: 'evaluate whole portfolio (reevaluateAll)',
        series: 'risk',
        size,
        sizeLabel: `${size} vendors, ${entries} entries`,
        medianMs: rs.median,
        p95Ms: null,
        baselineMs: null,
        baselineName: null,
        peakRssMb: riskMem.peakRssMb,
        heapMb: riskMem.heapMb,
      });
      progress(`risk ${size}: ${rs.median.toFixed(0)} ms`);
      store.close();
    });
  }
  notes.push(
    hasWorker
      ? `Import is the app’s batch import (importBatch, as the import job and dpa import run it): the parse worker pool (${poolSize} worker${poolSize === 1 ? '' : 's'} on ${availableParallelism()} cores) parses up to 8 files ahead while the main thread writes; a few parsed files share one transaction (each file still all-or-nothing: on a failure the group is redone with a savepoint per file), each file's flags are computed in it, and every commit is synchronous=FULL. Results count only once committed.`
      : 'out/main/parse-worker.js is missing (run electron-vite build): import parsed in process, so nothing overlaps.',
    'The baseline parses in process (no worker hand-off) and inserts the same rows with bare prepared statements in one transaction, without flags; the import does the same work plus flags, commits and the hand-off, so on a machine whose cores are busy with other work (no overlap possible) its ratio is that of the CPU work, not of the pipeline.',
    printProblem
      ? `Import pages are the five generated text formats; PDFs left out: ${printProblem}.`
      : 'Import pages are the five generated text formats plus PDFs printed by Chromium from a third of the HTML pages.',
  );
  return { section: 'import', rows, targets, notes };
}
