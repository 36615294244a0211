/**
 * The app makes no request unless the user asks. Everything a reviewer does without pressing
 * "Fetch" or "Check for updates" (open the app, import files, review, decide, diff, search,
 * export) and planning a check must leave the vendor's server untouched, even when the vendor's
 * URL and the pages' own canonical URLs point at it.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { openAppContext } from '../../../src-main/services/app/context';
import { createHandlers } from '../../../src-main/services/app/handlers';
import { entriesCsv, flagsCsv, writeReviewWorkbook } from '../../../src-main/services/export';
import { fetchPage, planCheck, suggestVendorUrl } from '../../../src-main/services/fetch';
import { ROOT_DIR, tempDir } from '../../helpers';
import { listPage, ROWS_V1, ROWS_V2, serve, startPageServer, type PageServer } from './page-server';

let server: PageServer;
beforeAll(async () => {
  server = await startPageServer();
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

it('opening, importing, reviewing, diffing, exporting and planning make zero requests', async () => {
  // Every route answers, so a stray request would succeed quietly if it were not counted.
  server.routes.set('/subprocessors', serve('text/html', listPage(ROWS_V2)));
  const fetchSpy = vi.spyOn(globalThis, 'fetch');
  const t = tempDir('dpa-offline-');
  let clock = new Date('2025-06-05T10:00:00Z');
  const ctx = openAppContext({
    databasePath: join(t.dir, 'db.sqlite'),
    mode: 'cli',
    version: 'test',
    resourcesDir: join(ROOT_DIR, 'resources'),
    now: () => clock,
  });
  try {
    const api = createHandlers(ctx);
    const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
    const canonical = server.url('/subprocessors');
    const v1 = await api['snapshots.import']({
      fileName: 'acme-v1.html',
      bytes: bytes(listPage(ROWS_V1, { canonical })),
      vendorName: 'Acme',
    });
    const vendorId = v1.vendor.id;
    ctx.store.setVendorUrl(vendorId, canonical);
    clock = new Date('2025-06-10T09:00:00Z');
    await api['snapshots.import']({
      fileName: 'acme-v2.html',
      bytes: bytes(listPage(ROWS_V2, { canonical, updated: 'June 2, 2025' })),
      vendorName: 'Acme',
    });
    const review = await api['review.get']({ vendorId });
    const first = review.entries[0];
    if (first) {
      await api['decisions.record']({
        entryId: first.entry.id,
        decision: 'approved',
        comment: 'ok',
        reviewer: 'Ana',
      });
    }
    await api['review.library']({});
    await api['vendors.list']({});
    await api['entries.list']({ vendorId });
    await api['compare.diff']({ vendorId });
    await api['compare.matrix']({});
    await api['compare.deadlinesIcs']({});
    await api['search.query']({ q: 'stripe' });
    await api['policy.export']({});
    const deps = { store: ctx.store, resources: ctx.resources, now: ctx.now };
    entriesCsv(deps);
    flagsCsv(deps);
    await writeReviewWorkbook(deps, { outPath: join(t.dir, 'review.xlsx') });
    expect(suggestVendorUrl(ctx.store, vendorId)).toBeNull();
    const plan = planCheck({ store: ctx.store });
    expect(plan.hosts.map((h) => h.host)).toEqual(['127.0.0.1']);

    expect(server.requests).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();

    // Control: the counter does see a fetch the user asks for.
    await fetchPage(canonical, { version: 'test', fetchImpl: globalThis.fetch, timeoutMs: 2_000 });
    expect(server.requests.map((r) => r.target)).toEqual(['/subprocessors']);
  } finally {
    await ctx.dispose();
    t.cleanup();
  }
});
