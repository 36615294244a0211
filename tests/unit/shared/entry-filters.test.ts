import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  filterOptions,
  matchesColumns,
  NO_FILTERS,
  rowText,
  type ColumnFilters,
} from '../../../src-shared/entry-filters';
import { entryReview } from '../../factories';

const items = [
  entryReview(
    {
      name: 'AWS',
      legalEntity: 'Amazon Web Services EMEA SARL',
      purpose: 'Cloud hosting',
      countries: ['IE', 'US'],
      transfer: ['SCC', 'DPF'],
    },
    { knownAs: 'Amazon Web Services', severities: ['medium'] },
  ),
  entryReview(
    { name: 'OpenAI', purpose: 'AI features', countries: ['US'], confidence: 0.55 },
    { severities: ['high', 'info'], decisionState: 'decided' },
  ),
  entryReview({ name: 'Hetzner', purpose: 'Hosting', countries: ['DE'], status: 'conditional' }),
  entryReview(
    { name: 'Salesforce', purpose: 'CRM', countries: ['US'], status: 'customer-managed' },
    { decisionState: 'decided', severities: ['low'] },
  ),
];

function names(f: Partial<ColumnFilters>): string[] {
  return items.filter((i) => matchesColumns(i, { ...NO_FILTERS, ...f })).map((i) => i.entry.name);
}

describe('entries table column filters', () => {
  it('shows every row when no filter is set', () => {
    expect(names({})).toEqual(['AWS', 'OpenAI', 'Hetzner', 'Salesforce']);
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
  });

  it('matches the name column on the printed name, the legal entity or the catalog name', () => {
    expect(names({ name: 'amazon' })).toEqual(['AWS']);
    expect(names({ name: 'emea sarl' })).toEqual(['AWS']);
    expect(names({ name: 'OPEN' })).toEqual(['OpenAI']);
  });

  it('matches purpose by part of the text, ignoring case and surrounding spaces', () => {
    expect(names({ purpose: '  hosting ' })).toEqual(['AWS', 'Hetzner']);
  });

  it('filters by one country code and one transfer mechanism', () => {
    expect(names({ country: 'US' })).toEqual(['AWS', 'OpenAI', 'Salesforce']);
    expect(names({ country: 'DE' })).toEqual(['Hetzner']);
    expect(names({ transfer: 'DPF' })).toEqual(['AWS']);
  });

  it('filters by status', () => {
    expect(names({ status: 'conditional' })).toEqual(['Hetzner']);
  });

  it('filters by flags: none, any, or a given severity among several', () => {
    expect(names({ flags: 'none' })).toEqual(['Hetzner']);
    expect(names({ flags: 'any' })).toEqual(['AWS', 'OpenAI', 'Salesforce']);
    expect(names({ flags: 'info' })).toEqual(['OpenAI']);
    expect(names({ flags: 'high' })).toEqual(['OpenAI']);
  });

  it('filters by decision, leaving out customer-managed rows that take no decision', () => {
    expect(names({ decision: 'decided' })).toEqual(['OpenAI']);
    expect(names({ decision: 'open' })).toEqual(['AWS', 'Hetzner']);
  });

  it('filters by confidence band', () => {
    expect(names({ confidence: 'below-60' })).toEqual(['OpenAI']);
    expect(names({ confidence: 'from-80' })).toEqual(['AWS', 'Hetzner', 'Salesforce']);
  });

  it('combines filters: a row must pass all of them', () => {
    const f = { country: 'US', flags: 'any' as const, decision: 'open' as const };
    expect(names(f)).toEqual(['AWS']);
    expect(activeFilterCount({ ...NO_FILTERS, ...f })).toBe(3);
  });

  it('offers only the values present, so no list option finds nothing', () => {
    const o = filterOptions(items);
    expect(o.countries).toEqual(['DE', 'IE', 'US']);
    expect(o.transfers).toEqual(['DPF', 'SCC']);
    expect(o.statuses).toEqual(['active', 'conditional', 'customer-managed']);
    expect(o.decisions).toEqual(['open', 'decided']);
  });

  it('searches every visible field with the free-text filter', () => {
    const text = rowText(items[0] as (typeof items)[number]);
    for (const part of ['aws', 'amazon web services emea sarl', 'cloud hosting', 'ie us', 'dpf']) {
      expect(text).toContain(part);
    }
  });
});
