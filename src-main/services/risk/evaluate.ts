/**
 * The risk engine: runs each enabled policy rule over a snapshot and its entries and returns flag
 * drafts with plain-language messages and evidence pointing back into the source text. Pure: the
 * caller passes the snapshot, the entries, the policy, the shipped resources and the clock.
 */
import type {
  Entry,
  FlagEvidence,
  Policy,
  PolicyRule,
  ProvenanceField,
  Snapshot,
  TransferMechanism,
} from '../../../src-shared/domain';
import { AppError, assertNever } from '../../../src-shared/errors';
import type { FlagDraft, SeverityCounts } from '../../../src-shared/review';
import { entityKey, entityKeyOfKnown, knownSubprocessorOf } from '../identity';
import type { KnownSubprocessor, PolicyRuleId, Resources } from '../resources';
import { countryPhrase, euAdequateCountries, GLOBAL, isInsideEea, joinWords } from './geography';
import { isPolicyRuleId, ruleParams, type RuleParams } from './policy';

export interface RiskInput {
  snapshot: Pick<Snapshot, 'id' | 'lastUpdated' | 'noticeDays' | 'importedAt'>;
  /** The snapshot's entries (each with its id and provenance spans). */
  entries: Entry[];
  /** The vendor's previous snapshot's entries; null for the first snapshot. */
  previousEntries: Entry[] | null;
  policy: Policy;
  resources: Resources;
  now: Date;
  /** entityKey -> YYYY-MM-DD on which the reviewer verified the entity's DPF certification */
  dpfVerifiedOn?: ReadonlyMap<string, string>;
}

/** What every entry rule needs to know about one entry, computed once. */
interface EntryFacts {
  entry: Entry;
  /** How the entry is named in a message; starts a sentence. */
  label: string;
  known: KnownSubprocessor | undefined;
  key: string;
}

/** What every rule needs to know about the run. */
interface Run {
  input: RiskInput;
  adequate: ReadonlySet<string>;
  previousKeys: ReadonlySet<string> | null;
  /** Sets built from a rule's parameters, once per evaluation instead of once per entry. */
  sets: Map<PolicyRule, ReadonlySet<string>>;
}

// Rules about where data goes and who receives it. A customer-managed entry is contracted by the
// customer and only disclosed by the vendor: the vendor does not transfer data to it, so it is not
// the vendor's sub-processor under GDPR Art. 28(2)/(4) and these rules say nothing about it.
const VENDOR_ENGAGEMENT_RULES: ReadonlySet<PolicyRuleId> = new Set<PolicyRuleId>([
  'blocked-country',
  'transfer-no-mechanism',
  'us-without-dpf-or-scc',
  'location-missing-or-vague',
  'ai-provider',
  'legal-entity-missing',
  'new-since-previous',
]);

const PAGE_RULES: ReadonlySet<PolicyRuleId> = new Set<PolicyRuleId>([
  'notice-period',
  'page-stale',
]);

/** Computes the flags the policy raises on a snapshot, page-level flags first, then by entry. */
export function evaluateSnapshot(input: RiskInput): FlagDraft[] {
  const catalog = input.resources.subprocessors;
  const run: Run = {
    input,
    adequate: euAdequateCountries(input.resources),
    previousKeys:
      input.previousEntries === null
        ? null
        : new Set(input.previousEntries.map((e) => entityKey(catalog, e))),
    sets: new Map(),
  };
  const enabled = input.policy.rules.filter((r) => r.enabled);
  // parsePolicy rejects unknown ids; a policy that skipped it fails here rather than half-running.
  const unknown = enabled.find((r) => !isPolicyRuleId(r.id));
  if (unknown) {
    throw new AppError('policy-invalid', `invalid policy: unknown rule id "${unknown.id}"`);
  }
  const flags: FlagDraft[] = [];
  const entryRules: (PolicyRule & { id: PolicyRuleId })[] = [];
  for (const rule of enabled) {
    if (!isPolicyRuleId(rule.id)) {
      continue;
    }
    if (PAGE_RULES.has(rule.id)) {
      flags.push(...pageRule(run, rule, rule.id));
    } else {
      entryRules.push({ ...rule, id: rule.id });
    }
  }
  const entries = [...input.entries].sort((a, b) => a.position - b.position);
  // The hot loop of an import (every entry × every rule): no object is copied per flag.
  for (const entry of entries) {
    const known = knownSubprocessorOf(catalog, entry);
    const facts: EntryFacts = {
      entry,
      label: labelOf(entry),
      known,
      key: entityKeyOfKnown(known, entry),
    };
    const isCustomerManaged = entry.status === 'customer-managed';
    for (const rule of entryRules) {
      if (isCustomerManaged && VENDOR_ENGAGEMENT_RULES.has(rule.id)) {
        continue;
      }
      const found = entryRule(run, facts, rule, rule.id);
      if (found) {
        flags.push(
          entry.status === 'inactive'
            ? inactiveFlag(entry.id, rule.id, found)
            : {
                entryId: entry.id,
                ruleId: rule.id,
                severity: found.severity,
                message: found.message,
                evidence: found.evidence,
              },
        );
      }
    }
  }
  return flags;
}

