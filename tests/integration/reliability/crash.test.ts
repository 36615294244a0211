/**
 * Power-cut safety of a batch import: the built `dpa import` is killed with SIGKILL mid-batch, then
 * the file must pass `PRAGMA integrity_check` and hold only whole snapshots, each with exactly the
 * entries `dpa parse` finds in its file.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../../src-main/services/store';
import { CORPUS_DIR, ROOT_DIR, tempDir } from '../../helpers';

const DPA = join(ROOT_DIR, 'bin', 'dpa.js');
const CLI = join(ROOT_DIR, 'out', 'main', 'cli.js');
const run = promisify(execFile);

let dir: string;
let cleanup: () => void;
let batch: string[];
const expectedEntries = new Map<string, number>();

/** Entries `dpa parse` (the built app) finds in `file`. */
async function parsedCount(file: string): Promise<number> {
  const { stdout } = await run(process.execPath, [DPA, 'parse', file, '--json'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as { entries: unknown[] }).entries.length;
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build`);
  ({ dir, cleanup } = tempDir('dpa-crash-'));
  // Three copies of each corpus page, each with a byte of difference so none is a duplicate.
  const real = join(CORPUS_DIR, 'real');
  const pages = readdirSync(real).filter(
    (f) => /\.(md|html|txt|pdf)$/.test(f) && f !== 'SOURCES.md',
  );
  batch = [];
  for (let copy = 1; copy <= 3; copy++) {
    for (const page of pages) {
      const dest = join(dir, `c${copy}-${page}`);
      const suffix = page.endsWith('.pdf')
        ? `\n%${copy}\n`
        : page.endsWith('.html')
          ? `<!-- ${copy} -->`
          : '\n'.repeat(copy);
      writeFileSync(dest, Buffer.concat([readFileSync(join(real, page)), Buffer.from(suffix)]));
      batch.push(dest);
    }
  }
  const counts = await Promise.all(batch.map(parsedCount));
  batch.forEach((f, i) => expectedEntries.set(f.slice(dir.length + 1), counts[i] as number));
}, 120_000);
afterAll(() => cleanup());

/** Snapshot count seen by a read-only connection, or -1 while the file is not ready. */
function snapshotCount(dbPath: string): number {
  if (!existsSync(dbPath)) return -1;
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM snapshots').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return -1; // created but not yet migrated
  }
}

/** Starts `dpa import` on the whole batch and SIGKILLs it once `killAfter` snapshots are on disk. */
async function importAndKill(dbPath: string, killAfter: number): Promise<number> {
  const child = spawn(process.execPath, [DPA, 'import', ...batch, '--db', dbPath], {
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  let seen = -1;
  const deadline = Date.now() + 60_000;
  while (seen < killAfter && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 5));
    seen = snapshotCount(dbPath);
  }
  child.kill('SIGKILL');
  expect(await exited, 'the import finished before it could be killed').toBe('SIGKILL');
  return seen;
}

describe('a batch import killed with SIGKILL', () => {
  it.each([1, 4, 9])(
    'after %i snapshot(s) leaves a whole, consistent database',
    { timeout: 90_000 },
    async (killAfter) => {
      const dbPath = join(dir, `killed-after-${killAfter}.sqlite`);
      const seen = await importAndKill(dbPath, killAfter);
      expect(seen).toBeGreaterThanOrEqual(killAfter);

      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const snapshots = db
          .prepare(
            `SELECT s.file_name AS file, (SELECT count(*) FROM entries e WHERE e.snapshot_id = s.id) AS entries
             FROM snapshots s ORDER BY s.id`,
          )
          .all() as { file: string; entries: number }[];
        // Killed mid-batch: some, not all, files landed; each that did is complete.
        expect(snapshots.length).toBeGreaterThanOrEqual(killAfter);
        expect(snapshots.length).toBeLessThan(batch.length);
        for (const s of snapshots) {
          expect(s.entries, `${s.file}: entries stored vs dpa parse`).toBe(
            expectedEntries.get(s.file),
          );
        }
        expect(
          db
            .prepare(
              'SELECT count(*) AS n FROM entries WHERE snapshot_id NOT IN (SELECT id FROM snapshots)',
            )
            .get(),
        ).toEqual({ n: 0 });
      } finally {
        db.close();
      }
      // The app opens it again (WAL recovery) and sees the same whole snapshots.
      const store = Store.open(dbPath);
      expect(store.counts().snapshots).toBeGreaterThanOrEqual(killAfter);
      store.close();
    },
  );
});
