import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMatrix } from '../../../src-main/services/compare';
import { loadResources } from '../../../src-main/services/resources';
import type { Entry } from '../../../src-shared/domain';
import { storedEntry } from '../../factories';
import { ROOT_DIR } from '../../helpers';

const catalog = loadResources(join(ROOT_DIR, 'resources')).subprocessors;

function entry(name: string, countries: string[], over: Partial<Entry> = {}): Entry {
  return storedEntry({ position: 0, name, purpose: 'Hosting', countries, ...over });
}

const AWS = 'known:amazon-web-services';
const SENTRY = 'known:sentry';
const STRIPE = 'known:stripe';
const ZORBLAX = 'name:zorblaxanalytics';

// Three vendors, passed out of order. AWS appears under four names (one vendor lists it twice),
// Sentry under its legal entity once, and an unknown Zorblax Analytics under two spellings.
const portfolio = [
  {
    id: 30,
    name: 'Gamma HR',
    entries: [
      entry('Amazon Web Services EMEA SARL', ['IE', 'EEA']),
      entry('Zorblax Analytics GmbH', ['DE', 'GLOBAL']),
    ],
  },
  {
    id: 10,
    name: 'Acme CRM',
    entries: [
      entry('AWS', ['US', 'IE']),
      entry('Amazon S3', ['US']),
      entry('Sentry', ['US']),
      entry('Zorblax Analytics', ['DE']),
    ],
  },
  {
    id: 20,
    name: 'Beta Docs',
    entries: [
      entry('Amazon Web Services, Inc.', ['US']),
      entry('Functional Software, Inc.', ['US']),
      entry('Stripe', ['US', 'EU']),
      entry('Zorblax Analytics', ['DE']),
    ],
  },
];

describe('buildMatrix on a three-vendor portfolio (worked by hand)', () => {
  const matrix = buildMatrix(portfolio, catalog);

  it('lists the vendors by name', () => {
    expect(matrix.vendors).toEqual([
      { id: 10, name: 'Acme CRM' },
      { id: 20, name: 'Beta Docs' },
      { id: 30, name: 'Gamma HR' },
    ]);
  });

  it('has one row per sub-processor, most shared first, then by name', () => {
    expect(matrix.rows).toEqual([
      // AWS: 10 (AWS, Amazon S3), 20 (Inc.), 30 (EMEA SARL); the vendor listing it twice counts once.
      { key: AWS, name: 'Amazon Web Services', category: 'cloud', vendorIds: [10, 20, 30] },
      // Unknown to the catalog: the name printed most often (2 of 3), no category.
      { key: ZORBLAX, name: 'Zorblax Analytics', category: null, vendorIds: [10, 20, 30] },
      // "Functional Software, Inc." is Sentry's legal entity.
      { key: SENTRY, name: 'Sentry', category: 'monitoring', vendorIds: [10, 20] },
      { key: STRIPE, name: 'Stripe', category: 'payments', vendorIds: [20] },
    ]);
  });

  it('maps each country to the vendors and sub-processors behind it, widest reach first', () => {
    expect(matrix.countries).toEqual([
      // DE: Zorblax at all three vendors.
      { code: 'DE', vendorIds: [10, 20, 30], subprocessorKeys: [ZORBLAX] },
      // IE: AWS at Acme (AWS) and Gamma (EMEA SARL).
      { code: 'IE', vendorIds: [10, 30], subprocessorKeys: [AWS] },
      // US: Acme (AWS, Amazon S3, Sentry) and Beta (AWS, Sentry, Stripe); Gamma has no US entry.
      { code: 'US', vendorIds: [10, 20], subprocessorKeys: [AWS, SENTRY, STRIPE] },
      { code: 'EEA', vendorIds: [30], subprocessorKeys: [AWS] },
      { code: 'EU', vendorIds: [20], subprocessorKeys: [STRIPE] },
      { code: 'GLOBAL', vendorIds: [30], subprocessorKeys: [ZORBLAX] },
    ]);
  });

  it('does not depend on the order vendors or entries come in', () => {
    const reordered = [...portfolio]
      .reverse()
      .map((v) => ({ ...v, entries: [...v.entries].reverse() }));
    expect(buildMatrix(reordered, catalog)).toEqual(matrix);
  });
});

describe('buildMatrix edge cases', () => {
  it('is empty for an empty portfolio', () => {
    expect(buildMatrix([], catalog)).toEqual({ vendors: [], rows: [], countries: [] });
  });

  it('keeps a vendor with no entries as a column', () => {
    const matrix = buildMatrix([{ id: 1, name: 'Empty', entries: [] }], catalog);
    expect(matrix).toEqual({ vendors: [{ id: 1, name: 'Empty' }], rows: [], countries: [] });
  });

  it.each([
    // Tie (one each): the alphabetically first spelling, whatever the order.
    [['Zorblax Labs', 'ZORBLAX Labs'], 'ZORBLAX Labs'],
    [['ZORBLAX Labs', 'Zorblax Labs'], 'ZORBLAX Labs'],
    // Spacing does not make a different spelling.
    [['Zorblax  Labs', 'Zorblax Labs ', 'ZORBLAX Labs'], 'Zorblax Labs'],
  ])('names an unknown sub-processor printed as %j "%s"', (names, expected) => {
    const vendors = names.map((name, i) => ({
      id: i + 1,
      name: `V${i}`,
      entries: [entry(name, [])],
    }));
    const [row] = buildMatrix(vendors, catalog).rows;
    expect(row?.name).toBe(expected);
    expect(row?.vendorIds).toEqual(names.map((_n, i) => i + 1));
  });
});
