import type {
  CorrectableField,
  Decision,
  DecisionValue,
  Entry,
  Flag,
  Policy,
  Snapshot,
} from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type {
  EntryReview,
  ObjectionDeadline,
  SnapshotDiff,
  ReviewStatus,
  VendorReview,
  VendorSummary,
} from '../../../src-shared/review';
import { diffEntries, entityKeyFor, knownOfKeyFor, objectionDeadline } from '../compare';
import { entityKey, entryFingerprint } from '../identity';
import type { Resources } from '../resources';
import { countBySeverity, defaultPolicy, evaluateSnapshot, listQuality } from '../risk';
import type { Store } from '../store';

export interface ReviewDeps {
  store: Store;
  resources: Resources;
  now: () => Date;
}

/** The policy in force; the shipped default is stored as version 1 the first time it is needed. */
export function ensurePolicy(deps: ReviewDeps): Policy {
  const active = deps.store.activePolicy();
  if (active) {
    return active;
  }
  const def = defaultPolicy(deps.resources);
  return deps.store.insertPolicy({
    name: def.name,
    rules: def.rules,
    createdAt: deps.now().toISOString(),
  });
}

/** Date each identity's DPF certification was verified by a reviewer, from the latest decisions. */
function dpfVerifications(decisions: Map<string, Decision>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, d] of decisions) {
    if (d.dpfVerifiedOn) {
      out.set(key, d.dpfVerifiedOn);
    }
  }
  return out;
}

/** Computes a snapshot's flags under the policy in force and stores them, replacing old ones. */
export function evaluateAndStore(deps: ReviewDeps, snapshotId: number): Flag[] {
  storeFlags(deps, snapshotId);
  return deps.store.listFlags(snapshotId);
}

/**
 * evaluateAndStore without reading the flags back: for imports, which only need them stored, and
 * which pass the snapshot and entries they just stored (a new snapshot has no corrections) instead
 * of having them read back. Returns how many flags were stored.
 */
export function storeFlags(
  deps: ReviewDeps,
  snapshotId: number,
  stored?: { snapshot?: Snapshot; entries: Entry[]; isFirstSnapshot?: boolean },
): number {
  const { store } = deps;
  const snapshot = stored?.snapshot ?? store.getSnapshot(snapshotId);
  if (!snapshot) {
    throw new AppError('not-found', 'that snapshot does not exist');
  }
  const policy = ensurePolicy(deps);
  // An import knows when the vendor has no earlier snapshot: no need to ask.
  const previous = stored?.isFirstSnapshot ? undefined : store.previousSnapshot(snapshotId);
  const drafts = evaluateSnapshot({
    snapshot,
    entries: stored?.entries ?? store.listEntries(snapshotId),
    previousEntries: previous ? store.listEntries(previous.id) : null,
    policy,
    resources: deps.resources,
    now: deps.now(),
    dpfVerifiedOn: dpfVerifications(store.latestDecisions(snapshot.vendorId)),
  });
  store.replaceFlags(snapshotId, policy.version, drafts);
  return drafts.length;
}

/** Re-runs the policy over every vendor's latest snapshot (after the policy changed). */
export function reevaluateAll(deps: ReviewDeps): number {
  let n = 0;
  deps.store.transaction(() => {
    for (const v of deps.store.listVendors()) {
      const latest = deps.store.latestSnapshot(v.id);
      if (latest) {
        storeFlags(deps, latest.id);
        n++;
      }
    }
  });
  return n;
}

function statusOf(entries: EntryReview[]): ReviewStatus {
  const reviewable = entries.filter((e) => e.entry.status !== 'customer-managed');
  if (reviewable.some((e) => e.decisionState === 'reopened')) {
    return 'needs-attention';
  }
  const decided = reviewable.filter((e) => e.decisionState === 'decided').length;
  if (decided === 0) {
    return reviewable.length === 0 ? 'complete' : 'not-started';
  }
  return decided === reviewable.length ? 'complete' : 'in-progress';
}

