/**
 * Filtering the entries table, column by column, plus one free-text filter over every field. Pure
 * functions so the rules are tested without a browser.
 */
import type { Entry, Severity } from './domain';
import type { DecisionState, EntryReview } from './review';

export const STATUS_LABEL: Record<Entry['status'], string> = {
  active: 'Active',
  conditional: 'Conditional',
  inactive: 'Not engaged',
  'customer-managed': 'Customer-managed',
};

export type FlagFilter = '' | 'none' | 'any' | Severity;
export type ConfidenceFilter = '' | 'below-60' | 'below-80' | 'from-80';

/** One filter per column; '' means "any". Text filters match a part of the field, any case. */
export interface ColumnFilters {
  name: string;
  purpose: string;
  country: string;
  transfer: string;
  status: '' | Entry['status'];
  flags: FlagFilter;
  decision: '' | DecisionState;
  confidence: ConfidenceFilter;
}

export const NO_FILTERS: ColumnFilters = {
  name: '',
  purpose: '',
  country: '',
  transfer: '',
  status: '',
  flags: '',
  decision: '',
  confidence: '',
};

export function activeFilterCount(f: ColumnFilters): number {
  return Object.values(f).filter((v) => v.trim() !== '').length;
}

function contains(haystack: string | null | undefined, needle: string): boolean {
  const q = needle.trim().toLowerCase();
  return q === '' || (haystack ?? '').toLowerCase().includes(q);
}

function matchesFlags(item: EntryReview, want: FlagFilter): boolean {
  switch (want) {
    case '':
      return true;
    case 'none':
      return item.flags.length === 0;
    case 'any':
      return item.flags.length > 0;
    default:
      return item.flags.some((f) => f.severity === want);
  }
}

function matchesConfidence(item: EntryReview, want: ConfidenceFilter): boolean {
  const c = item.entry.confidence;
  switch (want) {
    case '':
      return true;
    case 'below-60':
      return c < 0.6;
    case 'below-80':
      return c < 0.8;
    case 'from-80':
      return c >= 0.8;
  }
}

/** Every field a reviewer can see in a row, as one lower-case string for the free-text filter. */
export function rowText(item: EntryReview): string {
  const e = item.entry;
  return [
    e.name,
    e.legalEntity ?? '',
    e.purpose ?? '',
    e.countries.join(' '),
    e.transfer.join(' '),
    STATUS_LABEL[e.status],
    e.section ?? '',
    item.knownAs ?? '',
  ]
    .join(' ')
    .toLowerCase();
}

/** Whether a row passes every column filter: all of them must hold. */
export function matchesColumns(item: EntryReview, f: ColumnFilters): boolean {
  const e = item.entry;
  return (
    // The name column shows the legal entity and the catalog's name too: match any of them.
    (contains(e.name, f.name) ||
      contains(e.legalEntity, f.name) ||
      contains(item.knownAs, f.name)) &&
    contains(e.purpose, f.purpose) &&
    (f.country === '' || e.countries.includes(f.country)) &&
    (f.transfer === '' || e.transfer.some((t) => t === f.transfer)) &&
    (f.status === '' || e.status === f.status) &&
    matchesFlags(item, f.flags) &&
    (f.decision === '' || (e.status !== 'customer-managed' && item.decisionState === f.decision)) &&
    matchesConfidence(item, f.confidence)
  );
}

/** The values present in the table for the list filters, sorted, so no option finds nothing. */
export function filterOptions(items: readonly EntryReview[]): {
  countries: string[];
  transfers: string[];
  statuses: Entry['status'][];
  decisions: DecisionState[];
} {
  const countries = new Set<string>();
  const transfers = new Set<string>();
  const statuses = new Set<Entry['status']>();
  const decisions = new Set<DecisionState>();
  for (const i of items) {
    i.entry.countries.forEach((c) => countries.add(c));
    i.entry.transfer.forEach((t) => transfers.add(t));
    statuses.add(i.entry.status);
    if (i.entry.status !== 'customer-managed') decisions.add(i.decisionState);
  }
  const order = Object.keys(STATUS_LABEL) as Entry['status'][];
  const decisionOrder: DecisionState[] = ['open', 'reopened', 'decided'];
  return {
    countries: [...countries].sort(),
    transfers: [...transfers].sort(),
    statuses: order.filter((s) => statuses.has(s)),
    decisions: decisionOrder.filter((d) => decisions.has(d)),
  };
}
