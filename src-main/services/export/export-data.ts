/**
 * What an export shows, gathered once per vendor from the same services the screens use, and the
 * rows of each sheet as typed cell values. The workbook and the CSV files share these rows, so a
 * column means the same in both.
 */
import type { Entry, Flag, Snapshot, Span, Vendor } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type {
  EntryReview,
  ObjectionDeadline,
  SnapshotDiff,
  VendorReview,
} from '../../../src-shared/review';
import { compareSnapshots, vendorReview, type ReviewDeps } from '../review';
import { DECISION_LABELS, PSEUDO_COUNTRIES } from './cell-text';

/** A value as it goes into a cell: strings are data, never formulas. */
export type CellData = string | number | boolean | Date | null;

/**
 * text: short text; long: wrapped text; date: a day; datetime: a UTC moment; number: a count;
 * percent: a 0..1 share; id: a database key; bool: yes/no.
 */
export type ColumnKind =
  'text' | 'long' | 'date' | 'datetime' | 'number' | 'percent' | 'id' | 'bool';

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** In characters, as Excel measures column width. */
  width: number;
  /** Hidden and locked: keys the import matches rows by. */
  hidden?: boolean;
  /** Unlocked on the protected Flags sheet: the reviewer's cells. */
  editable?: boolean;
}

export interface Comparison {
  from: Snapshot;
  to: Snapshot;
  diff: SnapshotDiff;
  deadline: ObjectionDeadline;
}

export interface VendorExport {
  vendor: Vendor;
  review: VendorReview;
  /** The latest snapshot's stored text, which provenance spans point into. */
  sourceText: string | null;
  /** The latest snapshot against the one before it; null with fewer than two snapshots. */
  comparison: Comparison | null;
}

/** The vendors asked for (all when none are named), in the library's order. */
export function selectVendors(deps: ReviewDeps, vendorIds?: number[]): Vendor[] {
  const all = deps.store.listVendors();
  if (!vendorIds || vendorIds.length === 0) {
    return all;
  }
  const wanted = new Set(vendorIds);
  const found = all.filter((v) => wanted.has(v.id));
  const missing = [...wanted].filter((id) => !found.some((v) => v.id === id));
  if (missing.length > 0) {
    throw new AppError(
      'not-found',
      `no vendor with id ${missing.join(', ')} (it may have been deleted)`,
    );
  }
  return found;
}

/** The latest snapshot against the one before it; `review` is the vendor's review when at hand. */
export function latestComparison(
  deps: ReviewDeps,
  vendorId: number,
  review?: VendorReview,
): Comparison | null {
  const { store } = deps;
  const to = review ? review.snapshot : store.latestSnapshot(vendorId);
  const from = to ? store.previousSnapshot(to.id) : undefined;
  if (!to || !from) {
    return null;
  }
  const toEntries = review?.entries.map((e) => e.entry);
  return { from, to, ...compareSnapshots(deps, from, to, toEntries) };
}

/** The stored text of the snapshot a vendor export shows, which provenance spans point into. */
export function sourceTextOf(deps: ReviewDeps, v: Pick<VendorExport, 'review'>): string | null {
  const { snapshot } = v.review;
  return snapshot ? (deps.store.getSnapshotSource(snapshot.id)?.text ?? null) : null;
}

/** Everything one vendor contributes to an export. */
export function gatherVendor(
  deps: ReviewDeps,
  vendor: Vendor,
  options: { withSource: boolean; withComparison: boolean },
): VendorExport {
  const review = vendorReview(deps, vendor.id);
  return {
    vendor,
    review,
    sourceText: options.withSource ? sourceTextOf(deps, { review }) : null,
    comparison: options.withComparison ? latestComparison(deps, vendor.id, review) : null,
  };
}

// ---- shared formatting ------------------------------------------------------------------------

/** The name a row shows: printed name, else legal entity (the entry has no other identity). */
export function displayName(entry: Pick<Entry, 'name' | 'legalEntity'>): string {
  return entry.name || entry.legalEntity || '(no name)';
}

