/**
 * The renderer: does the vendor screen's entries table (virtualized, EntriesTable.tsx) scroll
 * without dropped frames at 50,000 rows? The app runs in browser mode (the built renderer served
 * by the bridge, as the UI tests open it) in Debian's headless Chromium; one vendor with N entries
 * is written straight to the store in one transaction, with flags computed as an import would.
 *
 * In the page, requestAnimationFrame timestamps give the frame deltas: first with nothing moving
 * (the idle baseline: the display rate headless Chromium actually runs at), then during a scripted
 * sweep that moves scrollTop from the top to the bottom of the table in a fixed number of frames.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { EntryStatus, ParsedEntry } from '../../src-shared/domain';
import { evaluateAndStore } from '../../src-main/services/review';
import type { AppContext } from '../../src-main/services/app/handlers';
import { launchBrowserApp, launchProblem } from '../../tests/ui/launch';
import { generateEntries, toParsedEntry, type Vocabulary } from '../corpus';
import { progress, stats, type Row, type SectionResult, type Target } from '../measure';
import { createRng, type Rng } from '../prng';
import { withTempDir, type BenchContext } from './context';

/** One vsync at 60 Hz. */
const VSYNC_MS = 1000 / 60;
/** A frame counts as dropped when it took longer than 1.5 vsyncs: at least one was missed. */
const DROPPED_OVER_MS = 1.5 * VSYNC_MS;
const TARGET_SIZE = 50_000;
/** A fast wheel fling: 7,200 px/s at 60 Hz, the same at every size. */
const FLING_PX = 120;
const TARGET_DROPPED_PCT = 1;
const TABLE_ROWS = 'table[aria-label="Sub-processors"] tbody tr:not(.spacer)';

// Purposes as long lists print them: most a short phrase, some a sentence that wraps the cell.
const PURPOSE_TAILS = [
  ', only for customers who enable the integration',
  ' (EU region customers are hosted in Frankfurt and Dublin; US customers in Virginia and Oregon)',
  '; processes support ticket contents, attachments and the contact details of the requester',
  ' for enterprise plans',
  ', including backups kept for 35 days and encrypted at rest with customer-managed keys where configured',
];
const DATA_CATEGORIES = ['contact details', 'usage data', 'support content', 'billing data'];

function statusOf(rng: Rng): EntryStatus {
  const r = rng.next();
  if (r < 0.85) return 'active';
  if (r < 0.93) return 'conditional';
  if (r < 0.97) return 'customer-managed';
  return 'inactive';
}

function benchEntry(rng: Rng, base: ParsedEntry): ParsedEntry {
  const confidence = rng.chance(0.9) ? 1 : 0.5 + rng.int(0, 45) / 100;
  return {
    ...base,
    purpose: rng.chance(0.03)
      ? null
      : rng.chance(0.25)
        ? `${base.purpose ?? ''}${rng.pick(PURPOSE_TAILS)}`
        : base.purpose,
    dataCategories: rng.chance(0.4) ? [rng.pick(DATA_CATEGORIES)] : [],
    status: statusOf(rng),
    nameOnPage: !rng.chance(0.03),
    confidence,
    confidenceReasons: confidence < 1 ? ['the row has no country column'] : [],
  };
}

