import type { Span } from '../../../src-shared/domain';

/**
 * A cleaned string whose every character remembers where it came from in the document text.
 * Readers tidy text (collapse whitespace, drop markup) while extraction slices it freely; the
 * map lets every sliced field still point at its exact source for provenance. -1 marks a
 * character that has no source (an inserted separator).
 */
export interface Piece {
  text: string;
  map: number[];
}

export const EMPTY_PIECE: Piece = { text: '', map: [] };

/** A piece for `source.slice(start, end)`, unchanged. */
export function pieceFromSource(source: string, start: number, end: number): Piece {
  const map: number[] = [];
  for (let i = start; i < end; i++) map.push(i);
  return { text: source.slice(start, end), map };
}

export function slicePiece(p: Piece, start: number, end = p.text.length): Piece {
  // the whole piece (a card's one vendor name) shares its map: maps are never changed once built
  if (start === 0 && end === p.text.length && p.map.length === end) {
    return { text: p.text, map: p.map };
  }
  return { text: p.text.slice(start, end), map: p.map.slice(start, end) };
}

export function trimPiece(p: Piece, chars = /[\s\u00a0]/): Piece {
  let a = 0;
  let b = p.text.length;
  while (a < b && chars.test(p.text[a] ?? '')) a++;
  while (b > a && chars.test(p.text[b - 1] ?? '')) b--;
  return a === 0 && b === p.text.length ? p : slicePiece(p, a, b);
}

/** Trim whitespace and stray punctuation that pages leave around cell values. */
export function tidyPiece(p: Piece): Piece {
  return trimPiece(p, /[\s\u00a0,;:|*_•·–—-]/);
}

/** Collapse runs of whitespace into one space and trim, keeping the map. */
export function collapsePiece(p: Piece): Piece {
  const src = p.text;
  const n = src.length;
  // most cell and line texts are already tidy: keep them as they are
  let isTidy =
    n === 0 || (!isCollapsible(src.charCodeAt(0)) && !isCollapsible(src.charCodeAt(n - 1)));
  for (let i = 1; isTidy && i < n - 1; i++) {
    const c = src.charCodeAt(i);
    if (isCollapsible(c) && (c !== 32 || isCollapsible(src.charCodeAt(i + 1)))) isTidy = false;
  }
  // maps are never changed once built, so an exact-length map is shared rather than copied
  if (isTidy && p.map.length === n) return { text: src, map: p.map };
  if (isTidy && p.map.length > n) return { text: src, map: p.map.slice(0, n) };
  let text = '';
  const map: number[] = [];
  let pendingSpace = -2;
  let runStart = -1;
  for (let i = 0; i < n; i++) {
    if (isCollapsible(src.charCodeAt(i))) {
      if (runStart >= 0) {
        text += src.slice(runStart, i);
        runStart = -1;
      }
      if (pendingSpace === -2) pendingSpace = p.map[i] ?? -1;
      continue;
    }
    if (pendingSpace !== -2 && map.length > 0) {
      text += ' ';
      map.push(pendingSpace);
    }
    pendingSpace = -2;
    if (runStart < 0) runStart = i;
    map.push(p.map[i] ?? -1);
  }
  if (runStart >= 0) text += src.slice(runStart);
  return { text, map };
}

/**
 * `collapsePiece(concatPieces(pieces, ''))` in one pass, without the joined copy: the text nodes
 * of one line of HTML, tidied. Each piece's map must be as long as its text.
 */
export function collapsePieces(pieces: Piece[]): Piece {
  let text = '';
  const map: number[] = [];
  let pendingSpace = -2;
  for (const p of pieces) {
    const src = p.text;
    let runStart = -1;
    for (let i = 0; i < src.length; i++) {
      if (isCollapsible(src.charCodeAt(i))) {
        if (runStart >= 0) {
          text += src.slice(runStart, i);
          runStart = -1;
        }
        if (pendingSpace === -2) pendingSpace = p.map[i] ?? -1;
        continue;
      }
      if (pendingSpace !== -2 && map.length > 0) {
        text += ' ';
        map.push(pendingSpace);
      }
      pendingSpace = -2;
      if (runStart < 0) runStart = i;
      map.push(p.map[i] ?? -1);
    }
    if (runStart >= 0) text += src.slice(runStart);
  }
  return { text, map };
}

