import type { EntryStatus, ParsedEntry, Provenance, Span } from '../../../src-shared/domain';
import { countriesIn, isOutsideEea } from '../normalize/countries';
import { knownVendorPrefix, knownVendorsIn } from '../normalize/known-vendors';
import { hasLegalSuffix, splitVendorList, splitVendorName, vendorKey } from '../normalize/names';
import { mergeStatus, statusCue } from '../normalize/status';
import { transfersIn, findTransfers, pageWideTransfers } from '../normalize/transfer';
import { sentencesOf } from '../normalize/metadata';
import type { Block, TableBlock } from './blocks';
import { isChromeRows, isSiteChrome } from './chrome';
import { matchKeyValue } from './key-value';
import { readStackedRows } from './stacked-rows';
import {
  collapsePiece,
  concatPieces,
  slicePiece,
  splitPiece,
  spansOf,
  spansOfRange,
  tidyPiece,
  trimPiece,
  type Piece,
} from './piece';

/** One sub-processor as found, before brand/legal splitting, merging and normalisation. */
export interface Draft {
  name: Piece;
  nameOnPage: boolean;
  purpose: Piece | null;
  locations: Piece[];
  transfers: Piece[];
  dataCategories: Piece[];
  section: Piece | null;
  status: EntryStatus;
  statusPiece: Piece | null;
  confidence: number;
  reasons: string[];
  /** For a row without a printed name: the prose of its section, which may name the vendor. */
  context?: Piece[];
  /** The legal entity a labelled line gives ("Entity: Cohere Inc."), when the name has none. */
  legalEntity?: Piece;
}

type Role =
  'name' | 'purpose' | 'location' | 'transfer' | 'data' | 'product' | 'category' | 'other';

const ROLE_PATTERNS: [Role, RegExp][] = [
  ['transfer', /transfer|mechanism|safeguard/i],
  ['location', /location|countr|region|jurisdiction|where\b|hosted in|data cent/i],
  [
    'data',
    /^(?:personal\s+)?data\b(?!\s+(?:center|centre|location))|categor(?:y|ies)\s+of\s+(?:personal\s+)?data|^type[s]? of data|data (?:subjects|shared|accessed|processed|categories)/i,
  ],
  [
    'purpose',
    /purpose|description|activit|\brole\b|function|nature|services? provided|what .* do|processing/i,
  ],
  [
    'name',
    /sub-?\s?processors?|vendor|entit(?:y|ies)|company|provider|^name|name of|third[- ]part|supplier|partner|organi[sz]ation|^processor/i,
  ],
  ['product', /product|service|feature|offering/i],
  ['category', /department|category|^type$|team|area/i],
];

/** Roles of labels already seen: a page repeats "Purpose" and "Location" on every card. */
const ROLE_CACHE = new Map<string, Role>();

function roleOf(header: string): Role {
  const h = header.trim();
  if (!h) return 'other';
  const known = ROLE_CACHE.get(h);
  if (known) return known;
  let role: Role = 'other';
  for (const [r, re] of ROLE_PATTERNS) {
    if (re.test(h)) {
      role = r;
      break;
    }
  }
  // labels are short; a bounded cache keeps a hostile page from growing it without end
  if (ROLE_CACHE.size >= 2000) ROLE_CACHE.clear();
  ROLE_CACHE.set(h, role);
  return role;
}

/** Columns of a header row; the best "purpose" column wins when several could be it. */
function headerRoles(cells: Piece[]): Role[] | null {
  const roles = cells.map((c) => roleOf(c.text));
  if (cells.some((c) => c.text.length > 60)) return null;
  const purposeCols = roles.flatMap((r, i) => (r === 'purpose' ? [i] : []));
  if (purposeCols.length > 1) {
    const score = (i: number): number => {
      const t = cells[i]?.text ?? '';
      return /purpose/i.test(t) ? 3 : /description/i.test(t) ? 2 : 1;
    };
    const best = purposeCols.reduce((a, b) => (score(b) > score(a) ? b : a));
    for (const i of purposeCols) if (i !== best) roles[i] = 'other';
  }
  const nameCols = roles.flatMap((r, i) => (r === 'name' ? [i] : []));
  for (const i of nameCols.slice(1)) roles[i] = 'other';
  const known = roles.filter((r) => r !== 'other').length;
  if (nameCols.length === 0 || known < 2) return null;
  return roles;
}

interface Context {
  headings: { level: number; piece: Piece; cue: ReturnType<typeof statusCue> }[];
  intro: { status: EntryStatus; piece: Piece } | null;
  isIntroOpen: boolean;
  isListContext: boolean;
  /** Paragraphs since the last heading: a section's introduction. */
  sectionProse: Piece[];
  /** Heading level of the vendor cards read so far, 0 before the first. */
  cardLevel: number;
  /** Some heading or text on the page speaks of sub-processors, vendors or third parties. */
  isVendorPage: boolean;
  /** Status wording of row texts already read: rows repeat their purposes. */
  rowCues: Map<string, ReturnType<typeof statusCue>>;
}

/** Words a sub-processor page uses about its list, anywhere on the page (the title included). */
const VENDOR_PAGE_CUE =
  /sub-?\s?processors?|\bprocessors?\b|vendors?|third[- ]part|service providers?|suppliers?/i;

function isVendorPage(blocks: Block[]): boolean {
  return blocks.some(
    (b) =>
      (b.kind === 'heading' || b.kind === 'paragraph' || b.kind === 'list-item') &&
      VENDOR_PAGE_CUE.test(b.content.text),
  );
}

/** Walks the blocks in order and collects drafts from tables, headed blocks, definitions and lists. */
export function extractDrafts(
  blocks: Block[],
  isTextFormat: boolean,
): { drafts: Draft[]; pageTransfers: Piece[] } {
  KEY_VALUES.clear();
  try {
    return readDrafts(blocks, isTextFormat);
  } finally {
    KEY_VALUES.clear();
  }
}

