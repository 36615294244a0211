import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { ImportOutcome, ParsedDocument } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { MAX_IMPORT_BYTES } from '../../../src-shared/limits';
import { vendorNameFromFileName } from '../../../src-shared/vendor-name';
import type { Store } from '../store';

export interface ImportRequest {
  fileName: string;
  bytes: Uint8Array;
  /** The vendor to file the snapshot under; suggested from the page when absent. */
  vendorName?: string | undefined;
}

export interface ImportOptions {
  now?: () => Date;
  /** Runs inside the import's transaction once the entries are stored (e.g. computing flags). */
  onStored?: (snapshotId: number) => void;
}

export interface Parser {
  version: string;
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
  const file = basename(req.fileName);
  if (req.bytes.byteLength === 0) {
    throw new AppError('file-unreadable', 'the file is empty', { file });
  }
  if (req.bytes.byteLength > MAX_IMPORT_BYTES) {
    const mb = (req.bytes.byteLength / 1024 / 1024).toFixed(1);
    throw new AppError(
      'file-too-large',
      `the file is ${mb} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
      { file },
    );
  }
  const sha256 = createHash('sha256').update(req.bytes).digest('hex');
  const doc = await parser.parse({ fileName: file, bytes: req.bytes });
  const vendorName = req.vendorName?.trim() || suggestVendorName(file, doc);
  const importedAt = now().toISOString();

  try {
    return store.transaction((): ImportOutcome => {
      const vendor = store.findOrCreateVendor(vendorName, importedAt);
      const existing = store.findSnapshotBySha(vendor.id, sha256);
      if (existing) {
        return {
          status: 'duplicate',
          vendor: { id: vendor.id, name: vendor.name },
          snapshot: existing,
          isFirstSnapshot: false,
          message: `${file}: identical to the snapshot imported ${existing.importedAt} as ${existing.fileName}; nothing was added`,
        };
      }
      const isFirstSnapshot = store.latestSnapshot(vendor.id) === undefined;
      const snapshotId = store.insertSnapshot({
        vendorId: vendor.id,
        fileName: file,
        mediaType: MEDIA_TYPES[doc.format],
        format: doc.format,
        sha256,
        originalBytes: req.bytes,
        sourceText: doc.text,
        importedAt,
        lastUpdated: doc.lastUpdated,
        noticeDays: doc.noticeDays,
        noticeBusinessDays: doc.noticeBusinessDays,
        objectionDays: doc.objectionDays,
        publisher: doc.publisher,
        pageUrl: doc.url,
        parserVersion: parser.version,
        warnings: doc.warnings,
      });
      doc.entries.forEach((e, i) => store.insertEntry(snapshotId, i, e));
      options.onStored?.(snapshotId);
      const snapshot = store.getSnapshot(snapshotId);
      if (!snapshot) {
        throw new Error('snapshot vanished inside its own transaction');
      }
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
    });
  } catch (cause) {
    if (cause instanceof AppError) {
      throw cause;
    }
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new AppError('database-error', `could not be stored, nothing was changed (${reason})`, {
      file,
      cause,
    });
  }
}
