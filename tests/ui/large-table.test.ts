import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsedEntry } from '../factories';
import { accessibilityViolations, openApp, type UiSession } from './browser';

const N = 5_000;
let s: UiSession;
let vendorId: number;

beforeAll(async () => {
  s = await openApp();
  // A big vendor written straight through the store (one transaction), as an import would.
  const { store } = s.ctx;
  const now = new Date().toISOString();
  store.transaction(() => {
    const vendor = store.findOrCreateVendor('Big Vendor', now);
    vendorId = vendor.id;
    const snapshotId = store.insertSnapshot({
      vendorId: vendor.id,
      fileName: 'big.md',
      mediaType: 'text/markdown',
      format: 'markdown',
      sha256: 'f'.repeat(64),
      originalBytes: new Uint8Array([1]),
      sourceText: 'big',
      importedAt: now,
      lastUpdated: null,
      noticeDays: 30,
      noticeBusinessDays: false,
      objectionDays: null,
      publisher: 'Big Vendor',
      pageUrl: null,
      parserVersion: 'test',
      warnings: [],
    });
    for (let i = 0; i < N; i++) {
      // Some rows carry long purposes and legal entities, as real lists do.
      const e = parsedEntry({
        name: `Processor ${String(i).padStart(5, '0')}`,
        purpose:
          i % 7 === 0
            ? 'Cloud hosting, storage, backups, content delivery, monitoring and support for the service and its customers in several regions'.repeat(
                2,
              )
            : 'Hosting',
        legalEntity: i % 3 === 0 ? `Processor ${i} Holdings International GmbH & Co. KG` : null,
        countries: i % 5 === 0 ? ['DE', 'US', 'IE', 'FR', 'NL', 'SE', 'JP', 'AU'] : ['DE'],
      });
      store.insertEntry(snapshotId, i, e);
    }
  });
});
afterAll(async () => {
  await s?.close();
});

describe('a vendor with thousands of entries', () => {
  it('renders only the rows in view and reaches the last one by scrolling', async () => {
    await s.page.goto(`${s.server.origin}/#/vendor/${vendorId}/review`);
    const table = s.page.getByRole('table', { name: 'Sub-processors' });
    // The first review of 5,000 entries computes their flags: give it time on a loaded machine.
    await expect
      .poll(() => table.locator('tbody tr:not(.spacer)').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const rendered = await table.locator('tbody tr:not(.spacer)').count();
    expect(rendered).toBeLessThan(200);
    // Every row has the one fixed height the virtualizer counts with, long text or not.
    const rowHeight = await table.evaluate((t) =>
      parseFloat(getComputedStyle(t).getPropertyValue('--row-height')),
    );
    expect(rowHeight).toBeGreaterThan(0);
    const heights = await table
      .locator('tbody tr:not(.spacer)')
      .evaluateAll((rows) => [...new Set(rows.map((r) => r.getBoundingClientRect().height))]);
    expect(heights).toEqual([rowHeight]);
    await s.page.getByRole('button', { name: 'Name' }).click();
    await s.page.locator('.table-wrap').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect
      .poll(() => table.textContent(), { timeout: 10_000 })
      .toContain(`Processor ${String(N - 1).padStart(5, '0')}`);
    expect(await s.page.getByText(`${N} of ${N} shown`).isVisible()).toBe(true);
  });

  it('moves through all rows from the keyboard, scrolling the ones not yet drawn into view', async () => {
    const table = s.page.getByRole('table', { name: 'Sub-processors' });
    const focused = () => s.page.evaluate(() => document.activeElement?.textContent ?? '');
    const name = (i: number) => `Processor ${String(i).padStart(5, '0')}`;
    await table.locator('tbody tr:not(.spacer)').last().focus();
    await s.page.keyboard.press('Home');
    await expect.poll(focused).toContain(name(0));
    await s.page.keyboard.press('ArrowDown');
    await expect.poll(focused).toContain(name(1));
    await s.page.keyboard.press('PageDown');
    await expect.poll(focused).toContain(name(11));
    // The last row is thousands of rows away and not in the DOM until the table scrolls to it.
    await s.page.keyboard.press('End');
    await expect.poll(focused).toContain(name(N - 1));
    await s.page.keyboard.press('ArrowUp');
    await expect.poll(focused).toContain(name(N - 2));
  });

  it('is still a table of rows and cells to assistive technology, though laid out as grids', async () => {
    const table = s.page.getByRole('table', { name: 'Sub-processors' });
    expect(await table.getAttribute('aria-rowcount')).toBe(String(N + 2));
    expect(await accessibilityViolations(s.page)).toEqual([]);
    // Chromium's own accessibility tree (what a screen reader reads), not a role computed from
    // the markup: a long table is laid out as blocks and grids, which must not flatten it.
    const cdp = await s.page.context().newCDPSession(s.page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value?: unknown }; name?: { value?: unknown } }[];
    };
    await cdp.detach();
    const roles = nodes.map((n) => String(n.role?.value ?? ''));
    expect(nodes.some((n) => n.role?.value === 'table' && n.name?.value === 'Sub-processors')).toBe(
      true,
    );
    expect(roles.filter((r) => r === 'row').length).toBeGreaterThan(10);
    expect(roles.filter((r) => r === 'cell').length).toBeGreaterThan(80);
    expect(roles).toContain('columnheader');
  });
});
