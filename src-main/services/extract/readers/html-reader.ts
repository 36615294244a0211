import { Parser, type Handler } from 'htmlparser2';

import type { Block } from '../blocks';
import { concatPieces, isCollapsible, type Piece } from '../piece';
import { decodeEntity } from './inline';

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'head',
  'title',
  'iframe',
  'canvas',
  'select',
  'button',
  'nav',
  'footer',
]);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'form',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'caption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/**
 * A text node as it stands in the source (the tree's own node when its offsets need no shift):
 * decoded and mapped only when its line is tidied, so the whitespace between tags never gets a
 * position map of its own.
 */
type RawText = TextNode;

/** Inline content gathered while walking: text nodes in source coordinates, split at `<br>`. */
interface Inline {
  lines: RawText[][];
  leadBold: boolean;
  link: Piece | null;
}

/**
 * Reads HTML into blocks whose pieces point into `source` (offset by `base`), so the same walker
 * serves .html files and HTML fragments embedded in Markdown. Entities are decoded by hand to keep
 * the source offset of every character.
 */
export function readHtmlBlocks(source: string, base = 0): Block[] {
  const handler = new TreeHandler();
  const parser = new Parser(handler, { decodeEntities: false, lowerCaseTags: true });
  parser.write(source);
  parser.end();
  // only a page nesting near the limit needs the flattening walk
  if (handler.maxOpen >= MAX_DEPTH) flattenDeep(handler.dom);
  const blocks: Block[] = [];
  walkBlocks(handler.dom, source, base, blocks, 0);
  return blocks;
}

/**
 * Nesting deeper than this is read as flat text. The walkers below recurse per element, and a
 * hostile page nesting 10,000 `<div>`s would overflow the main thread's stack (RangeError); no
 * real page nests near this deep, so its structure there carries no meaning worth keeping.
 */
const MAX_DEPTH = 400;

/** A text node; `startIndex` is the source offset of `data[0]`. */
interface TextNode {
  type: 'text';
  data: string;
  startIndex: number;
}

interface ElementNode {
  type: 'tag';
  name: string;
  attribs: Record<string, string>;
  children: ChildNode[];
}

type ChildNode = TextNode | ElementNode;

/**
 * Builds the bare tree the walkers read: elements and text with its source offset, nothing else.
 * domhandler's DOM costs a quarter of the parse (sibling and parent links, end offsets, comment
 * and doctype nodes) for fields no walker reads. Text is kept as domhandler keeps it: adjacent
 * text merges unless anything (a tag, a comment, a doctype) came between.
 *
 * What no walker reads is not kept: the raw text of script and style, and everything inside a
 * SKIP element (head, nav, footer, ...) outside a table. Every walker passes over a SKIP
 * element without looking in; only a table's row search looks inside one, for rows.
 */
class TreeHandler implements Partial<Handler> {
  readonly dom: ChildNode[] = [];
  /** The deepest nesting seen: open elements, the root included, dropped ones too. */
  maxOpen = 1;
  private depth = 1;
  private readonly open: ChildNode[][] = [this.dom];
  private readonly names: string[] = [''];
  /** Open `<table>`s among the kept elements. */
  private tables = 0;
  /** Elements open inside the SKIP element being dropped, itself included; 0 when keeping. */
  private dropping = 0;
  private lastText: TextNode | null = null;
  private parser: Parser | null = null;

  onparserinit(parser: Parser): void {
    this.parser = parser;
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    this.lastText = null;
    if (++this.depth > this.maxOpen) this.maxOpen = this.depth;
    if (this.dropping > 0) {
      this.dropping++;
      return;
    }
    const el: ElementNode = { type: 'tag', name, attribs, children: [] };
    (this.open[this.open.length - 1] as ChildNode[]).push(el);
    if (SKIP.has(name) && this.tables === 0) {
      // the element stays (walkers see it and pass over it); what it holds is not built
      this.dropping = 1;
      return;
    }
    this.open.push(el.children);
    this.names.push(name);
    if (name === 'table') this.tables++;
  }

  onclosetag(): void {
    this.lastText = null;
    // the parser closes only what it opened, but the root is never closed
    if (this.depth > 1) this.depth--;
    if (this.dropping > 0) {
      this.dropping--;
      return;
    }
    if (this.open.length > 1) {
      this.open.pop();
      if (this.names.pop() === 'table') this.tables--;
    }
  }

  ontext(data: string): void {
    if (this.dropping > 0) return;
    if (this.lastText) {
      this.lastText.data += data;
      return;
    }
    const parent = this.names[this.names.length - 1];
    if (parent === 'script' || parent === 'style') return;
    const node: TextNode = { type: 'text', data, startIndex: this.parser?.startIndex ?? 0 };
    (this.open[this.open.length - 1] as ChildNode[]).push(node);
    this.lastText = node;
  }

  oncomment(): void {
    this.lastText = null;
  }

  oncdatastart(): void {
    this.lastText = null;
  }

  onprocessinginstruction(): void {
    this.lastText = null;
  }
}

/** Replaces the children of every element at MAX_DEPTH with their visible text (no recursion). */
function flattenDeep(dom: ChildNode[]): void {
  const stack: { nodes: ChildNode[]; depth: number }[] = [{ nodes: dom, depth: 0 }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    for (const n of top.nodes) {
      if (n.type !== 'tag') continue;
      if (top.depth >= MAX_DEPTH) n.children = flatText(n);
      else stack.push({ nodes: n.children, depth: top.depth + 1 });
    }
  }
}

/**
 * The text nodes under `el` in document order, walked with an explicit stack; a `<br>` stands
 * where a block or line break was, so words from separate blocks stay apart.
 */
function flatText(el: ElementNode): ChildNode[] {
  const out: ChildNode[] = [];
  const pending: (ChildNode | 'break')[] = [...el.children].reverse();
  for (let n = pending.pop(); n !== undefined; n = pending.pop()) {
    if (n === 'break') {
      out.push({ type: 'tag', name: 'br', attribs: {}, children: [] });
      continue;
    }
    if (n.type === 'text') {
      out.push(n);
      continue;
    }
    if (n.type !== 'tag') continue;
    if (SKIP.has(n.name) || n.attribs['hidden'] !== undefined || isHiddenStyle(n)) continue;
    if (n.name === 'br') {
      out.push(n);
      continue;
    }
    const isBlock = BLOCK.has(n.name);
    if (isBlock) pending.push('break');
    for (let k = n.children.length - 1; k >= 0; k--) pending.push(n.children[k] as ChildNode);
    if (isBlock) pending.push('break');
  }
  return out;
}

/**
 * `inline` gathers the text between block elements. One serves the whole walk: it is emptied in
 * place at every block boundary (most follow only the whitespace between tags), a nested walk
 * starts right after one and ends with one, and nothing keeps its arrays once it is emitted.
 */
function walkBlocks(
  nodes: ChildNode[],
  src: string,
  base: number,
  out: Block[],
  listDepth: number,
  inline: Inline = newInline(),
): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      addText(inline, node, base);
      continue;
    }
    const el = node;
    const name = el.name;
    if (SKIP.has(name) || el.attribs['hidden'] !== undefined || isHiddenStyle(el)) continue;
    if (name === 'br') {
      inline.lines.push([]);
      continue;
    }
    if (!BLOCK.has(name)) {
      collectInline(el, src, base, inline);
      continue;
    }
    flushInline(inline, out);
    const level = headingLevel(name);
    if (level > 0) {
      const h = newInline();
      collectInline(el, src, base, h);
      const content = collapseLines(h.lines);
      if (content.text) out.push({ kind: 'heading', level, content });
    } else if (name === 'table') {
      readTable(el, src, base, out);
    } else if (name === 'li') {
      const item = newInline();
      const nested: ChildNode[] = [];
      for (const c of el.children) {
        if (c.type === 'tag' && (c.name === 'ul' || c.name === 'ol')) {
          nested.push(c);
        } else if (c.type === 'tag' && BLOCK.has(c.name) && !isInlineBlock(c)) {
          nested.push(c);
        } else {
          collectInlineNode(c, src, base, item);
        }
      }
      const content = collapseLines(item.lines);
      if (content.text) {
        out.push({
          kind: 'list-item',
          depth: listDepth,
          content,
          ...(item.link ? { linkText: item.link } : {}),
        });
      }
      walkBlocks(nested, src, base, out, listDepth + 1, inline);
    } else if (name === 'dl') {
      readDefinitionList(el, src, base, out);
    } else {
      walkBlocks(
        el.children,
        src,
        base,
        out,
        name === 'ul' || name === 'ol' ? listDepth : listDepth,
        inline,
      );
    }
  }
  flushInline(inline, out);
}