/** A YYYY-MM-DD day as a Date at UTC midnight, which exceljs writes as that Excel day. */
export function dayDate(iso: string | null): Date | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    return null;
  }
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An ISO timestamp as a Date; null when it does not parse. */
export function momentDate(iso: string | null): Date | null {
  if (!iso) {
    return null;
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function countryNames(deps: ReviewDeps, codes: string[]): string {
  return codes
    .map((c) => deps.resources.countryByCode.get(c)?.name ?? PSEUDO_COUNTRIES[c] ?? c)
    .join(', ');
}

/** The first provenance span of the name, else of any field: where the row came from. */
function sourceSpan(entry: Entry): Span | undefined {
  const name = entry.provenance.name?.[0];
  if (name) {
    return name;
  }
  return Object.values(entry.provenance)
    .flatMap((spans) => spans ?? [])
    .sort((a, b) => a.start - b.start)[0];
}

const EXCERPT_CHARS = 80;

/** The start of the source line a span begins on, trimmed to ~80 characters. */
function sourceLine(text: string, span: Span): string {
  const start = text.lastIndexOf('\n', Math.max(0, span.start - 1)) + 1;
  const nl = text.indexOf('\n', span.start);
  const line = text
    .slice(start, nl === -1 ? undefined : nl)
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS - 1)}…` : line;
}

// ---- Sub-processors -----------------------------------------------------------------------------

export const ENTRY_COLUMNS: readonly ColumnSpec[] = [
  { header: 'Vendor', kind: 'text', width: 22 },
  { header: 'Sub-processor', kind: 'text', width: 28 },
  { header: 'Known as', kind: 'text', width: 22 },
  { header: 'Legal entity', kind: 'long', width: 30 },
  { header: 'Purpose', kind: 'long', width: 40 },
  { header: 'Data categories', kind: 'long', width: 28 },
  { header: 'Country codes', kind: 'text', width: 14 },
  { header: 'Countries', kind: 'long', width: 28 },
  { header: 'Transfer mechanisms', kind: 'text', width: 18 },
  { header: 'Status', kind: 'text', width: 16 },
  { header: 'Section', kind: 'text', width: 20 },
  { header: 'Name on page', kind: 'text', width: 13 },
  { header: 'Confidence', kind: 'percent', width: 12 },
  { header: 'Confidence notes', kind: 'long', width: 30 },
  { header: 'Flags', kind: 'number', width: 8 },
  { header: 'Review state', kind: 'text', width: 13 },
  { header: 'Source', kind: 'text', width: 28 },
  { header: 'Source line', kind: 'long', width: 44 },
  { header: 'Snapshot id', kind: 'id', width: 11 },
  { header: 'Entry id', kind: 'id', width: 10 },
];

export function entryRow(deps: ReviewDeps, v: VendorExport, item: EntryReview): CellData[] {
  const e = item.entry;
  const span = sourceSpan(e);
  return [
    v.vendor.name,
    displayName(e),
    item.knownAs,
    e.legalEntity,
    e.purpose,
    e.dataCategories.join('; '),
    e.countries.join(', '),
    countryNames(deps, e.countries),
    e.transfer.join(', '),
    e.status,
    e.section,
    e.nameOnPage ? 'printed' : 'inferred',
    e.confidence,
    e.confidenceReasons.join('; '),
    item.flags.length,
    item.decisionState,
    // The en dash is the range sign a reader expects; the numbers are the stored offsets.
    span ? `snapshot ${e.snapshotId}, chars ${span.start}–${span.end}` : `snapshot ${e.snapshotId}`,
    span && v.sourceText !== null ? sourceLine(v.sourceText, span) : null,
    e.snapshotId,
    e.id,
  ];
}

// ---- Flags --------------------------------------------------------------------------------------

export const FLAG_COLUMNS: readonly ColumnSpec[] = [
  { header: 'Rule', kind: 'text', width: 24 },
  { header: 'Severity', kind: 'text', width: 10 },
  { header: 'Vendor', kind: 'text', width: 22 },
  { header: 'Sub-processor', kind: 'text', width: 28 },
  { header: 'Evidence', kind: 'long', width: 60 },
  { header: 'Decision', kind: 'text', width: 24, editable: true },
  { header: 'Comment', kind: 'long', width: 40, editable: true },
  { header: 'Reviewer', kind: 'text', width: 16 },
  { header: 'Decided on', kind: 'date', width: 12 },
  { header: 'Review state', kind: 'text', width: 13 },
  { header: 'Entry id', kind: 'id', width: 10, hidden: true },
  { header: 'Flag id', kind: 'id', width: 10, hidden: true },
];

/** Headers the import finds its columns by; kept beside the columns they name. */
export const FLAG_HEADERS = {
  vendor: 'Vendor',
  name: 'Sub-processor',
  decision: 'Decision',
  comment: 'Comment',
  entryId: 'Entry id',
} as const;

/** Rule id shown for a reviewable entry no rule flagged, so it still gets a decision row. */
export const NO_FLAGS = 'no flags';

/**
 * Rows of the Flags sheet for one vendor: one per flag, plus one per reviewable entry without
 * flags (marked "no flags"), because every sub-processor needs a decision, flagged or not.
 * Customer-managed entries are not the vendor's to answer for, so they get rows only when flagged.
 * Page-level flags have no entry and so no decision.
 */
export function flagRows(v: VendorExport): CellData[][] {
  const rows: CellData[][] = v.review.pageFlags.map((f) => [
    f.ruleId,
    f.severity,
    v.vendor.name,
    '(whole list)',
    f.message,
    null,
    null,
    null,
    null,
    null,
    null,
    f.id,
  ]);
  for (const item of v.review.entries) {
    const d = item.decision;
    const decided = (f: Flag | null): CellData[] => [
      f ? f.ruleId : NO_FLAGS,
      f ? f.severity : null,
      v.vendor.name,
      displayName(item.entry),
      f ? f.message : `No rule of policy version ${v.review.policy.version} flags this entry.`,
      d ? DECISION_LABELS[d.decision] : null,
      d ? d.comment : null,
      d ? d.reviewer : null,
      d ? momentDate(d.decidedAt) : null,
      item.decisionState,
      item.entry.id,
      f ? f.id : null,
    ];
    if (item.flags.length > 0) {
      rows.push(...item.flags.map(decided));
    } else if (item.entry.status !== 'customer-managed') {
      rows.push(decided(null));
    }
  }
  return rows;
}

/** How many Flags rows a vendor has, without building them (for progress totals). */
export function flagRowCount(v: VendorExport): number {
  let n = v.review.pageFlags.length;
  for (const item of v.review.entries) {
    n +=
      item.flags.length > 0 ? item.flags.length : item.entry.status === 'customer-managed' ? 0 : 1;
  }
  return n;
}
