import { describe, expect, it } from 'vitest';
import {
  matchesLibrary,
  NO_LIBRARY_FILTERS,
  sortLibrary,
  type LibraryFilters,
} from '../../../src-shared/library-view';
import type { VendorSummary } from '../../../src-shared/review';

const NOW = new Date('2026-11-23T12:00:00Z');
let nextId = 1;

function vendor(
  name: string,
  over: Partial<Omit<VendorSummary, 'vendor'>> & Partial<VendorSummary['vendor']> = {},
): VendorSummary {
  const { status, summary, qualityScore, openCount, ...v } = over;
  return {
    vendor: {
      id: nextId++,
      name,
      url: null,
      createdAt: '2026-01-01T00:00:00Z',
      snapshotCount: 1,
      entryCount: 10,
      lastImportedAt: '2026-11-01T00:00:00Z',
      lastUpdated: '2026-10-01',
      ...v,
    },
    status: status ?? 'in-progress',
    summary: summary ?? { high: 0, medium: 0, low: 0, info: 0 },
    qualityScore: qualityScore === undefined ? 80 : qualityScore,
    openCount: openCount ?? 0,
  };
}

const rows = [
  vendor('Zed', { status: 'complete', entryCount: 15, lastUpdated: '2025-05-06' }),
  vendor('Acme', {
    status: 'needs-attention',
    summary: { high: 1, medium: 3, low: 0, info: 0 },
    openCount: 4,
    qualityScore: 45,
  }),
  vendor('Retool', {
    summary: { high: 0, medium: 5, low: 2, info: 0 },
    openCount: 2,
    lastUpdated: null,
    lastImportedAt: null,
  }),
  vendor('Globex', { status: 'not-started', qualityScore: null, entryCount: 3 }),
];

const names = (list: VendorSummary[]): string[] => list.map((r) => r.vendor.name);
const only = (f: Partial<LibraryFilters>): string[] =>
  names(rows.filter((r) => matchesLibrary(r, { ...NO_LIBRARY_FILTERS, ...f }, NOW)));

describe('library sorting', () => {
  it('puts the reviews needing attention first by default order of status', () => {
    expect(names(sortLibrary(rows, 'status', false))).toEqual(['Acme', 'Retool', 'Globex', 'Zed']);
  });

  it('sorts flags by seriousness: one high outranks many medium', () => {
    expect(names(sortLibrary(rows, 'flags', false)).slice(0, 2)).toEqual(['Acme', 'Retool']);
  });

  it('sorts numbers and names both ways', () => {
    expect(names(sortLibrary(rows, 'entries', true))).toEqual(['Zed', 'Acme', 'Retool', 'Globex']);
    expect(names(sortLibrary(rows, 'name', false))).toEqual(['Acme', 'Globex', 'Retool', 'Zed']);
    expect(names(sortLibrary(rows, 'name', true))).toEqual(['Zed', 'Retool', 'Globex', 'Acme']);
  });

  it('keeps vendors without a value last in either direction', () => {
    expect(names(sortLibrary(rows, 'quality', false)).at(-1)).toBe('Globex');
    expect(names(sortLibrary(rows, 'quality', true)).at(-1)).toBe('Globex');
    expect(names(sortLibrary(rows, 'pageUpdated', true)).at(-1)).toBe('Retool');
  });
});

describe('library filters', () => {
  it('ranks one high flag above a thousand medium ones, and counts beyond 1,000 exactly', () => {
    const many = [
      vendor('Many medium', { summary: { high: 0, medium: 1000, low: 0, info: 0 } }),
      vendor('One high', { summary: { high: 1, medium: 0, low: 0, info: 0 } }),
      vendor('More low', { summary: { high: 0, medium: 0, low: 1500, info: 0 } }),
      vendor('Less low', { summary: { high: 0, medium: 0, low: 1499, info: 2000 } }),
    ];
    expect(names(sortLibrary(many, 'flags', false))).toEqual([
      'One high',
      'Many medium',
      'More low',
      'Less low',
    ]);
  });

  it('filters by name, status, flags and decisions left', () => {
    expect(only({ name: 're' })).toEqual(['Retool']);
    expect(only({ status: 'complete' })).toEqual(['Zed']);
    expect(only({ flags: 'high' })).toEqual(['Acme']);
    expect(only({ flags: 'any' })).toEqual(['Acme', 'Retool']);
    expect(only({ flags: 'none' })).toEqual(['Zed', 'Globex']);
    expect(only({ open: 'some' })).toEqual(['Acme', 'Retool']);
  });

  it('filters by list quality, leaving out vendors without a score', () => {
    expect(only({ quality: 'below-60' })).toEqual(['Acme']);
    expect(only({ quality: 'from-60' })).toEqual(['Zed', 'Retool']);
  });

  it("filters by the age of the page's own date", () => {
    expect(only({ pageAge: 'older-12' })).toEqual(['Zed']);
    expect(only({ pageAge: 'older-6' })).toEqual(['Zed']);
    expect(only({ pageAge: 'not-stated' })).toEqual(['Retool']);
  });

  it('combines filters', () => {
    expect(only({ flags: 'any', open: 'some', quality: 'from-60' })).toEqual(['Retool']);
  });
});
