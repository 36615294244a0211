import type { TransferMechanism } from '../../../src-shared/domain';

export interface TransferMatch {
  mechanism: TransferMechanism;
  start: number;
  end: number;
}

// Order matters: the UK addendum mentions SCCs and "international data transfer" by name.
const PATTERNS: [TransferMechanism, RegExp][] = [
  [
    'UK_ADDENDUM',
    /\bUK\s+(?:International\s+Data\s+Transfer\s+)?Addendum\b|\bInternational\s+Data\s+Transfer\s+Addendum\b|\bUK\s+SCCs?\b|\bUK\s+Standard\s+Contractual\s+Clauses\b|\bUK\s+Extension\b/gi,
  ],
  ['IDTA', /\bIDTA\b|\bInternational\s+Data\s+Transfer\s+Agreement\b/gi],
  [
    'SCC',
    /\b(?:EU\s+)?SCCs?\b|\bStandard\s+Contractual\s+Clauses\b|\bStandard\s+Data\s+Protection\s+Clauses\b|\bModel\s+(?:Contract\s+)?Clauses\b|\bEU\s+Model\s+Contracts?\b/gi,
  ],
  [
    'DPF',
    /\bDPF\b|\b(?:EU[-–\s]+U\.?S\.?\s+|Swiss[-–\s]+U\.?S\.?\s+)?Data\s+Privacy\s+Framework\b|\bUK\s+Extension\s+to\s+the\s+(?:EU[-–\s]+U\.?S\.?\s+)?DPF\b/gi,
  ],
  ['BCR', /\bBCRs?\b|\bBinding\s+Corporate\s+Rules\b/gi],
  [
    'ADEQUACY',
    /\bAdequacy(?:\s+Decisions?)?\b|\badequate\s+(?:country|jurisdiction|level\s+of\s+(?:data\s+)?protection)\b|\bArt(?:icle|\.)?\s*45\b/gi,
  ],
];

/**
 * Words every match of the pattern of the same index contains (lower case); a text with none of
 * them skips that pattern. Most cells a row offers (purposes, places) name no mechanism at all.
 */
const PATTERN_WORDS: readonly (readonly string[])[] = [
  ['addendum', 'scc', 'clauses', 'extension'],
  ['idta', 'agreement'],
  ['scc', 'clauses', 'contract'],
  ['dpf', 'framework'],
  ['bcr', 'binding'],
  ['adequa', '45'],
];

function hasAnyWord(lower: string, words: readonly string[]): boolean {
  for (const w of words) if (lower.includes(w)) return true;
  return false;
}

/** Every transfer mechanism named in `text`, in order of appearance, with its position. */
export function findTransfers(text: string): TransferMatch[] {
  const out: TransferMatch[] = [];
  const taken: [number, number][] = [];
  const lower = text.toLowerCase();
  for (const [k, [mechanism, re]] of PATTERNS.entries()) {
    if (!hasAnyWord(lower, PATTERN_WORDS[k] ?? [])) continue;
    // exec over the shared global pattern: matchAll would clone it on every call
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      // "not adequate", "no adequacy decision" deny rather than name a mechanism
      if (
        mechanism === 'ADEQUACY' &&
        /\b(no|not|without|lacks?)\s+(an\s+)?$/i.test(text.slice(Math.max(0, start - 12), start))
      ) {
        continue;
      }
      taken.push([start, end]);
      out.push({ mechanism, start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function transfersIn(text: string): TransferMechanism[] {
  const out: TransferMechanism[] = [];
  for (const m of findTransfers(text)) if (!out.includes(m.mechanism)) out.push(m.mechanism);
  return out;
}

/**
 * A mechanism the page states for all transfers ("all transfers rely on SCCs"). One named only
 * as an example ("e.g. SCCs", "such as") is not a commitment (LABELING.md).
 */
export function pageWideTransfers(sentence: string): TransferMechanism[] {
  if (!/\btransfer/i.test(sentence)) return [];
  if (
    /\b(e\.g\.|eg\.|for example|for instance|such as|including|where applicable|may rely|can rely)/i.test(
      sentence,
    )
  ) {
    return [];
  }
  if (!/\b(all|any|each|every|these|such|personal data)\b/i.test(sentence)) return [];
  if (
    /\b(rel(y|ies)|based on|governed by|subject to|covered by|protected by|secured by|made under|pursuant to|ensure|use|uses|implement|safeguard)/i.test(
      sentence,
    )
  ) {
    return transfersIn(sentence);
  }
  return [];
}
