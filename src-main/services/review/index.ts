export {
  ensurePolicy,
  evaluateAndStore,
  librarySummaries,
  recordDecision,
  reevaluateAll,
  vendorReview,
  type DecisionInput,
  type ReviewDeps,
} from './review-service';
