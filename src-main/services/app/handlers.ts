import { AppError, type AppErrorData } from '../../../src-shared/errors';
import {
  contract,
  isMethodName,
  type AppInfo,
  type Handlers,
  type MethodName,
} from '../../../src-shared/ipc';
import { fail, ok, type Result } from '../../../src-shared/result';
import { importFile, type Parser } from '../import';
import type { Resources } from '../resources';
import { storeFlags } from '../review';
import { backupDatabase, defaultBackupPath } from '../backup';
import { SearchIndex } from '../search';
import type { Store } from '../store';
import { createIoHandlers } from './io-handlers';
import { createReviewHandlers } from './review-handlers';
import { WriteGate } from './write-gate';
import type { FetchDeps, FetchImpl } from '../fetch';

export interface AppContext {
  store: Store;
  parser: Parser;
  /** Shipped data: countries, adequacy decisions, known sub-processors, default policy. */
  resources: Resources;
  now: () => Date;
  /** How pages are fetched when the user asks: Electron passes its own (system proxy). */
  fetchImpl?: FetchImpl | undefined;
  mode: AppInfo['mode'];
  version: string;
  /** Full error details go here; the caller only sees code and reason. */
  log?: (message: string, error: unknown) => void;
  /** Stops background workers and closes the database. */
  dispose: () => Promise<void>;
}

function notFound(what: string): AppError {
  return new AppError('not-found', `${what} does not exist (it may have been deleted)`);
}

/** The one handler table behind Electron IPC, the browser-mode bridge and the CLI. */
export function createHandlers(
  ctx: AppContext,
  options: {
    /**
     * Build the search index shortly after start instead of on the first search, so the first
     * Ctrl/Cmd+K keystroke does not wait for it (the app's windows; not one-shot CLI commands).
     */
    warmSearch?: boolean;
  } = {},
): Handlers {
  const { store } = ctx;
  const reviewDeps = { store, resources: ctx.resources, now: ctx.now };
  const search = new SearchIndex(store);
  if (options.warmSearch) {
    setTimeout(() => {
      try {
        search.query('a');
      } catch (e) {
        ctx.log?.('search index warm-up failed', e);
      }
    }, 250).unref();
  }
  const fetchDeps: FetchDeps = {
    store,
    parser: ctx.parser,
    now: ctx.now,
    version: ctx.version,
    fetchImpl: ctx.fetchImpl,
    onStored: (snapshotId) => void storeFlags(reviewDeps, snapshotId),
  };
  const reviewHandlers = createReviewHandlers(reviewDeps);
  fetchDeps.compareLatest = (vendorId) => reviewHandlers['compare.diff']({ vendorId });
  const gate = new WriteGate();
  return guarded(gate, {
    ...reviewHandlers,
    ...createIoHandlers(reviewDeps, fetchDeps, () => store.getSetting('reviewerName') ?? '', gate),
    'app.info': () => ({ version: ctx.version, mode: ctx.mode, databasePath: store.path }),
    'vendors.list': () => store.listVendors(),
    'vendors.get': ({ vendorId }) => store.getVendor(vendorId) ?? throwIt(notFound('That vendor')),
    'snapshots.list': ({ vendorId }) => store.listSnapshots(vendorId),
    'snapshots.source': ({ snapshotId }) => {
      const src = store.getSnapshotSource(snapshotId) ?? throwIt(notFound('That snapshot'));
      return { snapshotId, fileName: src.fileName, format: src.format, text: src.text };
    },
    'snapshots.import': (input) =>
      gate.run(() =>
        importFile(store, ctx.parser, input, {
          now: ctx.now,
          // The new snapshot's flags land in the same transaction as its entries.
          onStored: (snapshotId, stored) => void storeFlags(reviewDeps, snapshotId, stored),
        }),
      ),
    'entries.list': (input) => {
      const snapshot =
        'snapshotId' in input
          ? store.getSnapshot(input.snapshotId)
          : store.latestSnapshot(input.vendorId);
      if ('snapshotId' in input && !snapshot) {
        throw notFound('That snapshot');
      }
      return {
        snapshot: snapshot ?? null,
        entries: snapshot ? store.listEntries(snapshot.id) : [],
      };
    },
    'documents.parse': (input) => ctx.parser.parse(input),
    'app.backup': () =>
      gate.run(async () => {
        const r = await backupDatabase(store, defaultBackupPath(store.path, ctx.now()));
        return { path: r.path };
      }),
    'search.query': ({ q, limit }) => search.query(q, limit),
    'settings.get': () => ({ reviewerName: store.getSetting('reviewerName') ?? '' }),
    'settings.set': ({ reviewerName }) => {
      if (reviewerName !== undefined) {
        store.setSetting('reviewerName', reviewerName);
      }
      return { reviewerName: store.getSetting('reviewerName') ?? '' };
    },
  });
}

/** Calls that touch no database and so keep answering during a restore (job progress, mainly). */
const UNGATED = new Set<MethodName>(['app.info', 'jobs.status', 'jobs.cancel']);

/** Every other call is refused with a plain message while a restore has the database closed. */
function guarded(gate: WriteGate, handlers: Handlers): Handlers {
  const out: Record<string, (input: never) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [MethodName, (i: never) => unknown][]) {
    out[name] = UNGATED.has(name)
      ? handler
      : (input) => {
          gate.check();
          return handler(input);
        };
  }
  return out as unknown as Handlers;
}

function throwIt(e: Error): never {
  throw e;
}

/** Turns anything thrown into the error a person can read; unknown errors become 'internal'. */
export function toErrorData(e: unknown, log?: AppContext['log']): AppErrorData {
  if (e instanceof AppError) {
    return e.toData();
  }
  log?.('internal error', e);
  return {
    code: 'internal',
    reason: 'something went wrong inside the app; details were written to the log',
  };
}

/**
 * Validates `rawInput` against the contract, runs the handler and wraps the outcome in a Result.
 * Never throws: every shell returns what this returns.
 */
export async function dispatch(
  handlers: Handlers,
  method: string,
  rawInput: unknown,
  log?: AppContext['log'],
): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return fail({ code: 'bad-request', reason: `unknown method "${method}"` });
  }
  const parsed = contract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    return fail({
      code: 'bad-request',
      reason: `invalid input for ${method}: ${where}${first?.message ?? 'invalid'}`,
    });
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (e) {
    return fail(toErrorData(e, log));
  }
}

export type { MethodName };
