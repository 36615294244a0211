/**
 * The risk engine: policy rules over a snapshot's entries, list quality, and the policy itself.
 * Pure functions; callers pass data, resources and the clock.
 */
export { countBySeverity, evaluateSnapshot, type RiskInput } from './evaluate';
export { listQuality } from './list-quality';
export { defaultPolicy, describeRule, parsePolicy, type RuleParams } from './policy';
