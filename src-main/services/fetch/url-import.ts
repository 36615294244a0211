/**
 * Import a vendor's list from its URL: fetch on request, store the exact bytes as a snapshot
 * through the ordinary import (same transaction, same duplicate rule), record the fetch, and
 * remember the URL for the next check.
 */
import { posix } from 'node:path';
import type { ImportOutcome, Vendor } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { SnapshotComparison } from '../../../src-shared/ipc';
import { importFile, type Parser } from '../import';
import type { Store } from '../store';
import type { FetchRecord } from '../store/store';
import {
  fetchPage,
  formatBytes,
  normalizeUrl,
  PageFetchError,
  type FailedAttempt,
  type FetchedPage,
  type FetchFormat,
  type FetchImpl,
} from './fetch-page';

/** What fetching needs; the shell builds it from the AppContext. */
export interface FetchDeps {
  store: Store;
  parser: Parser;
  now: () => Date;
  /** The app's version, for the User-Agent. */
  version: string;
  /** Electron passes `net.fetch` (system proxy); Node defaults to undici with env proxies. */
  fetchImpl?: FetchImpl | undefined;
  timeoutMs?: number | undefined;
  /** Defaults to MAX_IMPORT_BYTES; tests set a small one. */
  maxBytes?: number | undefined;
  /** Runs inside the import transaction, as for file imports: `storeFlags(reviewDeps, id)`. */
  onStored?: ((snapshotId: number) => void) | undefined;
  /** The vendor's latest-vs-previous comparison (the `compare.diff` handler), for check results. */
  compareLatest?:
    ((vendorId: number) => SnapshotComparison | Promise<SnapshotComparison>) | undefined;
}

