/**
 * The app's batch import job (snapshots.importStart, polled with jobs.status, cancelled with
 * jobs.cancel) over a real database and the built parse worker.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JobStatus } from '../../../src-shared/sources';
import { openAppContext } from '../../../src-main/services/app/context';
import { createHandlers, type AppContext } from '../../../src-main/services/app/handlers';
import { ROOT_DIR, tempDir } from '../../helpers';

let ctx: AppContext;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  ctx = openAppContext({
    databasePath: join(t.dir, 'db.sqlite'),
    mode: 'web',
    version: 'test',
    resourcesDir: join(ROOT_DIR, 'resources'),
    parseWorkerPath: join(ROOT_DIR, 'out', 'main', 'parse-worker.js'),
  });
});
afterEach(async () => {
  await ctx.dispose();
  cleanup();
});

const md = (rows: string[]): Uint8Array =>
  new TextEncoder().encode(
    `| Subprocessor | Purpose | Location |\n|---|---|---|\n${rows.map((r) => `| ${r} | Hosting | US |`).join('\n')}\n`,
  );

async function follow(
  api: ReturnType<typeof createHandlers>,
  start: JobStatus,
  onStatus: (s: JobStatus) => void = () => undefined,
): Promise<JobStatus> {
  let s = start;
  while (s.state === 'running') {
    await new Promise((r) => setTimeout(r, 5));
    s = await api['jobs.status']({ jobId: s.id });
    onStatus(s);
  }
  return s;
}

it('imports a batch as a job with progress and one result per file, in order', async () => {
  const api = createHandlers(ctx);
  const files = [
    { fileName: 'a.md', vendorName: 'Acme', bytes: md(['Stripe', 'AWS']) },
    { fileName: 'junk.pdf', vendorName: 'Junk', bytes: new TextEncoder().encode('%PDF-1.4 junk') },
    { fileName: 'a-again.md', vendorName: 'ACME', bytes: md(['Stripe', 'AWS']) },
    { fileName: 'b.md', vendorName: 'Beta', bytes: md(['Twilio']) },
  ];
  const start = await api['snapshots.importStart']({ files });
  expect(start).toMatchObject({ kind: 'import', state: 'running' });
  const dones: number[] = [];
  const final = await follow(api, start, (s) => dones.push(s.done));
  expect(final).toMatchObject({ state: 'done', done: 4, total: 4 });
  expect(dones).toEqual([...dones].sort((x, y) => x - y));
  expect(final.importResults?.map((r) => [r.fileName, r.status])).toEqual([
    ['a.md', 'imported'],
    ['junk.pdf', 'failed'],
    ['a-again.md', 'duplicate'],
    ['b.md', 'imported'],
  ]);
  expect(final.importResults?.[1]?.message).toMatch(/^junk\.pdf: /);
  expect(final.message).toBe('2 imported, 1 already there, 1 failed.');
  // The flags were computed with the entries, as a single import does.
  const acme = final.importResults?.[0]?.outcome;
  expect(acme && ctx.store.flagsPolicyVersion(acme.snapshot.id)).toBeDefined();
  expect((await api['vendors.list']({})).map((v) => v.name)).toEqual(['Acme', 'Beta']);
});

it('stops between files when the job is cancelled, keeping what was already stored', async () => {
  const api = createHandlers(ctx);
  const files = Array.from({ length: 40 }, (_, i) => ({
    fileName: `v${i}.md`,
    vendorName: `Vendor ${i}`,
    bytes: md([`Sub ${i}`, 'Stripe']),
  }));
  const start = await api['snapshots.importStart']({ files });
  await api['jobs.cancel']({ jobId: start.id });
  const final = await follow(api, start);
  expect(final.state).toBe('cancelled');
  const results = final.importResults ?? [];
  expect(results).toHaveLength(40);
  const stored = results.filter((r) => r.status === 'imported').length;
  expect(stored).toBeLessThan(40);
  expect(results.slice(stored).every((r) => r.status === 'cancelled')).toBe(true);
  expect(ctx.store.counts().snapshots).toBe(stored);
});
