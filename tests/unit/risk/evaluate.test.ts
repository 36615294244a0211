import { describe, expect, it } from 'vitest';
import type { Entry, TransferMechanism } from '../../../src-shared/domain';
import { entityKey } from '../../../src-main/services/identity';
import { POLICY_RULE_IDS } from '../../../src-main/services/resources';
import { countBySeverity, defaultPolicy, type RiskInput } from '../../../src-main/services/risk';
import { entry, evaluate, flagsOf, resources, withRule } from './fixtures';

type Mech = TransferMechanism[];

describe('a clean entry on a current page', () => {
  it('raises no flag at all', () => {
    expect(evaluate([entry()])).toEqual([]);
  });
});

describe('blocked-country', () => {
  it.each([
    [['RU'], 'Acme Analytics processes data in Russia, which is on your blocked-countries list.'],
    [
      ['DE', 'RU', 'BY'],
      'Acme Analytics processes data in Russia and Belarus, which are on your blocked-countries list.',
    ],
    [
      ['KP'],
      'Acme Analytics processes data in North Korea, which is on your blocked-countries list.',
    ],
  ])('fires for %j', (countries, message) => {
    const flags = flagsOf(evaluate([entry({ countries })]), 'blocked-country');
    expect(flags).toHaveLength(1);
    expect(flags[0]?.message).toBe(message);
    expect(flags[0]?.severity).toBe('high');
  });

  it.each([[['DE']], [['CN']], [['US', 'IN']], [[]]])('stays silent for %j', (countries) => {
    expect(flagsOf(evaluate([entry({ countries })]), 'blocked-country')).toEqual([]);
  });

  it('reads the blocked list from the policy', () => {
    const policy = withRule('blocked-country', { params: { countries: ['CN'] } });
    const cn = flagsOf(evaluate([entry({ countries: ['CN'] })], { policy }), 'blocked-country');
    expect(cn.map((f) => f.message)).toEqual([
      'Acme Analytics processes data in China, which is on your blocked-countries list.',
    ]);
    expect(
      flagsOf(evaluate([entry({ countries: ['RU'] })], { policy }), 'blocked-country'),
    ).toEqual([]);
  });

  it('also flags a catalog sub-processor headquartered in a blocked country', () => {
    const policy = withRule('blocked-country', { params: { countries: ['CN'] } });
    const flags = evaluate([entry({ name: 'DeepSeek', legalEntity: null, countries: ['SG'] })], {
      policy,
    });
    expect(flagsOf(flags, 'blocked-country').map((f) => f.message)).toEqual([
      "DeepSeek is headquartered in China (per the app's catalog of known sub-processors), which is on your blocked-countries list.",
    ]);
  });

  it('takes its severity from the policy', () => {
    const policy = withRule('blocked-country', { severity: 'low' });
    const flags = flagsOf(evaluate([entry({ countries: ['IR'] })], { policy }), 'blocked-country');
    expect(flags.map((f) => f.severity)).toEqual(['low']);
  });
});

