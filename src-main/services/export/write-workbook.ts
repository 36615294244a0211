/**
 * The review workbook, written with exceljs's streaming writer: rows go to disk as they are
 * added, so a portfolio of 50,000 sub-processors exports in bounded memory. Sheets are written one
 * after another because the zip takes one entry at a time: rows added to a later sheet while an
 * earlier one is open would sit in memory until the earlier one is committed.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { DECISION_VALUES, type Severity } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { buildMatrix } from '../compare';
import { ensurePolicy, type ReviewDeps } from '../review';
import { describeRule } from '../risk';
import { DECISION_LABELS, neutralise } from './cell-text';
import { columnLetter, rowXml, type XmlCellValue, type XmlColumn } from './row-xml';
import {
  dayDate,
  ENTRY_COLUMNS,
  entryRow,
  FLAG_COLUMNS,
  flagRowCount,
  flagRows,
  gatherVendor,
  momentDate,
  selectVendors,
  sourceTextOf,
  type CellData,
  type ColumnKind,
  type ColumnSpec,
  type VendorExport,
} from './export-data';

export interface ExportOptions {
  /** All vendors when absent or empty. */
  vendorIds?: number[];
  outPath: string;
  /** Rows written so far of the Sub-processors and Flags sheets, and how many there will be. */
  onProgress?: (done: number, total: number) => void;
}

export interface ExportResult {
  exportId: string;
  path: string;
  /** Rows of the Sub-processors sheet: one per entry of each vendor's latest snapshot. */
  rows: number;
  vendors: number;
}

/** The hidden sheet that identifies the workbook when it comes back. */
export const ABOUT_SHEET = 'About';
export const ABOUT_FORMAT = 'dpa-workbench-review-export';
export const ABOUT_KEYS = { format: 'Format', exportId: 'Export id' } as const;
export const SHEETS = {
  summary: 'Summary',
  entries: 'Sub-processors',
  flags: 'Flags',
  changes: 'Changes',
  matrix: 'Matrix',
  policy: 'Policy',
} as const;

const PROGRESS_EVERY = 1000;

// Severity colours: fills from Excel's own "Good/Neutral/Bad" palette family so the workbook
// looks native; blue and grey for the two lower levels.
const SEVERITY_STYLE: Record<Severity, { fill: string; font: string }> = {
  high: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  medium: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  low: { fill: 'FFDDEBF7', font: 'FF1F4E79' },
  info: { fill: 'FFEDEDED', font: 'FF404040' },
};

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true, color: { argb: 'FF1F2937' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } },
  alignment: { vertical: 'middle', wrapText: true },
  border: { bottom: { style: 'thin', color: { argb: 'FF9CA3AF' } } },
};

function columnStyle(kind: ColumnKind, editable: boolean): Partial<ExcelJS.Style> {
  const protection = { locked: !editable };
  switch (kind) {
    // Text format: what a reviewer types there stays text, never a formula.
    case 'text':
      return { numFmt: '@', alignment: { vertical: 'top' }, protection };
    case 'long':
      return { numFmt: '@', alignment: { vertical: 'top', wrapText: true }, protection };
    case 'date':
      return { numFmt: 'yyyy-mm-dd', alignment: { vertical: 'top' }, protection };
    case 'datetime':
      return { numFmt: 'yyyy-mm-dd hh:mm', alignment: { vertical: 'top' }, protection };
    case 'number':
    case 'id':
      return { numFmt: '0', alignment: { vertical: 'top' }, protection };
    case 'percent':
      return { numFmt: '0%', alignment: { vertical: 'top' }, protection };
    case 'bool':
      return { alignment: { vertical: 'top' }, protection };
  }
}

/**
 * A cell value: strings neutralised, empty strings left empty. Line breaks become LF, Excel's own
 * in-cell break: a raw CR in the XML would be read back as LF anyway.
 */
function cellValue(value: CellData): XmlCellValue {
  if (typeof value === 'string') {
    return value === '' ? null : neutralise(value).replace(/\r\n?/g, '\n');
  }
  return value;
}

/**
 * What of exceljs's streaming writer the data rows use beyond its typings: the workbook's style
 * table (`addStyleModel` gives a style's cellXfs index, cached by object identity) and the sheet's
 * output stream, which takes XML text in order with the rows exceljs writes itself.
 */
