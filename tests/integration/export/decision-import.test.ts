/**
 * The decision round trip: export, edit decisions and comments in the Flags sheet as a reviewer
 * would (here with exceljs), preview exactly those changes, apply them, and see them in the review.
 * Foreign, tampered or invalid workbooks are refused by name and leave the database as it was.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyDecisionImport,
  previewDecisionImport,
  writeReviewWorkbook,
} from '../../../src-main/services/export';
import { vendorReview } from '../../../src-main/services/review';
import {
  column,
  corpusText,
  importPage,
  openTestApp,
  readWorkbook,
  sheet,
  type TestApp,
} from './export-context';

let app: TestApp;
let vendorId: number;
let outPath: string;

beforeEach(async () => {
  app = openTestApp();
  vendorId = (await importPage(app, 'Zed', 'zed.md', corpusText('zed.md'))).vendor.id;
  const aws = entryId('Amazon Web Services');
  await app.api['decisions.record']({
    entryId: aws,
    decision: 'approved',
    comment: 'DPA signed',
    reviewer: 'Ana',
  });
  outPath = join(app.dir, 'review.xlsx');
  await writeReviewWorkbook(app.deps, { outPath });
});
afterEach(async () => {
  await app.close();
});

function entryId(name: string): number {
  const item = vendorReview(app.deps, vendorId).entries.find((e) => e.entry.name === name);
  if (!item) {
    throw new Error(`no entry ${name}`);
  }
  return item.entry.id;
}

/** Everything a decision import could change, to compare before and after. */
function decisionsState(): unknown {
  return vendorReview(app.deps, vendorId).entries.map((e) => [
    e.entry.id,
    e.decision?.decision ?? null,
    e.decision?.comment ?? null,
    e.decision?.reviewer ?? null,
    e.decisionState,
  ]);
}

/** Opens the exported workbook, lets `edit` change the Flags sheet, returns the saved bytes. */
async function edited(
  edit: (ws: ExcelJS.Worksheet, rowOf: (name: string, nth?: number) => ExcelJS.Row) => void,
  path = outPath,
): Promise<Uint8Array> {
  const wb = await readWorkbook(path);
  const ws = sheet(wb, 'Flags');
  const nameCol = column(ws, 'Sub-processor');
  const rowOf = (name: string, nth = 0): ExcelJS.Row => {
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(nameCol).value === name) {
        rows.push(row);
      }
    });
    const row = rows[nth];
    if (!row) {
      throw new Error(`no row ${nth} for ${name} on Flags`);
    }
    return row;
  };
  edit(ws, rowOf);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function setDecision(ws: ExcelJS.Worksheet, row: ExcelJS.Row, decision: string, comment: string) {
  row.getCell(column(ws, 'Decision')).value = decision;
  row.getCell(column(ws, 'Comment')).value = comment;
}

