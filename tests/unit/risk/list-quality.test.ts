import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../src-shared/domain';
import type { QualityCriterion } from '../../../src-shared/review';
import { listQuality } from '../../../src-main/services/risk';
import { entry, resources } from './fixtures';

type PageFacts = Pick<Snapshot, 'lastUpdated' | 'noticeDays' | 'objectionDays'>;
const complete: PageFacts = { lastUpdated: '2026-06-01', noticeDays: 30, objectionDays: 14 };
const bare: PageFacts = { lastUpdated: null, noticeDays: null, objectionDays: null };

function byId(criteria: QualityCriterion[]): Record<string, [number, string]> {
  return Object.fromEntries(criteria.map((c) => [c.id, [c.score, c.detail]]));
}

describe('listQuality', () => {
  it('scores a mixed list criterion by criterion', () => {
    const entries = [
      entry({ legalEntity: 'A GmbH', purpose: 'Hosting', countries: ['DE'], transfer: [] }),
      entry({ legalEntity: null, purpose: 'Email', countries: ['US'], transfer: ['SCC'] }),
      entry({ legalEntity: 'C Inc.', purpose: null, countries: ['GLOBAL'], transfer: [] }),
      entry({ legalEntity: 'D Ltd', purpose: 'Support', countries: [], transfer: [] }),
    ];
    const quality = listQuality({ ...complete, objectionDays: null }, entries);
    expect(byId(quality.criteria)).toEqual({
      'last-updated': [1, 'The list was last updated on 2026-06-01'],
      'legal-entities': [0.75, '3 of 4 entries name a legal entity'],
      // "global" names no place; an empty list names none.
      countries: [0.5, '2 of 4 entries name a processing country or region'],
      purposes: [0.75, '3 of 4 entries state a purpose'],
      // Outside the EEA: the US entry (SCCs named) and the global one (nothing named).
      mechanisms: [0.5, '1 of 2 entries processing outside the EEA name a transfer mechanism'],
      'notice-period': [1, 'The list states a notice period of 30 days for new sub-processors'],
      'objection-path': [0, 'The list states no window for objecting to a new sub-processor'],
    });
    // (1 + 0.75 + 0.5 + 0.75 + 0.5 + 1 + 0) / 7 = 0.642... -> 64
    expect(quality.score).toBe(64);
  });

  it('gives a complete list inside the EEA full marks', () => {
    const quality = listQuality(complete, [entry({ countries: ['FR', 'EU'] })]);
    expect(quality.score).toBe(100);
    expect(byId(quality.criteria)).toMatchObject({
      'legal-entities': [1, '1 of 1 entry names a legal entity'],
      mechanisms: [1, 'No entry processes data outside the EEA'],
      'objection-path': [1, 'The list gives 14 days to object to a new sub-processor'],
    });
  });

  it('gives an empty list with no terms nothing', () => {
    const quality = listQuality(bare, []);
    expect(quality.score).toBe(0);
    expect(quality.criteria.map((c) => c.id)).toEqual([
      'last-updated',
      'legal-entities',
      'countries',
      'purposes',
      'mechanisms',
      'notice-period',
      'objection-path',
    ]);
    expect(byId(quality.criteria).purposes).toEqual([0, 'No entries to assess']);
  });

  it('leaves customer-managed entries out of the shares and says so', () => {
    const own = entry();
    const theirs = entry({ status: 'customer-managed', legalEntity: null, countries: ['US'] });
    const quality = listQuality(bare, [own, theirs]);
    expect(byId(quality.criteria)['legal-entities']).toEqual([
      1,
      '1 of 1 entry names a legal entity (1 customer-managed entry not counted)',
    ]);
    expect(byId(quality.criteria).mechanisms?.[0]).toBe(1);
    // Four entry criteria met, three page facts missing: 4 / 7 -> 57.
    expect(quality.score).toBe(57);
  });

  it.each([
    [['NO', 'IS', 'LI'], 1],
    [['GF'], 1],
    [['CH'], 0], // outside the EEA, adequacy or not: the list should say what it relies on
    [['GLOBAL'], 0],
  ])('scores a lone entry in %j without a mechanism %s on mechanisms', (countries, score) => {
    const e = entry({ countries, transfer: [] });
    const shipped = listQuality(complete, [e]);
    expect(byId(shipped.criteria).mechanisms?.[0]).toBe(score);
    // The bundled country data is the same as the loaded resources.
    expect(listQuality(complete, [e], resources.countryByCode)).toEqual(shipped);
  });
});
