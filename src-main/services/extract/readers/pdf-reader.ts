import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

import { AppError } from '../../../../src-shared/errors';
import type { Block } from '../blocks';
import { isFactLine } from '../entries';
import { collapsePiece, concatPieces, slicePiece, trimPiece, type Piece } from '../piece';

/** A run of text on one visual line, in page coordinates (y grows downwards). */
interface Seg {
  x0: number;
  x1: number;
  y: number;
  size: number;
  piece: Piece;
  page: number;
  /** pdf.js's name for the font of the segment's first run: tells bold header cells apart. */
  font: string;
}

interface PdfTextItem {
  str: string;
  fontName?: string;
  transform: number[];
  width: number;
  height: number;
}

type PdfJs = typeof PdfJsModule;

let loading: Promise<PdfJs> | null = null;

/**
 * Loads pdf.js once, with its worker module: in Node pdf.js runs its "worker" in-process and
 * would otherwise import that module (another ~100 ms) on the first document it opens. Handing
 * it over as `globalThis.pdfjsWorker` is pdf.js's own hook for this.
 */
export function preloadPdfReader(): Promise<PdfJs> {
  loading ??= Promise.all([
    import('pdfjs-dist/legacy/build/pdf.mjs'),
    import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
  ]).then(([pdfjs, worker]) => {
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return pdfjs;
  });
  return loading;
}

/**
 * Reads a PDF with positions. Browser-printed tables wrap cells over several lines and centre
 * them vertically, so plain text order cannot tell cells apart; x positions and the padding gap
 * between rows can. Loaded lazily so other formats never pay for pdf.js.
 */
export async function readPdf(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ text: string; blocks: Block[] }> {
  const pdfjs = await preloadPdfReader();
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: bytes.slice(),
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (cause) {
    const name = cause instanceof Error ? cause.name : '';
    const reason =
      name === 'PasswordException'
        ? 'the PDF is encrypted with a password; save an unprotected copy and import that'
        : 'the PDF is damaged or not a PDF; it could not be opened';
    throw new AppError('pdf-unreadable', reason, { file: fileName, cause });
  }
  try {
    const segs: Seg[] = [];
    let text = '';
    let pageTop = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const it of content.items) {
        if ('str' in it && it.str.trim()) items.push(it);
      }
      const pageText = layoutPage(items, viewport.height, pageTop, n, text.length, segs);
      text += pageText;
      pageTop += viewport.height + 1000;
      page.cleanup();
    }
    if (text.trim().length === 0) {
      throw new AppError(
        'pdf-unreadable',
        'the PDF has no text layer (it is probably a scanned image); run OCR on it first',
        { file: fileName },
      );
    }
    return { text, blocks: buildBlocks(segs) };
  } finally {
    await doc.destroy();
  }
}

/** Groups items into visual lines and segments, appends their text, returns the page text. */
function layoutPage(
  items: PdfTextItem[],
  pageHeight: number,
  pageTop: number,
  page: number,
  textStart: number,
  out: Seg[],
): string {
  const words = items
    .map((it) => ({
      str: it.str,
      x0: it.transform[4] ?? 0,
      x1: (it.transform[4] ?? 0) + it.width,
      y: pageHeight - (it.transform[5] ?? 0) + pageTop,
      size: Math.max(1, Math.abs(it.height) || Math.abs(it.transform[3] ?? 10)),
      font: it.fontName ?? '',
    }))
    .sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: (typeof words)[] = [];
  for (const w of words) {
    const line = lines[lines.length - 1];
    const ref = line?.[0];
    if (line && ref && Math.abs(w.y - ref.y) < 0.35 * Math.min(w.size, ref.size)) line.push(w);
    else lines.push([w]);
  }
  let text = '';
  for (const line of lines) {
    line.sort((a, b) => a.x0 - b.x0);
    let seg: Seg | null = null;
    for (const w of line) {
      const gap = seg ? w.x0 - seg.x1 : 0;
      if (seg && gap < 0.6 * w.size) {
        const glue =
          gap > 0.12 * w.size && !seg.piece.text.endsWith(' ') && !w.str.startsWith(' ') ? ' ' : '';
        text += glue;
        const at = textStart + text.length;
        text += w.str;
        seg.piece = {
          text: seg.piece.text + glue + w.str,
          map: [
            ...seg.piece.map,
            ...(glue ? [at - 1] : []),
            ...w.str.split('').map((_, k) => at + k),
          ],
        };
        seg.x1 = Math.max(seg.x1, w.x1);
        continue;
      }
      if (seg) text += '\t';
      const at = textStart + text.length;
      text += w.str;
      seg = {
        x0: w.x0,
        x1: w.x1,
        y: w.y,
        size: w.size,
        page,
        font: w.font,
        piece: { text: w.str, map: w.str.split('').map((_, k) => at + k) },
      };
      out.push(seg);
    }
    text += '\n';
  }
  return `${text}\n`;
}

