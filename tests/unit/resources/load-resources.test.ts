import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import {
  catalogProblems,
  clearResourcesCache,
  loadResources,
  nameKey,
  POLICY_RULE_IDS,
  RESOURCE_FILES,
  type Resources,
} from '../../../src-main/services/resources';

const RESOURCES_DIR = join(__dirname, '..', '..', '..', 'resources');

const EU_27 = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
];

let res: Resources;
beforeAll(() => {
  res = loadResources(RESOURCES_DIR);
});

describe('shipped resources', () => {
  it('validate and carry version, checkedOn and sources', () => {
    for (const info of Object.values(res.info)) {
      expect(info.version).toBeGreaterThanOrEqual(1);
      expect(info.checkedOn).toBe('2026-11-23');
      expect(info.sources.length).toBeGreaterThan(0);
    }
    expect(res.defaultPolicy.version).toBe(1);
  });

  it('are read once per directory', () => {
    expect(loadResources(RESOURCES_DIR)).toBe(res);
  });

  it('are frozen, so one service cannot change what another reads', () => {
    expect(Object.isFrozen(res.subprocessors)).toBe(true);
    expect(Object.isFrozen(res.subprocessors[0])).toBe(true);
  });
});

describe('countries.json', () => {
  it('holds the 249 ISO 3166-1 codes plus XK (Kosovo)', () => {
    expect(res.countries).toHaveLength(250);
    expect(res.countryByCode.get('XK')?.name).toBe('Kosovo');
  });

  it('marks exactly the 27 EU member states as EU', () => {
    const eu = res.countries.filter((c) => c.eu).map((c) => c.code);
    expect(eu.sort()).toEqual([...EU_27].sort());
  });

  it('marks exactly the EU plus Iceland, Liechtenstein and Norway as EEA', () => {
    const eea = res.countries.filter((c) => c.eea).map((c) => c.code);
    expect(eea.sort()).toEqual([...EU_27, 'IS', 'LI', 'NO'].sort());
    for (const c of res.countries.filter((x) => x.eu)) {
      expect(c.eea).toBe(true);
    }
  });

  it('does not count Switzerland or the UK as EEA', () => {
    expect(res.countryByCode.get('CH')?.eea).toBe(false);
    expect(res.countryByCode.get('GB')?.eea).toBe(false);
  });

  it.each([
    ['USA', 'US'],
    ['U.S.', 'US'],
    ['American', 'US'],
    ['UK', 'GB'],
    ['Britain', 'GB'],
    ['British', 'GB'],
    ['England', 'GB'],
    ['Holland', 'NL'],
    ['Dutch', 'NL'],
    ['Deutschland', 'DE'],
    ['German', 'DE'],
    ['Czechia', 'CZ'],
    ['Czech Republic', 'CZ'],
    ['Republic of Korea', 'KR'],
  ])('knows %s as %s', (alias, code) => {
    const owner = res.countries.find((c) =>
      [c.name, ...c.aliases].some((n) => n.toLowerCase() === alias.toLowerCase()),
    );
    expect(owner?.code).toBe(code);
  });

  it('never gives one alias to two countries', () => {
    const seen = new Map<string, string>();
    for (const c of res.countries) {
      for (const n of [c.name, ...c.aliases]) {
        const key = n.toLowerCase();
        expect(seen.get(key) ?? c.code, `${n} is claimed twice`).toBe(c.code);
        seen.set(key, c.code);
      }
    }
  });
});

describe('adequacy.json', () => {
  const inForce = (by: string, code: string) =>
    res.adequacy.some((d) => d.by === by && d.status === 'in-force' && d.countries.includes(code));

  it.each([
    'AD',
    'AR',
    'CA',
    'CH',
    'FO',
    'GB',
    'GG',
    'IL',
    'IM',
    'JE',
    'JP',
    'KR',
    'NZ',
    'US',
    'UY',
  ])('has an EU decision in force for %s', (code) => {
    expect(inForce('EU', code)).toBe(true);
  });

  it('does not treat Brazil as adequate while only a draft is confirmed', () => {
    expect(inForce('EU', 'BR')).toBe(false);
  });

  it('records the US decision as partial (DPF-certified organisations only), 2023-07-10', () => {
    const us = res.adequacy.find((d) => d.id === 'eu-us-dpf');
    expect(us).toMatchObject({ partial: true, adopted: '2023-07-10', status: 'in-force' });
  });

  it('records the UK Extension and the Swiss-US DPF with their start dates', () => {
    expect(res.adequacy.find((d) => d.id === 'uk-us-dpf')?.adopted).toBe('2023-10-12');
    expect(res.adequacy.find((d) => d.id === 'ch-us-dpf')?.adopted).toBe('2024-09-15');
  });

  it('gives every decision that is not in force a note saying what to verify', () => {
    for (const d of res.adequacy.filter((x) => x.status !== 'in-force')) {
      expect(d.note, d.id).toMatch(/verify/);
    }
  });
});

