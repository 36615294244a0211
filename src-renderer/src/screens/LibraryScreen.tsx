import type { VendorSummary } from '../../../src-shared/review';
import { ReviewStatusPill, SeverityCountsView } from '../components/Badges';
import { CheckUpdates } from '../components/CheckUpdates';
import { ImportPanel, type FileResult } from '../components/ImportPanel';
import type { Loadable } from '../hooks';
import { hrefOf } from '../router';

function ageOf(date: string | null): string {
  if (!date) {
    return 'not stated';
  }
  const months = Math.floor((Date.now() - Date.parse(date)) / (30.44 * 24 * 3600 * 1000));
  return months < 1 ? `${date} (this month)` : `${date} (${months} mo ago)`;
}

/** All vendors with where their review stands, and the import panel. */
export function LibraryScreen(props: {
  library: Loadable<VendorSummary[]>;
  onImported: (results: FileResult[]) => void;
  dropped: File[] | null;
  onDropTaken: () => void;
}) {
  const { library } = props;
  return (
    <section className="library" aria-labelledby="library-heading">
      <h2 id="library-heading">Library</h2>
      <ImportPanel
        onImported={props.onImported}
        dropped={props.dropped}
        onDropTaken={props.onDropTaken}
      />
      <CheckUpdates onChanged={() => props.onImported([])} />
      {library.state === 'loading' && <p className="loading">Loading…</p>}
      {library.state === 'error' && (
        <p role="alert" className="error">
          {library.message}
        </p>
      )}
      {library.state === 'ready' && library.value.length === 0 && (
        <p className="empty">No vendors yet — drop a sub-processor page above to start.</p>
      )}
      {library.state === 'ready' && library.value.length > 0 && (
        <div className="table-wrap" tabIndex={0}>
          <table className="entries" aria-label="Vendors overview">
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col">Review</th>
                <th scope="col">Flags</th>
                <th scope="col">Sub-processors</th>
                <th scope="col">To decide</th>
                <th scope="col">List quality</th>
                <th scope="col">Last import</th>
                <th scope="col">Page updated</th>
              </tr>
            </thead>
            <tbody>
              {library.value.map((s) => (
                <tr key={s.vendor.id}>
                  <td className="name">
                    <a href={hrefOf({ name: 'vendor', vendorId: s.vendor.id, tab: 'review' })}>
                      {s.vendor.name}
                    </a>
                  </td>
                  <td>
                    <ReviewStatusPill status={s.status} />
                  </td>
                  <td>
                    <SeverityCountsView counts={s.summary} />
                  </td>
                  <td>{s.vendor.entryCount}</td>
                  <td>{s.openCount}</td>
                  <td>{s.qualityScore === null ? '—' : `${s.qualityScore}/100`}</td>
                  <td>
                    {s.vendor.lastImportedAt
                      ? new Date(s.vendor.lastImportedAt).toLocaleDateString()
                      : '—'}
                  </td>
                  <td>{ageOf(s.vendor.lastUpdated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
