/** Hand-made entries, snapshots and policies for the risk engine tests. */
import { join } from 'node:path';
import type { Entry, Policy, PolicyRule } from '../../../src-shared/domain';
import type { FlagDraft } from '../../../src-shared/review';
import { loadResources } from '../../../src-main/services/resources';
import { defaultPolicy, evaluateSnapshot, type RiskInput } from '../../../src-main/services/risk';
import { storedEntry } from '../../factories';
import { ROOT_DIR } from '../../helpers';

export const resources = loadResources(join(ROOT_DIR, 'resources'));

/** "Today" for every test: page dates are worked out against it by hand. */
export const NOW = new Date('2026-11-30T12:00:00Z');

/**
 * An entry no rule flags under the default policy: a name the catalog does not know, a legal
 * entity, a purpose, processing in Germany, active, printed on the page.
 */
export function entry(over: Partial<Entry> = {}): Entry {
  return storedEntry({ legalEntity: 'Acme Analytics GmbH', ...over });
}

/** The default policy with one rule changed. */
export function withRule(id: string, change: Partial<PolicyRule>, base?: Policy): Policy {
  const policy = base ?? defaultPolicy(resources);
  return {
    ...policy,
    rules: policy.rules.map((r) => (r.id === id ? { ...r, ...change } : r)),
  };
}

/** Runs the engine on entries with a snapshot no page rule flags, unless told otherwise. */
export function evaluate(entries: Entry[], over: Partial<RiskInput> = {}): FlagDraft[] {
  return evaluateSnapshot({
    snapshot: { id: 1, lastUpdated: '2026-06-01', noticeDays: 30, importedAt: '2026-11-01' },
    entries,
    previousEntries: null,
    policy: defaultPolicy(resources),
    resources,
    now: NOW,
    ...over,
  });
}

/** The flags one rule raised. */
export function flagsOf(flags: FlagDraft[], ruleId: string): FlagDraft[] {
  return flags.filter((f) => f.ruleId === ruleId);
}
