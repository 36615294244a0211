import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../src-main/services/extract';
import { CORPUS_DIR } from '../helpers';
import { importThroughUi, openApp, type UiSession } from './browser';

const SEEDS = join(CORPUS_DIR, 'seeds');
const seedFiles = readdirSync(SEEDS).filter((f) => !f.endsWith('.golden.json'));

let s: UiSession;
beforeAll(async () => {
  s = await openApp();
});
afterAll(async () => {
  await s?.close();
});

describe('browser mode: import pages and browse their entries', () => {
  it('greets a first-time user with an empty library', async () => {
    await expect
      .poll(() => s.page.getByText('No vendors yet — drop a sub-processor page').isVisible())
      .toBe(true);
  });

  it.each(seedFiles)('imports %s and shows the parsed entries', async (file) => {
    const path = join(SEEDS, file);
    const expected = await extractDocument({ fileName: file, bytes: readFileSync(path) });
    const vendor = `Vendor ${file.slice(0, 3)}`;
    await importThroughUi(s.page, [path], [vendor]);
    // A single import opens the vendor's review.
    await expect.poll(() => s.page.getByRole('heading', { name: vendor }).isVisible()).toBe(true);
    const rows = s.page.getByRole('table', { name: 'Sub-processors' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(expected.entries.length);
    // The table is sorted by flags, so compare as sorted lists.
    const names = await rows.locator('td.name .entry-name').allTextContents();
    expect(names.sort()).toEqual(
      expected.entries.map((e) => e.name || '(name not printed)').sort(),
    );
  });

  it('lists every imported vendor in the library', async () => {
    const items = s.page.getByRole('navigation', { name: 'Vendors' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(seedFiles.length);
  });

  it('highlights the selected entry in the source text', async () => {
    // The first row whose name is printed on the page (nameless rows have nothing to highlight).
    const firstRow = s.page
      .getByRole('table', { name: 'Sub-processors' })
      .locator('tbody tr')
      .filter({ hasNotText: '(name not printed)' })
      .first();
    const name = (await firstRow.locator('td.name .entry-name').textContent()) ?? '';
    await firstRow.click();
    const marks = s.page.getByLabel('Source text').locator('mark');
    await expect.poll(() => marks.count()).toBeGreaterThan(0);
    expect((await marks.allTextContents()).join(' ')).toContain(name);
  });

  it('reports a bad file by name and keeps the library as it was', async () => {
    const before = s.ctx.store.counts();
    await importThroughUi(s.page, [
      {
        name: 'broken.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\n this is not really a PDF'),
      },
    ]);
    const results = s.page.getByRole('list', { name: 'Import results' });
    await expect.poll(() => results.textContent()).toContain('broken.pdf');
    expect(await results.textContent()).toMatch(/failed/i);
    expect(s.ctx.store.counts()).toEqual(before);
  });

  it('keeps a vendor name typed while the page is still being read', async () => {
    // The page names its own publisher ("Pulumi Corporation"); hold the parser's answer until
    // the reviewer has typed another name, then let it arrive late.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await s.page.route('**/api/documents.parse', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await s.page.getByRole('link', { name: 'Library', exact: true }).click();
      await s.page
        .getByLabel('Choose files to import')
        .setInputFiles(join(CORPUS_DIR, 'real', 'pulumi.md'));
      const box = s.page.getByLabel('Vendor for pulumi.md');
      await expect.poll(() => s.page.getByText('reading the page…').isVisible()).toBe(true);
      await box.fill('Pulumi (typed by reviewer)');
      const answered = s.page.waitForResponse('**/api/documents.parse');
      release();
      await answered;
      // The late suggestion must not replace what was typed.
      await expect.poll(() => s.page.getByText('your name').isVisible()).toBe(true);
      expect(await box.inputValue()).toBe('Pulumi (typed by reviewer)');
      await s.page.getByRole('button', { name: 'Import 1 file' }).click();
      await expect
        .poll(() =>
          s.page.getByRole('heading', { name: 'Pulumi (typed by reviewer)', exact: true }).count(),
        )
        .toBe(1);
      expect(s.ctx.store.findVendorByName('Pulumi Corporation')).toBeFalsy();
    } finally {
      release();
      await s.page.unroute('**/api/documents.parse');
    }
  });
});
