/**
 * Hand-made domain objects for tests: one place for their defaults, so a new field in the domain
 * types is added here once. Each default is a plain, unflagged entry; tests override what matters.
 */
import type { Entry, Flag, ParsedEntry, Severity } from '../src-shared/domain';
import type { EntryReview } from '../src-shared/review';

/** A parsed entry as the extractor returns it: named on the page, active, in Germany. */
export function parsedEntry(over: Partial<ParsedEntry> = {}): ParsedEntry {
  return {
    name: 'Acme Analytics',
    legalEntity: null,
    purpose: 'Product analytics',
    dataCategories: [],
    countries: ['DE'],
    transfer: [],
    status: 'active',
    section: null,
    nameOnPage: true,
    confidence: 1,
    confidenceReasons: [],
    provenance: {},
    ...over,
  };
}

let nextId = 1;

/** A stored entry (with ids) of snapshot 1, each call a new id and position. */
export function storedEntry(over: Partial<Entry> = {}): Entry {
  const id = nextId++;
  return { ...parsedEntry(), id, snapshotId: 1, position: id, ...over };
}

/** A flag of the given severity on an entry. */
export function flag(entryId: number, severity: Severity, ruleId = 'test-rule'): Flag {
  return {
    id: nextId++,
    entryId,
    snapshotId: 1,
    ruleId,
    severity,
    message: `${severity} test flag`,
    evidence: [],
    policyVersion: 1,
  };
}

/** An entry as the review screen shows it: no flags, no decision yet. */
export function entryReview(
  over: Partial<Entry> = {},
  review: Partial<Omit<EntryReview, 'entry'>> & { severities?: Severity[] } = {},
): EntryReview {
  const entry = storedEntry(over);
  const { severities = [], ...rest } = review;
  return {
    entry,
    entityKey: `name:${entry.name.toLowerCase()}`,
    knownAs: null,
    flags: severities.map((s) => flag(entry.id, s)),
    decision: null,
    decisionState: 'open',
    ...rest,
  };
}
