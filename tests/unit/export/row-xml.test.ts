import { describe, expect, it } from 'vitest';
import {
  columnLetter,
  excelSerial,
  rowXml,
  xmlText,
} from '../../../src-main/services/export/row-xml';

const COLUMNS = [
  { letter: 'A', styleId: 3 },
  { letter: 'B', styleId: 0 },
  { letter: 'C', styleId: 5 },
];

describe('rowXml', () => {
  it('writes text, numbers, booleans and dates as typed cells with their column style', () => {
    expect(rowXml(7, ['Stripe', 12, true], COLUMNS)).toBe(
      '<row r="7" spans="1:3" x14ac:dyDescent="0.25">' +
        '<c r="A7" s="3" t="str"><v>Stripe</v></c>' +
        '<c r="B7"><v>12</v></c>' +
        '<c r="C7" s="5" t="b"><v>1</v></c>' +
        '</row>',
    );
    expect(rowXml(2, [new Date('2025-06-01T12:00:00Z')], COLUMNS)).toBe(
      '<row r="2" spans="1:1" x14ac:dyDescent="0.25"><c r="A2" s="3"><v>45809.5</v></c></row>',
    );
  });

  it('keeps an empty cell only where its column has a style, and no cells past the values', () => {
    expect(rowXml(3, [null, null], COLUMNS)).toBe(
      '<row r="3" spans="1:2" x14ac:dyDescent="0.25"><c r="A3" s="3"/></row>',
    );
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(rowXml(4, [`<b>"A&B's"</b>\u0001\ttab\nline`], COLUMNS)).toContain(
      '<v>&lt;b&gt;&quot;A&amp;B&apos;s&quot;&lt;/b&gt;\ttab\nline</v>',
    );
  });

  it('refuses more values than columns', () => {
    expect(() => rowXml(5, [1, 2, 3, 4], COLUMNS)).toThrow(/4 values for 3 columns/);
  });
});

describe('helpers', () => {
  it('letters columns as Excel does', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('counts days from Excel epoch and leaves plain text alone', () => {
    expect(excelSerial(new Date('1970-01-01T00:00:00Z'))).toBe(25569);
    const plain = 'Amazon Web Services, Inc.';
    expect(xmlText(plain)).toBe(plain);
  });
});