interface StreamInternals {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType?: ExcelJS.ValueType): number };
}
interface SheetInternals {
  stream: { write(chunk: string): unknown };
  startedData: boolean;
}

/**
 * Data rows are handed to the sheet's stream in pieces of about this many characters. The zip
 * compresses roughly one such piece per event-loop turn, so smaller pieces keep less waiting in
 * memory (64 KB: ~40 MB less buffered at 50,000 rows than 256 KB).
 */
const FLUSH_CHARS = 1 << 16;

/** A turn of the event loop: the zip and the file stream work between pieces of a sheet. */
function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** One sheet: header row, typed rows streamed as they come, filter and frozen header. */
class TableSheet {
  readonly ws: ExcelJS.Worksheet;
  private readonly columns: readonly ColumnSpec[];
  private readonly styles: Partial<ExcelJS.Style>[];
  private readonly xmlColumns: XmlColumn[];
  private headerRow = 0;
  private lastRow = 0;
  /** Rendered data rows not yet handed to the stream. */
  private pending = '';
  /** Data rows bypass exceljs's row objects; after the first, exceljs rows would be misnumbered. */
  private hasDataRows = false;

  constructor(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    name: string,
    columns: readonly ColumnSpec[],
    options: { headerRow?: number; state?: ExcelJS.WorksheetState } = {},
  ) {
    const headerRow = options.headerRow ?? 1;
    this.columns = columns;
    // Views are written when the sheet opens, so the frozen pane is fixed here.
    this.ws = wb.addWorksheet(name, {
      state: options.state ?? 'visible',
      views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }],
    });
    this.styles = columns.map((c) => columnStyle(c.kind, c.editable ?? false));
    this.ws.columns = columns.map((c, i) => ({
      width: c.width,
      hidden: c.hidden ?? false,
      style: this.styles[i] ?? {},
    }));
    // Each column's style object is registered once; its cells and the <col> share the index.
    const { styles } = wb as unknown as StreamInternals;
    this.xmlColumns = columns.map((c, i) => ({
      letter: columnLetter(i + 1),
      styleId: styles.addStyleModel(
        this.styles[i] ?? {},
        c.kind === 'bool' ? ExcelJS.ValueType.Boolean : ExcelJS.ValueType.Number,
      ),
    }));
  }

  /** A row outside the table (a title or fact line above the header); styles per cell. */
  addLine(values: ExcelJS.CellValue[], styles: Partial<ExcelJS.Style>[] = []): void {
    this.assertNoDataRows();
    const row = this.ws.addRow(values);
    styles.forEach((style, i) => {
      row.getCell(i + 1).style = style;
    });
    row.commit();
    this.lastRow = row.number;
  }

  addHeader(): void {
    this.assertNoDataRows();
    const row = this.ws.addRow(this.columns.map((c) => c.header));
    row.eachCell((cell) => {
      cell.style = HEADER_STYLE;
    });
    row.height = 30;
    row.commit();
    this.headerRow = row.number;
    this.lastRow = row.number;
  }

  /**
   * A data row below the header; every cell gets its column's style. True when rendered rows were
   * just handed to the stream: the caller should then `await breathe()` so the zip compresses and
   * writes them while the next rows are rendered, instead of holding the whole sheet in memory.
   */
  addRow(values: CellData[]): boolean {
    if (!this.hasDataRows) {
      // The header row opened <sheetData>; rows written before it would land outside.
      if (this.headerRow === 0 || !(this.ws as unknown as SheetInternals).startedData) {
        throw new Error(`${this.ws.name}: data rows need the header first`);
      }
      this.hasDataRows = true;
    }
    this.lastRow++;
    this.pending += rowXml(this.lastRow, values.map(cellValue), this.xmlColumns);
    if (this.pending.length >= FLUSH_CHARS) {
      this.flush();
      return true;
    }
    return false;
  }

  private flush(): void {
    if (this.pending.length > 0) {
      (this.ws as unknown as SheetInternals).stream.write(this.pending);
      this.pending = '';
    }
  }

  private assertNoDataRows(): void {
    if (this.hasDataRows) {
      throw new Error(`${this.ws.name}: no exceljs rows after data rows`);
    }
  }

  /** The data range of column `col` (1-based), at least one row so the reference stays valid. */
  dataRange(col: number): string {
    const letter = columnLetter(col);
    return `${letter}${this.headerRow + 1}:${letter}${Math.max(this.lastRow, this.headerRow + 1)}`;
  }

  colourSeverities(col: number): void {
    const letter = columnLetter(col);
    const first = this.headerRow + 1;
    this.ws.addConditionalFormatting({
      ref: this.dataRange(col),
      rules: (Object.keys(SEVERITY_STYLE) as Severity[]).map((sev, i) => ({
        type: 'expression',
        priority: i + 1,
        formulae: [`$${letter}${first}="${sev}"`],
        style: {
          fill: {
            type: 'pattern',
            pattern: 'solid',
            bgColor: { argb: SEVERITY_STYLE[sev].fill },
          },
          font: { color: { argb: SEVERITY_STYLE[sev].font } },
        },
      })),
    });
  }

  finish(): void {
    this.flush();
    this.ws.autoFilter = {
      from: { row: this.headerRow, column: 1 },
      to: { row: Math.max(this.lastRow, this.headerRow), column: this.columns.length },
    };
    this.ws.commit();
  }
}

