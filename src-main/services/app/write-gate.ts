import { AppError } from '../../../src-shared/errors';

const RESTORING = 'a backup is being restored; wait a moment and try again (your work is not lost)';

/**
 * Keeps a restore and the writes that span awaits apart. A restore closes the database and swaps
 * its file: a write that began on the old file and finished on the new one would land half in
 * each (a batch import's later files in the restored database, its earlier ones only in the kept
 * copy), and any call while the file is closed would fail obscurely. So a restore is refused while
 * such a write runs, and every call is refused, with a plain message, while a restore runs.
 *
 * A write is an import (single or batch job, each part of a batch the renderer sends in parts), a
 * page fetch, an update check, a decisions import, an export or a backup. Between the parts of one
 * batch the renderer holds a lease, so a restore cannot slip into the gap while it reads the next
 * files; the lease ends with the next part or after `leaseMs`.
 */
export class WriteGate {
  private writers = 0;
  private restoring = false;
  private lease: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly leaseMs = 60_000) {}

  /** True while a restore has the database closed or swapped. */
  get isRestoring(): boolean {
    return this.restoring;
  }

  /** Refuses any call while a restore runs. */
  check(): void {
    if (this.restoring) {
      throw new AppError('bad-request', RESTORING);
    }
  }

  /** Starts a write (refused during a restore); call the returned function exactly once when it ends. */
  enter(): () => void {
    this.check();
    this.writers++;
    let left = false;
    return () => {
      if (!left) {
        left = true;
        this.writers--;
      }
    };
  }

  /** Runs one write that spans awaits. */
  async run<T>(write: () => Promise<T>): Promise<T> {
    const leave = this.enter();
    try {
      return await write();
    } finally {
      leave();
    }
  }

  /** Keeps writes "running" until the next part of a batch starts (`endHold`), or `leaseMs` passes. */
  hold(): void {
    this.endLease();
    this.writers++;
    this.lease = setTimeout(() => this.endLease(), this.leaseMs);
    this.lease.unref?.();
  }

  /** Runs a restore if nothing writes, refusing every call until it ends. */
  async restore<T>(swap: () => Promise<T>): Promise<T> {
    this.check();
    if (this.writers > 0) {
      throw new AppError(
        'bad-request',
        'an import, export, fetch or update check is still running; wait for it to finish (or cancel it) and restore again. Nothing was changed.',
      );
    }
    this.restoring = true;
    try {
      return await swap();
    } finally {
      this.restoring = false;
    }
  }

  /** The next part of a batch has arrived: its own write takes over from the hold. */
  endHold(): void {
    this.endLease();
  }

  private endLease(): void {
    if (this.lease) {
      clearTimeout(this.lease);
      this.lease = null;
      this.writers--;
    }
  }
}
