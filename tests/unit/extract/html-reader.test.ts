import { describe, expect, it } from 'vitest';

import type { Block } from '../../../src-main/services/extract/blocks';
import { readHtmlBlocks } from '../../../src-main/services/extract/readers/html-reader';
import { renderBlocks } from '../../../src-main/services/extract/readers/render';

function paragraphs(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.content.text] : []));
}

describe('readHtmlBlocks source offsets', () => {
  it.each([
    // a comment splits the text into two nodes: each keeps its own offsets
    ['<p>ab<!--x-->cd</p>', 'abcd', [3, 4, 13, 14]],
    // an entity is one character mapped to its "&"
    ['<p>A&amp;B</p>', 'A&B', [3, 4, 9]],
    // a whitespace run becomes one space mapped to the run's first character
    ['<p>Acme \n  Hosting</p>', 'Acme Hosting', [3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16, 17]],
    // text on both sides of an inline element
    ['<p>Ac<b>me</b>!</p>', 'Acme!', [3, 4, 8, 9, 14]],
  ])('%s', (html, text, map) => {
    const [block] = readHtmlBlocks(html);
    expect(block?.kind).toBe('paragraph');
    expect(block?.kind === 'paragraph' && block.content).toEqual({ text, map });
  });

  it('emits nothing for the whitespace between block elements', () => {
    const blocks = readHtmlBlocks('<div>\n  <div>\n    <p>One</p>\n  </div>\n  <p>Two</p>\n</div>');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph']);
    expect(paragraphs(blocks)).toEqual(['One', 'Two']);
  });

  it('reads no navigation, head or script outside a table, but finds rows inside one', () => {
    const html = [
      '<html><head><title>Vendors</title><style>p { color: red }</style></head><body>',
      '<nav><p>Blog</p></nav>',
      '<table><tr><th>Name</th><th>Location</th></tr>',
      '<nav><tr><td>Acme Inc.</td><td>Germany<script>x = 1</script></td></tr></nav></table>',
      '<footer><p>Privacy</p></footer><p>After</p></body></html>',
    ].join('');
    const blocks = readHtmlBlocks(html);
    expect(paragraphs(blocks)).toEqual(['After']);
    const table = blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Name', 'Location'],
      ['Acme Inc.', 'Germany'],
    ]);
  });
});

describe('renderBlocks', () => {
  it('points a rowspan cell repeated in two rows at its first rendering', () => {
    const html =
      '<table><tr><th>Name</th><th>Region</th></tr>' +
      '<tr><td>Acme</td><td rowspan="2">EU</td></tr><tr><td>Beta</td></tr></table>';
    const { text, blocks } = renderBlocks(readHtmlBlocks(html), html.length);
    expect(text).toBe('Name\tRegion\nAcme\tEU\nBeta\tEU');
    const table = blocks[0];
    expect(table?.kind).toBe('table');
    if (table?.kind !== 'table') return;
    expect(table.rows[1]?.[1]).toEqual({ text: 'EU', map: [17, 18] });
    expect(table.rows[2]?.[1]).toEqual({ text: 'EU', map: [17, 18] });
    expect(table.rows[2]?.[0]).toEqual({ text: 'Beta', map: [20, 21, 22, 23] });
  });

  it("points a paragraph's joined content at its rendered lines, the joining space nowhere", () => {
    const html = '<p>Acme<br>Germany</p>';
    const { text, blocks } = renderBlocks(readHtmlBlocks(html), html.length);
    expect(text).toBe('Acme\nGermany');
    const p = blocks[0];
    expect(p?.kind === 'paragraph' && p.content).toEqual({
      text: 'Acme Germany',
      map: [0, 1, 2, 3, -1, 5, 6, 7, 8, 9, 10, 11],
    });
    expect(p?.kind === 'paragraph' && p.lines.map((l) => l.map)).toEqual([
      [0, 1, 2, 3],
      [5, 6, 7, 8, 9, 10, 11],
    ]);
  });
});
