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

/** What the pool posts to a worker: files to parse one after another, in this order. */
export interface ParseBatch {
  requests: ParseRequest[];
}

export type ParseReply =
  { id: number; ok: true; doc: ParsedDocument } | { id: number; ok: false; error: AppErrorData };

interface Job {
  id: number;
  fileName: string;
  /** The caller's bytes: copied only when handed to a worker, so a re-queued file can be resent. */
  bytes: Uint8Array;
  timeoutMs: number;
  resolve: (doc: ParsedDocument) => void;
  reject: (e: AppError) => void;
}

interface Slot {
  worker: Worker;
  /** Files handed to this worker, in the order it parses them; the first is being parsed. */
  jobs: Job[];
  /** The time limit of `jobs[0]`. */
  timer: NodeJS.Timeout | null;
}

/**
 * Files handed to one worker at once. Between one file's reply and the next file's hand-off the
 * worker would sit idle until the main thread's event loop comes round, which during a batch
 * import is busy writing earlier files for up to ~100 ms at a time; with several files handed over
 * the worker goes straight on to the next. Eight matches importBatch's default look-ahead.
 */
export const MAX_FILES_PER_WORKER = 8;

/**
 * A small pool of worker threads running the extractor. Each file gets a time limit, counted from
 * when the worker starts on it (the previous file's reply): a page that makes the parser hang
 * (hostile or pathological input) costs its worker, which is replaced, and fails with a clear
 * message instead of freezing the app; the files queued behind it go to the fresh worker.
 */
export class ParsePool implements Parser {
  readonly version: string;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly timeoutMs: number;
  private readonly filesPerWorker: number;
  private nextId = 1;
  private closed = false;
  private isPumpScheduled = false;

  constructor(
    private readonly workerPath: string,
    options: { version: string; size?: number; timeoutMs?: number; filesPerWorker?: number },
  ) {
    this.version = options.version;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.filesPerWorker = Math.max(1, options.filesPerWorker ?? MAX_FILES_PER_WORKER);
    // One core stays free for the window (or the server) on small machines.
    const size = options.size ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Parses in a worker; `timeoutMs` overrides the pool's time limit for this file. */
  parse(
    input: { fileName: string; bytes: Uint8Array },
    options: { timeoutMs?: number } = {},
  ): Promise<ParsedDocument> {
    if (this.closed) {
      return Promise.reject(new AppError('internal', 'the parser has been shut down'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        fileName: input.fileName,
        bytes: input.bytes,
        timeoutMs: options.timeoutMs ?? this.timeoutMs,
        resolve,
        reject,
      });
      this.schedulePump();
    });
  }

  /** Files parsed at once: one per worker. */
  get concurrency(): number {
    return this.slots.length;
  }

  /** Stops the workers; files queued or already handed to a worker fail with 'shut down'. */
  async close(): Promise<void> {
    this.closed = true;
    const pending = [...this.slots.flatMap((s) => s.jobs.splice(0)), ...this.queue.splice(0)];
    for (const slot of this.slots) this.stopTimer(slot);
    for (const job of pending) {
      job.reject(new AppError('internal', 'the parser was shut down', { file: job.fileName }));
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.workerPath), jobs: [], timer: null };
    slot.worker.on('message', (reply: ParseReply) => {
      const job = slot.jobs[0];
      if (!job || job.id !== reply.id) {
        return;
      }
      slot.jobs.shift();
      // The worker starts on the next file it holds now: its time limit starts here.
      this.startTimer(slot);
      if (reply.ok) {
        job.resolve(reply.doc);
      } else {
        const { code, reason, file } = reply.error;
        job.reject(new AppError(code, reason, { file: file ?? job.fileName }));
      }
      this.schedulePump();
    });
    slot.worker.on('error', (e) => this.replace(slot, `the parser crashed (${e.message})`));
    slot.worker.on('exit', (code) => {
      if (!this.closed && slot.jobs.length > 0) {
        this.replace(slot, `the parser stopped unexpectedly (exit code ${code})`);
      }
    });
    return slot;
  }

  private startTimer(slot: Slot): void {
    this.stopTimer(slot);
    const job = slot.jobs[0];
    if (!job) {
      return;
    }
    slot.timer = setTimeout(() => {
      this.replace(
        slot,
        `parsing took longer than ${Math.max(1, Math.round(job.timeoutMs / 1000))} s and was stopped; the page may be malformed`,
        'file-unreadable',
      );
    }, job.timeoutMs);
  }

  private stopTimer(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  /**
   * Fails the file the slot's worker was parsing with `reason` and puts a fresh worker in its
   * place; the files queued behind it were not at fault and go back to the front of the queue.
   */
  private replace(slot: Slot, reason: string, code: ErrorCode = 'internal'): void {
    this.stopTimer(slot);
    const [job, ...behind] = slot.jobs.splice(0);
    const i = this.slots.indexOf(slot);
    if (i < 0) {
      return;
    }
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (!this.closed) {
      this.slots[i] = this.spawn();
      this.queue.unshift(...behind);
    }
    job?.reject(new AppError(code, reason, { file: job.fileName }));
    this.schedulePump();
  }

  /**
   * Hands queued files over on the next microtask, so files asked for in one go (importBatch
   * starts its look-ahead in one loop) travel to a worker in one message.
   */
  private schedulePump(): void {
    if (this.isPumpScheduled || this.closed) {
      return;
    }
    this.isPumpScheduled = true;
    queueMicrotask(() => {
      this.isPumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.closed) {
      return;
    }
    const handed = new Map<Slot, Job[]>();
    // One file at a time to the least busy worker, so a few files spread over all workers.
    while (this.queue.length > 0) {
      let target: Slot | null = null;
      for (const slot of this.slots) {
        const n = slot.jobs.length;
        if (n < this.filesPerWorker && (target === null || n < target.jobs.length)) {
          target = slot;
        }
      }
      if (!target) {
        break;
      }
      const job = this.queue.shift() as Job;
      target.jobs.push(job);
      const list = handed.get(target) ?? [];
      list.push(job);
      handed.set(target, list);
    }
    for (const [slot, jobs] of handed) {
      // The worker was idle: it starts on the first of these files now.
      if (slot.jobs[0] === jobs[0]) this.startTimer(slot);
      // A copy travels to the worker (transferred, not cloned again): the caller still needs the
      // original bytes to store them, and a file re-queued after a crash is copied afresh.
      const requests = jobs.map((j): ParseRequest => ({
        id: j.id,
        fileName: j.fileName,
        bytes: j.bytes.slice(),
      }));
      slot.worker.postMessage(
        { requests } satisfies ParseBatch,
        requests.map((r) => r.bytes.buffer),
      );
    }
  }
}
