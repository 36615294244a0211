/**
 * Loads the legal and catalog data shipped in `resources/` once per directory, validates each file
 * against its schema and the files against each other, and returns typed, frozen data. The caller
 * passes the directory (it differs between dev, packaged app, CLI and tests); nothing here knows it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type z } from 'zod';
import { AppError, type ErrorCode } from '../../../src-shared/errors';
import { nameKey, namesOf } from './match-name';
import {
  adequacyFileSchema,
  countriesFileSchema,
  POLICY_RULE_IDS,
  policyFileSchema,
  subprocessorsFileSchema,
  type AdequacyDecision,
  type Country,
  type KnownSubprocessor,
  type PolicyDefinition,
} from './schemas';

export const RESOURCE_FILES = {
  countries: 'countries.json',
  adequacy: 'adequacy.json',
  subprocessors: 'subprocessors.json',
  defaultPolicy: 'default-policy.json',
} as const;

export interface FileInfo {
  version: number;
  checkedOn: string;
  sources: readonly string[];
  notes: readonly string[];
}

export interface Resources {
  dir: string;
  countries: readonly Country[];
  countryByCode: ReadonlyMap<string, Country>;
  adequacy: readonly AdequacyDecision[];
  subprocessors: readonly KnownSubprocessor[];
  defaultPolicy: PolicyDefinition;
  info: {
    countries: FileInfo;
    adequacy: FileInfo;
    subprocessors: FileInfo;
  };
}

const cache = new Map<string, Resources>();

/**
 * The resources in `dir`, read and validated on the first call for that directory and shared after.
 * Throws an AppError naming the file: 'policy-invalid' for the default policy, 'internal' for the
 * other files (they ship with the app, so a broken one is a build fault, not a user's mistake).
 */
export function loadResources(dir: string): Resources {
  const key = resolve(dir);
  const cached = cache.get(key);
  if (cached) {
    return cached;
  }
  const loaded = readAll(key);
  cache.set(key, loaded);
  return loaded;
}

/** Forgets loaded resources, so the next load reads the files again (tests, a data update). */
export function clearResourcesCache(): void {
  cache.clear();
}

function readAll(dir: string): Resources {
  const countriesPath = join(dir, RESOURCE_FILES.countries);
  const adequacyPath = join(dir, RESOURCE_FILES.adequacy);
  const subprocessorsPath = join(dir, RESOURCE_FILES.subprocessors);
  const policyPath = join(dir, RESOURCE_FILES.defaultPolicy);

  const countriesFile = readJson(countriesPath, countriesFileSchema, 'internal');
  const adequacyFile = readJson(adequacyPath, adequacyFileSchema, 'internal');
  const subprocessorsFile = readJson(subprocessorsPath, subprocessorsFileSchema, 'internal');
  const policy = readJson(policyPath, policyFileSchema, 'policy-invalid');

  const countryByCode = new Map(countriesFile.countries.map((c) => [c.code, c]));
  check(countriesPath, 'internal', countryProblems(countriesFile.countries, countryByCode));
  check(adequacyPath, 'internal', adequacyProblems(adequacyFile.decisions, countryByCode));
  check(
    subprocessorsPath,
    'internal',
    catalogProblems(subprocessorsFile.subprocessors, countryByCode),
  );
  check(policyPath, 'policy-invalid', policyProblems(policy, countryByCode));

  return deepFreeze({
    dir,
    countries: countriesFile.countries,
    countryByCode,
    adequacy: adequacyFile.decisions,
    subprocessors: subprocessorsFile.subprocessors,
    defaultPolicy: policy,
    info: {
      countries: infoOf(countriesFile),
      adequacy: infoOf(adequacyFile),
      subprocessors: infoOf(subprocessorsFile),
    },
  });
}

