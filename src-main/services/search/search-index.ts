import Fuse from 'fuse.js';
import type { Vendor } from '../../../src-shared/domain';
import type { SearchHit } from '../../../src-shared/review';
import type { Store, TextCorrectionRow } from '../store';
import { byRef, NameIndex, type NameRef } from './name-index';

/** Names the fuzzy scorer sees per query, out of all distinct names (bench/FINDINGS.md §2). */
const FUZZY_CANDIDATES = 500;

/** Above this many changed vendors (the first build), all names are read in one query. */
const BULK_READ_VENDORS = 50;

const FUSE_OPTIONS = { keys: ['name'], threshold: 0.35, ignoreLocation: true };

interface VendorCache {
  version: string;
  /** Of the corrections read into `corrected`. */
  correctionsVersion: string;
  list: Vendor[];
  /** Lower-cased names, in list order, for the substring match on every keystroke. */
  lower: string[];
}

/** An entry as the reviewer corrected it: the fields search shows and matches. */
interface CorrectedEntry extends Pick<
  TextCorrectionRow,
  'vendorId' | 'vendorName' | 'name' | 'legalEntity' | 'purpose' | 'countries'
> {
  /** Words of the corrected fields, folded as `words` does, for prefix matching. */
  words: string[];
}

/** Lower-cased words without accents, as FTS5's unicode61 tokenizer splits and folds them. */
function words(s: string): string[] {
  return (
    s
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Words of a query as FTS5 prefix terms: quoted, so user text is never FTS5 syntax. */
export function ftsQuery(q: string): string | null {
  const terms = words(q);
  if (terms.length === 0) {
    return null;
  }
  return terms
    .slice(0, 8)
    .map((w) => `"${w}"*`)
    .join(' ');
}

/**
 * Global search on every keystroke. Full text (name, legal entity, purpose, countries, section)
 * comes from SQLite FTS5, which stays fast at hundreds of thousands of entries; typo-tolerant names
 * come from fuse.js, which scans linearly, so it only scores the few hundred distinct names that
 * share the most trigrams with the query (`NameIndex`). The name index is updated per vendor when
 * that vendor's latest snapshot changes, not rebuilt.
 */
export class SearchIndex {
  private readonly names = new NameIndex();
  /** Latest snapshot indexed per vendor (null: none yet), to update only vendors that changed. */
  private indexed = new Map<number, number | null>();
  private vendorCache: VendorCache | null = null;
  /** Entries of latest snapshots with a corrected name, legal entity or purpose, by entry id. */
  private corrected = new Map<number, CorrectedEntry>();
  /** Corrected entry names per vendor, as last given to the name index. */
  private correctedNames = new Map<number, string>();
  /** The store's generation the index was built from (see Store.generation). */
  private generation = 0;

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
    const { list, lower: lowerNames } = this.refresh();
    const entryHit = (entryId: number, e: Omit<CorrectedEntry, 'words'>): SearchHit => {
      const shown = this.corrected.get(entryId) ?? e;
      const countries = (JSON.parse(shown.countries) as string[]).join(', ');
      return {
        kind: 'entry',
        vendorId: shown.vendorId,
        vendorName: shown.vendorName,
        entryId,
        title: shown.name || '(name not printed)',
        detail: [shown.purpose, countries].filter(Boolean).join(' · '),
        match: 'text',
      };
    };
    for (let i = 0; i < list.length && hits.length < limit; i++) {
      const v = list[i];
      if (v && lowerNames[i]?.includes(lower)) {
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
    // What the reviewer corrected is matched as typed in, beside the parsed text FTS5 holds.
    const terms = words(trimmed);
    if (terms.length > 0) {
      for (const [entryId, e] of this.corrected) {
        if (hits.length >= limit) {
          break;
        }
        if (terms.every((t) => e.words.some((w) => w.startsWith(t)))) {
          push(entryHit(entryId, e));
        }
      }
    }
    // Vendor names alone can fill the list for short queries; the rest could only be dropped.
    const match = hits.length < limit ? ftsQuery(trimmed) : null;
    if (match) {
      for (const r of this.store.searchEntries(match, limit)) {
        push(entryHit(r.entryId, r));
      }
    }
    if (hits.length < limit && trimmed.length >= 3) {
      for (const { name, ref } of this.fuzzy(trimmed, limit)) {
        if (hits.length >= limit) {
          break;
        }
        push({
          kind: ref.entryId === null ? 'vendor' : 'entry',
          vendorId: ref.vendorId,
          vendorName: ref.vendorName,
          entryId: ref.entryId,
          title: name,
          detail: ref.entryId === null ? 'vendor' : `at ${ref.vendorName}`,
          match: 'fuzzy',
        });
      }
    }
    return hits;
  }

  /**
   * Vendors using names similar to `q`, best first: fuse.js over the trigram candidates only. Names
   * that score the same (such as "HubSpot" and "Hubspot") are interleaved by vendor, as when every
   * (vendor, name) pair was scored on its own.
   */
  private *fuzzy(q: string, limit: number): Generator<{ name: string; ref: NameRef }> {
    const candidates = this.names.candidates(q, FUZZY_CANDIDATES);
    if (candidates.length === 0) {
      return;
    }
    const results = new Fuse(candidates, { ...FUSE_OPTIONS, includeScore: true }).search(q, {
      limit,
    });
    for (let i = 0; i < results.length;) {
      let j = i + 1;
      while (j < results.length && results[j]?.score === results[i]?.score) {
        j++;
      }
      const tied = results
        .slice(i, j)
        .flatMap(({ item }) => this.names.refsOf(item).map((ref) => ({ name: item.name, ref })));
      if (j - i > 1) {
        tied.sort((a, b) => byRef(a.ref, b.ref));
      }
      yield* tied;
      i = j;
    }
  }

  /**
   * The vendor list and the name index, brought up to date when snapshots were added or removed
   * and otherwise reused: listing vendors counts their entries, which cost a fifth of every
   * keystroke at 50,000 entries (bench/FINDINGS.md). Done on the first query whatever its length,
   * so the first typo does not wait for the build. Only vendors whose latest snapshot changed are
   * re-read; the first build reads all names in one query.
   */
  private refresh(): VendorCache {
    const version = this.store.dataVersion();
    const correctionsVersion = this.store.correctionsVersion();
    if (
      this.vendorCache?.version === version &&
      this.vendorCache.correctionsVersion === correctionsVersion
    ) {
      return this.vendorCache;
    }
    if (this.generation !== this.store.generation) {
      // A restore swapped the database: the same ids may now mean other vendors and snapshots.
      for (const id of this.indexed.keys()) {
        this.names.removeVendor(id);
      }
      this.indexed = new Map();
      this.correctedNames = new Map();
      this.generation = this.store.generation;
    }
    const correctedNames = this.readCorrections();
    const list = this.store.listVendors();
    const latest = this.store.latestSnapshotIds();
    const changed = list.filter(
      (v) => !this.indexed.has(v.id) || this.indexed.get(v.id) !== (latest.get(v.id) ?? null),
    );
    const bulk = changed.length > BULK_READ_VENDORS ? this.latestNamesByVendor() : null;
    // Vendors whose corrected names changed are re-indexed too, with those names beside the parsed.
    const renamed = list.filter(
      (v) =>
        (correctedNames.get(v.id)?.key ?? '') !== (this.correctedNames.get(v.id) ?? '') &&
        !changed.includes(v),
    );
    for (const v of [...changed, ...renamed]) {
      const snapshotId = latest.get(v.id) ?? null;
      const entries =
        bulk?.get(v.id) ??
        (bulk || snapshotId === null ? [] : this.store.snapshotEntryNames(snapshotId));
      this.names.setVendor(v.id, v.name, [...entries, ...(correctedNames.get(v.id)?.names ?? [])]);
    }
    this.correctedNames = new Map([...correctedNames].map(([id, c]) => [id, c.key]));
    const indexed = new Map(list.map((v) => [v.id, latest.get(v.id) ?? null]));
    for (const id of this.indexed.keys()) {
      if (!indexed.has(id)) {
        this.names.removeVendor(id);
      }
    }
    this.indexed = indexed;
    this.vendorCache = {
      version,
      correctionsVersion,
      list,
      lower: list.map((v) => v.name.toLowerCase()),
    };
    return this.vendorCache;
  }

  /**
   * Reads the active corrections of latest snapshots into `corrected`, and returns each vendor's
   * corrected entry names for the name index (with a key to tell whether they changed).
   */
  private readCorrections(): Map<
    number,
    { key: string; names: { name: string; entryId: number }[] }
  > {
    const corrected = new Map<number, CorrectedEntry>();
    const fields = new Map<number, Set<TextCorrectionRow['field']>>();
    for (const r of this.store.latestTextCorrections()) {
      const e = corrected.get(r.entryId) ?? {
        vendorId: r.vendorId,
        vendorName: r.vendorName,
        name: r.name,
        legalEntity: r.legalEntity,
        purpose: r.purpose,
        countries: r.countries,
        words: [],
      };
      const value = parseText(r.value);
      if (value !== null) {
        e[r.field] = value;
        fields.set(r.entryId, (fields.get(r.entryId) ?? new Set()).add(r.field));
      }
      corrected.set(r.entryId, e);
    }
    const byVendor = new Map<number, { key: string; names: { name: string; entryId: number }[] }>();
    for (const [entryId, e] of corrected) {
      const mine = [...(fields.get(entryId) ?? [])];
      e.words = words(mine.map((f) => e[f] ?? '').join(' '));
      if (mine.includes('name') && e.name) {
        const v = byVendor.get(e.vendorId) ?? { key: '', names: [] };
        v.names.push({ name: e.name, entryId });
        v.key += `${entryId}:${e.name}\n`;
        byVendor.set(e.vendorId, v);
      }
    }
    this.corrected = corrected;
    return byVendor;
  }

  private latestNamesByVendor(): Map<number, { name: string; entryId: number }[]> {
    const out = new Map<number, { name: string; entryId: number }[]>();
    for (const [vendorId, name, entryId] of this.store.latestEntryNameRows()) {
      const names = out.get(vendorId) ?? [];
      names.push({ name, entryId });
      out.set(vendorId, names);
    }
    return out;
  }
}

/** A stored correction's JSON text as a string; null when it holds no text. */
function parseText(json: string): string | null {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}
