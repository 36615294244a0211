import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffEntries } from '../../../src-main/services/compare';
import { loadResources, type KnownSubprocessor } from '../../../src-main/services/resources';
import type { Entry } from '../../../src-shared/domain';
import type { FieldChange, SnapshotDiff } from '../../../src-shared/review';
import { storedEntry } from '../../factories';
import { ROOT_DIR } from '../../helpers';

const catalog = loadResources(join(ROOT_DIR, 'resources')).subprocessors;
const noCatalog: readonly KnownSubprocessor[] = [];

/** An active US entry under SCCs for hosting; override what a case is about. */
function entry(name: string, over: Partial<Entry> = {}): Entry {
  return storedEntry({
    position: 0,
    name,
    purpose: 'Hosting',
    countries: ['US'],
    transfer: ['SCC'],
    ...over,
  });
}

/** The diff reduced to names, so expectations read like the page. */
function outline(diff: SnapshotDiff) {
  return {
    added: diff.added.map((e) => e.name),
    removed: diff.removed.map((e) => e.name),
    changed: diff.changed.map((c) => `${c.before.name} -> ${c.after.name} (${c.match})`),
    unchangedCount: diff.unchangedCount,
    ambiguous: diff.ambiguous.map((a) => `${a.side}:${a.entry.name}`),
  };
}

describe('diffEntries: renamed, removed or added', () => {
  it.each([
    // The catalog knows both names as one sub-processor: a rename by identity.
    ['Sendgrid', 'Twilio SendGrid', 'catalog', 'identity'],
    ['Intercom R&D Unlimited Company', 'Intercom', 'catalog', 'identity'],
    // Without a catalog the same renames are found by fuzzy name matching.
    ['Sendgrid', 'Twilio SendGrid', 'no catalog', 'fuzzy'],
    ['Intercom R&D Unlimited Company', 'Intercom', 'no catalog', 'fuzzy'],
    // Names the catalog does not know: fuzzy.
    ['Acme Mailer', 'Acme Mailer Cloud', 'catalog', 'fuzzy'],
    ['Acme Analytics', 'Acme Analytix', 'catalog', 'fuzzy'],
    ['Zorblax Messaging', 'Zorblaxx Messaging', 'catalog', 'fuzzy'],
    // Different companies: one removed, one added.
    ['Acme Mailer', 'Zorblax Analytics', 'catalog', 'removed+added'],
    // A name inside another word is no rename.
    ['Box', 'Dropbox', 'no catalog', 'removed+added'],
    // Alike names the catalog knows as different sub-processors are never a rename.
    ['JumpCloud', 'UpCloud', 'catalog', 'removed+added'],
    ['Loom', 'Zoom', 'catalog', 'removed+added'],
    ['Microsoft', 'Microsoft 365', 'catalog', 'removed+added'],
  ] as const)('"%s" -> "%s" with %s: %s', (oldName, newName, which, expected) => {
    const cat = which === 'catalog' ? catalog : noCatalog;
    const diff = diffEntries([entry(oldName)], [entry(newName)], cat);
    if (expected === 'removed+added') {
      expect(outline(diff)).toEqual({
        added: [newName],
        removed: [oldName],
        changed: [],
        unchangedCount: 0,
        ambiguous: [],
      });
      return;
    }
    expect(outline(diff)).toEqual({
      added: [],
      removed: [],
      changed: [`${oldName} -> ${newName} (${expected})`],
      unchangedCount: 0,
      ambiguous: [],
    });
    const [change] = diff.changed;
    expect(change?.fields).toEqual([{ field: 'name', before: oldName, after: newName }]);
    if (expected === 'fuzzy') {
      // Above the acceptance threshold (0.65), below an identity match.
      expect(change?.similarity).toBeGreaterThanOrEqual(0.65);
      expect(change?.similarity).toBeLessThan(1);
    } else {
      expect(change?.similarity).toBe(1);
    }
  });

  it('matches a brand printed as its legal entity in the next snapshot by fuzzy legal entity', () => {
    const before = entry('Zorblax', { legalEntity: 'Zorblax Data Services GmbH' });
    const after = entry('Zorblax Data Services', { legalEntity: null });
    const diff = diffEntries([before], [after], catalog);
    expect(outline(diff).changed).toEqual(['Zorblax -> Zorblax Data Services (fuzzy)']);
    expect(diff.changed[0]?.fields.map((f) => f.field)).toEqual(['name', 'legalEntity']);
  });

  it('pairs by identity first and fuzzy-matches only the leftovers', () => {
    // Hand-worked: AWS is unchanged, Sentry gained Ireland, Acme Mailer was renamed, Stripe left,
    // Zorblax Analytics is new.
    const before = [
      entry('AWS', { position: 0 }),
      entry('Sentry', { position: 1 }),
      entry('Acme Mailer', { position: 2 }),
      entry('Stripe', { position: 3 }),
    ];
    const after = [
      entry('Zorblax Analytics', { position: 0 }),
      entry('Acme Mailer Cloud', { position: 1 }),
      entry('Sentry', { position: 2, countries: ['US', 'IE'] }),
      entry('AWS', { position: 3 }),
    ];
    expect(outline(diffEntries(before, after, catalog))).toEqual({
      added: ['Zorblax Analytics'],
      removed: ['Stripe'],
      changed: ['Acme Mailer -> Acme Mailer Cloud (fuzzy)', 'Sentry -> Sentry (identity)'],
      unchangedCount: 1,
      ambiguous: [],
    });
  });
});

