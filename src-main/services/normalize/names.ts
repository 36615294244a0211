/** Legal-form suffixes; a name ending in one is a legal entity, the brand is what precedes it. */
const LEGAL_SUFFIX =
  /(?:,?\s+|,)(?:inc|incorporated|llc|l\.l\.c|ltd|limited|unlimited company|gmbh|ag|sarl|s\.a\.r\.l|s\.a|sas|bv|b\.v|nv|n\.v|pbc|plc|corp|corporation|co|company|pty(?:\s+ltd)?|oy|ab|as|a\/s|aps|srl|s\.r\.l|spa|s\.p\.a|kk|k\.k|pte(?:\s+ltd)?|lp|llp|ulc|se|sl|s\.l)\.*$/i;

export function hasLegalSuffix(name: string): boolean {
  return LEGAL_SUFFIX.test(name.trim());
}

/** "Amazon Web Services, Inc." -> "Amazon Web Services"; repeated suffixes go too. */
export function stripLegalSuffix(name: string): string {
  let s = name.trim().replace(/[.,;\s]+$/, (x) => (x.startsWith('.') ? '.' : ''));
  for (let i = 0; i < 3; i++) {
    const next = s.replace(LEGAL_SUFFIX, '').trim();
    if (next === s || next.length === 0) break;
    s = next;
  }
  return s.replace(/[,\s]+$/, '');
}

/** Words one of which every "doing business as" marker holds (lower case). */
const DBA_WORDS = ['d/b/a', 'dba', 'd.b.a', 'doing business as', 'trading as', 't/a'];

export interface NameParts {
  name: string;
  legalEntity: string | null;
  /** character range of the brand inside the input, for provenance */
  nameAt: [number, number];
  legalAt: [number, number] | null;
}

/**
 * Splits a printed vendor into brand and legal entity (LABELING.md): "X d/b/a Y" -> Y, X;
 * "Brand (Parent)" -> Brand, Parent; "Legal LLC (Brand)" -> Brand, Legal LLC; "Name, Inc." ->
 * Name, "Name, Inc."; an acronym in parentheses ("Amazon Web Services (AWS)") is only an alias.
 */
export function splitVendorName(raw: string): NameParts {
  // each pattern below runs only on a name holding what it needs: most names are plain brands
  const text = /[\s.,;:]/.test(raw[raw.length - 1] ?? '')
    ? raw.replace(/[\s.,;:]+$/, (x) => (x.trim().startsWith('.') ? '.' : '')).trimEnd()
    : raw;
  const lead = text.length - text.trimStart().length;
  const s = text.trim();
  const lower = s.toLowerCase();
  const dba = DBA_WORDS.some((w) => lower.includes(w))
    ? /\s+(?:d\/b\/a|dba|d\.b\.a\.?|doing business as|trading as|t\/a)\s+/i.exec(s)
    : null;
  if (dba) {
    const legal = s.slice(0, dba.index).replace(/[,\s]+$/, '');
    const brandStart = dba.index + dba[0].length;
    return {
      name: s.slice(brandStart),
      legalEntity: legal,
      nameAt: [lead + brandStart, lead + s.length],
      legalAt: [lead, lead + legal.length],
    };
  }
  const paren = s.includes('(') ? /^(.*?)\s*\(([^()]+)\)\s*(.*)$/.exec(s) : null;
  if (paren && (paren[1] ?? '').trim()) {
    const outside = (paren[1] ?? '').trim();
    const inside = (paren[2] ?? '').trim();
    const tail = (paren[3] ?? '').trim();
    const insideAt = s.indexOf(`(${inside}`) + 1;
    const isAlias = /^[A-Z0-9&.\- ]{2,6}$/.test(inside) || isInitials(outside, inside);
    const isQualifier =
      /[+]|\b(api|id|only|formerly|previously|eu|us|region|hosting|sso)\b/i.test(inside) &&
      !hasLegalSuffix(inside);
    if (!tail && !isAlias && !isQualifier) {
      if (hasLegalSuffix(outside) && !hasLegalSuffix(inside)) {
        return {
          name: inside,
          legalEntity: outside,
          nameAt: [lead + insideAt, lead + insideAt + inside.length],
          legalAt: [lead, lead + outside.length],
        };
      }
      const brand = stripLegalSuffix(outside);
      return {
        name: brand,
        legalEntity: inside,
        nameAt: [lead, lead + brand.length],
        legalAt: [lead + insideAt, lead + insideAt + inside.length],
      };
    }
    if (!tail) {
      const brand = stripLegalSuffix(outside);
      return {
        name: brand,
        legalEntity: hasLegalSuffix(outside) ? outside : null,
        nameAt: [lead, lead + brand.length],
        legalAt: hasLegalSuffix(outside) ? [lead, lead + outside.length] : null,
      };
    }
  }
  const brand = stripLegalSuffix(s);
  if (brand !== s && brand.length > 0) {
    return {
      name: brand,
      legalEntity: s.replace(/\.{2,}$/, '.'),
      nameAt: [lead, lead + brand.length],
      legalAt: [lead, lead + s.length],
    };
  }
  return { name: s, legalEntity: null, nameAt: [lead, lead + s.length], legalAt: null };
}

