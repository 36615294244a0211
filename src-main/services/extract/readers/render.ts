import type { Block } from '../blocks';
import type { Piece } from '../piece';

/**
 * Renders blocks whose pieces point into raw source (HTML) as visible text with block-level line
 * breaks, and re-points every piece into that text. The blocks are changed in place: they are
 * the reader's output for this render and nothing else holds them. The stored snapshot text is
 * then what a person sees, and provenance spans highlight in it directly.
 */
export function renderBlocks(
  blocks: Block[],
  sourceLength: number,
): { text: string; blocks: Block[] } {
  // where[off] is 1 + the rendered position of source offset `off`, 0 while it is not written:
  // a fresh typed array is all zeros, so a page-sized table needs no fill
  const where = new Int32Array(sourceLength + 1);
  // the text is collected in parts and joined once: one flat string instead of a chain of
  // concatenations every later search would flatten
  const parts: string[] = [];
  let length = 0;
  const add = (s: string): void => {
    parts.push(s);
    length += s.length;
  };
  // The pieces were read for this render only, so their maps are re-pointed in place rather than
  // copied. Readers share one map between pieces with the same offsets (a one-line paragraph and
  // its line, a rowspan cell repeated in its rows); the new values depend only on the old ones,
  // so a shared map is re-pointed once and is right for every piece holding it.
  const done = new Set<number[]>();
  const write = (p: Piece): void => {
    const at = length;
    const map = p.map;
    add(p.text);
    // a map already re-pointed had all its offsets written when it was
    if (done.has(map)) return;
    const isExact = map.length === p.text.length;
    for (let i = 0; i < p.text.length; i++) {
      const off = map[i] ?? -1;
      const isInSource = off >= 0 && off < where.length;
      if (isInSource && where[off] === 0) where[off] = at + i + 1;
      // an offset's first writing is final, so this character's place is known now: the map is
      // re-pointed in the same pass (one whose length differs waits for the pass below)
      if (isExact) map[i] = isInSource ? (where[off] as number) - 1 : -1;
    }
    if (isExact) done.add(map);
  };
  for (const b of blocks) {
    if (length > 0) add('\n');
    switch (b.kind) {
      case 'heading':
      case 'list-item':
        write(b.content);
        break;
      case 'paragraph':
        b.lines.forEach((l, i) => {
          if (i > 0) add('\n');
          write(l);
        });
        break;
      case 'definition':
        write(b.term);
        add('\n');
        write(b.description);
        break;
      case 'table':
        b.rows.forEach((row, r) => {
          if (r > 0) add('\n');
          row.forEach((cell, c) => {
            if (c > 0) add('\t');
            write(cell);
          });
        });
        break;
    }
  }
  const text = parts.join('');
  // pieces not written (a paragraph's joined content, a list item's link) are re-pointed last
  const remap = (p: Piece): void => {
    const map = p.map;
    if (done.has(map)) return;
    done.add(map);
    for (let i = 0; i < map.length; i++) {
      const off = map[i] as number;
      map[i] = off >= 0 && off < where.length ? (where[off] ?? 0) - 1 : -1;
    }
  };
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        remap(b.content);
        break;
      case 'list-item':
        remap(b.content);
        if (b.linkText) remap(b.linkText);
        break;
      case 'paragraph':
        remap(b.content);
        for (const l of b.lines) remap(l);
        break;
      case 'definition':
        remap(b.term);
        remap(b.description);
        break;
      case 'table':
        for (const row of b.rows) for (const cell of row) remap(cell);
        break;
    }
  }
  return { text, blocks };
}