/**
 * exceljs's typings only offer a validation per cell; its sheets also take one for a whole range
 * (`dataValidations.add('F2:F50001', …)`), which keeps one entry instead of 50,000 in memory.
 */
function withRangeValidations(ws: ExcelJS.Worksheet): {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
} {
  return ws as unknown as {
    dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
  };
}

// ---- sheets -------------------------------------------------------------------------------------

const SUMMARY_COLUMNS: readonly ColumnSpec[] = [
  { header: 'Vendor', kind: 'text', width: 24 },
  { header: 'Snapshot imported (UTC)', kind: 'datetime', width: 18 },
  { header: 'Source file', kind: 'text', width: 30 },
  { header: 'Page last updated', kind: 'date', width: 14 },
  { header: 'Notice period (days)', kind: 'number', width: 12 },
  { header: 'Notice counted in', kind: 'text', width: 14 },
  { header: 'Review status', kind: 'text', width: 16 },
  { header: 'Entries', kind: 'number', width: 9 },
  { header: 'Open decisions', kind: 'number', width: 10 },
  { header: 'High flags', kind: 'number', width: 9 },
  { header: 'Medium flags', kind: 'number', width: 9 },
  { header: 'Low flags', kind: 'number', width: 9 },
  { header: 'Info flags', kind: 'number', width: 9 },
  { header: 'List quality (0–100)', kind: 'number', width: 12 },
];

const LABEL_STYLE: Partial<ExcelJS.Style> = { font: { bold: true } };
const TITLE_STYLE: Partial<ExcelJS.Style> = { font: { bold: true, size: 14 } };
const FACT_TEXT: Partial<ExcelJS.Style> = { numFmt: '@', alignment: { horizontal: 'left' } };
const FACT_DATE: Partial<ExcelJS.Style> = {
  numFmt: 'yyyy-mm-dd hh:mm',
  alignment: { horizontal: 'left' },
};
const FACT_NUMBER: Partial<ExcelJS.Style> = { numFmt: '0', alignment: { horizontal: 'left' } };

/** Rows of the export's header block on the Summary sheet, before the table. */
const SUMMARY_HEADER_ROW = 7;

function writeSummary(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  data: VendorExport[],
  meta: { exportId: string; exportedAt: Date; policyVersion: number; policyName: string },
): void {
  const sheet = new TableSheet(wb, SHEETS.summary, SUMMARY_COLUMNS, {
    headerRow: SUMMARY_HEADER_ROW,
  });
  sheet.addLine(['DPA Workbench: sub-processor review'], [TITLE_STYLE]);
  sheet.addLine(['Export id', meta.exportId], [LABEL_STYLE, FACT_TEXT]);
  sheet.addLine(['Exported at (UTC)', meta.exportedAt], [LABEL_STYLE, FACT_DATE]);
  sheet.addLine(
    ['Policy version', meta.policyVersion, neutralise(meta.policyName)],
    [LABEL_STYLE, FACT_NUMBER, FACT_TEXT],
  );
  sheet.addLine(['Vendors', data.length], [LABEL_STYLE, FACT_NUMBER]);
  sheet.addLine([]);
  sheet.addHeader();
  for (const v of data) {
    const s = v.review.snapshot;
    const reviewable = v.review.entries.filter((e) => e.entry.status !== 'customer-managed');
    sheet.addRow([
      v.vendor.name,
      s ? momentDate(s.importedAt) : null,
      s ? s.fileName : 'no snapshot imported',
      s ? dayDate(s.lastUpdated) : null,
      s?.noticeDays ?? null,
      s?.noticeDays === null || !s
        ? null
        : s.noticeBusinessDays
          ? 'business days'
          : 'calendar days',
      v.review.status,
      v.review.entries.length,
      reviewable.filter((e) => e.decisionState !== 'decided').length,
      v.review.summary.high,
      v.review.summary.medium,
      v.review.summary.low,
      v.review.summary.info,
      v.review.quality?.score ?? null,
    ]);
  }
  sheet.finish();
}