describe('transfer-no-mechanism', () => {
  // Expected by hand from resources/adequacy.json (EU decisions in force) and the EEA list.
  it.each<[string[], Mech, string | null]>([
    [['IN'], [], 'India, which has no EU adequacy decision in force'],
    [['IN', 'SG'], [], 'India and Singapore, which have no EU adequacy decision in force'],
    [['BR'], [], 'Brazil, which has no'], // the EU decision for Brazil is a draft, never relied on
    [['GLOBAL'], [], 'worldwide (the list says only "global")'],
    [['US', 'IN'], [], 'in India, which has'], // the US part is the US rule's business
    [['IN'], ['ADEQUACY'], 'names only adequacy for it, which your policy does not accept'],
    [['IN'], ['SCC'], null],
    [['CN'], ['BCR'], null],
    [['IN'], ['UK_ADDENDUM'], null],
    [['JP'], [], null], // adequacy (partial, APPI)
    [['CH', 'GB', 'IL'], [], null],
    [['DE', 'FR', 'NO', 'IS', 'LI'], [], null], // EU and EEA members
    [['EU'], [], null],
    [['EEA'], [], null],
    [['GF', 'AX'], [], null], // French Guiana, Åland: the GDPR applies there
    [['US'], [], null], // not double-flagged with us-without-dpf-or-scc
    [[], [], null], // no country is location-missing-or-vague's business
  ])('%j with %j', (countries, transfer, fragment) => {
    const flags = flagsOf(evaluate([entry({ countries, transfer })]), 'transfer-no-mechanism');
    if (fragment === null) {
      expect(flags).toEqual([]);
    } else {
      expect(flags).toHaveLength(1);
      expect(flags[0]?.message).toContain(fragment);
      expect(flags[0]?.message).not.toContain('United States');
      expect(flags[0]?.severity).toBe('high');
    }
  });

  it('states the whole message plainly', () => {
    const [flag] = flagsOf(evaluate([entry({ countries: ['IN'] })]), 'transfer-no-mechanism');
    expect(flag?.message).toBe(
      'Acme Analytics processes data in India, which has no EU adequacy decision in force, and the list names no transfer mechanism for it (your policy accepts SCCs, BCRs, DPF, IDTA or UK Addendum).',
    );
  });

  it('reads the accepted mechanisms from the policy', () => {
    const policy = withRule('transfer-no-mechanism', { params: { acceptedMechanisms: ['BCR'] } });
    const e = entry({ countries: ['IN'], transfer: ['SCC'] });
    expect(flagsOf(evaluate([e], { policy }), 'transfer-no-mechanism')).toHaveLength(1);
    expect(flagsOf(evaluate([e]), 'transfer-no-mechanism')).toEqual([]);
  });
});

describe('us-without-dpf-or-scc', () => {
  it.each<[string, string[], Mech, boolean]>([
    ['Acme Analytics', ['US'], [], true],
    ['Acme Analytics', ['DE', 'US'], ['ADEQUACY'], true],
    ['Acme Analytics', ['US'], ['SCC'], false],
    ['Acme Analytics', ['US'], ['DPF'], false],
    ['Acme Analytics', ['US'], ['BCR'], false],
    ['Acme Analytics', ['DE'], [], false],
    ['Acme Analytics', ['GLOBAL'], [], false],
    // The catalog knows Datadog as DPF-certified: not "unknown" to the rule.
    ['Datadog', ['US'], [], false],
  ])('%s in %j naming %j: %s', (name, countries, transfer, fires) => {
    const flags = flagsOf(
      evaluate([entry({ name, countries, transfer })]),
      'us-without-dpf-or-scc',
    );
    expect(flags).toHaveLength(fires ? 1 : 0);
  });

  it('asks the reviewer to verify the DPF certification', () => {
    const [flag] = flagsOf(evaluate([entry({ countries: ['US'] })]), 'us-without-dpf-or-scc');
    expect(flag?.severity).toBe('medium');
    expect(flag?.message).toBe(
      "Acme Analytics processes data in the United States, and the list names no DPF, SCCs or BCRs for it. Verify the entity's DPF certification on the DPF List (dataprivacyframework.gov) before approving.",
    );
  });

  it('keeps a verified certification on record as information, with the date', () => {
    const e = entry({ countries: ['US'], provenance: { countries: [{ start: 5, end: 7 }] } });
    const dpfVerifiedOn = new Map([[entityKey(resources.subprocessors, e), '2026-10-01']]);
    const [flag, ...rest] = flagsOf(evaluate([e], { dpfVerifiedOn }), 'us-without-dpf-or-scc');
    expect(rest).toEqual([]);
    expect(flag?.severity).toBe('info');
    expect(flag?.message).toContain('DPF certification verified by the reviewer on 2026-10-01.');
    expect(flag?.message).not.toContain('Verify the');
    expect(flag?.evidence).toContainEqual({
      field: 'transfer',
      value: 'DPF certification verified by the reviewer on 2026-10-01',
      spans: [],
    });
  });

  it('ignores a verification recorded for another sub-processor', () => {
    const dpfVerifiedOn = new Map([['name:othervendor', '2026-10-01']]);
    const flags = evaluate([entry({ countries: ['US'] })], { dpfVerifiedOn });
    expect(flagsOf(flags, 'us-without-dpf-or-scc').map((f) => f.severity)).toEqual(['medium']);
  });
});

