/**
 * Runs the shared scorer (../shared/tools/score-extraction.mjs) over the whole corpus with the built
 * `dpa parse --json`, and fails when extraction quality drops below the floors. The floors sit just
 * under what the parser reaches today, so any regression fails CI; raise them as the parser improves.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, ROOT_DIR } from '../helpers';

// Reached on 2026-11-23 (parser v2): entry F1 0.990, country F1 1.000, transfer F1 1.000,
// status 1.000, metadata 1.000. Floors sit just under, so any regression fails CI.
const FLOORS = {
  entryF1: 0.98,
  countryF1: 0.99,
  transferF1: 0.99,
  statusAccuracy: 0.99,
  metadataAccuracy: 0.99,
};

interface Totals {
  docs: number;
  failedDocs: number;
  entryF1: number;
  countryF1: number;
  transferF1: number;
  statusAccuracy: number;
  metadataAccuracy: number;
}

describe('extraction quality on the shared corpus', () => {
  const scorer = join(CORPUS_DIR, '..', 'tools', 'score-extraction.mjs');
  const bin = join(ROOT_DIR, 'bin', 'dpa.js');
  const out = execFileSync(
    process.execPath,
    [scorer, '--cmd', `${process.execPath} ${bin} parse --json {file}`, CORPUS_DIR, '--json'],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const { totals } = JSON.parse(out) as { totals: Totals };
  console.log(JSON.stringify(totals));

  it('parses every document without an error', () => {
    expect(totals.failedDocs).toBe(0);
    expect(totals.docs).toBeGreaterThan(0);
  });

  it.each(Object.entries(FLOORS))('%s stays at or above its floor', (key, floor) => {
    expect(totals[key as keyof typeof FLOORS]).toBeGreaterThanOrEqual(floor);
  });
});