/** One vendor with `size` entries, stored as an import would, then flagged under the policy. */
function seedVendor(
  ctx: AppContext,
  vocab: Vocabulary,
  seed: number,
  size: number,
): { vendorId: number; flags: number; seedMs: number; flagMs: number } {
  const rng = createRng(seed);
  const entries = generateEntries(rng, vocab, size).map((e) => benchEntry(rng, toParsedEntry(e)));
  const { store } = ctx;
  const at = '2025-06-01T00:00:00.000Z';
  const t0 = performance.now();
  const { vendorId, snapshotId } = store.transaction(() => {
    const vendor = store.findOrCreateVendor('Bench Vendor', at);
    const id = store.insertSnapshot({
      vendorId: vendor.id,
      fileName: 'subprocessors.csv',
      mediaType: 'text/csv',
      format: 'csv',
      sha256: `render-${size}`,
      originalBytes: new Uint8Array([1]),
      sourceText: entries.map((e) => e.name).join('\n'),
      importedAt: at,
      lastUpdated: null,
      noticeDays: 30,
      noticeBusinessDays: false,
      objectionDays: null,
      publisher: 'Bench Vendor',
      pageUrl: null,
      parserVersion: 'bench',
      warnings: [],
    });
    entries.forEach((e, i) => store.insertEntry(id, i, e));
    return { vendorId: vendor.id, snapshotId: id };
  });
  const t1 = performance.now();
  // Flags render badges on every row: compute them now, as the import does, so the first visit
  // to the screen is not also the first evaluation.
  const flags = store.transaction(() => evaluateAndStore(ctx, snapshotId)).length;
  return { vendorId, flags, seedMs: t1 - t0, flagMs: performance.now() - t1 };
}

function dropped(deltas: readonly number[]): { count: number; pct: number } {
  const count = deltas.filter((d) => d > DROPPED_OVER_MS).length;
  return { count, pct: deltas.length > 0 ? (100 * count) / deltas.length : 0 };
}

