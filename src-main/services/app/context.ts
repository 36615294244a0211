import { extractDocument, PARSER_VERSION } from '../extract';
import { ParsePool, type Parser } from '../import';
import type { FetchImpl } from '../fetch';
import { loadResources } from '../resources';
import { Store } from '../store';
import type { AppContext } from './handlers';

/** The parser the app ships. */
export const defaultParser: Parser = {
  version: PARSER_VERSION,
  parse: (input) => extractDocument(input),
};

/** Opens the database and wires the services; every shell starts here. */
export function openAppContext(options: {
  databasePath: string;
  mode: AppContext['mode'];
  version: string;
  parser?: Parser;
  log?: AppContext['log'];
  /** The Electron build of better-sqlite3, when running inside Electron. */
  sqliteBinding?: string | undefined;
  /** The built parse worker; when given, documents are parsed off the main thread. */
  parseWorkerPath?: string | undefined;
  /** The shipped resources folder (countries, adequacy, catalog, default policy). */
  resourcesDir: string;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  fetchImpl?: FetchImpl | undefined;
}): AppContext {
  const resources = loadResources(options.resourcesDir);
  const store = Store.open(options.databasePath, { nativeBinding: options.sqliteBinding });
  const pool = options.parseWorkerPath
    ? new ParsePool(options.parseWorkerPath, { version: PARSER_VERSION })
    : null;
  const ctx: AppContext = {
    store,
    parser: options.parser ?? pool ?? defaultParser,
    resources,
    now: options.now ?? (() => new Date()),
    fetchImpl: options.fetchImpl,
    mode: options.mode,
    version: options.version,
    dispose: async () => {
      await pool?.close();
      store.close();
    },
  };
  if (options.log) {
    ctx.log = options.log;
  }
  return ctx;
}