/**
 * 1–6 for h1–h6, else 0: `/^h[1-6]$/` without a regex run on every block element the walk meets.
 */
export function headingLevel(name: string): number {
  if (name.length !== 2 || name.charCodeAt(0) !== 104) return 0;
  const d = name.charCodeAt(1) - 48;
  return d >= 1 && d <= 6 ? d : 0;
}

function isInlineBlock(n: ChildNode): boolean {
  return n.type === 'tag' && n.name === 'p';
}

function isHiddenStyle(el: ElementNode): boolean {
  const style = el.attribs['style'] ?? '';
  return (
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style) ||
    (el.attribs['aria-hidden'] === 'true' && el.name !== 'i')
  );
}

function newInline(): Inline {
  return { lines: [[]], leadBold: false, link: null };
}

/** Tidied lines joined by single spaces: already collapsed, so no second pass is needed. */
function joinLines(lines: RawText[][]): { lines: Piece[]; content: Piece } {
  const tidy: Piece[] = [];
  for (const l of lines) {
    const p = collapseRaw(l, false);
    if (p.text.length > 0) tidy.push(p);
  }
  return { lines: tidy, content: concatPieces(tidy, ' ') };
}

/**
 * Every text node holds only whitespace (no entity, which could decode to a character): the
 * lines tidy to nothing and emitParagraph would emit nothing.
 */
