/**
 * ParsePool's hand-off and failure handling, with a scripted stand-in for the parse worker (a real
 * worker thread speaking the same messages) so that slow, hanging and crashing files are under the
 * test's control. The built worker itself is tested in tests/ui/parse-pool.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import { ParsePool } from '../../../src-main/services/import';
import { tempDir } from '../../helpers';

// File names tell the scripted worker what to do: "sleep-N" replies after N ms, "hang" never
// replies (a busy loop, as a pathological page would), "crash" ends the thread, anything else
// replies at once. Each reply says which message brought the file, how many files that message
// held and which thread parsed it.
const WORKER_SOURCE = `
const { parentPort, threadId } = require('node:worker_threads');
const queue = [];
let running = false;
let messages = 0;
parentPort.on('message', (batch) => {
  messages++;
  for (const req of batch.requests) queue.push({ req, message: messages, held: batch.requests.length });
  if (!running) drain();
});
async function drain() {
  running = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    const { req } = job;
    const sleep = /^sleep-(\\d+)/.exec(req.fileName);
    if (sleep) await new Promise((r) => setTimeout(r, Number(sleep[1])));
    if (req.fileName.startsWith('hang')) for (;;) {}
    if (req.fileName.startsWith('crash')) process.exit(3);
    const text = new TextDecoder().decode(req.bytes);
    parentPort.postMessage({
      id: req.id,
      ok: true,
      doc: { format: 'text', text, warnings: [job.message + '/' + job.held + '/' + threadId] },
    });
  }
  running = false;
}
`;

let workerPath: string;
let cleanup: () => void;
beforeAll(() => {
  let dir: string;
  ({ dir, cleanup } = tempDir('dpa-pool-'));
  workerPath = join(dir, 'scripted-worker.cjs');
  writeFileSync(workerPath, WORKER_SOURCE);
});
afterAll(() => cleanup());

const pools: ParsePool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
function pool(options: { size?: number; timeoutMs?: number; filesPerWorker?: number } = {}) {
  const p = new ParsePool(workerPath, { version: 'test', size: 1, ...options });
  pools.push(p);
  return p;
}

const file = (fileName: string) => ({ fileName, bytes: new TextEncoder().encode(fileName) });

/** message number, files in that message, thread id: from the scripted worker's reply. */
function via(doc: { warnings: string[] }): { message: number; held: number; thread: number } {
  const [message, held, thread] = (doc.warnings[0] ?? '').split('/').map(Number);
  return { message: message ?? NaN, held: held ?? NaN, thread: thread ?? NaN };
}

/** Settles within `ms`, or says which promise never did. */
function settledWithin<T>(p: Promise<T>, ms: number, what: string) {
  return Promise.race([
    p.then(
      (value) => ({ status: 'fulfilled' as const, value }),
      (reason: unknown) => ({ status: 'rejected' as const, reason }),
    ),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms),
    ),
  ]);
}

describe('ParsePool hand-off', () => {
  it('hands files asked for together to a worker in one message, in order', async () => {
    const p = pool();
    const names = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'];
    const docs = await Promise.all(names.map((n) => p.parse(file(n))));
    expect(docs.map((d) => d.text)).toEqual(names);
    expect(docs.map((d) => via(d).held)).toEqual([5, 5, 5, 5, 5]);
    expect(new Set(docs.map((d) => via(d).message)).size).toBe(1);
  });

  it('holds at most filesPerWorker files per worker; the rest follow as replies come back', async () => {
    const p = pool({ filesPerWorker: 3 });
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => `${n}.txt`);
    const docs = await Promise.all(names.map((n) => p.parse(file(n))));
    expect(docs.map((d) => d.text)).toEqual(names);
    expect(via(docs[0] as { warnings: string[] }).held).toBe(3);
    expect(Math.max(...docs.map((d) => via(d).held))).toBe(3);
    expect(new Set(docs.map((d) => via(d).message)).size).toBeGreaterThan(1);
  });

  it('spreads files over the workers', async () => {
    const p = pool({ size: 2 });
    const docs = await Promise.all(['a', 'b', 'c', 'd'].map((n) => p.parse(file(`${n}.txt`))));
    expect(new Set(docs.map((d) => via(d).thread)).size).toBe(2);
  });

  it("starts each file's time limit when the worker gets to it, not when it was handed over", async () => {
    // Eight files of ~150 ms handed over at once take ~1.2 s in all: each alone is well within the
    // 600 ms limit, but the later ones would fail if their clocks had started at the hand-off.
    const p = pool({ timeoutMs: 600 });
    await p.parse(file('warm-up.txt')); // the worker has started: its start-up is not timed below
    const names = Array.from({ length: 8 }, (_, i) => `sleep-150-${i}.txt`);
    const results = await Promise.allSettled(names.map((n) => p.parse(file(n))));
    expect(results.map((r) => r.status)).toEqual(names.map(() => 'fulfilled'));
  });
});

describe('ParsePool failures', () => {
  it('fails a file past its time limit and parses the files queued behind it on a fresh worker', async () => {
    // Generous: the files behind the hung one also count the fresh worker's start-up.
    const p = pool({ timeoutMs: 1500 });
    const [hang, a, b] = await Promise.allSettled(
      ['hang.txt', 'a.txt', 'b.txt'].map((n) => p.parse(file(n))),
    );
    expect(hang?.status).toBe('rejected');
    const err = (hang as PromiseRejectedResult).reason as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('file-unreadable');
    expect(err.message).toMatch(/hang\.txt: parsing took longer than 2 s/);
    expect(a?.status === 'fulfilled' && a.value.text).toBe('a.txt');
    expect(b?.status === 'fulfilled' && b.value.text).toBe('b.txt');
  });

  it('fails the file a worker crashed on and parses the others', async () => {
    const p = pool();
    const [a, crash, b] = await Promise.allSettled(
      ['a.txt', 'crash.txt', 'b.txt'].map((n) => p.parse(file(n))),
    );
    expect(a?.status === 'fulfilled' && a.value.text).toBe('a.txt');
    expect(crash?.status).toBe('rejected');
    expect(((crash as PromiseRejectedResult).reason as AppError).message).toMatch(
      /crash\.txt: the parser stopped unexpectedly/,
    );
    expect(b?.status === 'fulfilled' && b.value.text).toBe('b.txt');
  });

  it('close() fails files already handed to a worker as well as queued ones', async () => {
    const p = pool({ filesPerWorker: 2 });
    const pending = ['sleep-10000.txt', 'a.txt', 'b.txt'].map((n) => p.parse(file(n)));
    // Let the pool hand the first two over (it does so on the next microtask).
    await new Promise((r) => setImmediate(r));
    const settled = pending.map((q, i) => settledWithin(q, 3_000, `file ${i} after close()`));
    await p.close();
    const results = await Promise.all(settled);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect(String((r as { reason: unknown }).reason)).toMatch(/shut down/);
    }
    await expect(p.parse(file('late.txt'))).rejects.toThrow(/shut down/);
  });
});