const CHANGE_COLUMNS: readonly ColumnSpec[] = [
  { header: 'Vendor', kind: 'text', width: 22 },
  { header: 'Change', kind: 'text', width: 11 },
  { header: 'Sub-processor', kind: 'text', width: 28 },
  { header: 'Field', kind: 'text', width: 16 },
  { header: 'Before', kind: 'long', width: 36 },
  { header: 'After', kind: 'long', width: 36 },
  { header: 'Matched by', kind: 'text', width: 12 },
  { header: 'Previous list', kind: 'text', width: 26 },
  { header: 'Current list', kind: 'text', width: 26 },
  { header: 'Objection deadline', kind: 'date', width: 14 },
  { header: 'Days left', kind: 'number', width: 9 },
  { header: 'Deadline state', kind: 'text', width: 10 },
  { header: 'Deadline basis', kind: 'long', width: 48 },
];

function listText(value: string | string[] | null): string | null {
  return Array.isArray(value) ? value.join(', ') : value;
}

function entryFacts(e: {
  purpose: string | null;
  countries: string[];
  legalEntity: string | null;
}): string {
  return [e.legalEntity, e.purpose, e.countries.join(', ')].filter((x) => x).join(' | ');
}

function writeChanges(wb: ExcelJS.stream.xlsx.WorkbookWriter, data: VendorExport[]): void {
  const sheet = new TableSheet(wb, SHEETS.changes, CHANGE_COLUMNS);
  sheet.addHeader();
  for (const v of data) {
    const c = v.comparison;
    if (!c) {
      sheet.addRow([v.vendor.name, 'none', null, null, null, null, null, null, null]);
      continue;
    }
    const tail: CellData[] = [
      c.from.fileName,
      c.to.fileName,
      dayDate(c.deadline.deadline),
      c.deadline.daysLeft,
      c.deadline.state,
      c.deadline.basis,
    ];
    const { added, removed, changed, ambiguous } = c.diff;
    for (const e of added) {
      sheet.addRow([v.vendor.name, 'added', e.name, null, null, entryFacts(e), null, ...tail]);
    }
    for (const e of removed) {
      sheet.addRow([v.vendor.name, 'removed', e.name, null, entryFacts(e), null, null, ...tail]);
    }
    for (const ch of changed) {
      for (const f of ch.fields) {
        sheet.addRow([
          v.vendor.name,
          'changed',
          ch.after.name,
          f.field,
          listText(f.before),
          listText(f.after),
          ch.match,
          ...tail,
        ]);
      }
    }
    for (const a of ambiguous) {
      const candidates = a.candidates.map((x) => x.entry.name).join(', ');
      sheet.addRow([
        v.vendor.name,
        'ambiguous',
        a.entry.name,
        null,
        a.side === 'after' ? candidates : a.entry.name,
        a.side === 'after' ? a.entry.name : candidates,
        'unsure',
        ...tail,
      ]);
    }
    if (added.length + removed.length + changed.length + ambiguous.length === 0) {
      sheet.addRow([v.vendor.name, 'none', null, null, null, null, null, ...tail]);
    }
  }
  sheet.finish();
}

