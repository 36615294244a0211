/**
 * A real HTTP server for the fetch tests, on 127.0.0.1 only and an ephemeral port. Routes are
 * swapped per test; every request is logged so a test can count what reached the "vendor".
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface LoggedRequest {
  method: string;
  /** The request target as sent: a path, or an absolute URL when the client used us as a proxy. */
  target: string;
  headers: IncomingMessage['headers'];
}

export interface PageServer {
  origin: string;
  url: (path: string) => string;
  routes: Map<string, Route>;
  requests: LoggedRequest[];
  close: () => Promise<void>;
}

/** Starts the server; unknown paths answer 404. */
export async function startPageServer(routes: Record<string, Route> = {}): Promise<PageServer> {
  const table = new Map(Object.entries(routes));
  const requests: LoggedRequest[] = [];
  const server = createServer((req, res) => {
    const target = req.url ?? '/';
    requests.push({ method: req.method ?? '', target, headers: req.headers });
    const path = target.startsWith('http') ? new URL(target).pathname : target.split('?')[0];
    const route = table.get(path ?? '/');
    if (route) {
      route(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    routes: table,
    requests,
    close: async () => {
      // Slow routes may still hold a socket; tests never wait for them.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Serves fixed bytes with a content type. */
export function serve(contentType: string, body: string | Uint8Array): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType }).end(body);
  };
}

export function redirect(status: number, location: string): Route {
  return (_req, res) => {
    res.writeHead(status, { location }).end();
  };
}

/** Answers only after `ms`; the timer is dropped when the client gives up first. */
export function slow(ms: number, route: Route): Route {
  return (req, res) => {
    const timer = setTimeout(() => route(req, res), ms);
    res.on('close', () => clearTimeout(timer));
  };
}

/**
 * Streams `total` bytes of HTML in 16 KB chunks without a Content-Length (so only streaming can
 * notice the size), honouring back-pressure and stopping when the client hangs up.
 */
export function oversized(total: number, declareLength = false): Route {
  return (_req, res) => {
    const chunk = Buffer.alloc(16 * 1024, 'a');
    res.writeHead(200, {
      'content-type': 'text/html',
      ...(declareLength ? { 'content-length': String(total) } : {}),
    });
    let sent = 0;
    const pump = (): void => {
      // Bounded by `total`.
      while (sent < total && !res.destroyed) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += part.length;
        if (!res.write(part)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) {
        res.end();
      }
    };
    pump();
  };
}

/** A sub-processor page as a vendor might publish it; rows are [name, purpose, location]. */
export function listPage(
  rows: readonly [string, string, string][],
  options: { updated?: string; canonical?: string; reformatted?: boolean } = {},
): string {
  const updated = options.updated ?? 'May 6, 2025';
  const canonical = options.canonical ? `<link rel="canonical" href="${options.canonical}">` : '';
  if (options.reformatted) {
    // Same list, new site template: other markup, classes, spacing, row order and chrome.
    const body = [...rows]
      .reverse()
      .map(
        ([n, p, l]) =>
          `\n      <tr class="row">\n        <td class="c1">  ${n} </td>\n        <td>${p}</td>\n        <td data-x="1">${l}</td>\n      </tr>`,
      )
      .join('');
    return `<!DOCTYPE html>
<html lang="en">
  <head><meta charset="utf-8"><title>Acme | Sub-processors</title>${canonical}
    <style>.row td { padding: 4px }</style></head>
  <body>
    <nav><a href="/">Home</a> <a href="/legal">Legal</a></nav>
    <main><div class="wrap"><div class="inner">
      <h1>Acme   Sub-processors</h1>
      <p>Last updated:   ${updated}</p>
      <p>We give 30 days notice of new sub-processors.</p>
      <table class="subprocessors">
        <thead><tr><th>Name</th><th>Purpose</th><th>Location</th></tr></thead>
        <tbody>${body}
        </tbody>
      </table>
    </div></div></main>
    <footer>© Acme</footer>
  </body>
</html>`;
  }
  const body = rows.map(([n, p, l]) => `<tr><td>${n}</td><td>${p}</td><td>${l}</td></tr>`).join('');
  return `<!doctype html><html><head><title>Acme sub-processors</title>${canonical}</head><body>
<h1>Acme Sub-processors</h1><p>Last updated: ${updated}</p>
<p>We give 30 days notice of new sub-processors.</p>
<table><thead><tr><th>Name</th><th>Purpose</th><th>Location</th></tr></thead><tbody>${body}</tbody></table>
</body></html>`;
}

export const ROWS_V1: [string, string, string][] = [
  ['Amazon Web Services', 'Cloud hosting', 'United States'],
  ['Stripe', 'Payments', 'United States'],
  ['Sentry', 'Error monitoring', 'Germany'],
];

/** V1 with Sentry removed, Stripe moved to Ireland and Mistral AI added. */
export const ROWS_V2: [string, string, string][] = [
  ['Amazon Web Services', 'Cloud hosting', 'United States'],
  ['Stripe', 'Payments', 'Ireland'],
  ['Mistral AI', 'AI features', 'France'],
];
