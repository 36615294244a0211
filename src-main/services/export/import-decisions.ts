import type { DecisionChange, DecisionImportPreview } from '../../../src-shared/sources';
/**
 * Decisions edited in an exported workbook, read back. The workbook is untrusted input: it must
 * carry an export id this database wrote, and every row's entry id must exist, belong to one of
 * the exported vendors and still name the sub-processor the row shows. Nothing is written until
 * the reviewer has seen the preview and applies it.
 */
import ExcelJS from 'exceljs';
import { DECISION_VALUES, type Decision, type DecisionValue } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { entityKey } from '../identity';
import { recordDecision, type ReviewDeps } from '../review';
import type { ExportRecord } from '../store';
import { DECISION_LABELS, parseDecision, restore } from './cell-text';
import { displayName, FLAG_HEADERS } from './export-data';
import { ABOUT_FORMAT, ABOUT_KEYS, ABOUT_SHEET, SHEETS } from './write-workbook';

const ALLOWED = DECISION_VALUES.map((d) => DECISION_LABELS[d]).join(', ');

/** The text of a cell as a reviewer sees it; formulas are refused, they are never our data. */
function cellText(cell: ExcelJS.Cell, where: string, file: string): string {
  const v = cell.value;
  if (v === null || v === undefined) {
    return '';
  }
  if (typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    return String(v);
  }
  if (v instanceof Date) {
    return v.toISOString().slice(0, 10);
  }
  if ('richText' in v) {
    return v.richText.map((r) => r.text).join('');
  }
  if ('hyperlink' in v) {
    return typeof v.text === 'string' ? v.text : '';
  }
  if ('formula' in v || 'sharedFormula' in v) {
    throw new AppError('bad-request', `${where} holds a formula; type the text instead`, { file });
  }
  throw new AppError('bad-request', `${where} holds an error value`, { file });
}

function headerColumns(ws: ExcelJS.Worksheet): Map<string, number> {
  const cols = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    if (typeof cell.value === 'string') {
      cols.set(cell.value.trim(), col);
    }
  });
  return cols;
}

/** The export id the hidden About sheet carries, checked against the Summary's copy. */
function exportIdOf(wb: ExcelJS.Workbook, file: string): string {
  const about = wb.getWorksheet(ABOUT_SHEET);
  const facts = new Map<string, string>();
  about?.eachRow((row) => {
    const k = row.getCell(1).value;
    const v = row.getCell(2).value;
    if (typeof k === 'string' && typeof v === 'string') {
      facts.set(k, v);
    }
  });
  const id = facts.get(ABOUT_KEYS.exportId);
  if (facts.get(ABOUT_KEYS.format) !== ABOUT_FORMAT || !id) {
    throw new AppError(
      'bad-request',
      'was not exported by DPA Workbench (it has no export id); export a workbook from the app, edit it, and import that',
      { file },
    );
  }
  const summary = wb.getWorksheet(SHEETS.summary);
  summary?.eachRow((row) => {
    const v = row.getCell(2).value;
    if (row.getCell(1).value === ABOUT_KEYS.exportId && typeof v === 'string' && v !== id) {
      throw new AppError('bad-request', 'has two different export ids; it was altered', { file });
    }
  });
  return id;
}

interface RowDecision {
  row: number;
  decision: DecisionValue;
  comment: string;
}