interface Band {
  segs: Seg[];
  top: number;
  bottom: number;
}

/**
 * Bands are runs of lines closer than a line's leading: a paragraph, or one table row (cell
 * padding separates rows). A band whose segments form several side-by-side columns is a table row.
 */
function buildBlocks(segs: Seg[]): Block[] {
  const body = bodySize(segs);
  const bands: Band[] = [];
  for (const s of [...segs].sort((a, b) => a.y - b.y || a.x0 - b.x0)) {
    const band = bands[bands.length - 1];
    const top = s.y - s.size;
    if (
      band &&
      top - band.bottom < 0.5 * body &&
      Math.abs(s.size - (band.segs[0]?.size ?? s.size)) < 1.5
    ) {
      band.segs.push(s);
      band.bottom = Math.max(band.bottom, s.y);
    } else {
      bands.push({ segs: [s], top, bottom: s.y });
    }
  }
  joinListsAcrossPages(bands);
  const spacing = lineSpacing(bands);
  const blocks: Block[] = [];
  let table: { cols: number[]; rows: Piece[][] } | null = null;
  let tableBottom = -Infinity;
  let tableFirstX = -Infinity;
  const flushTable = (): void => {
    if (table && table.rows.length >= 2) {
      blocks.push({ kind: 'table', rows: table.rows, headerRows: 1 });
    } else if (table) {
      for (const r of table.rows) pushParagraphFromCells(r, blocks);
    }
    table = null;
  };
  for (const band of bands) {
    const cols = columnsOf(band.segs);
    // an unpadded table's long cells run into the next column, so columnsOf may see only one
    const grid = gridOf(band.segs, body, spacing, cols.length >= 2 ? 2 : 3);
    if (grid) {
      // a table printed without cell padding: its rows run together into one band
      if (!table || !compatible(table.cols, grid.starts)) {
        flushTable();
        table = { cols: grid.starts, rows: [] };
      }
      const t: { cols: number[]; rows: Piece[][] } = table;
      for (const cells of grid.rows) {
        const row: Piece[] = t.cols.map(() => ({ text: '', map: [] }));
        cells.forEach((c, k) => {
          const at = columnIndex(t.cols, grid.starts[k] ?? 0);
          row[at] = collapsePiece(concatPieces([row[at] as Piece, c], ' '));
        });
        t.rows.push(row);
      }
      tableBottom = band.bottom;
      tableFirstX = grid.starts[0] ?? -Infinity;
      continue;
    }
    if (cols.length >= 2) {
      const starts = cols.map((c) => c.x0);
      if (!table || !compatible(table.cols, starts)) {
        flushTable();
        table = { cols: starts, rows: [] };
      }
      const t: { cols: number[]; rows: Piece[][] } = table;
      const row: Piece[] = t.cols.map(() => ({ text: '', map: [] }));
      for (const c of cols) {
        const k = columnIndex(t.cols, c.x0);
        row[k] = collapsePiece(concatPieces([row[k] as Piece, cellText(c.segs)], ' '));
      }
      t.rows.push(row);
      tableBottom = band.bottom;
      tableFirstX = cols[0]?.x0 ?? -Infinity;
      continue;
    }
    const single = cols[0];
    const tb = table as { cols: number[]; rows: Piece[][] } | null;
    if (
      tb &&
      single &&
      // a wrapped name right under the rows, not a link list after the table
      band.top - tableBottom < 2.5 * body &&
      Math.abs(single.x0 - tableFirstX) < 2 &&
      new Set(single.segs.map((s) => s.y)).size <= 3 &&
      single.x0 < (tb.cols[1] ?? Infinity) - 2 &&
      single.x1 < (tb.cols[1] ?? Infinity) + 2 &&
      Math.abs(single.size - body) < 1.5
    ) {
      // only the first column has text in this row
      const row: Piece[] = tb.cols.map(() => ({ text: '', map: [] }));
      row[0] = cellText(single.segs);
      tb.rows.push(row);
      tableBottom = band.bottom;
      continue;
    }
    flushTable();
    const size = Math.max(...band.segs.map((s) => s.size));
    const lines = linesOf(band.segs);
    const content = collapsePiece(concatPieces(lines, ' '));
    if (size > body * 1.15 && content.text.length < 120) {
      blocks.push({
        kind: 'heading',
        level: size > body * 1.6 ? 1 : size > body * 1.3 ? 2 : 3,
        content,
      });
    } else {
      blocks.push({ kind: 'paragraph', content, lines });
    }
  }
  flushTable();
  return joinCards(blocks);
}