describe('location-missing-or-vague', () => {
  it.each<[string[], string | null]>([
    [
      [],
      'Acme Analytics gives no processing location, so you cannot tell whether data leaves the EEA.',
    ],
    [
      ['GLOBAL'],
      'Acme Analytics gives its location only as "global", so you cannot tell which countries receive the data.',
    ],
    [['GLOBAL', 'US'], null],
    [['DE'], null],
    [['EU'], null],
  ])('%j', (countries, message) => {
    const flags = flagsOf(evaluate([entry({ countries })]), 'location-missing-or-vague');
    expect(flags.map((f) => f.message)).toEqual(message === null ? [] : [message]);
  });

  it('reads the vague values from the policy', () => {
    const policy = withRule('location-missing-or-vague', { params: { vagueValues: ['EU'] } });
    const e = entry({ countries: ['EU'] });
    expect(flagsOf(evaluate([e], { policy }), 'location-missing-or-vague')).toHaveLength(1);
    expect(flagsOf(evaluate([e]), 'location-missing-or-vague')).toEqual([]);
  });
});

describe('ai-provider', () => {
  it.each<[string, string | null, string | null]>([
    ['OpenAI', 'Chat features', "OpenAI is an AI model provider (OpenAI in the app's catalog"],
    ['Anthropic, PBC', null, 'is an AI model provider (Anthropic in the app'],
    [
      'Acme Analytics',
      'Large language model inference',
      'its purpose mentions "large language model"',
    ],
    ['Acme Analytics', 'Hosting of LLM features', 'its purpose mentions "LLM"'],
    ['Acme Analytics', 'Generative AI assistant', 'its purpose mentions "generative AI"'],
    ['Acme AI Model Provider', 'Support', 'its name mentions "AI model"'],
    ['Acme Analytics', 'AI-powered search', null],
    ['Acme Analytics', 'Fraud detection using machine learning', null],
    ['Acme Analytics', 'Email delivery', null],
    ['Stripe', 'Payments', null],
  ])('%s / %s', (name, purpose, fragment) => {
    const flags = flagsOf(evaluate([entry({ name, purpose })]), 'ai-provider');
    if (fragment === null) {
      expect(flags).toEqual([]);
    } else {
      expect(flags).toHaveLength(1);
      expect(flags[0]?.message).toContain(fragment);
      expect(flags[0]?.message).toContain('train');
    }
  });
});

describe('conditional-entry', () => {
  it.each<[Partial<Entry>, string | null]>([
    [
      { status: 'conditional', section: 'Optional AI features' },
      'Acme Analytics is used only under a condition: "Optional AI features". Confirm whether it applies to you.',
    ],
    [
      { status: 'conditional', purpose: 'Only for customers on the US data region' },
      'Acme Analytics is used only under a condition: "Only for customers on the US data region". Confirm whether it applies to you.',
    ],
    [
      { status: 'conditional', purpose: null },
      'Acme Analytics is used only under a condition the list does not spell out. Ask the vendor whether it applies to you.',
    ],
    [{ status: 'active', section: 'Optional AI features' }, null],
  ])('%j', (over, message) => {
    const flags = flagsOf(evaluate([entry(over)]), 'conditional-entry');
    expect(flags.map((f) => f.message)).toEqual(message === null ? [] : [message]);
    expect(flags.every((f) => f.severity === 'info')).toBe(true);
  });
});