function isBlankInline(inline: Inline): boolean {
  for (const line of inline.lines) {
    for (const t of line) {
      const s = t.data;
      for (let i = 0; i < s.length; i++) if (!isCollapsible(s.charCodeAt(i))) return false;
    }
  }
  return true;
}

/** Emits the gathered text as a paragraph, if it holds any, and empties `inline` in place. */
function flushInline(inline: Inline, out: Block[]): void {
  if (!isBlankInline(inline)) emitParagraph(inline, out);
  const first = inline.lines[0];
  if (inline.lines.length !== 1 || !first) {
    inline.lines = [[]];
  } else {
    // popped rather than cut by `length = 0`, which goes through the runtime: a line holds few
    // nodes, and most of these lines hold only the whitespace between two blocks
    while (first.length !== 0) first.pop();
  }
  inline.leadBold = false;
  inline.link = null;
}

function emitParagraph(inline: Inline, out: Block[]): void {
  const { lines, content } = joinLines(inline.lines);
  if (lines.length === 0) return;
  // two literals rather than a spread: a spread copies into a new object on every paragraph
  out.push(
    inline.leadBold
      ? { kind: 'paragraph', content, lines, isLeadEmphasised: true }
      : { kind: 'paragraph', content, lines },
  );
}

function collectInline(el: ElementNode, src: string, base: number, into: Inline): void {
  for (const c of el.children) collectInlineNode(c, src, base, into);
}

function collectInlineNode(node: ChildNode, src: string, base: number, into: Inline): void {
  if (node.type === 'text') {
    addText(into, node, base);
    return;
  }
  const el = node;
  if (SKIP.has(el.name) || isHiddenStyle(el)) return;
  if (el.name === 'br') {
    into.lines.push([]);
    return;
  }
  if (el.name === 'img') {
    return;
  }
  const before = into.lines.length === 1 && (into.lines[0] ?? []).every(isBlankText);
  if (BLOCK.has(el.name) && into.lines[into.lines.length - 1]?.length) into.lines.push([]);
  const linkStartLine = into.lines.length;
  const linkStartLen = into.lines[into.lines.length - 1]?.length ?? 0;
  collectInline(el, src, base, into);
  if (BLOCK.has(el.name)) into.lines.push([]);
  if (before && (el.name === 'strong' || el.name === 'b')) into.leadBold = true;
  if (el.name === 'a' && into.link === null && before) {
    const line = into.lines[linkStartLine - 1] ?? [];
    into.link = collapseRaw(line.slice(linkStartLen), false);
  }
}

