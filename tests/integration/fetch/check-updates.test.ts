/**
 * Importing from a URL and checking vendors for changes, on a real app context (temp SQLite file,
 * real parser, real handler table for the diff) against a real 127.0.0.1 server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openAppContext } from '../../../src-main/services/app/context';
import { createHandlers, type AppContext } from '../../../src-main/services/app/handlers';
import {
  checkForUpdates,
  importFromUrl,
  planCheck,
  suggestVendorUrl,
  type CheckResult,
  type FetchDeps,
} from '../../../src-main/services/fetch';
import { evaluateAndStore } from '../../../src-main/services/review';
import type { Handlers } from '../../../src-shared/ipc';
import { CORPUS_DIR, ROOT_DIR, tempDir } from '../../helpers';
import {
  listPage,
  redirect,
  ROWS_V1,
  ROWS_V2,
  serve,
  slow,
  startPageServer,
  type PageServer,
} from './page-server';

const PDF = readFileSync(join(CORPUS_DIR, 'real', 'toit-print.pdf'));
const html = (body: string) => serve('text/html; charset=utf-8', body);

let server: PageServer;
let ctx: AppContext;
let api: Handlers;
let deps: FetchDeps;
let cleanup: () => void;
let clock: Date;

beforeAll(async () => {
  server = await startPageServer();
});
afterAll(() => server.close());

beforeEach(() => {
  const t = tempDir('dpa-fetch-');
  cleanup = t.cleanup;
  clock = new Date('2025-06-05T10:00:00Z');
  ctx = openAppContext({
    databasePath: join(t.dir, 'db.sqlite'),
    mode: 'cli',
    version: 'test',
    resourcesDir: join(ROOT_DIR, 'resources'),
    now: () => clock,
  });
  api = createHandlers(ctx);
  const reviewDeps = { store: ctx.store, resources: ctx.resources, now: ctx.now };
  // Wired as the shells will wire it: flags in the import transaction, the diff from compare.diff.
  deps = {
    store: ctx.store,
    parser: ctx.parser,
    now: ctx.now,
    version: 'test',
    timeoutMs: 2_000,
    maxBytes: 256 * 1024,
    onStored: (snapshotId) => evaluateAndStore(reviewDeps, snapshotId),
    compareLatest: (vendorId) => api['compare.diff']({ vendorId }),
  };
  server.routes.clear();
  server.requests.length = 0;
});
afterEach(async () => {
  await ctx.dispose();
  cleanup();
});

describe('importFromUrl', () => {
  it('imports the exact bytes as a snapshot, records the fetch and sets the URL', async () => {
    const page = listPage(ROWS_V1);
    server.routes.set('/legal/subprocessors', html(page));
    const out = await importFromUrl(deps, {
      vendorName: 'Acme',
      url: server.url('/legal/subprocessors'),
    });
    expect(out.import.status).toBe('imported');
    expect(out.import.snapshot).toMatchObject({
      fileName: 'subprocessors.html',
      format: 'html',
      entryCount: 3,
    });
    const stored = ctx.store.getSnapshotSource(out.import.snapshot.id);
    expect(Buffer.from(stored?.bytes ?? []).toString('utf8')).toBe(page);
    const vendorId = out.import.vendor.id;
    expect(ctx.store.getVendor(vendorId)?.url).toBe(server.url('/legal/subprocessors'));
    expect(ctx.store.listFetches(vendorId)).toEqual([
      {
        id: out.fetchId,
        vendorId,
        url: server.url('/legal/subprocessors'),
        finalUrl: server.url('/legal/subprocessors'),
        redirects: [],
        httpStatus: 200,
        contentType: 'text/html; charset=utf-8',
        fetchedAt: '2025-06-05T10:00:00.000Z',
        bytesReceived: Buffer.byteLength(page),
        outcome: 'imported',
        snapshotId: out.import.snapshot.id,
        error: null,
      },
    ]);
    // Flags were computed in the import transaction, as for a file import.
    expect(ctx.store.flagsPolicyVersion(out.import.snapshot.id)).toBe(1);
    expect(out.message).toContain('imported 3 sub-processors');
    expect(out.message).toContain('plain http');
  });

  it('records the final URL and hops of a redirect, keeping the address asked for', async () => {
    server.routes.set('/subprocessors', redirect(301, '/legal/v2/subprocessors'));
    server.routes.set('/legal/v2/subprocessors', html(listPage(ROWS_V1)));
    const out = await importFromUrl(deps, {
      vendorName: 'Acme',
      url: server.url('/subprocessors'),
    });
    const [f] = ctx.store.listFetches(out.import.vendor.id);
    expect(f?.finalUrl).toBe(server.url('/legal/v2/subprocessors'));
    expect(f?.redirects).toEqual([server.url('/legal/v2/subprocessors')]);
    expect(ctx.store.getVendor(out.import.vendor.id)?.url).toBe(server.url('/subprocessors'));
  });

  it('imports a PDF with a .pdf file name', async () => {
    server.routes.set('/docs/subprocessors.pdf', serve('application/pdf', PDF));
    const out = await importFromUrl(deps, {
      vendorName: 'Toit',
      url: server.url('/docs/subprocessors.pdf'),
    });
    expect(out.import.snapshot.format).toBe('pdf');
    expect(out.import.snapshot.fileName).toBe('subprocessors.pdf');
    expect(out.import.snapshot.entryCount).toBeGreaterThan(0);
  });

  it('uses the stored URL for a known vendor, and reports the same bytes as unchanged', async () => {
    server.routes.set('/list', html(listPage(ROWS_V1)));
    const first = await importFromUrl(deps, { vendorName: 'Acme', url: server.url('/list') });
    const again = await importFromUrl(deps, { vendorId: first.import.vendor.id });
    expect(again.import.status).toBe('duplicate');
    expect(ctx.store.listSnapshots(first.import.vendor.id)).toHaveLength(1);
    expect(ctx.store.listFetches(first.import.vendor.id).map((f) => f.outcome)).toEqual([
      'unchanged',
      'imported',
    ]);
  });

  it('records a failed fetch for a known vendor and changes nothing else', async () => {
    server.routes.set('/list', html(listPage(ROWS_V1)));
    const first = await importFromUrl(deps, { vendorName: 'Acme', url: server.url('/list') });
    const vendorId = first.import.vendor.id;
    await expect(importFromUrl(deps, { vendorId, url: server.url('/moved') })).rejects.toThrow(
      `${server.url('/moved')}: the server answered 404 Not Found`,
    );
    const [failed] = ctx.store.listFetches(vendorId);
    expect(failed).toMatchObject({
      outcome: 'failed',
      httpStatus: 404,
      error: 'the server answered 404 Not Found',
      snapshotId: null,
    });
    expect(ctx.store.getVendor(vendorId)?.url).toBe(server.url('/list'));
    expect(ctx.store.listSnapshots(vendorId)).toHaveLength(1);
  });

  it('asks for a URL when none is known, without any request', async () => {
    await api['snapshots.import']({
      fileName: 'acme.html',
      bytes: new TextEncoder().encode(
        listPage(ROWS_V1, { canonical: 'https://acme.example/legal/subprocessors' }),
      ),
      vendorName: 'Acme',
    });
    const vendorId = ctx.store.findVendorByName('Acme')?.id ?? 0;
    await expect(importFromUrl(deps, { vendorId })).rejects.toThrow(
      "no address is known for Acme; give the page's URL (its last snapshot names https://acme.example/legal/subprocessors)",
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('suggestVendorUrl', () => {
  it("offers the URL the page states for itself until it is the vendor's URL", async () => {
    const out = await api['snapshots.import']({
      fileName: 'acme.html',
      bytes: new TextEncoder().encode(
        listPage(ROWS_V1, { canonical: 'https://acme.example/legal/subprocessors' }),
      ),
      vendorName: 'Acme',
    });
    expect(suggestVendorUrl(ctx.store, out.vendor.id)).toBe(
      'https://acme.example/legal/subprocessors',
    );
    ctx.store.setVendorUrl(out.vendor.id, 'https://acme.example/legal/subprocessors');
    expect(suggestVendorUrl(ctx.store, out.vendor.id)).toBeNull();
    const other = ctx.store.findOrCreateVendor('Bare', clock.toISOString());
    expect(suggestVendorUrl(ctx.store, other.id)).toBeNull();
  });
});

describe('planCheck', () => {
  it('names the distinct hosts with their vendors, and contacts none of them', () => {
    const now = clock.toISOString();
    const add = (name: string, url: string | null): number => {
      const v = ctx.store.findOrCreateVendor(name, now);
      ctx.store.setVendorUrl(v.id, url);
      return v.id;
    };
    const a = add('Acme', 'https://trust.acme.example/subprocessors');
    const b = add('Beta', 'https://www.vendorsite.example/legal');
    const c = add('Gamma', 'http://www.vendorsite.example/gamma');
    const d = add('Delta', null);
    const plan = planCheck(deps);
    expect(plan.hosts).toEqual([
      {
        host: 'trust.acme.example',
        vendors: [
          {
            vendorId: a,
            vendor: 'Acme',
            url: 'https://trust.acme.example/subprocessors',
            isHttps: true,
          },
        ],
      },
      {
        host: 'www.vendorsite.example',
        vendors: [
          {
            vendorId: b,
            vendor: 'Beta',
            url: 'https://www.vendorsite.example/legal',
            isHttps: true,
          },
          {
            vendorId: c,
            vendor: 'Gamma',
            url: 'http://www.vendorsite.example/gamma',
            isHttps: false,
          },
        ],
      },
    ]);
    expect(plan.vendorCount).toBe(3);
    expect(plan.withoutUrl).toEqual([{ vendorId: d, vendor: 'Delta' }]);
    expect(planCheck(deps, [a]).hosts.map((h) => h.host)).toEqual(['trust.acme.example']);
    expect(() => planCheck(deps, [9999])).toThrow('vendor 9999 does not exist');
  });
});

describe('checkForUpdates', () => {
  /** Acme's page changes, Beta's is only reformatted, Gamma's is gone, Delta has no URL. */
  async function library(): Promise<Record<'acme' | 'beta' | 'gamma' | 'delta', number>> {
    server.routes.set('/acme', html(listPage(ROWS_V1)));
    server.routes.set('/beta', html(listPage(ROWS_V1)));
    server.routes.set('/gamma', html(listPage(ROWS_V1)));
    const acme = await importFromUrl(deps, { vendorName: 'Acme', url: server.url('/acme') });
    const beta = await importFromUrl(deps, { vendorName: 'Beta', url: server.url('/beta') });
    const gamma = await importFromUrl(deps, { vendorName: 'Gamma', url: server.url('/gamma') });
    const delta = ctx.store.findOrCreateVendor('Delta', clock.toISOString());
    server.routes.set('/acme', html(listPage(ROWS_V2, { updated: 'June 2, 2025' })));
    server.routes.set(
      '/beta',
      html(listPage(ROWS_V1, { reformatted: true, updated: 'June 1, 2025' })),
    );
    server.routes.delete('/gamma');
    server.requests.length = 0;
    clock = new Date('2025-06-10T09:00:00Z');
    return {
      acme: acme.import.vendor.id,
      beta: beta.import.vendor.id,
      gamma: gamma.import.vendor.id,
      delta: delta.id,
    };
  }

  it('imports changed pages with a diff summary and deadline, skips reformatted ones', async () => {
    const ids = await library();
    const progress: [number, number, string][] = [];
    const results = await checkForUpdates(deps, {
      onProgress: (done, total, r) => progress.push([done, total, r.vendor]),
    });
    expect(results.map((r) => [r.vendor, r.outcome])).toEqual([
      ['Acme', 'changed'],
      ['Beta', 'unchanged'],
      ['Gamma', 'failed'],
    ]);
    const [acme, beta, gamma] = results as [CheckResult, CheckResult, CheckResult];
    expect(acme.diffSummary).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(acme.deadline).toMatchObject({ from: '2025-06-02', deadline: '2025-07-02' });
    expect(acme.snapshotId).toBe(ctx.store.latestSnapshot(ids.acme)?.id);
    expect(ctx.store.listSnapshots(ids.acme)).toHaveLength(2);

    expect(beta.reason).toBe(
      "same 3 sub-processors and notice terms; only the page's formatting changed, so no snapshot was stored; the page's date changed from 2025-05-06 to 2025-06-01",
    );
    expect(ctx.store.listSnapshots(ids.beta)).toHaveLength(1);
    expect(ctx.store.listFetches(ids.beta)[0]).toMatchObject({
      outcome: 'unchanged',
      snapshotId: ctx.store.latestSnapshot(ids.beta)?.id,
    });

    expect(gamma.reason).toBe('the server answered 404 Not Found');
    expect(ctx.store.listFetches(ids.gamma)[0]).toMatchObject({
      outcome: 'failed',
      httpStatus: 404,
    });

    expect(progress.map(([done, total]) => [done, total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(server.requests.map((r) => r.target).sort()).toEqual(['/acme', '/beta', '/gamma']);
    expect(
      server.requests.every((r) => r.headers['user-agent']?.startsWith('DPA-Workbench/')),
    ).toBe(true);

    // Checked again at once: Acme's page is now byte-for-byte its latest snapshot.
    const again = await checkForUpdates(deps, { vendorIds: [ids.acme] });
    expect(again).toMatchObject([{ vendor: 'Acme', outcome: 'unchanged' }]);
    expect(again[0]?.reason).toContain('byte-for-byte');
  });

  it('says so when a page goes back to an older version, storing nothing', async () => {
    const ids = await library();
    await checkForUpdates(deps, { vendorIds: [ids.acme] });
    server.routes.set('/acme', html(listPage(ROWS_V1)));
    const [back] = await checkForUpdates(deps, { vendorIds: [ids.acme] });
    expect(back?.outcome).toBe('changed');
    expect(back?.reason).toContain('the page is back to the version imported 2025-06-05');
    expect(ctx.store.listSnapshots(ids.acme)).toHaveLength(2);
  });

  it('times out a slow vendor without holding up the others', async () => {
    const ids = await library();
    server.routes.set('/beta', slow(1_500, html(listPage(ROWS_V1))));
    const results = await checkForUpdates(deps, {
      vendorIds: [ids.acme, ids.beta],
      timeoutMs: 300,
    });
    expect(results.map((r) => [r.vendor, r.outcome, r.reason?.slice(0, 20)])).toEqual([
      ['Acme', 'changed', expect.any(String)],
      ['Beta', 'failed', 'no complete answer w'],
    ]);
  });

  it('keeps to the concurrency bound', async () => {
    let inFlight = 0;
    let most = 0;
    const now = clock.toISOString();
    for (let i = 0; i < 6; i += 1) {
      const v = ctx.store.findOrCreateVendor(`Vendor ${i}`, now);
      ctx.store.setVendorUrl(v.id, server.url(`/v${i}`));
      server.routes.set(`/v${i}`, (req, res) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        slow(60, (rq, rs) => {
          inFlight -= 1;
          html(listPage(ROWS_V1))(rq, rs);
        })(req, res);
      });
    }
    const results = await checkForUpdates(deps, { concurrency: 2 });
    expect(results.map((r) => r.outcome)).toEqual(Array(6).fill('changed'));
    expect(most).toBe(2);
  });

  it('cancels: the running fetch stops and pending vendors are never contacted', async () => {
    const now = clock.toISOString();
    for (let i = 0; i < 3; i += 1) {
      const v = ctx.store.findOrCreateVendor(`Vendor ${i}`, now);
      ctx.store.setVendorUrl(v.id, server.url(`/v${i}`));
      server.routes.set(`/v${i}`, slow(2_000, html(listPage(ROWS_V1))));
    }
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const results = await checkForUpdates(deps, {
      concurrency: 1,
      timeoutMs: 5_000,
      signal: controller.signal,
    });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(results.map((r) => [r.outcome, r.reason])).toEqual([
      ['failed', 'cancelled'],
      ['failed', 'cancelled'],
      ['failed', 'cancelled'],
    ]);
    expect(server.requests.map((r) => r.target)).toEqual(['/v0']);
    expect(ctx.store.counts().snapshots).toBe(0);
  });
});
