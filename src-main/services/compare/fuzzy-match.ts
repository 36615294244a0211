/**
 * Fuzzy name matching for entries that canonical identity could not pair: a row renamed between
 * two snapshots ("Sendgrid" -> "Twilio SendGrid", "Intercom R&D Unlimited Company" -> "Intercom")
 * should read as one changed entry, not as a removal plus an addition.
 */
import Fuse from 'fuse.js';
import type { ParsedEntry } from '../../../src-shared/domain';
import { nameKey } from '../resources';

type Named = Pick<ParsedEntry, 'name' | 'legalEntity'>;

/**
 * The largest mean Bitap score (0 = identical, 1 = nothing in common) of the two search
 * directions that still counts as the same sub-processor, i.e. similarity >= 0.65.
 *
 * Bitap scores a pattern *inside* a text, so containment scores ~0 one way only ("sendgrid" in
 * "twilio sendgrid": 0.00; the reverse: 0.47). The mean of both directions is symmetric and
 * rewards containment without making it a perfect match. Measured: renames and misspellings score
 * 0.11-0.33 ("acme analytics"/"acme analytix" 0.11, "sendgrid"/"twilio sendgrid" 0.23, "intercom
 * r and d"/"intercom" 0.25, "mongodb atlas"/"mongodb" 0.23, "heroku"/"salesforce heroku" 0.32);
 * most different companies score 0.46 and up ("zendesk"/"zenefits" 0.46, "hubspot"/"hotjar" 0.62,
 * "stripe"/"slack" 0.82). Over all 35,000 pairs of the catalog's 265 canonical names, 0.35 accepts
 * 20: family names ("Microsoft"/"Microsoft 365", "Google"/"Google Analytics") and a few one-edit
 * look-alikes ("JumpCloud"/"UpCloud", "Loom"/"Zoom"). No string measure tells a typo from a
 * one-letter-different company, which is why the diff never fuzzy-pairs two entries the catalog
 * knows as different sub-processors and marks every fuzzy pair `match: 'fuzzy'` for review.
 */
export const MAX_MEAN_SCORE = 0.35;

/**
 * Candidates whose similarity is within this margin of an entry's best candidate are equally
 * plausible: the diff reports the entry as ambiguous instead of guessing. One edit moves the mean
 * score by about 1/length (0.07-0.12 on names of 8-15 letters), so candidates within 0.05 are less
 * than one edit apart: nothing in the names tells them apart.
 */
export const AMBIGUITY_MARGIN = 0.05;

// A direction whose score exceeds this cannot bring the mean under MAX_MEAN_SCORE whatever the
// other direction scores, so Bitap may stop searching there.
const RETRIEVAL_THRESHOLD = MAX_MEAN_SCORE * 2;

// Fuse's Bitap works on patterns of up to 32 letters and splits longer ones into chunks.
const BITAP_MAX_PATTERN = 32;

const MATCH_OPTIONS = {
  // Names are short and a rename may prepend a word ("Twilio SendGrid"): where a match sits in the
  // name must not matter.
  ignoreLocation: true,
  threshold: RETRIEVAL_THRESHOLD,
};

interface NameRecord {
  owner: number;
  text: string;
  bigrams: Map<string, number>;
}

/** A pair of entries (indexes into the two lists) that fuzzy matching finds plausible. */
export interface FuzzyPair {
  before: number;
  after: number;
  /** 0..1, rounded to 3 decimals so equal-looking scores compare equal. */
  similarity: number;
}