describe('diffEntries: alias matching through the catalog', () => {
  it.each([
    ['AWS', 'Amazon Web Services, Inc.'],
    ['Amazon Web Services EMEA SARL', 'AWS'],
    ['Functional Software, Inc.', 'Sentry'],
  ])('"%s" and "%s" are one sub-processor whose printed name changed', (oldName, newName) => {
    const diff = diffEntries([entry(oldName)], [entry(newName)], catalog);
    expect(outline(diff).changed).toEqual([`${oldName} -> ${newName} (identity)`]);
    expect(diff.changed[0]?.fields).toEqual([{ field: 'name', before: oldName, after: newName }]);
  });

  it('matches an unknown brand by its known legal entity', () => {
    const before = entry('Zorblax Hosting', { legalEntity: 'Amazon Web Services, Inc.' });
    const after = entry('AWS', { legalEntity: 'Amazon Web Services, Inc.' });
    expect(outline(diffEntries([before], [after], catalog)).changed).toEqual([
      'Zorblax Hosting -> AWS (identity)',
    ]);
  });
});

describe('diffEntries: field-level changes', () => {
  it.each<[string, Partial<Entry>, Partial<Entry>, FieldChange]>([
    [
      'a country added',
      { countries: ['US'] },
      { countries: ['US', 'IE'] },
      { field: 'countries', before: ['US'], after: ['US', 'IE'] },
    ],
    [
      'a country removed',
      { countries: ['DE', 'US'] },
      { countries: ['US'] },
      { field: 'countries', before: ['DE', 'US'], after: ['US'] },
    ],
    [
      'a mechanism dropped',
      { transfer: ['SCC', 'DPF'] },
      { transfer: ['SCC'] },
      { field: 'transfer', before: ['SCC', 'DPF'], after: ['SCC'] },
    ],
    [
      'status changed to conditional',
      { status: 'active' },
      { status: 'conditional' },
      { field: 'status', before: 'active', after: 'conditional' },
    ],
    [
      'legal entity changed',
      { legalEntity: 'Acme Hosting Inc.' },
      { legalEntity: 'Acme Hosting Ireland Ltd' },
      { field: 'legalEntity', before: 'Acme Hosting Inc.', after: 'Acme Hosting Ireland Ltd' },
    ],
    [
      'legal entity newly stated',
      { legalEntity: null },
      { legalEntity: 'Acme Hosting Inc.' },
      { field: 'legalEntity', before: null, after: 'Acme Hosting Inc.' },
    ],
    [
      'purpose edited',
      { purpose: 'Hosting' },
      { purpose: 'Hosting and backups' },
      { field: 'purpose', before: 'Hosting', after: 'Hosting and backups' },
    ],
    [
      'purpose case changed (compared case-sensitively)',
      { purpose: 'Hosting' },
      { purpose: 'hosting' },
      { field: 'purpose', before: 'Hosting', after: 'hosting' },
    ],
    [
      'section moved',
      { section: null },
      { section: 'Infrastructure' },
      { field: 'section', before: null, after: 'Infrastructure' },
    ],
    [
      'a data category added',
      { dataCategories: ['Contact data'] },
      { dataCategories: ['Contact data', 'Usage data'] },
      { field: 'dataCategories', before: ['Contact data'], after: ['Contact data', 'Usage data'] },
    ],
    [
      'legal form punctuation in the name',
      { name: 'Acme Hosting Inc.' },
      { name: 'Acme Hosting, Inc.' },
      { field: 'name', before: 'Acme Hosting Inc.', after: 'Acme Hosting, Inc.' },
    ],
  ])('%s', (_title, old, changed, expected) => {
    const diff = diffEntries(
      [entry('Acme Hosting Inc.', old)],
      [entry('Acme Hosting Inc.', changed)],
      catalog,
    );
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]?.match).toBe('identity');
    expect(diff.changed[0]?.fields).toEqual([expected]);
    expect(diff.unchangedCount).toBe(0);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it('lists every changed field of one entry in DIFF_FIELDS order', () => {
    const before = entry('Acme Hosting', { countries: ['US'], status: 'active', purpose: 'A' });
    const after = entry('Acme Hosting', { countries: ['IE'], status: 'inactive', purpose: 'B' });
    const fields = diffEntries([before], [after], catalog).changed[0]?.fields.map((f) => f.field);
    expect(fields).toEqual(['purpose', 'countries', 'status']);
  });
});