describe('subprocessors.json', () => {
  it('has at least 150 entries with unique ids', () => {
    expect(res.subprocessors.length).toBeGreaterThanOrEqual(150);
    const ids = res.subprocessors.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has no name, alias or legal entity shared by two entries (after normalising)', () => {
    const owners = new Map<string, string>();
    const collisions: string[] = [];
    for (const e of res.subprocessors) {
      for (const n of [e.canonicalName, ...e.aliases, ...e.legalEntities]) {
        const key = nameKey(n);
        const owner = owners.get(key);
        if (owner !== undefined && owner !== e.id) {
          collisions.push(`${n}: ${owner} / ${e.id}`);
        }
        owners.set(key, e.id);
      }
    }
    expect(collisions).toEqual([]);
  });

  it('passes every cross-entry check the loader makes', () => {
    expect(catalogProblems(res.subprocessors, res.countryByCode)).toEqual([]);
  });

  it('puts every AI provider in category ai (and only them)', () => {
    for (const e of res.subprocessors) {
      expect(e.category === 'ai', e.id).toBe(e.isAiProvider);
    }
  });

  it('dates every DPF status it states', () => {
    for (const e of res.subprocessors.filter((x) => x.dpfCertified !== null)) {
      expect(e.dpfCheckedOn, e.id).toBe('2026-11-23');
    }
  });
});

describe('default-policy.json', () => {
  it('defines every rule once', () => {
    expect(res.defaultPolicy.rules.map((r) => r.id).sort()).toEqual([...POLICY_RULE_IDS].sort());
  });

  it('has the documented defaults', () => {
    const byId = new Map(res.defaultPolicy.rules.map((r) => [r.id, r]));
    expect(byId.get('notice-period')?.params).toEqual({ minimumDays: 30 });
    expect(byId.get('page-stale')?.params).toEqual({ maxAgeMonths: 12 });
    expect(byId.get('conditional-entry')?.severity).toBe('info');
  });
});

describe('loadResources on a broken directory', () => {
  const dirs: string[] = [];
  afterEach(() => {
    clearResourcesCache();
    for (const d of dirs.splice(0)) {
      rmSync(d, { recursive: true, force: true });
    }
  });

  function copyWith(file: string, content: string | null): string {
    const dir = mkdtempSync(join(tmpdir(), 'dpa-resources-'));
    dirs.push(dir);
    for (const f of Object.values(RESOURCE_FILES)) {
      copyFileSync(join(RESOURCES_DIR, f), join(dir, f));
    }
    if (content === null) {
      rmSync(join(dir, file));
    } else {
      writeFileSync(join(dir, file), content);
    }
    return dir;
  }

  function errorOf(dir: string): AppError {
    try {
      loadResources(dir);
    } catch (e) {
      if (e instanceof AppError) {
        return e;
      }
      throw e;
    }
    throw new Error('expected loadResources to throw');
  }

  it('names a missing file', () => {
    const dir = copyWith('countries.json', null);
    const err = errorOf(dir);
    expect(err.code).toBe('internal');
    expect(err.file).toBe(join(dir, 'countries.json'));
    expect(err.reason).toMatch(/missing/);
  });

  it('reports malformed JSON', () => {
    const err = errorOf(copyWith('adequacy.json', '{ "version": 1,'));
    expect(err.code).toBe('internal');
    expect(err.reason).toMatch(/not valid JSON/);
  });

  it('reports a schema violation with its path', () => {
    const file = JSON.parse(readFileSync(join(RESOURCES_DIR, 'subprocessors.json'), 'utf8')) as {
      subprocessors: { category: string }[];
    };
    file.subprocessors[2] = { ...file.subprocessors[2], category: 'widgets' };
    const err = errorOf(copyWith('subprocessors.json', JSON.stringify(file)));
    expect(err.code).toBe('internal');
    expect(err.reason).toMatch(/subprocessors\[2\]\.category/);
  });

  it('reports an alias two entries share', () => {
    const file = JSON.parse(readFileSync(join(RESOURCES_DIR, 'subprocessors.json'), 'utf8')) as {
      subprocessors: { id: string; aliases: string[] }[];
    };
    file.subprocessors.find((e) => e.id === 'stripe')?.aliases.push('A.W.S.');
    const err = errorOf(copyWith('subprocessors.json', JSON.stringify(file)));
    expect(err.reason).toMatch(/A\.W\.S\..*collides with amazon-web-services/);
  });

  it('reports a bad default policy as policy-invalid', () => {
    const file = JSON.parse(readFileSync(join(RESOURCES_DIR, 'default-policy.json'), 'utf8')) as {
      rules: { id: string; params: Record<string, unknown> }[];
    };
    const notice = file.rules.find((r) => r.id === 'notice-period');
    if (notice) {
      notice.params = { minimumDays: 'thirty' };
    }
    const dir = copyWith('default-policy.json', JSON.stringify(file));
    const err = errorOf(dir);
    expect(err.code).toBe('policy-invalid');
    expect(err.file).toBe(join(dir, 'default-policy.json'));
  });

  it('reports an unknown blocked country', () => {
    const file = JSON.parse(readFileSync(join(RESOURCES_DIR, 'default-policy.json'), 'utf8')) as {
      rules: { id: string; params: Record<string, unknown> }[];
    };
    const blocked = file.rules.find((r) => r.id === 'blocked-country');
    if (blocked) {
      blocked.params = { countries: ['QQ'] };
    }
    const err = errorOf(copyWith('default-policy.json', JSON.stringify(file)));
    expect(err.code).toBe('policy-invalid');
    expect(err.reason).toMatch(/unknown country QQ/);
  });
});
