import { useMemo, useState } from 'react';
import {
  matchesLibrary,
  NO_LIBRARY_FILTERS,
  sortLibrary,
  type LibraryFilters,
  type LibrarySortKey,
} from '../../../src-shared/library-view';
import type { ReviewStatus, VendorSummary } from '../../../src-shared/review';
import { REVIEW_STATUS_LABEL, ReviewStatusPill, SeverityCountsView } from '../components/Badges';
import { FilterSelect, FilterText } from '../components/FilterControls';
import { SortHeader, type SortState } from '../components/SortHeader';
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
        <VendorsTable vendors={library.value} />
      )}
    </section>
  );
}

const COLUMNS: [LibrarySortKey, string][] = [
  ['name', 'Vendor'],
  ['status', 'Review'],
  ['flags', 'Flags'],
  ['entries', 'Sub-processors'],
  ['open', 'To decide'],
  ['quality', 'List quality'],
  ['lastImport', 'Last import'],
  ['pageUpdated', 'Page updated'],
];

/** Every vendor, sortable on each column and filterable column by column. */
function VendorsTable(props: { vendors: VendorSummary[] }) {
  const [sort, setSort] = useState<SortState<LibrarySortKey>>({ key: 'status', desc: false });
  const [filters, setFilters] = useState<LibraryFilters>(NO_LIBRARY_FILTERS);
  const set = <K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K]): void =>
    setFilters((f) => ({ ...f, [key]: value }));
  const rows = useMemo(() => {
    const now = new Date();
    return sortLibrary(
      props.vendors.filter((v) => matchesLibrary(v, filters, now)),
      sort.key,
      sort.desc,
    );
  }, [props.vendors, filters, sort]);
  const filtering = Object.values(filters).some((v) => v !== '');
  return (
    <>
      <div className="table-wrap" tabIndex={0}>
        <table className="entries" aria-label="Vendors overview">
          <thead>
            <tr>
              {COLUMNS.map(([key, label]) => (
                <SortHeader key={key} column={key} label={label} sort={sort} onSort={setSort} />
              ))}
            </tr>
            <tr className="filter-row">
              <FilterText
                label="Filter vendors by name"
                placeholder="Vendor…"
                value={filters.name}
                onChange={(v) => set('name', v)}
              />
              <FilterSelect
                label="Filter vendors by review status"
                value={filters.status}
                options={Object.entries(REVIEW_STATUS_LABEL) as [ReviewStatus, string][]}
                onChange={(v) => set('status', v)}
              />
              <FilterSelect
                label="Filter vendors by flags"
                value={filters.flags}
                options={[
                  ['high', 'With a high flag'],
                  ['any', 'With any flag'],
                  ['none', 'No flags'],
                ]}
                onChange={(v) => set('flags', v)}
              />
              <td />
              <FilterSelect
                label="Filter vendors by decisions left"
                value={filters.open}
                options={[
                  ['some', 'Some to decide'],
                  ['none', 'All decided'],
                ]}
                onChange={(v) => set('open', v)}
              />
              <FilterSelect
                label="Filter vendors by list quality"
                value={filters.quality}
                options={[
                  ['below-60', 'Below 60'],
                  ['from-60', '60 or more'],
                ]}
                onChange={(v) => set('quality', v)}
              />
              <td />
              <FilterSelect
                label="Filter vendors by page age"
                value={filters.pageAge}
                options={[
                  ['older-6', 'Older than 6 months'],
                  ['older-12', 'Older than 12 months'],
                  ['not-stated', 'Date not stated'],
                ]}
                onChange={(v) => set('pageAge', v)}
              />
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
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
      <p className="muted table-count" aria-live="polite">
        {rows.length} of {props.vendors.length} vendors shown
        {filtering && (
          <>
            {' '}
            <button
              type="button"
              className="link-button"
              onClick={() => setFilters(NO_LIBRARY_FILTERS)}
            >
              Clear filters
            </button>
          </>
        )}
      </p>
      {rows.length === 0 && <p className="empty">No vendor matches these filters.</p>}
    </>
  );
}
