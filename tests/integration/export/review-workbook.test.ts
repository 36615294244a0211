/**
 * The review workbook on a real database with real corpus pages: every sheet, its header, frozen
 * row, filter, the decision dropdown, severity colours, real dates and numbers, and text from
 * hostile pages that must stay text (never a formula) in the workbook and in the CSVs.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entriesCsv, flagsCsv, writeReviewWorkbook } from '../../../src-main/services/export';
import { vendorReview } from '../../../src-main/services/review';
import {
  column,
  corpusText,
  headers,
  importPage,
  openTestApp,
  readWorkbook,
  records,
  sheet,
  type TestApp,
} from './export-context';
import { parsedEntry } from '../../factories';

// The next version of Zed's page: Snowflake removed, Vercel moved to Germany, Mistral added.
const ZED_V1 = corpusText('zed.md');
const ZED_V2 = ZED_V1.replace(/^\| Snowflake .*\n/m, '')
  .replace(/^(\| Vercel +\| Cloud Infrastructure +\| )United States/m, '$1Germany      ')
  .replace(
    /^(\| OpenAI .*\n)/m,
    '$1| Mistral AI          | AI Services              | France        |\n',
  )
  .replace('May 6th, 2025', 'June 2nd, 2025');

const FORMULA_START = /^[=+\-@\t\r]/;

let app: TestApp;
let clock: Date;

beforeEach(() => {
  clock = new Date('2025-06-05T10:00:00Z');
  app = openTestApp(clock);
});
afterEach(async () => {
  await app.close();
});

async function twoVendors(): Promise<{ zed: number; zulip: number }> {
  const zed = (await importPage(app, 'Zed', 'zed-v1.md', ZED_V1)).vendor.id;
  clock = new Date('2025-06-10T09:00:00Z');
  app.setNow(clock);
  await importPage(app, 'Zed', 'zed-v2.md', ZED_V2);
  const zulip = (await importPage(app, 'Zulip', 'zulip.md', corpusText('zulip.md'))).vendor.id;
  const aws = vendorReview(app.deps, zed).entries.find(
    (e) => e.entry.name === 'Amazon Web Services',
  );
  await app.api['decisions.record']({
    entryId: aws?.entry.id ?? 0,
    decision: 'approved',
    comment: 'DPA signed',
    reviewer: 'Ana',
  });
  return { zed, zulip };
}

describe('review workbook', () => {
  it('has every sheet with a bold frozen header row and a filter over its rows', async () => {
    await twoVendors();
    const outPath = join(app.dir, 'review.xlsx');
    const progress: [number, number][] = [];
    const result = await writeReviewWorkbook(app.deps, {
      outPath,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const wb = await readWorkbook(outPath);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['Summary', 'visible'],
      ['Sub-processors', 'visible'],
      ['Flags', 'visible'],
      ['Changes', 'visible'],
      ['Matrix', 'visible'],
      ['Policy', 'visible'],
      ['About', 'hidden'],
    ]);
    const expected: Record<string, { row: number; first: string[] }> = {
      Summary: { row: 7, first: ['Vendor', 'Snapshot imported (UTC)', 'Source file'] },
      'Sub-processors': { row: 1, first: ['Vendor', 'Sub-processor', 'Known as', 'Legal entity'] },
      Flags: { row: 1, first: ['Rule', 'Severity', 'Vendor', 'Sub-processor', 'Evidence'] },
      Changes: { row: 1, first: ['Vendor', 'Change', 'Sub-processor', 'Field', 'Before', 'After'] },
      Matrix: { row: 1, first: ['Sub-processor', 'Category', 'Vendors using it', 'Zed', 'Zulip'] },
      Policy: { row: 1, first: ['Rule', 'Title', 'Enabled', 'Severity', 'Parameters'] },
    };
    for (const [name, { row, first }] of Object.entries(expected)) {
      const ws = sheet(wb, name);
      expect(headers(ws, row).slice(0, first.length), name).toEqual(first);
      expect(ws.getRow(row).getCell(1).font?.bold, `${name} header bold`).toBe(true);
      expect(ws.views[0], `${name} frozen`).toMatchObject({ state: 'frozen', ySplit: row });
      const width = headers(ws, row).length;
      const letter = String.fromCharCode(64 + width);
      expect(ws.autoFilter, `${name} filter`).toBe(`A${row}:${letter}${ws.rowCount}`);
    }
    expect(headers(sheet(wb, 'Sub-processors'))).toEqual([
      'Vendor',
      'Sub-processor',
      'Known as',
      'Legal entity',
      'Purpose',
      'Data categories',
      'Country codes',
      'Countries',
      'Transfer mechanisms',
      'Status',
      'Section',
      'Name on page',
      'Confidence',
      'Confidence notes',
      'Flags',
      'Review state',
      'Source',
      'Source line',
      'Snapshot id',
      'Entry id',
    ]);
    expect(result.vendors).toBe(2);
    expect(result.rows).toBe(sheet(wb, 'Sub-processors').rowCount - 1);
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
  });

  it('records the export and carries its id in the Summary and the hidden About sheet', async () => {
    const { zed, zulip } = await twoVendors();
    const outPath = join(app.dir, 'review.xlsx');
    const result = await writeReviewWorkbook(app.deps, { outPath });
    expect(app.deps.store.getExport(result.exportId)).toMatchObject({
      id: result.exportId,
      vendorIds: [zed, zulip],
      policyVersion: 1,
      rowCount: result.rows,
      fileName: 'review.xlsx',
      createdAt: clock.toISOString(),
    });
    const wb = await readWorkbook(outPath);
    const summary = sheet(wb, 'Summary');
    expect(summary.getCell('A2').value).toBe('Export id');
    expect(summary.getCell('B2').value).toBe(result.exportId);
    expect(summary.getCell('B4').value).toBe(1);
    const about = records(sheet(wb, 'About'));
    expect(about).toContainEqual({ Key: 'Export id', Value: result.exportId });
  });

  it('writes dates as dates and numbers as numbers', async () => {
    await twoVendors();
    const outPath = join(app.dir, 'review.xlsx');
    await writeReviewWorkbook(app.deps, { outPath });
    const wb = await readWorkbook(outPath);
    const summary = records(sheet(wb, 'Summary'), 7);
    const zed = summary.find((r) => r.Vendor === 'Zed');
    expect(zed?.['Page last updated']).toEqual(new Date('2025-06-02T00:00:00Z'));
    expect(zed?.['Snapshot imported (UTC)']).toEqual(new Date('2025-06-10T09:00:00Z'));
    expect(zed?.Entries).toBe(15);
    expect(typeof zed?.['List quality (0–100)']).toBe('number');
    expect(sheet(wb, 'Summary').getCell('D8').numFmt).toBe('yyyy-mm-dd');
    expect(sheet(wb, 'Summary').getCell('B3').value).toEqual(new Date('2025-06-10T09:00:00Z'));

    const entries = records(sheet(wb, 'Sub-processors'));
    const vercel = entries.find((r) => r['Sub-processor'] === 'Vercel');
    expect(vercel).toMatchObject({
      Vendor: 'Zed',
      'Country codes': 'DE',
      Countries: 'Germany',
      Status: 'active',
      'Name on page': 'printed',
      Confidence: 1,
    });
    expect(typeof vercel?.['Entry id']).toBe('number');
    expect(vercel?.Source).toMatch(/^snapshot \d+, chars \d+–\d+$/);
    expect(vercel?.['Source line']).toBe('| Vercel | Cloud Infrastructure | Germany |');

    const flags = records(sheet(wb, 'Flags'));
    const aws = flags.find((r) => r['Sub-processor'] === 'Amazon Web Services');
    expect(aws).toMatchObject({ Decision: 'Approved', Comment: 'DPA signed', Reviewer: 'Ana' });
    expect(aws?.['Decided on']).toBeInstanceOf(Date);
    expect(sheet(wb, 'Policy').getCell('C2').value).toBe(true);
  });

  it('offers exactly the allowed decisions in a dropdown on every Flags row', async () => {
    await twoVendors();
    const outPath = join(app.dir, 'review.xlsx');
    await writeReviewWorkbook(app.deps, { outPath });
    const ws = sheet(await readWorkbook(outPath), 'Flags');
    const col = column(ws, 'Decision');
    for (const row of [2, ws.rowCount]) {
      expect(ws.getRow(row).getCell(col).dataValidation).toMatchObject({
        type: 'list',
        allowBlank: true,
        formulae: ['"Approved,Approved with conditions,Needs follow-up,Rejected"'],
        showErrorMessage: true,
      });
    }
    // The key columns are hidden, and the sheet is protected with the reviewer's cells open.
    expect(ws.getColumn(column(ws, 'Entry id')).hidden).toBe(true);
    expect(ws.getColumn(column(ws, 'Flag id')).hidden).toBe(true);
    expect(ws.getRow(2).getCell(col).protection).toMatchObject({ locked: false });
    expect(ws.getRow(2).getCell(column(ws, 'Entry id')).protection?.locked).not.toBe(false);
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(
      true,
    );
    // A reviewable entry without flags still gets a row to decide on.
    const rows = records(ws);
    expect(rows.every((r) => r.Rule !== null)).toBe(true);
  });

  it('colours severities with conditional formatting', async () => {
    await twoVendors();
    const outPath = join(app.dir, 'review.xlsx');
    await writeReviewWorkbook(app.deps, { outPath });
    const ws = sheet(await readWorkbook(outPath), 'Flags');
    const cf = (
      ws as unknown as {
        conditionalFormattings: {
          ref: string;
          rules: { formulae: string[]; style: { fill: { bgColor: { argb: string } } } }[];
        }[];
      }
    ).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0]?.ref).toBe(`B2:B${ws.rowCount}`);
    expect(cf[0]?.rules.map((r) => [r.formulae[0], r.style.fill.bgColor.argb])).toEqual([
      ['$B2="high"', 'FFFFC7CE'],
      ['$B2="medium"', 'FFFFEB9C'],
      ['$B2="low"', 'FFDDEBF7'],
      ['$B2="info"', 'FFEDEDED'],
    ]);
  });

  it('shows the diff against the previous snapshot with the objection deadline', async () => {
    await twoVendors();
    const outPath = join(app.dir, 'review.xlsx');
    await writeReviewWorkbook(app.deps, { outPath });
    const changes = records(sheet(await readWorkbook(outPath), 'Changes'));
    const zed = changes.filter((r) => r.Vendor === 'Zed');
    expect(zed.map((r) => [r.Change, r['Sub-processor'], r.Field, r.Before, r.After])).toEqual([
      ['added', 'Mistral AI', null, null, 'AI Services | FR'],
      ['removed', 'Snowflake', null, 'Analytics | US', null],
      ['changed', 'Vercel', 'countries', 'US', 'DE'],
    ]);
    // No notice period on the page: the policy's 30 days from the page's date (2025-06-02).
    expect(zed[0]).toMatchObject({
      'Objection deadline': new Date('2025-07-02T00:00:00Z'),
      'Days left': 22,
      'Deadline state': 'open',
      'Previous list': 'zed-v1.md',
      'Current list': 'zed-v2.md',
    });
    expect(changes.find((r) => r.Vendor === 'Zulip')?.Change).toBe('none');
  });

  it('leaves the Matrix out for one vendor and refuses an unknown vendor', async () => {
    const { zed } = await twoVendors();
    const outPath = join(app.dir, 'one.xlsx');
    const result = await writeReviewWorkbook(app.deps, { outPath, vendorIds: [zed] });
    const wb = await readWorkbook(outPath);
    expect(wb.worksheets.map((w) => w.name)).not.toContain('Matrix');
    expect(result).toMatchObject({ vendors: 1, rows: 15 });
    await expect(
      writeReviewWorkbook(app.deps, { outPath: join(app.dir, 'x.xlsx'), vendorIds: [zed, 999] }),
    ).rejects.toMatchObject({ code: 'not-found' });
    await expect(
      writeReviewWorkbook(app.deps, { outPath: join(app.dir, 'no', 'such', 'dir.xlsx') }),
    ).rejects.toMatchObject({ code: 'bad-request', file: join(app.dir, 'no', 'such', 'dir.xlsx') });
  });
});

describe('text from pages is data, never a formula', () => {
  const HOSTILE_VENDOR = '=HYPERLINK("http://x","y")';
  const PAGE = `<html><body><h1>Sub-processors</h1><p>Last updated: 1 May 2025</p><table>
<tr><th>Name</th><th>Purpose</th><th>Location</th></tr>
<tr><td>Acme</td><td>+cmd|' /C calc'!A0</td><td>Germany</td></tr>
<tr><td>+cmd|' /C calc'!A0</td><td>@SUM(1)</td><td>France</td></tr>
<tr><td>-2+3</td><td>=1+1</td><td>Spain</td></tr>
</table></body></html>`;

  async function hostile(): Promise<number> {
    const out = await importPage(app, HOSTILE_VENDOR, 'evil.html', PAGE);
    // The extractor trims cells, so a leading tab or CR can only arrive by other routes; the
    // export must be safe for whatever the store holds.
    app.deps.store.insertEntry(
      out.snapshot.id,
      99,
      parsedEntry({ name: '\tTabbed', legalEntity: '\r=2+2', purpose: "'=already quoted" }),
    );
    return out.vendor.id;
  }

  it('writes hostile text as strings with a leading apostrophe and no formula', async () => {
    await hostile();
    const outPath = join(app.dir, 'evil.xlsx');
    await writeReviewWorkbook(app.deps, { outPath });
    const wb = await readWorkbook(outPath);
    const strings: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula, `${ws.name}!${cell.address}`).toBeFalsy();
          if (typeof cell.value === 'string') {
            expect(cell.value, `${ws.name}!${cell.address}`).not.toMatch(FORMULA_START);
            strings.push(cell.value);
          }
        });
      });
    }
    expect(strings).toEqual(
      expect.arrayContaining([
        `'${HOSTILE_VENDOR}`,
        "'+cmd|' /C calc'!A0",
        "'@SUM(1)",
        "'-2+3",
        "'=1+1",
        "'\tTabbed",
        // A CR is written as Excel's line break (LF); the apostrophe still comes first.
        "'\n=2+2",
        "''=already quoted",
      ]),
    );
    const entries = records(sheet(wb, 'Sub-processors'));
    const tabbed = entries.find((r) => r['Sub-processor'] === "'\tTabbed");
    expect(tabbed?.Purpose).toBe("''=already quoted");
    expect(sheet(wb, 'Sub-processors').getCell('E2').numFmt).toBe('@');
  });

  it('escapes hostile text in the CSVs as OWASP describes', async () => {
    const vendorId = await hostile();
    const csv = entriesCsv(app.deps, [vendorId]);
    expect(csv.startsWith('\uFEFFVendor,Sub-processor,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x"",""y""\)",Acme,/);
    expect(csv).toContain(`"'+cmd|' /C calc'!A0"`);
    expect(csv).toContain(`"'@SUM(1)"`);
    expect(csv).toContain(`"'-2+3"`);
    expect(csv).toContain(`"'\tTabbed",,"'\r=2+2"`);
    // No field of any line starts with a formula character outside quotes.
    for (const line of lines) {
      expect(line.split(',').some((f) => FORMULA_START.test(f))).toBe(false);
    }
    const flags = flagsCsv(app.deps, [vendorId]);
    expect(flags.split('\r\n')[0]).toBe(
      '\uFEFFRule,Severity,Vendor,Sub-processor,Evidence,Decision,Comment,Reviewer,Decided on,Review state,Entry id,Flag id',
    );
    expect(flags).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});

/** A Python with openpyxl: the pyenv one on PATH may lack Debian's packages, /usr/bin's has them. */
function pythonWithOpenpyxl(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import openpyxl'], { stdio: 'ignore' });
      return python;
    } catch {
      // Try the next one.
    }
  }
  return null;
}

