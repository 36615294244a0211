/**
 * The app in browser mode, driven by Debian's Chromium through playwright-core: the built renderer
 * served by the local bridge over a real SQLite file, opened in a fresh browser. The UI tests
 * (./browser.ts) and the bench's render section both start here, so they measure and test the same
 * setup. No __dirname: the bench bundles this file as an ES module, so callers pass the paths.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openAppContext } from '../../src-main/services/app/context';
import type { AppContext } from '../../src-main/services/app/handlers';
import { startWebServer, type WebServer } from '../../src-main/web/server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, no GPU, nothing that phones home; no browser download is ever needed. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser-mode app cannot start here, or null when it can. */
export function launchProblem(rootDir: string): string | null {
  if (!existsSync(join(rootDir, 'out', 'renderer', 'index.html'))) {
    return 'out/renderer is missing: run `npm run build` first';
  }
  if (!existsSync(CHROMIUM_PATH)) {
    return `no Chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium)`;
  }
  return null;
}

export interface BrowserApp {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  ctx: AppContext;
  server: WebServer;
  /** Requests the page tried to send anywhere but the app's own server. */
  outside: string[];
  /** Uncaught errors in the page. */
  errors: string[];
  /** Closes the browser, the server and the database (not the folder they live in). */
  close: () => Promise<void>;
}

export async function launchBrowserApp(options: {
  rootDir: string;
  databasePath: string;
  version: string;
  /** The page's size; Playwright's default (1280 × 720) when not given. */
  viewport?: { width: number; height: number };
  /** Wiring to do before the page loads (e.g. seeding the database through ctx.store). */
  beforeLoad?: (ctx: AppContext) => void | Promise<void>;
}): Promise<BrowserApp> {
  const problem = launchProblem(options.rootDir);
  if (problem) {
    throw new Error(problem);
  }
  // The real worker-thread parser, as the app runs it.
  const ctx = openAppContext({
    parseWorkerPath: join(options.rootDir, 'out', 'main', 'parse-worker.js'),
    resourcesDir: join(options.rootDir, 'resources'),
    databasePath: options.databasePath,
    mode: 'web',
    version: options.version,
  });
  await options.beforeLoad?.(ctx);
  const server = await startWebServer({
    ctx,
    rendererDir: join(options.rootDir, 'out', 'renderer'),
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  // bypassCSP only so the accessibility checker (axe-core) can be injected; the CSP itself is
  // checked by the bridge tests.
  const context = await browser.newContext({
    bypassCSP: true,
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  const page = await context.newPage();
  // The app must make no request beyond its own loopback server: record any that tries.
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin) || url.startsWith('blob:') || url.startsWith('data:')) {
      return route.continue();
    }
    outside.push(url);
    return route.abort();
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  return {
    page,
    context,
    browser,
    ctx,
    server,
    outside,
    errors,
    close: async () => {
      await browser.close();
      await server.close();
      await ctx.dispose();
    },
  };
}
