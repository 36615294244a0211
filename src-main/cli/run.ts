/**
 * `dpa`: the command-line shell over the same handler table as the desktop app and browser mode.
 * Exit codes: 0 ok, 1 bad input (the message names the file and the problem), 2 usage.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Entry, ParsedDocument } from '../../src-shared/domain';
import { AppError, formatError, type AppErrorData } from '../../src-shared/errors';
import type { Input, MethodName, Output } from '../../src-shared/ipc';
import type { AppContext } from '../services/app/handlers';
import { defaultDatabasePath } from '../services/app/paths';
import { APP_VERSION } from '../services/app/version';

const USAGE = `dpa — DPA Workbench command line (version ${APP_VERSION})

Usage:
  dpa import FILE... [--vendor NAME] [--db PATH] [--json]   import sub-processor pages as snapshots
  dpa vendors [--db PATH] [--json]                          list vendors
  dpa entries VENDOR [--db PATH] [--json]                   entries of a vendor's latest snapshot
  dpa parse FILE [--json]                                   parse a page without storing it
  dpa --help | --version

Options:
  --db PATH      the database file (default: $DPA_DB, else the app's user-data folder)
  --vendor NAME  file the snapshot under this vendor (default: the page's publisher, else the file name)
  --json         machine-readable output

Exit codes: 0 ok, 1 bad input, 2 usage.`;

class UsageError extends Error {}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const OPTIONS = {
  db: { type: 'string' },
  vendor: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} satisfies ParseArgsConfig['options'];

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: Io = defaultIo): Promise<number> {
  let values: { db?: string; vendor?: string; json: boolean; help: boolean; version: boolean };
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    values = parsed.values as typeof values;
    positionals = parsed.positionals;
  } catch (e) {
    io.err(`dpa: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  if (values.version) {
    io.out(APP_VERSION);
    return 0;
  }
  const [command, ...args] = positionals;
  if (values.help || !command) {
    (command || values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    switch (command) {
      case 'parse':
        return await cmdParse(args, values.json, io);
      case 'import':
        // Usage is checked before the database is opened, so a wrong call creates no file.
        if (args.length === 0) {
          throw new UsageError('import needs at least one FILE');
        }
        return await withContext(values.db, (ctx) => cmdImport(ctx, args, values, io));
      case 'vendors':
        return await withContext(values.db, (ctx) => cmdVendors(ctx, values.json, io));
      case 'entries':
        if (args.length !== 1) {
          throw new UsageError('entries takes exactly one VENDOR');
        }
        return await withContext(values.db, (ctx) => cmdEntries(ctx, args, values.json, io));
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`dpa: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof AppError) {
      io.err(`dpa: ${formatError(e.toData())}`);
      return 1;
    }
    io.err(`dpa: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}

export const defaultIo: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

async function withContext(
  db: string | undefined,
  fn: (ctx: AppContext) => Promise<number>,
): Promise<number> {
  // Loaded lazily so `dpa parse` never opens (or needs) the native SQLite module.
  const { openAppContext } = await import('../services/app/context');
  const ctx = openAppContext({
    databasePath: db ?? defaultDatabasePath(),
    mode: 'cli',
    version: APP_VERSION,
  });
  try {
    return await fn(ctx);
  } finally {
    await ctx.dispose();
  }
}

async function call<K extends MethodName>(
  ctx: AppContext,
  method: K,
  input: Input<K>,
): Promise<Output<K>> {
  // Loaded on demand: the handler table pulls in zod, which `dpa parse` does not need.
  const { createHandlers, dispatch } = await import('../services/app/handlers');
  const r = await dispatch(createHandlers(ctx), method, input);
  if (!r.ok) {
    throw new AppError(r.error.code, r.error.reason, r.error.file ? { file: r.error.file } : {});
  }
  return r.value as Output<K>;
}

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot be read (${code ?? String(e)})`;
    throw new AppError('file-unreadable', reason, { file: path });
  }
}

/** The LABELING.md fields plus provenance and confidence; the stored text is left out. */
export function parsedToJson(file: string, doc: ParsedDocument): Record<string, unknown> {
  return {
    source: basename(file),
    format: doc.format,
    publisher: doc.publisher,
    lastUpdated: doc.lastUpdated,
    noticeDays: doc.noticeDays,
    objectionDays: doc.objectionDays,
    url: doc.url,
    warnings: doc.warnings,
    entries: doc.entries.map((e) => ({
      name: e.name,
      legalEntity: e.legalEntity,
      purpose: e.purpose,
      dataCategories: e.dataCategories,
      countries: e.countries,
      transfer: e.transfer,
      status: e.status,
      section: e.section,
      nameOnPage: e.nameOnPage,
      confidence: e.confidence,
      confidenceReasons: e.confidenceReasons,
      provenance: e.provenance,
    })),
  };
}

