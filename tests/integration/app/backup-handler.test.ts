import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openAppContext } from '../../../src-main/services/app/context';
import { createHandlers, type AppContext } from '../../../src-main/services/app/handlers';
import { backupDatabase } from '../../../src-main/services/backup';
import type { Parser } from '../../../src-main/services/import';
import type { Handlers } from '../../../src-shared/ipc';
import type { JobStatus } from '../../../src-shared/sources';
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
  });
});
afterEach(async () => {
  await ctx.dispose();
  cleanup();
});

it('"Back up now" writes a consistent copy beside the database, with its data', async () => {
  const api = createHandlers(ctx);
  await api['snapshots.import']({
    fileName: 'a.md',
    vendorName: 'Acme',
    bytes: new TextEncoder().encode(
      '| Subprocessor | Purpose | Location |\n|---|---|---|\n| Stripe | Payments | US |\n',
    ),
  });
  const { path } = await api['app.backup']({});
  expect(dirname(path)).toBe(join(dirname(ctx.store.path), 'backups'));
  expect(existsSync(path)).toBe(true);
  const copy = new Database(path, { readonly: true });
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(copy.prepare('SELECT name FROM vendors').all()).toEqual([{ name: 'Acme' }]);
  copy.close();
});

const page = (rows: string): Uint8Array =>
  new TextEncoder().encode(`| Subprocessor | Purpose | Location |\n|---|---|---|\n${rows}`);

/** Imports one vendor's one-row list. */
const importPage = (api: Handlers, vendorName: string, row: string) =>
  api['snapshots.import']({
    fileName: `${vendorName.toLowerCase()}.md`,
    vendorName,
    bytes: page(`${row}\n`),
  });

it('restores a listed backup in place: the app keeps working on the restored data', async () => {
  let clock = Date.parse('2026-11-01T10:00:00Z');
  ctx.now = () => new Date((clock += 60_000));
  const api = createHandlers(ctx);
  await importPage(api, 'Acme', '| Stripe | Payments | US |');
  await api['app.backup']({});
  // Work done after the backup: a second vendor and a search that indexed it.
  await importPage(api, 'Globex', '| Twilio | Messaging | US |');
  expect((await api['search.query']({ q: 'twilio' })).length).toBeGreaterThan(0);

  const backups = await api['app.backups']({});
  expect(backups).toHaveLength(1);
  expect(backups[0]).toMatchObject({
    kind: 'backup',
    fileName: expect.stringMatching(/^dpa-backup-/),
  });
  const out = await api['app.restore']({ backupId: backups[0]?.id ?? '' });

  // The same handlers now read the restored file: Globex is gone, from the list and the search.
  expect((await api['vendors.list']({})).map((v) => v.name)).toEqual(['Acme']);
  expect(await api['search.query']({ q: 'twilio' })).toEqual([]);
  // The database as it was is kept, and offered for restoring back.
  expect(out.previous && existsSync(out.previous)).toBeTruthy();
  const after = await api['app.backups']({});
  const undo = after.find((b) => b.kind === 'before-restore');
  expect(undo).toBeDefined();
  await api['app.restore']({ backupId: undo?.id ?? '' });
  expect((await api['vendors.list']({})).map((v) => v.name).sort()).toEqual(['Acme', 'Globex']);
  // And it still writes.
  await importPage(api, 'Initech', '| Okta | Identity | US |');
  expect(ctx.store.counts().vendors).toBe(3);
});

it('refuses an unknown backup id or a damaged backup, and changes nothing', async () => {
  const api = createHandlers(ctx);
  await importPage(api, 'Acme', '| Stripe | Payments | US |');
  await expect(api['app.restore']({ backupId: 'backup:../../etc/passwd' })).rejects.toThrow(
    /no longer there/,
  );
  const { path } = await api['app.backup']({});
  writeFileSync(path, 'not a database at all, just text that is long enough to look like one');
  const [damaged] = await api['app.backups']({});
  await expect(api['app.restore']({ backupId: damaged?.id ?? '' })).rejects.toThrow(
    /not a database|damaged/,
  );
  expect((await api['vendors.list']({})).map((v) => v.name)).toEqual(['Acme']);
  expect(ctx.store.counts().snapshots).toBe(1);
});

