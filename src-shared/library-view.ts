/**
 * Sorting and filtering the library (one row per vendor). Pure functions so the rules are tested
 * without a browser; the screen only draws them.
 */
import type { ReviewStatus, VendorSummary } from './review';

export type LibrarySortKey =
  'name' | 'status' | 'flags' | 'entries' | 'open' | 'quality' | 'lastImport' | 'pageUpdated';

export interface LibraryFilters {
  name: string;
  status: '' | ReviewStatus;
  flags: '' | 'high' | 'any' | 'none';
  open: '' | 'some' | 'none';
  quality: '' | 'below-60' | 'from-60';
  /** Page's own "last updated" date older than this many months, or not stated. */
  pageAge: '' | 'older-6' | 'older-12' | 'not-stated';
}

export const NO_LIBRARY_FILTERS: LibraryFilters = {
  name: '',
  status: '',
  flags: '',
  open: '',
  quality: '',
  pageAge: '',
};

const STATUS_ORDER: Record<ReviewStatus, number> = {
  'needs-attention': 0,
  'in-progress': 1,
  'not-started': 2,
  complete: 3,
};

const MONTH_MS = 30.44 * 24 * 3600 * 1000;

function monthsOld(date: string | null, now: Date): number | null {
  if (!date) return null;
  const t = Date.parse(date);
  return Number.isNaN(t) ? null : (now.getTime() - t) / MONTH_MS;
}

function flagTotal(s: VendorSummary): number {
  return s.summary.high + s.summary.medium + s.summary.low + s.summary.info;
}

/** Ascending sort value; missing values sort last either way (see sortLibrary). */
function sortValue(s: VendorSummary, key: LibrarySortKey): string | number | number[] | null {
  switch (key) {
    case 'name':
      return s.vendor.name.toLowerCase();
    case 'status':
      return STATUS_ORDER[s.status];
    case 'flags':
      // Most serious first when ascending: any high flag outweighs any number of medium ones, etc.
      return [-s.summary.high, -s.summary.medium, -s.summary.low, -s.summary.info];
    case 'entries':
      return s.vendor.entryCount;
    case 'open':
      return s.openCount;
    case 'quality':
      return s.qualityScore;
    case 'lastImport':
      return s.vendor.lastImportedAt;
    case 'pageUpdated':
      return s.vendor.lastUpdated;
  }
}

/** -1, 0 or 1; arrays compare element by element. */
function compare(x: string | number | number[], y: string | number | number[]): number {
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; i < x.length; i++) {
      const d = compare(x[i] ?? 0, y[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  }
  return x === y ? 0 : x < y ? -1 : 1;
}

export function sortLibrary(
  rows: readonly VendorSummary[],
  key: LibrarySortKey,
  desc: boolean,
): VendorSummary[] {
  const dir = desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null || y === null) {
      // Vendors without a value (no import, no date) go last, whatever the direction.
      if (x !== y) return x === null ? 1 : -1;
    } else {
      const order = compare(x, y);
      if (order !== 0) return order * dir;
    }
    return a.vendor.name.localeCompare(b.vendor.name);
  });
}

export function matchesLibrary(s: VendorSummary, f: LibraryFilters, now: Date): boolean {
  const q = f.name.trim().toLowerCase();
  if (q && !s.vendor.name.toLowerCase().includes(q)) return false;
  if (f.status && s.status !== f.status) return false;
  if (f.flags === 'high' && s.summary.high === 0) return false;
  if (f.flags === 'any' && flagTotal(s) === 0) return false;
  if (f.flags === 'none' && flagTotal(s) > 0) return false;
  if (f.open === 'some' && s.openCount === 0) return false;
  if (f.open === 'none' && s.openCount > 0) return false;
  if (f.quality === 'below-60' && !(s.qualityScore !== null && s.qualityScore < 60)) return false;
  if (f.quality === 'from-60' && !(s.qualityScore !== null && s.qualityScore >= 60)) return false;
  if (f.pageAge) {
    const age = monthsOld(s.vendor.lastUpdated, now);
    if (f.pageAge === 'not-stated') return age === null;
    const limit = f.pageAge === 'older-6' ? 6 : 12;
    if (age === null || age < limit) return false;
  }
  return true;
}