/** Counts flags by severity, with every severity present. */
export function countBySeverity(flags: Pick<FlagDraft, 'severity'>[]): SeverityCounts {
  const counts: SeverityCounts = { high: 0, medium: 0, low: 0, info: 0 };
  for (const f of flags) {
    counts[f.severity] += 1;
  }
  return counts;
}

type Found = Pick<FlagDraft, 'severity' | 'message' | 'evidence'>;

// An inactive entry is listed but not engaged: "planned" and "former" sub-processors alike. Nothing
// flows to it now, yet approving the list may authorise it (GDPR Art. 28(2) general
// authorisation), so its findings are kept for the reviewer to see but as information only: they
// must not count as open high/medium risks. An entry that becomes active shows up in the next
// snapshot and is judged at full severity there.
function inactiveFlag(entryId: number, ruleId: string, found: Found): FlagDraft {
  return {
    entryId,
    ruleId,
    severity: 'info',
    message: `${found.message} The list marks it as not in use, so this matters only if the vendor engages it.`,
    evidence: found.evidence,
  };
}

/**
 * A rule's checked parameters. `_id` is `rule.id` narrowed to a known id and only carries that
 * type: it spares a copy of the rule per entry (`{ ...rule, id }`) made just for the type.
 */
function paramsOf<Id extends PolicyRuleId>(rule: PolicyRule, _id: Id): RuleParams<Id> {
  return ruleParams(rule as PolicyRule & { id: Id });
}

/** A set built from a rule's parameters, made on the first entry that needs it in this run. */
function setOnce(run: Run, rule: PolicyRule, items: () => readonly string[]): ReadonlySet<string> {
  let set = run.sets.get(rule);
  if (!set) {
    set = new Set(items());
    run.sets.set(rule, set);
  }
  return set;
}

function pageRule(run: Run, rule: PolicyRule, id: PolicyRuleId): FlagDraft[] {
  const { snapshot, now } = run.input;
  switch (id) {
    case 'notice-period': {
      const { minimumDays } = paramsOf(rule, id);
      const days = snapshot.noticeDays;
      if (days !== null && days >= minimumDays) {
        return [];
      }
      const message =
        days === null
          ? `The list states no notice period for new sub-processors, so you may learn of a new one too late to object (GDPR Art. 28(2)). Your policy asks for at least ${plural(minimumDays, 'day')}.`
          : `The vendor gives ${plural(days, 'day')}' notice of new sub-processors; your policy asks for at least ${plural(minimumDays, 'day')}, so you may have too little time to object.`;
      return [
        pageFlag(
          rule,
          id,
          message,
          days === null ? 'notice period: not stated' : `notice period: ${plural(days, 'day')}`,
        ),
      ];
    }
    case 'page-stale': {
      const { maxAgeMonths } = paramsOf(rule, id);
      const updated = snapshot.lastUpdated;
      const day = updated === null ? null : parseIsoDay(updated);
      if (updated === null || day === null) {
        const message =
          updated === null
            ? 'The list has no last-updated date, so you cannot tell whether it is current.'
            : `The list's last-updated date "${updated}" cannot be read, so you cannot tell whether it is current.`;
        return [pageFlag(rule, id, message, `last updated: ${updated ?? 'not stated'}`)];
      }
      const limit = monthsBefore(now, maxAgeMonths);
      if (day >= limit) {
        return [];
      }
      const age = wholeMonthsBetween(day, now);
      const message = `The list was last updated on ${updated}, ${plural(age, 'month')} ago; your policy expects an update at least every ${plural(maxAgeMonths, 'month')}, so it may no longer be accurate.`;
      return [pageFlag(rule, id, message, `last updated: ${updated}`)];
    }
    default:
      return [];
  }
}

