import type { EntryStatus } from '../../../src-shared/domain';

export interface StatusCue {
  status: EntryStatus;
  start: number;
  end: number;
}

// Checked in this order: the stronger, more specific statement wins.
const CUES: [EntryStatus, RegExp][] = [
  [
    'customer-managed',
    /\bnot\s+(?:our|\w+['’]s)\s+sub-?processors\b|\bcustomer[- ]managed\b|\b(?:customer|district|client|school|tenant)[- ]configured\b|\b(?:customer|district|client)s?\s+contracts?\s+(?:with\s+)?directly\b|\bcontracted\s+(?:directly\s+)?by\s+(?:the\s+)?(?:customer|district|client)|\b(?:district|customer|client)['’]s\s+own\s+(?:tenant|account|instance|subscription|sis|contract)\b/i,
  ],
  [
    'inactive',
    /\bnot\s+(?:currently\s+)?(?:engaged|enabled|in\s+use|active)\b|\bnot\s+(?:currently\s+)?used\b(?!\s+(?:for|to|by|in|on))|\binactive\b|\bplanned\b|\bnot\s+yet\s+(?:engaged|in\s+use|active)\b|\b(?:former|previous|discontinued|retired|removed)\s+sub-?processors?\b|\bno\s+longer\s+(?:used|engaged)\b/i,
  ],
  [
    'conditional',
    /\boptional(?:\s+features?)?\b|\bonly\s+(?:when|if|after|upon|where|for)\b|\b(?:engaged|used|loaded|runs?)\s+only\b|\bif\s+(?:the\s+)?(?:customer|feature|you|it)\b[^.]{0,40}\benabled\b|\bwhen\s+(?:enabled|configured|opted)\b|\bcookie[- ]consent\b|\bconsent[- ]gated\b|\bopt[- ]in\b|\bproduct[- ]specific\b|\bfeature[- ]specific\b|\bdepending\s+on\b|\bupon\s+(?:customer\s+)?request\b|\b(?:self-serve|enterprise|business|team|pro)\s+(?:customers|plans?|tier)\b/i,
  ],
  ['active', /\bactive\s+sub-?processors\b|\bcurrent\s+sub-?processors\b|\bin\s+production\b/i],
];

/**
 * For each cue of CUES, in the same order, words one of which every match of its pattern holds
 * (lower case): a text with none of them skips that pattern. Most rows and headings state no
 * status at all, and each pattern is a long case-insensitive alternation run over the text.
 */
export const CUE_WORDS: readonly (readonly string[])[] = [
  ['not', 'customer', 'configured', 'contract', 'own'],
  ['not', 'inactive', 'planned', 'processor', 'longer'],
  [
    'opt',
    'only',
    'enabled',
    'when',
    'consent',
    'specific',
    'depending',
    'request',
    'customers',
    'plan',
    'tier',
  ],
  ['processor', 'production'],
];

/** The status a heading, intro paragraph or row wording implies, or null when it says nothing. */
export function statusCue(text: string): StatusCue | null {
  // ASCII letters fold to lower case under /i and toLowerCase alike, so no match is lost
  const lower = text.toLowerCase();
  for (let k = 0; k < CUES.length; k++) {
    if (!hasAnyWord(lower, CUE_WORDS[k] ?? [])) continue;
    const [status, re] = CUES[k] as [EntryStatus, RegExp];
    const m = re.exec(text);
    if (m) return { status, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

function hasAnyWord(lower: string, words: readonly string[]): boolean {
  for (const w of words) if (lower.includes(w)) return true;
  return false;
}

/** Merging rows of one vendor: the most engaged status wins (an active row means it is used). */
export function mergeStatus(a: EntryStatus, b: EntryStatus): EntryStatus {
  const rank: Record<EntryStatus, number> = {
    active: 0,
    conditional: 1,
    inactive: 2,
    'customer-managed': 3,
  };
  return rank[a] <= rank[b] ? a : b;
}
