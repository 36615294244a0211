/** What every section needs: where the project is, the seed and the vocabulary. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readVocabulary, type Vocabulary } from '../corpus';

export interface BenchContext {
  root: string;
  resourcesDir: string;
  corpusDir: string;
  seed: number;
  vocab: Vocabulary;
  /** Smaller sizes and fewer repetitions, for a smoke run of the bench itself. */
  isQuick: boolean;
}

export function benchContext(seed: number, isQuick: boolean): BenchContext {
  // npm runs scripts from the project root; the bundle's own location is out/bench
  const root = resolve(process.cwd());
  const resourcesDir = join(root, 'resources');
  return {
    root,
    resourcesDir,
    corpusDir: resolve(root, '..', 'shared', 'corpus'),
    seed,
    vocab: readVocabulary(resourcesDir),
    isQuick,
  };
}

/** A scratch folder removed afterwards, so repeated runs do not fill the disk. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'dpa-bench-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
