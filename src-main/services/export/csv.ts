/**
 * CSV exports of entries and flags: RFC 4180 (CRLF, quotes doubled), UTF-8 with a byte-order mark
 * so Excel reads it as UTF-8, and text fields that a spreadsheet would run as a formula quoted and
 * prefixed with an apostrophe, as OWASP describes:
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
import type { ReviewDeps } from '../review';
import { neutralise } from './cell-text';
import {
  ENTRY_COLUMNS,
  entryRow,
  FLAG_COLUMNS,
  flagRows,
  gatherVendor,
  selectVendors,
  type CellData,
  type ColumnSpec,
} from './export-data';

const BOM = '\uFEFF';

/** A string field as RFC 4180 wants it, neutralised first. */
function textField(text: string): string {
  const safe = neutralise(text);
  // A neutralised field is always quoted too: OWASP's advice, and some readers drop the
  // apostrophe of an unquoted field.
  return safe !== text || /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One field. Dates become ISO days (or UTC timestamps), numbers stay plain numbers. */
export function csvField(value: CellData, column?: ColumnSpec): string {
  if (value === null) {
    return '';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (value instanceof Date) {
    return column?.kind === 'date'
      ? value.toISOString().slice(0, 10)
      : value.toISOString().replace('.000Z', 'Z');
  }
  return textField(value);
}

/** A whole CSV document with a header line. */
export function toCsv(columns: readonly ColumnSpec[], rows: Iterable<CellData[]>): string {
  const lines = [columns.map((c) => textField(c.header)).join(',')];
  for (const row of rows) {
    lines.push(row.map((v, i) => csvField(v, columns[i])).join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** CSV of every entry of each vendor's latest snapshot (all vendors when none are named). */
export function entriesCsv(deps: ReviewDeps, vendorIds?: number[]): string {
  const rows: CellData[][] = [];
  for (const vendor of selectVendors(deps, vendorIds)) {
    const v = gatherVendor(deps, vendor, { withSource: true, withComparison: false });
    for (const item of v.review.entries) {
      rows.push(entryRow(deps, v, item));
    }
  }
  return toCsv(ENTRY_COLUMNS, rows);
}

/** CSV of every flag, plus one "no flags" line per reviewable entry nothing flagged. */
export function flagsCsv(deps: ReviewDeps, vendorIds?: number[]): string {
  const rows: CellData[][] = [];
  for (const vendor of selectVendors(deps, vendorIds)) {
    rows.push(
      ...flagRows(gatherVendor(deps, vendor, { withSource: false, withComparison: false })),
    );
  }
  return toCsv(FLAG_COLUMNS, rows);
}