async function writeMatrix(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  deps: ReviewDeps,
  data: VendorExport[],
): Promise<void> {
  const matrix = buildMatrix(
    data.map((v) => ({
      id: v.vendor.id,
      name: v.vendor.name,
      entries: v.review.entries.map((e) => e.entry),
    })),
    deps.resources.subprocessors,
  );
  // A grid of sub-processors × vendors grows with the square of the portfolio and is mostly
  // empty; past a few dozen vendors (too wide to read anyway) the sheet lists one row per use.
  if (matrix.vendors.length > MATRIX_GRID_MAX_VENDORS) {
    const sheet = new TableSheet(wb, SHEETS.matrix, [
      { header: 'Sub-processor', kind: 'text', width: 30 },
      { header: 'Category', kind: 'text', width: 18 },
      { header: 'Vendors using it', kind: 'number', width: 10 },
      { header: 'Vendor', kind: 'text', width: 30 },
    ]);
    sheet.addHeader();
    const names = new Map(matrix.vendors.map((v) => [v.id, v.name]));
    for (const row of matrix.rows) {
      for (const id of row.vendorIds) {
        const name = names.get(id) ?? String(id);
        if (sheet.addRow([row.name, row.category, row.vendorIds.length, name])) {
          await breathe();
        }
      }
    }
    sheet.finish();
    return;
  }
  const columns: ColumnSpec[] = [
    { header: 'Sub-processor', kind: 'text', width: 30 },
    { header: 'Category', kind: 'text', width: 18 },
    { header: 'Vendors using it', kind: 'number', width: 10 },
    ...matrix.vendors.map((v): ColumnSpec => ({
      header: neutralise(v.name),
      kind: 'text',
      width: 12,
    })),
  ];
  const sheet = new TableSheet(wb, SHEETS.matrix, columns);
  sheet.addHeader();
  for (const row of matrix.rows) {
    const uses = new Set(row.vendorIds);
    const flushed = sheet.addRow([
      row.name,
      row.category,
      row.vendorIds.length,
      ...matrix.vendors.map((v) => (uses.has(v.id) ? '✓' : null)),
    ]);
    if (flushed) {
      await breathe();
    }
  }
  sheet.finish();
}

/** Above this many vendors the Matrix sheet is a list (one row per use), not a grid. */
export const MATRIX_GRID_MAX_VENDORS = 40;

const POLICY_COLUMNS: readonly ColumnSpec[] = [
  { header: 'Rule', kind: 'text', width: 24 },
  { header: 'Title', kind: 'long', width: 40 },
  { header: 'Enabled', kind: 'bool', width: 9 },
  { header: 'Severity', kind: 'text', width: 10 },
  { header: 'Parameters', kind: 'long', width: 48 },
  { header: 'Description', kind: 'long', width: 60 },
];

function ruleText(id: string): { title: string; description: string } {
  try {
    return describeRule(id);
  } catch {
    // A rule this build does not describe (a newer policy file): the id still says what it is.
    return { title: id, description: '' };
  }
}

function writePolicy(wb: ExcelJS.stream.xlsx.WorkbookWriter, deps: ReviewDeps): void {
  const policy = ensurePolicy(deps);
  const sheet = new TableSheet(wb, SHEETS.policy, POLICY_COLUMNS);
  sheet.addHeader();
  for (const r of policy.rules) {
    const { title, description } = ruleText(r.id);
    sheet.addRow([r.id, title, r.enabled, r.severity, JSON.stringify(r.params), description]);
  }
  sheet.colourSeverities(4);
  sheet.finish();
}

function writeAbout(wb: ExcelJS.stream.xlsx.WorkbookWriter, facts: [string, CellData][]): void {
  const sheet = new TableSheet(
    wb,
    ABOUT_SHEET,
    [
      { header: 'Key', kind: 'text', width: 20 },
      { header: 'Value', kind: 'text', width: 44 },
    ],
    // Hidden, not "very hidden": a curious reviewer may look, and nothing here is secret.
    { state: 'hidden' },
  );
  sheet.addHeader();
  for (const [k, v] of facts) {
    sheet.addRow([k, v]);
  }
  sheet.finish();
}

