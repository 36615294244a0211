/**
 * What changed between two snapshots of one vendor's list: entries paired by canonical identity,
 * then leftovers paired by fuzzy name, then field-by-field comparison of each pair.
 */
import { assertNever } from '../../../src-shared/errors';
import type { Entry } from '../../../src-shared/domain';
import {
  DIFF_FIELDS,
  type AmbiguousMatch,
  type ChangedEntry,
  type DiffField,
  type FieldChange,
  type SnapshotDiff,
} from '../../../src-shared/review';
import type { KnownSubprocessor } from '../resources';
import { entityKeyFor } from './entity-keys';
import { AMBIGUITY_MARGIN, fuzzyPairs } from './fuzzy-match';

/** Names sort case-insensitively, then by their place on the page, so output never depends on input order. */
export function compareEntries(a: Entry, b: Entry): number {
  const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
  if (x !== y) {
    return x < y ? -1 : 1;
  }
  if (a.name !== b.name) {
    return a.name < b.name ? -1 : 1;
  }
  return a.position - b.position || a.id - b.id;
}

// Pages re-flow text: "Dublin,  Ireland" and "Dublin, Ireland" say the same thing, but a change of
// case may be a real correction ("AWS" -> "aws" is rare; "Acme ltd" -> "Acme Ltd" is a legal name).
function text(value: string | null): string {
  return (value ?? '').trim().replace(/\s+/g, ' ');
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  // Common case: the list is printed exactly as before.
  if (a.length === b.length && a.every((v, i) => v === b[i])) {
    return true;
  }
  const x = new Set(a.map(text));
  const y = new Set(b.map(text));
  if (x.size !== y.size) {
    return false;
  }
  for (const v of x) {
    if (!y.has(v)) {
      return false;
    }
  }
  return true;
}

function valueOf(entry: Entry, field: DiffField): string | readonly string[] | null {
  switch (field) {
    case 'name':
      return entry.name;
    case 'legalEntity':
      return entry.legalEntity;
    case 'purpose':
      return entry.purpose;
    case 'countries':
      return entry.countries;
    case 'transfer':
      return entry.transfer;
    case 'status':
      return entry.status;
    case 'section':
      return entry.section;
    case 'dataCategories':
      return entry.dataCategories;
    default:
      return assertNever(field);
  }
}

/** The fields that differ between two versions of an entry, in DIFF_FIELDS order; lists as printed. */
export function fieldChanges(before: Entry, after: Entry): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of DIFF_FIELDS) {
    const x = valueOf(before, field);
    const y = valueOf(after, field);
    if (x === y) {
      continue;
    }
    if (Array.isArray(x) || Array.isArray(y)) {
      const [xs, ys] = [(x ?? []) as readonly string[], (y ?? []) as readonly string[]];
      if (!sameSet(xs, ys)) {
        out.push({ field, before: [...xs], after: [...ys] });
      }
    } else if (text(x as string | null) !== text(y as string | null)) {
      out.push({ field, before: x as string | null, after: y as string | null });
    }
  }
  return out;
}

function agreement(a: Entry, b: Entry): number {
  return DIFF_FIELDS.length - fieldChanges(a, b).length;
}

/**
 * Pairs entries that share one identity. Nearly always one on each side; when a page lists a
 * sub-processor twice (per region, per purpose), the most alike rows pair first. Either pairing
 * is the same sub-processor, so this is a choice of presentation, not a guess about identity.
 */
