/**
 * fetchPage against a real local HTTP server (127.0.0.1, ephemeral port): redirects, loops,
 * timeouts, size limits, status and content-type refusals, PDFs, headers sent, and the env proxy.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_REDIRECTS,
  PageFetchError,
  createNodeFetch,
  fetchPage,
  type FetchOptions,
} from '../../../src-main/services/fetch';
import { CORPUS_DIR } from '../../helpers';
import {
  listPage,
  oversized,
  redirect,
  ROWS_V1,
  serve,
  slow,
  startPageServer,
  type PageServer,
} from './page-server';

const PDF = readFileSync(join(CORPUS_DIR, 'real', 'toit-print.pdf'));
const PAGE = listPage(ROWS_V1);

let server: PageServer;
const opts: FetchOptions = { version: '9.9.9-test', timeoutMs: 2_000 };

beforeAll(async () => {
  server = await startPageServer({
    '/legal/subprocessors': serve('text/html; charset=utf-8', PAGE),
    '/r1': redirect(301, '/r2'),
    '/r2': redirect(302, '/r3'),
    '/r3': redirect(308, '/legal/subprocessors'),
    '/loop-a': redirect(302, '/loop-b'),
    '/loop-b': redirect(302, '/loop-a'),
    '/nowhere': (_req, res) => void res.writeHead(302).end(),
    '/to-ftp': redirect(301, 'ftp://127.0.0.1/list'),
    '/slow': slow(1_500, serve('text/html', PAGE)),
    '/huge': oversized(2 * 1024 * 1024),
    '/huge-declared': oversized(2 * 1024 * 1024, true),
    '/gone': (_req, res) => void res.writeHead(410).end(),
    '/broken': (_req, res) => void res.writeHead(500).end('oops'),
    '/list.pdf': serve('application/pdf', PDF),
    '/download': serve('application/octet-stream', PDF),
    '/blob': serve('application/octet-stream', 'not a pdf'),
    '/logo.png': serve('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])),
    '/raw/list.md': serve('text/plain; charset=utf-8', '| Name | Purpose |\n|---|---|\n'),
  });
  // Chain of MAX_REDIRECTS + 1 hops: one too many.
  for (let i = 0; i <= MAX_REDIRECTS; i += 1) {
    server.routes.set(`/many${i}`, redirect(301, `/many${i + 1}`));
  }
  server.routes.set(`/many${MAX_REDIRECTS + 1}`, serve('text/html', PAGE));
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
});

async function failure(url: string, options: Partial<FetchOptions> = {}): Promise<PageFetchError> {
  const e: unknown = await fetchPage(url, { ...opts, ...options }).then(
    () => new Error(`${url} was fetched but should have failed`),
    (err: unknown) => err,
  );
  if (!(e instanceof PageFetchError)) {
    throw e;
  }
  return e;
}

describe('fetchPage', () => {
  it('returns the exact bytes with status, type, time and no redirects', async () => {
    const page = await fetchPage(server.url('/legal/subprocessors'), {
      ...opts,
      now: () => new Date('2025-06-05T10:00:00Z'),
    });
    expect(Buffer.from(page.bytes).toString('utf8')).toBe(PAGE);
    expect(page).toMatchObject({
      url: server.url('/legal/subprocessors'),
      finalUrl: server.url('/legal/subprocessors'),
      status: 200,
      statusText: 'OK',
      contentType: 'text/html; charset=utf-8',
      format: 'html',
      fetchedAt: '2025-06-05T10:00:00.000Z',
      redirects: [],
      isInsecure: true,
    });
    expect(page.notes.join(' ')).toContain('plain http');
  });

  it('sends a clear User-Agent and no cookie, credentials or user info', async () => {
    const withUserInfo = server.url('/legal/subprocessors').replace('://', '://ana:secret@');
    const page = await fetchPage(withUserInfo, opts);
    expect(page.url).toBe(server.url('/legal/subprocessors'));
    expect(server.requests).toHaveLength(1);
    const headers = server.requests[0]?.headers ?? {};
    expect(headers['user-agent']).toBe(
      'DPA-Workbench/9.9.9-test (+sub-processor list review; fetched on user request)',
    );
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(server.requests[0]?.method).toBe('GET');
  });

  it('follows a 301/302/308 chain by hand, recording each hop', async () => {
    const page = await fetchPage(server.url('/r1'), opts);
    expect(page.finalUrl).toBe(server.url('/legal/subprocessors'));
    expect(page.redirects).toEqual([
      { from: server.url('/r1'), status: 301, to: server.url('/r2') },
      { from: server.url('/r2'), status: 302, to: server.url('/r3') },
      { from: server.url('/r3'), status: 308, to: server.url('/legal/subprocessors') },
    ]);
    expect(server.requests.map((r) => r.target)).toEqual([
      '/r1',
      '/r2',
      '/r3',
      '/legal/subprocessors',
    ]);
  });

  it('stops a redirect loop after one round', async () => {
    const e = await failure(server.url('/loop-a'));
    expect(e.reason).toBe(
      `redirect loop: ${server.url('/loop-b')} leads back to ${server.url('/loop-a')}`,
    );
    expect(e.file).toBe(server.url('/loop-a'));
    expect(server.requests).toHaveLength(2);
  });

  it(`gives up after ${MAX_REDIRECTS} redirects`, async () => {
    const e = await failure(server.url('/many0'));
    expect(e.reason).toContain(`more than ${MAX_REDIRECTS} redirects`);
    expect(server.requests).toHaveLength(MAX_REDIRECTS + 1);
    expect(e.attempt.redirects).toHaveLength(MAX_REDIRECTS);
  });

  it('refuses redirects without a Location or to a non-http scheme', async () => {
    expect((await failure(server.url('/nowhere'))).reason).toContain('redirected (302) to nowhere');
    expect((await failure(server.url('/to-ftp'))).reason).toContain('ftp address');
  });

  it('times out a slow server with the time named', async () => {
    const started = Date.now();
    const e = await failure(server.url('/slow'), { timeoutMs: 300 });
    expect(e.reason).toBe('no complete answer within 300 ms');
    expect(e.code).toBe('file-unreadable');
    expect(Date.now() - started).toBeLessThan(1_400);
  });

  it('stops streaming an oversized page at the limit', async () => {
    const e = await failure(server.url('/huge'), { maxBytes: 64 * 1024 });
    expect(e.code).toBe('file-too-large');
    expect(e.reason).toBe(
      'the page is larger than 64 KB, the import limit; the download was stopped',
    );
    // Stopped soon after the limit, not after the 2 MB the server would send.
    expect(e.attempt.bytesReceived).toBeGreaterThan(64 * 1024);
    expect(e.attempt.bytesReceived).toBeLessThan(1024 * 1024);
  });

  it('refuses a declared oversized page before reading it', async () => {
    const e = await failure(server.url('/huge-declared'), { maxBytes: 64 * 1024 });
    expect(e.code).toBe('file-too-large');
    expect(e.attempt.bytesReceived).toBe(0);
  });

  it.each([
    ['/missing', 'not-found', 'the server answered 404 Not Found'],
    ['/gone', 'not-found', 'the server answered 410 Gone'],
    ['/broken', 'file-unreadable', 'the server answered 500 Internal Server Error'],
  ])('names the URL and status for %s', async (path, code, reason) => {
    const e = await failure(server.url(path));
    expect(e.code).toBe(code);
    expect(e.reason).toBe(reason);
    expect(e.message).toBe(`${server.url(path)}: ${reason}`);
  });

  it('accepts a PDF, by type or by its bytes when the type says nothing', async () => {
    const pdf = await fetchPage(server.url('/list.pdf'), opts);
    expect(pdf.format).toBe('pdf');
    expect(Buffer.from(pdf.bytes).equals(PDF)).toBe(true);
    const download = await fetchPage(server.url('/download'), opts);
    expect(download.format).toBe('pdf');
    const blob = await failure(server.url('/blob'));
    expect(blob.reason).toBe(
      'the server sent application/octet-stream and the content is not a PDF',
    );
  });

  it('refuses other content types, naming the type', async () => {
    const e = await failure(server.url('/logo.png'));
    expect(e.code).toBe('unsupported-format');
    expect(e.reason).toBe(
      'the server sent image/png, not a web page, PDF, text, Markdown or CSV document',
    );
  });

  it('reads text/plain served from a .md path as Markdown', async () => {
    expect((await fetchPage(server.url('/raw/list.md'), opts)).format).toBe('markdown');
  });

  it('refuses non-http schemes and nonsense before any request', async () => {
    await expect(fetchPage('file:///etc/passwd', opts)).rejects.toThrow(
      'only http and https addresses can be fetched, not file',
    );
    await expect(fetchPage('http://', opts)).rejects.toThrow('is not a valid web address');
    expect(server.requests).toHaveLength(0);
  });

  it('is cancelled at once by the signal, also mid-request', async () => {
    const before = new AbortController();
    before.abort();
    const early = await failure(server.url('/legal/subprocessors'), { signal: before.signal });
    expect(early.isCancelled).toBe(true);
    expect(early.attempt.wasSent).toBe(false);
    expect(server.requests).toHaveLength(0);

    const during = new AbortController();
    const pending = failure(server.url('/slow'), { signal: during.signal, timeoutMs: 5_000 });
    setTimeout(() => during.abort(), 50);
    const e = await pending;
    expect(e.reason).toBe('cancelled');
    expect(e.attempt.wasSent).toBe(true);
  });
});

describe('the Node default fetch', () => {
  it('goes through HTTP_PROXY when set (the proxy is asked to tunnel to the host)', async () => {
    // undici tunnels through the proxy with CONNECT, also for http; this proxy tunnels every
    // CONNECT to the test server, whatever host was asked for.
    const seen: string[] = [];
    const sockets = new Set<Socket>();
    const proxy = createServer((_req, res) => void res.writeHead(405).end());
    proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      seen.push(req.url ?? '');
      const upstream = connect(Number(new URL(server.origin).port), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => s.destroy());
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const saved = { ...process.env };
    try {
      process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      delete process.env.NO_PROXY;
      delete process.env.no_proxy;
      // `.invalid` never resolves (RFC 2606): only the proxy can have reached a server.
      const page = await fetchPage('http://vendor.invalid/legal/subprocessors', {
        ...opts,
        fetchImpl: createNodeFetch(),
      });
      expect(page.status).toBe(200);
      expect(seen).toEqual(['vendor.invalid:80']);
      expect(server.requests.map((r) => [r.target, r.headers.host])).toEqual([
        ['/legal/subprocessors', 'vendor.invalid'],
      ]);
    } finally {
      process.env = saved;
      for (const s of sockets) {
        s.destroy();
      }
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const saved = { ...process.env };
    try {
      // A proxy that does not exist: using it would fail.
      process.env.HTTP_PROXY = 'http://127.0.0.1:9';
      process.env.NO_PROXY = '127.0.0.1';
      const page = await fetchPage(server.url('/legal/subprocessors'), {
        ...opts,
        fetchImpl: createNodeFetch(),
      });
      expect(page.status).toBe(200);
      expect(server.requests).toHaveLength(1);
    } finally {
      process.env = saved;
    }
  });
});
