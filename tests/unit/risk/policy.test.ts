import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import { POLICY_RULE_IDS } from '../../../src-main/services/resources';
import { defaultPolicy, describeRule, parsePolicy } from '../../../src-main/services/risk';
import { ROOT_DIR } from '../../helpers';
import { resources } from './fixtures';

const shippedFile: unknown = JSON.parse(
  readFileSync(join(ROOT_DIR, 'resources', 'default-policy.json'), 'utf8'),
);

/** The default policy as plain JSON, for a test to break one piece of. */
function policyJson(): { version: number; name: string; createdAt: string; rules: unknown[] } {
  return JSON.parse(JSON.stringify(defaultPolicy(resources))) as ReturnType<typeof policyJson>;
}

function ruleAt(json: ReturnType<typeof policyJson>, id: string): Record<string, unknown> {
  const rule = json.rules.find((r) => (r as { id: string }).id === id);
  if (!rule) {
    throw new Error(`no rule ${id} in the default policy`);
  }
  return rule as Record<string, unknown>;
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) {
      return e;
    }
    throw e;
  }
  throw new Error('expected an AppError, but nothing was thrown');
}

describe('defaultPolicy', () => {
  it('takes version, name and every rule with its parameters from the shipped file', () => {
    const policy = defaultPolicy(resources);
    expect(policy.version).toBe(resources.defaultPolicy.version);
    expect(policy.name).toBe('Default policy');
    expect(policy.rules.map((r) => r.id)).toEqual([...POLICY_RULE_IDS]);
    expect(policy.rules.find((r) => r.id === 'notice-period')).toEqual({
      id: 'notice-period',
      enabled: true,
      severity: 'medium',
      params: { minimumDays: 30 },
    });
    expect(policy.createdAt).toBe(resources.defaultPolicy.checkedOn);
  });

  it('returns parameters an editor may change without touching the shipped data', () => {
    const first = defaultPolicy(resources);
    const blocked = first.rules.find((r) => r.id === 'blocked-country');
    (blocked?.params.countries as string[]).push('CN');
    const second = defaultPolicy(resources);
    expect(second.rules.find((r) => r.id === 'blocked-country')?.params.countries).toEqual([
      'RU',
      'BY',
      'KP',
      'IR',
    ]);
  });
});

describe('parsePolicy', () => {
  it('round-trips the default policy through JSON', () => {
    const policy = defaultPolicy(resources);
    expect(parsePolicy(JSON.parse(JSON.stringify(policy)), 'policy.json')).toEqual(policy);
  });

  it('accepts an edited copy of the shipped file, titles and all', () => {
    const policy = parsePolicy(shippedFile, 'default-policy.json');
    expect(policy).toEqual(defaultPolicy(resources));
  });

  it('accepts an exported policy without a date, leaving createdAt for the store', () => {
    const { version, name, rules } = policyJson();
    const policy = parsePolicy({ version, name, rules });
    expect(policy.createdAt).toBe('');
    expect(policy.rules).toEqual(defaultPolicy(resources).rules);
  });

  it.each<[string, (json: ReturnType<typeof policyJson>) => unknown, RegExp]>([
    [
      'an unknown rule id',
      (j) => ({ ...j, rules: [...j.rules, { ...ruleAt(j, 'ai-provider'), id: 'vibes-check' }] }),
      /rule "vibes-check" \(rules\[11\]\): unknown rule id; known rules are blocked-country, /,
    ],
    [
      'a bad severity',
      (j) => {
        ruleAt(j, 'blocked-country').severity = 'critical';
        return j;
      },
      /rule "blocked-country" \(rules\[0\]\) severity: .*"high"/,
    ],
    [
      'a parameter of the wrong type',
      (j) => {
        ruleAt(j, 'notice-period').params = { minimumDays: '30' };
        return j;
      },
      /rule "notice-period" \(rules\[6\]\) params\.minimumDays: .*expected number/,
    ],
    [
      'a misspelt parameter',
      (j) => {
        ruleAt(j, 'page-stale').params = { maxAgeMonth: 12 };
        return j;
      },
      /rule "page-stale" \(rules\[7\]\) params.*maxAge/,
    ],
    [
      'a country that is not a code',
      (j) => {
        ruleAt(j, 'blocked-country').params = { countries: ['Russia'] };
        return j;
      },
      /rule "blocked-country" \(rules\[0\]\) params\.countries\[0\]: expected an ISO 3166-1/,
    ],
    [
      'an unknown transfer mechanism',
      (j) => {
        ruleAt(j, 'us-without-dpf-or-scc').params = { acceptedMechanisms: ['PRIVACY_SHIELD'] };
        return j;
      },
      /rule "us-without-dpf-or-scc" \(rules\[2\]\) params\.acceptedMechanisms\[0\]/,
    ],
    [
      'a missing rule',
      (j) => ({ ...j, rules: j.rules.filter((r) => (r as { id: string }).id !== 'page-stale') }),
      /rule "page-stale" is missing \(disable it with "enabled": false instead\)/,
    ],
    [
      'a rule listed twice',
      (j) => ({ ...j, rules: [...j.rules, ruleAt(j, 'name-inferred')] }),
      /rule "name-inferred" \(rules\[11\]\): appears twice/,
    ],
    [
      'enabled not a boolean',
      (j) => {
        ruleAt(j, 'ai-provider').enabled = 'yes';
        return j;
      },
      /rule "ai-provider" \(rules\[4\]\) enabled: .*expected boolean/,
    ],
    ['a version of 0', (j) => ({ ...j, version: 0 }), /version: /],
    ['no rules array', (j) => ({ ...j, rules: 'all' }), /rules: .*expected array/],
    ['not an object', () => 'policy', /\(root\): .*expected object/],
  ])('rejects %s, naming the file and what is wrong', (_what, breakIt, reason) => {
    const e = errorOf(() => parsePolicy(breakIt(policyJson()), 'my-policy.json'));
    expect(e.code).toBe('policy-invalid');
    expect(e.file).toBe('my-policy.json');
    expect(e.message.startsWith('my-policy.json: invalid policy: ')).toBe(true);
    expect(e.reason).toMatch(reason);
  });

  it('names no file when given none', () => {
    const e = errorOf(() => parsePolicy(null));
    expect(e.code).toBe('policy-invalid');
    expect(e.file).toBeUndefined();
  });
});

describe('describeRule', () => {
  it.each(POLICY_RULE_IDS)('gives %s the title and description of the shipped file', (id) => {
    const shipped = resources.defaultPolicy.rules.find((r) => r.id === id);
    expect(describeRule(id)).toEqual({ title: shipped?.title, description: shipped?.description });
  });

  it('reads from loaded resources when given them', () => {
    expect(describeRule('notice-period', resources.defaultPolicy).title).toBe(
      'Notice period for changes too short',
    );
  });

  it('refuses an unknown rule id', () => {
    expect(() => describeRule('vibes-check')).toThrow(/unknown rule id "vibes-check"/);
  });
});
