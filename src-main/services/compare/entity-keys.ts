import type { ParsedEntry } from '../../../src-shared/domain';
import { entityKey } from '../identity';
import type { KnownSubprocessor } from '../resources';

type Keyed = Pick<ParsedEntry, 'name' | 'legalEntity' | 'purpose'>;

/** The prefix `entityKey` gives catalog identities. */
const KNOWN = 'known:';

// entityKey normalises and looks up several readings of each name (a few µs per call). The same
// names recur in every snapshot and across a portfolio, so a per-catalog memo turns the diff and
// the matrix into hash lookups after the first pass. Bounded so a long session cannot grow it
// without limit; a cleared memo only costs the next call its first-pass price.
const MAX_MEMO_NAMES = 50_000;
// Nested by name, then legal entity: two lookups and no string building on the hot path. null
// marks a nameless row, whose key depends on its purpose and is computed every time (rare).
type Memo = Map<string, Map<string | null, string | null>>;
const memos = new WeakMap<readonly KnownSubprocessor[], Memo>();

/** A memoised `entityKey` for one catalog. */
export function entityKeyFor(catalog: readonly KnownSubprocessor[]): (entry: Keyed) => string {
  let found = memos.get(catalog);
  if (!found) {
    found = new Map();
    memos.set(catalog, found);
  }
  const memo = found;
  return (entry) => {
    let byLegal = memo.get(entry.name);
    if (!byLegal) {
      if (memo.size >= MAX_MEMO_NAMES) {
        memo.clear();
      }
      byLegal = new Map();
      memo.set(entry.name, byLegal);
    }
    const cached = byLegal.get(entry.legalEntity);
    if (typeof cached === 'string') {
      return cached;
    }
    const key = entityKey(catalog, entry);
    if (cached === undefined) {
      byLegal.set(entry.legalEntity, key.startsWith('unnamed:') ? null : key);
    }
    return key;
  };
}

const byIds = new WeakMap<readonly KnownSubprocessor[], Map<string, KnownSubprocessor>>();

/**
 * The catalog entry a `known:` key names (what `knownSubprocessorOf` found when the key was made),
 * by id instead of matching the name again; undefined for other keys.
 */
export function knownOfKeyFor(
  catalog: readonly KnownSubprocessor[],
): (key: string) => KnownSubprocessor | undefined {
  let byId = byIds.get(catalog);
  if (!byId) {
    byId = new Map(catalog.map((k) => [k.id, k]));
    byIds.set(catalog, byId);
  }
  const index = byId;
  return (key) => (key.startsWith(KNOWN) ? index.get(key.slice(KNOWN.length)) : undefined);
}
