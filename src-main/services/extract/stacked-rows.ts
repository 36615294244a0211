import { countriesIn } from '../normalize/countries';
import { hasLegalSuffix } from '../normalize/names';
import type { Block, TableBlock } from './blocks';
import { concatPieces, slicePiece, type Piece } from './piece';

/**
 * Certification and compliance wording: the "Posture"/"Certifications" column that closes each
 * row of many vendor tables. Such a line is never a purpose or a name.
 */
const CERT =
  /\b(?:ISO(?:\/IEC)?\s*\d{4,5}|SOC\s*[123]|PCI(?:\s*DSS)?|HIPAA|FedRAMP|GDPR|attestation|certifi\w+|BAA|CSA\s+STAR|TISAX|HITRUST|Cyber\s+Essentials)\b/i;
const CERT_HEADER = /posture|certif|compliance|attestation|security/i;

type LineKind = 'name' | 'legal' | 'location' | 'cert' | 'text';

const EMPTY: Piece = { text: '', map: [] };

/**
 * Columns of a squashed header line ("VendorRoleLocationData accessedPosture" once the table's
 * cells lost their separators): a column starts at every capitalised word.
 */
export function headerColumns(header: Piece): Piece[] {
  const cuts: number[] = [0];
  const t = header.text;
  for (let i = 1; i < t.length; i++) {
    const isUpper = /\p{Lu}/u.test(t[i] ?? '');
    if (isUpper && (/[\p{Ll}]/u.test(t[i - 1] ?? '') || t[i - 1] === ' ')) cuts.push(i);
  }
  return cuts
    .map((a, k) => slicePiece(header, a, cuts[k + 1] ?? t.length))
    .map((p) => slicePiece(p, 0, p.text.trimEnd().length))
    .filter((p) => p.text.length > 0);
}

/**
 * Rows of a table flattened one cell per line, where empty cells (a logo image, a blank
 * location) vanish: "Cloudflare / Cloudflare, Inc. / purpose / data / certifications", then
 * "purpose / data / certifications" for a row whose name was only a logo. Rows are told apart by
 * their closing certification or location line, or by a name-like line after a row's text; each
 * line goes to the first column in header order that fits its kind. Rows without a name stay
 * rows (with an empty name) so the reviewer sees them.
 */
export function readStackedRows(
  blocks: Block[],
  from: number,
  header: Piece,
  isHeader: (text: string) => boolean,
): { table: TableBlock | null; next: number } {
  const columns = headerColumns(header);
  if (columns.length < 3) return { table: null, next: from };
  const lastHeader = columns[columns.length - 1]?.text ?? '';
  const hasCertColumn = columns.some((c) => CERT_HEADER.test(c.text));
  const locationAt = columns.findIndex((c) => /location|countr|region/i.test(c.text));
  const closer: LineKind | null = CERT_HEADER.test(lastHeader)
    ? 'cert'
    : /location|countr|region/i.test(lastHeader)
      ? 'location'
      : null;
  const lines: Piece[] = [];
  let i = from;
  while (i < blocks.length) {
    const b = blocks[i];
    // the next table's header line ends this one
    if (!b || b.kind !== 'paragraph' || b.lines.length !== 1 || isHeader(b.content.text)) break;
    lines.push(b.content);
    i++;
  }
  const kinds = lines.map((l) => lineKind(l.text, hasCertColumn));
  const records: { lines: Piece[]; kinds: LineKind[]; isClosed: boolean }[] = [];
  let cur: { lines: Piece[]; kinds: LineKind[]; isClosed: boolean } | null = null;
  let consumed = 0;
  for (let k = 0; k < lines.length; k++) {
    const kind = kinds[k] as LineKind;
    const startsName = kind === 'name' || (kind === 'legal' && !cur?.kinds.includes('name'));
    if (!cur || (startsName && cur.kinds.some((x) => x !== 'name' && x !== 'legal'))) {
      if (cur) records.push(cur);
      cur = { lines: [], kinds: [], isClosed: false };
    }
    cur.lines.push(lines[k] as Piece);
    cur.kinds.push(kind);
    if (closer && kind === closer) {
      cur.isClosed = true;
      records.push(cur);
      consumed = k + 1;
      cur = null;
    } else if (!closer) {
      consumed = k + 1;
    }
  }
  // with closing lines, a last group without one is the text after the table (a note, the next
  // section's heading), and it stays for the other rules
  if (cur && !closer) records.push(cur);
  const rows = records;
  const only = rows[0];
  if (
    rows.length === 0 ||
    (rows.length === 1 && only && only.kinds[0] !== 'name' && !only.isClosed)
  ) {
    return { table: null, next: from };
  }
  const out: Piece[][] = [columns];
  for (const r of rows) out.push(toCells(r.lines, r.kinds, columns, locationAt));
  return { table: { kind: 'table', rows: out, headerRows: 1 }, next: from + consumed };
}

function toCells(lines: Piece[], kinds: LineKind[], columns: Piece[], locationAt: number): Piece[] {
  const cells: Piece[] = columns.map(() => EMPTY);
  let k = 0;
  const names: Piece[] = [];
  while (k < lines.length && (kinds[k] === 'name' || kinds[k] === 'legal') && names.length < 3) {
    names.push(lines[k] as Piece);
    k++;
  }
  // "Brand" over "Brand, Inc." is one cell: the legal entity goes in parentheses for the splitter
  if (names.length >= 2) {
    const legal = concatPieces(names.slice(1), ' / ');
    cells[0] = concatPieces([names[0] as Piece, wrap(legal)], ' ');
  } else if (names.length === 1) {
    cells[0] = names[0] as Piece;
  }
  let col = 1;
  for (; k < lines.length; k++) {
    const kind = kinds[k];
    const line = lines[k] as Piece;
    if (kind === 'location' && locationAt > 0) {
      cells[locationAt] = line;
      continue;
    }
    if (kind === 'cert') {
      cells[columns.length - 1] = line;
      continue;
    }
    while (col < columns.length && (col === locationAt || cells[col]?.text)) col++;
    if (col >= columns.length) break;
    cells[col] = line;
    col++;
  }
  return cells;
}

function wrap(p: Piece): Piece {
  return {
    text: `(${p.text})`,
    map: [-1, ...p.map, -1],
  };
}

function lineKind(t: string, hasCertColumn: boolean): LineKind {
  const s = t.trim();
  const words = s.split(/\s+/);
  // a sentence that mentions a standard ("PCI scope offload.") is a purpose; badges are not sentences
  if (hasCertColumn && CERT.test(s) && !/\.$/.test(s) && (/[·•|]/.test(s) || words.length <= 12)) {
    return 'cert';
  }
  if (words.length <= 6 && countriesIn(s).codes.length > 0 && !/[.!?]$/.test(s)) {
    return 'location';
  }
  if (words.length <= 12 && s.split(/\s+\/\s+/).some((part) => hasLegalSuffix(part))) {
    return 'legal';
  }
  if (isNameLike(s, words)) return 'name';
  return 'text';
}

/** A vendor name is short and capitalised word by word ("Google OAuth", "Segment.io"). */
function isNameLike(s: string, words: string[]): boolean {
  if (words.length > 5 || s.length > 50 || /[.:;,!?]$/.test(s)) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(s)) return false;
  return words.every((w) => !/^\p{Ll}{4,}$/u.test(w) || /^(and|of|for|the|by|on)$/i.test(w));
}