function readDrafts(
  blocks: Block[],
  isTextFormat: boolean,
): { drafts: Draft[]; pageTransfers: Piece[] } {
  const drafts: Draft[] = [];
  const pageTransfers: Piece[] = [];
  const ctx: Context = {
    headings: [],
    intro: null,
    isIntroOpen: false,
    isListContext: false,
    sectionProse: [],
    cardLevel: 0,
    isVendorPage: isVendorPage(blocks),
    rowCues: new Map(),
  };
  const prepared = isTextFormat ? promoteTextStructure(blocks) : blocks;
  const titleIndex = prepared.findIndex((b) => b.kind === 'heading');
  for (let i = 0; i < prepared.length; i++) {
    const b = prepared[i] as Block;
    if (b.kind === 'heading') {
      // the page title is not a section, unless it qualifies the list ("Platform subprocessors")
      const isQualifiedList =
        /sub-?\s?processors?/i.test(b.content.text) &&
        !/^(?:(?:the|our|list\s+of)\s+)*sub-?\s?processors?(?:\s+list)?$/i.test(
          b.content.text.trim(),
        );
      const isTitle = b.level === 1 || (i === titleIndex && i === 0 && !isQualifiedList);
      if (isTitle) continue;
      if (
        isTextFormat &&
        b.level === PROMOTED_LEVEL &&
        ctx.isListContext &&
        ctx.headings.length > 0
      ) {
        const titled = fromTitledBlock(b.content, prepared, i + 1, ctx, true);
        if (titled) {
          drafts.push(...titled.drafts);
          i = titled.next - 1;
          continue;
        }
      }
      if (
        !isTextFormat &&
        ctx.isListContext &&
        ctx.headings.some((h) => h.level < b.level) &&
        isCardHeading(prepared, i, ctx.cardLevel)
      ) {
        const card = fromTitledBlock(b.content, prepared, i + 1, ctx, false);
        if (card) {
          drafts.push(...card.drafts);
          ctx.cardLevel = b.level;
          i = card.next - 1;
          continue;
        }
      }
      while (
        ctx.headings.length &&
        (ctx.headings[ctx.headings.length - 1]?.level ?? 0) >= b.level
      ) {
        ctx.headings.pop();
      }
      ctx.headings.push({
        level: b.level,
        piece: cleanHeading(b.content),
        cue: statusCue(b.content.text),
      });
      ctx.intro = null;
      ctx.isIntroOpen = true;
      ctx.sectionProse = [];
      // a category heading ("Infrastructure") inside a list keeps the list going; a heading about
      // the page itself ("Changes to this list", "Contact") ends it
      ctx.isListContext =
        /sub-?\s?processors?|vendors?|processors|third[- ]part|providers?|partners?|entities|suppliers/i.test(
          b.content.text,
        ) ||
        (ctx.isListContext && !NOT_A_VENDOR_TITLE.test(b.content.text));
      continue;
    }
    if (b.kind === 'table') {
      drafts.push(...fromTable(b, ctx));
      continue;
    }
    if (b.kind === 'definition') {
      const d = fromDefinition(b.term, b.description, ctx);
      if (d) drafts.push(d);
      continue;
    }
    if (b.kind === 'list-item') {
      if (b.depth === 0 || b.linkText) {
        const d = fromListItem(b.content, b.linkText ?? null, ctx);
        if (d) drafts.push(...d);
      }
      continue;
    }
    // paragraph
    const headed = fromHeadedParagraph(b.lines, ctx, b.isLeadEmphasised === true);
    if (headed) {
      drafts.push(headed);
      continue;
    }
    ctx.sectionProse.push(b.content);
    // only the paragraph right under a heading speaks for the whole section
    const cue = ctx.isIntroOpen ? statusCue(b.content.text) : null;
    ctx.isIntroOpen = false;
    if (cue && cue.status !== 'active' && b.content.text.length < 600) {
      ctx.intro = { status: cue.status, piece: slicePiece(b.content, cue.start, cue.end) };
    }
    if (/sub-?\s?processors?|vendors|processors|service providers/i.test(b.content.text)) {
      ctx.isListContext = true;
    }
    for (const s of sentencesOf(b.content.text)) {
      if (pageWideTransfers(s.text).length) {
        pageTransfers.push(slicePiece(b.content, s.start, s.start + s.text.length));
      }
    }
    drafts.push(...fromProse(b.content, ctx));
  }
  nameUnnamedRows(drafts, rosterOf(prepared));
  return { drafts: drafts.filter((d) => !isSiteChrome(d.name.text)), pageTransfers };
}

/**
 * A card: a heading with only a few short paragraphs under it (description, "Location: ..."),
 * then a sibling card's heading or the section's end. It must have a sibling at its level or
 * follow a card of its level, so a lone sub-heading with an intro is not taken for a vendor.
 */
function isCardHeading(blocks: Block[], i: number, cardLevel: number): boolean {
  const h = blocks[i];
  if (h?.kind !== 'heading') return false;
  let j = i + 1;
  // "Location: …" facts are the card's own lines however many there are; prose is only a few
  let prose = 0;
  while (blocks[j]?.kind === 'paragraph' && (isFact(blocks[j]) || prose++ < 4)) j++;
  if (j === i + 1) return false;
  const next = blocks[j];
  if (next && (next.kind !== 'heading' || next.level > h.level)) return false;
  return cardLevel === h.level || next?.level === h.level;
}