function pairGroup(olds: Entry[], news: Entry[]): { pairs: [Entry, Entry][]; rest: Entry[][] } {
  const [onlyOld, onlyNew] = [olds[0], news[0]];
  if (olds.length === 1 && news.length === 1 && onlyOld && onlyNew) {
    return { pairs: [[onlyOld, onlyNew]], rest: [[], []] };
  }
  const options = olds.flatMap((o) => news.map((n) => ({ o, n, score: agreement(o, n) })));
  options.sort(
    (p, q) =>
      q.score - p.score ||
      Math.abs(p.o.position - p.n.position) - Math.abs(q.o.position - q.n.position) ||
      compareEntries(p.o, q.o) ||
      compareEntries(p.n, q.n),
  );
  const used = new Set<Entry>();
  const pairs: [Entry, Entry][] = [];
  for (const { o, n } of options) {
    if (!used.has(o) && !used.has(n)) {
      used.add(o);
      used.add(n);
      pairs.push([o, n]);
    }
  }
  return {
    pairs,
    rest: [olds.filter((e) => !used.has(e)), news.filter((e) => !used.has(e))],
  };
}

function groupByKey(entries: readonly Entry[], keyOf: (e: Entry) => string): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    const key = keyOf(entry);
    const group = groups.get(key);
    if (group) {
      group.push(entry);
    } else {
      groups.set(key, [entry]);
    }
  }
  return groups;
}

interface Candidate {
  other: number;
  similarity: number;
}

/** Candidates within AMBIGUITY_MARGIN of the best one, best first; [] when there are none. */
function plausible(candidates: Candidate[], isFree: (i: number) => boolean): Candidate[] {
  const free = candidates.filter((c) => isFree(c.other));
  const top = free[0]?.similarity ?? 0;
  return free.filter((c) => c.similarity >= top - AMBIGUITY_MARGIN);
}

/**
 * Pairs leftovers by fuzzy name. A pair is taken only when each entry is the other's clear best
 * candidate (no rival within AMBIGUITY_MARGIN); rounds repeat so that once a clear pair is taken,
 * an entry it was competing with can pair with what remains. Entries left with two or more
 * near-equal candidates are reported as ambiguous rather than guessed.
 */
function matchFuzzy(
  olds: Entry[],
  news: Entry[],
  oldKeys: string[],
  newKeys: string[],
): { pairs: { before: Entry; after: Entry; similarity: number }[]; ambiguous: AmbiguousMatch[] } {
  // Two rows the catalog knows as different sub-processors (JumpCloud and UpCloud, Microsoft and
  // Microsoft 365) are never a rename, however alike the names look.
  const canPair = (o: number, n: number): boolean =>
    !(oldKeys[o]?.startsWith('known:') && newKeys[n]?.startsWith('known:'));
  const found = fuzzyPairs(olds, news, canPair);
  const oldCands: Candidate[][] = olds.map(() => []);
  const newCands: Candidate[][] = news.map(() => []);
  for (const { before, after, similarity } of found) {
    oldCands[before]?.push({ other: after, similarity });
    newCands[after]?.push({ other: before, similarity });
  }
  const rank = (side: Entry[]) => (p: Candidate, q: Candidate) =>
    q.similarity - p.similarity || compareEntries(side[p.other] as Entry, side[q.other] as Entry);
  oldCands.forEach((c) => c.sort(rank(news)));
  newCands.forEach((c) => c.sort(rank(olds)));

  const oldTaken = new Array<boolean>(olds.length).fill(false);
  const newTaken = new Array<boolean>(news.length).fill(false);
  const pairs: { before: Entry; after: Entry; similarity: number }[] = [];
  const clearBest = (cands: Candidate[], isFree: (i: number) => boolean): Candidate | undefined => {
    const best = plausible(cands, isFree);
    return best.length === 1 ? best[0] : undefined;
  };
  for (let progress = true; progress;) {
    progress = false;
    oldCands.forEach((cands, o) => {
      if (oldTaken[o]) {
        return;
      }
      const mine = clearBest(cands, (n) => !newTaken[n]);
      const theirs = mine && clearBest(newCands[mine.other] ?? [], (i) => !oldTaken[i]);
      if (mine && theirs?.other === o) {
        oldTaken[o] = true;
        newTaken[mine.other] = true;
        pairs.push({
          before: olds[o] as Entry,
          after: news[mine.other] as Entry,
          similarity: mine.similarity,
        });
        progress = true;
      }
    });
  }

  const ambiguous: AmbiguousMatch[] = [];
  const report = (
    side: 'before' | 'after',
    entries: Entry[],
    others: Entry[],
    cands: Candidate[][],
    taken: boolean[],
    otherTaken: boolean[],
  ): void => {
    cands.forEach((list, i) => {
      const rivals = taken[i] ? [] : plausible(list, (j) => !otherTaken[j]);
      if (rivals.length >= 2) {
        ambiguous.push({
          entry: entries[i] as Entry,
          side,
          candidates: rivals.map((c) => ({
            entry: others[c.other] as Entry,
            similarity: c.similarity,
          })),
        });
      }
    });
  };
  report('before', olds, news, oldCands, oldTaken, newTaken);
  report('after', news, olds, newCands, newTaken, oldTaken);
  return { pairs, ambiguous };
}