/**
 * A printed card: a short name line (a heading, or a line of its own) followed by "Label: value"
 * facts, each printed as its own paragraph (`<h3>Stripe</h3><p><b>Location:</b> US</p>…`). The
 * entry rules read a card as one paragraph whose first line names the vendor, which is how the
 * HTML and text readers present it, so the card's blocks are joined into that shape. The pages
 * are one flow of blocks, so a page break inside a card changes nothing.
 */
function joinCards(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    const head = nameLine(b);
    const facts: Piece[] = [];
    let j = i + 1;
    for (let f = blocks[j]; head && f?.kind === 'paragraph'; f = blocks[++j]) {
      const lines = factLines(f.lines);
      if (!lines) break;
      facts.push(...lines);
    }
    if (head && facts.length) {
      const lines = [head, ...facts];
      out.push({
        kind: 'paragraph',
        content: collapsePiece(concatPieces(lines, ' ')),
        lines,
        isLeadEmphasised: b.kind === 'heading',
      });
      i = j - 1;
      continue;
    }
    if (b.kind === 'paragraph' && b.lines.length > 1) {
      // a card printed as one paragraph ("Stripe" / "Purpose: …" / its wrapped tail)
      const [first, ...rest] = b.lines;
      const restFacts = first && !isFactLine(first.text) ? factLines(rest) : null;
      if (first && restFacts) {
        out.push({ ...b, lines: [first, ...restFacts] });
        continue;
      }
    }
    out.push(b);
  }
  return out;
}

/** A heading or a one-line paragraph short enough to name a vendor, and not itself a fact. */
function nameLine(b: Block): Piece | null {
  const p = b.kind === 'heading' ? b.content : b.kind === 'paragraph' ? b.lines[0] : undefined;
  if (!p || (b.kind === 'paragraph' && b.lines.length !== 1)) return null;
  const t = p.text.trim();
  if (!t || t.split(/\s+/).length > 10 || /[.:;]$/.test(t) || isFactLine(t)) return null;
  return p;
}

/**
 * Lines starting with a "Label: value" fact, each with the wrapped lines of its value joined to
 * it; null unless the first line is such a fact.
 */
function factLines(lines: Piece[]): Piece[] | null {
  const out: Piece[] = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    if (isFactLine(l.text) || !last) out.push(l);
    else out[out.length - 1] = collapsePiece(concatPieces([last, l], ' '));
  }
  return out.length && isFactLine(out[0]?.text ?? '') ? out : null;
}