function cleanHeading(p: Piece): Piece {
  const m = /^\s*(?:§\s*)?\d{1,2}(?:\.\d+)*[.)]?\s+/.exec(p.text);
  return trimPiece(m ? slicePiece(p, m[0].length) : p, /[\s.:#*_]/);
}

function currentSection(ctx: Context): Piece | null {
  return ctx.headings[ctx.headings.length - 1]?.piece ?? null;
}

/** Status for a row: its own wording first, then the section's intro paragraph, then headings. */
function statusFor(ctx: Context, rowTexts: Piece[]): { status: EntryStatus; piece: Piece | null } {
  // a section the page disowns (customer-managed, not engaged) outranks "optional" row wording
  const section = sectionStatus(ctx);
  if (section.status === 'customer-managed' || section.status === 'inactive') return section;
  for (const p of rowTexts) {
    let cue = ctx.rowCues.get(p.text);
    if (cue === undefined) {
      cue = statusCue(p.text);
      ctx.rowCues.set(p.text, cue);
    }
    if (cue && cue.status !== 'active') {
      return { status: cue.status, piece: slicePiece(p, cue.start, cue.end) };
    }
  }
  return section;
}

function sectionStatus(ctx: Context): { status: EntryStatus; piece: Piece | null } {
  if (ctx.intro) return { status: ctx.intro.status, piece: ctx.intro.piece };
  for (let k = ctx.headings.length - 1; k >= 0; k--) {
    const h = ctx.headings[k];
    if (h?.cue) return { status: h.cue.status, piece: slicePiece(h.piece, 0, h.piece.text.length) };
  }
  return { status: 'active', piece: null };
}

function newDraft(
  name: Piece,
  ctx: Context,
  extra: Partial<Draft> & { rowTexts?: Piece[] },
): Draft {
  const { status, piece } = statusFor(ctx, extra.rowTexts ?? []);
  return {
    name,
    nameOnPage: extra.nameOnPage ?? true,
    purpose: extra.purpose ?? null,
    locations: extra.locations ?? [],
    transfers: extra.transfers ?? [],
    dataCategories: extra.dataCategories ?? [],
    section: currentSection(ctx),
    status,
    statusPiece: piece,
    confidence: extra.confidence ?? 1,
    reasons: extra.reasons ?? [],
    ...(extra.context ? { context: extra.context } : {}),
    ...(extra.legalEntity?.text ? { legalEntity: extra.legalEntity } : {}),
  };
}

function fromTable(t: TableBlock, ctx: Context): Draft[] {
  if (isChromeRows(t.rows)) return [];
  let headerAt = -1;
  let roles: Role[] | null = null;
  for (let r = 0; r < Math.min(3, t.rows.length); r++) {
    const found = headerRoles(t.rows[r] ?? []);
    if (found) {
      headerAt = r;
      roles = found;
      break;
    }
  }
  if (!roles) {
    roles = guessRoles(t);
    if (!roles) return [];
    headerAt = t.headerRows - 1;
    // without a vendor header, any two-column table would pass for a list (a recipe's
    // "Energy | 320 kcal"): the page must speak of vendors or the rows must name companies
    if (!ctx.isListContext && !ctx.isVendorPage && !namesCompanies(t, headerAt)) return [];
  }
  const header = (t.rows[headerAt] ?? []).map((c) => c.text).join('|');
  const out: Draft[] = [];
  const depth = ctx.headings.length;
  for (let r = headerAt + 1; r < t.rows.length; r++) {
    const row = t.rows[r] ?? [];
    if (isJoinedAs(row, header) || row.every((c) => !c.text) || repeatsHeader(row, roles)) continue;
    // a one-cell row across a wider table ("Infrastructure", "Planned") heads the rows below it
    if (row.length === 1 && roles.length >= 2) {
      ctx.headings.length = depth;
      const piece = tidyPiece(row[0] as Piece);
      ctx.headings.push({ level: 7, piece, cue: statusCue(piece.text) });
      continue;
    }
    const cell = (role: Role): Piece | null => {
      const k = (roles ?? []).indexOf(role);
      const c = k >= 0 ? row[k] : undefined;
      return c && c.text ? c : null;
    };
    const name = cell('name');
    const purpose = cell('purpose');
    const location = cell('location');
    const transfer = cell('transfer');
    const product = cell('product');
    const data = cell('data');
    const rowTexts = [purpose, product, name].filter((x): x is Piece => x !== null);
    const common = {
      purpose: purpose ? firstSentence(purpose) : null,
      locations: location ? [location] : [],
      transfers: [transfer, location, purpose].filter((x): x is Piece => x !== null),
      dataCategories: data ? [data] : [],
      rowTexts,
    };
    if (!name) {
      out.push(
        newDraft({ text: '', map: [] }, ctx, {
          ...common,
          nameOnPage: false,
          confidence: 0.4,
          reasons: ['the row prints no vendor name (a logo image?)'],
          context: [...ctx.sectionProse],
        }),
      );
      continue;
    }
    const names = splitVendorList(name.text);
    for (const [a, b] of names) {
      out.push(newDraft(slicePiece(name, a, b), ctx, common));
    }
  }
  ctx.headings.length = depth;
  return out;
}

/**
 * A header row repeated inside the table in other words or spelling ("Sub- processor" when a PDF
 * breaks the word, "VENDOR | USE | REGION", a printed table's header on each page): three or
 * more columns, every cell filled with a short label of its own column's kind. A vendor row fills
 * its location column with places, not with a word like "Location" or "Region".
 */
function repeatsHeader(row: Piece[], roles: Role[]): boolean {
  if (row.length < 3 || row.length !== roles.length) return false;
  for (let k = 0; k < row.length; k++) {
    const text = (row[k] as Piece).text;
    if (!text || text.length > 40 || roleOf(text) !== roles[k] || roles[k] === 'other') {
      return false;
    }
  }
  return true;
}

/**
 * `cells.map((c) => c.text).join('|') === joined`, without joining a row that cannot match: the
 * lengths must agree first, and most rows differ from the header in length.
 */
function isJoinedAs(cells: Piece[], joined: string): boolean {
  let length = cells.length - 1;
  for (const c of cells) length += c.text.length;
  if (length !== joined.length && !(cells.length === 0 && joined.length === 0)) return false;
  return cells.map((c) => c.text).join('|') === joined;
}

/**
 * Names the page states in a parenthesised list of three or more capitalised names ("published
 * with 11 subprocessors (Cloudflare, Railway, Supabase, ...)"): the page's own roster.
 */
function rosterOf(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind !== 'paragraph' && b.kind !== 'list-item') continue;
    if (!b.content.text.includes('(')) continue;
    for (const m of b.content.text.matchAll(/\(([^()]{3,600})\)/g)) {
      const items = (m[1] ?? '').split(/\s*,\s*|\s+and\s+/).filter(Boolean);
      if (
        items.length >= 3 &&
        items.every((x) => /^[\p{Lu}\p{N}][\w.&-]*(?:\s+[\p{Lu}][\w.&-]*){0,3}$/u.test(x))
      ) {
        out.push(...items);
      }
    }
  }
  return out;
}

/**
 * A row whose name was a logo keeps an empty name unless its section's own introduction names
 * exactly one vendor that no row prints ("Cloudflare sits in front; Railway runs the backend"
 * over the Cloudflare row and one unnamed row). The name then comes from the page, marked as
 * not printed in the row and with low confidence; it is never guessed from the purpose.
 */
function nameUnnamedRows(drafts: Draft[], roster: string[]): void {
  // most pages print every name: then there is nothing to look up
  if (!drafts.some((d) => !d.name.text && d.context)) return;
  const printed = new Set(
    drafts.filter((d) => d.name.text).map((d) => vendorKey(splitVendorName(d.name.text).name)),
  );
  const groups = new Map<Piece | null, Draft[]>();
  for (const d of drafts) {
    if (d.name.text || !d.context) continue;
    const g = groups.get(d.section) ?? [];
    g.push(d);
    groups.set(d.section, g);
  }
  for (const group of groups.values()) {
    const only = group[0];
    if (group.length !== 1 || !only?.context) continue;
    const found = new Map<string, Piece>();
    for (const p of only.context) {
      for (const m of [...knownVendorsIn(p.text), ...namesIn(p.text, roster)]) {
        const key = vendorKey(m.name);
        if (!printed.has(key) && !found.has(key)) found.set(key, slicePiece(p, m.start, m.end));
      }
    }
    const [name] = [...found.values()];
    if (found.size !== 1 || !name) continue;
    only.name = name;
    only.confidence = 0.5;
    only.reasons.push('the name comes from the section introduction, which names only this vendor');
    printed.add(vendorKey(name.text));
  }
}

