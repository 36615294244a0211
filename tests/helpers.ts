import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The shared corpus (real sub-processor pages with golden labels), beside the project. */
export const CORPUS_DIR = resolve(__dirname, '../../shared/corpus');
export const FIXTURES_DIR = resolve(__dirname, 'fixtures');
export const ROOT_DIR = resolve(__dirname, '..');

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'dpa-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
