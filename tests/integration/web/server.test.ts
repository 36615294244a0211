import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../src-shared/result';
import { decodeWire, encodeWire } from '../../../src-shared/wire';
import type { AppContext } from '../../../src-main/services/app/handlers';
import { openAppContext } from '../../../src-main/services/app/context';
import { startWebServer, type WebServer } from '../../../src-main/web/server';
import { ROOT_DIR, tempDir } from '../../helpers';

let server: WebServer;
let ctx: AppContext;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  const rendererDir = join(t.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>DPA</title>');
  writeFileSync(join(t.dir, 'secret.txt'), 'outside the renderer');
  ctx = openAppContext({
    databasePath: join(t.dir, 'db.sqlite'),
    mode: 'web',
    version: 'test',
    resourcesDir: join(ROOT_DIR, 'resources'),
  });
  server = await startWebServer({ ctx, rendererDir });
});
afterAll(async () => {
  await server.close();
  await ctx.dispose();
  cleanup();
});

async function api(method: string, input: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dpa-token': server.token, ...headers },
    body: encodeWire(input),
  });
}

describe('browser-mode bridge', () => {
  it('listens on 127.0.0.1 only and hands out the token in the URL fragment', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers a call that carries the token', async () => {
    const res = await api('app.info', {});
    expect(res.status).toBe(200);
    const body = decodeWire(await res.text()) as Result<{ mode: string }>;
    expect(body).toMatchObject({ ok: true, value: { mode: 'web', version: 'test' } });
  });

  it.each([
    ['no token', { 'x-dpa-token': '' }],
    ['a wrong token', { 'x-dpa-token': 'x'.repeat(43) }],
  ])('refuses a call with %s', async (_what, headers) => {
    const res = await api('vendors.list', {}, headers);
    expect(res.status).toBe(401);
  });

  it('refuses a request whose Host is not our loopback address (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((ok, fail) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/', headers: { host: 'evil.example:80' } },
        (res) => {
          res.resume();
          ok(res.statusCode ?? 0);
        },
      );
      req.on('error', fail);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('validates input like the IPC path does', async () => {
    const res = await api('vendors.get', { vendorId: 'one' });
    const body = decodeWire(await res.text()) as Result<unknown>;
    expect(body.ok).toBe(false);
    if (!body.ok) {
      expect(body.error.code).toBe('bad-request');
      expect(body.error.reason).toContain('vendorId');
    }
  });

  it('imports through the same handlers and returns a readable error for junk', async () => {
    const res = await api('snapshots.import', {
      fileName: 'junk.pdf',
      bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0, 1, 2, 3]),
    });
    const body = decodeWire(await res.text()) as Result<unknown>;
    expect(body.ok).toBe(false);
    if (!body.ok) {
      expect(body.error.file).toBe('junk.pdf');
    }
    expect(ctx.store.counts()).toEqual({ vendors: 0, snapshots: 0, entries: 0 });
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const page = await fetch(`${server.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`${server.origin}/..%2fsecret.txt`);
    expect(escape.status).toBe(404);
  });
});
