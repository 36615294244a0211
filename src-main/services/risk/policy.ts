/**
 * Review policies: the shipped default as a domain `Policy`, parsing a policy a user saved or
 * imported, and the per-rule parameters the engine reads. Rule parameters are validated with the
 * same zod schemas that validate `resources/default-policy.json`, so a rule can never see a
 * parameter shape its schema does not allow.
 */
import { z } from 'zod';
import { SEVERITIES, type Policy, type PolicyRule } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import shippedPolicyFile from '../../../resources/default-policy.json';
import {
  POLICY_RULE_IDS,
  type PolicyDefinition,
  type PolicyRuleDefinition,
  type PolicyRuleId,
  type Resources,
} from '../resources';
import { policyRuleDefinitionSchema } from '../resources/schemas';

/** The typed parameters of one rule, as its schema in `resources/schemas.ts` defines them. */
export type RuleParams<Id extends PolicyRuleId> = Extract<
  PolicyRuleDefinition,
  { id: Id }
>['params'];

const PARAMS_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map(
  policyRuleDefinitionSchema.options.map((o) => [o.shape.id.value, o.shape.params] as const),
);

/** True for an id the engine knows. */
export function isPolicyRuleId(id: string): id is PolicyRuleId {
  return (POLICY_RULE_IDS as readonly string[]).includes(id);
}

/** The shipped default policy, with fresh copies of its parameters so an editor may change them. */
export function defaultPolicy(resources: Pick<Resources, 'defaultPolicy' | 'info'>): Policy {
  const file = resources.defaultPolicy;
  return {
    version: file.version,
    name: file.name,
    rules: file.rules.map((r) => ({
      id: r.id,
      enabled: r.enabled,
      severity: r.severity,
      params: structuredClone(r.params) as Record<string, unknown>,
    })),
    // The shipped policy was written on the day its content was last checked; older files without
    // that date fall back to the day the shipped legal data was checked.
    createdAt: file.checkedOn ?? resources.info.adequacy.checkedOn,
  };
}

const isoDateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

// A saved policy is a domain Policy. The shipped file's shape (titles, descriptions, checkedOn,
// sources, notes) is accepted too, so a user can start from a copy of default-policy.json.
const policyShape = z.strictObject({
  version: z.number().int().positive(),
  name: z.string().trim().min(1),
  createdAt: isoDateOrTime.optional(),
  checkedOn: z.iso.date().optional(),
  sources: z.array(z.string()).optional(),
  notes: z.array(z.string()).optional(),
  rules: z.array(z.unknown()),
});

const ruleShape = z.strictObject({
  id: z.string(),
  enabled: z.boolean(),
  severity: z.enum(SEVERITIES),
  title: z.string().optional(),
  description: z.string().optional(),
  params: z.unknown(),
});

function issuesOf(error: z.ZodError, prefix: string, root = ''): string[] {
  return error.issues.map((issue) => {
    const path = [
      root,
      ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)),
    ]
      .join('')
      .replace(/^\./, '');
    const where = [prefix, path].filter((s) => s.length > 0).join(' ');
    return `${where || '(root)'}: ${issue.message}`;
  });
}

function fail(problems: string[], file: string | undefined): never {
  const more = problems.length > 3 ? ` (+${problems.length - 3} more)` : '';
  throw new AppError(
    'policy-invalid',
    `invalid policy: ${problems.slice(0, 3).join('; ')}${more}`,
    {
      ...(file === undefined ? {} : { file }),
    },
  );
}

function paramsProblems(id: PolicyRuleId, params: unknown, where: string): string[] {
  const schema = PARAMS_SCHEMAS.get(id);
  if (!schema) {
    return [`${where}: unknown rule id "${id}"`];
  }
  const parsed = schema.safeParse(params);
  return parsed.success ? [] : issuesOf(parsed.error, where, 'params');
}

/**
 * Validates a policy read from JSON (a saved or exported policy, or an edited copy of the shipped
 * file) and returns it as a domain Policy; throws AppError 'policy-invalid' naming `file`, the rule
 * and the parameter otherwise. createdAt is '' when the JSON states none.
 */