function words(name: string): string[] {
  // The same tokenisation as nameKey, so the words below line up with its key.
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.'’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

// The same names come back in every diff of a vendor; their readings need computing once.
const MAX_MEMO_NAMES = 50_000;
const comparable = new Map<string, string>();

/**
 * A name as lower-case words without trailing legal forms ("Intercom R&D Unlimited Company" ->
 * "intercom r and d"). Reuses nameKey's legal-form list by keeping the words that spell its key,
 * so both modules agree on what a legal form is.
 */
export function comparableName(name: string): string {
  let known = comparable.get(name);
  if (known === undefined) {
    if (comparable.size >= MAX_MEMO_NAMES) {
      comparable.clear();
    }
    known = readComparableName(name);
    comparable.set(name, known);
  }
  return known;
}

function readComparableName(name: string): string {
  const all = words(name);
  const key = nameKey(name);
  for (const start of all[0] === 'the' ? [1, 0] : [0]) {
    let spelled = '';
    for (let i = start; i < all.length && spelled.length < key.length; i += 1) {
      spelled += all[i];
      if (spelled === key) {
        return all.slice(start, i + 1).join(' ');
      }
    }
  }
  return all.join(' ');
}

const bigramMemo = new Map<string, Map<string, number>>();

/** Bigram counts of a comparable name, memoised with the same bound as the names. */
function bigramsOf(text: string): Map<string, number> {
  let known = bigramMemo.get(text);
  if (!known) {
    if (bigramMemo.size >= MAX_MEMO_NAMES) {
      bigramMemo.clear();
    }
    known = countBigrams(text);
    bigramMemo.set(text, known);
  }
  return known;
}

function countBigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i += 1) {
    const gram = text.slice(i, i + 2);
    out.set(gram, (out.get(gram) ?? 0) + 1);
  }
  return out;
}

function recordsOf(entries: readonly Named[]): NameRecord[] {
  const out: NameRecord[] = [];
  entries.forEach((entry, owner) => {
    // The legal entity counts as a second name: a page may print the brand in one snapshot and
    // the contracting entity in the next.
    const texts = new Set(
      [entry.name, entry.legalEntity ?? ''].map(comparableName).filter((t) => t.length > 0),
    );
    for (const text of texts) {
      out.push({ owner, text, bigrams: bigramsOf(text) });
    }
  });
  return out;
}

/**
 * The least Bitap score `pattern` can get in `text`, from the q-gram lemma: a pattern of m letters
 * found with k edits shares at least m - 1 - 2k bigrams with the text, so k >= (m - 1 - shared) / 2;
 * and a pattern longer than the text needs at least the difference in deletions. Fuse scores
 * k / m (location ignored). Patterns Fuse splits into chunks get no bound (0), to stay safe.
 */
function leastScore(pattern: number, text: number, shared: number): number {
  if (pattern > BITAP_MAX_PATTERN) {
    return 0;
  }
  return Math.max(0, (pattern - 1 - shared) / 2, pattern - text) / pattern;
}

// Two reused DP rows: the distance runs thousands of times per diff and must not allocate.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * The fewest edits that turn `pattern` into some substring of `text` (Sellers' semi-global edit
 * distance), or `cap + 1` once it must exceed `cap`. Fuse reports a Bitap match at error level i
 * only when such an alignment with at most i edits exists, and scores it i / m, so this / m is a
 * lower bound of Fuse's score: pruning on it never drops a pair Fuse would accept. It costs ~1 µs
 * per pair against Fuse's ~15 µs, and rows stop early once they pass the cap.
 */
function substringDistance(pattern: string, text: string, cap: number): number {
  if (rowA.length <= text.length) {
    rowA = new Int32Array(text.length * 2 + 1);
    rowB = new Int32Array(text.length * 2 + 1);
  }
  let prev = rowA.fill(0, 0, text.length + 1); // row 0: a match may start anywhere in the text
  let cur = rowB;
  for (let i = 1; i <= pattern.length; i += 1) {
    cur[0] = i;
    let rowMin = i;
    const letter = pattern.charCodeAt(i - 1);
    for (let j = 1; j <= text.length; j += 1) {
      const cost = (prev[j - 1] ?? 0) + (letter === text.charCodeAt(j - 1) ? 0 : 1);
      const gap = Math.min(prev[j] ?? 0, cur[j - 1] ?? 0) + 1;
      const value = cost < gap ? cost : gap;
      cur[j] = value;
      if (value < rowMin) {
        rowMin = value;
      }
    }
    // Every cell derives from the row above plus a non-negative cost: row minima never fall.
    if (rowMin > cap) {
      return cap + 1;
    }
    [prev, cur] = [cur, prev];
  }
  let best = pattern.length;
  for (let j = 0; j <= text.length; j += 1) {
    best = Math.min(best, prev[j] ?? best);
  }
  return best;
}

