import { existsSync, openSync, closeSync, ftruncateSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run';
import { CORPUS_DIR, tempDir } from '../../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function dpa(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) });
  return { code, out, err };
}

const ZED = join(CORPUS_DIR, 'real', 'zed.md');

// A page server on 127.0.0.1 only, counting requests.
let server: Server;
let base = '';
let requests = 0;
beforeAll(async () => {
  const page = readFileSync(ZED);
  server = createServer((req, res) => {
    requests++;
    if (req.url === '/subprocessors.md') {
      res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
      res.end(page);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('dpa export, import-decisions, backup, restore, fetch, check', () => {
  it('exports a workbook and reads an unedited one back as no change', async () => {
    const db = join(dir, 'x.sqlite');
    await dpa('import', ZED, '--vendor', 'Zed', '--db', db);
    const out = join(dir, 'review.xlsx');
    const r = await dpa('export', '--out', out, '--vendor', 'Zed', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Wrote 15 sub-processors of 1 vendor/);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const back = await dpa('import-decisions', out, '--db', db);
    expect(back.code).toBe(0);
    expect(back.out).toMatch(/0 decision\(s\) recorded/);
    const csv = join(dir, 'entries.csv');
    expect((await dpa('export', '--out', csv, '--db', db)).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain('Anthropic');
  });

  it('refuses a workbook from another database by name', async () => {
    const db1 = join(dir, 'a.sqlite');
    const db2 = join(dir, 'b.sqlite');
    await dpa('import', ZED, '--vendor', 'Zed', '--db', db1);
    await dpa('import', ZED, '--vendor', 'Zed', '--db', db2);
    const out = join(dir, 'a.xlsx');
    await dpa('export', '--out', out, '--db', db1);
    const r = await dpa('import-decisions', out, '--db', db2);
    expect(r.code).toBe(1);
    expect(r.err).toContain('a.xlsx');
  });

  it('backs up and restores the database', async () => {
    const db = join(dir, 'x.sqlite');
    await dpa('import', ZED, '--vendor', 'Zed', '--db', db);
    const backup = join(dir, 'b.sqlite');
    expect((await dpa('backup', '--out', backup, '--db', db)).code).toBe(0);
    expect(existsSync(backup)).toBe(true);
    await dpa('import', join(CORPUS_DIR, 'real', 'range.md'), '--vendor', 'Range', '--db', db);
    expect((await dpa('restore', backup, '--db', db)).code).toBe(0);
    const vendors = JSON.parse((await dpa('vendors', '--db', db, '--json')).out) as {
      name: string;
    }[];
    expect(vendors.map((v) => v.name)).toEqual(['Zed']);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const big = join(dir, 'huge.html');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 300 * 1024 * 1024); // sparse: no 300 MB written
    closeSync(fd);
    const r = await dpa('import', big, '--db', join(dir, 'x.sqlite'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('huge.html: the file is 300.0 MB; the limit is 20 MB');
  });

  it('fetches a page on request, remembers its URL, and a check finds it unchanged', async () => {
    const db = join(dir, 'x.sqlite');
    const before = requests;
    await dpa('import', ZED, '--vendor', 'Other', '--db', db);
    await dpa('review', 'Other', '--db', db);
    expect(requests).toBe(before);
    const f = await dpa('fetch', 'Zed', '--url', `${base}/subprocessors.md`, '--db', db);
    expect(f.code).toBe(0);
    expect(requests).toBe(before + 1);
    const c = await dpa('check', '--db', db);
    expect(c.code).toBe(0);
    expect(c.out).toContain('Contacting 1 host(s): 127.0.0.1');
    expect(c.out).toMatch(/Zed: unchanged/);
    const missing = await dpa('fetch', 'Gone', '--url', `${base}/nope`, '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/404/);
  });
});