export interface UrlImportRequest {
  /** An existing vendor; its stored URL is used when `url` is absent. */
  vendorId?: number | undefined;
  /** A vendor by name (created if new); absent with no vendorId: suggested from the page. */
  vendorName?: string | undefined;
  url?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** A fetched page without its bytes: what the UI and CLI show about the response. */
export type FetchedPageInfo = Omit<FetchedPage, 'bytes'> & { byteLength: number };

export interface UrlImportResult {
  import: ImportOutcome;
  page: FetchedPageInfo;
  fetchId: number;
  /** One sentence for the person who asked, naming the URL. */
  message: string;
}

const EXTENSIONS: Record<FetchFormat, string> = {
  html: 'html',
  pdf: 'pdf',
  text: 'txt',
  markdown: 'md',
  csv: 'csv',
};

/**
 * The snapshot's file name: the URL's last path segment with the extension of what was actually
 * served (the extractor reads the format from the name), e.g. `/legal/subprocessors` served as
 * HTML gives `subprocessors.html`; a bare host gives `example-com.html`.
 */
export function fileNameForUrl(url: string, format: FetchFormat): string {
  const u = new URL(url);
  let segment = '';
  try {
    segment = decodeURIComponent(posix.basename(u.pathname));
  } catch {
    segment = posix.basename(u.pathname);
  }
  const stem =
    segment.replace(/\.[a-z0-9]{1,5}$/i, '') ||
    u.hostname.replace(/^www\./, '').replace(/\./g, '-');
  const safe = stem
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${safe || 'page'}.${EXTENSIONS[format]}`;
}

/** The page's details minus the bytes (kept in the snapshot). */
export function pageInfo(page: FetchedPage): FetchedPageInfo {
  const { bytes, ...rest } = page;
  return { ...rest, byteLength: bytes.byteLength };
}

/** Records a fetch that produced or matched a snapshot. */
export function recordFetch(
  store: Store,
  vendorId: number,
  page: FetchedPage,
  outcome: 'imported' | 'unchanged',
  snapshotId: number,
): number {
  return store.insertFetch({
    vendorId,
    url: page.url,
    finalUrl: page.finalUrl,
    redirects: page.redirects.map((r) => r.to),
    httpStatus: page.status,
    contentType: page.contentType,
    fetchedAt: page.fetchedAt,
    bytesReceived: page.bytes.byteLength,
    outcome,
    snapshotId,
    error: null,
  });
}

/** A page that arrived but could not be read or stored, as a failed attempt. */
function attemptOf(page: FetchedPage): FailedAttempt {
  return {
    url: page.url,
    finalUrl: page.finalUrl,
    status: page.status,
    contentType: page.contentType,
    bytesReceived: page.bytes.byteLength,
    redirects: page.redirects,
    wasSent: true,
  };
}

/**
 * Records a failed fetch and returns its id; one refused or cancelled before anything was sent is
 * not a fetch and is skipped.
 */
export function recordFailure(
  store: Store,
  vendorId: number,
  url: string,
  error: unknown,
  now: () => Date,
  received?: FetchedPage,
): number | undefined {
  const attempt: FailedAttempt | undefined =
    error instanceof PageFetchError ? error.attempt : received && attemptOf(received);
  if (attempt && !attempt.wasSent) {
    return undefined;
  }
  const reason =
    error instanceof AppError
      ? error.reason
      : error instanceof Error
        ? error.message
        : String(error);
  return store.insertFetch({
    vendorId,
    url: attempt?.url ?? url,
    finalUrl: attempt?.finalUrl ?? null,
    redirects: attempt?.redirects.map((r) => r.to) ?? [],
    httpStatus: attempt?.status ?? null,
    contentType: attempt?.contentType ?? null,
    fetchedAt: now().toISOString(),
    bytesReceived: attempt?.bytesReceived ?? 0,
    outcome: 'failed',
    snapshotId: null,
    error: reason,
  });
}

/**
 * Stores a fetched page as a snapshot of `vendorName` through the ordinary import, recording the
 * fetch and the vendor's URL in the same transaction as the snapshot. `parser` may return an
 * already parsed document, so a page is never parsed twice.
 */
export async function storeFetchedPage(
  deps: FetchDeps,
  parser: Parser,
  page: FetchedPage,
  vendorName: string | undefined,
): Promise<{ outcome: ImportOutcome; fetchId: number }> {
  const { store } = deps;
  let fetchId = 0;
  const outcome = await importFile(
    store,
    parser,
    { fileName: fileNameForUrl(page.finalUrl, page.format), bytes: page.bytes, vendorName },
    {
      now: deps.now,
      onStored: (snapshotId) => {
        deps.onStored?.(snapshotId);
        const vendorId = store.getSnapshot(snapshotId)?.vendorId;
        if (vendorId === undefined) {
          throw new Error('snapshot vanished inside its own transaction');
        }
        fetchId = recordFetch(store, vendorId, page, 'imported', snapshotId);
        store.setVendorUrl(vendorId, page.url);
      },
    },
  );
  if (outcome.status === 'duplicate') {
    // Same bytes as a stored snapshot: nothing new to store, but the fetch still happened.
    fetchId = store.transaction(() => {
      store.setVendorUrl(outcome.vendor.id, page.url);
      return recordFetch(store, outcome.vendor.id, page, 'unchanged', outcome.snapshot.id);
    });
  }
  return { outcome, fetchId };
}

function resolveVendor(store: Store, req: UrlImportRequest): Vendor | undefined {
  if (req.vendorId !== undefined) {
    const v = store.getVendor(req.vendorId);
    if (!v) {
      throw new AppError('not-found', 'that vendor does not exist (it may have been deleted)');
    }
    return v;
  }
  return req.vendorName?.trim() ? store.findVendorByName(req.vendorName) : undefined;
}

/**
 * Fetches a vendor's page and imports the exact bytes as a snapshot; records the fetch (also when
 * it fails, for a known vendor) and sets the vendor's URL to the address asked for.
 */
export async function importFromUrl(
  deps: FetchDeps,
  req: UrlImportRequest,
): Promise<UrlImportResult> {
  const { store } = deps;
  const vendor = resolveVendor(store, req);
  const given = req.url?.trim() || vendor?.url;
  if (!given) {
    const suggestion = vendor ? suggestVendorUrl(store, vendor.id) : null;
    throw new AppError(
      'bad-request',
      `no address is known for ${vendor?.name ?? 'this vendor'}; give the page's URL${suggestion ? ` (its last snapshot names ${suggestion})` : ''}`,
    );
  }
  // Checked before anything is sent: a typo never reaches the network.
  const url = normalizeUrl(given).href;
  let page: FetchedPage;
  try {
    page = await fetchPage(url, {
      version: deps.version,
      fetchImpl: deps.fetchImpl,
      timeoutMs: deps.timeoutMs,
      maxBytes: deps.maxBytes,
      signal: req.signal,
      now: deps.now,
    });
  } catch (e) {
    if (vendor) {
      recordFailure(store, vendor.id, url, e, deps.now);
    }
    throw e;
  }
  try {
    const { outcome, fetchId } = await storeFetchedPage(
      deps,
      deps.parser,
      page,
      vendor?.name ?? req.vendorName,
    );
    const notes = page.notes.length ? ` (${page.notes.join('; ')})` : '';
    return {
      import: outcome,
      page: pageInfo(page),
      fetchId,
      message: `${page.finalUrl}: fetched ${formatBytes(page.bytes.byteLength)}; ${outcome.message}${notes}`,
    };
  } catch (e) {
    // The page arrived but could not be read or stored; the attempt is still on record.
    if (vendor) {
      recordFailure(store, vendor.id, url, e, deps.now, page);
    }
    throw e;
  }
}

/**
 * The URL a vendor's own page states for itself (its canonical address, from the newest snapshot
 * that gives one), or null when none does or it is already the vendor's URL.
 */
export function suggestVendorUrl(store: Store, vendorId: number): string | null {
  const stated = store.latestPageUrl(vendorId);
  if (!stated) {
    return null;
  }
  let url: string;
  try {
    url = normalizeUrl(stated).href;
  } catch {
    return null;
  }
  return url === store.getVendor(vendorId)?.url ? null : url;
}

export type { FetchRecord };