/**
 * Diff of two snapshots' entries: added, removed, changed (with field-level changes), ambiguous.
 *
 * Entries with two or more equally plausible fuzzy candidates stay in added/removed AND are listed
 * in `ambiguous`, so nothing is hidden and nothing is guessed. Cost: O(n) for keys and identity
 * pairing (memoised entityKey, hash groups); fuzzy matching only over the entries identity could
 * not pair (see fuzzyPairs); O(n log n) to sort the output.
 */
export function diffEntries(
  before: Entry[],
  after: Entry[],
  catalog: readonly KnownSubprocessor[],
): SnapshotDiff {
  const keyOf = entityKeyFor(catalog);
  const oldGroups = groupByKey(before, keyOf);
  const newGroups = groupByKey(after, keyOf);

  const matched: {
    before: Entry;
    after: Entry;
    match: 'identity' | 'fuzzy';
    similarity: number;
  }[] = [];
  const oldLeft: Entry[] = [];
  const oldLeftKeys: string[] = [];
  const newLeft: Entry[] = [];
  const newLeftKeys: string[] = [];
  for (const [key, olds] of oldGroups) {
    const news = newGroups.get(key);
    const { pairs, rest } = news ? pairGroup(olds, news) : { pairs: [], rest: [olds, []] };
    for (const [o, n] of pairs) {
      matched.push({ before: o, after: n, match: 'identity', similarity: 1 });
    }
    for (const o of rest[0] ?? []) {
      oldLeft.push(o);
      oldLeftKeys.push(key);
    }
    for (const n of rest[1] ?? []) {
      newLeft.push(n);
      newLeftKeys.push(key);
    }
  }
  for (const [key, news] of newGroups) {
    if (!oldGroups.has(key)) {
      for (const n of news) {
        newLeft.push(n);
        newLeftKeys.push(key);
      }
    }
  }

  const fuzzy = matchFuzzy(oldLeft, newLeft, oldLeftKeys, newLeftKeys);
  const pairedOld = new Set<Entry>();
  const pairedNew = new Set<Entry>();
  for (const pair of fuzzy.pairs) {
    matched.push({ ...pair, match: 'fuzzy' });
    pairedOld.add(pair.before);
    pairedNew.add(pair.after);
  }

  const changed: ChangedEntry[] = [];
  let unchangedCount = 0;
  for (const pair of matched) {
    const fields = fieldChanges(pair.before, pair.after);
    if (fields.length === 0) {
      unchangedCount += 1;
    } else {
      changed.push({ ...pair, fields });
    }
  }
  changed.sort((p, q) => compareEntries(p.after, q.after) || compareEntries(p.before, q.before));
  return {
    added: newLeft.filter((e) => !pairedNew.has(e)).sort(compareEntries),
    removed: oldLeft.filter((e) => !pairedOld.has(e)).sort(compareEntries),
    changed,
    unchangedCount,
    ambiguous: fuzzy.ambiguous.sort(
      (p, q) => compareEntries(p.entry, q.entry) || (p.side < q.side ? -1 : 1),
    ),
  };
}
