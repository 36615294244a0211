import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParsedDocument } from '../../../src-shared/domain';
import { AppError, type AppErrorData, type ErrorCode } from '../../../src-shared/errors';
import type { Parser } from './import-service';

export interface ParseRequest {
  id: number;
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export type ParseReply =
  { id: number; ok: true; doc: ParsedDocument } | { id: number; ok: false; error: AppErrorData };

interface Job {
  req: ParseRequest;
  timeoutMs: number;
  resolve: (doc: ParsedDocument) => void;
  reject: (e: AppError) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/**
 * A small pool of worker threads running the extractor. Each file gets a time limit: a page that
 * makes the parser hang (hostile or pathological input) costs its worker, which is replaced, and
 * fails with a clear message instead of freezing the app.
 */
export class ParsePool implements Parser {
  readonly version: string;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly workerPath: string,
    options: { version: string; size?: number; timeoutMs?: number },
  ) {
    this.version = options.version;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    // One core stays free for the window (or the server) on small machines.
    const size = options.size ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private readonly timeoutMs: number;

  /** Parses in a worker; `timeoutMs` overrides the pool's time limit for this file. */
  parse(
    input: { fileName: string; bytes: Uint8Array },
    options: { timeoutMs?: number } = {},
  ): Promise<ParsedDocument> {
    if (this.closed) {
      return Promise.reject(new AppError('internal', 'the parser has been shut down'));
    }
    return new Promise((resolve, reject) => {
      // A copy travels to the worker: the caller still needs the original bytes to store them.
      const bytes = input.bytes.slice();
      this.queue.push({
        req: { id: this.nextId++, fileName: input.fileName, bytes },
        timeoutMs: options.timeoutMs ?? this.timeoutMs,
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** Files parsed at once: one per worker. */
  get concurrency(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      job.reject(new AppError('internal', 'the parser was shut down', { file: job.req.fileName }));
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.workerPath), job: null, timer: null };
    slot.worker.on('message', (reply: ParseReply) => {
      const job = slot.job;
      if (!job || job.req.id !== reply.id) {
        return;
      }
      this.finish(slot);
      if (reply.ok) {
        job.resolve(reply.doc);
      } else {
        const { code, reason, file } = reply.error;
        job.reject(new AppError(code, reason, { file: file ?? job.req.fileName }));
      }
      this.pump();
    });
    slot.worker.on('error', (e) => this.replace(slot, `the parser crashed (${e.message})`));
    slot.worker.on('exit', (code) => {
      if (!this.closed && slot.job) {
        this.replace(slot, `the parser stopped unexpectedly (exit code ${code})`);
      }
    });
    return slot;
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  /** Fails the slot's job with `reason` and puts a fresh worker in its place. */
  private replace(slot: Slot, reason: string, code: ErrorCode = 'internal'): void {
    const job = slot.job;
    this.finish(slot);
    const i = this.slots.indexOf(slot);
    if (i < 0) {
      return;
    }
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (!this.closed) this.slots[i] = this.spawn();
    job?.reject(new AppError(code, reason, { file: job.req.fileName }));
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) {
        continue;
      }
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.timer = setTimeout(() => {
        this.replace(
          slot,
          `parsing took longer than ${Math.max(1, Math.round(job.timeoutMs / 1000))} s and was stopped; the page may be malformed`,
          'file-unreadable',
        );
      }, job.timeoutMs);
      slot.worker.postMessage(job.req, [job.req.bytes.buffer]);
    }
  }
}