function pageFlag(rule: PolicyRule, ruleId: string, message: string, value: string): FlagDraft {
  // Page-level facts come from the document as a whole; the snapshot keeps no spans for them.
  return {
    entryId: null,
    ruleId,
    severity: rule.severity,
    message,
    evidence: [{ field: 'snapshot', value, spans: [] }],
  };
}

function entryRule(run: Run, facts: EntryFacts, rule: PolicyRule, id: PolicyRuleId): Found | null {
  const { entry, label } = facts;
  const countries = run.input.resources.countryByCode;
  switch (id) {
    case 'blocked-country': {
      const blocked = setOnce(run, rule, () => paramsOf(rule, id).countries);
      const where = unique(entry.countries.filter((c) => blocked.has(c)));
      const hq = facts.known?.headquarters ?? null;
      const hqBlocked = hq !== null && blocked.has(hq) && !where.includes(hq);
      if (where.length === 0 && !hqBlocked) {
        return null;
      }
      const evidence: FlagEvidence[] = [];
      const sentences: string[] = [];
      if (where.length > 0) {
        const names = joinWords(where.map((c) => countryPhrase(c, countries)));
        sentences.push(
          `${label} processes data in ${names}, which ${where.length > 1 ? 'are' : 'is'} on your blocked-countries list.`,
        );
        evidence.push(evidenceOf(entry, 'countries', entry.countries.join(', ')));
      }
      if (hqBlocked && facts.known) {
        // The rule also covers where the processor is established: a recipient headquartered in
        // a blocked state answers to that state's laws wherever the servers are.
        sentences.push(
          `${where.length > 0 ? 'It' : label} is headquartered in ${countryPhrase(hq, countries)} (per the app's catalog of known sub-processors), which is on your blocked-countries list.`,
        );
        evidence.push(
          evidenceOf(
            entry,
            'name',
            `${entry.name} (catalog: ${facts.known.canonicalName}, headquarters ${hq})`,
          ),
        );
      }
      return { severity: rule.severity, message: sentences.join(' '), evidence };
    }
    case 'transfer-no-mechanism': {
      // GDPR Art. 44-46: a transfer to a third country needs an adequacy decision (Art. 45) or an
      // appropriate safeguard (Art. 46). The US decision covers only DPF-certified organisations,
      // so a US recipient counts as adequate only when the list names the DPF or the catalog knows
      // it as certified; otherwise the US rule below speaks, and this one stays silent on the US.
      const accepted = paramsOf(rule, id).acceptedMechanisms;
      if (namesAny(entry.transfer, accepted)) {
        return null;
      }
      const unprotected = unique(
        entry.countries.filter(
          (c) => c !== 'US' && !isInsideEea(c, countries) && (c === GLOBAL || !run.adequate.has(c)),
        ),
      );
      if (unprotected.length === 0) {
        return null;
      }
      const named =
        entry.transfer.length > 0
          ? `names only ${mechanismWords(entry.transfer, 'and')} for it, which your policy does not accept`
          : 'names no transfer mechanism for it';
      const acceptable =
        accepted.length > 0
          ? `your policy accepts ${mechanismWords(accepted, 'or')}`
          : 'your policy accepts none';
      const where =
        unprotected.length === 1 && unprotected[0] === GLOBAL
          ? `worldwide (the list says only "global"), which includes countries without an EU adequacy decision`
          : `in ${joinWords(unprotected.map((c) => countryPhrase(c, countries)))}, which ${unprotected.length > 1 ? 'have' : 'has'} no EU adequacy decision in force`;
      return {
        severity: rule.severity,
        message: `${label} processes data ${where}, and the list ${named} (${acceptable}).`,
        evidence: [
          evidenceOf(entry, 'countries', entry.countries.join(', ')),
          evidenceOf(entry, 'transfer', transferValue(entry.transfer)),
        ],
      };
    }
    case 'us-without-dpf-or-scc': {
      const accepted = paramsOf(rule, id).acceptedMechanisms;
      if (!entry.countries.includes('US') || namesAny(entry.transfer, accepted)) {
        return null;
      }
      // The rule is about recipients "not known to be certified": the catalog's DPF status, taken
      // from the DPF List, counts as known.
      if (facts.known?.dpfCertified === true) {
        return null;
      }
      const fact = `${label} processes data in the United States, and the list names no ${mechanismWords(accepted, 'or')} for it.`;
      const evidence = [
        evidenceOf(entry, 'countries', entry.countries.join(', ')),
        evidenceOf(entry, 'transfer', transferValue(entry.transfer)),
      ];
      const verified = run.input.dpfVerifiedOn?.get(facts.key);
      if (verified !== undefined) {
        // The reviewer checked the DPF List: the transfer rests on the US adequacy decision
        // (Art. 45), so the flag stays as a record of that check, not as an open risk.
        return {
          severity: 'info',
          message: `${fact} DPF certification verified by the reviewer on ${verified}.`,
          evidence: [
            ...evidence,
            {
              field: 'transfer',
              value: `DPF certification verified by the reviewer on ${verified}`,
              spans: [],
            },
          ],
        };
      }
      return {
        severity: rule.severity,
        message: `${fact} Verify the entity's DPF certification on the DPF List (dataprivacyframework.gov) before approving.`,
        evidence,
      };
    }
    case 'location-missing-or-vague': {
      const vague = setOnce(run, rule, () => [
        GLOBAL,
        ...paramsOf(rule, id).vagueValues.map((v) => v.toUpperCase()),
      ]);
      if (entry.countries.length === 0) {
        return {
          severity: rule.severity,
          message: `${label} gives no processing location, so you cannot tell whether data leaves the EEA.`,
          evidence: [
            evidenceOf(entry, 'name', entry.name),
            evidenceOf(entry, 'countries', '(none)'),
          ],
        };
      }
      if (!entry.countries.every((c) => vague.has(c.toUpperCase()))) {
        return null;
      }
      return {
        severity: rule.severity,
        message: `${label} gives its location only as "${entry.countries.map((c) => c.toLowerCase()).join(', ')}", so you cannot tell which countries receive the data.`,
        evidence: [evidenceOf(entry, 'countries', entry.countries.join(', '))],
      };
    }
    case 'ai-provider': {
      const why = aiEvidence(facts);
      if (!why) {
        return null;
      }
      return {
        severity: rule.severity,
        message: `${label} ${why.reason}. Check whether your data may be used to train models and how long prompts and outputs are kept.`,
        evidence: [why.evidence],
      };
    }
    case 'conditional-entry': {
      if (entry.status !== 'conditional') {
        return null;
      }
      const field = entry.section?.trim() ? 'section' : entry.purpose?.trim() ? 'purpose' : null;
      const condition =
        field === 'section' ? entry.section : field === 'purpose' ? entry.purpose : null;
      const evidence = [evidenceOf(entry, 'status', 'conditional')];
      if (field !== null && condition !== null) {
        evidence.push(evidenceOf(entry, field, condition));
      }
      return {
        severity: rule.severity,
        message:
          condition === null
            ? `${label} is used only under a condition the list does not spell out. Ask the vendor whether it applies to you.`
            : `${label} is used only under a condition: "${clip(condition)}". Confirm whether it applies to you.`,
        evidence,
      };
    }
    case 'legal-entity-missing': {
      if (entry.legalEntity?.trim()) {
        return null;
      }
      return {
        severity: rule.severity,
        message: `${label} is listed without its legal entity, so you cannot confirm which company processes the data (for example on the DPF List).`,
        evidence: [evidenceOf(entry, 'name', entry.name)],
      };
    }
    case 'name-inferred': {
      const name = entry.name.trim();
      if (name && entry.nameOnPage) {
        return null;
      }
      if (!name) {
        const purpose = entry.purpose?.trim();
        return {
          severity: rule.severity,
          message: `An entry${purpose ? ` (purpose: "${clip(purpose)}")` : ''} has no sub-processor name on the page. Check the original to find out who it is.`,
          evidence: [
            evidenceOf(entry, 'name', ''),
            evidenceOf(entry, 'purpose', entry.purpose ?? ''),
          ],
        };
      }
      return {
        severity: rule.severity,
        message: `The name "${clip(name)}" was inferred from context, not printed on the page. Check it against the original.`,
        evidence: [evidenceOf(entry, 'name', entry.name)],
      };
    }
    case 'new-since-previous': {
      if (run.previousKeys === null || run.previousKeys.has(facts.key)) {
        return null;
      }
      return {
        severity: rule.severity,
        message: `${label} is new since the vendor's previous list. A new sub-processor is the change you are notified of and can object to (GDPR Art. 28(2)).`,
        evidence: [evidenceOf(entry, 'name', entry.name)],
      };
    }
    case 'notice-period':
    case 'page-stale':
      return null;
    default:
      return assertNever(id);
  }
}

