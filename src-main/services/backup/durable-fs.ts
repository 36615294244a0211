import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A fresh name beside `path`, so the final rename stays on one file system and is atomic. */
export function tempPathBeside(path: string, tag: string): string {
  return `${path}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

/** Flushes a file's bytes to the disk; a rename alone can leave an empty file after a power cut. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flushes a folder's entries so a rename into it survives a power cut. Windows cannot open a
 * folder for fsync, and there a rename is already durable once it returns, so errors are ignored.
 */
export function fsyncDir(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // see above: not supported on every platform
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** fsyncs `tmp`, renames it over `dest` and fsyncs the folder: `dest` is whole or untouched. */
export function commitFile(tmp: string, dest: string): void {
  fsyncFile(tmp);
  renameSync(tmp, dest);
  fsyncDir(dirname(dest));
}

/** Removes a file if it is there; used for temp files on the way out of a failure. */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // a leftover temp file is harmless; the original error is the one to report
  }
}

/** A sortable, file-name-safe UTC timestamp with milliseconds: 20260102T030405123Z. */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}