export function parsePolicy(json: unknown, file?: string): Policy {
  const top = policyShape.safeParse(json);
  if (!top.success) {
    fail(issuesOf(top.error, ''), file);
  }
  const { version, name, createdAt, checkedOn, rules: rawRules } = top.data;
  const problems: string[] = [];
  const rules: PolicyRule[] = [];
  const seen = new Set<string>();
  rawRules.forEach((raw, i) => {
    const parsed = ruleShape.safeParse(raw);
    const id =
      raw !== null && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string'
        ? raw.id
        : undefined;
    const where = id === undefined ? `rules[${i}]` : `rule "${id}" (rules[${i}])`;
    if (id !== undefined && !isPolicyRuleId(id)) {
      problems.push(`${where}: unknown rule id; known rules are ${POLICY_RULE_IDS.join(', ')}`);
      return;
    }
    if (!parsed.success) {
      problems.push(...issuesOf(parsed.error, where));
      if (id !== undefined && raw !== null && typeof raw === 'object' && 'params' in raw) {
        problems.push(...paramsProblems(id as PolicyRuleId, raw.params, where));
      }
      return;
    }
    const rule = parsed.data;
    if (!isPolicyRuleId(rule.id)) {
      return;
    }
    if (seen.has(rule.id)) {
      problems.push(`${where}: appears twice`);
    }
    seen.add(rule.id);
    const bad = paramsProblems(rule.id, rule.params, where);
    problems.push(...bad);
    if (bad.length === 0) {
      rules.push({
        id: rule.id,
        enabled: rule.enabled,
        severity: rule.severity,
        params: rule.params as Record<string, unknown>,
      });
    }
  });
  // A rule left out would silently never run; a policy lists every rule and disables the ones it
  // does not want, so the editor can show them all.
  for (const id of POLICY_RULE_IDS) {
    if (!seen.has(id) && !problems.some((p) => p.includes(`"${id}"`))) {
      problems.push(`rule "${id}" is missing (disable it with "enabled": false instead)`);
    }
  }
  if (problems.length > 0) {
    fail(problems, file);
  }
  // Exported and edited policies carry no date: the store stamps the day it saves them, and this
  // pure function has no clock, so '' stands for "not stated".
  return { version, name, rules, createdAt: createdAt ?? checkedOn ?? '' };
}

/**
 * The parameters of one policy rule, validated against its schema; throws AppError
 * 'policy-invalid' when a policy that skipped `parsePolicy` carries a bad one.
 */
export function ruleParams<Id extends PolicyRuleId>(rule: PolicyRule & { id: Id }): RuleParams<Id> {
  // Evaluation asks once per entry and rule, on every import: each distinct value is checked once
  // (by object while one evaluation runs, by value across evaluations).
  const seen = checkedObjects.get(rule.params);
  if (seen?.has(rule.id)) {
    return rule.params as RuleParams<Id>;
  }
  const key = `${rule.id}\u0000${JSON.stringify(rule.params)}`;
  if (!validParams.has(key)) {
    const problems = paramsProblems(rule.id, rule.params, `rule "${rule.id}"`);
    if (problems.length > 0) {
      fail(problems, undefined);
    }
    if (validParams.size >= 1000) {
      validParams.clear();
    }
    validParams.add(key);
  }
  checkedObjects.set(rule.params, new Set(seen).add(rule.id));
  // The schema for this id accepted the value, so it has that rule's parameter type.
  return rule.params as RuleParams<Id>;
}

/** Rule id and params (as JSON) already accepted by the rule's schema. */
const validParams = new Set<string>();
const checkedObjects = new WeakMap<object, Set<string>>();

const SHIPPED_DESCRIPTIONS: Pick<PolicyDefinition, 'rules'>['rules'] = policyRuleDefinitionSchema
  .array()
  .parse(shippedPolicyFile.rules);

/**
 * The title and description of a rule for the policy editor, from the shipped default policy
 * (bundled at build time); pass `definition` to read them from loaded resources instead.
 */
export function describeRule(
  ruleId: string,
  definition: Pick<PolicyDefinition, 'rules'> = { rules: SHIPPED_DESCRIPTIONS },
): { title: string; description: string } {
  const rule = definition.rules.find((r) => r.id === ruleId);
  if (!rule) {
    throw new AppError(
      'bad-request',
      `unknown rule id "${ruleId}"; known rules are ${POLICY_RULE_IDS.join(', ')}`,
    );
  }
  return { title: rule.title, description: rule.description };
}
