import { CLOUD_REGIONS, COUNTRY_ALIASES, EEA_COUNTRIES, PLACE_COUNTRIES } from './country-data';

export interface PlaceMatch {
  codes: string[];
  start: number;
  end: number;
  /** region words (EU, Europe, EEA, Worldwide) obey the qualifier rules of LABELING.md */
  isRegion: boolean;
}

// Names that are also common words or US states; a page means them as countries too rarely.
const AMBIGUOUS = new Set(['georgia', 'jersey', 'chad', 'jordan', 'guernsey', 'niger', 'turkey']);
const DEPRECATED = new Set([
  'UK',
  'FX',
  'DD',
  'YU',
  'ZR',
  'TP',
  'BU',
  'CS',
  'SU',
  'AN',
  'NT',
  'YD',
  'DY',
  'HV',
  'NH',
  'RH',
  'VD',
  'QU',
]);
const REGION_WORDS: Record<string, string[]> = {
  'european union': ['EU'],
  'european economic area': ['EEA'],
  europe: ['EU'],
  'north america': ['US', 'CA'],
  worldwide: ['GLOBAL'],
  'world-wide': ['GLOBAL'],
  global: ['GLOBAL'],
  globally: ['GLOBAL'],
  'all regions': ['GLOBAL'],
};

/** One step of the place-word trie: the next lower-case character, and a key ending here. */
interface TrieNode {
  next: Map<string, TrieNode>;
  key: string | null;
}

interface Matcher {
  trie: TrieNode;
  table: Map<string, string[]>;
  regions: Set<string>;
}

let matcher: Matcher | null = null;

function buildMatcher(): Matcher {
  const table = new Map<string, string[]>();
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (
        !name ||
        name === code ||
        /unknown|outlying|pseudo|eurozone|united nations|european union/i.test(name)
      ) {
        continue;
      }
      if (['EU', 'EZ', 'UN', 'QO', 'ZZ'].includes(code) || code.startsWith('X')) continue;
      const key = name.toLowerCase().replace(/&/g, 'and');
      // deprecated codes (UK, FX, …) share names with the current ones; the first (current) wins
      if (DEPRECATED.has(code) || table.has(key)) continue;
      if (!AMBIGUOUS.has(key)) table.set(key, [code]);
      // "Hong Kong SAR China" -> also "Hong Kong"
      const short = key.replace(/\s+sar china$/, '').replace(/^st\. /, 'saint ');
      if (short !== key) table.set(short, [code]);
    }
  }
  for (const [k, v] of Object.entries(COUNTRY_ALIASES)) table.set(k, [v]);
  for (const [k, v] of Object.entries(PLACE_COUNTRIES)) table.set(k, [v]);
  for (const [k, v] of Object.entries(CLOUD_REGIONS)) table.set(k, [v]);
  for (const [k, v] of Object.entries(REGION_WORDS)) table.set(k, v);
  // one trie over every name, alias and region word: a location cell is read once, not once per
  // name; a space in a key stands for any run of whitespace in the text
  const trie: TrieNode = { next: new Map(), key: null };
  for (const key of table.keys()) {
    let node = trie;
    for (const ch of key.replace(/\s+/g, ' ')) {
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map(), key: null };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.key = key;
  }
  return { trie, table, regions: new Set(Object.keys(REGION_WORDS)) };
}

/** A place word may not start inside a word, an address or a domain ("Flow.swiss", "x@eu"). */
const NOT_AFTER = /[\p{L}\p{N}.@-]/u;
/** …nor run on into a word or a domain ("us-east-1.amazonaws"); `i` as the matcher always was. */
const ENDS_WORD = /(?![\p{L}\p{N}]|\.[a-z])/iuy;
/** Short codes, matched case-insensitively here and kept only when printed in upper case. */
const SHORT_CODE = /(?:US|UK|EU|EEA|UAE|PRC|U\.S\.(?:A\.)?)(?![\p{L}\p{N}]|\.[a-z])/iuy;
const WHITESPACE = /\s/u;

/** The character as the trie stores it: lower case (the long s folds to s, as `/iu` does). */
function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
  if (ch === '\u017f') return 's';
  const lower = ch.toLowerCase();
  return lower.length === ch.length ? lower : ch;
}

function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return WHITESPACE.test(text[i] ?? '');
}

/** The code point before `i`, as a string ('' at the start). */
function charBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1] ?? '';
}

/** True when a place word may start at `i`: not inside a word, an address or a domain. */
function startsWord(text: string, i: number): boolean {
  if (i === 0) return true;
  const c = text.charCodeAt(i - 1);
  if (c < 128) {
    const isAlnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    return !(isAlnum || c === 46 || c === 64 || c === 45);
  }
  return !NOT_AFTER.test(charBefore(text, i));
}

/**
 * The longest place key starting at `at` that does not run on into a word, or null. Walks the
 * trie as far as the text allows, then falls back to the shorter keys passed on the way.
 */
function keyAt(text: string, at: number, trie: TrieNode): { key: string; end: number } | null {
  // the keys passed on the way, in scratch arrays reused by every call: most calls pass none
  let count = 0;
  let node: TrieNode | undefined = trie;
  let i = at;
  while (node && i < text.length) {
    if (isSpace(text, i)) {
      node = node.next.get(' ');
      if (!node) break;
      while (i < text.length && isSpace(text, i)) i++;
    } else {
      node = node.next.get(foldChar(text[i] ?? ''));
      i++;
    }
    if (node?.key) {
      PASSED_KEYS[count] = node.key;
      PASSED_ENDS[count] = i;
      count++;
    }
  }
  for (let k = count - 1; k >= 0; k--) {
    const end = PASSED_ENDS[k] as number;
    if (endsWord(text, end)) return { key: PASSED_KEYS[k] as string, end };
  }
  return null;
}