it('after restoring another database with the same ids, search shows its names, not the old ones', async () => {
  const api = createHandlers(ctx);
  await importPage(api, 'Acme', '| Stripe | Payments | US |');
  expect((await api['search.query']({ q: 'strpe' })).map((h) => h.title)).toContain('Stripe');
  // Another reviewer's database: its first vendor and snapshot have the same ids as ours.
  const other = openAppContext({
    databasePath: join(dirname(ctx.store.path), 'other.sqlite'),
    mode: 'web',
    version: 'test',
    resourcesDir: join(ROOT_DIR, 'resources'),
  });
  await importPage(createHandlers(other), 'Globex', '| Twilio | Messaging | US |');
  mkdirSync(join(dirname(ctx.store.path), 'backups'), { recursive: true });
  await backupDatabase(
    other.store,
    join(dirname(ctx.store.path), 'backups', 'dpa-backup-other.sqlite'),
  );
  await other.dispose();

  const [backup] = await api['app.backups']({});
  await api['app.restore']({ backupId: backup?.id ?? '' });
  expect((await api['search.query']({ q: 'strpe' })).map((h) => h.title)).not.toContain('Stripe');
  expect((await api['search.query']({ q: 'twilo' })).map((h) => h.title)).toContain('Twilio');
});

/** A parser that holds every file until `release` is called, so a job is still running. */
function heldParser(): { parser: Parser; release: () => void } {
  let release = (): void => {};
  const held = new Promise<void>((ok) => (release = ok));
  return {
    release: () => release(),
    parser: {
      version: ctx.parser.version,
      parse: async (input) => {
        await held;
        return ctx.parser.parse(input);
      },
    },
  };
}

async function finished(api: Handlers, jobId: string): Promise<JobStatus> {
  for (;;) {
    const s = await api['jobs.status']({ jobId });
    if (s.state !== 'running') {
      return s;
    }
    await new Promise((ok) => setTimeout(ok, 10));
  }
}

it('refuses a restore while an import runs, and between the parts of one batch', async () => {
  const { parser, release } = heldParser();
  const api = createHandlers({ ...ctx, parser });
  const file = (name: string, row: string) => ({
    fileName: `${name}.md`,
    vendorName: name,
    bytes: page(`${row}\n`),
  });
  await api['app.backup']({});
  const [backup] = await api['app.backups']({});
  const restore = () => api['app.restore']({ backupId: backup?.id ?? '' });

  // First part of a batch: running, then finished with more parts to come.
  const first = await api['snapshots.importStart']({
    files: [file('Acme', '| Stripe | Payments | US |')],
    more: true,
  });
  await expect(restore()).rejects.toThrow(/still running/);
  release();
  expect((await finished(api, first.id)).state).toBe('done');
  await expect(restore()).rejects.toThrow(/still running/);
  // Other work in the gap (here a backup) does not end the batch's hold.
  await api['app.backup']({});
  await expect(restore()).rejects.toThrow(/still running/);
  // The last part ends the batch: the restore may go ahead, and takes the batch's work away.
  const last = await api['snapshots.importStart']({
    files: [file('Globex', '| Twilio | Messaging | US |')],
  });
  expect((await finished(api, last.id)).state).toBe('done');
  expect(ctx.store.counts().vendors).toBe(2);
  await restore();
  expect(ctx.store.counts().vendors).toBe(0);
});

it('answers other calls during a restore with a plain refusal, and normally after it', async () => {
  const api = createHandlers(ctx);
  await importPage(api, 'Acme', '| Stripe | Payments | US |');
  await api['app.backup']({});
  const [backup] = await api['app.backups']({});
  const restoring = api['app.restore']({ backupId: backup?.id ?? '' });
  expect(() => api['vendors.list']({})).toThrow(/being restored/);
  expect(() => api['app.restore']({ backupId: backup?.id ?? '' })).toThrow(/being restored/);
  await restoring;
  expect((await api['vendors.list']({})).map((v) => v.name)).toEqual(['Acme']);
});

it('puts the database back when the restored copy cannot be opened', async () => {
  const api = createHandlers(ctx);
  await importPage(api, 'Acme', '| Stripe | Payments | US |');
  const { path } = await api['app.backup']({});
  // A copy claiming an older schema whose upgrade then fails (the column it adds is there).
  const copy = new Database(path);
  copy.pragma('user_version = 70');
  copy.close();
  await importPage(api, 'Globex', '| Twilio | Messaging | US |');
  const [backup] = await api['app.backups']({});
  await expect(api['app.restore']({ backupId: backup?.id ?? '' })).rejects.toThrow(
    /could not be opened.*put back/,
  );
  expect((await api['vendors.list']({})).map((v) => v.name).sort()).toEqual(['Acme', 'Globex']);
  await importPage(api, 'Initech', '| Okta | Identity | US |');
  expect(ctx.store.counts().vendors).toBe(3);
});
