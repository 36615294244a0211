import { describe, expect, it } from 'vitest';

import { extractDocument } from '../../../src-main/services/extract/index';
import { readHtmlBlocks } from '../../../src-main/services/extract/readers/html-reader';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('deeply nested HTML', () => {
  const N = 10_000;
  const text = 'Acme Hosting Inc.';
  it.each([
    ['div', '<div>'.repeat(N)],
    ['span', '<span>'.repeat(N)],
    ['b', '<b>'.repeat(N)],
    ['ul-li', '<ul><li>'.repeat(N)],
    ['table-tr-td', '<table><tr><td>'.repeat(N)],
    ['p-i mix', '<p><i>'.repeat(N)],
  ])(
    'reads text nested %s 10,000 deep without RangeError',
    async (_label, open) => {
      const html = `<html><body><h1>Subprocessors</h1>${open}${text}</body></html>`;
      expect(() => readHtmlBlocks(html)).not.toThrow();
      const doc = await extractDocument({ fileName: 'deep.html', bytes: enc(html) });
      expect(doc.text).toContain(text);
    },
    // What is checked is that it finishes without a stack overflow, not how fast: htmlparser2
    // alone needs seconds for 10,000 nested tables on a loaded 2-core machine.
    30_000,
  );

  it('keeps words from separate deep blocks apart', () => {
    const html = `<body>${'<div>'.repeat(N)}<p>Alpha</p><p>Beta</p></body>`;
    const text = readHtmlBlocks(html)
      .map((b) => (b.kind === 'paragraph' ? b.content.text : ''))
      .join(' ');
    expect(text).toMatch(/Alpha\s+Beta/);
  });
});
