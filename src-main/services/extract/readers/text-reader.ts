import type { Block } from '../blocks';
import {
  collapsePiece,
  concatPieces,
  pieceFromSource,
  slicePiece,
  trimPiece,
  type Piece,
} from '../piece';
import { readHtmlBlocks } from './html-reader';
import { stripInlineMarkup } from './inline';

interface Line {
  piece: Piece;
  indent: number;
}

const BULLET = /^(\s*)([*+•·▪‣◦-]|\d{1,2}[.)])\s+/;
const HTML_BLOCK_START =
  /^\s*<(table|div|p|h[1-6]|ul|ol|dl|section|article|script|style|br|hr|details|blockquote|main|header|center)\b/i;

/**
 * Reads plain text, Markdown and reStructuredText into blocks. Pieces point into `source`
 * itself, so for these formats the stored text is the decoded file. Structure comes from
 * lines: ATX and underlined headings, pipe tables, bullets, indented definitions, short
 * title-like lines, and HTML fragments (Markdown often embeds a raw `<table>`).
 */
export function readTextBlocks(source: string, isMarkdown: boolean): Block[] {
  const lines = splitLines(source);
  const blocks: Block[] = [];
  let i = 0;
  if (isMarkdown && /^---\s*$/.test(lines[0]?.piece.text ?? '')) {
    const end = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)\s*$/.test(l.piece.text));
    if (end > 0) i = end + 1;
  }
  let para: Line[] = [];
  let forceHeading = false;
  // Text copied from a rendered page has one block per line (long unwrapped lines); hard-wrapped
  // text (RST, e-mail) continues paragraphs over lines.
  const isLinePerBlock = !isMarkdown && lines.some((l) => l.piece.text.length > 110);
  const flushPara = (): void => {
    if (para.length === 0) return;
    pushParagraph(para, blocks, isMarkdown);
    para = [];
  };
  while (i < lines.length) {
    const line = lines[i] as Line;
    const t = line.piece.text;
    const next = lines[i + 1]?.piece.text ?? '';
    if (t.trim() === '') {
      flushPara();
      i++;
      continue;
    }
    if (forceHeading) {
      flushPara();
      blocks.push({ kind: 'heading', level: 2, content: headingText(line.piece) });
      forceHeading = false;
      i++;
      continue;
    }
    // "§ 02" on its own line numbers the heading on the next line
    if (/^\s*§\s*\d+\s*$/.test(t)) {
      flushPara();
      forceHeading = true;
      i++;
      continue;
    }
    // fenced admonitions and code fences carry no list content
    if (isMarkdown && /^\s*(:::|```|~~~)/.test(t)) {
      flushPara();
      i++;
      continue;
    }
    if (HTML_BLOCK_START.test(t) && (isMarkdown || /<\/(table|p|div|h\d)>/i.test(source))) {
      flushPara();
      let j = i;
      const isTable = /^\s*<table/i.test(t);
      while (j < lines.length) {
        const lt = lines[j]?.piece.text ?? '';
        if (!isTable && lt.trim() === '') break;
        j++;
        if (isTable && /<\/table>/i.test(lt)) break;
      }
      const start = line.piece.map[0] ?? 0;
      const last = lines[j - 1] as Line;
      const end = (last.piece.map[last.piece.map.length - 1] ?? start) + 1;
      blocks.push(...readHtmlBlocks(source.slice(start, end), start));
      i = j;
      continue;
    }
    const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(t);
    if (atx && isMarkdown) {
      flushPara();
      const at = t.indexOf(atx[2] ?? '', (atx[1] ?? '').length);
      blocks.push({
        kind: 'heading',
        level: (atx[1] ?? '#').length,
        content: headingText(slicePiece(line.piece, at, at + (atx[2] ?? '').length)),
      });
      i++;
      continue;
    }
    // underlined heading (reStructuredText, setext Markdown); a lone `---` after text in
    // Markdown is a setext h2 as well
    if (para.length === 0 && /^\s*([=\-~^"'`#*+])\1{2,}\s*$/.test(next) && t.trim().length <= 80) {
      const ch = next.trim()[0];
      blocks.push({
        kind: 'heading',
        level: ch === '=' ? 1 : ch === '-' ? 2 : 3,
        content: headingText(line.piece),
      });
      i += 2;
      continue;
    }
    if (isTableLine(t)) {
      flushPara();
      let j = i;
      const rows: Line[] = [];
      while (j < lines.length && isTableLine(lines[j]?.piece.text ?? '')) {
        rows.push(lines[j] as Line);
        j++;
      }
      if (rows.length >= 2) {
        blocks.push(buildPipeTable(rows, isMarkdown));
        i = j;
        continue;
      }
    }
    const bullet = BULLET.exec(t);
    if (bullet && !(isNumberedTitle(t, next) && !isMarkdown)) {
      flushPara();
      const depth = Math.floor((bullet[1] ?? '').replace(/\t/g, '    ').length / 2);
      const parts: Piece[] = [slicePiece(line.piece, bullet[0].length)];
      let j = i + 1;
      // indented continuation lines belong to the item
      while (j < lines.length) {
        const lj = lines[j] as Line;
        if (lj.piece.text.trim() === '' || BULLET.test(lj.piece.text) || lj.indent === 0) break;
        parts.push(lj.piece);
        j++;
      }
      const raw = concatPieces(
        parts.map((p) => trimPiece(p)),
        ' ',
      );
      const content = isMarkdown ? stripInlineMarkup(raw) : collapsePiece(raw);
      const linkText = isMarkdown ? leadingLink(raw) : null;
      blocks.push({ kind: 'list-item', depth, content, ...(linkText ? { linkText } : {}) });
      i = j;
      continue;
    }
    // RST field list ":Last updated: August 9, 2024" reads as a paragraph line of its own
    if (/^:[A-Za-z][\w -]*:\s/.test(t)) {
      flushPara();
      para.push(line);
      flushPara();
      i++;
      continue;
    }
    // definition: an unindented term followed by indented description lines (RST)
    if (line.indent === 0 && para.length === 0 && (lines[i + 1]?.indent ?? 0) >= 2 && next.trim()) {
      const desc: Piece[] = [];
      let j = i + 1;
      while (
        j < lines.length &&
        ((lines[j]?.indent ?? 0) >= 2 || lines[j]?.piece.text.trim() === '')
      ) {
        const lj = lines[j] as Line;
        if (lj.piece.text.trim() === '') {
          if ((lines[j + 1]?.indent ?? 0) < 2) break;
        } else {
          desc.push(trimPiece(lj.piece));
        }
        j++;
      }
      if (!BULLET.test(next) && desc.length > 0 && !/^\.\. /.test(t)) {
        blocks.push({
          kind: 'definition',
          term: clean(line.piece, isMarkdown),
          description: clean(concatPieces(desc, ' '), isMarkdown),
        });
        i = j;
        continue;
      }
    }
    para.push(line);
    if (isLinePerBlock) flushPara();
    i++;
  }
  flushPara();
  return blocks;
}

