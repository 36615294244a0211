import { useState } from 'react';
import type { Entry } from '../../../src-shared/domain';
import type { FieldChange, ObjectionDeadline } from '../../../src-shared/review';
import { callApi } from '../api';
import { useLoad } from '../hooks';

const FIELD_LABEL: Record<FieldChange['field'], string> = {
  name: 'Name',
  legalEntity: 'Legal entity',
  purpose: 'Purpose',
  countries: 'Countries',
  transfer: 'Transfer mechanisms',
  status: 'Status',
  section: 'Section',
  dataCategories: 'Data categories',
};

function show(v: FieldChange['before']): string {
  if (v === null) {
    return '—';
  }
  return Array.isArray(v) ? v.join(', ') || '—' : v || '—';
}

function DeadlineBanner(props: { deadline: ObjectionDeadline }) {
  const d = props.deadline;
  const text =
    d.state === 'past'
      ? `The objection window closed on ${d.deadline} (${-d.daysLeft} days ago).`
      : `Object by ${d.deadline}: ${d.daysLeft} day${d.daysLeft === 1 ? '' : 's'} left.`;
  return (
    <div className={`deadline deadline-${d.state}`} role="status">
      <strong>{text}</strong> <span className="muted">{d.basis}</span>
    </div>
  );
}

function EntryLine(props: { entry: Entry }) {
  const e = props.entry;
  return (
    <>
      <strong>{e.name || '(name not printed)'}</strong>
      {e.purpose ? ` — ${e.purpose}` : ''}
      {e.countries.length > 0 && <span className="muted"> · {e.countries.join(', ')}</span>}
    </>
  );
}

function EntryListSection(props: { title: string; kind: 'added' | 'removed'; entries: Entry[] }) {
  if (props.entries.length === 0) {
    return null;
  }
  return (
    <section aria-label={props.title}>
      <h3>{props.title}</h3>
      <ul className={`diff-list ${props.kind}`}>
        {props.entries.map((e) => (
          <li key={e.id}>
            <EntryLine entry={e} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What changed between two snapshots of one vendor, and by when to object. */
export function ChangesView(props: { vendorId: number; refreshKey: number }) {
  const [pick, setPick] = useState<{ from?: number; to?: number }>({});
  const [snapshots] = useLoad(
    () => callApi('snapshots.list', { vendorId: props.vendorId }),
    [props.vendorId, props.refreshKey],
  );
  const [data] = useLoad(
    () =>
      callApi('compare.diff', {
        vendorId: props.vendorId,
        ...(pick.from ? { fromSnapshotId: pick.from } : {}),
        ...(pick.to ? { toSnapshotId: pick.to } : {}),
      }),
    [props.vendorId, pick.from, pick.to, props.refreshKey],
  );
  if (data.state === 'loading' || snapshots.state === 'loading') {
    return <p className="loading">Loading…</p>;
  }
  if (data.state === 'error') {
    return (
      <p role="alert" className="error">
        {data.message}
      </p>
    );
  }
  const { from, to, diff, deadline } = data.value;
  if (!diff || !from || !to) {
    return (
      <p className="empty">
        Only one snapshot so far. Import the vendor&apos;s list again when it changes to see what
        was added, removed or changed, and by when you can object.
      </p>
    );
  }
  const options = snapshots.state === 'ready' ? snapshots.value : [];
  const label = (id: number): string => {
    const s = options.find((o) => o.id === id);
    return s ? `${new Date(s.importedAt).toLocaleDateString()} — ${s.fileName}` : String(id);
  };
  const total = diff.added.length + diff.removed.length + diff.changed.length;
  return (
    <section className="changes" aria-label="Changes">
      <div className="snapshot-pickers">
        {(['from', 'to'] as const).map((side) => (
          <label key={side}>
            {side === 'from' ? 'From' : 'To'}
            <select
              value={(side === 'from' ? from : to).id}
              onChange={(e) => setPick((p) => ({ ...p, [side]: Number(e.target.value) }))}
            >
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {label(o.id)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {deadline && total > 0 && <DeadlineBanner deadline={deadline} />}
      <p>
        {total === 0
          ? 'No sub-processor changed between these snapshots.'
          : `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed; ${diff.unchangedCount} unchanged.`}
      </p>
      <EntryListSection title="Added" kind="added" entries={diff.added} />
      <EntryListSection title="Removed" kind="removed" entries={diff.removed} />
      {diff.changed.length > 0 && (
        <section aria-label="Changed">
          <h3>Changed</h3>
          {diff.changed.map((c) => (
            <div key={c.after.id} className="changed-entry">
              <h4>
                {c.after.name || '(name not printed)'}
                {c.match === 'fuzzy' && (
                  <span className="tag">
                    {' '}
                    matched by similar name ({Math.round(c.similarity * 100)}%)
                  </span>
                )}
              </h4>
              <table className="diff-table">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {c.fields.map((f) => (
                    <tr key={f.field}>
                      <th scope="row">{FIELD_LABEL[f.field]}</th>
                      <td className="before">{show(f.before)}</td>
                      <td className="after">{show(f.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      )}
      {diff.ambiguous.length > 0 && (
        <section aria-label="Ambiguous matches">
          <h3>Ambiguous matches</h3>
          <p className="muted">
            These could correspond to more than one entry; check them by hand.
          </p>
          <ul className="diff-list">
            {diff.ambiguous.map((a, i) => (
              <li key={i}>
                <EntryLine entry={a.entry} /> could be{' '}
                {a.candidates.map((c) => c.entry.name || '(unnamed)').join(' or ')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