describe('notice-period (page-level)', () => {
  it.each<[number | null, number, boolean]>([
    [null, 30, true],
    [14, 30, true],
    [29, 30, true],
    [30, 30, false],
    [45, 30, false],
    [45, 60, true],
    [14, 10, false],
  ])('notice %s days against a minimum of %s: %s', (noticeDays, minimumDays, fires) => {
    const policy = withRule('notice-period', { params: { minimumDays } });
    const flags = evaluate([entry()], {
      policy,
      snapshot: { id: 1, lastUpdated: '2026-06-01', noticeDays, importedAt: '2026-11-01' },
    });
    const found = flagsOf(flags, 'notice-period');
    expect(found).toHaveLength(fires ? 1 : 0);
    expect(found.every((f) => f.entryId === null)).toBe(true);
  });

  it('explains both findings in words', () => {
    const run = (noticeDays: number | null) =>
      flagsOf(
        evaluate([], {
          snapshot: { id: 1, lastUpdated: '2026-06-01', noticeDays, importedAt: '2026-11-01' },
        }),
        'notice-period',
      )[0];
    expect(run(null)?.message).toBe(
      'The list states no notice period for new sub-processors, so you may learn of a new one too late to object (GDPR Art. 28(2)). Your policy asks for at least 30 days.',
    );
    expect(run(14)?.message).toBe(
      "The vendor gives 14 days' notice of new sub-processors; your policy asks for at least 30 days, so you may have too little time to object.",
    );
    expect(run(14)?.evidence).toEqual([
      { field: 'snapshot', value: 'notice period: 14 days', spans: [] },
    ]);
  });
});

describe('page-stale (page-level)', () => {
  // NOW is 2026-11-30; twelve months back is 2025-11-30.
  it.each<[string | null, number, string, string | null]>([
    [null, 12, '2026-11-30T12:00:00Z', 'The list has no last-updated date'],
    ['2026-06-01', 12, '2026-11-30T12:00:00Z', null],
    ['2025-11-30', 12, '2026-11-30T12:00:00Z', null],
    ['2025-11-29', 12, '2026-11-30T12:00:00Z', 'last updated on 2025-11-29, 12 months ago'],
    ['2024-05-01', 12, '2026-11-30T12:00:00Z', 'last updated on 2024-05-01, 30 months ago'],
    ['2026-06-01', 3, '2026-11-30T12:00:00Z', 'last updated on 2026-06-01, 5 months ago'],
    // Month ends clamp: one month before 31 March is 28 February.
    ['2026-02-28', 1, '2026-03-31T08:00:00Z', null],
    ['2026-02-27', 1, '2026-03-31T08:00:00Z', 'last updated on 2026-02-27, 1 month ago'],
    ['01/06/2026', 12, '2026-11-30T12:00:00Z', 'last-updated date "01/06/2026" cannot be read'],
  ])('updated %s, max %s months, now %s', (lastUpdated, maxAgeMonths, now, fragment) => {
    const policy = withRule('page-stale', { params: { maxAgeMonths } });
    const flags = flagsOf(
      evaluate([], {
        policy,
        now: new Date(now),
        snapshot: { id: 1, lastUpdated, noticeDays: 30, importedAt: '2026-01-01' },
      }),
      'page-stale',
    );
    if (fragment === null) {
      expect(flags).toEqual([]);
    } else {
      expect(flags).toHaveLength(1);
      expect(flags[0]?.message).toContain(fragment);
      expect(flags[0]?.entryId).toBeNull();
      expect(flags[0]?.severity).toBe('low');
    }
  });
});

describe('legal-entity-missing and name-inferred', () => {
  it.each<[Partial<Entry>, boolean]>([
    [{ legalEntity: null }, true],
    [{ legalEntity: '  ' }, true],
    [{ legalEntity: 'Acme Analytics GmbH' }, false],
  ])('legal entity %j: %s', (over, fires) => {
    const flags = flagsOf(evaluate([entry(over)]), 'legal-entity-missing');
    expect(flags).toHaveLength(fires ? 1 : 0);
  });

  it.each<[Partial<Entry>, string | null]>([
    [
      { nameOnPage: false },
      'The name "Acme Analytics" was inferred from context, not printed on the page. Check it against the original.',
    ],
    [
      { name: '', purpose: 'Email delivery' },
      'An entry (purpose: "Email delivery") has no sub-processor name on the page. Check the original to find out who it is.',
    ],
    [{ nameOnPage: true }, null],
  ])('name %j', (over, message) => {
    const flags = flagsOf(evaluate([entry(over)]), 'name-inferred');
    expect(flags.map((f) => f.message)).toEqual(message === null ? [] : [message]);
  });
});

