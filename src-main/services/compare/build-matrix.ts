/**
 * The portfolio view: which sub-processors serve which vendors, and where the data goes. Shared
 * sub-processors are concentration risk (one breach reaches many vendors), so they sort first.
 */
import type { Entry } from '../../../src-shared/domain';
import type { CountryReach, MatrixRow, PortfolioMatrix } from '../../../src-shared/review';
import { knownSubprocessorOf } from '../identity';
import type { KnownSubprocessor } from '../resources';
import { entityKeyFor } from './entity-keys';

// Drafts hold plain arrays, not Sets and Maps: a large portfolio has tens of thousands of rows,
// and per-row collections made garbage collection the dearest part of the build.
interface RowDraft {
  key: string;
  known: KnownSubprocessor | undefined;
  /** Vendor ids in visiting order; a vendor's repeats are adjacent, so one check dedupes them. */
  vendorIds: number[];
  /** Every printed name (else legal entity) seen, as printed, for rows the catalog does not know. */
  names: string[];
}

/** Sorted distinct ids (a vendor passed twice is not adjacent to itself). */
function distinctSorted(ids: number[]): number[] {
  const sorted = ids.length > 1 ? [...ids].sort(byNumber) : ids;
  return sorted.filter((id, i) => i === 0 || id !== sorted[i - 1]);
}

function byNumber(a: number, b: number): number {
  return a - b;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The most often printed spelling, spacing tidied; '' when none was printed. */
function mostCommonName(printed: string[]): string {
  const tidy = (name: string): string => name.trim().replace(/\s+/g, ' ');
  const first = printed[0] ?? '';
  // Nearly always one spelling: tidy it once, not once per entry.
  if (printed.every((name) => name === first)) {
    return tidy(first);
  }
  const counts = new Map<string, number>();
  for (const name of printed.map(tidy).filter((n) => n.length > 0)) {
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best = '';
  let bestCount = 0;
  for (const [name, count] of counts) {
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
  const countries = new Map<string, { vendorIds: number[]; keys: Set<string> }>();
  for (const vendor of vendors) {
    for (const entry of vendor.entries) {
      const key = keyOf(entry);
      let row = rows.get(key);
      if (!row) {
        row = {
          key,
          known: key.startsWith('known:') ? knownSubprocessorOf(catalog, entry) : undefined,
          vendorIds: [],
          names: [],
        };
        rows.set(key, row);
      }
      if (row.vendorIds[row.vendorIds.length - 1] !== vendor.id) {
        row.vendorIds.push(vendor.id);
      }
      if (!row.known) {
        row.names.push(entry.name || (entry.legalEntity ?? ''));
      }
      for (const code of entry.countries) {
        let reach = countries.get(code);
        if (!reach) {
          reach = { vendorIds: [], keys: new Set() };
          countries.set(code, reach);
        }
        if (reach.vendorIds[reach.vendorIds.length - 1] !== vendor.id) {
          reach.vendorIds.push(vendor.id);
        }
        reach.keys.add(key);
      }
    }
  }

  // Sort keys computed once per row: a comparator that lower-cases on every call costs more than
  // the whole scan on a large portfolio.
  const sortable = [...rows.values()].map((row) => {
    // An unnamed row (name lost on the page) keeps its key as a name rather than showing blank.
    const name = row.known?.canonicalName ?? (mostCommonName(row.names) || row.key);
    const matrixRow: MatrixRow = {
      key: row.key,
      name,
      category: row.known?.category ?? null,
      vendorIds: distinctSorted(row.vendorIds),
    };
    return { row: matrixRow, folded: name.toLowerCase() };
  });
  sortable.sort(
    (a, b) =>
      b.row.vendorIds.length - a.row.vendorIds.length ||
      byText(a.folded, b.folded) ||
      byText(a.row.key, b.row.key),
  );
  const reach: CountryReach[] = [...countries].map(([code, r]) => ({
    code,
    vendorIds: distinctSorted(r.vendorIds),
    subprocessorKeys: [...r.keys].sort(byText),
  }));
  reach.sort((a, b) => b.vendorIds.length - a.vendorIds.length || byText(a.code, b.code));
  return {
    vendors: vendors
      .map(({ id, name }) => ({ id, name }))
      .sort((a, b) => byText(a.name.toLowerCase(), b.name.toLowerCase()) || a.id - b.id),
    rows: sortable.map((s) => s.row),
    countries: reach,
  };
}