/** Writes the review workbook with exceljs's streaming writer. */
export async function writeReviewWorkbook(
  deps: ReviewDeps,
  opts: ExportOptions,
): Promise<ExportResult> {
  const vendors = selectVendors(deps, opts.vendorIds);
  const policy = ensurePolicy(deps);
  const exportId = randomUUID();
  const exportedAt = deps.now();
  // Source texts are read one vendor at a time for the Sub-processors sheet, not all held at once.
  const data = vendors.map((v) =>
    gatherVendor(deps, v, { withSource: false, withComparison: true }),
  );
  const entryRows = data.reduce((n, v) => n + v.review.entries.length, 0);
  const total = entryRows + data.reduce((n, v) => n + flagRowCount(v), 0);
  let done = 0;
  const tick = (): void => {
    done++;
    if (done % PROGRESS_EVERY === 0) {
      opts.onProgress?.(done, total);
    }
  };
  opts.onProgress?.(0, total);

  // Written beside the target and renamed at the end, so a failed export leaves no half a file.
  const partial = `${opts.outPath}.partial`;
  const out = createWriteStream(partial);
  let writeError: unknown = null;
  // Without a listener a late write error (a full disk) would take the whole process down.
  out.on('error', (e) => {
    writeError ??= e;
  });
  try {
    await once(out, 'open');
  } catch (cause) {
    throw new AppError('bad-request', `cannot write there: ${String(cause)}`, {
      file: opts.outPath,
      cause,
    });
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'DPA Workbench';
  wb.title = 'Sub-processor review';
  wb.subject = `DPA Workbench export ${exportId}`;
  wb.created = exportedAt;
  wb.modified = exportedAt;
  try {
    writeSummary(wb, data, {
      exportId,
      exportedAt,
      policyVersion: policy.version,
      policyName: policy.name,
    });

    const entries = new TableSheet(wb, SHEETS.entries, ENTRY_COLUMNS);
    entries.addHeader();
    for (const v of data) {
      const withSource = { ...v, sourceText: sourceTextOf(deps, v) };
      for (const item of v.review.entries) {
        const flushed = entries.addRow(entryRow(deps, withSource, item));
        tick();
        if (flushed) {
          await breathe();
        }
      }
    }
    entries.finish();

    const flags = new TableSheet(wb, SHEETS.flags, FLAG_COLUMNS);
    flags.addHeader();
    for (const v of data) {
      for (const row of flagRows(v)) {
        const flushed = flags.addRow(row);
        tick();
        if (flushed) {
          await breathe();
        }
      }
    }
    const decisionCol = FLAG_COLUMNS.findIndex((c) => c.header === 'Decision') + 1;
    const labels = DECISION_VALUES.map((d) => DECISION_LABELS[d]);
    withRangeValidations(flags.ws).dataValidations.add(flags.dataRange(decisionCol), {
      type: 'list',
      allowBlank: true,
      // An inline list: quoted, comma-separated, at most 255 characters (ours are ~60).
      formulae: [`"${labels.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Decision',
      error: `Choose one of: ${labels.join(', ')}.`,
    });
    flags.colourSeverities(FLAG_COLUMNS.findIndex((c) => c.header === 'Severity') + 1);
    // Protected without a password: it keeps the keys from being typed over by accident, not
    // from a determined user (the import checks every key against the database anyway).
    await flags.ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      autoFilter: true,
      sort: true,
    });
    flags.finish();

    writeChanges(wb, data);
    if (data.length > 1) {
      await writeMatrix(wb, deps, data);
    }
    writePolicy(wb, deps);
    writeAbout(wb, [
      [ABOUT_KEYS.format, ABOUT_FORMAT],
      ['Format version', 1],
      [ABOUT_KEYS.exportId, exportId],
      ['Exported at', exportedAt.toISOString()],
      ['Vendor ids', vendors.map((v) => v.id).join(', ')],
      ['Policy version', policy.version],
    ]);
    await wb.commit();
    if (writeError !== null) {
      throw writeError;
    }
    await rename(partial, opts.outPath);
  } catch (cause) {
    // Closed first: Windows cannot delete a file that is still open.
    out.destroy();
    await rm(partial, { force: true });
    if (cause instanceof AppError) {
      throw cause;
    }
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new AppError('bad-request', `cannot write the workbook: ${reason}`, {
      file: opts.outPath,
      cause,
    });
  }
  deps.store.insertExport({
    id: exportId,
    createdAt: exportedAt.toISOString(),
    vendorIds: vendors.map((v) => v.id),
    policyVersion: policy.version,
    rowCount: entryRows,
    fileName: basename(opts.outPath),
  });
  opts.onProgress?.(total, total);
  return { exportId, path: opts.outPath, rows: entryRows, vendors: vendors.length };
}