/**
 * A vendor's review: the entries of the chosen (default latest) snapshot with their flags and the
 * decisions carried over from earlier snapshots by canonical identity. A decision whose entry has
 * changed since (different fingerprint) is shown as re-opened.
 */
export function vendorReview(
  deps: ReviewDeps,
  vendorId: number,
  snapshotId?: number,
): VendorReview {
  const { store } = deps;
  const vendor = store.getVendor(vendorId);
  if (!vendor) {
    throw new AppError('not-found', 'that vendor does not exist (it may have been deleted)');
  }
  const policy = ensurePolicy(deps);
  const snapshot =
    snapshotId === undefined ? store.latestSnapshot(vendorId) : store.getSnapshot(snapshotId);
  if (snapshotId !== undefined && (!snapshot || snapshot.vendorId !== vendorId)) {
    throw new AppError('not-found', 'that snapshot does not belong to this vendor');
  }
  if (!snapshot) {
    return {
      vendor,
      snapshot: null,
      policy: { version: policy.version, name: policy.name },
      entries: [],
      pageFlags: [],
      summary: countBySeverity([]),
      quality: null,
      status: 'not-started',
    };
  }
  // Flags are recomputed when missing or computed under an older policy.
  const flags =
    store.flagsPolicyVersion(snapshot.id) === policy.version
      ? store.listFlags(snapshot.id)
      : store.transaction(() => evaluateAndStore(deps, snapshot.id));
  const decisions = store.latestDecisions(vendorId);
  // Grouped once: filtering all flags per entry made big snapshots quadratic.
  const flagsByEntry = new Map<number, Flag[]>();
  for (const f of flags) {
    if (f.entryId !== null) {
      const list = flagsByEntry.get(f.entryId);
      if (list) {
        list.push(f);
      } else {
        flagsByEntry.set(f.entryId, [f]);
      }
    }
  }
  // Memoised across calls: the same names recur in every vendor's list, and matching a name
  // against the catalog was most of a whole-portfolio review (the export's).
  const keyOf = entityKeyFor(deps.resources.subprocessors);
  const knownOf = knownOfKeyFor(deps.resources.subprocessors);
  const entries = store.listEntries(snapshot.id).map((entry): EntryReview => {
    const key = keyOf(entry);
    const decision = decisions.get(key) ?? null;
    return {
      entry,
      entityKey: key,
      knownAs: knownOf(key)?.canonicalName ?? null,
      flags: flagsByEntry.get(entry.id) ?? [],
      decision,
      decisionState: !decision
        ? 'open'
        : decision.entryFingerprint === entryFingerprint(entry)
          ? 'decided'
          : 'reopened',
    };
  });
  return {
    vendor,
    snapshot,
    policy: { version: policy.version, name: policy.name },
    entries,
    pageFlags: flags.filter((f) => f.entryId === null),
    summary: countBySeverity(flags),
    quality: listQuality(
      snapshot,
      entries.map((e) => e.entry),
    ),
    status: statusOf(entries),
  };
}

export interface DecisionInput {
  entryId: number;
  decision: DecisionValue;
  comment: string;
  reviewer: string;
  dpfVerifiedOn?: string | null | undefined;
}

/** Records a reviewer's decision on an entry; it applies to that sub-processor from now on. */
export function recordDecision(deps: ReviewDeps, input: DecisionInput): Decision {
  const { store } = deps;
  const entry = store.getEntry(input.entryId);
  if (!entry) {
    throw new AppError('not-found', 'that entry does not exist');
  }
  const snapshot = store.getSnapshot(entry.snapshotId);
  if (!snapshot) {
    throw new AppError('not-found', 'that snapshot does not exist');
  }
  return store.transaction(() => {
    const d = store.insertDecision({
      vendorId: snapshot.vendorId,
      entityKey: entityKey(deps.resources.subprocessors, entry),
      decision: input.decision,
      comment: input.comment.trim(),
      reviewer: input.reviewer.trim(),
      decidedAt: deps.now().toISOString(),
      entryFingerprint: entryFingerprint(entry),
      dpfVerifiedOn: input.dpfVerifiedOn ?? null,
    });
    // A DPF verification changes what the US rule says, so the flags are brought up to date.
    if (input.dpfVerifiedOn) {
      evaluateAndStore(deps, snapshot.id);
    }
    return d;
  });
}

