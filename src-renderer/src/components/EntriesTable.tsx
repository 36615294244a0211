import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type Dispatch,
  type KeyboardEvent,
  type MouseEvent,
  type SetStateAction,
} from 'react';
import type { Severity } from '../../../src-shared/domain';
import type { EntryReview } from '../../../src-shared/review';
import {
  activeFilterCount,
  filterOptions,
  matchesColumns,
  NO_FILTERS,
  rowText,
  STATUS_LABEL,
  type ColumnFilters,
  type ConfidenceFilter,
  type FlagFilter,
} from '../../../src-shared/entry-filters';
import { DECISION_STATE_LABEL, DecisionStatePill, SeverityBadge } from './Badges';
import { FilterSelect, FilterText } from './FilterControls';
import { SortHeader, type SortState } from './SortHeader';

export { STATUS_LABEL };

const FLAG_OPTIONS = [
  ['any', 'Any flag'],
  ['high', 'High'],
  ['medium', 'Medium'],
  ['low', 'Low'],
  ['info', 'Info'],
  ['none', 'No flags'],
] as const satisfies readonly (readonly [Exclude<FlagFilter, ''>, string])[];

const CONFIDENCE_OPTIONS = [
  ['below-60', 'Below 60%'],
  ['below-80', 'Below 80%'],
  ['from-80', '80% or more'],
] as const satisfies readonly (readonly [Exclude<ConfidenceFilter, ''>, string])[];

function nameTitle(e: EntryReview['entry']): string {
  return [e.name, e.legalEntity].filter(Boolean).join(' — ');
}

/** Keys that move the focus through the rows: by one, by a page, or to either end. */
const ROW_KEYS: Record<string, number | 'first' | 'last'> = {
  ArrowDown: 1,
  ArrowUp: -1,
  PageDown: 10,
  PageUp: -10,
  Home: 'first',
  End: 'last',
};

/** A row's height in long (virtualized) lists, in CSS pixels; given to styles.css as --row-height. */
const ROW_HEIGHT = 56;

/** Above this many rows the table renders only what is in view. */
const VIRTUALIZE_FROM = 150;

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 };

type SortKey =
  'name' | 'purpose' | 'countries' | 'transfer' | 'status' | 'flags' | 'decision' | 'confidence';

function worstSeverity(item: EntryReview): number {
  return Math.min(4, ...item.flags.map((f) => SEVERITY_RANK[f.severity]));
}

function sortValue(item: EntryReview, key: SortKey): string | number {
  switch (key) {
    case 'name':
      return item.entry.name.toLowerCase();
    case 'purpose':
      return (item.entry.purpose ?? '').toLowerCase();
    case 'countries':
      return item.entry.countries.join(' ');
    case 'transfer':
      return item.entry.transfer.join(' ');
    case 'status':
      return item.entry.status;
    case 'flags':
      return worstSeverity(item) * 100 - item.flags.length;
    case 'decision':
      return item.decisionState;
    case 'confidence':
      return item.entry.confidence;
  }
}

