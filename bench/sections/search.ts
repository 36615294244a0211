/** Global search per keystroke (SearchIndex.query) against a bare fuse.js over the same names. */
import { join } from 'node:path';
import Fuse from 'fuse.js';
import { SearchIndex } from '../../src-main/services/search';
import {
  now,
  progress,
  stats,
  withMemory,
  type Row,
  type SectionResult,
  type Target,
} from '../measure';
import { withTempDir, type BenchContext } from './context';
import { buildPortfolio } from './portfolio';

const SEARCH_TARGET_MS = 30;

// What reviewers type: vendor names, typos of them, purposes and places. Each is typed one
// character at a time, and every prefix is one query, as the search box sends them.
const TERMS = [
  'Amazon Web Services',
  'Cloudflare',
  'Stripe',
  'Google',
  'Salesforce',
  'Datadog',
  'Twilio',
  'OpenAI',
  'Zendesk',
  'Snowflake',
  'Cloudfare',
  'Sendgird',
  'Datdog',
  'Atlasian',
  'analytics',
  'payment processing',
  'email delivery',
  'error monitoring',
  'Germany',
  'Ireland',
  'United States',
  'Singapore',
];

function keystrokes(): string[] {
  return TERMS.flatMap((t) =>
    Array.from({ length: Math.min(t.length, 12) }, (_, i) => t.slice(0, i + 1)),
  );
}

export async function runSearch(ctx: BenchContext): Promise<Omit<SectionResult, 'wallMs'>> {
  const rows: Row[] = [];
  const targets: Target[] = [];
  const typed = keystrokes();
  for (const size of ctx.isQuick ? [5000, 12500] : [12_500, 50_000, 100_000]) {
    await withTempDir(async (dir) => {
      const { deps, vendors, entries } = buildPortfolio(ctx, join(dir, 'search.sqlite'), size);
      const index = new SearchIndex(deps.store);
      // The first fuzzy query builds the fuse index; it happens once per launch, not per key.
      const c0 = now();
      index.query('cloud');
      const coldMs = now() - c0;
      const { value: times, mem } = await withMemory(() =>
        typed.map((q) => {
          const t0 = now();
          index.query(q, 20);
          return now() - t0;
        }),
      );
      const names = deps.store.latestEntryNames().map((n) => n.name);
      const fuse = new Fuse(names, { threshold: 0.35, ignoreLocation: true });
      const bare = typed.map((q) => {
        const t0 = now();
        fuse.search(q, { limit: 20 });
        return now() - t0;
      });
      const s = stats(times);
      const b = stats(bare);
      rows.push({
        section: 'search',
        measure: 'query per keystroke',
        series: 'search',
        size: entries,
        sizeLabel: `${entries} entries, ${vendors} vendors`,
        medianMs: s.median,
        p95Ms: s.p95,
        baselineMs: b.median,
        baselineName: 'fuse.js search',
        peakRssMb: mem.peakRssMb,
        heapMb: mem.heapMb,
        note: `${typed.length} keystrokes; first query ${coldMs.toFixed(0)} ms (index build); bare p95 ${b.p95.toFixed(1)} ms`,
      });
      if (size === 50_000) {
        targets.push({
          label: `search 50,000 entries: p95 per keystroke < ${SEARCH_TARGET_MS} ms`,
          measured: s.p95,
          limit: SEARCH_TARGET_MS,
          unit: 'ms',
          isPass: s.p95 < SEARCH_TARGET_MS,
        });
      }
      progress(`search ${entries}: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`);
      deps.store.close();
    });
  }
  return { section: 'search', rows, targets, notes: [] };
}
