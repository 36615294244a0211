import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Entry, ImportOutcome, ParsedDocument, Snapshot } from '../../../src-shared/domain';
import { AppError, formatError, type AppErrorData } from '../../../src-shared/errors';
import { MAX_IMPORT_BYTES } from '../../../src-shared/limits';
import { vendorNameFromFileName } from '../../../src-shared/vendor-name';
import type { NewSnapshot, Store } from '../store';

export interface ImportRequest {
  fileName: string;
  bytes: Uint8Array;
  /** The vendor to file the snapshot under; suggested from the page when absent. */
  vendorName?: string | undefined;
}

export interface ImportOptions {
  now?: () => Date;
  /**
   * Runs inside the import's transaction once the entries are stored (e.g. computing flags), with
   * the snapshot and entries as stored (ids included), so it need not read them back.
   */
  onStored?: (
    snapshotId: number,
    stored: { snapshot: Snapshot; entries: Entry[]; isFirstSnapshot: boolean },
  ) => void;
}

export interface Parser {
  version: string;
  /** How many files it parses at once (a worker pool's size); 1 when absent. */
  readonly concurrency?: number;
  parse(input: { fileName: string; bytes: Uint8Array }): Promise<ParsedDocument>;
}

const MEDIA_TYPES: Record<ParsedDocument['format'], string> = {
  html: 'text/html',
  pdf: 'application/pdf',
  text: 'text/plain',
  markdown: 'text/markdown',
  csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The vendor name a page suggests: its publisher, else the file name without extension. */
export function suggestVendorName(
  fileName: string,
  doc: Pick<ParsedDocument, 'publisher'>,
): string {
  if (doc.publisher && doc.publisher.trim()) {
    return doc.publisher.trim();
  }
  return vendorNameFromFileName(fileName);
}

/** A file read, checked and parsed: everything storing it needs, computed outside any transaction. */
interface Prepared {
  file: string;
  bytes: Uint8Array;
  sha256: string;
  doc: ParsedDocument;
  vendorName: string;
}

/** Size checks and hash: cheap, synchronous, before the parser sees the bytes. */
function checkBytes(file: string, bytes: Uint8Array): string {
  if (bytes.byteLength === 0) {
    throw new AppError('file-unreadable', 'the file is empty', { file });
  }
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    const mb = (bytes.byteLength / 1024 / 1024).toFixed(1);
    throw new AppError(
      'file-too-large',
      `the file is ${mb} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
      { file },
    );
  }
  return createHash('sha256').update(bytes).digest('hex');
}

async function prepare(parser: Parser, req: ImportRequest): Promise<Prepared> {
  const file = basename(req.fileName);
  const sha256 = checkBytes(file, req.bytes);
  const doc = await parser.parse({ fileName: file, bytes: req.bytes });
  const vendorName = req.vendorName?.trim() || suggestVendorName(file, doc);
  return { file, bytes: req.bytes, sha256, doc, vendorName };
}

/**
 * Writes one prepared file: vendor, snapshot, entries and `onStored`. Runs inside the caller's
 * transaction (or savepoint), so a throw anywhere leaves nothing of this file behind.
 */
function storePrepared(
  store: Store,
  parserVersion: string,
  p: Prepared,
  importedAt: string,
  onStored: ImportOptions['onStored'],
): ImportOutcome {
  const { file, doc } = p;
  const vendor = store.findOrCreateVendor(p.vendorName, importedAt);
  const existing = store.findSnapshotBySha(vendor.id, p.sha256);
  if (existing) {
    return {
      status: 'duplicate',
      vendor: { id: vendor.id, name: vendor.name },
      snapshot: existing,
      isFirstSnapshot: false,
      message: `${file}: identical to the snapshot imported ${existing.importedAt} as ${existing.fileName}; nothing was added`,
    };
  }
  // A vendor created just now has no snapshot: no need to ask.
  const isFirstSnapshot = vendor.created || store.latestSnapshot(vendor.id) === undefined;
  const row: NewSnapshot = {
    vendorId: vendor.id,
    fileName: file,
    mediaType: MEDIA_TYPES[doc.format],
    format: doc.format,
    sha256: p.sha256,
    originalBytes: p.bytes,
    sourceText: doc.text,
    importedAt,
    lastUpdated: doc.lastUpdated,
    noticeDays: doc.noticeDays,
    noticeBusinessDays: doc.noticeBusinessDays,
    objectionDays: doc.objectionDays,
    publisher: doc.publisher,
    pageUrl: doc.url,
    parserVersion,
    warnings: doc.warnings,
  };
  const snapshotId = store.insertSnapshot(row);
  const entries = doc.entries.map((e, position): Entry => ({
    ...e,
    id: store.insertEntry(snapshotId, position, e),
    snapshotId,
    position,
  }));
  // The row as getSnapshot would read it back, from what was just written (the integration tests
  // compare the two), so no query per file.
  const { originalBytes, sourceText: _text, pageUrl: _url, warnings, ...kept } = row;
  const snapshot: Snapshot = {
    ...kept,
    id: snapshotId,
    byteLength: originalBytes.byteLength,
    entryCount: entries.length,
    warnings: [...warnings],
  };
  onStored?.(snapshotId, { snapshot, entries, isFirstSnapshot });
  const n = doc.entries.length;
  return {
    status: 'imported',
    vendor: { id: vendor.id, name: vendor.name },
    snapshot,
    isFirstSnapshot,
    message:
      n === 0
        ? `${file}: imported, but no sub-processors were found${doc.warnings.length ? ` (${doc.warnings.join('; ')})` : ''}`
        : `${file}: imported ${n} sub-processor${n === 1 ? '' : 's'}`,
  };
}

/** A storage failure as the person reads it: the file, and that nothing of it was kept. */
function storeError(file: string, cause: unknown): AppError {
  if (cause instanceof AppError) {
    return cause.file === undefined
      ? new AppError(cause.code, cause.reason, { file, cause })
      : cause;
  }
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AppError('database-error', `could not be stored, nothing was changed (${reason})`, {
    file,
    cause,
  });
}

/**
 * Imports one file: parse first (no writes), then vendor, snapshot and entries in ONE transaction,
 * so a file that fails at any point leaves the database exactly as it was. Identical bytes already
 * stored for the same vendor are reported as a duplicate and not stored again.
 */
export async function importFile(
  store: Store,
  parser: Parser,
  req: ImportRequest,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const now = options.now ?? (() => new Date());
  const p = await prepare(parser, req);
  const importedAt = now().toISOString();
  try {
    return store.transaction(() =>
      storePrepared(store, parser.version, p, importedAt, options.onStored),
    );
  } catch (cause) {
    if (cause instanceof AppError) {
      throw cause;
    }
    throw storeError(p.file, cause);
  }
}

/** One file of a batch: the bytes, or how to read them when the pipeline gets to it. */
export interface BatchItem extends Omit<ImportRequest, 'bytes'> {
  bytes: Uint8Array | (() => Promise<Uint8Array>);
}

/** What became of one file of a batch, reported only once that is final (committed or not). */
export type BatchFileResult = {
  /** The file's position in the batch. */
  index: number;
  fileName: string;
  /** What happened, in a sentence naming the file. */
  message: string;
} & (
  | { status: 'imported' | 'duplicate'; outcome: ImportOutcome }
  | { status: 'failed'; error: AppErrorData }
  | { status: 'cancelled' }
);

export interface BatchOptions extends ImportOptions {
  /** Checked between files: files not yet stored are reported 'cancelled'; stored ones stay. */
  signal?: AbortSignal;
  /**
   * How many files may be read and parsed ahead of the ones being written (memory stays bounded by
   * about twice this many files). Default 8 (at least the parser's concurrency + 1, so every worker
   * has a file queued): writing is often the slower side (an fsync per commit), and files parsed
   * ahead while a commit waits on the disk share the next commit.
   */
  lookAhead?: number;
  /**
   * How many files to wait for before writing, so they share one commit (default half the
   * look-ahead). Never more than are already on their way, and the transaction is opened only once
   * they are all parsed.
   */
  filesPerCommit?: number;
  /**
   * Most files written in one transaction. Only files already parsed join a transaction (it is
   * never held open across a wait), so this only matters when writing is the slower side.
   */
  maxFilesPerCommit?: number;
  /**
   * How long one shared transaction may run before the remaining ready files wait for the next
   * (default 100 ms), so a batch never blocks the thread it runs on for long.
   */
  commitBudgetMs?: number;
  /** Each file's result, in file order, after its transaction committed (or it failed). */
  onResult?: (result: BatchFileResult, done: number, total: number) => void;
}

/**
 * Writes files already prepared (or failed) in ONE transaction, each all-or-nothing: a file that
 * fails is rolled back alone; if the commit itself fails, none of them was kept. Stops taking files
 * once `budgetMs` is spent (at least one is always written), so the thread is never blocked for
 * long; returns the outcomes of the files it took, a prefix of `group`.
 */
function writeGroup(
  store: Store,
  parserVersion: string,
  group: readonly (Prepared | AppError)[],
  importedAt: string,
  onStored: ImportOptions['onStored'],
  budgetMs: number,
): (ImportOutcome | AppError)[] {
  const outcomes: (ImportOutcome | AppError)[] = [];
  if (group.every((p) => p instanceof AppError)) {
    return [...group] as AppError[];
  }
  // Fast path: the files one after another in one transaction, no savepoints (each savepoint makes
  // the full-text index flush a segment of its own). Any file failing undoes the whole attempt, and
  // the group is written again below with a savepoint per file: the same writes, in the same order.
  let failed = false;
  const t0 = performance.now();
  try {
    store.transaction(() => {
      for (const p of group) {
        if (outcomes.length > 0 && performance.now() - t0 > budgetMs) {
          break;
        }
        if (p instanceof AppError) {
          outcomes.push(p);
          continue;
        }
        try {
          outcomes.push(storePrepared(store, parserVersion, p, importedAt, onStored));
        } catch (e) {
          failed = true;
          throw e;
        }
      }
    });
    return outcomes;
  } catch (e) {
    if (!failed) {
      // The commit itself failed, or the transaction could not begin (a closed database):
      // nothing of these files was kept.
      return failedGroup(group, outcomes.length, e);
    }
  }
  outcomes.length = 0;
  const t1 = performance.now();
  try {
    store.transaction(() => {
      for (const p of group) {
        if (outcomes.length > 0 && performance.now() - t1 > budgetMs) {
          break;
        }
        if (p instanceof AppError) {
          outcomes.push(p);
          continue;
        }
        try {
          // Nested, so a savepoint: this file alone is rolled back.
          outcomes.push(
            store.transaction(() => storePrepared(store, parserVersion, p, importedAt, onStored)),
          );
        } catch (e) {
          outcomes.push(storeError(p.file, e));
        }
      }
    });
  } catch (e) {
    return failedGroup(group, outcomes.length, e);
  }
  return outcomes;
}

/**
 * The first `attempted` files of a group (all of it when none was: the transaction never began),
 * each failed with `e`. Never empty for a non-empty group, so the batch always moves on.
 */
function failedGroup(
  group: readonly (Prepared | AppError)[],
  attempted: number,
  e: unknown,
): AppError[] {
  return group
    .slice(0, attempted > 0 ? attempted : group.length)
    .map((p) => (p instanceof AppError ? p : storeError(p.file, e)));
}

/** How long one transaction of a batch may take before the rest waits for the next one. */
const GROUP_BUDGET_MS = 100;

/** A file on its way through read and parse; `done` is set once it is ready (or failed). */
interface Slot {
  done: Prepared | AppError | null;
  promise: Promise<unknown>;
}

/**
 * Imports many files as a pipeline: while the main thread writes file N, the parse workers already
 * parse the next files (at most `lookAhead` of them). Files whose parse is already done when their
 * turn comes are written together in one transaction, each inside its own savepoint, so one commit
 * (one fsync) serves several files while every file stays all-or-nothing: a file that fails rolls
 * back alone and leaves the database as it was. Results come back in file order, each reported only
 * after its transaction committed, so a file reported 'imported' survives a crash. Duplicates are
 * detected by bytes per vendor, including against files earlier in the same batch.
 */
export async function importBatch(
  store: Store,
  parser: Parser,
  items: readonly BatchItem[],
  options: BatchOptions = {},
): Promise<BatchFileResult[]> {
  const now = options.now ?? (() => new Date());
  const total = items.length;
  const lookAhead = Math.max(1, options.lookAhead ?? Math.max(8, (parser.concurrency ?? 1) + 1));
  const maxPerCommit = Math.max(1, options.maxFilesPerCommit ?? 16);
  const groupTarget = Math.max(
    1,
    Math.min(maxPerCommit, options.filesPerCommit ?? Math.ceil(lookAhead / 2)),
  );
  const results: BatchFileResult[] = [];
  const slots = new Map<number, Slot>();
  const fileNameOf = (i: number): string => basename((items[i] as BatchItem).fileName);

  const start = (i: number): void => {
    const item = items[i] as BatchItem;
    const run = async (): Promise<Prepared> => {
      let bytes: Uint8Array;
      try {
        bytes = typeof item.bytes === 'function' ? await item.bytes() : item.bytes;
      } catch (e) {
        throw e instanceof AppError
          ? e
          : new AppError('file-unreadable', `cannot be read (${String(e)})`, {
              file: fileNameOf(i),
            });
      }
      return prepare(parser, { fileName: item.fileName, bytes, vendorName: item.vendorName });
    };
    const slot: Slot = { done: null, promise: Promise.resolve() };
    slot.promise = run().then(
      (p) => {
        slot.done = p;
      },
      (e: unknown) => {
        slot.done = storeError(fileNameOf(i), e);
      },
    );
    slots.set(i, slot);
  };

  const report = (r: BatchFileResult): void => {
    results.push(r);
    options.onResult?.(r, results.length, total);
  };

  const cancelled = new Promise<void>((resolve) => {
    if (options.signal?.aborted) resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  let started = 0;
  let next = 0; // the first file not yet taken into a transaction
  while (next < total) {
    if (options.signal?.aborted) {
      break;
    }
    while (started < total && started < next + lookAhead) {
      start(started++);
    }
    // Wait for the head and, while more are on their way, a few files after it, so they share a
    // commit: one fsync and one full-text index segment for several files. The workers keep parsing
    // further ahead meanwhile, so waiting here costs no time while parsing is the slower side.
    const want = Math.min(total, next + groupTarget);
    for (let i = next; i < want && !options.signal?.aborted; i++) {
      // A cancel answers at once, not when a slow file's parse (up to its time limit) ends.
      await Promise.race([(slots.get(i) as Slot).promise, cancelled]);
    }
    if (options.signal?.aborted) {
      break;
    }
    // The head is ready; so may be the files after it. Take those, never waiting for one.
    const ready: { index: number; prepared: Prepared | AppError }[] = [];
    for (let i = next; i < started && ready.length < maxPerCommit; i++) {
      const done = slots.get(i)?.done;
      if (!done) {
        break;
      }
      ready.push({ index: i, prepared: done });
    }
    // Keep the workers busy while these are written.
    while (started < total && started < next + ready.length + lookAhead) {
      start(started++);
    }
    const outcomes = writeGroup(
      store,
      parser.version,
      ready.map((g) => g.prepared),
      now().toISOString(),
      options.onStored,
      options.commitBudgetMs ?? GROUP_BUDGET_MS,
    );
    const group = ready.slice(0, outcomes.length);
    for (const { index } of group) slots.delete(index);
    next += group.length;
    group.forEach(({ index }, k) => {
      const o = outcomes[k] as ImportOutcome | AppError;
      const fileName = fileNameOf(index);
      if (o instanceof AppError) {
        const error = { ...o.toData(), file: o.file ?? fileName };
        report({ index, fileName, status: 'failed', error, message: formatError(error) });
      } else {
        report({ index, fileName, status: o.status, outcome: o, message: o.message });
      }
    });
  }
  // Cancelled: what was not written is reported so. Parses still running finish on their own
  // (their outcome is dropped); waiting for them would only delay the answer.
  for (let i = next; i < total; i++) {
    const fileName = fileNameOf(i);
    report({
      index: i,
      fileName,
      status: 'cancelled',
      message: `${fileName}: not imported (cancelled)`,
    });
  }
  return results;
}
