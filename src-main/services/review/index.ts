export {
  compareSnapshots,
  correctEntry,
  defaultNoticeDays,
  ensurePolicy,
  undoCorrection,
  evaluateAndStore,
  librarySummaries,
  recordDecision,
  reevaluateAll,
  vendorReview,
  type DecisionInput,
  type ReviewDeps,
} from './review-service';