function namesIn(text: string, names: string[]): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  for (const n of names) {
    const re = new RegExp(
      `(?<=^|[^\\p{L}\\p{N}]|\\p{Ll})${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
      'u',
    );
    const m = re.exec(text);
    if (m) out.push({ name: n, start: m.index, end: m.index + n.length });
  }
  return out;
}

/** A table without a recognisable header: names first, a column of places is the location. */
function guessRoles(t: TableBlock): Role[] | null {
  const width = Math.max(...t.rows.map((r) => r.length));
  if (width < 2 || t.rows.length < 2) return null;
  const roles: Role[] = Array.from({ length: width }, () => 'other');
  roles[0] = 'name';
  for (let c = 1; c < width; c++) {
    const hits = t.rows.filter((r) => countriesIn(r[c]?.text ?? '').codes.length > 0).length;
    if (hits >= t.rows.length * 0.6) roles[c] = 'location';
    else if (!roles.includes('purpose')) roles[c] = 'purpose';
  }
  // only a list of short names counts as a vendor table
  if (t.rows.some((r) => (r[0]?.text.split(/\s+/).length ?? 0) > 8)) return null;
  return roles;
}

/** At least half the first-column cells carry a legal form or a well-known vendor's name. */
function namesCompanies(t: TableBlock, headerAt: number): boolean {
  const names = t.rows
    .slice(headerAt + 1)
    .map((r) => r[0]?.text.trim() ?? '')
    .filter(Boolean);
  const hits = names.filter((n) => hasLegalSuffix(n) || knownVendorsIn(n).length > 0).length;
  return names.length > 0 && hits * 2 >= names.length;
}

/** A trailing period ends a sentence, except after a legal suffix ("Inc.", "Ltd."). */
function isSentenceEnd(t: string): boolean {
  return /:$/.test(t) || (/\.$/.test(t) && !hasLegalSuffix(t));
}

function firstSentence(p: Piece): Piece {
  const m = /^(.+?[.!?])\s+(?=[A-Z])/.exec(p.text);
  return m && (m[1] ?? '').length >= 12 ? slicePiece(p, 0, (m[1] ?? '').length) : p;
}

function fromDefinition(term: Piece, description: Piece, ctx: Context): Draft | null {
  const t = term.text.trim();
  if (!t || t.split(/\s+/).length > 8 || isSentenceEnd(t) || !/^[\p{Lu}\p{N}]/u.test(t)) {
    return null;
  }
  // "Payment processing. Location: United States": facts run on after the description's sentence
  const { fields, rest } = keyValues(splitPiece(description, FIELD_START));
  return newDraft(tidyPiece(term), ctx, {
    purpose: fields.purpose ?? (rest ? firstSentence(rest) : null),
    locations: fields.location ? [fields.location] : rest && namesPlace(rest) ? [rest] : [],
    transfers: [fields.transfer, fields.location].filter((x): x is Piece => !!x),
    rowTexts: rest ? [rest] : [],
  });
}

/** Where a "Location: ..." fact starts after a sentence inside one line of text. */
const FIELD_START = /(?<=[.;·|])\s+(?=[A-Z][A-Za-z /()-]{1,40}:\s)/g;

/** Free text that places the service somewhere ("hosting in Germany and Finland"). */
function namesPlace(p: Piece): boolean {
  return /\b(?:in|from)\s+(?:the\s+)?[\p{Lu}]/u.test(p.text);
}

/** A "Key: value" line: its label, its value and the label's role. */
interface KeyValue {
  label: string;
  value: string;
  role: Role;
}

/**
 * Lines of the page being read, already read as "Key: value" or not. A card's lines are tested
 * when its heading is weighed as a card, again when the card is read, and once more for its
 * fields; the answer depends on the text alone. Emptied when the page is done (extractDrafts),
 * so no page's pieces outlive it; a plain Map, as a WeakMap's bookkeeping costs more than the
 * match it saves.
 */
const KEY_VALUES = new Map<Piece, KeyValue | null>();

function keyValueOf(p: Piece): KeyValue | null {
  let kv = KEY_VALUES.get(p);
  if (kv === undefined) {
    const m = matchKeyValue(p.text);
    kv = m ? { label: m.label, value: m.value, role: roleOf(m.label) } : null;
    KEY_VALUES.set(p, kv);
  }
  return kv;
}
/** Labels of a line that gives the vendor's legal entity ("Entity:", "Legal entity:"). */
const ENTITY_LABEL = /entit|\blegal\b|\bcompany\b|registered/i;

/**
 * "Key: value" lines inside a block, by role, plus the text that is not such a line, and the
 * legal entity a line names ("Entity: Cohere Inc.").
 */
function keyValues(lines: Piece[]): {
  fields: Partial<Record<Role, Piece>>;
  rest: Piece | null;
  entity: Piece | null;
} {
  const fields: Partial<Record<Role, Piece>> = {};
  const rest: Piece[] = [];
  let entity: Piece | null = null;
  for (const line of lines) {
    const kv = keyValueOf(line);
    const role = kv ? kv.role : 'other';
    if (kv && role !== 'other') {
      const at = line.text.indexOf(kv.value, kv.label.length);
      fields[role] ??= slicePiece(line, at);
      if (role === 'name' && ENTITY_LABEL.test(kv.label)) {
        entity ??= tidyPiece(slicePiece(line, at));
      }
    } else {
      rest.push(line);
    }
  }
  return { fields, rest: rest.length ? collapsePiece(concatPieces(rest, ' ')) : null, entity };
}

/** A line that is a "Key: value" fact of a known kind ("Location: Germany"), for readers. */
export function isFactLine(text: string): boolean {
  const m = matchKeyValue(text);
  return m !== null && roleOf(m.label) !== 'other';
}

/** A one-line paragraph that is a "Key: value" fact of a known kind ("Location: Germany"). */
function isFact(b: Block | undefined): boolean {
  if (b?.kind !== 'paragraph' || b.lines.length !== 1) return false;
  const kv = keyValueOf(b.content);
  return kv !== null && kv.role !== 'other';
}

/**
 * A paragraph whose first line names a vendor and whose other lines are "Key: value" facts
 * (`<p><strong>Vendor, Inc.</strong><br>Entity Location: USA</p>`).
 */
function fromHeadedParagraph(
  lines: Piece[],
  ctx: Context,
  isLeadEmphasised: boolean,
): Draft | null {
  if (lines.length < 2) return null;
  const head = lines[0] as Piece;
  if (head.text.split(/\s+/).length > 10 || isSentenceEnd(head.text.trim())) return null;
  const { fields, entity } = keyValues(lines.slice(1));
  if (!fields.location && !fields.purpose && !fields.transfer && !isLeadEmphasised) return null;
  if (!fields.location && !fields.purpose && !fields.transfer) return null;
  return newDraft(tidyPiece(head), ctx, {
    ...(entity ? { legalEntity: entity } : {}),
    purpose: fields.purpose ?? null,
    locations: fields.location ? [fields.location] : [],
    transfers: [fields.transfer, fields.location].filter((x): x is Piece => !!x),
    dataCategories: fields.data ? [fields.data] : [],
    rowTexts: fields.purpose ? [fields.purpose] : [],
  });
}

const DOC_WORDS =
  /\s+(?:data\s+processing\s+(?:agreement|addendum)|dpa|compliance(?:\s+information)?|privacy(?:\s+(?:policy|notice|center|centre))?|security(?:\s+information)?|gdpr(?:\s+(?:center|centre|compliance))?|terms(?:\s+of\s+(?:service|use))?|trust\s+(?:center|centre)|sub-?processors?(?:\s+list)?)\s*$/i;

function fromListItem(content: Piece, link: Piece | null, ctx: Context): Draft[] | null {
  if (!ctx.isListContext) return null;
  let name: Piece | null = null;
  let purpose: Piece | null = null;
  if (link && link.text.trim()) {
    const stripped = link.text.replace(DOC_WORDS, '');
    name = slicePiece(link, 0, stripped.length);
    const after =
      content.text.indexOf(link.text) >= 0
        ? content.text.indexOf(link.text) + link.text.length
        : -1;
    if (after >= 0) {
      const rest = slicePiece(content, after);
      const m = /^\s*(?:[-–—:,]\s*|\bfor\s+|\bto\s+|\bprovides?\s+)/i.exec(rest.text);
      if (m) purpose = trimPiece(slicePiece(rest, m[0].length), /[\s.;,]/);
    }
  } else {
    const m = /\s+[—–-]\s+|:\s+|\s+\((?=[a-z])|\s+for\s+(?=[a-z])/.exec(content.text);
    if (m) {
      name = slicePiece(content, 0, m.index);
      purpose = trimPiece(slicePiece(content, m.index + m[0].length), /[\s.;,)]/);
    } else if (content.text.split(/\s+/).length <= 4 && !/[.!?]$/.test(content.text)) {
      name = content;
    }
  }
  if (!name) return null;
  const words = name.text.trim().split(/\s+/);
  if (words.length > 7 || !/^[\p{Lu}\p{N}]/u.test(name.text.trim())) return null;
  if (/^(our|we|all|each|this|these|if|when|for|data|customer)\b/i.test(name.text.trim())) {
    return null;
  }
  if (!link && /^the\b/i.test(name.text.trim())) return null;
  if (/https?:|www\./.test(name.text)) return null;
  const n = tidyPiece(name);
  return splitVendorList(n.text).map(([a, b]) =>
    newDraft(slicePiece(n, a, b), ctx, {
      purpose,
      // "Hetzner – hosting in Nürnberg, Germany": a list item's only place is in its text
      locations: purpose && namesPlace(purpose) ? [purpose] : [],
      rowTexts: purpose ? [purpose] : [],
    }),
  );
}

const NOT_A_VENDOR_TITLE =
  /sub-?\s?processors?|vendors?|integrations|partners|providers|entities|notification|change|update|contact|question|history|overview|definition|\bnotes?\b|about|policy|terms|privacy|security|how |what |why |faq|summary|introduction|scope|\d{4,}|·/i;
const CATEGORY_TAIL =
  /\s+(?:infrastructure|e-?mail|ai|billing|payments?|analytics|monitoring|support|hosting|storage|security|mdm|sso|crm|marketing|observability|logging|search|database|cdn|dns|sms|messaging|communications?)$/i;

/**
 * In text copied from a rendered page, a short title line inside a sub-processor section
 * followed by its description ("Stripe Billing" / "Subscription billing and payment processing.")
 * is one entry; a trailing category word and "X's own tenant" remarks are not part of the name.
 */
function fromTitledBlock(
  title: Piece,
  blocks: Block[],
  from: number,
  ctx: Context,
  isPlainTitle: boolean,
): { drafts: Draft[]; next: number } | null {
  const next = blocks[from];
  if (!next || next.kind !== 'paragraph') return null;
  if (/^\d{1,2}[.)]\s/.test(title.text)) return null;
  // each cut runs only when the title holds the character its match needs: most titles are a
  // bare vendor name, and every regex run over them found nothing
  let name = title;
  if (name.text.includes('\u2014') || name.text.includes('\u2013')) {
    name = cutTitle(name, DASH_TAIL);
  }
  if (name.text.includes('own')) name = cutTitle(name, OWN_TAIL);
  if (name.text.endsWith(')')) name = cutTitle(name, REMARK_TAIL);
  // a plain-text title line may run the vendor into its category ("Stripe Billing"); a marked-up
  // heading names the vendor or product as the page spells it ("Google Analytics", "Mistral AI")
  if (isPlainTitle) name = cutTitle(name, CATEGORY_TAIL);
  let j = from;
  const paras: Piece[] = [];
  // a description of up to three paragraphs, and every "Key: value" fact that follows it
  while (blocks[j]?.kind === 'paragraph' && (paras.length < 3 || isFact(blocks[j]))) {
    const p = blocks[j];
    if (p?.kind === 'paragraph') paras.push(p.content);
    j++;
  }
  // a title whose text introduces a table is that table's section heading, not a vendor
  if (blocks[j]?.kind === 'table') return null;
  const { fields, rest, entity } = keyValues(paras);
  // a title about the page ("Changes to this list", "Contact") is no vendor, unless the block
  // under it states a vendor's facts ("Constant Contact" / "Purpose: …" / "Location: …")
  const facts = (fields.purpose ? 1 : 0) + (fields.location ? 1 : 0) + (fields.transfer ? 1 : 0);
  if (facts < 2 && NOT_A_VENDOR_TITLE.test(title.text)) return null;
  const description = rest ?? paras[0] ?? null;
  const rowTexts = description ? [title, description] : [title];
  const bracketed = description ? bracketedVendors(name, firstSentence(description)) : null;
  if (bracketed) {
    const drafts = bracketed.names.map((n) =>
      newDraft(n, ctx, {
        purpose: bracketed.purpose,
        locations: fields.location ? [fields.location] : [],
        transfers: [fields.transfer, fields.location].filter((x): x is Piece => !!x),
        dataCategories: fields.data ? [fields.data] : [],
        rowTexts,
      }),
    );
    return { drafts, next: j };
  }
  const names = splitVendorList(name.text);
  const drafts = names.map(([a, b]) =>
    newDraft(slicePiece(name, a, b), ctx, {
      purpose: fields.purpose ?? (description ? firstSentence(description) : null),
      locations: fields.location ? [fields.location] : [],
      transfers: [fields.transfer, fields.location].filter((x): x is Piece => !!x),
      dataCategories: fields.data ? [fields.data] : [],
      rowTexts,
      // one entity line speaks for the block's one vendor, not for a list of them
      ...(entity && names.length === 1 ? { legalEntity: entity } : {}),
    }),
  );
  return { drafts, next: j };
}

/** A vendor title's remark after a dash ("Stripe — payments"). */
const DASH_TAIL = /\s+[—–]\s+.*$/;
/** "… Acme's own tenant": a remark about whose instance, not part of the name. */
const OWN_TAIL = /\s+[\p{Lu}][\w-]*['’]s\s+own\b.*$/u;
/** A lower-case remark in brackets at the end ("Sentry (error reports)"). */
const REMARK_TAIL = /\s+\([a-z][^)]*\)$/;

/** A lower-case common noun of a title ("endpoints"), and the short words that are not. */
const LOWER_WORD = /^\p{Ll}{4,}$/u;
const LINK_WORD = /^(?:and|with|from|only)$/;
const LOWER_START = /(?:^|\s)\p{Ll}/u;

/** `name` up to where `re` matches, trimmed; unchanged when it matches nowhere or at the start. */
function cutTitle(name: Piece, re: RegExp): Piece {
  const m = re.exec(name.text);
  return m && m.index > 0 ? trimPiece(slicePiece(name, 0, m.index)) : name;
}

/**
 * A block titled with a kind of service rather than a vendor ("SIS OneRoster endpoints": a
 * lower-case common noun) whose description names the vendors in brackets ("roster sync from the
 * district's SIS (PowerSchool, Infinite Campus, Skyward)"): the bracketed names are the entries,
 * and the description without the brackets is their purpose.
 */
function bracketedVendors(
  title: Piece,
  sentence: Piece,
): { names: Piece[]; purpose: Piece } | null {
  // such a word starts lower case after a space or at the start: most titles have none
  const isGenericTitle =
    LOWER_START.test(title.text) &&
    title.text.split(/\s+/).some((w) => LOWER_WORD.test(w) && !LINK_WORD.test(w));
  if (!isGenericTitle) return null;
  for (const m of sentence.text.matchAll(/\s*\(([^()]{3,300})\)/g)) {
    const inner = m[1] ?? '';
    const innerAt = (m.index ?? 0) + m[0].indexOf('(') + 1;
    const names: Piece[] = [];
    for (const part of inner.matchAll(/[^,]+/g)) {
      const raw = (part[0] ?? '').replace(/^\s*(?:and|or)\s+/, '');
      const lead = (part[0] ?? '').indexOf(raw);
      const item = trimPiece(
        slicePiece(
          sentence,
          innerAt + (part.index ?? 0) + lead,
          innerAt + (part.index ?? 0) + (part[0] ?? '').length,
        ),
      );
      names.push(item);
    }
    const isNameList =
      names.length >= 2 &&
      names.every((n) => /^[\p{Lu}\p{N}][\w.&-]*(?:\s+[\p{Lu}\p{N}][\w.&-]*){0,3}$/u.test(n.text));
    if (!isNameList) continue;
    const start = m.index ?? 0;
    const purpose = concatPieces(
      [slicePiece(sentence, 0, start), slicePiece(sentence, start + m[0].length)],
      '',
    );
    return { names, purpose };
  }
  return null;
}

/**
 * Sub-processors named in running text: "engage its Affiliate, X Ltd, as Subprocessor to ...",
 * "The service runs on X and Y datacenters located in Z". Companies a sentence says are NOT
 * sub-processors never match these patterns.
 */
function fromProse(p: Piece, ctx: Context): Draft[] {
  const out: Draft[] = [];
  for (const s of sentencesOf(p.text)) {
    if (/\bnot\s+(?:our\s+)?sub-?processors?\b|\bare not\b/i.test(s.text)) continue;
    const affiliate =
      /\bengage\s+(?:its|our)\s+(?:affiliates?|subsidiar(?:y|ies)),?\s+([\p{Lu}][^,]{1,60}?),?\s+as\s+(?:a\s+)?sub-?processors?(?:\s+to\s+([^.]+))?/iu.exec(
        s.text,
      );
    if (affiliate) {
      const nameAt = s.start + (affiliate.index ?? 0) + affiliate[0].indexOf(affiliate[1] ?? '');
      const name = slicePiece(p, nameAt, nameAt + (affiliate[1] ?? '').length);
      const purposeAt = affiliate[2]
        ? s.start + (affiliate.index ?? 0) + affiliate[0].lastIndexOf(affiliate[2]) - 3
        : -1;
      const purpose = affiliate[2]
        ? slicePiece(p, purposeAt, purposeAt + affiliate[2].length + 3)
        : null;
      out.push(
        newDraft(name, ctx, {
          purpose,
          rowTexts: [slicePiece(p, s.start, s.start + s.text.length)],
          confidence: 0.7,
          reasons: ['found in running text, not in a list'],
        }),
      );
      continue;
    }
    const runsOn =
      /\b(?:runs|is\s+hosted|are\s+hosted|hosted)\s+(?:on|by|with)\s+((?:[\p{Lu}][\w.-]*)(?:\s*(?:,|and|&)\s*[\p{Lu}][\w.-]*)*)\s+([^.]*)/u.exec(
        s.text,
      );
    if (runsOn) {
      const base = s.start + (runsOn.index ?? 0) + runsOn[0].indexOf(runsOn[1] ?? '');
      const list = runsOn[1] ?? '';
      const purposeText = (runsOn[2] ?? '').replace(/\s+(?:located|based|hosted)\s+in\b.*$/i, '');
      const purposeAt = s.start + (runsOn.index ?? 0) + runsOn[0].lastIndexOf(runsOn[2] ?? '');
      const sentence = slicePiece(p, s.start, s.start + s.text.length);
      for (const m of list.matchAll(/[\p{Lu}][\w.-]*/gu)) {
        const at = base + (m.index ?? 0);
        out.push(
          newDraft(slicePiece(p, at, at + m[0].length), ctx, {
            purpose: purposeText ? slicePiece(p, purposeAt, purposeAt + purposeText.length) : null,
            locations: [sentence],
            confidence: 0.7,
            reasons: ['found in running text, not in a list'],
          }),
        );
      }
    }
  }
  return out;
}

/**
 * Text copied from rendered pages has no markup: promote title-like lines to headings, and turn
 * a "Name Purpose Location …" header line with its rows into a table.
 */
function promoteTextStructure(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (b.kind === 'paragraph' && b.lines.length === 1 && isHeaderLine(b.content.text)) {
      let consumed = readFlatRows(blocks, i + 1, b.content);
      if (!consumed.table) consumed = readStackedRows(blocks, i + 1, b.content, isHeaderLine);
      if (consumed.table) {
        out.push(consumed.table);
        i = consumed.next - 1;
        continue;
      }
    }
    if (
      b.kind === 'paragraph' &&
      b.lines.length === 1 &&
      isTitleLike(b.content.text) &&
      !isHeaderLine(b.content.text)
    ) {
      const numbered = /^\d{1,2}[.)]\s/.test(b.content.text);
      out.push({ kind: 'heading', level: numbered ? 3 : PROMOTED_LEVEL, content: b.content });
      continue;
    }
    out.push(b);
  }
  return out;
}

/** Level given to title-like lines of plain text; below real headings, so they nest under them. */
const PROMOTED_LEVEL = 4;

function isTitleLike(t: string): boolean {
  const s = t.trim();
  // separators ("/", "—", "+") are not words
  const words = s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return (
    s.length > 2 &&
    s.length <= 70 &&
    words.length <= 8 &&
    /^[\p{Lu}\d]/u.test(s) &&
    !/[.:;,!?]$/.test(s) &&
    !/[|·•]/.test(s) &&
    !/\b\d{4}\b/.test(s)
  );
}

const HEADER_WORDS = new Set(
  (
    'name purpose data shared with sub-processor subprocessor sub-processors subprocessors location locations international transfer ' +
    'mechanism mechanisms vendor vendors role accessed posture country countries description entity category categories of ' +
    'processing service services website certifications security legal basis safeguards type types personal activity ' +
    'activities provider region hosting the and / & link dpa'
  ).split(' '),
);

function isHeaderLine(t: string): boolean {
  const words = splitCamel(t).toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length < 3 || words.length > 20) return false;
  if (!words.every((w) => HEADER_WORDS.has(w))) return false;
  return (
    words.some((w) =>
      /^(name|vendor|vendors|entity|sub-?processors?|subprocessors?|provider)$/.test(w),
    ) && words.some((w) => /^(purpose|location|role|country|description)$/.test(w))
  );
}

function splitCamel(t: string): string {
  return t.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/**
 * Rows of a flattened table: a "Name Purpose" line, optional bullets (the data column), and a
 * closing line with the location and transfer mechanism ("Primary Processing Location: United
 * States SCCs").
 */
function readFlatRows(
  blocks: Block[],
  from: number,
  header: Piece,
): { table: TableBlock | null; next: number } {
  const rows: Piece[][] = [];
  let i = from;
  const hasLocation = /location|country/i.test(header.text);
  while (i < blocks.length) {
    const head = blocks[i];
    if (!head || head.kind !== 'paragraph' || head.lines.length !== 1) break;
    let j = i + 1;
    const data: Piece[] = [];
    while (blocks[j]?.kind === 'list-item') {
      const li = blocks[j];
      if (li?.kind === 'list-item') data.push(li.content);
      j++;
    }
    const tail = blocks[j];
    const tailIsRow =
      tail?.kind === 'paragraph' &&
      tail.lines.length === 1 &&
      (countriesIn(tail.content.text).codes.length > 0 ||
        findTransfers(tail.content.text).length > 0) &&
      tail.content.text.split(/\s+/).length <= 12;
    if (data.length === 0 && !tailIsRow) break;
    const [name, purpose] = splitNamePurpose(head.content);
    const location = tailIsRow && tail?.kind === 'paragraph' ? tail.content : { text: '', map: [] };
    rows.push([
      name,
      purpose,
      collapsePiece(concatPieces(data, '; ')),
      hasLocation ? location : { text: '', map: [] },
      location,
    ]);
    i = tailIsRow ? j + 1 : j;
  }
  if (rows.length === 0) return { table: null, next: from };
  const h = (text: string): Piece => ({ text, map: [] });
  return {
    table: {
      kind: 'table',
      rows: [[h('Name'), h('Purpose'), h('Data'), h('Location'), h('Transfer')], ...rows],
      headerRows: 1,
    },
    next: i,
  };
}

const PURPOSE_WORDS = new Set(
  (
    'cloud web email e-mail payment payments event error application app notifications notification product feature generative ' +
    'service services provider analytics monitoring data hosting infrastructure customer support marketing security storage ' +
    'database crm billing chat communication communications search logging log performance authentication identity video audio ' +
    'ai llm large transactional sms push content delivery cdn dns backup session user engagement survey forms document ' +
    'documents e-signature signature accounting tax recruiting hr helpdesk ticketing issue code version'
  ).split(' '),
);

/** "Amazon Web Services Cloud Service Provider" -> name, purpose (known vendors, then wording). */
function splitNamePurpose(p: Piece): [Piece, Piece] {
  const known = knownVendorPrefix(p.text);
  if (known && known.length < p.text.length) {
    return [slicePiece(p, 0, known.length), trimPiece(slicePiece(p, known.length))];
  }
  const words = [...p.text.matchAll(/\S+/g)];
  for (let k = 1; k < words.length; k++) {
    const w = words[k]?.[0] ?? '';
    if (PURPOSE_WORDS.has(w.toLowerCase().replace(/[^a-z-]/g, '')) || /^[a-z]/.test(w)) {
      const at = words[k]?.index ?? 0;
      return [trimPiece(slicePiece(p, 0, at)), slicePiece(p, at)];
    }
  }
  const first = words[0];
  const at = first ? (first.index ?? 0) + first[0].length : p.text.length;
  return [slicePiece(p, 0, at), trimPiece(slicePiece(p, at))];
}

/** Turns drafts into entries: brand/legal split, codes, page-wide transfers, merging by vendor. */
export function finalizeEntries(
  drafts: Draft[],
  pageTransfers: Piece[],
  source: string,
): ParsedEntry[] {
  const pageMechs = pageTransfers.flatMap((p) => pageWideTransfers(p.text));
  const byKey = new Map<string, ParsedEntry>();
  const out: ParsedEntry[] = [];
  const facts = pageFacts();
  // the page-wide sentences are the same for every entry: their spans are found once
  let pageSpans: Span[] | null = null;
  for (const d of drafts) {
    const e = toEntry(d, source, facts);
    if (pageMechs.length && e.countries.some(isOutsideEea)) {
      for (const m of pageMechs) if (!e.transfer.includes(m)) e.transfer.push(m);
      pageSpans ??= pageTransfers.flatMap((p) => spansOf(p, source));
      // each entry its own span objects, as before: no entry can change another's provenance
      const spans = pageSpans.map((s) => ({ start: s.start, end: s.end }));
      e.provenance.transfer = [...(e.provenance.transfer ?? []), ...spans];
    }
    const key = e.name ? vendorKey(e.name) : '';
    const prev = key ? byKey.get(key) : undefined;
    if (prev) {
      mergeInto(prev, e);
      continue;
    }
    if (key) byKey.set(key, e);
    out.push(e);
  }
  return out;
}

/**
 * Places and mechanisms of the cell texts of one page, each text read once: a list repeats
 * "United States" or "Standard Contractual Clauses" on most of its rows. Page-local, so no
 * caller elsewhere can see (or change) a shared result.
 */
interface PageFacts {
  countries: (text: string) => ReturnType<typeof countriesIn>;
  transfers: (text: string) => ReturnType<typeof findTransfers>;
}

function pageFacts(): PageFacts {
  const memo = <T>(fn: (text: string) => T): ((text: string) => T) => {
    const seen = new Map<string, T>();
    return (text) => {
      let hit = seen.get(text);
      if (hit === undefined) {
        hit = fn(text);
        seen.set(text, hit);
      }
      return hit;
    };
  };
  return { countries: memo(countriesIn), transfers: memo(findTransfers) };
}

function toEntry(d: Draft, source: string, facts: PageFacts): ParsedEntry {
  const provenance: Provenance = {};
  const reasons = [...d.reasons];
  let confidence = d.confidence;
  let name = '';
  let legalEntity: string | null = null;
  if (d.name.text) {
    const parts = splitVendorName(d.name.text);
    name = parts.name.trim();
    legalEntity = parts.legalEntity;
    provenance.name = spansOfRange(d.name, parts.nameAt[0], parts.nameAt[1], source);
    if (parts.legalAt) {
      provenance.legalEntity = spansOfRange(d.name, parts.legalAt[0], parts.legalAt[1], source);
    } else if (d.legalEntity) {
      legalEntity = d.legalEntity.text;
      provenance.legalEntity = spansOf(d.legalEntity, source);
    }
  }
  const codes: string[] = [];
  const countrySpans: Span[] = [];
  for (const loc of d.locations) {
    const found = facts.countries(loc.text);
    for (const c of found.codes) if (!codes.includes(c)) codes.push(c);
    for (const m of found.matches) {
      countrySpans.push(...spansOfRange(loc, m.start, m.end, source));
    }
  }
  if (countrySpans.length) {
    provenance.countries = countrySpans;
  } else if (d.name.text) {
    reasons.push('no location stated');
    confidence = Math.min(confidence, 0.9);
  }
  const transfer: ParsedEntry['transfer'] = [];
  const transferSpans: Span[] = [];
  for (const t of d.transfers) {
    for (const m of facts.transfers(t.text)) {
      if (!transfer.includes(m.mechanism)) transfer.push(m.mechanism);
      transferSpans.push(...spansOfRange(t, m.start, m.end, source));
    }
  }
  if (transferSpans.length) provenance.transfer = transferSpans;
  const purpose = d.purpose ? tidyPurpose(d.purpose) : null;
  if (purpose && purpose.text) provenance.purpose = spansOf(purpose, source);
  if (d.section) provenance.section = spansOf(d.section, source);
  if (d.statusPiece) provenance.status = spansOf(d.statusPiece, source);
  const dataCategories = d.dataCategories.map((p) => p.text).filter(Boolean);
  if (d.dataCategories.length) {
    provenance.dataCategories = d.dataCategories.flatMap((p) => spansOf(p, source));
  }
  return {
    name,
    legalEntity,
    purpose: purpose && purpose.text ? purpose.text : null,
    dataCategories,
    countries: codes,
    transfer,
    status: d.status,
    section: d.section ? d.section.text : null,
    nameOnPage: d.nameOnPage,
    confidence: Math.round(confidence * 100) / 100,
    confidenceReasons: confidence < 1 ? reasons : [],
    provenance,
  };
}

function tidyPurpose(p: Piece): Piece {
  return trimPiece(collapsePiece(p), /[\s,;:|*_•·–—-]/);
}

function mergeInto(a: ParsedEntry, b: ParsedEntry): void {
  for (const c of b.countries) if (!a.countries.includes(c)) a.countries.push(c);
  for (const t of b.transfer) if (!a.transfer.includes(t)) a.transfer.push(t);
  if (b.purpose && a.purpose !== b.purpose && !(a.purpose ?? '').split('; ').includes(b.purpose)) {
    a.purpose = a.purpose ? `${a.purpose}; ${b.purpose}` : b.purpose;
  }
  if (b.section && a.section !== b.section && !(a.section ?? '').split('; ').includes(b.section)) {
    a.section = a.section ? `${a.section}; ${b.section}` : b.section;
  }
  a.legalEntity ??= b.legalEntity;
  a.status = mergeStatus(a.status, b.status);
  for (const d of b.dataCategories) if (!a.dataCategories.includes(d)) a.dataCategories.push(d);
  for (const [k, spans] of Object.entries(b.provenance) as [keyof Provenance, Span[]][]) {
    a.provenance[k] = [...(a.provenance[k] ?? []), ...spans];
  }
  if (a.countries.length && a.confidenceReasons.includes('no location stated')) {
    a.confidenceReasons = a.confidenceReasons.filter((r) => r !== 'no location stated');
    if (a.confidenceReasons.length === 0) a.confidence = 1;
  }
}

export { transfersIn };
