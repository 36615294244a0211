/** A stored portfolio of about `entries` entries, written straight to the store (no parsing). */
import { loadResources } from '../../src-main/services/resources';
import { reevaluateAll, type ReviewDeps } from '../../src-main/services/review';
import { Store } from '../../src-main/services/store';
import { generateVendors, mutateEntries, toParsedEntry, type SyntheticEntry } from '../corpus';
import { createRng } from '../prng';
import type { BenchContext } from './context';

export interface Portfolio {
  deps: ReviewDeps;
  vendors: number;
  entries: number;
}

/**
 * Vendors of realistic list lengths until `target` entries; one in ten has an older snapshot too,
 * so exports have changes to show. Flags are computed up front, as imports would have.
 */
export function buildPortfolio(ctx: BenchContext, dbPath: string, target: number): Portfolio {
  const store = Store.open(dbPath);
  const resources = loadResources(ctx.resourcesDir);
  const deps: ReviewDeps = { store, resources, now: () => new Date('2025-06-01T00:00:00Z') };
  const rng = createRng(ctx.seed + 600);
  // generous vendor count; the loop stops at the target
  const vendors = generateVendors(ctx.seed + 601, ctx.vocab, Math.ceil(target / 20) + 10);
  let entries = 0;
  let count = 0;
  const insert = (vendorId: number, name: string, list: SyntheticEntry[], day: number): void => {
    const snapshotId = store.insertSnapshot({
      vendorId,
      fileName: `${name}.csv`,
      mediaType: 'text/csv',
      format: 'csv',
      sha256: `${vendorId}-${day}`,
      originalBytes: new Uint8Array([1]),
      sourceText: list.map((e) => e.name).join('\n'),
      importedAt: `2025-0${day}-01T00:00:00.000Z`,
      lastUpdated: null,
      noticeDays: 30,
      noticeBusinessDays: false,
      objectionDays: null,
      publisher: name,
      pageUrl: null,
      parserVersion: 'bench',
      warnings: [],
    });
    list.forEach((e, i) => store.insertEntry(snapshotId, i, toParsedEntry(e)));
  };
  store.transaction(() => {
    for (const v of vendors) {
      if (entries >= target) break;
      const list = v.entries.slice(0, target - entries);
      const vendor = store.findOrCreateVendor(v.name, '2025-01-01T00:00:00.000Z');
      if (count % 10 === 0) insert(vendor.id, v.name, mutateEntries(rng, ctx.vocab, list), 1);
      insert(vendor.id, v.name, list, 2);
      entries += list.length;
      count++;
    }
  });
  reevaluateAll(deps);
  return { deps, vendors: count, entries };
}
