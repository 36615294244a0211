/**
 * Schemas for the data files shipped in `resources/`. They are the single definition of each file's
 * shape: the TypeScript types are inferred from them, so a file that loads is the type it claims.
 */
import { z } from 'zod';
import { SEVERITIES, TRANSFER_MECHANISMS } from '../../../src-shared/domain';

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code');
const isoDate = z.iso.date();
const text = z.string().trim().min(1);
const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id');

// Every file says which version it is, when its facts were last checked and where they come from.
const fileHeader = {
  version: z.number().int().positive(),
  checkedOn: isoDate,
  sources: z.array(text).min(1),
  notes: z.array(text).optional(),
};

export const countrySchema = z.strictObject({
  code: countryCode,
  name: text,
  aliases: z.array(text),
  eu: z.boolean(),
  eea: z.boolean(),
  /** Set for a territory with its own code where the GDPR applies as part of this member state. */
  eeaTerritoryOf: countryCode.optional(),
  note: text.optional(),
});
export type Country = z.infer<typeof countrySchema>;

export const countriesFileSchema = z.strictObject({
  ...fileHeader,
  countries: z.array(countrySchema).min(1),
});

export const ADEQUACY_AUTHORITIES = ['EU', 'UK', 'CH'] as const;
export type AdequacyAuthority = (typeof ADEQUACY_AUTHORITIES)[number];

/** Only 'in-force' decisions make a destination adequate; the others are shown, never relied on. */
export const ADEQUACY_STATUSES = ['in-force', 'draft', 'unverified'] as const;

export const adequacyDecisionSchema = z.strictObject({
  id: kebabId,
  /** Whose decision: the European Commission, the UK government or the Swiss Federal Council. */
  by: z.enum(ADEQUACY_AUTHORITIES),
  countries: z.array(countryCode),
  organisation: text.optional(),
  name: text,
  status: z.enum(ADEQUACY_STATUSES),
  adopted: isoDate.nullable(),
  partial: z.boolean(),
  scope: text,
  instrument: text,
  source: z.url(),
  note: text.optional(),
});
export type AdequacyDecision = z.infer<typeof adequacyDecisionSchema>;

export const adequacyFileSchema = z.strictObject({
  ...fileHeader,
  decisions: z.array(adequacyDecisionSchema).min(1),
});

export const SUBPROCESSOR_CATEGORIES = [
  'cloud',
  'cdn',
  'email',
  'payments',
  'analytics',
  'support',
  'crm',
  'ai',
  'auth',
  'monitoring',
  'communications',
  'storage',
  'collaboration',
  'security',
  'other',
] as const;
export type SubprocessorCategory = (typeof SUBPROCESSOR_CATEGORIES)[number];

export const knownSubprocessorSchema = z.strictObject({
  id: kebabId,
  canonicalName: text,
  aliases: z.array(text),
  legalEntities: z.array(text),
  category: z.enum(SUBPROCESSOR_CATEGORIES),
  /** null where the group's headquarters are split or not known with confidence. */
  headquarters: countryCode.nullable(),
  isAiProvider: z.boolean(),
  /** null: unknown or not applicable. Always re-verify on the DPF List before relying on it. */
  dpfCertified: z.boolean().nullable(),
  dpfCheckedOn: isoDate.optional(),
  /** The catalog entry of the group this product or subsidiary belongs to. */
  parentId: kebabId.optional(),
  note: text.optional(),
});
export type KnownSubprocessor = z.infer<typeof knownSubprocessorSchema>;

export const subprocessorsFileSchema = z.strictObject({
  ...fileHeader,
  subprocessors: z.array(knownSubprocessorSchema).min(1),
});

const ruleBase = {
  enabled: z.boolean(),
  severity: z.enum(SEVERITIES),
  title: text,
  description: text,
};
const mechanisms = z.array(z.enum(TRANSFER_MECHANISMS));
const noParams = z.strictObject({});

function rule<Id extends string, P extends z.ZodType>(id: Id, params: P) {
  return z.strictObject({ id: z.literal(id), ...ruleBase, params });
}

// One schema per rule id, so each rule's params are typed and a typo in a param name is an error.
export const policyRuleDefinitionSchema = z.discriminatedUnion('id', [
  rule('blocked-country', z.strictObject({ countries: z.array(countryCode) })),
  rule('transfer-no-mechanism', z.strictObject({ acceptedMechanisms: mechanisms })),
  rule('us-without-dpf-or-scc', z.strictObject({ acceptedMechanisms: mechanisms })),
  rule('location-missing-or-vague', z.strictObject({ vagueValues: z.array(text) })),
  rule('ai-provider', noParams),
  rule('conditional-entry', noParams),
  rule('notice-period', z.strictObject({ minimumDays: z.number().int().min(0) })),
  rule('page-stale', z.strictObject({ maxAgeMonths: z.number().int().positive() })),
  rule('legal-entity-missing', noParams),
  rule('name-inferred', noParams),
  rule('new-since-previous', noParams),
]);
export type PolicyRuleDefinition = z.infer<typeof policyRuleDefinitionSchema>;
export type PolicyRuleId = PolicyRuleDefinition['id'];

export const POLICY_RULE_IDS = [
  'blocked-country',
  'transfer-no-mechanism',
  'us-without-dpf-or-scc',
  'location-missing-or-vague',
  'ai-provider',
  'conditional-entry',
  'notice-period',
  'page-stale',
  'legal-entity-missing',
  'name-inferred',
  'new-since-previous',
] as const satisfies readonly PolicyRuleId[];

// The list above must name every rule the union defines, so the loader can require all of them.
type MissingRuleId = Exclude<PolicyRuleId, (typeof POLICY_RULE_IDS)[number]>;
const everyRuleListed: [MissingRuleId] extends [never] ? true : never = true;
void everyRuleListed;

export const policyFileSchema = z.strictObject({
  version: z.number().int().positive(),
  name: text,
  checkedOn: isoDate.optional(),
  sources: z.array(text).optional(),
  notes: z.array(text).optional(),
  rules: z.array(policyRuleDefinitionSchema),
});
export type PolicyDefinition = z.infer<typeof policyFileSchema>;
