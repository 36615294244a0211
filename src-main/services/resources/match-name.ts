/**
 * Matching a sub-processor name as a page prints it ("Amazon Web Services EMEA SARL", "Functional
 * Software, Inc.", "Twilio Inc. (SendGrid)") against the shipped catalog. Pages vary case,
 * punctuation, legal form and dotted abbreviations, so both sides are reduced to one key.
 */
import type { KnownSubprocessor } from './schemas';

// Legal forms, as token sequences after dots are dropped ("S.à r.l." -> "sa rl", "B.V." -> "bv").
// Only ever removed from the end of a name, and never the name's last remaining token. Longer
// sequences come first so "GmbH & Co. KG" loses "& Co." as a unit, not "Co." alone.
const LEGAL_SUFFIXES: readonly (readonly string[])[] = [
  ['and', 'co'],
  ['sp', 'z', 'oo'],
  ['sa', 'rl'],
  ['et', 'cie'],
  ['inc'],
  ['incorporated'],
  ['corp'],
  ['corporation'],
  ['co'],
  ['company'],
  ['llc'],
  ['llp'],
  ['lp'],
  ['ltd'],
  ['limited'],
  ['unlimited'],
  ['plc'],
  ['pbc'],
  ['gmbh'],
  ['mbh'],
  ['ag'],
  ['kg'],
  ['ug'],
  ['se'],
  ['sa'],
  ['sas'],
  ['sasu'],
  ['sarl'],
  ['sca'],
  ['cie'],
  ['sl'],
  ['slu'],
  ['srl'],
  ['spa'],
  ['sro'],
  ['as'],
  ['asa'],
  ['aps'],
  ['ab'],
  ['oy'],
  ['oyj'],
  ['ou'],
  ['bv'],
  ['nv'],
  ['kk'],
  ['pty'],
  ['pte'],
  ['pvt'],
  ['private'],
  ['dac'],
  ['ulc'],
  ['doo'],
  ['spzoo'],
  ['ehf'],
  ['lda'],
  ['ltda'],
];

// Regional qualifiers of a group's local entity ("Zendesk International Ltd", "Datadog Ireland").
// Tried only when the full name matches nothing, so listed entities still match exactly.
const REGIONAL_WORDS = new Set([
  'emea',
  'europe',
  'european',
  'eu',
  'ireland',
  'international',
  'intl',
  'uk',
  'us',
  'usa',
  'germany',
  'deutschland',
  'france',
  'netherlands',
  'global',
  'worldwide',
]);

function tokens(name: string): string[] {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      // Dots and apostrophes join what they separate: "L.L.C." -> "llc", "Fly.io" -> "flyio".
      .replace(/[.'’]/g, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((t) => t.length > 0)
  );
}

function endsWith(words: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length >= words.length) {
    return false;
  }
  const tail = words.slice(words.length - suffix.length);
  return tail.every((w, i) => w === suffix[i]);
}

function stripLegalForms(words: string[]): string[] {
  let out = words[0] === 'the' && words.length > 1 ? words.slice(1) : words;
  let changed = true;
  while (changed) {
    changed = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (endsWith(out, suffix)) {
        out = out.slice(0, out.length - suffix.length);
        changed = true;
      }
    }
  }
  return out;
}

/**
 * The comparison key of a name: case, accents, punctuation, spacing and trailing legal forms
 * removed ("Amazon Web Services, Inc." and "amazon web services" give the same key). '' when
 * nothing is left.
 */
export function nameKey(name: string): string {
  return stripLegalForms(tokens(name)).join('');
}

function regionalKey(name: string): string {
  const words = stripLegalForms(tokens(name));
  let end = words.length;
  while (end > 1 && REGIONAL_WORDS.has(words[end - 1] ?? '')) {
    end -= 1;
  }
  return end < words.length ? stripLegalForms(words.slice(0, end)).join('') : '';
}

/** Every name an entry answers to: its canonical name, aliases and legal entities. */
export function namesOf(entry: KnownSubprocessor): string[] {
  return [entry.canonicalName, ...entry.aliases, ...entry.legalEntities];
}

/** Readings of a printed name to try, most literal first. */
function readings(name: string): string[] {
  const out = [name];
  const withoutParens = name.replace(/\([^)]*\)/g, ' ');
  if (withoutParens !== name) {
    out.push(withoutParens);
  }
  // "Raintank, Inc. d/b/a Grafana Labs", "Mailchimp / The Rocket Science Group", "Sentry - Errors".
  const parts = withoutParens.split(
    /\s+(?:d\/b\/a|dba|doing business as|t\/a|trading as|formerly)\s+|\s*\/\s*|\s+[-–—]\s+/i,
  );
  if (parts.length > 1) {
    out.push(...parts);
  }
  for (const m of name.matchAll(/\(([^)]*)\)/g)) {
    out.push((m[1] ?? '').replace(/^(?:formerly|previously|now|dba|d\/b\/a)\s+/i, ''));
  }
  return out;
}

const indexes = new WeakMap<readonly KnownSubprocessor[], Map<string, KnownSubprocessor>>();

function indexOf(catalog: readonly KnownSubprocessor[]): Map<string, KnownSubprocessor> {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map();
    for (const entry of catalog) {
      for (const name of namesOf(entry)) {
        const key = nameKey(name);
        // The first entry wins; the loader rejects catalogs where two entries share a key.
        if (key && !index.has(key)) {
          index.set(key, entry);
        }
      }
    }
    indexes.set(catalog, index);
  }
  return index;
}

/**
 * The catalog entry whose canonical name, alias or legal entity `name` denotes, ignoring case,
 * punctuation and legal suffixes (Inc, LLC, Ltd, GmbH, SARL, B.V., ...); undefined when none.
 * Exact readings are tried before regional ones, so "Stripe Payments Europe, Limited" finds its
 * listed entity rather than a looser match.
 */
export function findKnownSubprocessor(
  catalog: readonly KnownSubprocessor[],
  name: string,
): KnownSubprocessor | undefined {
  // Remembered per catalog: the same names recur across snapshots and vendors, and risk evaluation
  // and entity keys ask for every entry of every import. Bounded, so a long session stays small.
  let memo = found.get(catalog);
  if (!memo || memo.size >= MEMO_LIMIT) {
    memo = new Map();
    found.set(catalog, memo);
  }
  const hit = memo.get(name);
  if (hit !== undefined) {
    return hit ?? undefined;
  }
  const result = lookUp(catalog, name);
  memo.set(name, result ?? null);
  return result;
}

const MEMO_LIMIT = 50_000;
const found = new WeakMap<readonly KnownSubprocessor[], Map<string, KnownSubprocessor | null>>();

function lookUp(
  catalog: readonly KnownSubprocessor[],
  name: string,
): KnownSubprocessor | undefined {
  const index = indexOf(catalog);
  const candidates = readings(name);
  for (const candidate of candidates) {
    const hit = index.get(nameKey(candidate));
    if (hit) {
      return hit;
    }
  }
  for (const candidate of candidates) {
    const key = regionalKey(candidate);
    const hit = key ? index.get(key) : undefined;
    if (hit) {
      return hit;
    }
  }
  return undefined;
}