describe('decision import', () => {
  it('previews exactly the edited rows, applies them in one go, and the review shows them', async () => {
    const bytes = await edited((ws, rowOf) => {
      setDecision(ws, rowOf('OpenAI'), 'Rejected', 'trains on prompts');
      // A second flag row of the same entry still shows the old (blank) decision: not a conflict.
      setDecision(ws, rowOf('Vercel', 0), 'approved with CONDITIONS', '=EU region only');
      // Re-entering the decision in force is no change.
      setDecision(ws, rowOf('Amazon Web Services'), 'Approved', 'DPA signed');
    });
    const before = decisionsState();
    const preview = await previewDecisionImport(app.deps, { fileName: 'edited.xlsx', bytes });
    expect(decisionsState()).toEqual(before);
    expect(preview.fileName).toBe('edited.xlsx');
    expect(preview.changes).toEqual([
      {
        entryId: entryId('Vercel'),
        vendor: 'Zed',
        subprocessor: 'Vercel',
        before: { decision: null, comment: '' },
        after: { decision: 'approved-with-conditions', comment: '=EU region only' },
      },
      {
        entryId: entryId('OpenAI'),
        vendor: 'Zed',
        subprocessor: 'OpenAI',
        before: { decision: null, comment: '' },
        after: { decision: 'rejected', comment: 'trains on prompts' },
      },
    ]);
    // Every entry of Zed's 15 has rows; two changed.
    expect(preview.unchanged).toBe(13);

    expect(applyDecisionImport(app.deps, preview, 'Bea')).toBe(2);
    const review = vendorReview(app.deps, vendorId);
    const byName = new Map(review.entries.map((e) => [e.entry.name, e]));
    expect(byName.get('OpenAI')?.decision).toMatchObject({
      decision: 'rejected',
      comment: 'trains on prompts',
      reviewer: 'Bea',
    });
    expect(byName.get('Vercel')?.decision).toMatchObject({
      decision: 'approved-with-conditions',
      comment: '=EU region only',
    });
    expect(byName.get('Amazon Web Services')?.decision).toMatchObject({ reviewer: 'Ana' });
  });

  it('reads back a comment that starts like a formula exactly as exported', async () => {
    const first = await edited((ws, rowOf) => {
      setDecision(ws, rowOf('OpenAI'), 'Needs follow-up', '+ ask about retention');
    });
    applyDecisionImport(
      app.deps,
      await previewDecisionImport(app.deps, { fileName: 'a.xlsx', bytes: first }),
      'Bea',
    );
    // Exported again, the comment carries the apostrophe; untouched, it is not a change.
    const again = join(app.dir, 'again.xlsx');
    await writeReviewWorkbook(app.deps, { outPath: again });
    const ws = sheet(await readWorkbook(again), 'Flags');
    const texts: unknown[] = [];
    ws.eachRow((row) => texts.push(row.getCell(column(ws, 'Comment')).value));
    expect(texts).toContain("'+ ask about retention");
    const preview = await previewDecisionImport(app.deps, {
      fileName: 'again.xlsx',
      bytes: readFileSync(again),
    });
    expect(preview.changes).toEqual([]);
  });

  describe('refuses, changing nothing,', () => {
    async function refused(bytes: Uint8Array, reason: RegExp, code = 'bad-request') {
      const before = decisionsState();
      await expect(
        previewDecisionImport(app.deps, { fileName: 'in.xlsx', bytes }),
      ).rejects.toMatchObject({ code, file: 'in.xlsx', reason: expect.stringMatching(reason) });
      expect(decisionsState()).toEqual(before);
    }

    it('a workbook exported from another database', async () => {
      const other = openTestApp();
      try {
        await importPage(other, 'Zed', 'zed.md', corpusText('zed.md'));
        const path = join(other.dir, 'other.xlsx');
        await writeReviewWorkbook(other.deps, { outPath: path });
        const bytes = await edited((ws, rowOf) => {
          setDecision(ws, rowOf('OpenAI'), 'Rejected', '');
        }, path);
        await refused(bytes, /was not exported from this database/);
      } finally {
        await other.close();
      }
    });

    it('a workbook DPA Workbench did not write, and bytes that are no workbook', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Flags').addRow(['Decision', 'Entry id']);
      await refused(new Uint8Array(await wb.xlsx.writeBuffer()), /not exported by DPA Workbench/);
      await refused(
        new TextEncoder().encode('name,decision\n'),
        /not an Excel workbook/,
        'file-unreadable',
      );
    });

    it('a row whose entry id does not exist or names another sub-processor', async () => {
      let row = 0;
      const unknown = await edited((ws, rowOf) => {
        const r = rowOf('OpenAI');
        row = r.number;
        r.getCell(column(ws, 'Entry id')).value = 99999;
        setDecision(ws, r, 'Rejected', '');
      });
      await refused(unknown, new RegExp(`^row ${row}: entry 99999 does not exist`));
      const swapped = await edited((ws, rowOf) => {
        const r = rowOf('OpenAI');
        r.getCell(column(ws, 'Entry id')).value = entryId('Vercel');
        setDecision(ws, r, 'Rejected', '');
      });
      await refused(swapped, /is "Vercel" in this database, not "OpenAI"/);
    });

    it('a decision that is not one of the allowed values', async () => {
      let row = 0;
      const bytes = await edited((ws, rowOf) => {
        const r = rowOf('OpenAI');
        row = r.number;
        setDecision(ws, r, 'Maybe', 'hmm');
      });
      await refused(bytes, new RegExp(`^row ${row}: 'Maybe' is not an allowed decision`));
    });

    it('two rows of one entry with different decisions, and a formula cell', async () => {
      const conflict = await edited((ws, rowOf) => {
        setDecision(ws, rowOf('Vercel', 0), 'Approved', '');
        setDecision(ws, rowOf('Vercel', 1), 'Rejected', '');
      });
      await refused(conflict, /give "Vercel" different decisions/);
      const formula = await edited((ws, rowOf) => {
        const r = rowOf('OpenAI');
        r.getCell(column(ws, 'Decision')).value = { formula: '"Rejected"', result: 'Rejected' };
      });
      await refused(formula, /holds a formula/);
    });
  });

  it('applies nothing when a decision changed after the preview', async () => {
    const bytes = await edited((ws, rowOf) => {
      setDecision(ws, rowOf('OpenAI'), 'Rejected', '');
      setDecision(ws, rowOf('Vercel'), 'Approved', '');
    });
    const preview = await previewDecisionImport(app.deps, { fileName: 'in.xlsx', bytes });
    await app.api['decisions.record']({
      entryId: entryId('Vercel'),
      decision: 'needs-follow-up',
      comment: 'meanwhile',
      reviewer: 'Cy',
    });
    const before = decisionsState();
    expect(() => applyDecisionImport(app.deps, preview, 'Bea')).toThrow(
      /changed since the preview/,
    );
    expect(decisionsState()).toEqual(before);
    expect(() => applyDecisionImport(app.deps, preview, '  ')).toThrow(/reviewer name/);
  });
});
