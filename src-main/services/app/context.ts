import { extractDocument, PARSER_VERSION } from '../extract';
import type { Parser } from '../import';
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
}): AppContext {
  const store = Store.open(options.databasePath, { nativeBinding: options.sqliteBinding });
  const ctx: AppContext = {
    store,
    parser: options.parser ?? defaultParser,
    mode: options.mode,
    version: options.version,
  };
  if (options.log) {
    ctx.log = options.log;
  }
  return ctx;
}
