export {
  catalogProblems,
  clearResourcesCache,
  loadResources,
  RESOURCE_FILES,
  type FileInfo,
  type Resources,
} from './load-resources';
export { findKnownSubprocessor, nameKey } from './match-name';
export {
  ADEQUACY_AUTHORITIES,
  ADEQUACY_STATUSES,
  POLICY_RULE_IDS,
  SUBPROCESSOR_CATEGORIES,
  type AdequacyAuthority,
  type AdequacyDecision,
  type Country,
  type KnownSubprocessor,
  type PolicyDefinition,
  type PolicyRuleDefinition,
  type PolicyRuleId,
  type SubprocessorCategory,
} from './schemas';
