/**
 * Where an entry's data goes, in the terms GDPR Chapter V uses: inside the EEA (no transfer),
 * a third country with an EU adequacy decision in force (Art. 45), or a third country that needs
 * a transfer mechanism (Art. 46: SCCs, BCRs, ...).
 */
import type { Resources } from '../resources';

/** Pseudo-codes the extractor emits besides ISO 3166-1 alpha-2 codes. */
export const GLOBAL = 'GLOBAL';
const INSIDE_PSEUDO_CODES: ReadonlySet<string> = new Set(['EU', 'EEA']);

/** The minimal country data the geography needs: membership of the EU/EEA, and names. */
export interface CountryFacts {
  name: string;
  eea: boolean;
  eeaTerritoryOf?: string | undefined;
}

/**
 * True when processing in `code` is not a transfer under GDPR Chapter V: an EEA member state, a
 * territory where the GDPR applies as part of one (Åland, the French outermost regions), or the
 * pseudo-codes EU/EEA. GLOBAL and unknown codes are outside: "worldwide" includes third countries.
 */
export function isInsideEea(code: string, countries: ReadonlyMap<string, CountryFacts>): boolean {
  if (INSIDE_PSEUDO_CODES.has(code)) {
    return true;
  }
  const country = countries.get(code);
  return country !== undefined && (country.eea || country.eeaTerritoryOf !== undefined);
}

const adequateByResources = new WeakMap<Resources['adequacy'], ReadonlySet<string>>();

/**
 * Countries with an EU adequacy decision in force (GDPR Art. 45). Partial decisions (Canada,
 * Japan, Korea, the US) are included; the US needs the caller's extra DPF check because its
 * decision covers only certified organisations.
 */
export function euAdequateCountries(resources: Pick<Resources, 'adequacy'>): ReadonlySet<string> {
  let set = adequateByResources.get(resources.adequacy);
  if (!set) {
    set = new Set(
      resources.adequacy
        .filter((d) => d.by === 'EU' && d.status === 'in-force')
        .flatMap((d) => d.countries),
    );
    adequateByResources.set(resources.adequacy, set);
  }
  return set;
}

// Country names that read as a common noun phrase take "the" in a sentence ("in the United
// States", "in the Netherlands"); names with a comma are already inverted and read fine bare.
const NEEDS_ARTICLE =
  /^(?:United |Netherlands$|Philippines$|Bahamas$|Gambia$|Maldives$|Central African |Dominican |Democratic |Republic )|(?:Islands|Emirates)$/;

/** How a country code reads in a sentence: "the United States", "Russia", "the EU", "worldwide". */
export function countryPhrase(code: string, countries: ReadonlyMap<string, CountryFacts>): string {
  if (code === GLOBAL) {
    return 'unspecified countries worldwide';
  }
  if (INSIDE_PSEUDO_CODES.has(code)) {
    return `the ${code}`;
  }
  const name = countries.get(code)?.name;
  if (name === undefined) {
    return code;
  }
  return NEEDS_ARTICLE.test(name) && !name.includes(',') ? `the ${name}` : name;
}

/** "A", "A and B", "A, B and C" (or with "or"). */
export function joinWords(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) {
    return items[0] ?? '';
  }
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1] ?? ''}`;
}
