/**
 * Fetches one vendor page, on the user's request only. Nothing here runs on a timer: every call
 * comes from a person pressing "Fetch" or "Check for updates" (or running `dpa fetch`/`dpa check`).
 *
 * The request is deliberately anonymous and plain: a User-Agent that says who we are and why, no
 * cookies, no credentials, no user info in URLs, redirects followed by hand so each hop is seen
 * (and an https page can never be swapped for a plain-http one), a timeout and a size limit
 * enforced while streaming, and only the document types the extractor reads.
 */
import { STATUS_CODES } from 'node:http';
import type { Dispatcher } from 'undici';
import type { SourceFormat } from '../../../src-shared/domain';
import { AppError, type ErrorCode } from '../../../src-shared/errors';
import { MAX_IMPORT_BYTES } from '../../../src-shared/limits';

/** Redirects followed before giving up; browsers allow 20, but a list page needs one or two. */
export const MAX_REDIRECTS = 5;
export const DEFAULT_TIMEOUT_MS = 20_000;

/** The formats a fetched page can have (a .docx is never served as a page). */
export type FetchFormat = Exclude<SourceFormat, 'docx'>;

/**
 * The fetch function used: Node's or undici's `fetch`, or Electron's `net.fetch` (which follows the
 * system proxy settings). Injected so corporate proxies work and tests need no network.
 */
export type FetchImpl = typeof fetch;

export interface RedirectHop {
  from: string;
  status: number;
  to: string;
}

export interface FetchedPage {
  /** The address requested, normalised (https assumed when no scheme; user info removed). */
  url: string;
  /** Where the page was actually served from, after redirects. */
  finalUrl: string;
  status: number;
  statusText: string;
  /** The Content-Type header as sent (e.g. `text/html; charset=utf-8`). */
  contentType: string;
  format: FetchFormat;
  /** The exact bytes received (after transfer decoding), stored as the snapshot's original. */
  bytes: Uint8Array;
  /** ISO time the final response arrived. */
  fetchedAt: string;
  redirects: RedirectHop[];
  /** true when any request went over plain http, where the page could be altered on the way. */
  isInsecure: boolean;
  /** Remarks a reviewer should see (plain http, redirects to another host). */
  notes: string[];
}

export interface FetchOptions {
  /** The app's version, named in the User-Agent. */
  version: string;
  fetchImpl?: FetchImpl | undefined;
  /** Per request (each redirect hop), covering the headers and the whole body. */
  timeoutMs?: number | undefined;
  /** Larger pages are abandoned mid-stream; defaults to the import limit. */
  maxBytes?: number | undefined;
  /** Aborting it cancels the request at once (the user pressed Cancel). */
  signal?: AbortSignal | undefined;
  now?: (() => Date) | undefined;
}

/** What was learnt about a fetch that failed: recorded with it in the `fetches` table. */
export interface FailedAttempt {
  url: string;
  finalUrl: string | null;
  status: number | null;
  contentType: string | null;
  bytesReceived: number;
  redirects: RedirectHop[];
  /** false when the request was refused or cancelled before anything was sent. */
  wasSent: boolean;
}

/** A fetch that failed, with what is known about it; `reason` is 'cancelled' when the user cancelled. */
export class PageFetchError extends AppError {
  readonly attempt: FailedAttempt;

  constructor(code: ErrorCode, reason: string, attempt: FailedAttempt, cause?: unknown) {
    super(code, reason, { file: attempt.url, cause });
    this.name = 'PageFetchError';
    this.attempt = attempt;
  }

  get isCancelled(): boolean {
    return this.reason === CANCELLED;
  }
}

export const CANCELLED = 'cancelled';

/** The User-Agent sent with every request: who asks, and that a person asked. */
export function userAgent(version: string): string {
  return `DPA-Workbench/${version} (+sub-processor list review; fetched on user request)`;
}