function pushParagraphFromCells(cells: Piece[], out: Block[]): void {
  const lines = cells.filter((c) => c.text);
  if (lines.length) {
    out.push({ kind: 'paragraph', content: collapsePiece(concatPieces(lines, ' ')), lines });
  }
}

function bodySize(segs: Seg[]): number {
  const weight = new Map<number, number>();
  for (const s of segs) {
    const k = Math.round(s.size * 2) / 2;
    weight.set(k, (weight.get(k) ?? 0) + s.piece.text.length);
  }
  let best = 10;
  let bestW = -1;
  for (const [k, w] of weight) if (w > bestW) [best, bestW] = [k, w];
  return best;
}

interface Column {
  x0: number;
  x1: number;
  size: number;
  segs: Seg[];
}

/**
 * The document's line spacing, as a multiple of the font size: the smallest distance between
 * consecutive lines of its paragraphs and lists that recurs. Bands with several segments on a
 * line are left out, as an unpadded table's rows are a little further apart than its lines.
 */
function lineSpacing(bands: Band[]): number {
  const counts = new Map<number, number>();
  for (const b of bands) {
    if (new Set(b.segs.map((s) => s.y)).size !== b.segs.length) continue;
    const lastAt = new Map<number, number>();
    for (const s of b.segs) {
      const k = Math.round(s.x0 * 2);
      const prev = lastAt.get(k);
      const ratio = prev === undefined ? 0 : Math.round(((s.y - prev) / s.size) * 50) / 50;
      if (ratio > 0.8 && ratio < 2) counts.set(ratio, (counts.get(ratio) ?? 0) + 1);
      lastAt.set(k, s.y);
    }
  }
  const recurring = [...counts].filter(([, n]) => n >= 3).map(([r]) => r);
  return recurring.length ? Math.min(...recurring) : 1.2;
}

/**
 * A list of short items (a site's link list) that a page break cuts: its first items would
 * otherwise stand alone at the foot of a page and read as a title over the rest. Joined only when
 * both parts are one-line items at one indent and one part has several, so two cards
 * that happen to sit either side of a break stay apart.
 */
function joinListsAcrossPages(bands: Band[]): void {
  const isItems = (b: Band): boolean =>
    b.segs.every(
      (s) =>
        Math.abs(s.x0 - (b.segs[0]?.x0 ?? 0)) < 1 &&
        s.piece.text.split(/\s+/).length <= 4 &&
        !isFactLine(s.piece.text),
    ) && new Set(b.segs.map((s) => s.y)).size === b.segs.length;
  for (let i = bands.length - 1; i > 0; i--) {
    const a = bands[i - 1] as Band;
    const b = bands[i] as Band;
    const lastA = a.segs[a.segs.length - 1];
    const firstB = b.segs[0];
    if (
      lastA &&
      firstB &&
      firstB.page === lastA.page + 1 &&
      Math.abs(firstB.x0 - lastA.x0) < 1 &&
      Math.abs(firstB.size - lastA.size) < 0.5 &&
      Math.max(a.segs.length, b.segs.length) >= 3 &&
      isItems(a) &&
      isItems(b)
    ) {
      a.segs.push(...b.segs);
      a.bottom = b.bottom;
      bands.splice(i, 1);
    }
  }
}

/** Side-by-side groups of segments whose x ranges do not overlap. */
function columnsOf(segs: Seg[]): Column[] {
  const sorted = [...segs].sort((a, b) => a.x0 - b.x0);
  const cols: Column[] = [];
  for (const s of sorted) {
    const c = cols[cols.length - 1];
    if (c && s.x0 <= c.x1 + 0.6 * s.size) {
      c.segs.push(s);
      c.x1 = Math.max(c.x1, s.x1);
    } else {
      cols.push({ x0: s.x0, x1: s.x1, size: s.size, segs: [s] });
    }
  }
  return cols;
}