describe('new-since-previous', () => {
  const aws = entry({ name: 'AWS', legalEntity: null, countries: ['IE'] });

  it('never fires on a vendor first snapshot', () => {
    expect(flagsOf(evaluate([aws], { previousEntries: null }), 'new-since-previous')).toEqual([]);
  });

  it('recognises the same sub-processor under another spelling', () => {
    const before = entry({ name: 'Amazon Web Services, Inc.' });
    expect(flagsOf(evaluate([aws], { previousEntries: [before] }), 'new-since-previous')).toEqual(
      [],
    );
  });

  it('fires for an entity the previous list did not name', () => {
    const flags = flagsOf(
      evaluate([aws, entry()], { previousEntries: [entry()] }),
      'new-since-previous',
    );
    expect(flags.map((f) => [f.entryId, f.message])).toEqual([
      [
        aws.id,
        "AWS is new since the vendor's previous list. A new sub-processor is the change you are notified of and can object to (GDPR Art. 28(2)).",
      ],
    ]);
  });
});

describe('every rule', () => {
  // One input per rule that makes it fire under the default policy.
  const firing: Record<(typeof POLICY_RULE_IDS)[number], Partial<RiskInput>> = {
    'blocked-country': { entries: [entry({ countries: ['RU'] })] },
    'transfer-no-mechanism': { entries: [entry({ countries: ['IN'] })] },
    'us-without-dpf-or-scc': { entries: [entry({ countries: ['US'] })] },
    'location-missing-or-vague': { entries: [entry({ countries: [] })] },
    'ai-provider': { entries: [entry({ name: 'OpenAI' })] },
    'conditional-entry': { entries: [entry({ status: 'conditional' })] },
    'notice-period': {
      snapshot: { id: 1, lastUpdated: '2026-06-01', noticeDays: null, importedAt: '' },
    },
    'page-stale': { snapshot: { id: 1, lastUpdated: null, noticeDays: 30, importedAt: '' } },
    'legal-entity-missing': { entries: [entry({ legalEntity: null })] },
    'name-inferred': { entries: [entry({ nameOnPage: false })] },
    'new-since-previous': { entries: [entry({ name: 'Newco' })], previousEntries: [] },
  };

  it.each(POLICY_RULE_IDS)('%s fires when enabled and is silent when disabled', (id) => {
    const input = firing[id];
    const on = evaluate(input.entries ?? [], input);
    expect(flagsOf(on, id)).toHaveLength(1);
    const off = evaluate(input.entries ?? [], {
      ...input,
      policy: withRule(id, { enabled: false }),
    });
    expect(flagsOf(off, id)).toEqual([]);
  });

  it('rejects a policy with an unknown rule or a bad parameter it was handed directly', () => {
    const base = defaultPolicy(resources);
    const nope = { id: 'nope', enabled: true, severity: 'low' as const, params: {} };
    const unknown = { ...base, rules: [...base.rules, nope] };
    expect(() => evaluate([entry()], { policy: unknown })).toThrow(/unknown rule id "nope"/);
    const bad = withRule('notice-period', { params: { minimumDays: '30' } });
    expect(() => evaluate([entry()], { policy: bad })).toThrow(/notice-period.*minimumDays/);
  });
});

