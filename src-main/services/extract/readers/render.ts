import type { Block } from '../blocks';
import type { Piece } from '../piece';

/**
 * Renders blocks whose pieces point into raw source (HTML) as visible text with block-level line
 * breaks, and re-points every piece into that text. The stored snapshot text is then what a
 * person sees, and provenance spans highlight in it directly.
 */
export function renderBlocks(
  blocks: Block[],
  sourceLength: number,
): { text: string; blocks: Block[] } {
  const where = new Int32Array(sourceLength + 1).fill(-1);
  let text = '';
  const write = (p: Piece): void => {
    const at = text.length;
    for (let i = 0; i < p.text.length; i++) {
      const off = p.map[i] ?? -1;
      if (off >= 0 && off < where.length && where[off] === -1) where[off] = at + i;
    }
    text += p.text;
  };
  for (const b of blocks) {
    if (text.length > 0) text += '\n';
    switch (b.kind) {
      case 'heading':
      case 'list-item':
        write(b.content);
        break;
      case 'paragraph':
        b.lines.forEach((l, i) => {
          if (i > 0) text += '\n';
          write(l);
        });
        break;
      case 'definition':
        write(b.term);
        text += '\n';
        write(b.description);
        break;
      case 'table':
        b.rows.forEach((row, r) => {
          if (r > 0) text += '\n';
          row.forEach((cell, c) => {
            if (c > 0) text += '\t';
            write(cell);
          });
        });
        break;
    }
  }
  const remap = (p: Piece): Piece => {
    const map = new Array<number>(p.map.length);
    for (let i = 0; i < p.map.length; i++) {
      const off = p.map[i] as number;
      map[i] = off >= 0 && off < where.length ? (where[off] ?? -1) : -1;
    }
    return { text: p.text, map };
  };
  const out: Block[] = blocks.map((b): Block => {
    switch (b.kind) {
      case 'heading':
        return { ...b, content: remap(b.content) };
      case 'list-item':
        return b.linkText
          ? { ...b, content: remap(b.content), linkText: remap(b.linkText) }
          : { ...b, content: remap(b.content) };
      case 'paragraph':
        return { ...b, content: remap(b.content), lines: b.lines.map(remap) };
      case 'definition':
        return { ...b, term: remap(b.term), description: remap(b.description) };
      case 'table':
        return { ...b, rows: b.rows.map((row) => row.map(remap)) };
    }
  });
  return { text, blocks: out };
}