function compatible(cols: number[], starts: number[]): boolean {
  return starts.every((x) => cols.some((c) => Math.abs(c - x) < 4));
}

function columnIndex(cols: number[], x: number): number {
  let k = 0;
  for (let i = 0; i < cols.length; i++) if ((cols[i] ?? 0) <= x + 4) k = i;
  return k;
}

function cellText(segs: Seg[]): Piece {
  return collapsePiece(concatPieces(linesOf(segs), ' '));
}

function linesOf(segs: Seg[]): Piece[] {
  return [...segs].sort((a, b) => a.y - b.y || a.x0 - b.x0).map((s) => s.piece);
}

/**
 * The rows of a table printed without cell padding (no CSS on it). Its rows are only about a
 * line apart, so they fall into one band, and Chromium centres each wrapped cell vertically.
 * Columns start where the lines of several cells start (left-aligned body cells; a centred
 * header cell falls in the column under its middle). Rows: within a cell, lines are one leading
 * apart; between rows the gap is larger (the default border spacing and padding). A boundary is
 * a gap no cell spans, and a row needs text in the first column, as vendor tables name the
 * vendor first. Null when the band does not read as two or more such rows.
 */
function gridOf(
  segs: Seg[],
  body: number,
  spacing: number,
  minColumns: number,
): { starts: number[]; rows: Piece[][] } | null {
  const starts = columnStarts(segs);
  if (starts.length < minColumns) return null;
  const parts = segs.flatMap((s) => splitAtStarts(s, starts));
  const colOf = (s: Seg): number => {
    const isAligned = starts.some((x) => Math.abs(x - s.x0) < 2);
    return columnIndex(starts, isAligned ? s.x0 : (s.x0 + s.x1) / 2);
  };
  const byCol: Seg[][] = starts.map(() => []);
  for (const s of parts) byCol[colOf(s)]?.push(s);
  // the leading: the smallest distance between two lines of one column, or the page's own
  // line spacing when no cell wraps (the distance seen is then from row to row)
  let leading = spacing * (segs[0]?.size ?? body);
  for (const col of byCol) {
    col.sort((a, b) => a.y - b.y);
    for (let i = 1; i < col.length; i++) {
      const dy = (col[i] as Seg).y - (col[i - 1] as Seg).y;
      if (dy > 0.8 * body) leading = Math.min(leading, dy);
    }
  }
  if (!Number.isFinite(leading)) return null;
  // spans of y that lie inside one cell: consecutive lines of a column one leading apart
  const spans: [number, number][] = [];
  for (const col of byCol) {
    for (let i = 1; i < col.length; i++) {
      const a = (col[i - 1] as Seg).y;
      const b = (col[i] as Seg).y;
      if (b - a > 0.5 && b - a < leading + Math.max(1, 0.08 * body)) spans.push([a, b]);
    }
  }
  const ys = [...new Set(parts.map((s) => Math.round(s.y * 10) / 10))].sort((a, b) => a - b);
  spans.sort((a, b) => a[0] - b[0]);
  // rows: runs of lines joined by a cell; ys ascend, so one sweep over the spans finds the
  // furthest a cell reaches from the lines read so far
  const groupOf = new Map<number, number>();
  let groups = 0;
  let reach = -Infinity;
  let next = 0;
  let last: number | undefined;
  for (const y of ys) {
    while (next < spans.length && (spans[next]?.[0] ?? Infinity) <= (last ?? -Infinity) + 0.05) {
      reach = Math.max(reach, spans[next]?.[1] ?? -Infinity);
      next++;
    }
    if (last === undefined || (y - last >= 0.5 && reach < y - 0.05)) groups++;
    groupOf.set(y, groups - 1);
    last = y;
  }
  const rowOf = (s: Seg): number => groupOf.get(Math.round(s.y * 10) / 10) ?? -1;
  const rows: Seg[][][] = Array.from({ length: groups }, () => starts.map(() => []));
  for (const s of parts) rows[rowOf(s)]?.[colOf(s)]?.push(s);
  // a group with nothing in the first column continues the row above (a cell's second paragraph)
  const merged: Seg[][][] = [];
  for (const r of rows) {
    const prev = merged[merged.length - 1];
    if (prev && (r[0]?.length ?? 0) === 0) r.forEach((c, k) => prev[k]?.push(...c));
    else merged.push(r);
  }
  const filled = merged.filter((r) => r.filter((c) => c.length).length >= 2).length;
  if (merged.length < 2 || filled < 2) return null;
  return { starts, rows: merged.map((r) => r.map((c) => cellText(c))) };
}