function readJson<S extends z.ZodType>(path: string, schema: S, code: ErrorCode): z.infer<S> {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(code, missing ? 'data file is missing' : 'data file cannot be read', {
      file: path,
      cause,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new AppError(code, `not valid JSON (${(cause as Error).message})`, { file: path, cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => {
      const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`));
      return `${where.join('').replace(/^\./, '') || '(root)'}: ${issue.message}`;
    });
    const more = parsed.error.issues.length > 3 ? ` (+${parsed.error.issues.length - 3} more)` : '';
    throw new AppError(code, `invalid data: ${issues.join('; ')}${more}`, { file: path });
  }
  return parsed.data;
}

function check(path: string, code: ErrorCode, problems: string[]): void {
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (+${problems.length - 3} more)` : '';
    throw new AppError(code, `invalid data: ${problems.slice(0, 3).join('; ')}${more}`, {
      file: path,
    });
  }
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) {
      dup.add(v);
    }
    seen.add(v);
  }
  return [...dup];
}

function unknownCodes(codes: readonly string[], known: ReadonlyMap<string, Country>): string[] {
  return codes.filter((c) => !known.has(c));
}

function countryProblems(
  countries: readonly Country[],
  byCode: ReadonlyMap<string, Country>,
): string[] {
  const problems = duplicates(countries.map((c) => c.code)).map((c) => `duplicate code ${c}`);
  const owners = new Map<string, string>();
  for (const c of countries) {
    if (c.eu && !c.eea) {
      problems.push(`${c.code} is in the EU but not marked EEA`);
    }
    if (c.eeaTerritoryOf && !byCode.get(c.eeaTerritoryOf)?.eea) {
      problems.push(`${c.code}.eeaTerritoryOf ${c.eeaTerritoryOf} is not an EEA state`);
    }
    for (const name of [c.name, ...c.aliases]) {
      const key = name.toLowerCase();
      const owner = owners.get(key);
      if (owner && owner !== c.code) {
        problems.push(`"${name}" names both ${owner} and ${c.code}`);
      }
      owners.set(key, c.code);
    }
  }
  return problems;
}

function adequacyProblems(
  decisions: readonly AdequacyDecision[],
  byCode: ReadonlyMap<string, Country>,
): string[] {
  const problems = duplicates(decisions.map((d) => d.id)).map((id) => `duplicate id ${id}`);
  for (const d of decisions) {
    for (const code of unknownCodes(d.countries, byCode)) {
      problems.push(`${d.id}: unknown country ${code}`);
    }
    if (d.countries.length === 0 && !d.organisation) {
      problems.push(`${d.id}: names neither a country nor an organisation`);
    }
    if (d.status === 'in-force' && d.adopted === null) {
      problems.push(`${d.id}: in force but without an adoption date`);
    }
  }
  return problems;
}

/** Problems with the catalog as a whole; exported so the tests can check the shipped file. */
export function catalogProblems(
  catalog: readonly KnownSubprocessor[],
  byCode: ReadonlyMap<string, Country>,
): string[] {
  const ids = new Set(catalog.map((e) => e.id));
  const problems = duplicates(catalog.map((e) => e.id)).map((id) => `duplicate id ${id}`);
  const owners = new Map<string, string>();
  for (const e of catalog) {
    if (e.headquarters !== null && !byCode.has(e.headquarters)) {
      problems.push(`${e.id}: unknown headquarters ${e.headquarters}`);
    }
    if (e.parentId !== undefined && (!ids.has(e.parentId) || e.parentId === e.id)) {
      problems.push(`${e.id}: unknown parentId ${e.parentId}`);
    }
    if (e.isAiProvider !== (e.category === 'ai')) {
      problems.push(`${e.id}: isAiProvider and category 'ai' disagree`);
    }
    if ((e.dpfCertified === null) !== (e.dpfCheckedOn === undefined)) {
      problems.push(`${e.id}: dpfCheckedOn must be set exactly when dpfCertified is true/false`);
    }
    for (const name of namesOf(e)) {
      const key = nameKey(name);
      const owner = owners.get(key);
      if (!key) {
        problems.push(`${e.id}: "${name}" has nothing left to match on`);
      } else if (owner !== undefined && owner !== e.id) {
        problems.push(`"${name}" (${e.id}) collides with ${owner}`);
      }
      owners.set(key, e.id);
    }
  }
  return problems;
}

function policyProblems(policy: PolicyDefinition, byCode: ReadonlyMap<string, Country>): string[] {
  const ids = policy.rules.map((r) => r.id);
  const problems = duplicates(ids).map((id) => `rule ${id} appears twice`);
  for (const id of POLICY_RULE_IDS) {
    if (!ids.includes(id)) {
      problems.push(`rule ${id} is missing`);
    }
  }
  for (const r of policy.rules) {
    if (r.id === 'blocked-country') {
      for (const code of unknownCodes(r.params.countries, byCode)) {
        problems.push(`blocked-country: unknown country ${code}`);
      }
    }
  }
  return problems;
}

function infoOf(file: {
  version: number;
  checkedOn: string;
  sources: string[];
  notes?: string[] | undefined;
}): FileInfo {
  return {
    version: file.version,
    checkedOn: file.checkedOn,
    sources: file.sources,
    notes: file.notes ?? [],
  };
}

// Loaded once and shared by every service, so no caller may change what another one reads.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Map)) {
    for (const v of Object.values(value)) {
      deepFreeze(v);
    }
    Object.freeze(value);
  }
  return value;
}