/**
 * Parses what a person typed into a URL: https is assumed when no scheme is given; only http(s)
 * is accepted; user info (`user:pass@`) and the #fragment are removed, since we never send
 * credentials and the fragment never reaches the server.
 */
export function normalizeUrl(input: string): URL {
  const text = input.trim();
  if (!text) {
    throw new AppError('bad-request', 'no address was given');
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('bad-request', 'is not a valid web address', { file: text });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError(
      'bad-request',
      `only http and https addresses can be fetched, not ${url.protocol.replace(/:$/, '')}`,
      { file: text },
    );
  }
  return stripped(url);
}

function stripped(url: URL): URL {
  const out = new URL(url.href);
  out.username = '';
  out.password = '';
  out.hash = '';
  return out;
}

/** HTTP statuses that redirect; every hop is re-requested with GET (we only ever GET). */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * The next URL of a redirect chain, or an AppError saying why it is not followed: no Location,
 * a non-http(s) target, an https→http downgrade, a loop, or more than MAX_REDIRECTS hops.
 * `visited` holds every URL requested so far, the current one included.
 */
export function nextRedirect(
  from: URL,
  status: number,
  location: string | null,
  visited: readonly string[],
): URL {
  const file = visited[0] ?? from.href;
  if (!location) {
    throw new AppError('file-unreadable', `${from.href} redirected (${status}) to nowhere`, {
      file,
    });
  }
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new AppError('file-unreadable', `${from.href} redirected to an invalid address`, {
      file,
    });
  }
  if (to.protocol !== 'https:' && to.protocol !== 'http:') {
    throw new AppError(
      'file-unreadable',
      `${from.href} redirected to a ${to.protocol.replace(/:$/, '')} address; only http(s) is fetched`,
      { file },
    );
  }
  to = stripped(to);
  // A page asked for over https must not arrive over plain http: anyone on the way could change
  // the list of sub-processors a reviewer signs off.
  if (from.protocol === 'https:' && to.protocol === 'http:') {
    throw new AppError(
      'file-unreadable',
      `${from.href} redirected to the insecure address ${to.href}; refused (https to http)`,
      { file },
    );
  }
  if (visited.includes(to.href)) {
    throw new AppError('file-unreadable', `redirect loop: ${from.href} leads back to ${to.href}`, {
      file,
    });
  }
  if (visited.length > MAX_REDIRECTS) {
    throw new AppError(
      'file-unreadable',
      `more than ${MAX_REDIRECTS} redirects (last to ${to.href}); open the final page's address instead`,
      { file },
    );
  }
  return to;
}

/**
 * The extractor format for a response's Content-Type, or undefined when the type is not one we
 * read. `text/plain` takes the URL's extension into account (raw Markdown and CSV files are often
 * served as plain text).
 */
