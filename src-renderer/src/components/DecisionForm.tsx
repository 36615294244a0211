import { useId, useState } from 'react';
import { DECISION_VALUES, type DecisionValue } from '../../../src-shared/domain';
import type { EntryReview } from '../../../src-shared/review';
import { callApi } from '../api';
import { hasMod } from '../shortcuts';

export const DECISION_LABEL: Record<DecisionValue, string> = {
  approved: 'Approved',
  'approved-with-conditions': 'Approved with conditions',
  'needs-follow-up': 'Needs follow-up',
  rejected: 'Rejected',
};

/** Records a decision on one sub-processor; it carries over to the vendor's later snapshots. */
export function DecisionForm(props: {
  item: EntryReview;
  reviewerName: string;
  onSaved: () => void;
}) {
  const { item } = props;
  const hasUsFlag = item.flags.some((f) => f.ruleId === 'us-without-dpf-or-scc');
  const uid = useId();
  const [decision, setDecision] = useState<DecisionValue>(item.decision?.decision ?? 'approved');
  const [comment, setComment] = useState(item.decision?.comment ?? '');
  const [dpfDate, setDpfDate] = useState(item.decision?.dpfVerifiedOn ?? '');
  const [state, setState] = useState<{ saving: boolean; error: string | null }>({
    saving: false,
    error: null,
  });

  const save = async (): Promise<void> => {
    setState({ saving: true, error: null });
    try {
      await callApi('decisions.record', {
        entryId: item.entry.id,
        decision,
        comment,
        reviewer: props.reviewerName,
        dpfVerifiedOn: dpfDate || null,
      });
      setState({ saving: false, error: null });
      props.onSaved();
    } catch (e) {
      setState({ saving: false, error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <form
      className="decision-form"
      aria-label="Record a decision"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      // Ctrl/Cmd+Enter saves from anywhere in the form, the comment box included.
      onKeyDown={(e) => {
        if (e.key === 'Enter' && hasMod(e)) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
    >
      {item.decisionState === 'reopened' && (
        <p className="warning" role="note">
          This entry changed since it was decided (
          {DECISION_LABEL[item.decision?.decision ?? 'approved']} by {item.decision?.reviewer}).
          Review the change and decide again.
        </p>
      )}
      {item.decision && item.decisionState === 'decided' && (
        <p className="muted">
          Decided {new Date(item.decision.decidedAt).toLocaleDateString()} by{' '}
          {item.decision.reviewer}
        </p>
      )}
      <label htmlFor={`${uid}-decision`}>Decision</label>
      <select
        id={`${uid}-decision`}
        value={decision}
        onChange={(e) => setDecision(e.target.value as DecisionValue)}
      >
        {DECISION_VALUES.map((d) => (
          <option key={d} value={d}>
            {DECISION_LABEL[d]}
          </option>
        ))}
      </select>
      <label>
        Comment
        <textarea
          value={comment}
          rows={3}
          onChange={(e) => setComment(e.target.value)}
          placeholder="Conditions, follow-up questions, references…"
        />
      </label>
      {hasUsFlag && (
        <label>
          DPF certification verified on
          <input type="date" value={dpfDate} onChange={(e) => setDpfDate(e.target.value)} />
        </label>
      )}
      {!props.reviewerName && (
        <p className="warning">
          Enter your name in Settings first: decisions record who made them.
        </p>
      )}
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      <button type="submit" className="primary" disabled={state.saving || !props.reviewerName}>
        {state.saving ? 'Saving…' : 'Save decision'}
      </button>
    </form>
  );
}
