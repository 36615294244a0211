/**
 * The journeys a reviewer takes, in browser mode against the real services and a real SQLite file.
 * Each step checks what the user sees, saves a screenshot (test-results/screenshots/) and checks the
 * screen with axe-core: no serious or critical accessibility violation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FileChooser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CORPUS_DIR } from '../helpers';
import {
  accessibilityViolations,
  importThroughUi,
  openApp,
  screenshot,
  type UiSession,
} from './browser';

let s: UiSession;
let zedV1: string;
let zedV2: string;

beforeAll(async () => {
  s = await openApp();
  const v1 = readFileSync(join(CORPUS_DIR, 'real', 'zed.md'), 'utf8');
  // The next version: Snowflake removed, Vercel moved to Germany, Mistral AI added.
  const v2 = v1
    .replace(/^\| Snowflake .*\n/m, '')
    .replace(/^(\| Vercel +\| Cloud Infrastructure +\| )United States/m, '$1Germany      ')
    .replace(
      /^(\| OpenAI .*\n)/m,
      '$1| Mistral AI          | AI Services              | France        |\n',
    );
  zedV1 = join(s.dir, 'zed-subprocessors.md');
  zedV2 = join(s.dir, 'zed-subprocessors-june.md');
  writeFileSync(zedV1, v1);
  writeFileSync(zedV2, v2);
});
afterAll(async () => {
  await s?.close();
});

async function checkScreen(name: string): Promise<void> {
  await screenshot(s.page, name);
  expect(await accessibilityViolations(s.page)).toEqual([]);
}

describe('reviewer journeys (browser mode)', () => {
  it('first start: an empty library that says what to do', async () => {
    await expect
      .poll(() => s.page.getByText('No vendors yet — drop a sub-processor page').isVisible())
      .toBe(true);
    await checkScreen('01-first-start');
  });

  it('imports a batch with one bad file: each file gets its own result', async () => {
    await importThroughUi(s.page, [
      join(CORPUS_DIR, 'seeds', '000_fbfb69c1abb446d8.txt'),
      { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 nope') },
      join(CORPUS_DIR, 'real', 'retool.md'),
    ]);
    const results = s.page.getByRole('list', { name: 'Import results' });
    await expect.poll(() => results.locator('li').count()).toBe(3);
    const text = (await results.textContent()) ?? '';
    expect(text).toMatch(/failed.*broken\.pdf/);
    expect((text.match(/imported/g) ?? []).length).toBeGreaterThanOrEqual(2);
    const rows = s.page.getByRole('table', { name: 'Vendors overview' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await checkScreen('02-library-after-batch');
  });

  it('reviews a vendor: flags with evidence in the source, a decision that is kept', async () => {
    await s.page.getByRole('link', { name: 'Settings' }).click();
    await s.page.getByLabel('Reviewer name').fill('Ana Analyst');
    await s.page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => s.page.getByRole('status').textContent()).toContain('Ana Analyst');
    await checkScreen('03-settings');

    await importThroughUi(s.page, [zedV1], ['Zed']);
    await expect
      .poll(() => s.page.getByRole('heading', { name: 'Zed', exact: true }).isVisible())
      .toBe(true);
    const row = s.page
      .getByRole('table', { name: 'Sub-processors' })
      .locator('tbody tr', { hasText: 'OpenAI' });
    await row.click();
    const detail = s.page.getByRole('region', { name: 'Selected sub-processor' });
    await expect
      .poll(() => detail.getByRole('list', { name: 'Flags' }).textContent())
      .toMatch(/AI/);
    await detail.getByRole('button', { name: 'Show in source' }).first().click();
    await expect
      .poll(() => s.page.getByLabel('Source text').locator('mark').count())
      .toBeGreaterThan(0);
    await detail.getByLabel('Decision', { exact: true }).selectOption('approved-with-conditions');
    await detail.getByLabel('Comment').fill('Only with the AI features switched off');
    await detail.getByRole('button', { name: 'Save decision' }).click();
    await expect.poll(() => row.textContent()).toContain('Decided');
    await checkScreen('04-vendor-review');
  });

  it('corrects an extracted field and undoes it', async () => {
    const row = s.page
      .getByRole('table', { name: 'Sub-processors' })
      .locator('tbody tr', { hasText: 'Cloudflare' });
    await row.click();
    const detail = s.page.getByRole('region', { name: 'Selected sub-processor' });
    await detail.getByRole('button', { name: 'Correct what was extracted…' }).click();
    await detail.getByLabel('Countries (ISO codes, or EU, EEA, GLOBAL)').fill('DE, US');
    await detail.getByRole('button', { name: 'Save correction' }).click();
    await expect.poll(() => row.textContent()).toContain('corrected');
    await expect.poll(() => row.textContent()).toContain('DE, US');
    await expect.poll(() => detail.textContent()).toContain('(parsed: GLOBAL)');
    await detail.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => row.textContent()).not.toContain('corrected');
    expect(await row.textContent()).toContain('GLOBAL');
  });

  it('filters the entries table column by column', async () => {
    const table = s.page.getByRole('table', { name: 'Sub-processors' });
    const rows = table.locator('tbody tr');
    const all = await rows.count();
    await table.getByLabel('Filter by country').selectOption('US');
    await expect.poll(() => rows.count()).toBeLessThan(all);
    const usRows = await rows.count();
    expect(usRows).toBeGreaterThan(0);
    for (const text of await rows.allTextContents()) expect(text).toContain('US');
    // A second column narrows further: only US rows that carry a flag.
    await table.getByLabel('Filter by flags').selectOption('any');
    await expect.poll(() => rows.count()).toBeLessThanOrEqual(usRows);
    expect(await rows.filter({ hasText: 'OpenAI' }).count()).toBe(1);
    await table.getByLabel('Filter by country').scrollIntoViewIfNeeded();
    await s.page.evaluate(() => document.querySelector('.table-wrap')?.scrollTo(0, 0));
    await checkScreen('04b-column-filters');
    await table.getByLabel('Filter by name').fill('no such sub-processor');
    await expect
      .poll(() => s.page.getByText('No sub-processor matches these filters.').isVisible())
      .toBe(true);
    await s.page.getByRole('button', { name: 'Clear column filters' }).click();
    await expect.poll(() => rows.count()).toBe(all);
    // Another vendor's table, opened in the same page, starts unfiltered.
    await table.getByLabel('Filter by name').fill('no such sub-processor');
    const here = new URL(s.page.url()).hash;
    const other = s.ctx.store.listVendors().find((v) => !here.startsWith(`#/vendor/${v.id}/`));
    await s.page.evaluate((h) => void (location.hash = h), `#/vendor/${other?.id}/review`);
    await expect.poll(() => s.page.locator('#vendor-heading').textContent()).toBe(other?.name);
    expect(await table.getByLabel('Filter by name').inputValue()).toBe('');
    await s.page.evaluate((h) => void (location.hash = h), here);
    await expect.poll(() => rows.count()).toBe(all);
  });

  it('re-imports a new version and reads the diff with its deadline', async () => {
    await importThroughUi(s.page, [zedV2], ['Zed']);
    // A re-import opens the vendor straight on its Changes tab.
    await expect.poll(() => s.page.url()).toMatch(/#\/vendor\/\d+\/changes$/);
    await expect
      .poll(() => s.page.getByRole('heading', { name: 'Zed', exact: true }).isVisible())
      .toBe(true);
    expect(s.ctx.store.listSnapshots(s.ctx.store.findVendorByName('Zed')?.id ?? 0)).toHaveLength(2);
    const changes = s.page.getByRole('region', { name: 'Changes' });
    await expect.poll(() => changes.isVisible()).toBe(true);
    await expect
      .poll(() => changes.getByRole('region', { name: 'Added' }).textContent())
      .toContain('Mistral AI');
    expect(await changes.getByRole('region', { name: 'Removed' }).textContent()).toContain(
      'Snowflake',
    );
    expect(await changes.getByRole('region', { name: 'Changed' }).textContent()).toMatch(/US.*DE/);
    expect(await changes.getByRole('status').textContent()).toMatch(
      /Object by|objection window closed/,
    );
    await checkScreen('05-changes');
    // Comparing the new snapshot with itself finds nothing; swapping back restores the diff.
    const from = changes.getByLabel('From');
    const first = await from.inputValue();
    await from.selectOption(await changes.getByLabel('To').inputValue());
    await expect
      .poll(() => changes.textContent())
      .toContain('No sub-processor changed between these snapshots.');
    await from.selectOption(first);
    await expect
      .poll(() => changes.getByRole('region', { name: 'Added' }).textContent())
      .toContain('Mistral AI');
    // The decision on OpenAI carried over to the new snapshot.
    await s.page.getByRole('link', { name: 'Review' }).click();
    const row = s.page
      .getByRole('table', { name: 'Sub-processors' })
      .locator('tbody tr', { hasText: 'OpenAI' });
    await expect.poll(() => row.textContent()).toContain('Decided');
  });

  it('compares vendors: shared sub-processors and where data goes', async () => {
    await s.page.getByRole('link', { name: 'Compare' }).click();
    const matrix = s.page.getByRole('table', { name: 'Sub-processors by vendor' });
    await expect.poll(() => matrix.isVisible()).toBe(true);
    const aws = matrix.locator('tbody tr', { hasText: 'Amazon Web Services' });
    expect(Number(await aws.locator('td').first().textContent())).toBeGreaterThanOrEqual(2);
    await checkScreen('06-compare');
  });

  it('sorts and filters the library', async () => {
    await s.page.getByRole('link', { name: 'Library', exact: true }).click();
    const table = s.page.getByRole('table', { name: 'Vendors overview' });
    const names = () => table.locator('tbody td.name').allTextContents();
    await expect.poll(async () => (await names()).length).toBe(3);
    await table.getByRole('button', { name: 'Vendor' }).click();
    await expect.poll(names).toEqual([...(await names())].sort((a, b) => a.localeCompare(b)));
    await table.getByRole('button', { name: 'Vendor' }).click();
    await expect
      .poll(() => table.getByRole('columnheader', { name: 'Vendor' }).getAttribute('aria-sort'))
      .toBe('descending');
    const desc = await names();
    expect(desc).toEqual([...desc].sort((a, b) => b.localeCompare(a)));
    await checkScreen('06b-library-sorted');
    await table.getByLabel('Filter vendors by name').fill('ze');
    await expect.poll(names).toEqual(['Zed']);
    await table.getByLabel('Filter vendors by page age').selectOption('not-stated');
    await expect
      .poll(() => s.page.getByText('No vendor matches these filters.').isVisible())
      .toBe(true);
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await names()).length).toBe(3);
  });

  it('edits the policy: a disabled rule stops flagging after saving', async () => {
    await s.page.getByRole('link', { name: 'Policy' }).click();
    const rule = s.page.getByRole('listitem').filter({ hasText: /AI/ }).first();
    await rule.getByRole('checkbox').uncheck();
    await s.page.getByRole('button', { name: 'Save policy' }).click();
    await expect.poll(() => s.page.getByRole('status').textContent()).toMatch(/policy version 2/);
    await checkScreen('07-policy');
    const review = s.ctx.store.listVendors().map((v) => s.ctx.store.latestSnapshot(v.id)?.id ?? 0);
    const flags = review.flatMap((id) => s.ctx.store.listFlags(id));
    expect(flags.some((f) => f.ruleId === 'ai-provider')).toBe(false);
  });

  it('finds a sub-processor from anywhere with Ctrl+K', async () => {
    await s.page.keyboard.press('Control+k');
    const box = s.page.getByRole('combobox', { name: /Search vendors/ });
    await box.fill('mistr');
    const results = s.page.getByRole('listbox', { name: 'Search results' });
    await expect.poll(() => results.textContent()).toContain('Mistral AI');
    await checkScreen('08-search');
    await box.press('Enter');
    await expect
      .poll(() => s.page.getByRole('heading', { name: 'Zed', exact: true }).isVisible())
      .toBe(true);
  });

  it('exports a workbook with progress and reads it back', async () => {
    await s.page.getByRole('link', { name: 'Export' }).click();
    const download = s.page.waitForEvent('download');
    await s.page.getByRole('button', { name: 'Export workbook (.xlsx)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^dpa-review-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await expect
      .poll(() => s.page.getByRole('status').textContent())
      .toMatch(/Exported \d+ sub-processors/);
    await checkScreen('09-export');
    const path = join(s.dir, 'reviewed.xlsx');
    await file.saveAs(path);
    await s.page.getByLabel('Choose a reviewed workbook').setInputFiles(path);
    await expect
      .poll(() => s.page.getByRole('region', { name: 'Decisions to record' }).textContent())
      .toMatch(/0 changes in reviewed\.xlsx; \d+ unchanged/);
  });

  it('fetches a vendor page on request and checks all vendors for updates', async () => {
    const page = readFileSync(zedV2);
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
      res.end(page);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/subprocessors.md`;
    try {
      expect(hits).toBe(0);
      const zed = s.ctx.store.findVendorByName('Zed');
      await s.page.goto(`${s.server.origin}/#/vendor/${zed?.id}/history`);
      await s.page.getByLabel('Page address').fill(url);
      await s.page.getByRole('button', { name: 'Fetch now' }).click();
      await expect
        .poll(() => s.page.getByRole('table', { name: 'Fetch history' }).isVisible())
        .toBe(true);
      expect(hits).toBe(1);
      await checkScreen('10-source');
      await s.page.getByRole('link', { name: 'Library', exact: true }).click();
      await s.page.getByRole('button', { name: 'Check for updates…' }).click();
      const plan = s.page.getByRole('dialog', { name: 'Hosts to contact' });
      await expect.poll(() => plan.textContent()).toContain('127.0.0.1');
      expect(hits).toBe(1); // showing the plan contacts nobody
      await plan.getByRole('button', { name: 'Contact them now' }).click();
      const results = s.page.getByRole('table', { name: 'Update check results' });
      await expect.poll(() => results.textContent()).toMatch(/Zed.*unchanged/);
      expect(hits).toBe(2);
      await checkScreen('11-check-updates');
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });

  it('works from the keyboard: shortcut list, filter, row, decision, screens, import', async () => {
    // Listen for file choosers from the start: Playwright turns Chromium's chooser interception on
    // only when the first listener is added, without waiting, so a listener added just before
    // Ctrl+O could miss the chooser that key opens (the journey's one flake).
    const choosers: FileChooser[] = [];
    const onChooser = (c: FileChooser): void => void choosers.push(c);
    s.page.on('filechooser', onChooser);
    onTestFinished(() => void s.page.off('filechooser', onChooser));
    const zed = s.ctx.store.findVendorByName('Zed');
    await s.page.goto(`${s.server.origin}/#/vendor/${zed?.id}/review`);
    const table = s.page.getByRole('table', { name: 'Sub-processors' });
    await expect.poll(() => table.isVisible()).toBe(true);
    await s.page.locator('body').click({ position: { x: 1, y: 1 } });

    await s.page.keyboard.press('?');
    const help = s.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => help.textContent()).toContain('Import files');
    await checkScreen('12-shortcuts');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);

    await s.page.keyboard.press('/');
    await expect
      .poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Filter sub-processors');
    await s.page.keyboard.type('Vercel');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    // Tab into the row, open it with Enter, write a comment and save with Ctrl+Enter.
    await table.locator('tbody tr').first().focus();
    await s.page.keyboard.press('Enter');
    const detail = s.page.getByRole('region', { name: 'Selected sub-processor' });
    await detail.getByLabel('Comment').fill('Checked the German region');
    await s.page.keyboard.press('Control+Enter');
    await expect.poll(() => table.locator('tbody tr').first().textContent()).toContain('Decided');

    await s.page.keyboard.press('Alt+2');
    await expect.poll(() => s.page.url()).toMatch(/#\/compare$/);
    expect(choosers).toHaveLength(0);
    await s.page.keyboard.press('Control+o');
    await expect.poll(() => choosers.length).toBe(1);
    await choosers[0]?.setFiles(join(CORPUS_DIR, 'real', 'retool.md'));
    await expect.poll(() => s.page.url()).toMatch(/#\/library$/);
    const staged = s.page.getByRole('table', { name: 'Files to import' });
    await expect.poll(() => staged.textContent()).toContain('retool.md');
    await s.page.getByRole('button', { name: 'Clear' }).click();
    // Coming back to the library later does not stage the chosen files again.
    await s.page.keyboard.press('Alt+2');
    await s.page.keyboard.press('Alt+1');
    await expect.poll(() => s.page.url()).toMatch(/#\/library$/);
    expect(await staged.count()).toBe(0);
  });

  it('backs up, then restores the backup from Settings', async () => {
    await s.page.getByRole('link', { name: 'Settings' }).click();
    await s.page.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => s.page.getByRole('status').textContent()).toMatch(/Backup written/);
    // Work done after the backup, which the restore takes away.
    await importThroughUi(
      s.page,
      [
        {
          name: 'late.md',
          mimeType: 'text/markdown',
          buffer: Buffer.from(
            '| Subprocessor | Purpose | Location |\n|---|---|---|\n| Okta | Identity | US |\n',
          ),
        },
      ],
      ['Imported After Backup'],
    );
    const vendors = s.page.getByRole('navigation', { name: 'Vendors' });
    await expect.poll(() => vendors.textContent()).toContain('Imported After Backup');

    await s.page.getByRole('link', { name: 'Settings' }).click();
    const backups = s.page.getByRole('table', { name: 'Backups' });
    const row = backups.locator('tbody tr', { hasText: /^.*Backup(?!.*restore)/ }).first();
    await row.getByRole('button', { name: /^Restore / }).click();
    await checkScreen('13-restore');
    await s.page.getByRole('button', { name: 'Restore this backup' }).click();
    await expect.poll(() => s.page.getByRole('status').textContent()).toMatch(/Restored from/);
    // The whole app now shows the restored data, and the replaced database is kept and listed.
    await expect.poll(() => vendors.textContent()).not.toContain('Imported After Backup');
    expect(s.ctx.store.findVendorByName('Imported After Backup')).toBeFalsy();
    await expect.poll(() => backups.textContent()).toContain('Before a restore');
  });

  it('follows a dark system theme, readable on every screen', async () => {
    await s.page.emulateMedia({ colorScheme: 'dark' });
    try {
      const zed = s.ctx.store.findVendorByName('Zed');
      const background = () =>
        s.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      for (const [name, hash] of [
        ['library', '#/library'],
        ['vendor', `#/vendor/${zed?.id}/review`],
        ['changes', `#/vendor/${zed?.id}/changes`],
        ['compare', '#/compare'],
        ['policy', '#/policy'],
        ['export', '#/export'],
        ['settings', '#/settings'],
      ] as const) {
        await s.page.goto(`${s.server.origin}/${hash}`);
        await expect.poll(() => s.page.locator('main h2').first().isVisible()).toBe(true);
        // A dark page: the body's background is darker than mid-grey.
        const [r = 255, g = 255, b = 255] = ((await background()).match(/\d+/g) ?? []).map(Number);
        expect(0.2126 * r + 0.7152 * g + 0.0722 * b, name).toBeLessThan(100);
        expect(await accessibilityViolations(s.page), name).toEqual([]);
      }
      await screenshot(s.page, '14-dark-settings');
    } finally {
      await s.page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('made no network request beyond its own local server', () => {
    expect(s.outside).toEqual([]);
  });
});
