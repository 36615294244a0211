/**
 * Shared setup for UI tests: the built renderer served by browser mode over a real SQLite file in a
 * temp folder, driven by Debian's Chromium through playwright-core.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import type { AppContext } from '../../src-main/services/app/handlers';
import type { WebServer } from '../../src-main/web/server';
import { ROOT_DIR, tempDir } from '../helpers';
import { launchBrowserApp } from './launch';

export interface UiSession {
  page: Page;
  /** Requests the page tried to send anywhere but the app's own server. */
  outside: string[];
  ctx: AppContext;
  server: WebServer;
  dir: string;
  close: () => Promise<void>;
}

export async function openApp(): Promise<UiSession> {
  const { dir, cleanup } = tempDir('dpa-ui-');
  const app = await launchBrowserApp({
    rootDir: ROOT_DIR,
    databasePath: join(dir, 'db.sqlite'),
    version: 'ui-test',
  }).catch((e: unknown) => {
    cleanup();
    throw e;
  });
  const { page, outside, ctx, server, errors } = app;
  return {
    page,
    outside,
    ctx,
    server,
    dir,
    close: async () => {
      await app.close();
      cleanup();
      if (errors.length) {
        throw new Error(`page errors: ${errors.join('; ')}`);
      }
    },
  };
}

/** Stages files on the Library screen, optionally names their vendors, and imports them. */
export async function importThroughUi(
  page: Page,
  files: (string | { name: string; mimeType: string; buffer: Buffer })[],
  vendors: string[] = [],
): Promise<void> {
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  // Playwright takes paths or buffers, not both: read paths into buffers.
  const payloads = files.map((f) =>
    typeof f === 'string'
      ? { name: basename(f), mimeType: 'application/octet-stream', buffer: readFileSync(f) }
      : f,
  );
  await page.getByLabel('Choose files to import').setInputFiles(payloads);
  const staged = page.getByRole('table', { name: 'Files to import' }).locator('tbody tr');
  await page.waitForFunction(
    (n) => document.querySelectorAll('table[aria-label="Files to import"] tbody tr').length === n,
    files.length,
  );
  const importButton = page.getByRole('button', { name: /^Import \d+ files?$/ });
  // Let the app finish suggesting names from the pages first, so a suggestion arriving late
  // can never race the names typed here; then check each typed name stuck before importing.
  await page.waitForFunction(() => {
    const b = Array.from(document.querySelectorAll('button')).find((x) =>
      /^Import \d+ files?$/.test(x.textContent ?? ''),
    );
    return b !== undefined && !(b as HTMLButtonElement).disabled;
  });
  for (const [i, vendor] of vendors.entries()) {
    const box = staged.nth(i).getByRole('textbox');
    await box.fill(vendor);
    await page.waitForFunction(
      ([idx, want]) =>
        (
          document.querySelectorAll('table[aria-label="Files to import"] tbody tr input')[
            idx as number
          ] as HTMLInputElement | undefined
        )?.value === want,
      [i, vendor] as const,
    );
  }
  await importButton.click();
}

const AXE_SOURCE = readFileSync(join(ROOT_DIR, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Serious and critical accessibility violations on the current screen, as readable lines. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: unknown[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    return axe.run(document);
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact}: ${v.id} — ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
    );
}

/** Saves a screenshot under test-results/screenshots/ (kept as a CI artifact). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(ROOT_DIR, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}
