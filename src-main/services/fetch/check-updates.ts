import type { CheckPlan, CheckResult, PlannedVendor } from '../../../src-shared/sources';
/**
 * "Check all vendors for changes", on request: first a plan naming every host that would be
 * contacted (no network), then the check itself, fetching each vendor's page with bounded
 * concurrency and storing only pages whose list really changed.
 */
import { createHash } from 'node:crypto';
import type { ParsedDocument, ParsedEntry, Snapshot, Vendor } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { Parser } from '../import';
import { CANCELLED, fetchPage, PageFetchError, type FetchedPage } from './fetch-page';
import {
  fileNameForUrl,
  recordFailure,
  recordFetch,
  storeFetchedPage,
  type FetchDeps,
} from './url-import';

export interface CheckOptions {
  /** Only these vendors; every vendor with a URL when absent. */
  vendorIds?: number[] | undefined;
  /** Pages fetched at once; clamped to 1..8. */
  concurrency?: number | undefined;
  timeoutMs?: number | undefined;
  /** Cancel: pending vendors are not fetched and running fetches stop; both report 'cancelled'. */
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number, result: CheckResult) => void) | undefined;
}

const MAX_CONCURRENCY = 8;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function selectVendors(deps: Pick<FetchDeps, 'store'>, vendorIds?: number[]): Vendor[] {
  const all = deps.store.listVendors();
  if (!vendorIds) {
    return all;
  }
  const byId = new Map(all.map((v) => [v.id, v]));
  return [...new Set(vendorIds)].map((id) => {
    const v = byId.get(id);
    if (!v) {
      throw new AppError('not-found', `vendor ${id} does not exist (it may have been deleted)`);
    }
    return v;
  });
}

/** The hosts a check WILL contact, with their vendors, computed from stored URLs only (no network). */
export function planCheck(deps: Pick<FetchDeps, 'store'>, vendorIds?: number[]): CheckPlan {
  const vendors = selectVendors(deps, vendorIds);
  const hosts = new Map<string, PlannedVendor[]>();
  const withoutUrl: CheckPlan['withoutUrl'] = [];
  for (const v of vendors) {
    if (!v.url) {
      withoutUrl.push({ vendorId: v.id, vendor: v.name });
      continue;
    }
    const host = hostOf(v.url);
    const list = hosts.get(host) ?? [];
    list.push({ vendorId: v.id, vendor: v.name, url: v.url, isHttps: v.url.startsWith('https:') });
    hosts.set(host, list);
  }
  return {
    hosts: [...hosts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([host, list]) => ({ host, vendors: list })),
    vendorCount: vendors.length - withoutUrl.length,
    withoutUrl,
    note: 'One request per vendor; a page that redirects may also contact the host it redirects to (each hop is recorded).',
  };
}

// ---- what counts as a change -------------------------------------------------------------------

type ListTerms = Pick<ParsedDocument, 'noticeDays' | 'objectionDays' | 'noticeBusinessDays'>;

// Whitespace re-flows with markup; case does not (a legal name's case can be a real correction),
// which matches what the diff treats as a change.
function text(value: string | null): string {
  return (value ?? '').trim().replace(/\s+/g, ' ');
}

function set(values: readonly string[]): string[] {
  return [...new Set(values.map(text))].sort();
}

/**
 * A signature of what a reviewer reviews on a page: every entry's diffed fields (whitespace
 * collapsed, lists as sets, entries as a sorted multiset so reordering is no change) plus the
 * notice and objection terms. Presentation is left out: markup, spacing, order, provenance
 * offsets, extraction confidence, and the page's own "last updated" date (a new date with the same
 * list is not a new list; it is reported in the reason instead).
 */
export function listSignature(entries: readonly ParsedEntry[], terms: ListTerms): string {
  const rows = entries
    .map((e) =>
      JSON.stringify([
        text(e.name),
        text(e.legalEntity),
        text(e.purpose),
        set(e.countries),
        set(e.transfer),
        e.status,
        text(e.section),
        set(e.dataCategories),
      ]),
    )
    .sort();
  return JSON.stringify({
    rows,
    noticeDays: terms.noticeDays,
    objectionDays: terms.objectionDays,
    noticeBusinessDays: terms.noticeBusinessDays,
  });
}

/**
 * The stored list to compare with. Read by the same parser version as the new page: a snapshot
 * parsed by an older extractor is parsed again from its stored bytes, so an extractor upgrade is
 * never mistaken for a vendor's change.
 */
async function baselineSignature(deps: FetchDeps, latest: Snapshot): Promise<string> {
  if (latest.parserVersion === deps.parser.version) {
    return listSignature(deps.store.listEntries(latest.id), latest);
  }
  const source = deps.store.getSnapshotSource(latest.id);
  if (!source) {
    return '';
  }
  const doc = await deps.parser.parse({ fileName: source.fileName, bytes: source.bytes });
  return listSignature(doc.entries, doc);
}

// ---- the check ---------------------------------------------------------------------------------

function failed(v: Vendor, url: string, e: unknown, fetchId?: number): CheckResult {
  const reason =
    e instanceof PageFetchError && e.isCancelled
      ? CANCELLED
      : e instanceof AppError
        ? e.reason
        : e instanceof Error
          ? e.message
          : String(e);
  return {
    vendorId: v.id,
    vendor: v.name,
    url,
    outcome: 'failed',
    reason,
    ...(fetchId ? { fetchId } : {}),
  };
}