// Words that say an entry provides AI models, not merely that a product "uses AI". Kept narrow on
// purpose: "AI-powered search" or "machine learning fraud scoring" are not model providers.
const AI_PHRASES: readonly { pattern: RegExp; phrase: string }[] = [
  { pattern: /\blarge[- ]language[- ]models?\b/i, phrase: 'large language model' },
  { pattern: /\bLLMs?\b/, phrase: 'LLM' },
  { pattern: /\bgenerative (?:AI|artificial intelligence)\b/i, phrase: 'generative AI' },
  { pattern: /\bgen ?AI\b/i, phrase: 'generative AI' },
  { pattern: /\bfoundation models?\b/i, phrase: 'foundation model' },
  {
    pattern: /\b(?:AI|artificial intelligence|ML|machine[- ]learning) models?\b/i,
    phrase: 'AI model',
  },
  { pattern: /\b(?:AI|model) inference\b/i, phrase: 'AI inference' },
  { pattern: /\bAI (?:model |service )?providers?\b/i, phrase: 'AI provider' },
];

function aiEvidence(facts: EntryFacts): { reason: string; evidence: FlagEvidence } | null {
  const { entry, known } = facts;
  if (known?.isAiProvider) {
    return {
      reason: `is an AI model provider (${known.canonicalName} in the app's catalog of known sub-processors)`,
      evidence: evidenceOf(
        entry,
        'name',
        `${entry.name} (catalog: ${known.canonicalName}, AI provider)`,
      ),
    };
  }
  for (const field of ['name', 'purpose'] as const) {
    const text = entry[field] ?? '';
    const hit = AI_PHRASES.find((p) => p.pattern.test(text));
    if (hit) {
      return {
        reason: `appears to provide AI models: its ${field} mentions "${hit.phrase}"`,
        evidence: evidenceOf(entry, field, text),
      };
    }
  }
  return null;
}