function addText(into: Inline, node: TextNode, base: number): void {
  const text: RawText =
    base === 0 ? node : { type: 'text', data: node.data, startIndex: node.startIndex + base };
  const line = into.lines[into.lines.length - 1];
  if (line) line.push(text);
  else into.lines.push([text]);
}

/** The text node holds nothing visible once decoded (`&nbsp;` included). */
function isBlankText(t: RawText): boolean {
  return !(t.data.includes('&') ? decodeWithMap(t.data, t.startIndex).text : t.data).trim();
}

/**
 * `collapsePiece(concatPieces(lines.map((l) => concatPieces(l.map(decode), '')), ' '))` in one
 * pass and one map: lines joined by a space that has no source (-1), whitespace runs collapsed to
 * one space mapped to the run's first character, the ends trimmed.
 */
function collapseLines(lines: RawText[][]): Piece {
  if (lines.length === 1) return collapseRaw(lines[0] ?? [], false);
  const all: RawText[] = [];
  for (const l of lines) {
    // concatPieces skips empty lines: no separator for them
    if (!l.some((t) => t.data.length > 0)) continue;
    if (all.length > 0) all.push(LINE_SEPARATOR);
    for (const t of l) all.push(t);
  }
  return collapseRaw(all, true);
}

/** The space joining two lines of a heading or list item: it has no source character. */
const LINE_SEPARATOR: RawText = { type: 'text', data: ' ', startIndex: -1 };

/**
 * `collapsePieces` over text nodes, decoding entities on the way (only nodes holding `&` get a
 * decoded copy). With `hasSeparators`, LINE_SEPARATOR maps to -1.
 */
function collapseRaw(texts: RawText[], hasSeparators: boolean): Piece {
  let text = '';
  // written into the shared scratch and copied out at its exact length: an array grown by push
  // leaves about twice its final size behind as garbage, and these maps are most of a page's
  const map = COLLAPSE_SCRATCH;
  let n = 0;
  let pendingSpace = -2;
  for (const t of texts) {
    let src = t.data;
    let decoded: number[] | null = null;
    if (src.includes('&')) {
      const d = decodeWithMap(src, t.startIndex);
      src = d.text;
      decoded = d.map;
    }
    const isSeparator = hasSeparators && t === LINE_SEPARATOR;
    let runStart = -1;
    for (let i = 0; i < src.length; i++) {
      const off = isSeparator ? -1 : decoded ? (decoded[i] as number) : t.startIndex + i;
      if (isCollapsible(src.charCodeAt(i))) {
        if (runStart >= 0) {
          text += src.slice(runStart, i);
          runStart = -1;
        }
        if (pendingSpace === -2) pendingSpace = off;
        continue;
      }
      if (pendingSpace !== -2 && n > 0) {
        text += ' ';
        map[n++] = pendingSpace;
      }
      pendingSpace = -2;
      if (runStart < 0) runStart = i;
      map[n++] = off;
    }
    if (runStart >= 0) text += src.slice(runStart);
  }
  return { text, map: map.slice(0, n) };
}

/** collapseRaw's working map; it never calls itself, so one serves every call. */
const COLLAPSE_SCRATCH: number[] = [];

