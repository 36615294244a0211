/**
 * Timing and memory helpers, and the shape every section reports in. Each section runs in its own
 * child process (see main.ts), so peak RSS is that section's alone, not the sum of earlier ones.
 */
import { performance } from 'node:perf_hooks';

export interface Row {
  section: string;
  measure: string;
  /** Rows sharing a series are one measure at several sizes; the report fits their growth. */
  series?: string;
  /** The size as a number (pages, entries, vendors, rows), for the growth fit. */
  size: number;
  sizeLabel: string;
  medianMs: number;
  p95Ms: number | null;
  baselineMs: number | null;
  baselineName: string | null;
  peakRssMb: number | null;
  heapMb: number | null;
  note?: string;
}

export interface Target {
  label: string;
  measured: number;
  limit: number;
  unit: 'ms' | 'x' | 's' | 'MB' | '%';
  isPass: boolean;
}

export interface SectionResult {
  section: string;
  rows: Row[];
  targets: Target[];
  notes: string[];
  wallMs: number;
}

export interface Stats {
  n: number;
  median: number;
  p95: number;
}

export function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) return { n: 0, median: Number.NaN, p95: Number.NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  // nearest-rank percentiles: with 20–200 samples, interpolation adds precision we do not have
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { n: sorted.length, median: at(0.5), p95: at(0.95) };
}

export function now(): number {
  return performance.now();
}

export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  g?.();
}

export interface MemoryUse {
  peakRssMb: number;
  heapMb: number;
}

const MB = 1024 * 1024;

/**
 * Peak RSS above the starting RSS, and the heap growth, while `fn` runs. A timer samples RSS for
 * async work; synchronous work blocks the timer, so the process's max-RSS high-water mark (which
 * the kernel keeps) covers it — valid because each section starts in a fresh, small process.
 */
export async function withMemory<T>(
  fn: () => Promise<T> | T,
): Promise<{ value: T; mem: MemoryUse }> {
  gc();
  const rss0 = process.memoryUsage.rss();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = rss0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const value = await fn();
    const heap1 = process.memoryUsage().heapUsed;
    peak = Math.max(peak, process.memoryUsage.rss());
    const maxRss = process.resourceUsage().maxRSS * 1024;
    if (maxRss > peak) peak = maxRss;
    return { value, mem: { peakRssMb: (peak - rss0) / MB, heapMb: (heap1 - heap0) / MB } };
  } finally {
    clearInterval(timer);
  }
}

/** Runs `fn` `reps` times after `warmup` unmeasured runs; returns each run's milliseconds. */
export async function repeat(
  reps: number,
  warmup: number,
  fn: () => Promise<unknown> | unknown,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = now();
    await fn();
    out.push(now() - t0);
  }
  return out;
}

/** Prints progress on stderr: stdout of a child is not read, and the parent's table stays clean. */
export function progress(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}