/** `/[\s\u00a0\u200b]/` for one UTF-16 unit: JavaScript's whitespace plus the zero-width space. */
export function isCollapsible(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function concatPieces(pieces: Piece[], separator = ' '): Piece {
  // one non-empty piece (a one-line cell) is the result itself: maps are never changed once built
  let only: Piece | null = null;
  let nonEmpty = 0;
  for (const p of pieces) {
    if (p.text.length > 0) {
      only = p;
      nonEmpty++;
    }
  }
  if (nonEmpty === 0) return { text: '', map: [] };
  if (nonEmpty === 1 && only) return { text: only.text, map: only.map };
  let text = '';
  const map: number[] = [];
  for (const p of pieces) {
    if (p.text.length === 0) continue;
    if (text.length > 0) {
      text += separator;
      for (let i = 0; i < separator.length; i++) map.push(-1);
    }
    text += p.text;
    // a loop, not push(...map): a long piece would overflow the argument stack
    for (let i = 0; i < p.map.length; i++) map.push(p.map[i] as number);
  }
  return { text, map };
}

/** Split on a regular expression (must be global), keeping maps; empty parts are dropped. */
export function splitPiece(p: Piece, re: RegExp): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of p.text.matchAll(re)) {
    const at = m.index ?? 0;
    out.push(slicePiece(p, last, at));
    last = at + m[0].length;
  }
  out.push(slicePiece(p, last));
  return out.map((x) => trimPiece(x)).filter((x) => x.text.length > 0);
}

/**
 * The source spans a piece covers. Neighbouring characters merge into one span when the source
 * between them is short (dropped markup or whitespace), so a highlighted name is one range.
 */
export function spansOf(p: Piece, source?: string): Span[] {
  return spansOfMap(p.map, 0, p.map.length, source);
}

/**
 * `spansOf(slicePiece(p, start, end), source)` without the sliced copy: entries take the spans
 * of a matched country or mechanism inside a longer cell.
 */
export function spansOfRange(p: Piece, start: number, end: number, source?: string): Span[] {
  // Array.prototype.slice counts negative indices from the end; offsets from matches never are
  if (start < 0 || end < 0) return spansOf(slicePiece(p, start, end), source);
  const n = p.map.length;
  return spansOfMap(p.map, Math.min(start, n), Math.min(end, n), source);
}

function spansOfMap(map: number[], from: number, to: number, source?: string): Span[] {
  const spans: Span[] = [];
  let cur: Span | null = null;
  for (let i = from; i < to; i++) {
    const off = map[i] as number;
    if (off < 0) continue;
    if (cur && off >= cur.end && (off - cur.end <= 3 || isBlank(source, cur.end, off))) {
      cur.end = off + 1;
      continue;
    }
    if (cur && off >= cur.start && off < cur.end) continue;
    cur = { start: off, end: off + 1 };
    spans.push(cur);
  }
  return spans;
}

function isBlank(source: string | undefined, a: number, b: number): boolean {
  if (!source || b - a > 40) return false;
  return /^[\s*_|<>/a-z="'-]*$/i.test(source.slice(a, b)) && !source.slice(a, b).includes('\n\n');
}

/** Find `needle` (case-insensitive) inside a piece and return that sub-piece. */
export function findInPiece(p: Piece, needle: string): Piece | null {
  const at = p.text.toLowerCase().indexOf(needle.toLowerCase());
  return at < 0 ? null : slicePiece(p, at, at + needle.length);
}
