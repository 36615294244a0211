import type { Severity } from '../../../src-shared/domain';
import type { DecisionState, ReviewStatus, SeverityCounts } from '../../../src-shared/review';

const SEVERITY_LABEL: Record<Severity, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export function SeverityBadge(props: { severity: Severity }) {
  return <span className={`sev sev-${props.severity}`}>{SEVERITY_LABEL[props.severity]}</span>;
}

/** Counts by severity, omitting zeros; "No flags" when there are none. */
export function SeverityCountsView(props: { counts: SeverityCounts }) {
  const shown = (['high', 'medium', 'low', 'info'] as const).filter((s) => props.counts[s] > 0);
  if (shown.length === 0) {
    return <span className="muted">No flags</span>;
  }
  return (
    <span className="sev-counts">
      {shown.map((s) => (
        <span key={s} className={`sev sev-${s}`} title={`${props.counts[s]} ${s}`}>
          {props.counts[s]} {SEVERITY_LABEL[s].toLowerCase()}
        </span>
      ))}
    </span>
  );
}

export const REVIEW_STATUS_LABEL: Record<ReviewStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  'needs-attention': 'Needs attention',
  complete: 'Reviewed',
};

export function ReviewStatusPill(props: { status: ReviewStatus }) {
  return <span className={`pill pill-${props.status}`}>{REVIEW_STATUS_LABEL[props.status]}</span>;
}

export const DECISION_STATE_LABEL: Record<DecisionState, string> = {
  open: 'To decide',
  decided: 'Decided',
  reopened: 'Changed since decided',
};

export function DecisionStatePill(props: { state: DecisionState }) {
  return (
    <span className={`pill pill-decision-${props.state}`}>{DECISION_STATE_LABEL[props.state]}</span>
  );
}