/**
 * Left edges of columns: where the body's cells start (left-aligned, the browser's default).
 * Header cells are centred by default, so the header row is left out: what lies above the first
 * body-font line starting at the table's left edge, where each row's first cell starts (a row's
 * other cells are centred around that line, so each reaches down to it). A start seen once must
 * be in the body's font, as a bold header cell may still sit below that line. Empty when there
 * are more edges than the widest line has cells: the body's cells are centred too.
 */
function columnStarts(segs: Seg[]): number[] {
  const chars = new Map<string, number>();
  for (const s of segs) chars.set(s.font, (chars.get(s.font) ?? 0) + s.piece.text.length);
  let bodyFont = '';
  let most = -1;
  for (const [f, n] of chars) if (n > most) [bodyFont, most] = [f, n];
  const body = segs.filter((s) => s.font === bodyFont);
  const left = Math.min(...body.map((s) => s.x0));
  const bodyTop = Math.min(...body.filter((s) => s.x0 < left + 0.5).map((s) => s.y));
  const sorted = segs.filter((s) => s.y > bodyTop - 0.5).sort((a, b) => a.x0 - b.x0);
  const out: number[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as Seg).x0 - (sorted[i] as Seg).x0 < 1.5) j++;
    if (j > i || (sorted[i] as Seg).font === bodyFont) out.push((sorted[i] as Seg).x0);
    i = j + 1;
  }
  const perLine = new Map<number, number>();
  for (const s of segs) perLine.set(s.y, (perLine.get(s.y) ?? 0) + 1);
  return out.length > 2 * Math.max(...perLine.values()) ? [] : out;
}

/**
 * A segment that runs across a column's left edge holds two cells: pdf.js joins text runs a
 * space apart, and unpadded cells are about that close. It is cut at the space nearest to the
 * edge, placed by typical glyph widths, as pdf.js gives no positions inside a run.
 */
function splitAtStarts(seg: Seg, starts: number[]): Seg[] {
  const edge = starts.find((x) => x > seg.x0 + 2 && x < seg.x1 - 2);
  if (edge === undefined) return [seg];
  const t = seg.piece.text;
  const widths = [...t].map(glyphWidth);
  const total = widths.reduce((a, b) => a + b, 0);
  const scale = (seg.x1 - seg.x0) / total;
  let x = seg.x0;
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === ' ' && i > 0) {
      const d = Math.abs(x + (widths[i] ?? 0) * scale - edge);
      if (d < bestD) [best, bestD] = [i, d];
    }
    x += (widths[i] ?? 0) * scale;
  }
  if (best < 0 || bestD > seg.size) return [seg];
  const left: Seg = { ...seg, x1: edge - 1, piece: trimPiece(slicePiece(seg.piece, 0, best)) };
  const right: Seg = { ...seg, x0: edge, piece: trimPiece(slicePiece(seg.piece, best + 1)) };
  return [left, ...splitAtStarts(right, starts)];
}

/** Rough advance widths (em) of a proportional font, enough to place a space within a run. */
function glyphWidth(c: string): number {
  if (c === ' ' || /[ijl.,;:'!|]/.test(c)) return 0.27;
  if (/[ftrI()\-/]/.test(c)) return 0.35;
  if (/[mwMW]/.test(c)) return 0.8;
  if (/[A-Z]/.test(c)) return 0.66;
  return 0.5;
}
