/**
 * `npm run web`: browser mode. Opens the database, serves the built renderer and the API on
 * 127.0.0.1, prints the address (with this launch's token) and, unless --no-open, asks the system
 * to open it in the default browser.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatError, isAppError } from '../../src-shared/errors';
import { openAppContext } from '../services/app/context';
import { defaultDatabasePath, findResourcesDir } from '../services/app/paths';
import { APP_VERSION } from '../services/app/version';
import { startWebServer } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
    },
  });
  const rendererDir = join(__dirname, '..', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write('The renderer is not built yet. Run `npm run build` first.\n');
    process.exit(2);
  }
  const databasePath = values.db ?? defaultDatabasePath();
  const ctx = openAppContext({
    databasePath,
    mode: 'web',
    version: APP_VERSION,
    parseWorkerPath: join(__dirname, 'parse-worker.js'),
    resourcesDir: findResourcesDir(__dirname),
    log: (m, e) =>
      process.stderr.write(`${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`),
  });
  const server = await startWebServer({
    ctx,
    rendererDir,
    ...(values.port ? { port: Number(values.port) } : {}),
  });
  process.stdout.write(
    `DPA Workbench (browser mode) is running.\n  Open: ${server.url}\n  Database: ${databasePath}\n  Stop with Ctrl+C.\n`,
  );
  if (!values['no-open'] && !process.env.CI) {
    openInBrowser(server.url);
  }
  const stop = (): void => {
    void server
      .close()
      .then(() => ctx.dispose())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Best effort: the address is printed anyway, so a missing opener is not an error. */
function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this system; the printed address is enough.
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${isAppError(e) ? formatError(e.toData()) : String(e)}\n`);
  process.exit(1);
});
