/** Snapshot diff (two parsed snapshots of 125, 500 and 2,000 entries) and the portfolio matrix. */
import type { Entry, ParsedEntry } from '../../src-shared/domain';
import { buildMatrix, diffEntries } from '../../src-main/services/compare';
import { extractDocument } from '../../src-main/services/extract';
import { loadResources } from '../../src-main/services/resources';
import {
  generateEntries,
  generateVendors,
  mutateEntries,
  renderPage,
  toParsedEntry,
} from '../corpus';
import { createRng } from '../prng';
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

const DIFF_TARGET_MS = 10;
const MATRIX_TARGET_MS = 200;

let nextId = 1;
function asEntries(parsed: readonly ParsedEntry[], snapshotId: number): Entry[] {
  return parsed.map((e, position) => ({ ...e, id: nextId++, snapshotId, position }));
}

export async function runCompare(ctx: BenchContext): Promise<Omit<SectionResult, 'wallMs'>> {
  const rows: Row[] = [];
  const targets: Target[] = [];
  const catalog = loadResources(ctx.resourcesDir).subprocessors;

  // Diff inputs come through the real parser, so provenance and confidence look as stored.
  for (const size of ctx.isQuick ? [125, 500] : [125, 500, 2000]) {
    const rng = createRng(ctx.seed + 400 + size);
    const before = generateEntries(rng, ctx.vocab, size);
    const after = mutateEntries(rng, ctx.vocab, before);
    const parse = async (list: typeof before, id: number): Promise<Entry[]> => {
      const page = renderPage(rng, ctx.vocab, 'Diffco', 'markdown', list);
      const doc = await extractDocument({ fileName: page.fileName, bytes: page.bytes });
      return asEntries(doc.entries, id);
    };
    const [a, b] = [await parse(before, 1), await parse(after, 2)];
    let changes = 0;
    const { value: times, mem } = await withMemory(() =>
      repeat(size >= 2000 ? 10 : 30, 3, () => {
        const d = diffEntries(a, b, catalog);
        changes = d.added.length + d.removed.length + d.changed.length;
      }),
    );
    const s = stats(times);
    rows.push({
      section: 'compare',
      measure: 'snapshot diff',
      series: 'diff',
      size,
      sizeLabel: `${a.length} vs ${b.length} entries`,
      medianMs: s.median,
      p95Ms: s.p95,
      baselineMs: null,
      baselineName: null,
      peakRssMb: mem.peakRssMb,
      heapMb: mem.heapMb,
      note: `${changes} changes`,
    });
    if (size === 500) {
      targets.push({
        label: `diff 500 vs 500 entries < ${DIFF_TARGET_MS} ms`,
        measured: s.median,
        limit: DIFF_TARGET_MS,
        unit: 'ms',
        isPass: s.median < DIFF_TARGET_MS,
      });
    }
    progress(`diff ${size}: ${s.median.toFixed(2)} ms`);
  }

  for (const size of ctx.isQuick ? [250, 1000] : [250, 1000, 4000]) {
    const vendors = generateVendors(ctx.seed + 500, ctx.vocab, size).map((v, i) => ({
      id: i + 1,
      name: v.name,
      entries: asEntries(v.entries.map(toParsedEntry), i + 1),
    }));
    const entries = vendors.reduce((n, v) => n + v.entries.length, 0);
    let matrixRows = 0;
    const { value: times, mem } = await withMemory(() =>
      repeat(size >= 4000 ? 4 : 10, 2, () => {
        matrixRows = buildMatrix(vendors, catalog).rows.length;
      }),
    );
    const s = stats(times);
    rows.push({
      section: 'compare',
      measure: 'cross-vendor matrix',
      series: 'matrix',
      size,
      sizeLabel: `${size} vendors, ${entries} entries`,
      medianMs: s.median,
      p95Ms: s.p95,
      baselineMs: null,
      baselineName: null,
      peakRssMb: mem.peakRssMb,
      heapMb: mem.heapMb,
      note: `${matrixRows} rows`,
    });
    if (size === 1000) {
      targets.push({
        label: `matrix of 1,000 vendors < ${MATRIX_TARGET_MS} ms`,
        measured: s.median,
        limit: MATRIX_TARGET_MS,
        unit: 'ms',
        isPass: s.median < MATRIX_TARGET_MS,
      });
    }
    progress(`matrix ${size}: ${s.median.toFixed(1)} ms`);
  }
  return { section: 'compare', rows, targets, notes: [] };
}