/** keyAt's keys passed on the way and where each ends; only the first `count` are current. */
const PASSED_KEYS: string[] = [];
const PASSED_ENDS: number[] = [];

/** True when a place word ending at `i` does not run on into a word or a domain. */
function endsWord(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  // NaN past the end: nothing follows
  if ((c < 128 || Number.isNaN(c)) && (d < 128 || Number.isNaN(d))) {
    const isAlnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    const isDomain = c === 46 && ((d >= 65 && d <= 90) || (d >= 97 && d <= 122));
    return !isAlnum && !isDomain;
  }
  ENDS_WORD.lastIndex = i;
  return ENDS_WORD.test(text);
}

/** Every place word in `text` with the codes it stands for. */
export function findPlaces(text: string): PlaceMatch[] {
  matcher ??= buildMatcher();
  const out: PlaceMatch[] = [];
  let i = 0;
  while (i < text.length) {
    // most positions are inside a word: rule them out before folding the character
    if (!startsWord(text, i)) {
      i++;
      continue;
    }
    const first = foldChar(text[i] ?? '');
    if (!matcher.trie.next.has(first) && first !== 'u' && first !== 'e' && first !== 'p') {
      i++;
      continue;
    }
    const start = i;
    const hit = keyAt(text, start, matcher.trie);
    if (!hit && first !== 'u' && first !== 'e' && first !== 'p') {
      i++;
      continue;
    }
    if (!hit) {
      SHORT_CODE.lastIndex = start;
      const short = SHORT_CODE.exec(text);
      if (!short) {
        i++;
        continue;
      }
      i = start + short[0].length;
      // the short code alternative must match exactly in upper case
      const raw = short[0];
      if (raw !== raw.toUpperCase()) continue;
      const code = raw.startsWith('U.S')
        ? 'US'
        : raw === 'UK'
          ? 'GB'
          : raw === 'UAE'
            ? 'AE'
            : raw === 'PRC'
              ? 'CN'
              : raw;
      out.push({
        codes: [code],
        start,
        end: start + raw.length,
        isRegion: code === 'EU' || code === 'EEA',
      });
      continue;
    }
    i = hit.end;
    const raw = text.slice(start, hit.end);
    const key = hit.key;
    const codes = matcher.table.get(key);
    if (!codes) continue;
    // adjectives ("Swiss", "German") and city names need a capital letter to count
    if (
      /^[a-z]/.test(raw) &&
      (COUNTRY_ALIASES[key] !== undefined || PLACE_COUNTRIES[key] !== undefined) &&
      !key.includes('-')
    ) {
      continue;
    }
    out.push({
      codes,
      start,
      end: hit.end,
      isRegion: matcher.regions.has(key) && key !== 'north america',
    });
  }
  return out;
}

/**
 * Country codes for a location text, applying LABELING.md's qualifier rules: a region word that
 * only qualifies named countries ("Germany (EU)", "EU regions (Sweden Central …)") adds nothing;
 * region words describing customers or companies ("for EEA tenants", "Payments Europe Ltd.")
 * and the EU-US transfer framework are not locations.
 */
export function countriesIn(text: string): { codes: string[]; matches: PlaceMatch[] } {
  const all = findPlaces(text);
  const kept: PlaceMatch[] = [];
  const hasCountry = all.some((p) => !p.isRegion && !p.codes.includes('GLOBAL'));
  for (const p of all) {
    if (p.isRegion || p.codes.includes('GLOBAL')) {
      const before = text.slice(Math.max(0, p.start - 30), p.start);
      const after = text.slice(p.end, p.end + 40);
      // "EU-US Data Privacy Framework" names a transfer framework, not a location
      if (/^[-–](US|U\.S\.|United States|Swiss)/i.test(after)) continue;
      if (/(US|U\.S\.)[-–]$/.test(before)) continue;
      if (
        /^[-\s]*(tenants?|customers?|users?|clients?|residents?|entit|subsidiar|affiliates?|ltd|limited|gmbh|s\.?a\.?r\.?l|b\.?v|inc|llc|based customers|native|pinned|data boundary|cloud code|ai act|-?region access)/i.test(
          after,
        )
      ) {
        continue;
      }
      if (/\b(for|to)\s+$/i.test(before) && /^\s+(customers|tenants|users)/i.test(after)) continue;
      if (hasCountry && /^\s*[-\s]?regions?\b[^()]*\(/i.test(after)) continue;
      if (hasCountry && /\(\s*$/.test(before) && /^\s*\)/.test(after)) continue;
      if (/\bGDPR|regulation|law/i.test(after.slice(0, 12))) continue;
    }
    kept.push(p);
  }
  const codes: string[] = [];
  for (const p of kept) for (const c of p.codes) if (!codes.includes(c)) codes.push(c);
  return { codes, matches: kept };
}

/** True when a code is outside the EEA, so a page-wide transfer mechanism applies to it. */
export function isOutsideEea(code: string): boolean {
  return !EEA_COUNTRIES.has(code);
}