describe('diffEntries: what is not a change', () => {
  it.each<[string, Partial<Entry>, Partial<Entry>]>([
    ['countries reordered', { countries: ['US', 'IE', 'DE'] }, { countries: ['DE', 'US', 'IE'] }],
    ['mechanisms reordered', { transfer: ['SCC', 'DPF'] }, { transfer: ['DPF', 'SCC'] }],
    [
      'data categories reordered',
      { dataCategories: ['Usage data', 'Contact data'] },
      { dataCategories: ['Contact data', 'Usage data'] },
    ],
    ['a country listed twice', { countries: ['US', 'US'] }, { countries: ['US'] }],
    [
      'whitespace in the purpose',
      { purpose: '  Hosting   and\nbackups ' },
      { purpose: 'Hosting and backups' },
    ],
    ['an empty legal entity and none', { legalEntity: '  ' }, { legalEntity: null }],
    ['a new place on the page', { position: 0 }, { position: 7 }],
  ])('%s', (_title, old, same) => {
    const diff = diffEntries([entry('Acme Hosting', old)], [entry('Acme Hosting', same)], catalog);
    expect(outline(diff)).toEqual({
      added: [],
      removed: [],
      changed: [],
      unchangedCount: 1,
      ambiguous: [],
    });
  });

  it('a reordered list is unchanged', () => {
    const names = ['AWS', 'Sentry', 'Acme Mailer', 'Stripe', 'Zorblax Analytics'];
    const before = names.map((name, position) => entry(name, { position }));
    const after = [...names].reverse().map((name, position) => entry(name, { position }));
    expect(outline(diffEntries(before, after, catalog))).toEqual({
      added: [],
      removed: [],
      changed: [],
      unchangedCount: 5,
      ambiguous: [],
    });
  });
});