/** A lower bound of Fuse's score for `pattern` in `text`, exact edits where the bound holds. */
function leastEditScore(pattern: string, text: string, cap: number): number {
  if (pattern.length > BITAP_MAX_PATTERN) {
    return 0;
  }
  return substringDistance(pattern, text, cap) / pattern.length;
}

function bitapScore(pattern: string, text: string): number {
  const result = Fuse.match(pattern, text, MATCH_OPTIONS);
  return result.isMatch ? result.score : 1;
}

function isWholeWordsOf(short: string, long: string): boolean {
  return ` ${long} `.includes(` ${short} `);
}

/**
 * Similarity of two comparable names, 0 when they are not plausibly the same sub-processor.
 * `shared` is the number of bigrams they have in common.
 */
function nameSimilarity(a: NameRecord, b: NameRecord, shared: number): number {
  const [m, n] = [a.text.length, b.text.length];
  const budget = 2 * MAX_MEAN_SCORE;
  // Bounds from cheapest to dearest, each a floor under Fuse's score, so unrelated names stop
  // long before Bitap: bigram counts (O(1)), then edit distance (O(m·n)), then Fuse itself.
  const gramThere = leastScore(m, n, shared);
  const gramBack = leastScore(n, m, shared);
  if (gramThere + gramBack > budget) {
    return 0;
  }
  const editThere = leastEditScore(a.text, b.text, Math.floor(m * (budget - gramBack)));
  if (editThere + gramBack > budget) {
    return 0;
  }
  const editBack = leastEditScore(b.text, a.text, Math.floor(n * (budget - editThere)));
  if (editThere + editBack > budget) {
    return 0;
  }
  const there = bitapScore(a.text, b.text);
  const back = bitapScore(b.text, a.text);
  const mean = (there + back) / 2;
  if (mean > MAX_MEAN_SCORE) {
    return 0;
  }
  // A pair that passes only because one name sits inside the other must contain it as whole
  // words: "SendGrid" in "Twilio SendGrid" is a rename, "Box" in "Dropbox" is not.
  if (Math.max(there, back) > MAX_MEAN_SCORE) {
    const [short, long] = m <= n ? [a.text, b.text] : [b.text, a.text];
    if (!isWholeWordsOf(short, long)) {
      return 0;
    }
  }
  return Math.round((1 - mean) * 1000) / 1000;
}

/**
 * Every plausible (before, after) pair with its similarity, from the best-matching reading
 * (name or legal entity) of each side; `canPair` vetoes pairs known to differ before any scoring.
 *
 * Cost: Fuse's Bitap costs ~15 µs per pair here, far too much to run on all b·a pairs. A bigram
 * inverted index counts shared bigrams for all pairs in O(b·a + postings) integer work; an exact
 * edit-distance bound runs on the few pairs that survive; Bitap only on pairs that can still pass.
 */
export function fuzzyPairs(
  before: readonly Named[],
  after: readonly Named[],
  canPair: (before: number, after: number) => boolean = () => true,
): FuzzyPair[] {
  const oldNames = recordsOf(before);
  const newNames = recordsOf(after);
  if (oldNames.length === 0 || newNames.length === 0) {
    return [];
  }
  const postings = new Map<string, { record: number; count: number }[]>();
  oldNames.forEach((record, index) => {
    for (const [gram, count] of record.bigrams) {
      const list = postings.get(gram) ?? [];
      list.push({ record: index, count });
      postings.set(gram, list);
    }
  });

  const best = new Map<number, number>();
  const shared = new Int32Array(oldNames.length);
  for (const newName of newNames) {
    shared.fill(0);
    for (const [gram, count] of newName.bigrams) {
      for (const posting of postings.get(gram) ?? []) {
        shared[posting.record] = (shared[posting.record] ?? 0) + Math.min(count, posting.count);
      }
    }
    oldNames.forEach((oldName, index) => {
      if (!canPair(oldName.owner, newName.owner)) {
        return;
      }
      const similarity = nameSimilarity(oldName, newName, shared[index] ?? 0);
      const pair = oldName.owner * after.length + newName.owner;
      if (similarity > 0 && similarity > (best.get(pair) ?? 0)) {
        best.set(pair, similarity);
      }
    });
  }
  return [...best].map(([pair, similarity]) => ({
    before: Math.floor(pair / after.length),
    after: pair % after.length,
    similarity,
  }));
}
