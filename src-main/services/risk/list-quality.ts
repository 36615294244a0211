/**
 * How reviewable a vendor's published list is: the facts an analyst needs from it, scored 0..100.
 * Seven criteria with equal weight: each is a separate thing a reviewer must otherwise chase the
 * vendor for, and no published guidance ranks them, so weighting would invent precision.
 */
import type { Entry, Snapshot } from '../../../src-shared/domain';
import type { ListQuality, QualityCriterion } from '../../../src-shared/review';
import shippedCountries from '../../../resources/countries.json';
import { GLOBAL, isInsideEea, type CountryFacts } from './geography';

const SHIPPED_COUNTRIES: ReadonlyMap<string, CountryFacts> = new Map(
  shippedCountries.countries.map((c): [string, CountryFacts] => [c.code, c]),
);

type Counted = Pick<Entry, 'legalEntity' | 'purpose' | 'countries' | 'transfer' | 'status'>;

/**
 * Scores a list 0..100 from seven criteria (dates, legal entities, countries, purposes, transfer
 * mechanisms, notice and objection terms), each with a detail a reviewer can act on.
 */
export function listQuality(
  snapshot: Pick<Snapshot, 'lastUpdated' | 'noticeDays' | 'objectionDays'>,
  entries: Entry[],
  countries: ReadonlyMap<string, CountryFacts> = SHIPPED_COUNTRIES,
): ListQuality {
  // Customer-managed entries are disclosed, not engaged by the vendor; the list owes no detail on
  // them, so they are left out of the shares (and the detail says so).
  const own: Counted[] = entries.filter((e) => e.status !== 'customer-managed');
  const skipped = entries.length - own.length;
  const note =
    skipped > 0
      ? ` (${skipped} customer-managed ${skipped === 1 ? 'entry' : 'entries'} not counted)`
      : '';
  const outside = own.filter((e) => e.countries.some((c) => !isInsideEea(c, countries)));

  const criteria: QualityCriterion[] = [
    pageFact(
      'last-updated',
      'Last-updated date stated',
      snapshot.lastUpdated !== null,
      `The list was last updated on ${snapshot.lastUpdated ?? ''}`,
      'The list gives no last-updated date',
    ),
    share(
      'legal-entities',
      'Legal entities named',
      own.filter((e) => Boolean(e.legalEntity?.trim())).length,
      own.length,
      ['names a legal entity', 'name a legal entity'],
      note,
    ),
    share(
      'countries',
      'Processing countries named',
      // "Global" is not a location anyone can assess, so it does not count as naming one.
      own.filter((e) => e.countries.some((c) => c !== GLOBAL)).length,
      own.length,
      ['names a processing country or region', 'name a processing country or region'],
      note,
    ),
    share(
      'purposes',
      'Purposes stated',
      own.filter((e) => Boolean(e.purpose?.trim())).length,
      own.length,
      ['states a purpose', 'state a purpose'],
      note,
    ),
    outside.length === 0 && own.length > 0
      ? {
          id: 'mechanisms',
          label: 'Transfer mechanisms named',
          score: 1,
          detail: `No entry processes data outside the EEA${note}`,
        }
      : share(
          'mechanisms',
          'Transfer mechanisms named',
          outside.filter((e) => e.transfer.length > 0).length,
          outside.length,
          [
            'processing outside the EEA names a transfer mechanism',
            'processing outside the EEA name a transfer mechanism',
          ],
          note,
        ),
    pageFact(
      'notice-period',
      'Notice period stated',
      snapshot.noticeDays !== null,
      `The list states a notice period of ${snapshot.noticeDays ?? 0} days for new sub-processors`,
      'The list states no notice period for new sub-processors',
    ),
    pageFact(
      'objection-path',
      'Objection window stated',
      snapshot.objectionDays !== null,
      `The list gives ${snapshot.objectionDays ?? 0} days to object to a new sub-processor`,
      'The list states no window for objecting to a new sub-processor',
    ),
  ];
  const mean = criteria.reduce((sum, c) => sum + c.score, 0) / criteria.length;
  return { score: Math.round(mean * 100), criteria };
}

function pageFact(
  id: QualityCriterion['id'],
  label: string,
  met: boolean,
  yes: string,
  no: string,
): QualityCriterion {
  return { id, label, score: met ? 1 : 0, detail: met ? yes : no };
}

function share(
  id: QualityCriterion['id'],
  label: string,
  met: number,
  total: number,
  /** What the entries do, for one entry and for several: ['names ...', 'name ...']. */
  what: readonly [string, string],
  note: string,
): QualityCriterion {
  if (total === 0) {
    // An empty list gives a reviewer nothing to assess: it earns nothing.
    return { id, label, score: 0, detail: `No entries to assess${note}` };
  }
  const [one, many] = what;
  const phrase = total === 1 ? `entry ${one}` : `entries ${many}`;
  return { id, label, score: met / total, detail: `${met} of ${total} ${phrase}${note}` };
}
