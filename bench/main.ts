/**
 * `npm run bench`: runs each section in its own child process (fresh heap, so peak memory is that
 * section's), then prints one table, judges the targets and writes bench/results.json.
 *
 *   node --expose-gc out/bench/bench.mjs [--seed=N] [--quick] [--only=parse,diff] [--last-run]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SectionResult } from './measure';
import { lastRunMarkdown, printReport } from './report';
import { benchContext, type BenchContext } from './sections/context';

const DEFAULT_SEED = 20250101;

type SectionRun = (ctx: BenchContext) => Promise<Omit<SectionResult, 'wallMs'>>;

// Loaded on demand: the parse section must not pay for SQLite, nor the export for pdf.js.
const SECTIONS: Record<string, () => Promise<SectionRun>> = {
  parse: async () => (await import('./sections/parse')).runParse,
  import: async () => (await import('./sections/import')).runImport,
  compare: async () => (await import('./sections/compare')).runCompare,
  search: async () => (await import('./sections/search')).runSearch,
  export: async () => (await import('./sections/export')).runExport,
  render: async () => (await import('./sections/render')).runRender,
};

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return undefined;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : '';
}

async function runChild(name: string, out: string, seed: number, isQuick: boolean): Promise<void> {
  const load = SECTIONS[name];
  if (!load) throw new Error(`unknown section ${name}`);
  const run = await load();
  const t0 = performance.now();
  const result = await run(benchContext(seed, isQuick));
  writeFileSync(out, JSON.stringify({ ...result, wallMs: performance.now() - t0 }));
}

function runParent(seed: number, isQuick: boolean, only: string[]): void {
  const self = fileURLToPath(import.meta.url);
  const scratch = mkdtempSync(join(tmpdir(), 'dpa-bench-results-'));
  const results: SectionResult[] = [];
  const started = new Date();
  const t0 = performance.now();
  try {
    for (const name of only) {
      process.stderr.write(`▶ ${name}\n`);
      const out = join(scratch, `${name}.json`);
      const extra = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
      const child = spawnSync(
        process.execPath,
        [
          '--expose-gc',
          ...extra,
          self,
          `--section=${name}`,
          `--out=${out}`,
          `--seed=${seed}`,
          ...(isQuick ? ['--quick'] : []),
        ],
        { stdio: ['ignore', 'inherit', 'inherit'] },
      );
      if (child.status !== 0) {
        process.stderr.write(`✗ ${name} failed (exit ${child.status ?? child.signal})\n`);
        process.exitCode = 1;
        continue;
      }
      const result = JSON.parse(readFileSync(out, 'utf8')) as SectionResult;
      process.stderr.write(`✓ ${name} in ${(result.wallMs / 1000).toFixed(1)} s\n`);
      results.push(result);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const wallMs = performance.now() - t0;
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}`;
  printReport(results, { seed, wallMs, machine, date: started.toISOString() });
  const summary = {
    date: started.toISOString(),
    seed,
    isQuick,
    machine,
    wallMs,
    sections: results,
  };
  writeFileSync(
    join(process.cwd(), 'bench', 'results.json'),
    `${JSON.stringify(summary, null, 2)}\n`,
  );
  if (arg('last-run') !== undefined) {
    writeFileSync(
      join(process.cwd(), 'bench', 'LAST-RUN.md'),
      lastRunMarkdown(results, { seed, wallMs, machine, date: started.toISOString() }),
    );
  }
}

const seed = Number(arg('seed') ?? DEFAULT_SEED);
const isQuick = arg('quick') !== undefined;
const section = arg('section');
if (section) {
  const out = arg('out');
  if (!out) throw new Error('--section needs --out');
  await runChild(section, out, seed, isQuick);
} else {
  const only = arg('only')?.split(',').filter(Boolean) ?? Object.keys(SECTIONS);
  runParent(seed, isQuick, only);
}