async function cmdParse(args: string[], json: boolean, io: Io): Promise<number> {
  if (args.length !== 1) {
    throw new UsageError('parse takes exactly one FILE');
  }
  const file = args[0] as string;
  const bytes = await readInput(file);
  const { extractDocument } = await import('../services/extract');
  const doc = await extractDocument({ fileName: basename(file), bytes });
  if (json) {
    io.out(JSON.stringify(parsedToJson(file, doc), null, 2));
    return 0;
  }
  io.out(
    `${basename(file)}: ${doc.format}, publisher ${doc.publisher ?? '—'}, last updated ${doc.lastUpdated ?? '—'}, notice ${doc.noticeDays ?? '—'} days`,
  );
  printEntries(doc.entries, io);
  for (const w of doc.warnings) {
    io.out(`note: ${w}`);
  }
  return 0;
}

async function cmdImport(
  ctx: AppContext,
  files: string[],
  opts: { vendor?: string; json: boolean },
  io: Io,
): Promise<number> {
  if (files.length === 0) {
    throw new UsageError('import needs at least one FILE');
  }
  let failed = 0;
  const results: unknown[] = [];
  for (const file of files) {
    try {
      const bytes = await readInput(file);
      const outcome = await call(ctx, 'snapshots.import', {
        fileName: basename(file),
        bytes,
        ...(opts.vendor ? { vendorName: opts.vendor } : {}),
      });
      results.push({ file, ...outcome });
      if (!opts.json) {
        io.out(`${outcome.message} → vendor "${outcome.vendor.name}"`);
      }
    } catch (e) {
      // One bad file must not stop the batch; it is reported and the exit code says so.
      failed++;
      const data: AppErrorData =
        e instanceof AppError ? e.toData() : { code: 'internal', reason: String(e) };
      const message = formatError({ ...data, file: data.file ?? basename(file) });
      results.push({ file, status: 'failed', error: { ...data, message } });
      if (!opts.json) {
        io.err(`dpa: ${message}`);
      }
    }
  }
  if (opts.json) {
    io.out(JSON.stringify(results, null, 2));
  }
  return failed > 0 ? 1 : 0;
}

async function cmdVendors(ctx: AppContext, json: boolean, io: Io): Promise<number> {
  const vendors = await call(ctx, 'vendors.list', {});
  if (json) {
    io.out(JSON.stringify(vendors, null, 2));
    return 0;
  }
  if (vendors.length === 0) {
    io.out('No vendors yet. Import a page with: dpa import FILE --vendor NAME');
    return 0;
  }
  printTable(
    ['Vendor', 'Snapshots', 'Entries', 'Last import', 'Page updated'],
    vendors.map((v) => [
      v.name,
      String(v.snapshotCount),
      String(v.entryCount),
      v.lastImportedAt?.slice(0, 10) ?? '—',
      v.lastUpdated ?? '—',
    ]),
    io,
  );
  return 0;
}

async function cmdEntries(ctx: AppContext, args: string[], json: boolean, io: Io): Promise<number> {
  if (args.length !== 1) {
    throw new UsageError('entries takes exactly one VENDOR');
  }
  const name = args[0] as string;
  const vendor = ctx.store.findVendorByName(name);
  if (!vendor) {
    const known = ctx.store.listVendors().map((v) => v.name);
    throw new AppError(
      'not-found',
      `no vendor named "${name}"${known.length ? ` (known: ${known.join(', ')})` : ''}`,
      { file: ctx.store.path },
    );
  }
  const list = await call(ctx, 'entries.list', { vendorId: vendor.id });
  if (json) {
    io.out(JSON.stringify({ vendor, ...list }, null, 2));
    return 0;
  }
  io.out(
    `${vendor.name}: ${list.entries.length} entries from ${list.snapshot?.fileName ?? 'no snapshot'}`,
  );
  printEntries(list.entries, io);
  return 0;
}

function printEntries(
  entries: Pick<Entry, 'name' | 'countries' | 'transfer' | 'status' | 'purpose'>[],
  io: Io,
): void {
  printTable(
    ['Name', 'Countries', 'Transfer', 'Status', 'Purpose'],
    entries.map((e) => [
      e.name || '(name not printed)',
      e.countries.join(' ') || '—',
      e.transfer.join(' ') || '—',
      e.status,
      (e.purpose ?? '—').slice(0, 60),
    ]),
    io,
  );
}

function printTable(head: string[], rows: string[][], io: Io): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  io.out(line(head));
  io.out(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) {
    io.out(line(r));
  }
}
