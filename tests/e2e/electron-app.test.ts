/**
 * The desktop shell end to end, with Playwright's Electron launcher. Runs only where an Electron
 * binary (and, on Linux, a display) exists; elsewhere every test is skipped and says why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../src-shared/api-methods';
import { electronSqliteBinding, findElectron } from '../../scripts/electron-env.mjs';
import { CORPUS_DIR, ROOT_DIR, tempDir } from '../helpers';

const found = findElectron();
const noDisplay =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const binding = electronSqliteBinding();
const skipReason = !found.path
  ? `no Electron binary (${found.reason})`
  : noDisplay
    ? 'no display (set DISPLAY, e.g. run under xvfb-run)'
    : !existsSync(binding)
      ? 'the Electron build of better-sqlite3 is missing: run `npm start` once to build it'
      : null;
if (skipReason) {
  console.log(`skipped: ${skipReason}`);
}

describe.skipIf(skipReason !== null)('Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let cleanup: () => void;

  beforeAll(async () => {
    const t = tempDir('dpa-e2e-');
    cleanup = t.cleanup;
    app = await electron.launch({
      executablePath: found.path as string,
      args: [ROOT_DIR],
      env: { ...process.env, DPA_USER_DATA: t.dir, DPA_SQLITE_BINDING: binding } as Record<
        string,
        string
      >,
    });
    page = await app.firstWindow();
  });
  afterAll(async () => {
    await app?.close();
    cleanup?.();
  });

  it('exposes exactly the API contract and no Node to the page', async () => {
    const shape = await page.evaluate(() => ({
      api: Object.keys((window as unknown as { api: object }).api).sort(),
      hasRequire: typeof (window as unknown as { require?: unknown }).require,
      hasProcess: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(shape.api).toEqual([...API_METHODS].sort());
    expect(shape.hasRequire).toBe('undefined');
    expect(shape.hasProcess).toBe('undefined');
  });

  it('imports a page through IPC and shows its entries', async () => {
    const file = join(CORPUS_DIR, 'seeds', '000_fbfb69c1abb446d8.txt');
    await page.getByLabel('Choose files to import').setInputFiles(file);
    await expect
      .poll(() => page.getByRole('list', { name: 'Import results' }).textContent())
      .toContain('imported');
    const rows = page.getByRole('table', { name: 'Sub-processors' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });

  it('refuses to navigate away from the app', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    // The evaluate below runs in the same document only if the navigation was refused.
    expect(await page.evaluate(() => window.location.href)).toBe(before);
  });
});
