import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
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
