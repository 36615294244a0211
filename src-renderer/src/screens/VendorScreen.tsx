import { useMemo, useState } from 'react';
import type { Flag } from '../../../src-shared/domain';
import type { VendorReview } from '../../../src-shared/review';
import { callApi } from '../api';
import { ReviewStatusPill, SeverityBadge, SeverityCountsView } from '../components/Badges';
import { CorrectionForm } from '../components/CorrectionForm';
import { DecisionForm } from '../components/DecisionForm';
import { EntriesTable, STATUS_LABEL } from '../components/EntriesTable';
import { SourcePanel } from '../components/SourcePanel';
import { entryMarks, SourceView, type SourceMark } from '../components/SourceView';
import { useLoad } from '../hooks';
import { hrefOf, type VendorTab } from '../router';
import { ChangesView } from './ChangesView';

/** The source spans a flag's evidence points at. */
function marksOfFlag(f: Flag): SourceMark[] {
  return f.evidence.flatMap((ev) => ev.spans.map((span) => ({ span, field: ev.field })));
}

function FlagList(props: { flags: Flag[]; onShow: (f: Flag) => void }) {
  if (props.flags.length === 0) {
    return <p className="muted">No flags under the current policy.</p>;
  }
  return (
    <ul className="flag-list" aria-label="Flags">
      {props.flags.map((f) => (
        <li key={f.id}>
          <SeverityBadge severity={f.severity} /> {f.message}
          {f.evidence.some((ev) => ev.spans.length > 0) && (
            <button type="button" className="link" onClick={() => props.onShow(f)}>
              Show in source
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function ReviewTab(props: { review: VendorReview; reviewerName: string; reload: () => void }) {
  const { review } = props;
  const [selected, setSelected] = useState<number | null>(null);
  const [flagMarks, setFlagMarks] = useState<SourceMark[] | null>(null);
  const [source] = useLoad(
    () =>
      review.snapshot
        ? callApi('snapshots.source', { snapshotId: review.snapshot.id })
        : Promise.resolve(null),
    [review.snapshot?.id],
  );
  const item = review.entries.find((e) => e.entry.id === selected) ?? null;
  const marks = useMemo(() => flagMarks ?? entryMarks(item?.entry ?? null), [flagMarks, item]);

  return (
    <div className="vendor-body">
      <div>
        {review.pageFlags.length > 0 && (
          <section aria-label="Page flags" className="page-flags">
            <FlagList flags={review.pageFlags} onShow={(f) => setFlagMarks(marksOfFlag(f))} />
          </section>
        )}
        <EntriesTable
          items={review.entries}
          selectedId={selected}
          onSelect={(id) => {
            setSelected(id);
            setFlagMarks(null);
          }}
        />
      </div>
      <aside className="side-pane" aria-label="Details">
        {item ? (
          <section className="entry-detail" aria-label="Selected sub-processor">
            <h3>{item.entry.name || '(name not printed)'}</h3>
            <dl className="facts">
              <dt>Legal entity</dt>
              <dd>{item.entry.legalEntity ?? 'not stated'}</dd>
              <dt>Known as</dt>
              <dd>{item.knownAs ?? 'not in the catalog'}</dd>
              <dt>Status</dt>
              <dd>{STATUS_LABEL[item.entry.status]}</dd>
              <dt>Section</dt>
              <dd>{item.entry.section ?? '—'}</dd>
              {item.entry.confidenceReasons.length > 0 && (
                <>
                  <dt>Parser notes</dt>
                  <dd>{item.entry.confidenceReasons.join('; ')}</dd>
                </>
              )}
            </dl>
            <FlagList flags={item.flags} onShow={(f) => setFlagMarks(marksOfFlag(f))} />
            <CorrectionForm
              key={`${item.entry.id}-${Object.keys(item.entry.corrected ?? {}).join()}-${item.entry.countries.join()}-${item.entry.status}`}
              entry={item.entry}
              onChanged={props.reload}
            />
            {item.entry.status === 'customer-managed' ? (
              <p className="muted">
                The customer contracts this service directly; the vendor lists it for completeness.
              </p>
            ) : (
              <DecisionForm
                key={`${item.entry.id}-${item.decision?.id ?? 0}`}
                item={item}
                reviewerName={props.reviewerName}
                onSaved={props.reload}
              />
            )}
          </section>
        ) : (
          <p className="muted">
            Select a sub-processor to see its flags, decide, and check the source.
          </p>
        )}
        {source.state === 'ready' && source.value && (
          <section aria-label="Source">
            <h3 className="source-title">Source text</h3>
            <SourceView text={source.value.text} marks={marks} />
          </section>
        )}
      </aside>
    </div>
  );
}

function HistoryTab(props: { vendorId: number }) {
  const [snapshots] = useLoad(
    () => callApi('snapshots.list', { vendorId: props.vendorId }),
    [props.vendorId],
  );
  if (snapshots.state !== 'ready') {
    return <p className="loading">Loading…</p>;
  }
  return (
    <table className="entries" aria-label="Snapshots">
      <thead>
        <tr>
          <th scope="col">Imported</th>
          <th scope="col">File</th>
          <th scope="col">Page updated</th>
          <th scope="col">Entries</th>
          <th scope="col">Notice</th>
        </tr>
      </thead>
      <tbody>
        {snapshots.value.map((s) => (
          <tr key={s.id}>
            <td>{new Date(s.importedAt).toLocaleString()}</td>
            <td>{s.fileName}</td>
            <td>{s.lastUpdated ?? 'not stated'}</td>
            <td>{s.entryCount}</td>
            <td>
              {s.noticeDays === null
                ? 'not stated'
                : `${s.noticeDays} ${s.noticeBusinessDays ? 'business ' : ''}days`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function VendorScreen(props: {
  vendorId: number;
  tab: VendorTab;
  refreshKey: number;
  reviewerName: string;
}) {
  const [data, reload] = useLoad(
    () => callApi('review.get', { vendorId: props.vendorId }),
    [props.vendorId, props.refreshKey],
  );

  if (data.state === 'loading') {
    return <p className="loading">Loading…</p>;
  }
  if (data.state === 'error') {
    return (
      <p role="alert" className="error">
        {data.message}
      </p>
    );
  }
  const review = data.value;
  const { vendor, snapshot } = review;
  const tabs: { id: VendorTab; label: string }[] = [
    { id: 'review', label: 'Review' },
    { id: 'changes', label: 'Changes' },
    { id: 'history', label: `History (${vendor.snapshotCount})` },
  ];
  return (
    <section className="vendor-screen" aria-labelledby="vendor-heading">
      <header className="vendor-header">
        <h2 id="vendor-heading">{vendor.name}</h2>
        <div className="vendor-facts">
          <ReviewStatusPill status={review.status} />
          <SeverityCountsView counts={review.summary} />
          {review.quality && (
            <span
              className="quality"
              title={review.quality.criteria.map((c) => `${c.label}: ${c.detail}`).join('\n')}
            >
              List quality {review.quality.score}/100
            </span>
          )}
          <span className="muted">Policy v{review.policy.version}</span>
        </div>
        {snapshot && (
          <p className="snapshot-meta">
            {review.entries.length} sub-processors from <strong>{snapshot.fileName}</strong>,
            imported {new Date(snapshot.importedAt).toLocaleString()} · page last updated{' '}
            {snapshot.lastUpdated ?? 'not stated'} · notice{' '}
            {snapshot.noticeDays === null
              ? 'not stated'
              : `${snapshot.noticeDays} ${snapshot.noticeBusinessDays ? 'business ' : ''}days`}
          </p>
        )}
        {snapshot?.warnings.map((w, i) => (
          <p key={i} className="warning">
            {w}
          </p>
        ))}
        <nav className="tabs" aria-label="Vendor views">
          {tabs.map((t) => (
            <a
              key={t.id}
              href={hrefOf({ name: 'vendor', vendorId: vendor.id, tab: t.id })}
              aria-current={props.tab === t.id ? 'page' : undefined}
            >
              {t.label}
            </a>
          ))}
        </nav>
      </header>
      {props.tab === 'review' && (
        // Keyed by vendor: another vendor's table starts without this one's filters and selection.
        <ReviewTab
          key={vendor.id}
          review={review}
          reviewerName={props.reviewerName}
          reload={reload}
        />
      )}
      {props.tab === 'changes' && (
        <ChangesView vendorId={vendor.id} refreshKey={props.refreshKey} />
      )}
      {props.tab === 'history' && (
        <>
          <SourcePanel vendorId={vendor.id} url={vendor.url} onFetched={reload} />
          <HistoryTab vendorId={vendor.id} />
        </>
      )}
    </section>
  );
}