export function formatForContentType(contentType: string, url: URL): FetchFormat | undefined {
  const type = mediaType(contentType);
  switch (type) {
    case 'text/html':
    case 'application/xhtml+xml':
      return 'html';
    case 'application/pdf':
    case 'application/x-pdf':
      return 'pdf';
    case 'text/markdown':
    case 'text/x-markdown':
      return 'markdown';
    case 'text/csv':
    case 'text/comma-separated-values':
    case 'text/tab-separated-values':
      return 'csv';
    case 'text/plain': {
      const ext = /\.([a-z0-9]+)$/i.exec(url.pathname)?.[1]?.toLowerCase();
      if (ext === 'md' || ext === 'markdown') {
        return 'markdown';
      }
      return ext === 'csv' || ext === 'tsv' ? 'csv' : 'text';
    }
    default:
      return undefined;
  }
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Types that say nothing about the content; the bytes decide (a PDF on a file host, typically). */
function isUntyped(contentType: string): boolean {
  const t = mediaType(contentType);
  return t === '' || t === 'application/octet-stream' || t === 'binary/octet-stream';
}

function isPdf(bytes: Uint8Array): boolean {
  return bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
}

/** "1.5 MB", "300 KB", "512 bytes": limits are shown in the unit a person expects. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) {
    return `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  }
  return n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

/**
 * Fetches a page the user asked for and returns its exact bytes with where and how they were
 * served. Throws PageFetchError (an AppError naming the URL) for every failure.
 */
export async function fetchPage(input: string, options: FetchOptions): Promise<FetchedPage> {
  const start = normalizeUrl(input);
  const fetchImpl = options.fetchImpl ?? nodeFetch();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const now = options.now ?? (() => new Date());
  const attempt: FailedAttempt = {
    url: start.href,
    finalUrl: null,
    status: null,
    contentType: null,
    bytesReceived: 0,
    redirects: [],
    wasSent: false,
  };
  const fail = (code: ErrorCode, reason: string, cause?: unknown): PageFetchError =>
    new PageFetchError(code, reason, { ...attempt, redirects: [...attempt.redirects] }, cause);

  const visited: string[] = [start.href];
  let current = start;
  // Bounded: nextRedirect throws once more than MAX_REDIRECTS hops were taken.
  for (;;) {
    if (options.signal?.aborted) {
      throw fail('file-unreadable', CANCELLED);
    }
    const hop = new Hop(timeoutMs, options.signal);
    try {
      let res: Response;
      try {
        attempt.wasSent = true;
        res = await fetchImpl(current.href, {
          method: 'GET',
          redirect: 'manual',
          credentials: 'omit',
          cache: 'no-store',
          headers: {
            'User-Agent': userAgent(options.version),
            Accept:
              'text/html,application/xhtml+xml,application/pdf,text/markdown,text/csv,text/plain;q=0.9,*/*;q=0.1',
          },
          signal: hop.signal,
        });
      } catch (cause) {
        throw fail('file-unreadable', hop.why() ?? networkReason(cause), cause);
      }
      attempt.finalUrl = current.href;
      attempt.status = res.status;
      attempt.contentType = res.headers.get('content-type');
      if (isRedirectStatus(res.status)) {
        await res.body?.cancel().catch(() => undefined);
        let next: URL;
        try {
          next = nextRedirect(current, res.status, res.headers.get('location'), visited);
        } catch (e) {
          throw e instanceof AppError ? fail(e.code, e.reason) : e;
        }
        attempt.redirects.push({ from: current.href, status: res.status, to: next.href });
        visited.push(next.href);
        current = next;
        continue;
      }
      const statusText = res.statusText || STATUS_CODES[res.status] || '';
      if (res.status < 200 || res.status > 299) {
        await res.body?.cancel().catch(() => undefined);
        throw fail(
          res.status === 404 || res.status === 410 ? 'not-found' : 'file-unreadable',
          `the server answered ${res.status} ${statusText}`.trim(),
        );
      }
      const contentType = attempt.contentType ?? '';
      let format = formatForContentType(contentType, current);
      if (!format && !isUntyped(contentType)) {
        await res.body?.cancel().catch(() => undefined);
        throw fail(
          'unsupported-format',
          `the server sent ${mediaType(contentType)}, not a web page, PDF, text, Markdown or CSV document`,
        );
      }
      const fetchedAt = now().toISOString();
      const bytes = await readLimited(res, maxBytes, attempt, hop, fail);
      if (!format) {
        if (!isPdf(bytes)) {
          throw fail(
            'unsupported-format',
            `the server sent ${mediaType(contentType) || 'no content type'} and the content is not a PDF`,
          );
        }
        format = 'pdf';
      }
      return {
        url: start.href,
        finalUrl: current.href,
        status: res.status,
        statusText,
        contentType,
        format,
        bytes,
        fetchedAt,
        redirects: attempt.redirects,
        isInsecure: visited.some((u) => u.startsWith('http:')),
        notes: notesFor(start, current, visited),
      };
    } finally {
      hop.dispose();
    }
  }
}

function notesFor(start: URL, final: URL, visited: readonly string[]): string[] {
  const notes: string[] = [];
  if (visited.some((u) => u.startsWith('http:'))) {
    notes.push(
      'fetched over plain http: the page could have been altered on the way; use its https address if the vendor offers one',
    );
  }
  if (final.hostname !== start.hostname) {
    notes.push(`redirected from ${start.hostname} to ${final.hostname}`);
  }
  return notes;
}

/** One request's abort controller: the user's cancel and this hop's timeout, told apart. */
class Hop {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private reason: string | undefined;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onCancel = (): void => this.abort(CANCELLED);

  constructor(
    private readonly timeoutMs: number,
    private readonly outer: AbortSignal | undefined,
  ) {
    this.signal = this.controller.signal;
    this.timer = setTimeout(
      () => this.abort(`no complete answer within ${formatSeconds(timeoutMs)}`),
      timeoutMs,
    );
    outer?.addEventListener('abort', this.onCancel, { once: true });
  }

  /** Why the request was aborted, if it was (timeout or cancel); undefined for other failures. */
  why(): string | undefined {
    return this.reason;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onCancel);
  }

  private abort(reason: string): void {
    this.reason ??= reason;
    this.controller.abort();
  }
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** Streams the body, stopping as soon as it passes `maxBytes` rather than after it has all arrived. */
async function readLimited(
  res: Response,
  maxBytes: number,
  attempt: FailedAttempt,
  hop: Hop,
  fail: (code: ErrorCode, reason: string, cause?: unknown) => PageFetchError,
): Promise<Uint8Array> {
  const tooLarge = (): PageFetchError =>
    fail(
      'file-too-large',
      `the page is larger than ${formatBytes(maxBytes)}, the import limit; the download was stopped`,
    );
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) {
    return new Uint8Array(0);
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    // Bounded by maxBytes (every chunk adds to total) and by the hop's timeout.
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      total += value.byteLength;
      attempt.bytesReceived = total;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (cause) {
    if (cause instanceof PageFetchError) {
      throw cause;
    }
    throw fail('file-unreadable', hop.why() ?? networkReason(cause), cause);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A network failure in words: undici hides the cause (ENOTFOUND, ECONNREFUSED...) one level down. */
export function networkReason(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const code =
    cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be found (check the address, the network or the proxy settings)';
    case 'ECONNREFUSED':
      return 'the server refused the connection';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed before the page arrived';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the server's certificate was not accepted (${code})`;
    default: {
      const message = cause instanceof Error ? cause.message : String(cause);
      return `the page could not be fetched (${code ?? message})`;
    }
  }
}

/**
 * A Node fetch: undici's fetch through an EnvHttpProxyAgent, so HTTPS_PROXY, HTTP_PROXY and
 * NO_PROXY (read when the first request is made) are honoured on corporate networks; Node 20's
 * global fetch ignores them. undici is loaded on the first fetch only, keeping it off the start-up
 * path of an app that is offline by default. The Electron shell passes `net.fetch` instead, which
 * follows the system proxy settings.
 */
export function createNodeFetch(): FetchImpl {
  let dispatcher: Dispatcher | undefined;
  const impl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const undici = await import('undici');
    dispatcher ??= new undici.EnvHttpProxyAgent();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const res = await undici.fetch(url, {
      method: init?.method ?? 'GET',
      redirect: init?.redirect ?? 'manual',
      // undici keeps no HTTP cache or cookie jar, so `cache` and `credentials` need no mapping.
      headers: init?.headers as Record<string, string> | undefined,
      signal: init?.signal ?? null,
      dispatcher,
    });
    // undici's Response is the one Node's global fetch returns, typed from its own package.
    return res as unknown as Response;
  };
  return impl as FetchImpl;
}

let shared: FetchImpl | undefined;

/** The process-wide Node default (one connection pool), made on first use. */
export function nodeFetch(): FetchImpl {
  shared ??= createNodeFetch();
  return shared;
}
