import { isMainThread } from 'node:worker_threads';

import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

import { AppError } from '../../../../src-shared/errors';
import type { Block } from '../blocks';
import { isFactLine } from '../entries';
import { collapsePiece, concatPieces, type Piece } from '../piece';

/** A run of text on one visual line, in page coordinates (y grows downwards). */
interface Seg {
  x0: number;
  x1: number;
  y: number;
  size: number;
  piece: Piece;
  page: number;
}

interface PdfTextItem {
  str: string;
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

// A parse worker thread sits idle until its first file arrives: load pdf.js then, so the first
// PDF does not wait ~250 ms for it. The CLI and the app's main thread never load it up front.
if (!isMainThread) {
  setImmediate(() => {
    preloadPdfReader().catch(() => {
      // a failed preload is retried, and reported, by the first readPdf
      loading = null;
    });
  });
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
  const blocks: Block[] = [];
  let table: { cols: number[]; rows: Piece[][] } | null = null;
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
      continue;
    }
    const single = cols[0];
    const tb = table as { cols: number[]; rows: Piece[][] } | null;
    if (
      tb &&
      single &&
      single.x0 < (tb.cols[1] ?? Infinity) - 2 &&
      single.x1 < (tb.cols[1] ?? Infinity) + 2 &&
      Math.abs(single.size - body) < 1.5
    ) {
      // only the first column has text in this row
      const row: Piece[] = tb.cols.map(() => ({ text: '', map: [] }));
      row[0] = cellText(single.segs);
      tb.rows.push(row);
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