function isInitials(outside: string, inside: string): boolean {
  const initials = outside
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase();
  return initials.length >= 2 && inside.replace(/[^A-Za-z]/g, '').toUpperCase() === initials;
}

/**
 * Splits a cell that names several vendors ("Mixpanel, Grafana", "Mosyle / Jamf") into
 * [start, end) ranges. A comma before a legal suffix ("Stripe, Inc.") does not split, and
 * products of one company ("Google Tag Manager / Google Analytics 4") stay together.
 */
export function splitVendorList(text: string): [number, number][] {
  // most names hold none of the separators: the whole name, trimmed, without the search below
  if (!text.includes(',') && !text.includes(';') && !text.includes('/')) {
    let a = 0;
    let b = text.length;
    while (a < b && /\s/.test(text[a] ?? '')) a++;
    while (b > a && /\s/.test(text[b - 1] ?? '')) b--;
    return b > a ? [[a, b]] : [];
  }
  // never split inside parentheses
  const cuts: [number, number][] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0 && (ch === ',' || ch === ';')) {
      const rest = text.slice(i + 1);
      if (
        LEGAL_SUFFIX.test(`, ${/^\s*([\w./]+)/.exec(rest)?.[1] ?? ''}`) &&
        /^\s*[\w./]+\.?\s*(?:$|[,;(/]|\s(?:d\/b\/a|dba)\b)/i.test(rest)
      ) {
        continue;
      }
      cuts.push([i, i + 1]);
    } else if (depth === 0 && ch === '/' && text[i - 1] === ' ' && text[i + 1] === ' ') {
      cuts.push([i, i + 1]);
    }
  }
  const parts: [number, number][] = [];
  let last = 0;
  for (const [a, b] of cuts) {
    parts.push([last, a]);
    last = b;
  }
  parts.push([last, text.length]);
  const trimmed = parts
    .map(([a, b]): [number, number] => {
      while (a < b && /\s/.test(text[a] ?? '')) a++;
      while (b > a && /\s/.test(text[b - 1] ?? '')) b--;
      return [a, b];
    })
    .filter(([a, b]) => b > a);
  if (trimmed.length < 2) return trimmed;
  // "Google Tag Manager / Google Analytics 4": one company's products are one entry
  const firstWords = trimmed.map(([a, b]) => text.slice(a, b).split(/\s+/)[0]?.toLowerCase());
  if (cuts.every(([a]) => text[a] === '/') && firstWords.every((w) => w === firstWords[0])) {
    return [[trimmed[0]?.[0] ?? 0, trimmed[trimmed.length - 1]?.[1] ?? text.length]];
  }
  // a list item that is a sentence fragment ("Customer support, email") is not a list of names
  const looksNames = trimmed.every(([a, b]) => {
    const part = text.slice(a, b);
    return (
      /^[\p{Lu}\p{N}]/u.test(part) ||
      /^[a-z][\w-]*\.[a-z]{2,}/.test(part) ||
      /^[a-z]+[A-Z]/.test(part)
    );
  });
  return looksNames
    ? trimmed
    : [[trimmed[0]?.[0] ?? 0, trimmed[trimmed.length - 1]?.[1] ?? text.length]];
}

/** The key two rows must share to be the same vendor (LABELING.md: merge rows with one name). */
export function vendorKey(name: string): string {
  let key = stripLegalSuffix(name).toLowerCase();
  // every step is skipped when the name holds nothing it could change: NFKD leaves ASCII as it
  // is, and most names are ASCII without brackets or dots (finalising asks once per entry)
  if (!isAscii(key)) key = key.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  if (key.includes('(')) key = key.replace(/\(.*?\)/g, ' ');
  if (key.includes('.')) key = key.replace(/\.(com|io|co|ai|swiss|net|org|dev|app|cloud)\b/g, '');
  return key.replace(/[^a-z0-9]+/g, ' ').trim();
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}