/** Every vendor with its review status, flag counts and list quality, for the library. */
export function librarySummaries(deps: ReviewDeps): VendorSummary[] {
  return deps.store.listVendors().map((vendor) => {
    const r = vendorReview(deps, vendor.id);
    return {
      vendor,
      status: r.status,
      summary: r.summary,
      qualityScore: r.quality?.score ?? null,
      openCount: r.entries.filter(
        (e) => e.entry.status !== 'customer-managed' && e.decisionState !== 'decided',
      ).length,
    };
  });
}

/** Corrects one field of an entry as the reviewer; flags are recomputed with the corrected value. */
export function correctEntry(
  deps: ReviewDeps,
  input: { entryId: number; field: CorrectableField; value: unknown; reviewer: string },
): Entry {
  const { store } = deps;
  const entry = store.getEntry(input.entryId);
  if (!entry) {
    throw new AppError('not-found', 'that entry does not exist');
  }
  return store.transaction(() => {
    store.insertCorrection({
      entryId: input.entryId,
      field: input.field,
      value: input.value,
      reviewer: input.reviewer,
      createdAt: deps.now().toISOString(),
    });
    evaluateAndStore(deps, entry.snapshotId);
    return store.getEntry(input.entryId) as Entry;
  });
}

/** Undoes the newest correction of a field, back to the previous value (in the end, the parsed one). */
export function undoCorrection(
  deps: ReviewDeps,
  input: { entryId: number; field: CorrectableField },
): Entry {
  const { store } = deps;
  const entry = store.getEntry(input.entryId);
  if (!entry) {
    throw new AppError('not-found', 'that entry does not exist');
  }
  return store.transaction(() => {
    if (!store.undoCorrection(input.entryId, input.field, deps.now().toISOString())) {
      throw new AppError('bad-request', `there is no correction of ${input.field} to undo`);
    }
    evaluateAndStore(deps, entry.snapshotId);
    return store.getEntry(input.entryId) as Entry;
  });
}

/** The notice period assumed when a page states none: the policy's own minimum. */
export function defaultNoticeDays(policy: Policy): number {
  const rule = policy.rules.find((r) => r.id === 'notice-period');
  const days = rule?.params.minimumDays;
  return typeof days === 'number' ? days : 30;
}

/**
 * Diff of two snapshots of a vendor and the objection deadline for the newer one. `toEntries`:
 * the newer snapshot's entries when the caller has already read them.
 */
export function compareSnapshots(
  deps: ReviewDeps,
  from: Snapshot,
  to: Snapshot,
  toEntries?: Entry[],
): { diff: SnapshotDiff; deadline: ObjectionDeadline } {
  const { store } = deps;
  const diff = diffEntries(
    store.listEntries(from.id),
    toEntries ?? store.listEntries(to.id),
    deps.resources.subprocessors,
  );
  // The page's own date announces the change only if it moved since the earlier snapshot; a page
  // edited without a new date counts from when the change was seen (the import).
  const pageDateMoved =
    to.lastUpdated !== null && (from.lastUpdated === null || to.lastUpdated > from.lastUpdated);
  const deadline = objectionDeadline(
    {
      publishedOn: pageDateMoved ? to.lastUpdated : null,
      importedAt: to.importedAt,
      noticeDays: to.noticeDays,
      objectionDays: to.objectionDays,
      businessDays: to.noticeBusinessDays,
      defaultNoticeDays: defaultNoticeDays(ensurePolicy(deps)),
    },
    deps.now(),
  );
  return { diff, deadline };
}