/** rAF deltas for `frames` frames with nothing moving. */
async function idleFrames(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(
    (n) =>
      new Promise<number[]>((resolve) => {
        const deltas: number[] = [];
        let last = -1;
        const tick = (t: number): void => {
          if (last >= 0) deltas.push(t - last);
          last = t;
          if (deltas.length >= n) resolve(deltas);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    frames,
  );
}

/** Main-thread work per frame during a pass, from Chromium's Performance.getMetrics counters. */
interface MainThreadWork {
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
}

/** Where the main thread's time went in the long animation frames (over 50 ms) of a pass. */
interface LongFrames {
  count: number;
  /** Layout that scripts forced by reading sizes (getBoundingClientRect, offsetHeight…). */
  forcedLayoutMs: number;
}

interface PassResult {
  deltas: number[];
  maxDomRows: number;
  domNodes: number;
  stepPx: number;
  /** The highest row index that was in the DOM: the last row's when a sweep reached the end. */
  lastIndex: number;
  long: LongFrames;
}

/**
 * Scrolls the table once per animation frame and records each frame's delta, the rows in the DOM
 * and the long animation frames Chromium reports. `stepPx` 'sweep' moves scrollTop from the top to
 * the bottom in `frames` equal steps (a dragged scrollbar thumb: the step grows with the list);
 * a number scrolls that many pixels a frame from `startFraction` of the way down (a wheel fling:
 * the same speed at every size).
 */
async function scrollPass(
  page: Page,
  options: { frames: number; stepPx: number | 'sweep'; startFraction: number; wrap?: string },
): Promise<PassResult> {
  return page.evaluate(
    ({ n, step, from, rows, wrap }) =>
      new Promise<PassResult>((resolve, reject) => {
        const el = document.querySelector<HTMLElement>(wrap);
        if (!el) {
          reject(new Error(`no ${wrap} on the page`));
          return;
        }
        el.scrollTop = from * (el.scrollHeight - el.clientHeight);
        const long = { count: 0, forcedLayoutMs: 0 };
        interface Loaf {
          scripts: { forcedStyleAndLayoutDuration: number }[];
        }
        const observer = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
          ? new PerformanceObserver((list) => {
              for (const e of list.getEntries() as unknown as Loaf[]) {
                long.count++;
                for (const sc of e.scripts) long.forcedLayoutMs += sc.forcedStyleAndLayoutDuration;
              }
            })
          : null;
        observer?.observe({ type: 'long-animation-frame' });
        const deltas: number[] = [];
        let maxDomRows = 0;
        let lastIndex = -1;
        let stepPx = 0;
        let last = -1;
        let i = 0;
        const finish = (): void => {
          // long-animation-frame entries are delivered after the frame: let the last ones arrive
          setTimeout(() => {
            observer?.disconnect();
            resolve({
              deltas,
              maxDomRows,
              domNodes: document.getElementsByTagName('*').length,
              stepPx,
              lastIndex,
              long,
            });
          }, 100);
        };
        const tick = (t: number): void => {
          if (last >= 0) deltas.push(t - last);
          last = t;
          const inDom = document.querySelectorAll<HTMLElement>(rows);
          maxDomRows = Math.max(maxDomRows, inDom.length);
          lastIndex = Math.max(lastIndex, Number(inDom[inDom.length - 1]?.dataset.index ?? -1));
          // The scroll height grows as rows are measured: a sweep aims at the current bottom each
          // frame, and after its n steps keeps going until the bottom stays put.
          const range = el.scrollHeight - el.clientHeight;
          if (step === 'sweep') {
            if (i >= n && (el.scrollTop >= range - 1 || i >= 2 * n)) {
              finish();
              return;
            }
            i++;
            stepPx = range / n;
            el.scrollTop = (range * Math.min(i, n)) / n;
          } else {
            if (i >= n) {
              finish();
              return;
            }
            i++;
            stepPx = step;
            el.scrollTop += step;
          }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    {
      n: options.frames,
      step: options.stepPx,
      from: options.startFraction,
      rows: TABLE_ROWS,
      wrap: options.wrap ?? '.table-wrap',
    },
  );
}

/**
 * The bare scroll: the rows now in the table copied into a plain scrolling box of the same size
 * and styles over the page, enough of them for `px` of scrolling, with no React and no virtualizer
 * behind them. What Chromium itself needs to scroll this markup here; returns the box's selector.
 */
async function staticCopy(page: Page, px: number): Promise<string> {
  return page.evaluate((need) => {
    const wrap = document.querySelector<HTMLElement>('.table-wrap');
    const body = wrap?.querySelector('tbody');
    if (!wrap || !body) throw new Error('no table to copy');
    const box = wrap.getBoundingClientRect();
    const copy = wrap.cloneNode(true) as HTMLElement;
    copy.id = 'bench-static-copy';
    Object.assign(copy.style, {
      position: 'fixed',
      top: `${box.top}px`,
      left: `${box.left}px`,
      width: `${box.width}px`,
      height: `${box.height}px`,
      zIndex: '1000',
    });
    const tbody = copy.querySelector('tbody');
    if (!tbody) throw new Error('no table to copy');
    tbody.querySelectorAll('tr.spacer').forEach((tr) => tr.remove());
    const model = Array.from(tbody.children) as HTMLElement[];
    document.body.appendChild(copy);
    // Rows placed absolutely (a top each, in a body as tall as the list) are copied the
    // same way, one under the other from the top; rows in flow are simply appended.
    const first = model[0];
    const rowHeight = first ? first.getBoundingClientRect().height : 0;
    const placed = first !== undefined && getComputedStyle(first).position === 'absolute';
    if (placed) {
      model.forEach((tr) => tr.remove());
      tbody.style.height = `${need + 2 * box.height}px`;
    }
    for (let i = 0; i < 100_000; i++) {
      if (
        placed ? i * rowHeight >= need + 2 * box.height : copy.scrollHeight >= need + 2 * box.height
      ) {
        break;
      }
      const tr = (model[i % model.length] as HTMLElement).cloneNode(true) as HTMLElement;
      if (placed) tr.style.top = `${i * rowHeight}px`;
      tbody.appendChild(tr);
    }
    copy.scrollTop = 0;
    return '#bench-static-copy';
  }, px);
}

/**
 * Milliseconds from asking for the vendor screen (a route change from the Library, as a click
 * does) to the animation frame in which its table's first rows are in the DOM; and the part of
 * that spent on the bridge call for the review.
 */
async function firstRender(
  page: Page,
  vendorId: number,
  rowSelector: string,
): Promise<{ ms: number; bridgeMs: number }> {
  await page.evaluate(() => {
    window.location.hash = '#/library';
  });
  await page.waitForFunction((rows) => !document.querySelector(rows), rowSelector);
  await idleFrames(page, 10);
  return page.evaluate(
    ({ id, rows }) =>
      new Promise<{ ms: number; bridgeMs: number }>((resolve) => {
        performance.clearResourceTimings();
        const t0 = performance.now();
        window.location.hash = `#/vendor/${id}/review`;
        const check = (): void => {
          if (document.querySelector(rows)) {
            const call = performance
              .getEntriesByType('resource')
              .filter((e) => e.name.includes('/api/review.get'))
              .pop();
            resolve({ ms: performance.now() - t0, bridgeMs: call ? call.duration : Number.NaN });
          } else {
            requestAnimationFrame(check);
          }
        };
        requestAnimationFrame(check);
      }),
    { id: vendorId, rows: rowSelector },
  );
}

export async function runRender(ctx: BenchContext): Promise<Omit<SectionResult, 'wallMs'>> {
  const problem = launchProblem(ctx.root);
  if (problem) {
    progress(`render skipped: ${problem}`);
    return { section: 'render', rows: [], targets: [], notes: [`render: skipped: ${problem}`] };
  }
  const rows: Row[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  // Quick runs stop short of 50,000 rows (seeding, flagging and loading it alone takes ~30 s on
  // two busy cores): a smoke test with no verdict.
  // BENCH_RENDER_SIZES=50000 (comma-separated) runs only those sizes: for A/B runs of one change.
  const only = process.env.BENCH_RENDER_SIZES?.split(',')
    .map(Number)
    .filter((n) => n > 0);
  const sizes =
    only && only.length > 0 ? only : ctx.isQuick ? [2_000, 5_000] : [5_000, 20_000, TARGET_SIZE];
  const frames = ctx.isQuick ? 90 : 300;
  const loads = ctx.isQuick ? 1 : 2;
  let version = '';
  for (const size of sizes) {
    await withTempDir(async (dir) => {
      let seeded = { vendorId: 0, flags: 0, seedMs: 0, flagMs: 0 };
      const app = await launchBrowserApp({
        rootDir: ctx.root,
        databasePath: join(dir, 'render.sqlite'),
        version: 'bench',
        // The desktop window's default size (src-main/electron/window.ts).
        viewport: { width: 1280, height: 820 },
        beforeLoad: (appCtx) => {
          seeded = seedVendor(appCtx, ctx.vocab, ctx.seed + 700 + size, size);
        },
      });
      try {
        const { page } = app;
        version = app.browser.version();
        const cdp = await app.context.newCDPSession(page);
        await cdp.send('Performance.enable');
        const heapMb = async (): Promise<number> => {
          const { metrics } = await cdp.send('Performance.getMetrics');
          const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
          return used / 2 ** 20;
        };
        const heap0 = await heapMb();
        const renders: { ms: number; bridgeMs: number }[] = [];
        for (let i = 0; i < loads; i++) {
          renders.push(await firstRender(page, seeded.vendorId, TABLE_ROWS));
        }
        // Let the first paint settle, then the baseline: what a frame costs with nothing to do.
        await idleFrames(page, 30);
        const idle = stats(await idleFrames(page, ctx.isQuick ? 60 : 120));
        // A short unmeasured fling warms the JIT, as any real scroll after the first would.
        await scrollPass(page, { frames: 30, stepPx: FLING_PX, startFraction: 0 });
        // BENCH_RENDER_PROFILE=dir writes the page's CPU profile of each pass, for DevTools;
        // BENCH_RENDER_TRACE=dir a Chromium trace of each pass (Playwright's tracing), which also
        // shows paint, compositing and raster, on every thread.
        const profileDir = process.env.BENCH_RENDER_PROFILE;
        const traceDir = process.env.BENCH_RENDER_TRACE;
        // Chromium's own counters of main-thread work (seconds), read around each pass: less
        // moved by other processes on the machine than frame deltas are.
        const mainThread = async (): Promise<Record<string, number>> => {
          const { metrics } = await cdp.send('Performance.getMetrics');
          return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
        };
        const profiled = async (
          name: string,
          run: () => Promise<PassResult>,
        ): Promise<PassResult & { work: MainThreadWork }> => {
          if (profileDir) {
            await cdp.send('Profiler.enable');
            await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
            await cdp.send('Profiler.start');
          }
          if (traceDir) {
            await app.browser.startTracing(page, {
              path: join(traceDir, `render-${name}-${size}.json`),
              categories: [
                'devtools.timeline',
                'disabled-by-default-devtools.timeline',
                'disabled-by-default-devtools.timeline.frame',
                'toplevel',
                'blink',
                'cc',
                'viz',
                'v8',
              ],
            });
          }
          const m0 = await mainThread();
          const result = await run();
          const m1 = await mainThread();
          if (traceDir) {
            await app.browser.stopTracing();
          }
          const per = (k: string): number =>
            (1000 * ((m1[k] ?? 0) - (m0[k] ?? 0))) / Math.max(1, result.deltas.length);
          const work = {
            taskMs: per('TaskDuration'),
            scriptMs: per('ScriptDuration'),
            layoutMs: per('LayoutDuration'),
            styleMs: per('RecalcStyleDuration'),
          };
          if (profileDir) {
            const { profile } = await cdp.send('Profiler.stop');
            writeFileSync(
              join(profileDir, `render-${name}-${size}.cpuprofile`),
              JSON.stringify(profile),
            );
          }
          return { ...result, work };
        };
        const fling = await profiled('fling', () =>
          scrollPass(page, { frames, stepPx: FLING_PX, startFraction: 0.5 }),
        );
        const sweep = await profiled('sweep', () =>
          scrollPass(page, { frames, stepPx: 'sweep', startFraction: 0 }),
        );
        const copy = await staticCopy(page, frames * FLING_PX);
        const bare = await profiled('bare', () =>
          scrollPass(page, { frames, stepPx: FLING_PX, startFraction: 0, wrap: copy }),
        );
        await page.evaluate((sel) => document.querySelector(sel)?.remove(), copy);
        const heap1 = await heapMb();
        if (app.errors.length > 0) throw new Error(`page errors: ${app.errors.join('; ')}`);
        if (app.outside.length > 0) {
          throw new Error(`requests outside the app: ${app.outside.join(', ')}`);
        }
        if (sweep.lastIndex !== size - 1) {
          throw new Error(`the ${size}-row sweep stopped at row ${sweep.lastIndex}, not the last`);
        }

        const label = `${size.toLocaleString('en-US')} rows`;
        const passRow = (
          measure: string,
          series: string,
          p: PassResult & { work: MainThreadWork },
        ): Row => {
          const f = stats(p.deltas);
          const d = dropped(p.deltas);
          const l = p.long;
          const w = p.work;
          return {
            section: 'render',
            measure,
            series,
            size,
            sizeLabel: label,
            medianMs: f.median,
            p95Ms: f.p95,
            baselineMs: idle.median,
            baselineName: 'idle rAF',
            peakRssMb: null,
            heapMb: null,
            note:
              `dropped ${d.count}/${p.deltas.length} (${d.pct.toFixed(1)}%), worst ${Math.max(...p.deltas).toFixed(0)} ms; ` +
              `main thread ${w.taskMs.toFixed(1)} ms/frame (script ${w.scriptMs.toFixed(1)}, layout ${w.layoutMs.toFixed(1)}, style ${w.styleMs.toFixed(1)}); ` +
              `${p.stepPx.toFixed(0)} px/frame; ≤ ${p.maxDomRows} rows in DOM; ` +
              `${l.count} frames > 50 ms (forced layout ${l.forcedLayoutMs.toFixed(0)} ms)`,
          };
        };
        rows.push(passRow(`scroll frame, fling ${FLING_PX} px/frame`, 'render fling frame', fling));
        rows.push(passRow('scroll frame, sweep top→bottom', 'render sweep frame', sweep));
        rows.push(
          passRow(`bare: static copy, fling ${FLING_PX} px/frame`, 'render bare frame', bare),
        );
        const r = stats(renders.map((x) => x.ms));
        const bridge = stats(renders.map((x) => x.bridgeMs));
        rows.push({
          section: 'render',
          measure: 'vendor screen first render',
          series: 'render first render',
          size,
          sizeLabel: label,
          medianMs: r.median,
          p95Ms: r.p95,
          baselineMs: null,
          baselineName: null,
          peakRssMb: null,
          heapMb: heap1 - heap0,
          note: `${loads} loads from the Library, of which bridge review.get ${bridge.median.toFixed(0)} ms; ${seeded.flags} flags; heap +MB is the page's JS heap`,
        });
        const df = dropped(fling.deltas);
        const ds = dropped(sweep.deltas);
        if (size === TARGET_SIZE) {
          targets.push({
            label: `renderer: ${label} table scrolls with no dropped frames (fling; ≤ ${TARGET_DROPPED_PCT}% of frames over ${DROPPED_OVER_MS.toFixed(0)} ms)`,
            measured: df.pct,
            limit: TARGET_DROPPED_PCT,
            unit: '%',
            isPass: df.pct <= TARGET_DROPPED_PCT,
          });
        }
        progress(
          `render ${size}: seed ${seeded.seedMs.toFixed(0)} ms + flags ${seeded.flagMs.toFixed(0)} ms; first render ${r.median.toFixed(0)} ms (bridge ${bridge.median.toFixed(0)} ms); idle ${idle.median.toFixed(1)} ms/frame; fling median ${stats(fling.deltas).median.toFixed(1)} ms, dropped ${df.count}/${fling.deltas.length}; sweep median ${stats(sweep.deltas).median.toFixed(1)} ms, dropped ${ds.count}/${sweep.deltas.length}; bare dropped ${dropped(bare.deltas).count}/${bare.deltas.length}`,
        );
        if (size === sizes[0]) {
          notes.push(
            `render: idle rAF ${idle.median.toFixed(2)} ms/frame (${(1000 / idle.median).toFixed(1)} Hz; p95 ${idle.p95.toFixed(2)} ms) in headless Chromium ${version} with --disable-gpu: the baseline the scroll frames are compared to.`,
          );
        }
      } finally {
        await app.close();
      }
    });
  }
  notes.push(
    `render: a frame is dropped when its rAF delta exceeds 1.5 × 16.7 ms = ${DROPPED_OVER_MS.toFixed(1)} ms (at least one vsync missed at 60 Hz). ` +
      `Fling: ${frames} frames at ${FLING_PX} px/frame from the middle of the list, as a fast wheel or trackpad scroll; the target allows ≤ ${TARGET_DROPPED_PCT}% of them dropped at ${TARGET_SIZE.toLocaleString('en-US')} rows. ` +
      `Sweep: scrollTop from top to bottom in ${frames} frames, as a dragged scrollbar thumb, so every frame brings a screenful of new rows (shown, not judged). ` +
      `Bare: the rendered rows copied into a plain scrolling box (no React, no virtualizer) and flung the same way — the floor this browser and machine set. ` +
      `Main thread per frame from Chromium's Performance.getMetrics counters, long frames (> 50 ms) from the long-animation-frame API; the viewport is the desktop window's 1280 × 820.`,
  );
  return { section: 'render', rows, targets, notes };
}
