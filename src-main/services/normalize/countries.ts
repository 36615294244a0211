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

let matcher: { re: RegExp; table: Map<string, string[]>; regions: Set<string> } | null = null;

function buildMatcher(): NonNullable<typeof matcher> {
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
  const keys = [...table.keys()].sort((x, y) => y.length - x.length);
  const alt = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  // upper-case short codes are matched case-sensitively below, so "us" the pronoun never counts
  const re = new RegExp(
    `(?<![\\p{L}\\p{N}.@-])(?:(${alt.join('|')})|(US|UK|EU|EEA|UAE|PRC|U\\.S\\.(?:A\\.)?))(?![\\p{L}\\p{N}]|\\.[a-z])`,
    'giu',
  );
  return { re, table, regions: new Set(Object.keys(REGION_WORDS)) };
}

/** Every place word in `text` with the codes it stands for. */
export function findPlaces(text: string): PlaceMatch[] {
  matcher ??= buildMatcher();
  const out: PlaceMatch[] = [];
  for (const m of text.matchAll(matcher.re)) {
    const start = m.index ?? 0;
    if (m[2] !== undefined) {
      // the short code alternative must match exactly in upper case
      const raw = text.slice(start, start + m[0].length);
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
    const key = m[0].toLowerCase().replace(/\s+/g, ' ');
    const codes = matcher.table.get(key);
    if (!codes) continue;
    // adjectives ("Swiss", "German") and city names need a capital letter to count
    if (
      /^[a-z]/.test(m[0]) &&
      (COUNTRY_ALIASES[key] !== undefined || PLACE_COUNTRIES[key] !== undefined) &&
      !key.includes('-')
    ) {
      continue;
    }
    out.push({
      codes,
      start,
      end: start + m[0].length,
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
