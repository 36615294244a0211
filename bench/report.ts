/** The printed table, the growth fits and the target verdicts; also the LAST-RUN.md text. */
import type { Row, SectionResult, Target } from './measure';

interface RunInfo {
  seed: number;
  wallMs: number;
  machine: string;
  date: string;
}

function ms(v: number | null): string {
  if (v === null || Number.isNaN(v)) return '–';
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 100) return `${v.toFixed(0)} ms`;
  if (v >= 10) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)} ms`;
}

function mb(v: number | null): string {
  return v === null ? '–' : `${v.toFixed(0)}`;
}

function ratio(r: Row): string {
  return r.baselineMs && r.baselineMs > 0 ? `${(r.medianMs / r.baselineMs).toFixed(2)}×` : '–';
}

function targetValue(t: Target): string {
  switch (t.unit) {
    case 'ms':
      return ms(t.measured);
    case 's':
      return `${t.measured.toFixed(1)} s`;
    case 'x':
      return `${t.measured.toFixed(2)}×`;
    case 'MB':
      return `${t.measured.toFixed(0)} MB`;
    case '%':
      return `${t.measured.toFixed(1)}%`;
  }
}

/**
 * Growth exponent k in time ∝ size^k from the smallest and largest size: about 1 is linear, about 2
 * quadratic. Two points only, so noise at small sizes can move it by a few tenths.
 */
export function growthExponent(rows: readonly Row[]): number | null {
  const sorted = [...rows].sort((a, b) => a.size - b.size);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last || first.size === last.size || first.medianMs <= 0) return null;
  return Math.log(last.medianMs / first.medianMs) / Math.log(last.size / first.size);
}

function table(headers: string[], body: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
}

function lines(results: readonly SectionResult[], info: RunInfo): string[] {
  const rows = results.flatMap((r) => r.rows);
  const out: string[] = [];
  out.push(
    `Seed ${info.seed} · ${info.machine} · ${info.date} · whole run ${(info.wallMs / 1000).toFixed(0)} s`,
    '',
  );
  out.push(
    ...table(
      [
        'section',
        'measure',
        'size',
        'median',
        'p95',
        'baseline',
        'ratio',
        'peak RSS +MB',
        'heap +MB',
        'note',
      ],
      rows.map((r) => [
        r.section,
        r.measure,
        r.sizeLabel,
        ms(r.medianMs),
        ms(r.p95Ms),
        r.baselineMs === null ? '–' : `${ms(r.baselineMs)} (${r.baselineName ?? ''})`,
        ratio(r),
        mb(r.peakRssMb),
        mb(r.heapMb),
        r.note ?? '',
      ]),
    ),
  );
  const series = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.series) series.set(r.series, [...(series.get(r.series) ?? []), r]);
  }
  out.push('', 'Growth (time ∝ size^k; k≈1 linear, k≈2 quadratic):', '');
  out.push(
    ...table(
      ['series', 'sizes', 'medians', 'k'],
      [...series].map(([name, list]) => {
        const sorted = [...list].sort((a, b) => a.size - b.size);
        const k = growthExponent(sorted);
        return [
          name,
          sorted.map((r) => String(r.size)).join(' / '),
          sorted.map((r) => ms(r.medianMs)).join(' / '),
          k === null ? '–' : k.toFixed(2),
        ];
      }),
    ),
  );
  const targets = results.flatMap((r) => r.targets);
  out.push('', 'Targets:', '');
  out.push(
    ...table(
      ['verdict', 'target', 'measured'],
      targets.map((t) => [t.isPass ? 'PASS' : 'MISS', t.label, targetValue(t)]),
    ),
  );
  const notes = results.flatMap((r) => r.notes);
  if (notes.length > 0) {
    out.push('', 'Notes:', ...notes.map((n) => `- ${n}`));
  }
  const passed = targets.filter((t) => t.isPass).length;
  out.push('', `${passed}/${targets.length} targets met.`);
  return out;
}

export function printReport(results: readonly SectionResult[], info: RunInfo): void {
  process.stdout.write(`\n${lines(results, info).join('\n')}\n`);
}

export function lastRunMarkdown(results: readonly SectionResult[], info: RunInfo): string {
  return `# Last bench run\n\nWritten by \`npm run bench -- --last-run\`; see README.md for how to read it.\n\n${lines(results, info).join('\n')}\n`;
}
