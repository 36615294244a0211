/** Where a name occurs: a vendor's own name (entryId null) or an entry of its latest snapshot. */
export interface NameRef {
  vendorId: number;
  vendorName: string;
  entryId: number | null;
}

/** One distinct name, with every vendor that uses it. */
export interface NameDoc {
  name: string;
  refs: NameRef[];
}

interface Slot extends NameDoc {
  id: number;
  grams: string[];
  /** refs are kept unsorted while vendors change and sorted on first read. */
  sorted: boolean;
}

/** Lower case, accents and other marks dropped, spaces collapsed: what trigrams are taken from. */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Distinct trigrams of a padded string, so names shorter than three characters still have some. */
export function trigrams(s: string): string[] {
  const t = ` ${fold(s)} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) {
    out.add(t.slice(i, i + 3));
  }
  return [...out];
}

/** Vendors in id order (the order they were first imported), each vendor's own name first. */
export const byRef = (a: NameRef, b: NameRef): number =>
  a.vendorId - b.vendorId || (a.entryId ?? -1) - (b.entryId ?? -1);

/**
 * The names global search matches typos against: each distinct name once (catalog names such as
 * "Amazon Web Services" repeat across hundreds of vendors), mapped to the vendors that use it, with
 * a trigram → names map that narrows a query to the few hundred names sharing the most trigrams
 * with it, so the fuzzy scorer never scans them all. Updated one vendor at a time.
 */
export class NameIndex {
  private readonly ids = new Map<string, number>();
  private readonly slots: (Slot | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly byVendor = new Map<number, string[]>();
  private counts = new Uint16Array(1024);

  /** Number of distinct names indexed. */
  get size(): number {
    return this.ids.size;
  }

  /**
   * Replaces what a vendor contributes: its own name and the names of its latest entries, each
   * name once with its first entry.
   */
  setVendor(
    vendorId: number,
    vendorName: string,
    entries: readonly { name: string; entryId: number }[],
  ): void {
    this.removeVendor(vendorId);
    const add = (name: string, entryId: number | null): NameRef => {
      const slot = this.slotFor(name);
      const ref = { vendorId, vendorName, entryId };
      slot.refs.push(ref);
      slot.sorted = false;
      return ref;
    };
    add(vendorName, null);
    const seen = new Map<string, NameRef>();
    for (const e of entries) {
      const ref = e.name ? seen.get(e.name) : undefined;
      if (ref) {
        ref.entryId = Math.min(ref.entryId ?? e.entryId, e.entryId);
      } else if (e.name) {
        seen.set(e.name, add(e.name, e.entryId));
      }
    }
    const names = new Set(seen.keys()).add(vendorName);
    this.byVendor.set(vendorId, [...names]);
  }

  removeVendor(vendorId: number): void {
    const names = this.byVendor.get(vendorId);
    if (!names) {
      return;
    }
    this.byVendor.delete(vendorId);
    for (const name of names) {
      const id = this.ids.get(name);
      const slot = id === undefined ? undefined : this.slots[id];
      if (!slot) {
        continue;
      }
      slot.refs = slot.refs.filter((r) => r.vendorId !== vendorId);
      if (slot.refs.length === 0) {
        this.drop(slot);
      }
    }
  }

  /** The vendors using a name, in `byRef` order. */
  refsOf(doc: NameDoc): readonly NameRef[] {
    const slot = doc as Slot;
    if (!slot.sorted) {
      slot.refs.sort(byRef);
      slot.sorted = true;
    }
    return slot.refs;
  }

  /**
   * At most `max` names sharing a trigram with `q`, those sharing the most first (ties: shorter
   * names, which the fuzzy scorer also prefers). A typo spoils at most three trigrams, so the
   * intended name stays among the best-sharing ones while unrelated names drop out.
   */
  candidates(q: string, max: number): NameDoc[] {
    const grams = trigrams(q);
    const counts = this.counts;
    const touched: number[] = [];
    for (const g of grams) {
      const ids = this.postings.get(g);
      if (!ids) {
        continue;
      }
      for (const id of ids) {
        const c = counts[id] ?? 0;
        counts[id] = c + 1;
        if (c === 0) {
          touched.push(id);
        }
      }
    }
    let chosen = touched;
    if (touched.length > max) {
      // Lowest shared count that still lets `max` names in; above it all are taken.
      const perCount = new Array<number>(grams.length + 1).fill(0);
      for (const id of touched) {
        const c = counts[id] ?? 0;
        perCount[c] = (perCount[c] ?? 0) + 1;
      }
      let cut = grams.length;
      let taken = perCount[cut] ?? 0;
      while (cut > 1 && taken + (perCount[cut - 1] ?? 0) <= max) {
        cut--;
        taken += perCount[cut] ?? 0;
      }
      if (taken < max) {
        cut--;
      }
      const above: number[] = [];
      const atCut: number[] = [];
      for (const id of touched) {
        const c = counts[id] ?? 0;
        if (c > cut) {
          above.push(id);
        } else if (c === cut) {
          atCut.push(id);
        }
      }
      const length = (id: number): number => this.slots[id]?.name.length ?? 0;
      atCut.sort((a, b) => length(a) - length(b) || a - b);
      chosen = above.concat(atCut.slice(0, max - above.length));
    }
    for (const id of touched) {
      counts[id] = 0;
    }
    const out: NameDoc[] = [];
    for (const id of chosen) {
      const slot = this.slots[id];
      if (slot) {
        out.push(slot);
      }
    }
    return out;
  }

  private slotFor(name: string): Slot {
    const known = this.ids.get(name);
    const existing = known === undefined ? undefined : this.slots[known];
    if (existing) {
      return existing;
    }
    const id = this.free.pop() ?? this.slots.length;
    const slot: Slot = { id, name, refs: [], grams: trigrams(name), sorted: true };
    this.slots[id] = slot;
    this.ids.set(name, id);
    for (const g of slot.grams) {
      const ids = this.postings.get(g);
      if (ids) {
        ids.push(id);
      } else {
        this.postings.set(g, [id]);
      }
    }
    if (id >= this.counts.length) {
      const grown = new Uint16Array(Math.max(id + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    return slot;
  }

  private drop(slot: Slot): void {
    for (const g of slot.grams) {
      const ids = this.postings.get(g);
      const at = ids?.indexOf(slot.id) ?? -1;
      if (ids && at >= 0) {
        // order does not matter: swap the last one in
        ids[at] = ids[ids.length - 1] ?? slot.id;
        ids.pop();
        if (ids.length === 0) {
          this.postings.delete(g);
        }
      }
    }
    this.ids.delete(slot.name);
    this.slots[slot.id] = undefined;
    this.free.push(slot.id);
  }
}