function decodeWithMap(raw: string, start: number): Piece {
  if (!raw.includes('&')) {
    const map = new Array<number>(raw.length);
    for (let i = 0; i < raw.length; i++) map[i] = start + i;
    return { text: raw, map };
  }
  let text = '';
  const map: number[] = [];
  let i = 0;
  while (i < raw.length) {
    if (raw[i] === '&') {
      const m = /^&(#\d+|#x[0-9a-f]+|[a-z]+);/i.exec(raw.slice(i, i + 12));
      const decoded = m ? decodeEntity(m[1] ?? '') : null;
      if (m && decoded !== null) {
        text += decoded;
        for (let k = 0; k < decoded.length; k++) map.push(start + i);
        i += m[0].length;
        continue;
      }
    }
    text += raw[i];
    map.push(start + i);
    i++;
  }
  return { text, map };
}

/**
 * The inline state cells are gathered in, emptied before each cell: a cell's text is tidied
 * into new pieces before the next cell starts, and gathering a cell never reads another table.
 */
const cellInline: Inline = newInline();

function cellPiece(el: ElementNode, src: string, base: number): Piece {
  const inl = cellInline;
  inl.lines = [[]];
  inl.leadBold = false;
  inl.link = null;
  collectInline(el, src, base, inl);
  // a line break inside a cell separates list-like values ("United Kingdom,<br>United States")
  return joinLines(inl.lines).content;
}

/**
 * Rows of cells with spans resolved: a `rowspan` cell repeats in the rows it covers (a vendor
 * with two locations on two rows), a `colspan` cell is followed by empty cells. A row that is one
 * cell spanning the table ("Infrastructure", "Planned") stays a one-cell row: a sub-heading.
 */
function readTable(table: ElementNode, src: string, base: number, out: Block[]): void {
  const rows: Piece[][] = [];
  let headerRows = 0;
  // column -> the spanning cell and how many more rows it covers
  const pending = new Map<number, { piece: Piece; left: number }>();
  const visit = (nodes: ChildNode[], inHead: boolean): void => {
    for (const n of nodes) {
      if (n.type !== 'tag') continue;
      const el = n;
      if (el.name === 'tr') {
        const cellEls = el.children.filter(
          (c): c is ElementNode => c.type === 'tag' && (c.name === 'td' || c.name === 'th'),
        );
        if (cellEls.length === 0) continue;
        const allTh = cellEls.every((c) => c.name === 'th');
        const first = cellEls[0];
        if (cellEls.length === 1 && first && span(first, 'colspan') >= 2 && pending.size === 0) {
          rows.push([cellPiece(first, src, base)]);
          continue;
        }
        const cells: Piece[] = [];
        const take = (): void => {
          for (let p = pending.get(cells.length); p; p = pending.get(cells.length)) {
            cells.push(p.piece);
            if (--p.left <= 0) pending.delete(cells.length - 1);
          }
        };
        for (const ce of cellEls) {
          take();
          const piece = cellPiece(ce, src, base);
          const rowSpan = span(ce, 'rowspan');
          if (rowSpan > 1) pending.set(cells.length, { piece, left: rowSpan - 1 });
          cells.push(piece);
          for (let k = 1; k < span(ce, 'colspan'); k++) cells.push({ text: '', map: [] });
        }
        take();
        if ((inHead || allTh) && rows.length === headerRows) headerRows++;
        rows.push(cells);
      } else if (el.name !== 'table') {
        visit(el.children, inHead || el.name === 'thead');
      }
    }
  };
  visit(table.children, false);
  if (rows.length > 0) out.push({ kind: 'table', rows, headerRows });
}

/** A span attribute, clamped: a page's `rowspan="999"` must not stall the reader. */
function span(el: ElementNode, name: 'rowspan' | 'colspan'): number {
  const n = Number.parseInt(el.attribs[name] ?? '1', 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, name === 'rowspan' ? 200 : 10) : 1;
}

function readDefinitionList(dl: ElementNode, src: string, base: number, out: Block[]): void {
  let term: Piece | null = null;
  const items = dl.children.flatMap((c) =>
    c.type === 'tag' && c.name === 'div' ? c.children : [c],
  );
  for (const c of items) {
    if (c.type !== 'tag') continue;
    const el = c;
    if (el.name === 'dt') {
      term = cellPiece(el, src, base);
    } else if (el.name === 'dd' && term) {
      out.push({ kind: 'definition', term, description: cellPiece(el, src, base) });
      term = null;
    }
  }
}