/** Evidence for one field, with the entry's own provenance spans so the UI can highlight them. */
function evidenceOf(entry: Entry, field: ProvenanceField, value: string): FlagEvidence {
  return { field, value, spans: (entry.provenance[field] ?? []).map((s) => ({ ...s })) };
}

function labelOf(entry: Entry): string {
  const name = entry.name.trim() || entry.legalEntity?.trim();
  return name ? clip(name) : 'An unnamed sub-processor';
}

function clip(text: string, max = 100): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1).trimEnd()}…` : oneLine;
}

function namesAny(
  named: readonly TransferMechanism[],
  accepted: readonly TransferMechanism[],
): boolean {
  return named.some((m) => accepted.includes(m));
}

// How each mechanism reads in a sentence for someone who does not know the codes.
const MECHANISM_WORDS: Record<TransferMechanism, string> = {
  SCC: 'SCCs',
  DPF: 'DPF',
  BCR: 'BCRs',
  ADEQUACY: 'adequacy',
  IDTA: 'IDTA',
  UK_ADDENDUM: 'UK Addendum',
};

function mechanismWords(
  mechanisms: readonly TransferMechanism[],
  conjunction: 'and' | 'or',
): string {
  return joinWords(
    mechanisms.map((m) => MECHANISM_WORDS[m]),
    conjunction,
  );
}

function transferValue(transfer: readonly TransferMechanism[]): string {
  return transfer.length > 0 ? transfer.join(', ') : '(none named)';
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A YYYY-MM-DD day as a UTC timestamp; null for anything else. */
function parseIsoDay(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) {
    return null;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : null;
}

/** The UTC day `months` calendar months before `now`, clamped to the month's end (Mar 31 -> Feb 28). */
function monthsBefore(now: Date, months: number): number {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(now.getUTCDate(), lastDay));
}

function wholeMonthsBetween(from: number, now: Date): number {
  const a = new Date(from);
  let months =
    (now.getUTCFullYear() - a.getUTCFullYear()) * 12 + (now.getUTCMonth() - a.getUTCMonth());
  if (now.getUTCDate() < a.getUTCDate()) {
    months -= 1;
  }
  return Math.max(0, months);
}
