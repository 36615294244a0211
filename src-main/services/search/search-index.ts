import Fuse from 'fuse.js';
import type { Vendor } from '../../../src-shared/domain';
import type { SearchHit } from '../../../src-shared/review';
import type { Store } from '../store';

interface NameDoc {
  name: string;
  vendorId: number;
  vendorName: string;
  entryId: number | null;
}

/** Words of a query as FTS5 prefix terms: quoted, so user text is never FTS5 syntax. */
export function ftsQuery(q: string): string | null {
  const words = q
    .normalize('NFKD')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) {
    return null;
  }
  return words
    .slice(0, 8)
    .map((w) => `"${w}"*`)
    .join(' ');
}

/**
 * Global search on every keystroke. Full text (name, legal entity, purpose, countries, section)
 * comes from SQLite FTS5, which stays fast at hundreds of thousands of entries; typo-tolerant names
 * come from fuse.js over distinct names only (fuse scans linearly, so it gets the small set). The
 * fuse index is updated per vendor when that vendor's latest snapshot changes, not rebuilt.
 */
export class SearchIndex {
  private fuse: Fuse<NameDoc> | null = null;
  private version = '';
  /** Latest snapshot indexed per vendor, to update only vendors that changed. */
  private indexed = new Map<number, number>();

  constructor(private readonly store: Store) {}

  query(q: string, limit = 20): SearchHit[] {
    const trimmed = q.trim();
    if (!trimmed) {
      return [];
    }
    const hits: SearchHit[] = [];
    const seen = new Set<string>();
    const push = (h: SearchHit): void => {
      const key = `${h.kind}:${h.vendorId}:${h.entryId ?? ''}`;
      if (!seen.has(key) && hits.length < limit) {
        seen.add(key);
        hits.push(h);
      }
    };
    const lower = trimmed.toLowerCase();
    for (const v of this.vendors()) {
      if (v.name.toLowerCase().includes(lower)) {
        push({
          kind: 'vendor',
          vendorId: v.id,
          vendorName: v.name,
          entryId: null,
          title: v.name,
          detail: `${v.entryCount} sub-processors`,
          match: 'text',
        });
      }
    }
    const match = ftsQuery(trimmed);
    if (match) {
      for (const r of this.store.searchEntries(match, limit)) {
        const countries = (JSON.parse(r.countries) as string[]).join(', ');
        push({
          kind: 'entry',
          vendorId: r.vendorId,
          vendorName: r.vendorName,
          entryId: r.entryId,
          title: r.name || '(name not printed)',
          detail: [r.purpose, countries].filter(Boolean).join(' · '),
          match: 'text',
        });
      }
    }
    if (hits.length < limit && trimmed.length >= 3) {
      for (const { item } of this.fuzzy().search(trimmed, { limit: limit - hits.length })) {
        push({
          kind: item.entryId === null ? 'vendor' : 'entry',
          vendorId: item.vendorId,
          vendorName: item.vendorName,
          entryId: item.entryId,
          title: item.name,
          detail: item.entryId === null ? 'vendor' : `at ${item.vendorName}`,
          match: 'fuzzy',
        });
      }
    }
    return hits;
  }

  /**
   * The vendor list, re-read only when snapshots were added or removed: listing vendors counts
   * their entries, which cost a fifth of every keystroke at 50,000 entries (bench/FINDINGS.md).
   */
  private vendors(): Vendor[] {
    const version = this.store.dataVersion();
    if (!this.vendorCache || this.vendorCache.version !== version) {
      this.vendorCache = { version, list: this.store.listVendors() };
    }
    return this.vendorCache.list;
  }

  private vendorCache: { version: string; list: Vendor[] } | null = null;

  /** The fuse index, brought up to date with the vendors whose latest snapshot changed. */
  private fuzzy(): Fuse<NameDoc> {
    const version = this.store.dataVersion();
    if (this.fuse && version === this.version) {
      return this.fuse;
    }
    const fuse =
      this.fuse ?? new Fuse<NameDoc>([], { keys: ['name'], threshold: 0.35, ignoreLocation: true });
    const vendors = this.vendors();
    const latest = new Map(vendors.map((v) => [v.id, this.store.latestSnapshot(v.id)?.id ?? 0]));
    const changed = new Set(
      [...latest].filter(([id, snap]) => this.indexed.get(id) !== snap).map(([id]) => id),
    );
    for (const id of this.indexed.keys()) {
      if (!latest.has(id)) {
        changed.add(id);
      }
    }
    if (changed.size > 0) {
      fuse.remove((d) => changed.has(d.vendorId));
      for (const v of vendors) {
        if (changed.has(v.id)) {
          fuse.add({ name: v.name, vendorId: v.id, vendorName: v.name, entryId: null });
        }
      }
      for (const n of this.store.latestEntryNames()) {
        if (changed.has(n.vendorId)) {
          fuse.add(n);
        }
      }
    }
    this.indexed = latest;
    this.fuse = fuse;
    this.version = version;
    return fuse;
  }
}
