/**
 * Shared setup for UI tests: the built renderer served by browser mode over a real SQLite file in a
 * temp folder, driven by Debian's Chromium through playwright-core.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openAppContext } from '../../src-main/services/app/context';
import type { AppContext } from '../../src-main/services/app/handlers';
import { startWebServer, type WebServer } from '../../src-main/web/server';
import { ROOT_DIR, tempDir } from '../helpers';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RENDERER_DIR = join(ROOT_DIR, 'out', 'renderer');

export interface UiSession {
  page: Page;
  ctx: AppContext;
  server: WebServer;
  dir: string;
  close: () => Promise<void>;
}

export async function openApp(): Promise<UiSession> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` before the UI tests');
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium)`,
    );
  }
  const { dir, cleanup } = tempDir('dpa-ui-');
  // The real worker-thread parser, as the app runs it.
  const ctx = openAppContext({
    parseWorkerPath: join(ROOT_DIR, 'out', 'main', 'parse-worker.js'),
    resourcesDir: join(ROOT_DIR, 'resources'),
    databasePath: join(dir, 'db.sqlite'),
    mode: 'web',
    version: 'ui-test',
  });
  const server = await startWebServer({ ctx, rendererDir: RENDERER_DIR });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  return {
    page,
    ctx,
    server,
    dir,
    close: async () => {
      await browser.close();
      await server.close();
      await ctx.dispose();
      cleanup();
      if (errors.length) {
        throw new Error(`page errors: ${errors.join('; ')}`);
      }
    },
  };
}
