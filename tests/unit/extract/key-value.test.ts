import { describe, expect, it } from 'vitest';

import { isRegExpSpace, matchKeyValue } from '../../../src-main/services/extract/key-value';
import { headingLevel } from '../../../src-main/services/extract/readers/html-reader';

/** The regex matchKeyValue stands in for; both must agree on every line. */
const KEY_VALUE = /^\s*([A-Za-z][A-Za-z /()-]{1,40}?)\s*:\s+(\S.*)$/;

function byRegex(text: string): { label: string; value: string } | null {
  const m = KEY_VALUE.exec(text);
  return m ? { label: m[1] ?? '', value: m[2] ?? '' } : null;
}

describe('matchKeyValue', () => {
  it.each([
    ['Location: Germany', { label: 'Location', value: 'Germany' }],
    ['  Purpose :\u00a0 Email delivery', { label: 'Purpose', value: 'Email delivery' }],
    // the shortest label the rest can follow: "Data  Location" keeps its inner spaces
    ['Data  Location : EU', { label: 'Data  Location', value: 'EU' }],
    ['Transfer (SCCs)-based: yes', { label: 'Transfer (SCCs)-based', value: 'yes' }],
    ['Entity: Acme: Inc.', { label: 'Entity', value: 'Acme: Inc.' }],
    ['Location:Germany', null], // no space after the colon
    ['Location: ', null], // nothing after it
    ['Location: Germany\nand more', null], // `.` stops at a line break
    ['1. Location: Germany', null], // must start with a letter
    ['A: b', null], // a label is at least two letters
    [`${'a'.repeat(41)}: x`, { label: 'a'.repeat(41), value: 'x' }],
    [`${'a'.repeat(42)}: x`, null], // at most 41
    ['Acme Inc. Hosting: EU', null], // "." is no label character
    ['\u200bLocation: EU', null], // a zero-width space is not `\s`
  ])('%j', (text, want) => {
    expect(matchKeyValue(text)).toEqual(want);
    expect(byRegex(text)).toEqual(want);
  });

  it('agrees with the regex on random lines', () => {
    const alphabet = [
      'a',
      'B',
      ' ',
      ':',
      '\n',
      '\t',
      '\u00a0',
      '\u2028',
      '(',
      '-',
      '.',
      '1',
      'é',
      '/',
    ];
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let k = 0; k < 20000; k++) {
      let s = '';
      const len = next() % 50;
      for (let i = 0; i < len; i++) s += alphabet[next() % alphabet.length];
      expect(matchKeyValue(s), JSON.stringify(s)).toEqual(byRegex(s));
    }
  });

  it('treats exactly the characters of `\\s` as space', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (isRegExpSpace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c.toString(16));
    }
    expect(differ).toEqual([]);
  });
});

describe('headingLevel', () => {
  it.each([
    ['h1', 1],
    ['h6', 6],
    ['h0', 0],
    ['h7', 0],
    ['hr', 0],
    ['h', 0],
    ['h12', 0],
    ['p', 0],
    ['th', 0],
  ])('%s → %i', (name, level) => {
    expect(headingLevel(name)).toBe(level);
  });
});