describe('customer-managed and inactive entries', () => {
  const risky: Partial<Entry> = {
    name: 'OpenAI',
    legalEntity: null,
    countries: ['RU', 'IN', 'US'],
  };

  it('lists customer-managed entries without transfer, location, AI or legal-entity flags', () => {
    const e = entry({ ...risky, status: 'customer-managed' });
    expect(evaluate([e], { previousEntries: [] })).toEqual([]);
    const empty = entry({ status: 'customer-managed', countries: [], legalEntity: null });
    expect(evaluate([empty])).toEqual([]);
  });

  it('still says when a customer-managed name was inferred', () => {
    const e = entry({ ...risky, status: 'customer-managed', nameOnPage: false });
    expect(evaluate([e]).map((f) => f.ruleId)).toEqual(['name-inferred']);
  });

  it('keeps findings on an inactive entry as information only', () => {
    const e = entry({ ...risky, status: 'inactive' });
    const flags = evaluate([e]);
    expect(flags.map((f) => f.ruleId)).toEqual([
      'blocked-country',
      'transfer-no-mechanism',
      'us-without-dpf-or-scc',
      'ai-provider',
      'legal-entity-missing',
    ]);
    expect(countBySeverity(flags)).toEqual({ high: 0, medium: 0, low: 0, info: 5 });
    expect(flags[0]?.message).toBe(
      'OpenAI processes data in Russia, which is on your blocked-countries list. The list marks it as not in use, so this matters only if the vendor engages it.',
    );
  });
});

describe('evidence', () => {
  it('copies the provenance spans of the field each rule rests on', () => {
    const e = entry({
      name: 'Acme Analytics',
      legalEntity: null,
      countries: ['RU'],
      status: 'conditional',
      section: 'Optional features',
      provenance: {
        name: [{ start: 0, end: 14 }],
        countries: [
          { start: 30, end: 36 },
          { start: 40, end: 46 },
        ],
        transfer: [],
        status: [{ start: 100, end: 120 }],
        section: [{ start: 100, end: 117 }],
      },
    });
    const flags = evaluate([e]);
    const evidence = (id: string) => flagsOf(flags, id)[0]?.evidence;
    expect(evidence('blocked-country')).toEqual([
      { field: 'countries', value: 'RU', spans: e.provenance.countries },
    ]);
    expect(evidence('legal-entity-missing')).toEqual([
      { field: 'name', value: 'Acme Analytics', spans: [{ start: 0, end: 14 }] },
    ]);
    expect(evidence('conditional-entry')).toEqual([
      { field: 'status', value: 'conditional', spans: [{ start: 100, end: 120 }] },
      { field: 'section', value: 'Optional features', spans: [{ start: 100, end: 117 }] },
    ]);
    // Copies, so a caller storing or editing flags cannot change the entry.
    expect(evidence('blocked-country')?.[0]?.spans[0]).not.toBe(e.provenance.countries?.[0]);
  });

  it('uses empty spans for a field the page never located', () => {
    const [flag] = flagsOf(evaluate([entry({ countries: ['IN'] })]), 'transfer-no-mechanism');
    expect(flag?.evidence).toEqual([
      { field: 'countries', value: 'IN', spans: [] },
      { field: 'transfer', value: '(none named)', spans: [] },
    ]);
  });
});

describe('flag order and ids', () => {
  it('puts page-level flags first, then entries by position, with their entry ids', () => {
    const late = entry({ countries: ['RU'], transfer: ['SCC'], position: 9 });
    const early = entry({ legalEntity: null, position: 1 });
    const flags = evaluate([late, early], {
      snapshot: { id: 1, lastUpdated: null, noticeDays: 30, importedAt: '' },
    });
    expect(flags.map((f) => [f.ruleId, f.entryId])).toEqual([
      ['page-stale', null],
      ['legal-entity-missing', early.id],
      ['blocked-country', late.id],
    ]);
  });
});

describe('countBySeverity', () => {
  it.each([
    [[], { high: 0, medium: 0, low: 0, info: 0 }],
    [['high', 'high', 'info'], { high: 2, medium: 0, low: 0, info: 1 }],
    [['low', 'medium', 'low', 'info'], { high: 0, medium: 1, low: 2, info: 1 }],
  ] as const)('%j', (severities, counts) => {
    expect(countBySeverity(severities.map((severity) => ({ severity })))).toEqual(counts);
  });
});
