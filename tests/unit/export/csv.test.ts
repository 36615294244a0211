import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../../src-main/services/export/csv';
import type { ColumnSpec } from '../../../src-main/services/export/export-data';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+cmd', `"'+cmd"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(1)', `"'@SUM(1)"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
  ])('text %j is %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes numbers, booleans, days and moments plainly', () => {
    const date: ColumnSpec = { header: 'D', kind: 'date', width: 10 };
    expect(csvField(-2)).toBe('-2');
    expect(csvField(0.85)).toBe('0.85');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(new Date('2025-06-02T00:00:00Z'), date)).toBe('2025-06-02');
    expect(csvField(new Date('2025-06-02T09:30:00Z'))).toBe('2025-06-02T09:30:00Z');
  });
});

describe('toCsv', () => {
  it('starts with a BOM, ends every line with CRLF', () => {
    const cols: ColumnSpec[] = [
      { header: 'Name', kind: 'text', width: 10 },
      { header: 'Count', kind: 'number', width: 5 },
    ];
    expect(
      toCsv(cols, [
        ['Acme', 3],
        ['=x', null],
      ]),
    ).toBe(`\uFEFFName,Count\r\nAcme,3\r\n"'=x",\r\n`);
  });
});
