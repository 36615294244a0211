import { describe, expect, it } from 'vitest';

import {
  slicePiece,
  spansOf,
  spansOfRange,
  type Piece,
} from '../../../src-main/services/extract/piece';

// "Acme, Inc." rendered from source offsets 10..13 ("Acme"), a separator with no source, then
// 20..24 (", Inc" after dropped markup) and 30 (".").
const piece: Piece = {
  text: 'Acme , Inc.',
  map: [10, 11, 12, 13, -1, 20, 21, 22, 23, 24, 30],
};

describe('spansOfRange', () => {
  it.each([
    [
      'the whole piece',
      0,
      11,
      [
        { start: 10, end: 14 },
        { start: 20, end: 25 },
        { start: 30, end: 31 },
      ],
    ],
    ['the name only', 0, 4, [{ start: 10, end: 14 }]],
    [
      'across the unmapped separator',
      2,
      7,
      [
        { start: 12, end: 14 },
        { start: 20, end: 22 },
      ],
    ],
    // 24 -> 30 is a gap of 5 characters: too far to merge without the source saying it is blank
    [
      'the tail',
      8,
      11,
      [
        { start: 23, end: 25 },
        { start: 30, end: 31 },
      ],
    ],
    ['an empty range', 3, 3, []],
    [
      'a range running past the end',
      9,
      50,
      [
        { start: 24, end: 25 },
        { start: 30, end: 31 },
      ],
    ],
    ['a range starting past the end', 40, 50, []],
  ])('%s', (_label, start, end, expected) => {
    expect(spansOfRange(piece, start, end)).toEqual(expected);
  });

  it('merges over blank source between characters, as spansOf does', () => {
    // source[25..29] is "<b>  ": markup and spaces between "Inc" and "."
    const source = `${' '.repeat(25)}<b>  .`;
    expect(spansOfRange(piece, 8, 11, source)).toEqual([{ start: 23, end: 31 }]);
  });

  it.each([
    [0, 11],
    [1, 6],
    [4, 5],
    [6, 2],
    [-3, 11],
    [2, -1],
  ])('equals spansOf(slicePiece(p, %i, %i))', (start, end) => {
    expect(spansOfRange(piece, start, end)).toEqual(spansOf(slicePiece(piece, start, end)));
  });
});

describe('slicePiece', () => {
  const p = { text: 'Acme Inc.', map: [3, 4, 5, 6, 7, 8, 9, 10, 11] };

  it('shares the map of a slice that is the whole piece, in a new piece', () => {
    const whole = slicePiece(p, 0, p.text.length);
    expect(whole).not.toBe(p);
    expect(whole.map).toBe(p.map);
    expect(slicePiece(p, 0).map).toBe(p.map);
  });

  it.each([
    [0, 4, 'Acme', [3, 4, 5, 6]],
    [5, 9, 'Inc.', [8, 9, 10, 11]],
    [1, 9, 'cme Inc.', [4, 5, 6, 7, 8, 9, 10, 11]],
  ])('copies the map of a part (%i, %i)', (start, end, text, map) => {
    const part = slicePiece(p, start, end);
    expect(part).toEqual({ text, map });
    expect(part.map).not.toBe(p.map);
  });

  it('copies a whole slice whose map is longer than its text', () => {
    const long = { text: 'ab', map: [0, 1, 2] };
    expect(slicePiece(long, 0, 2)).toEqual({ text: 'ab', map: [0, 1] });
  });
});
