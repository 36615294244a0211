import type { Policy } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { Handlers, PolicyView, SnapshotComparison } from '../../../src-shared/ipc';
import { buildMatrix, deadlinesToIcs } from '../compare';
import {
  correctEntry,
  compareSnapshots,
  ensurePolicy,
  undoCorrection,
  librarySummaries,
  recordDecision,
  reevaluateAll,
  vendorReview,
  type ReviewDeps,
} from '../review';
import { describeRule, parsePolicy } from '../risk';

type ReviewHandlers = Pick<
  Handlers,
  | 'review.get'
  | 'review.library'
  | 'decisions.record'
  | 'entries.correct'
  | 'entries.undoCorrection'
  | 'policy.get'
  | 'policy.save'
  | 'policy.export'
  | 'policy.import'
  | 'compare.diff'
  | 'compare.matrix'
  | 'compare.deadlinesIcs'
>;

function policyView(policy: Policy, reevaluated: number): PolicyView {
  return {
    policy,
    rules: policy.rules.map((r) => ({ id: r.id, ...describeRule(r.id) })),
    reevaluated,
  };
}

/** Review, policy and compare calls; part of the one handler table. */
export function createReviewHandlers(deps: ReviewDeps): ReviewHandlers {
  const { store } = deps;

  /** Stores a validated policy as the next version and re-runs it over every vendor. */
  const savePolicy = (candidate: unknown, file?: string): PolicyView => {
    const parsed = parsePolicy(candidate, file);
    return store.transaction(() => {
      const saved = store.insertPolicy({
        name: parsed.name,
        rules: parsed.rules,
        createdAt: deps.now().toISOString(),
      });
      return policyView(saved, reevaluateAll(deps));
    });
  };

  const compare = (vendorId: number, fromId?: number, toId?: number): SnapshotComparison => {
    const snapshots = store.listSnapshots(vendorId); // newest first
    const pick = (id: number | undefined, fallback: number): (typeof snapshots)[number] | null => {
      if (id === undefined) {
        return snapshots[fallback] ?? null;
      }
      const s = snapshots.find((x) => x.id === id);
      if (!s) {
        throw new AppError('not-found', 'that snapshot does not belong to this vendor');
      }
      return s;
    };
    const to = pick(toId, 0);
    const from =
      fromId === undefined && to ? (store.previousSnapshot(to.id) ?? null) : pick(fromId, 1);
    if (!to || !from) {
      return { from, to, diff: null, deadline: null };
    }
    return { from, to, ...compareSnapshots(deps, from, to) };
  };

  return {
    'review.get': ({ vendorId, snapshotId }) => vendorReview(deps, vendorId, snapshotId),
    'review.library': () => librarySummaries(deps),
    'decisions.record': (input) => recordDecision(deps, input),
    'entries.correct': (input) =>
      correctEntry(deps, {
        ...input,
        reviewer: deps.store.getSetting('reviewerName') || 'reviewer',
      }),
    'entries.undoCorrection': (input) => undoCorrection(deps, input),
    'policy.get': () => policyView(ensurePolicy(deps), 0),
    'policy.save': ({ name, rules }) => {
      const current = ensurePolicy(deps);
      return savePolicy({ version: current.version + 1, name: name ?? current.name, rules });
    },
    'policy.export': () => {
      const p = ensurePolicy(deps);
      return {
        fileName: `dpa-policy-v${p.version}.json`,
        mediaType: 'application/json',
        text: `${JSON.stringify({ version: p.version, name: p.name, rules: p.rules }, null, 2)}\n`,
      };
    },
    'policy.import': ({ fileName, json }) => {
      let data: unknown;
      try {
        data = JSON.parse(json);
      } catch (e) {
        throw new AppError(
          'policy-invalid',
          `is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
          { file: fileName },
        );
      }
      return savePolicy(data, fileName);
    },
    'compare.diff': ({ vendorId, fromSnapshotId, toSnapshotId }) =>
      compare(vendorId, fromSnapshotId, toSnapshotId),
    'compare.matrix': () =>
      buildMatrix(
        store.listVendors().map((v) => {
          const latest = store.latestSnapshot(v.id);
          return { id: v.id, name: v.name, entries: latest ? store.listEntries(latest.id) : [] };
        }),
        deps.resources.subprocessors,
      ),
    'compare.deadlinesIcs': () => {
      const now = deps.now();
      const events = store.listVendors().flatMap((v) => {
        const c = compare(v.id);
        if (!c.to || !c.diff || !c.deadline) {
          return [];
        }
        const n = c.diff.added.length + c.diff.removed.length + c.diff.changed.length;
        if (n === 0) {
          return [];
        }
        return [
          {
            uid: `dpa-${v.id}-${c.to.id}@dpa-workbench`,
            vendor: v.name,
            deadline: c.deadline.deadline,
            summary: `Objection deadline: ${v.name} sub-processor changes`,
            description: `${c.diff.added.length} added, ${c.diff.removed.length} removed, ${c.diff.changed.length} changed in ${c.to.fileName}. ${c.deadline.basis}`,
          },
        ];
      });
      return {
        fileName: 'dpa-objection-deadlines.ics',
        mediaType: 'text/calendar',
        text: deadlinesToIcs(events, now),
      };
    },
  };
}
