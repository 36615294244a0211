/**
 * `dpa`: the command-line shell over the same handler table as the desktop app and browser mode.
 * Exit codes: 0 ok, 1 bad input (the message names the file and the problem), 2 usage.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { MAX_IMPORT_BYTES } from '../../src-shared/limits';
import { basename } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Entry, ParsedDocument, Vendor } from '../../src-shared/domain';
import { AppError, formatError, type AppErrorData } from '../../src-shared/errors';
import type { Handlers, Input, MethodName, Output } from '../../src-shared/ipc';
import type { AppContext } from '../services/app/handlers';
import { defaultDatabasePath, findResourcesDir } from '../services/app/paths';
import { APP_VERSION } from '../services/app/version';

const USAGE = `dpa — DPA Workbench command line (version ${APP_VERSION})

Usage:
  dpa import FILE... [--vendor NAME] [--db PATH] [--json]   import sub-processor pages as snapshots
  dpa vendors [--db PATH] [--json]                          list vendors
  dpa entries VENDOR [--db PATH] [--json]                   entries of a vendor's latest snapshot
  dpa review VENDOR [--db PATH] [--json]                    flags under the policy, and decisions
  dpa diff VENDOR [--from SNAP] [--to SNAP] [--db PATH] [--json]
                                                            changes between two snapshots (ids from
                                                            --json output; default: latest two)
  dpa matrix [--db PATH] [--json]                           sub-processors by vendor
  dpa export --out FILE.xlsx [--vendor NAME]... [--db PATH] review workbook (or FILE.csv: entries)
  dpa import-decisions FILE.xlsx [--db PATH] [--json]       read reviewers' decisions back
  dpa fetch VENDOR [--url URL] [--db PATH]                  fetch the vendor's page now and import it
  dpa check [--db PATH] [--json]                            fetch every vendor's page, import changes
  dpa backup [--out FILE] [--db PATH]                       copy the database safely
  dpa restore FILE [--db PATH]                              replace the database with a backup
  dpa parse FILE [--json]                                   parse a page without storing it
  dpa --help | --version

Options:
  --db PATH      the database file (default: $DPA_DB, else the app's user-data folder)
  --vendor NAME  file the snapshot under this vendor (default: the page's publisher, else the file name);
                 with export: only this vendor (repeatable)
  --out FILE     where export and backup write
  --url URL      the page to fetch (remembered for the vendor)
  --json         machine-readable output

Exit codes: 0 ok, 1 bad input, 2 usage.`;

class UsageError extends Error {}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const OPTIONS = {
  db: { type: 'string' },
  vendor: { type: 'string', multiple: true },
  out: { type: 'string' },
  url: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} satisfies ParseArgsConfig['options'];

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: Io = defaultIo): Promise<number> {
  let values: {
    db?: string;
    vendor?: string[];
    out?: string;
    url?: string;
    from?: string;
    to?: string;
    json: boolean;
    help: boolean;
    version: boolean;
  };
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
        return await withContext(values.db, (ctx) =>
          cmdImport(ctx, args, { vendor: values.vendor?.at(-1), json: values.json }, io),
        );
      case 'vendors':
        return await withContext(values.db, (ctx) => cmdVendors(ctx, values.json, io));
      case 'entries':
      case 'review':
      case 'diff': {
        if (args.length !== 1) {
          throw new UsageError(`${command} takes exactly one VENDOR`);
        }
        const vendorArg = args[0] as string;
        return await withContext(values.db, (ctx) => {
          const vendor = findVendor(ctx, vendorArg);
          if (command === 'entries') {
            return cmdEntries(ctx, vendor, values.json, io);
          }
          if (command === 'review') {
            return cmdReview(ctx, vendor, values.json, io);
          }
          return cmdDiff(ctx, vendor, { from: values.from, to: values.to }, values.json, io);
        });
      }
      case 'matrix':
        return await withContext(values.db, (ctx) => cmdMatrix(ctx, values.json, io));
      // Not through withContext: a backup or restore must not hold the database open itself.
      case 'backup': {
        if (args.length !== 0) {
          throw new UsageError('backup takes no FILE; use --out FILE');
        }
        const { backupCommand } = await import('./backup-commands');
        io.out(await backupCommand(values.db ?? defaultDatabasePath(), values.out));
        return 0;
      }
      case 'restore': {
        if (args.length !== 1) {
          throw new UsageError('restore takes exactly one backup FILE');
        }
        const { restoreCommand } = await import('./backup-commands');
        io.out(await restoreCommand(args[0] as string, values.db ?? defaultDatabasePath()));
        return 0;
      }
      case 'export':
        if (!values.out || args.length !== 0) {
          throw new UsageError('export needs --out FILE.xlsx (or FILE.csv) and no other FILE');
        }
        return await withContext(values.db, (ctx) =>
          cmdExport(ctx, values.out as string, values.vendor ?? [], io),
        );
      case 'import-decisions':
        if (args.length !== 1) {
          throw new UsageError('import-decisions takes exactly one FILE.xlsx');
        }
        return await withContext(values.db, (ctx) =>
          cmdImportDecisions(ctx, args[0] as string, values.json, io),
        );
      case 'fetch':
        if (args.length !== 1) {
          throw new UsageError('fetch takes exactly one VENDOR');
        }
        return await withContext(values.db, (ctx) =>
          cmdFetch(ctx, args[0] as string, values.url, io),
        );
      case 'check':
        return await withContext(values.db, (ctx) => cmdCheck(ctx, values.json, io));
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
    resourcesDir: findResourcesDir(__dirname),
    version: APP_VERSION,
  });
  try {
    return await fn(ctx);
  } finally {
    await ctx.dispose();
  }
}

const handlerCache = new WeakMap<AppContext, Handlers>();

async function call<K extends MethodName>(
  ctx: AppContext,
  method: K,
  input: Input<K>,
): Promise<Output<K>> {
  // Loaded on demand: the handler table pulls in zod, which `dpa parse` does not need. One table
  // per context, so a job started by one call is found by the next.
  const { createHandlers, dispatch } = await import('../services/app/handlers');
  let handlers = handlerCache.get(ctx);
  if (!handlers) {
    handlers = createHandlers(ctx);
    handlerCache.set(ctx, handlers);
  }
  const r = await dispatch(handlers, method, input);
  if (!r.ok) {
    throw new AppError(r.error.code, r.error.reason, r.error.file ? { file: r.error.file } : {});
  }
  return r.value as Output<K>;
}

async function readInput(path: string): Promise<Uint8Array> {
  try {
    // The size is checked before reading, so a huge file is refused without filling memory.
    const info = await stat(path);
    if (info.isFile() && info.size > MAX_IMPORT_BYTES) {
      throw new AppError(
        'file-too-large',
        `the file is ${(info.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
        { file: path },
      );
    }
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if (e instanceof AppError) {
      throw e;
    }
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
    noticeBusinessDays: doc.noticeBusinessDays,
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
  opts: { vendor?: string | undefined; json: boolean },
  io: Io,
): Promise<number> {
  if (files.length === 0) {
    throw new UsageError('import needs at least one FILE');
  }
  // One pipelined batch: the next files are read and parsed while one is stored, and files that
  // are ready together share a commit (each still all-or-nothing). A file is printed as imported
  // only once its commit is on disk.
  if (opts.vendor && opts.vendor.trim().length > 200) {
    throw new AppError('bad-request', 'invalid --vendor: a vendor name has at most 200 characters');
  }
  const { importBatch } = await import('../services/import');
  const { storeFlags } = await import('../services/review');
  const deps = { store: ctx.store, resources: ctx.resources, now: ctx.now };
  let failed = 0;
  const results: unknown[] = [];
  await importBatch(
    ctx.store,
    ctx.parser,
    files.map((file) => ({
      fileName: basename(file),
      bytes: () => readInput(file),
      ...(opts.vendor ? { vendorName: opts.vendor } : {}),
    })),
    {
      now: ctx.now,
      onStored: (snapshotId, stored) => {
        storeFlags(deps, snapshotId, stored);
      },
      onResult: (r) => {
        const file = files[r.index] as string;
        if (r.status === 'imported' || r.status === 'duplicate') {
          results.push({ file, ...r.outcome });
          if (!opts.json) {
            io.out(`${r.outcome.message} → vendor "${r.outcome.vendor.name}"`);
          }
          return;
        }
        // One bad file must not stop the batch; it is reported and the exit code says so.
        failed++;
        const data: AppErrorData =
          r.status === 'failed'
            ? r.error
            : { code: 'internal', reason: 'not imported (cancelled)', file: r.fileName };
        const message = formatError(data);
        results.push({ file, status: 'failed', error: { ...data, message } });
        if (!opts.json) {
          io.err(`dpa: ${message}`);
        }
      },
    },
  );
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

function findVendor(ctx: AppContext, name: string): Vendor {
  const vendor = ctx.store.findVendorByName(name);
  if (!vendor) {
    const known = ctx.store.listVendors().map((v) => v.name);
    throw new AppError(
      'not-found',
      `no vendor named "${name}"${known.length ? ` (known: ${known.join(', ')})` : ''}`,
      { file: ctx.store.path },
    );
  }
  return vendor;
}

async function cmdEntries(ctx: AppContext, vendor: Vendor, json: boolean, io: Io): Promise<number> {
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

async function cmdReview(ctx: AppContext, vendor: Vendor, json: boolean, io: Io): Promise<number> {
  const review = await call(ctx, 'review.get', { vendorId: vendor.id });
  if (json) {
    io.out(JSON.stringify(review, null, 2));
    return 0;
  }
  const s = review.summary;
  const quality = review.quality ? `; list quality ${review.quality.score}/100` : '';
  io.out(
    `${vendor.name}: ${review.status}, policy v${review.policy.version}; flags: ${s.high} high, ${s.medium} medium, ${s.low} low, ${s.info} info${quality}`,
  );

  const rows = [
    ...review.pageFlags.map((f) => [f.severity, '(page)', f.ruleId, f.message]),
    ...review.entries.flatMap((e) =>
      e.flags.map((f) => [f.severity, e.entry.name || '(unnamed)', f.ruleId, f.message]),
    ),
  ];
  if (rows.length === 0) {
    io.out('No flags under the current policy.');
  } else {
    printTable(['Severity', 'Sub-processor', 'Rule', 'Why'], rows, io);
  }
  return 0;
}

function snapshotId(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    throw new UsageError(`${flag} takes a snapshot id (a positive whole number)`);
  }
  return n;
}

async function cmdDiff(
  ctx: AppContext,
  vendor: Vendor,
  range: { from?: string | undefined; to?: string | undefined },
  json: boolean,
  io: Io,
): Promise<number> {
  const fromSnapshotId = snapshotId(range.from, '--from');
  const toSnapshotId = snapshotId(range.to, '--to');
  const c = await call(ctx, 'compare.diff', {
    vendorId: vendor.id,
    ...(fromSnapshotId ? { fromSnapshotId } : {}),
    ...(toSnapshotId ? { toSnapshotId } : {}),
  });
  if (json) {
    io.out(JSON.stringify(c, null, 2));
    return 0;
  }
  if (!c.diff || !c.from || !c.to) {
    io.out(`${vendor.name}: only one snapshot, nothing to compare yet.`);
    return 0;
  }
  const d = c.diff;
  io.out(
    `${vendor.name}: ${c.from.fileName} (${c.from.importedAt.slice(0, 10)}) → ${c.to.fileName} (${c.to.importedAt.slice(0, 10)}): ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchangedCount} unchanged`,
  );
  if (c.deadline && d.added.length + d.removed.length + d.changed.length > 0) {
    io.out(
      `Objection deadline: ${c.deadline.deadline} (${c.deadline.state}, ${c.deadline.daysLeft} days left). ${c.deadline.basis}`,
    );
  }
  for (const e of d.added) {
    io.out(`+ ${e.name || '(unnamed)'}${e.countries.length ? ` [${e.countries.join(' ')}]` : ''}`);
  }
  for (const e of d.removed) {
    io.out(`- ${e.name || '(unnamed)'}`);
  }
  for (const ch of d.changed) {
    const fields = ch.fields
      .map((f) => `${f.field}: ${fmt(f.before)} → ${fmt(f.after)}`)
      .join('; ');
    io.out(`~ ${ch.after.name || '(unnamed)'}: ${fields}`);
  }
  for (const a of d.ambiguous) {
    io.out(
      `? ${a.entry.name || '(unnamed)'} could be ${a.candidates.map((x) => x.entry.name).join(' or ')}`,
    );
  }
  return 0;
}

function fmt(v: string | string[] | null): string {
  if (v === null) {
    return '—';
  }
  return Array.isArray(v) ? `[${v.join(' ')}]` : JSON.stringify(v);
}

async function cmdMatrix(ctx: AppContext, json: boolean, io: Io): Promise<number> {
  const m = await call(ctx, 'compare.matrix', {});
  if (json) {
    io.out(JSON.stringify(m, null, 2));
    return 0;
  }
  if (m.vendors.length === 0) {
    io.out('No vendors yet.');
    return 0;
  }
  printTable(
    ['Sub-processor', 'Vendors', ...m.vendors.map((v) => v.name)],
    m.rows.map((r) => [
      r.name,
      String(r.vendorIds.length),
      ...m.vendors.map((v) => (r.vendorIds.includes(v.id) ? 'x' : '')),
    ]),
    io,
  );
  return 0;
}

async function cmdExport(
  ctx: AppContext,
  out: string,
  vendorNames: string[],
  io: Io,
): Promise<number> {
  const vendorIds = vendorNames.map((n) => findVendor(ctx, n).id);
  const deps = { store: ctx.store, resources: ctx.resources, now: ctx.now };
  const { entriesCsv, writeReviewWorkbook } = await import('../services/export');
  if (/\.csv$/i.test(out)) {
    await writeFile(out, entriesCsv(deps, vendorIds));
    io.out(`Wrote the entries as CSV to ${out}`);
    return 0;
  }
  const r = await writeReviewWorkbook(deps, { vendorIds, outPath: out });
  io.out(
    `Wrote ${r.rows} sub-processors of ${r.vendors} vendor(s) to ${r.path} (export ${r.exportId})`,
  );
  return 0;
}

async function cmdImportDecisions(
  ctx: AppContext,
  file: string,
  json: boolean,
  io: Io,
): Promise<number> {
  const bytes = await readInput(file);
  const reviewer = ctx.store.getSetting('reviewerName') || process.env.USER || 'cli';
  const deps = { store: ctx.store, resources: ctx.resources, now: ctx.now };
  const { applyDecisionImport, previewDecisionImport } = await import('../services/export');
  const preview = await previewDecisionImport(deps, { fileName: basename(file), bytes });
  const applied = applyDecisionImport(deps, preview, reviewer);
  if (json) {
    io.out(JSON.stringify({ ...preview, applied }, null, 2));
    return 0;
  }
  for (const c of preview.changes) {
    io.out(
      `${c.vendor} / ${c.subprocessor}: ${c.before.decision ?? 'undecided'} → ${c.after.decision}${c.after.comment ? ` (${c.after.comment})` : ''}`,
    );
  }
  io.out(`${applied} decision(s) recorded as ${reviewer}; ${preview.unchanged} unchanged.`);
  return 0;
}

async function cmdFetch(
  ctx: AppContext,
  vendorName: string,
  url: string | undefined,
  io: Io,
): Promise<number> {
  const existing = ctx.store.findVendorByName(vendorName);
  const r = await call(ctx, 'sources.fetch', {
    ...(existing ? { vendorId: existing.id } : { vendorName }),
    ...(url ? { url } : {}),
  });
  io.out(r.message);
  return 0;
}

async function cmdCheck(ctx: AppContext, json: boolean, io: Io): Promise<number> {
  const plan = await call(ctx, 'sources.planCheck', {});
  if (!json) {
    io.out(
      plan.hosts.length === 0
        ? 'No vendor has a page address yet: fetch one first with dpa fetch VENDOR --url URL.'
        : `Contacting ${plan.hosts.length} host(s): ${plan.hosts.map((h) => h.host).join(', ')}`,
    );
  }
  let job = await call(ctx, 'sources.checkStart', {});
  let shown = 0;
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, 100));
    job = await call(ctx, 'jobs.status', { jobId: job.id });
    if (!json && job.done > shown) {
      shown = job.done;
      io.out(job.message);
    }
  }
  const results = job.checkResults ?? [];
  if (json) {
    io.out(JSON.stringify({ plan, results }, null, 2));
  } else {
    for (const r of results) {
      const d = r.diffSummary;
      io.out(
        `${r.vendor}: ${r.outcome}${d ? ` (+${d.added} −${d.removed} ~${d.changed})` : ''}${r.deadline ? `, object by ${r.deadline.deadline}` : ''}${r.reason ? ` — ${r.reason}` : ''}`,
      );
    }
    io.out(job.message);
  }
  if (job.state === 'failed') {
    throw new AppError('internal', job.message);
  }
  return results.some((r) => r.outcome === 'failed') ? 1 : 0;
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
