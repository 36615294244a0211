/**
 * Browser mode: serves the built renderer and the API contract over HTTP on 127.0.0.1 only, so the
 * whole app runs in an ordinary browser. Calls go through the same handler table as Electron IPC.
 *
 * Who may call: only requests that carry this launch's random token (handed to the page in the URL
 * fragment, which browsers never send to a server or to other sites) and whose Host header names our
 * loopback address (which defeats DNS rebinding). Everything else gets 401/403.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { MAX_IMPORT_BYTES } from '../../src-shared/limits';
import { decodeWire, encodeWire } from '../../src-shared/wire';
import { createHandlers, dispatch, type AppContext } from '../services/app/handlers';
import { CONTENT_SECURITY_POLICY } from '../shared-csp';

export const TOKEN_HEADER = 'x-dpa-token';
/** Base64 makes a 20 MB file about 27 MB; leave room for the JSON around it. */
const MAX_BODY_BYTES = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface WebServer {
  /** Open this in a browser: it carries the token in the fragment. */
  url: string;
  origin: string;
  token: string;
  port: number;
  close: () => Promise<void>;
}

export async function startWebServer(options: {
  ctx: AppContext;
  rendererDir: string;
  port?: number;
}): Promise<WebServer> {
  const token = randomBytes(32).toString('base64url');
  const handlers = createHandlers(options.ctx, { warmSearch: true });
  const rendererDir = resolve(options.rendererDir);
  let allowedHosts = new Set<string>();

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      options.ctx.log?.('browser-mode request failed', e);
      if (!res.headersSent) {
        send(res, 500, 'text/plain; charset=utf-8', 'internal error');
      } else {
        res.destroy();
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      send(res, 403, 'text/plain; charset=utf-8', 'forbidden host');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      await handleApi(req, res, decodeURIComponent(url.pathname.slice('/api/'.length)));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
      return;
    }
    await serveStatic(res, url.pathname);
  }

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
  ): Promise<void> {
    if (req.method !== 'POST') {
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
      return;
    }
    if (!hasToken(req.headers[TOKEN_HEADER], token)) {
      req.resume();
      send(res, 401, 'text/plain; charset=utf-8', 'missing or wrong token');
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) {
      send(res, 413, 'text/plain; charset=utf-8', 'request too large');
      return;
    }
    let input: unknown;
    try {
      input = body.length ? decodeWire(body.toString('utf8')) : {};
    } catch {
      send(
        res,
        400,
        'application/json',
        encodeWire({
          ok: false,
          error: { code: 'bad-request', reason: 'request body is not JSON' },
        }),
      );
      return;
    }
    const result = await dispatch(handlers, method, input, options.ctx.log);
    send(res, 200, 'application/json', encodeWire(result));
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const rel =
      pathname === '/'
        ? 'index.html'
        : normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '');
    const file = resolve(join(rendererDir, rel));
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) {
      send(res, 404, 'text/plain; charset=utf-8', 'not found');
      return;
    }
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      send(res, 404, 'text/plain; charset=utf-8', 'not found');
      return;
    }
    send(res, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', data);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function hasToken(header: string | string[] | undefined, token: string): boolean {
  if (typeof header !== 'string') {
    return false;
  }
  const a = Buffer.from(header);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        tooBig = true;
      } else {
        chunks.push(c);
      }
    });
    req.on('end', () => ok(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'cross-origin-resource-policy': 'same-origin',
  });
  res.end(body);
}
