import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  entityKey,
  entityKeyOfKnown,
  entryFingerprint,
  knownSubprocessorOf,
} from '../../../src-main/services/identity';
import { loadResources } from '../../../src-main/services/resources';
import { ROOT_DIR } from '../../helpers';

const { subprocessors } = loadResources(join(ROOT_DIR, 'resources'));
const key = (name: string, legalEntity: string | null = null, purpose: string | null = null) =>
  entityKey(subprocessors, { name, legalEntity, purpose });

describe('entity identity', () => {
  it.each([
    ['AWS', 'Amazon Web Services, Inc.'],
    ['Amazon Web Services', 'Amazon Web Services EMEA SARL'],
    ['Sentry', 'Functional Software, Inc.'],
  ])('"%s" and "%s" are the same sub-processor', (a, b) => {
    expect(key(a)).toBe(key(b));
    expect(key(a)).toMatch(/^known:/);
  });

  it('falls back to the legal entity when the brand is unknown', () => {
    expect(key('Zorblax', 'Amazon Web Services, Inc.')).toBe(key('AWS'));
  });

  it('keys an unknown vendor by its name without legal suffixes or case', () => {
    expect(key('Acme Widgets, Inc.')).toBe('name:acmewidgets');
    expect(key('ACME widgets')).toBe('name:acmewidgets');
  });

  it.each([
    ['AWS', null, null, 'known:amazon-web-services'],
    ['Zorblax', 'Amazon Web Services, Inc.', null, 'known:amazon-web-services'],
    ['Acme Widgets, Inc.', null, null, 'name:acmewidgets'],
    ['', null, 'Email delivery', null],
  ])("entityKeyOfKnown gives entityKey's key from a lookup already made (%s)", (n, l, p, want) => {
    const entry = { name: n, legalEntity: l, purpose: p };
    const got = entityKeyOfKnown(knownSubprocessorOf(subprocessors, entry), entry);
    expect(got).toBe(entityKey(subprocessors, entry));
    if (want) expect(got).toBe(want);
  });

  it('keys a nameless row by its purpose', () => {
    expect(key('', null, 'Email delivery')).toBe(key('', null, '  email   DELIVERY '));
    expect(key('', null, 'Email delivery')).not.toBe(key('', null, 'Hosting'));
  });
});

describe('entry fingerprint', () => {
  const base = {
    legalEntity: 'Acme Inc.',
    purpose: 'Hosting',
    countries: ['US', 'IE'],
    transfer: ['SCC' as const],
    status: 'active' as const,
    dataCategories: [],
  };
  it('ignores list order and spacing', () => {
    expect(entryFingerprint(base)).toBe(
      entryFingerprint({ ...base, countries: ['IE', 'US'], purpose: ' hosting ' }),
    );
  });
  it.each([
    ['countries', { countries: ['US'] }],
    ['transfer', { transfer: [] }],
    ['status', { status: 'conditional' as const }],
    ['purpose', { purpose: 'Analytics' }],
  ])('changes when %s changes', (_f, change) => {
    expect(entryFingerprint({ ...base, ...change })).not.toBe(entryFingerprint(base));
  });
});