function clean(p: Piece, isMarkdown: boolean): Piece {
  return isMarkdown ? stripInlineMarkup(p) : collapsePiece(p);
}

function headingText(p: Piece): Piece {
  return trimPiece(stripInlineMarkup(p), /[\s.:#*_]/);
}

/** "1. Infrastructure" followed by prose is a numbered heading, not a list. */
function isNumberedTitle(t: string, next: string): boolean {
  return (
    /^\s*\d{1,2}[.)]\s+\S/.test(t) && !/[.:;,]\s*$/.test(t) && t.length < 70 && !BULLET.test(next)
  );
}

function leadingLink(raw: Piece): Piece | undefined {
  const m = /^\s*\[([^\]]+)\]\(/.exec(raw.text);
  if (!m) return undefined;
  const at = raw.text.indexOf('[') + 1;
  return stripInlineMarkup(slicePiece(raw, at, at + (m[1] ?? '').length));
}

function splitLines(source: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i <= source.length; i++) {
    if (i === source.length || source[i] === '\n') {
      let end = i;
      if (end > start && source[end - 1] === '\r') end--;
      const piece = pieceFromSource(source, start, end);
      const indent = /^[ \t]*/.exec(piece.text)?.[0].replace(/\t/g, '    ').length ?? 0;
      out.push({ piece, indent });
      start = i + 1;
    }
  }
  return out;
}

function isTableLine(t: string): boolean {
  const s = t.trim();
  if (s.startsWith('|')) return true;
  return (s.match(/\|/g)?.length ?? 0) >= 2 && !/^[-=]+$/.test(s);
}

function buildPipeTable(lines: Line[], isMarkdown: boolean): Block {
  let rows: Piece[][] = [];
  let headerRows = 0;
  for (const l of lines) {
    const t = l.piece.text.trim();
    if (/^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/.test(t)) {
      headerRows = rows.length;
      continue;
    }
    rows.push(splitCells(l.piece, isMarkdown));
  }
  // a row wrapped onto the next line ("... | Customer-defined\n| Encrypted storage |") is
  // joined back while the row has fewer cells than the header
  const width = rows[0]?.length ?? 0;
  const merged: Piece[][] = [];
  for (const r of rows) {
    const prev = merged[merged.length - 1];
    if (
      prev &&
      merged.length > Math.max(headerRows, 1) - 1 &&
      prev.length < width &&
      prev.length + r.length - 1 <= width + 1 &&
      merged.length > 1
    ) {
      const last = prev.pop() ?? { text: '', map: [] };
      prev.push(
        collapsePiece(concatPieces([last, r[0] ?? { text: '', map: [] }], ' ')),
        ...r.slice(1),
      );
      continue;
    }
    merged.push(r);
  }
  rows = merged;
  return { kind: 'table', rows, headerRows };
}

function splitCells(p: Piece, isMarkdown: boolean): Piece[] {
  const cells: Piece[] = [];
  let start = 0;
  for (let i = 0; i <= p.text.length; i++) {
    if (i === p.text.length || (p.text[i] === '|' && p.text[i - 1] !== '\\')) {
      cells.push(clean(slicePiece(p, start, i), isMarkdown));
      start = i + 1;
    }
  }
  // drop the empty cells produced by leading and trailing pipes
  if (cells.length > 1 && cells[0]?.text === '' && p.text.trim().startsWith('|')) cells.shift();
  if (cells.length > 1 && cells[cells.length - 1]?.text === '' && /\|\s*$/.test(p.text)) {
    cells.pop();
  }
  return cells;
}

function pushParagraph(para: Line[], out: Block[], isMarkdown: boolean): void {
  const lines = para.map((l) => clean(l.piece, isMarkdown)).filter((l) => l.text);
  if (lines.length === 0) return;
  const first = para[0]?.piece.text.trim() ?? '';
  const content = collapsePiece(concatPieces(lines, ' '));
  // a lone bold line ("**Subprocessors**") works as a heading in Markdown
  if (
    isMarkdown &&
    para.length === 1 &&
    /^(\*\*|__)[^*_]+(\*\*|__)\s*$/.test(first) &&
    content.text.length < 80
  ) {
    out.push({ kind: 'heading', level: 4, content: headingText(content) });
    return;
  }
  out.push({
    kind: 'paragraph',
    content,
    lines,
    ...(/^(\*\*|__)/.test(first) ? { isLeadEmphasised: true } : {}),
  });
}