const PYTHON = pythonWithOpenpyxl();
if (!PYTHON) {
  console.warn(
    'Skipping the openpyxl check: no python3 can `import openpyxl` (apt-get install -y python3-openpyxl).',
  );
}

describe('an independent reader', () => {
  it.skipIf(!PYTHON)('opens the workbook in openpyxl with the same sheets and values', async () => {
    await twoVendors();
    const outPath = join(app.dir, 'review.xlsx');
    const result = await writeReviewWorkbook(app.deps, { outPath });
    const script = `
import json, sys, warnings
warnings.simplefilter('error')
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
s = wb['Summary']
f = wb['Flags']
print(json.dumps({
  'sheets': wb.sheetnames,
  'states': [ws.sheet_state for ws in wb],
  'exportId': s['B2'].value,
  'updated': s['D8'].value.isoformat(),
  'entries': s['H8'].value,
  'flagsHeader': [c.value for c in f[1]],
  'freeze': f.freeze_panes,
  'filter': f.auto_filter.ref,
  'validation': [str(dv.formula1) for dv in f.data_validations.dataValidation],
  'types': sorted({c.data_type for ws in wb for row in ws.iter_rows() for c in row}),
}))
`;
    const out = JSON.parse(
      execFileSync(PYTHON ?? 'python3', ['-c', script, outPath], { encoding: 'utf8' }),
    ) as Record<string, unknown>;
    expect(out).toMatchObject({
      sheets: ['Summary', 'Sub-processors', 'Flags', 'Changes', 'Matrix', 'Policy', 'About'],
      states: ['visible', 'visible', 'visible', 'visible', 'visible', 'visible', 'hidden'],
      exportId: result.exportId,
      updated: '2025-06-02T00:00:00',
      entries: 15,
      freeze: 'A2',
      validation: ['"Approved,Approved with conditions,Needs follow-up,Rejected"'],
    });
    expect((out.flagsHeader as string[]).slice(0, 6)).toEqual([
      'Rule',
      'Severity',
      'Vendor',
      'Sub-processor',
      'Evidence',
      'Decision',
    ]);
    // s: string, n: number (dates included), b: boolean; never f (formula).
    expect(out.types).not.toContain('f');
  });
});