describe('diffEntries: ambiguous matches are reported, not guessed', () => {
  it('one entry that could be either of two older ones stays added, both stay removed', () => {
    const diff = diffEntries(
      [entry('Acme Mail EU'), entry('Acme Mail US')],
      [entry('Acme Mail')],
      catalog,
    );
    expect(outline(diff)).toEqual({
      added: ['Acme Mail'],
      removed: ['Acme Mail EU', 'Acme Mail US'],
      changed: [],
      unchangedCount: 0,
      ambiguous: ['after:Acme Mail'],
    });
    const [only] = diff.ambiguous;
    expect(only?.candidates.map((c) => c.entry.name)).toEqual(['Acme Mail EU', 'Acme Mail US']);
    // Both equally plausible: the same score either way.
    expect(only?.candidates[0]?.similarity).toBe(only?.candidates[1]?.similarity);
  });

  it('reports the older side when one entry was split in two', () => {
    const diff = diffEntries(
      [entry('Acme Mail')],
      [entry('Acme Mail US'), entry('Acme Mail EU')],
      catalog,
    );
    expect(outline(diff).ambiguous).toEqual(['before:Acme Mail']);
    expect(outline(diff).added).toEqual(['Acme Mail EU', 'Acme Mail US']);
  });

  it('resolves once identity has paired the rival', () => {
    const diff = diffEntries(
      [entry('Acme Mail EU'), entry('Acme Mail US')],
      [entry('Acme Mail'), entry('Acme Mail US')],
      catalog,
    );
    expect(outline(diff)).toEqual({
      added: [],
      removed: [],
      changed: ['Acme Mail EU -> Acme Mail (fuzzy)'],
      unchangedCount: 1,
      ambiguous: [],
    });
  });
});

describe('diffEntries: deterministic output', () => {
  it('gives the same result whatever the input order, sorted by name', () => {
    const before = ['Stripe', 'acme Mailer', 'AWS', 'Old Vendor', 'Sentry'].map((name, i) =>
      entry(name, { position: i }),
    );
    const after = ['Zeta Vendor', 'AWS', 'Acme Mailer Cloud', 'Sentry', 'Beta Vendor'].map(
      (name, i) => entry(name, { position: i, countries: name === 'Sentry' ? ['IE'] : ['US'] }),
    );
    const diff = diffEntries(before, after, catalog);
    const again = diffEntries([...before].reverse(), [...after].reverse(), catalog);
    expect(again).toEqual(diff);
    expect(outline(diff)).toEqual({
      added: ['Beta Vendor', 'Zeta Vendor'],
      removed: ['Old Vendor', 'Stripe'],
      changed: ['acme Mailer -> Acme Mailer Cloud (fuzzy)', 'Sentry -> Sentry (identity)'],
      unchangedCount: 1,
      ambiguous: [],
    });
  });

  it('pairs duplicate rows of one sub-processor by their fields', () => {
    const before = [
      entry('AWS', { purpose: 'Hosting', countries: ['US'] }),
      entry('AWS', { purpose: 'Backups', countries: ['IE'] }),
    ];
    const after = [
      entry('Amazon Web Services', { purpose: 'Backups', countries: ['IE'] }),
      entry('AWS', { purpose: 'Hosting', countries: ['US', 'DE'] }),
    ];
    const diff = diffEntries(before, after, catalog);
    expect(diff.changed.map((c) => [c.before.purpose, c.fields.map((f) => f.field)])).toEqual([
      ['Backups', ['name']],
      ['Hosting', ['countries']],
    ]);
  });

  it('diffs empty snapshots', () => {
    expect(diffEntries([], [], catalog)).toEqual({
      added: [],
      removed: [],
      changed: [],
      unchangedCount: 0,
      ambiguous: [],
    });
  });
});