async function checkVendor(
  deps: FetchDeps,
  v: Vendor,
  url: string,
  options: CheckOptions,
): Promise<CheckResult> {
  const { store } = deps;
  const base = { vendorId: v.id, vendor: v.name, url };
  if (options.signal?.aborted) {
    return { ...base, outcome: 'failed', reason: CANCELLED } satisfies CheckResult;
  }
  let page: FetchedPage;
  try {
    page = await fetchPage(url, {
      version: deps.version,
      fetchImpl: deps.fetchImpl,
      timeoutMs: options.timeoutMs ?? deps.timeoutMs,
      maxBytes: deps.maxBytes,
      signal: options.signal,
      now: deps.now,
    });
  } catch (e) {
    return failed(v, url, e, recordFailure(store, v.id, url, e, deps.now));
  }
  const seen = {
    ...base,
    finalUrl: page.finalUrl,
    ...(page.notes.length ? { notes: page.notes } : {}),
  };
  try {
    const sha256 = createHash('sha256').update(page.bytes).digest('hex');
    const latest = store.latestSnapshot(v.id);
    if (latest && latest.sha256 === sha256) {
      const fetchId = recordFetch(store, v.id, page, 'unchanged', latest.id);
      return {
        ...seen,
        outcome: 'unchanged',
        reason: `the page is byte-for-byte the snapshot imported ${latest.importedAt}`,
        snapshotId: latest.id,
        fetchId,
      } satisfies CheckResult;
    }
    const earlier = store.findSnapshotBySha(v.id, sha256);
    if (earlier) {
      // The vendor went back to an older version. It is stored already (one copy per vendor), so
      // nothing is added; the reviewer is told, since the current list differs from the latest.
      const fetchId = recordFetch(store, v.id, page, 'unchanged', earlier.id);
      return {
        ...seen,
        outcome: 'changed',
        reason: `the page is back to the version imported ${earlier.importedAt} (${earlier.fileName}); it was not stored again, compare the two snapshots`,
        snapshotId: earlier.id,
        fetchId,
      } satisfies CheckResult;
    }
    const doc = await deps.parser.parse({
      fileName: fileNameForUrl(page.finalUrl, page.format),
      bytes: page.bytes,
    });
    if (latest && listSignature(doc.entries, doc) === (await baselineSignature(deps, latest))) {
      const fetchId = recordFetch(store, v.id, page, 'unchanged', latest.id);
      const n = doc.entries.length;
      const dateMoved =
        doc.lastUpdated !== latest.lastUpdated
          ? `; the page's date changed from ${latest.lastUpdated ?? 'none'} to ${doc.lastUpdated ?? 'none'}`
          : '';
      return {
        ...seen,
        outcome: 'unchanged',
        reason: `same ${n} sub-processor${n === 1 ? '' : 's'} and notice terms; only the page's formatting changed, so no snapshot was stored${dateMoved}`,
        snapshotId: latest.id,
        fetchId,
      } satisfies CheckResult;
    }
    // Parsed once: the import reuses this document instead of parsing the bytes again.
    const parsed: Parser = { version: deps.parser.version, parse: () => Promise.resolve(doc) };
    const { outcome, fetchId } = await storeFetchedPage(deps, parsed, page, v.name);
    if (outcome.status === 'duplicate') {
      // Another check stored the same bytes meanwhile: nothing new from this one.
      return {
        ...seen,
        outcome: 'unchanged',
        reason: outcome.message,
        snapshotId: outcome.snapshot.id,
        fetchId,
      };
    }
    const result: CheckResult = {
      ...seen,
      outcome: 'changed',
      reason: latest ? outcome.message : `first snapshot: ${outcome.message}`,
      snapshotId: outcome.snapshot.id,
      fetchId,
    };
    if (latest && deps.compareLatest) {
      // The snapshot is stored by now: a comparison that fails must not report it as 'failed'.
      const c = await Promise.resolve()
        .then(() => deps.compareLatest?.(v.id))
        .catch((e: unknown) => {
          result.reason = `${result.reason ?? ''}; the comparison failed (${e instanceof Error ? e.message : String(e)})`;
          return undefined;
        });
      if (c?.diff) {
        result.diffSummary = {
          added: c.diff.added.length,
          removed: c.diff.removed.length,
          changed: c.diff.changed.length,
        };
      }
      if (c?.deadline) {
        result.deadline = c.deadline;
      }
    }
    return result;
  } catch (e) {
    return failed(v, url, e, recordFailure(store, v.id, url, e, deps.now, page));
  }
}

/**
 * Fetches every selected vendor's page (never in the background: only when called), stores the
 * pages whose list changed, and returns one result per vendor with a URL, in vendor order.
 */
export async function checkForUpdates(
  deps: FetchDeps,
  options: CheckOptions = {},
): Promise<CheckResult[]> {
  const targets = selectVendors(deps, options.vendorIds).flatMap((v) =>
    v.url ? [{ vendor: v, url: v.url }] : [],
  );
  const total = targets.length;
  const concurrency = Math.max(1, Math.min(MAX_CONCURRENCY, Math.floor(options.concurrency ?? 4)));
  const results: CheckResult[] = new Array<CheckResult>(total);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    // Bounded: each turn takes the next target, and there are `total` of them.
    while (next < total) {
      const i = next;
      next += 1;
      const t = targets[i];
      if (!t) {
        break;
      }
      let result: CheckResult;
      try {
        result = await checkVendor(deps, t.vendor, t.url, options);
      } catch (e) {
        // Recording itself failed (the database); report it rather than lose the other vendors.
        result = failed(t.vendor, t.url, e);
      }
      results[i] = result;
      done += 1;
      options.onProgress?.(done, total, result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, () => worker()));
  return results;
}

export type { CheckPlan, CheckResult, PlannedVendor };