/** The entries of a snapshot with their flags and decision state; sortable and filterable. */
export function EntriesTable(props: {
  items: EntryReview[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  const [filter, setFilter] = useState('');
  const [columns, setColumns] = useState<ColumnFilters>(NO_FILTERS);
  const [sort, setSort] = useState<SortState<SortKey>>({ key: 'flags', desc: false });

  // Each row's searchable text is built once per list, not on every keystroke.
  const texts = useMemo(() => props.items.map(rowText), [props.items]);
  const options = useMemo(() => filterOptions(props.items), [props.items]);

  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const filtering = q !== '' || activeFilterCount(columns) > 0;
    const matching = filtering
      ? props.items.filter(
          (item, i) => (q === '' || (texts[i] ?? '').includes(q)) && matchesColumns(item, columns),
        )
      : props.items;
    const dir = sort.desc ? -1 : 1;
    return [...matching].sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      return x < y ? -dir : x > y ? dir : a.entry.position - b.entry.position;
    });
  }, [props.items, texts, filter, columns, sort]);

  // Long lists render only the rows in view (plus a margin), so 50,000 entries scroll smoothly;
  // short ones render fully, which keeps the browser's find-in-page working on them. Long lists
  // also draw every row at one fixed height (two lines per cell, the rest in the detail pane and
  // the cell's tooltip): rows of measured, varying height made the virtualizer recompute every
  // later row's offset as each new row scrolled in, which grew with the list and dropped frames.
  // Their rows are placed absolutely (top) in a body as tall as the list, each row sized and
  // contained (styles.css): a row scrolling in is laid out on its own, where spacer rows in a
  // table made every frame lay out and repaint the whole table again.
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = props.items.length > VIRTUALIZE_FROM;
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; fine
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const visible: { item: EntryReview; index: number; start?: number }[] = virtual
    ? items.flatMap((v) => {
        const item = rows[v.index];
        return item ? [{ item, index: v.index, start: v.start }] : [];
      })
    : rows.map((item, index) => ({ item, index }));
  // Moving by keyboard goes by row index, not by the rows in the DOM: a virtualized table has
  // only the rows in view, so the next one is scrolled into view first, then focused.
  const focusRow = (target: number): void => {
    const index = Math.max(0, Math.min(rows.length - 1, target));
    if (virtual) {
      virtualizer.scrollToIndex(index, { align: 'auto' });
    }
    const focus = (tries: number): void => {
      const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`);
      if (row) {
        row.focus();
      } else if (tries > 0) {
        requestAnimationFrame(() => focus(tries - 1));
      }
    };
    focus(10);
  };

  const onBodyClick = (ev: MouseEvent<HTMLElement>): void => {
    const item = rows[rowIndexOf(ev.target) ?? -1];
    if (item) props.onSelect(item.entry.id);
  };
  const onBodyKey = (ev: KeyboardEvent<HTMLElement>): void => {
    const index = rowIndexOf(ev.target);
    const item = rows[index ?? -1];
    if (index === null || !item) return;
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      props.onSelect(item.entry.id);
      return;
    }
    const step = Object.hasOwn(ROW_KEYS, ev.key) ? ROW_KEYS[ev.key] : undefined;
    if (step !== undefined) {
      ev.preventDefault();
      focusRow(step === 'first' ? 0 : step === 'last' ? rows.length - 1 : index + step);
    }
  };

  if (props.items.length === 0) {
    return (
      <p className="empty">
        No sub-processors were found in this snapshot. Check the source text: if the page lists them
        in an unusual layout, the parser may have missed them.
      </p>
    );
  }

  return (
    <div className="entries-block">
      <input
        type="search"
        className="table-filter"
        placeholder="Filter sub-processors…  ( / )"
        aria-label="Filter sub-processors"
        data-shortcut="filter"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div className="table-wrap" tabIndex={0} ref={scrollRef}>
        {/* The roles are spelled out because long lists lay the table out as blocks and grids,
            which must not cost it its table semantics; aria-rowcount and aria-rowindex (the two
            header rows first) tell assistive technology where the rows in the DOM sit. */}
        <table
          className={virtual ? 'entries fixed-rows' : 'entries'}
          role="table"
          aria-label="Sub-processors"
          aria-rowcount={rows.length + 2}
          style={{ '--row-height': `${ROW_HEIGHT}px` } as CSSProperties}
        >
          <EntriesHead
            sort={sort}
            onSort={setSort}
            columns={columns}
            onColumns={setColumns}
            options={options}
          />
          {/* Clicks and keys are handled once for the body, so a row's props stay the same while the
              table scrolls and rows already drawn are not drawn again (EntryRow is memoised). */}
          <tbody
            role="rowgroup"
            onClick={onBodyClick}
            onKeyDown={onBodyKey}
            style={virtual ? { height: virtualizer.getTotalSize() } : undefined}
          >
            {visible.map(({ item, index, start }) => (
              <EntryRow
                key={item.entry.id}
                item={item}
                index={index}
                start={start}
                selected={item.entry.id === props.selectedId}
              />
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted table-count" aria-live="polite">
        {rows.length} of {props.items.length} shown
        {activeFilterCount(columns) > 0 && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => setColumns(NO_FILTERS)}>
              Clear column filters
            </button>
          </>
        )}
      </p>
      {rows.length === 0 && <p className="empty">No sub-processor matches these filters.</p>}
    </div>
  );
}

/**
 * The header row and the filter row. Memoised: the table re-renders on every scroll frame, and the
 * filter lists (every country and mechanism in the snapshot) need not be rebuilt with it.
 */
const EntriesHead = memo(function EntriesHead(props: {
  sort: SortState<SortKey>;
  onSort: (next: SortState<SortKey>) => void;
  columns: ColumnFilters;
  onColumns: Dispatch<SetStateAction<ColumnFilters>>;
  options: ReturnType<typeof filterOptions>;
}) {
  const { sort, columns, options } = props;
  const setColumn = <K extends keyof ColumnFilters>(key: K, value: ColumnFilters[K]): void =>
    props.onColumns((c) => ({ ...c, [key]: value }));
  const header = (key: SortKey, label: string) => (
    <SortHeader column={key} label={label} sort={sort} onSort={props.onSort} />
  );
  return (
    <thead role="rowgroup">
      <tr role="row">
        {header('name', 'Name')}
        {header('purpose', 'Purpose')}
        {header('countries', 'Countries')}
        {header('transfer', 'Transfer')}
        {header('status', 'Status')}
        {header('flags', 'Flags')}
        {header('decision', 'Decision')}
        {header('confidence', 'Confidence')}
      </tr>
      <tr className="filter-row" role="row">
        <FilterText
          label="Filter by name"
          placeholder="Name…"
          value={columns.name}
          onChange={(v) => setColumn('name', v)}
        />
        <FilterText
          label="Filter by purpose"
          placeholder="Purpose…"
          value={columns.purpose}
          onChange={(v) => setColumn('purpose', v)}
        />
        <FilterSelect
          label="Filter by country"
          value={columns.country}
          options={options.countries}
          onChange={(v) => setColumn('country', v)}
        />
        <FilterSelect
          label="Filter by transfer mechanism"
          value={columns.transfer}
          options={options.transfers}
          onChange={(v) => setColumn('transfer', v)}
        />
        <FilterSelect
          label="Filter by status"
          value={columns.status}
          options={options.statuses.map((st) => [st, STATUS_LABEL[st]] as const)}
          onChange={(v) => setColumn('status', v)}
        />
        <FilterSelect
          label="Filter by flags"
          value={columns.flags}
          options={FLAG_OPTIONS}
          onChange={(v) => setColumn('flags', v)}
        />
        <FilterSelect
          label="Filter by decision"
          value={columns.decision}
          options={options.decisions.map((d) => [d, DECISION_STATE_LABEL[d]] as const)}
          onChange={(v) => setColumn('decision', v)}
        />
        <FilterSelect
          label="Filter by confidence"
          value={columns.confidence}
          options={CONFIDENCE_OPTIONS}
          onChange={(v) => setColumn('confidence', v)}
        />
      </tr>
    </thead>
  );
});

/** The row index of the table row an event happened in (data-index), or null. */
function rowIndexOf(target: EventTarget): number | null {
  const row = target instanceof Element ? target.closest('tr[data-index]') : null;
  const index = Number(row?.getAttribute('data-index'));
  return row && Number.isInteger(index) ? index : null;
}

/** One entry's row; redrawn only when its own data, place or selection changes. */
const EntryRow = memo(function EntryRow(props: {
  item: EntryReview;
  index: number;
  /**
   * Long (virtualized) lists: the row's top in the body, in pixels; its cells are clamped, with
   * the full text in a tooltip. Undefined in short lists, whose rows flow as a table's do.
   */
  start: number | undefined;
  selected: boolean;
}) {
  const { item, index, start } = props;
  const virtual = start !== undefined;
  const e = item.entry;
  return (
    <tr
      role="row"
      data-index={index}
      aria-rowindex={index + 3}
      aria-selected={props.selected}
      tabIndex={0}
      style={virtual ? { top: start } : undefined}
    >
      <td role="cell" className="name" title={virtual ? nameTitle(e) : undefined}>
        <div className="cell">
          <span className="entry-name">{e.name || '(name not printed)'}</span>
          {!e.nameOnPage && e.name && <span className="tag"> inferred</span>}
          {e.corrected && Object.keys(e.corrected).length > 0 && (
            <span className="tag"> corrected</span>
          )}
        </div>
        {e.legalEntity && <div className="sub cell">{e.legalEntity}</div>}
      </td>
      <td role="cell" className="purpose" title={virtual ? (e.purpose ?? undefined) : undefined}>
        <div className="cell clamp">{e.purpose ?? '—'}</div>
      </td>
      <td role="cell">
        <div className="cell clamp">{e.countries.join(', ') || '—'}</div>
      </td>
      <td role="cell">
        <div className="cell clamp">{e.transfer.join(', ') || '—'}</div>
      </td>
      <td role="cell">
        <span className={`status status-${e.status}`}>{STATUS_LABEL[e.status]}</span>
      </td>
      <td role="cell" className="flags-cell">
        <div className="cell">
          {item.flags.length === 0 ? (
            <span className="muted">—</span>
          ) : (
            item.flags.map((f) => <SeverityBadge key={f.id} severity={f.severity} />)
          )}
        </div>
      </td>
      <td role="cell">
        {e.status === 'customer-managed' ? (
          <span className="muted">n/a</span>
        ) : (
          <DecisionStatePill state={item.decisionState} />
        )}
      </td>
      <td role="cell" title={e.confidenceReasons.join('; ')}>
        {Math.round(e.confidence * 100)}%
      </td>
    </tr>
  );
});
