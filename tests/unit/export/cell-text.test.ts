import { describe, expect, it } from 'vitest';
import {
  MAX_CELL_CHARS,
  neutralise,
  parseDecision,
  restore,
} from '../../../src-main/services/export/cell-text';

describe('neutralise', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tTab', "'\tTab"],
    ['\r=1', "'\r=1"],
    // Already apostrophe-quoted formula text is quoted once more, so reading back is exact.
    ["'=1", "''=1"],
    ["'plain", "'plain"],
    ['Acme - EU', 'Acme - EU'],
    ['', ''],
    // Control characters XML cannot carry are dropped; tab and newline inside text stay.
    ['a\u0000b\u0007c\td\ne', 'abc\td\ne'],
  ])('%j becomes %j', (input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });

  it.each(['=1+1', "'=1", "''=1", "'plain", '-x', 'plain', '\tTab'])(
    'restore undoes it for %j',
    (input) => {
      expect(restore(neutralise(input))).toBe(input);
    },
  );

  it('cuts text to the longest cell Excel accepts', () => {
    const out = neutralise('x'.repeat(MAX_CELL_CHARS + 10));
    expect(out).toHaveLength(MAX_CELL_CHARS);
    expect(out.endsWith('…')).toBe(true);
  });

  it('never cuts an emoji in half at the limit', () => {
    // The limit falls between the two UTF-16 halves of the emoji.
    const out = neutralise(`${'x'.repeat(MAX_CELL_CHARS - 2)}😀 and more`);
    expect(out.endsWith('x…')).toBe(true);
    expect(out).not.toMatch(/\p{Cs}/u);
  });
});

describe('parseDecision', () => {
  it.each([
    ['Approved', 'approved'],
    ['approved with   conditions ', 'approved-with-conditions'],
    ['NEEDS FOLLOW-UP', 'needs-follow-up'],
    ['rejected', 'rejected'],
    ['needs-follow-up', 'needs-follow-up'],
    ['Maybe', undefined],
    ['', undefined],
  ])('%j is %j', (text, expected) => {
    expect(parseDecision(text)).toBe(expected);
  });
});
