import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH_FORMATS, generateCorpus, readVocabulary } from '../../../bench/corpus';
import { createRng } from '../../../bench/prng';
import { ROOT_DIR } from '../../helpers';

const vocab = readVocabulary(join(ROOT_DIR, 'resources'));
const text = (seed: number): string[] =>
  generateCorpus(seed, vocab, { pages: 10 }).map((p) => new TextDecoder().decode(p.bytes));

describe('bench corpus generator', () => {
  it('builds the same bytes from the same seed', () => {
    expect(text(42)).toEqual(text(42));
  });

  it('builds a different corpus from a different seed', () => {
    const [a, b] = [text(42), text(43)];
    expect(a.filter((page, i) => page === b[i])).toEqual([]);
  });

  it('covers every format and honours a fixed entry count', () => {
    const pages = generateCorpus(7, vocab, { pages: BENCH_FORMATS.length, entries: 30 });
    expect(pages.map((p) => p.format)).toEqual([...BENCH_FORMATS]);
    expect(pages.every((p) => p.entries.length === 30)).toBe(true);
  });

  it('seeds the PRNG reproducibly', () => {
    const [a, b] = [createRng(1), createRng(1)];
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(
      Array.from({ length: 5 }, () => b.next()),
    );
  });
});