/** Reads a workbook back and validates it against the database; changes nothing. */
export async function previewDecisionImport(
  deps: ReviewDeps,
  input: { fileName: string; bytes: Uint8Array },
): Promise<DecisionImportPreview> {
  const file = input.fileName;
  const { store } = deps;
  const wb = new ExcelJS.Workbook();
  try {
    // A copy of exactly these bytes: the view may sit inside a larger (or shared) buffer.
    await wb.xlsx.load(input.bytes.slice().buffer);
  } catch (cause) {
    throw new AppError('file-unreadable', 'is not an Excel workbook (.xlsx) that can be read', {
      file,
      cause,
    });
  }
  const exportId = exportIdOf(wb, file);
  const record = store.getExport(exportId);
  if (!record) {
    throw new AppError(
      'bad-request',
      `was not exported from this database (export id ${exportId} is unknown here)`,
      { file },
    );
  }
  const ws = wb.getWorksheet(SHEETS.flags);
  if (!ws) {
    throw new AppError('bad-request', `has no "${SHEETS.flags}" sheet`, { file });
  }
  const cols = headerColumns(ws);
  const col = (header: string): number => {
    const n = cols.get(header);
    if (n === undefined) {
      throw new AppError('bad-request', `the ${SHEETS.flags} sheet has no "${header}" column`, {
        file,
      });
    }
    return n;
  };
  const c = {
    vendor: col(FLAG_HEADERS.vendor),
    name: col(FLAG_HEADERS.name),
    decision: col(FLAG_HEADERS.decision),
    comment: col(FLAG_HEADERS.comment),
    entryId: col(FLAG_HEADERS.entryId),
  };

  const current = currentDecisions(deps, record, file);
  const byEntry = new Map<number, { vendor: string; name: string; rows: RowDecision[] }>();
  const seen = new Set<number>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const where = `row ${r}`;
    const idText = cellText(row.getCell(c.entryId), `${where}, Entry id`, file).trim();
    const decisionText = cellText(row.getCell(c.decision), `${where}, Decision`, file).trim();
    const comment = restore(cellText(row.getCell(c.comment), `${where}, Comment`, file)).trim();
    if (idText === '') {
      if (decisionText !== '' || comment !== '') {
        throw new AppError('bad-request', `${where} has a decision but no entry id`, { file });
      }
      continue;
    }
    const entryId = Number(idText);
    if (!Number.isSafeInteger(entryId) || entryId <= 0) {
      throw new AppError('bad-request', `${where}: "${idText}" is not an entry id`, { file });
    }
    const known = current.entry(entryId, where);
    const shown = restore(cellText(row.getCell(c.name), `${where}, Sub-processor`, file));
    if (shown !== known.name) {
      throw new AppError(
        'bad-request',
        `${where}: entry ${entryId} is "${known.name}" in this database, not "${shown}"; was the Entry id changed?`,
        { file },
      );
    }
    seen.add(entryId);
    const group = byEntry.get(entryId) ?? { vendor: known.vendor, name: known.name, rows: [] };
    byEntry.set(entryId, group);
    const now = known.decision;
    if (decisionText === '') {
      if (comment !== '' && comment !== (now?.comment ?? '')) {
        throw new AppError('bad-request', `${where}: a comment needs a decision (${ALLOWED})`, {
          file,
        });
      }
      continue;
    }
    const decision = parseDecision(decisionText);
    if (!decision) {
      throw new AppError(
        'bad-request',
        `${where}: '${decisionText}' is not an allowed decision (use ${ALLOWED})`,
        { file },
      );
    }
    if (!now || now.decision !== decision || now.comment !== comment) {
      group.rows.push({ row: r, decision, comment });
    }
  }

  const changes: DecisionChange[] = [];
  for (const [entryId, group] of byEntry) {
    // An entry with several flags has several rows; a reviewer edits one of them. The rows that
    // still show the decision in force are not a vote, but two different edits are a conflict.
    const [first, ...rest] = group.rows;
    if (!first) {
      continue;
    }
    const other = rest.find((x) => x.decision !== first.decision || x.comment !== first.comment);
    if (other) {
      throw new AppError(
        'bad-request',
        `rows ${first.row} and ${other.row} give "${group.name}" different decisions; keep one`,
        { file },
      );
    }
    const now = current.entry(entryId, `row ${first.row}`).decision;
    changes.push({
      entryId,
      vendor: group.vendor,
      subprocessor: group.name,
      before: { decision: now?.decision ?? null, comment: now?.comment ?? '' },
      after: { decision: first.decision, comment: first.comment },
    });
  }
  return { exportId, fileName: file, changes, unchanged: seen.size - changes.length };
}

/** Entries of the export's vendors with the decision in force for each, looked up on demand. */
function currentDecisions(deps: ReviewDeps, record: ExportRecord, file: string) {
  const { store } = deps;
  const vendors = new Map<number, { name: string; decisions: Map<string, Decision> }>();
  const allowed = new Set(record.vendorIds);
  const entries = new Map<
    number,
    { vendorId: number; vendor: string; name: string; decision: Decision | null }
  >();
  return {
    entry(entryId: number, where: string) {
      const cached = entries.get(entryId);
      if (cached) {
        return cached;
      }
      const entry = store.getEntry(entryId);
      const snapshot = entry ? store.getSnapshot(entry.snapshotId) : undefined;
      if (!entry || !snapshot) {
        throw new AppError(
          'bad-request',
          `${where}: entry ${entryId} does not exist in this database`,
          { file },
        );
      }
      if (!allowed.has(snapshot.vendorId)) {
        throw new AppError(
          'bad-request',
          `${where}: entry ${entryId} belongs to a vendor that was not in this export`,
          { file },
        );
      }
      let vendor = vendors.get(snapshot.vendorId);
      if (!vendor) {
        vendor = {
          name: store.getVendor(snapshot.vendorId)?.name ?? '',
          decisions: store.latestDecisions(snapshot.vendorId),
        };
        vendors.set(snapshot.vendorId, vendor);
      }
      const found = {
        vendorId: snapshot.vendorId,
        vendor: vendor.name,
        name: displayName(entry),
        decision: vendor.decisions.get(entityKey(deps.resources.subprocessors, entry)) ?? null,
      };
      entries.set(entryId, found);
      return found;
    },
  };
}

/** Applies a validated preview in one transaction, as `reviewer`. */
export function applyDecisionImport(
  deps: ReviewDeps,
  preview: DecisionImportPreview,
  reviewer: string,
): number {
  const file = preview.fileName;
  if (reviewer.trim() === '') {
    throw new AppError('bad-request', 'a reviewer name is needed to record decisions', { file });
  }
  const record = deps.store.getExport(preview.exportId);
  if (!record) {
    throw new AppError('bad-request', 'was not exported from this database', { file });
  }
  // The preview came back from the caller: check it again, and that nobody decided meanwhile.
  const current = currentDecisions(deps, record, file);
  return deps.store.transaction(() => {
    for (const ch of preview.changes) {
      const now = current.entry(ch.entryId, `entry ${ch.entryId}`).decision;
      if (
        (now?.decision ?? null) !== ch.before.decision ||
        (now?.comment ?? '') !== ch.before.comment
      ) {
        throw new AppError(
          'bad-request',
          `the decision on "${ch.subprocessor}" changed since the preview; preview the file again`,
          { file },
        );
      }
      if (!DECISION_VALUES.includes(ch.after.decision)) {
        throw new AppError('bad-request', `'${ch.after.decision}' is not an allowed decision`, {
          file,
        });
      }
      recordDecision(deps, {
        entryId: ch.entryId,
        decision: ch.after.decision,
        comment: ch.after.comment,
        reviewer,
      });
    }
    return preview.changes.length;
  });
}

export type { DecisionChange, DecisionImportPreview };
