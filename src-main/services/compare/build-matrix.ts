/**
 * The portfolio view: which sub-processors serve which vendors, and where the data goes. Shared
 * sub-processors are concentration risk (one breach reaches many vendors), so they sort first.
 */
import type { Entry } from '../../../src-shared/domain';
import type { CountryReach, MatrixRow, PortfolioMatrix } from '../../../src-shared/review';
import { knownSubprocessorOf } from '../identity';
import type { KnownSubprocessor } from '../resources';
import { entityKeyFor } from './entity-keys';

interface RowDraft {
  key: string;
  known: KnownSubprocessor | undefined;
  vendorIds: Set<number>;
  /** Printed names and how often each was seen, for rows the catalog does not know. */
  names: Map<string, number>;
}

function byNumber(a: number, b: number): number {
  return a - b;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mostCommonName(names: Map<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [name, count] of names) {
    // Ties go to the alphabetically first name, so the result never depends on input order.
    if (count > bestCount || (count === bestCount && byText(name, best) < 0)) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Sub-processors by vendor, and the countries the portfolio's data reaches.
 *
 * Every entry passed in counts (the caller passes each vendor's latest snapshot and chooses
 * whether inactive rows belong). Cost: O(E) over all entries with a memoised entityKey (the
 * catalog is consulted once per distinct key), plus O(R log R + C·V log V) to sort R rows and C
 * countries; no pairwise work.
 */
export function buildMatrix(
  vendors: { id: number; name: string; entries: Entry[] }[],
  catalog: readonly KnownSubprocessor[],
): PortfolioMatrix {
  const keyOf = entityKeyFor(catalog);
  const rows = new Map<string, RowDraft>();
  const countries = new Map<string, { vendorIds: Set<number>; keys: Set<string> }>();
  for (const vendor of vendors) {
    for (const entry of vendor.entries) {
      const key = keyOf(entry);
      let row = rows.get(key);
      if (!row) {
        row = {
          key,
          known: key.startsWith('known:') ? knownSubprocessorOf(catalog, entry) : undefined,
          vendorIds: new Set(),
          names: new Map(),
        };
        rows.set(key, row);
      }
      row.vendorIds.add(vendor.id);
      if (!row.known) {
        const printed = entry.name.trim().replace(/\s+/g, ' ') || (entry.legalEntity ?? '').trim();
        if (printed) {
          row.names.set(printed, (row.names.get(printed) ?? 0) + 1);
        }
      }
      for (const code of entry.countries) {
        let reach = countries.get(code);
        if (!reach) {
          reach = { vendorIds: new Set(), keys: new Set() };
          countries.set(code, reach);
        }
        reach.vendorIds.add(vendor.id);
        reach.keys.add(key);
      }
    }
  }

  const matrixRows: MatrixRow[] = [...rows.values()].map((row) => ({
    key: row.key,
    // An unnamed row (name lost on the page) keeps its key as a name rather than showing blank.
    name: row.known?.canonicalName ?? (mostCommonName(row.names) || row.key),
    category: row.known?.category ?? null,
    vendorIds: [...row.vendorIds].sort(byNumber),
  }));
  matrixRows.sort(
    (a, b) =>
      b.vendorIds.length - a.vendorIds.length ||
      byText(a.name.toLowerCase(), b.name.toLowerCase()) ||
      byText(a.key, b.key),
  );
  const reach: CountryReach[] = [...countries].map(([code, r]) => ({
    code,
    vendorIds: [...r.vendorIds].sort(byNumber),
    subprocessorKeys: [...r.keys].sort(byText),
  }));
  reach.sort((a, b) => b.vendorIds.length - a.vendorIds.length || byText(a.code, b.code));
  return {
    vendors: vendors
      .map(({ id, name }) => ({ id, name }))
      .sort((a, b) => byText(a.name.toLowerCase(), b.name.toLowerCase()) || a.id - b.id),
    rows: matrixRows,
    countries: reach,
  };
}
