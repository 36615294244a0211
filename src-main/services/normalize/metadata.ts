const NUMBER_WORDS: Record<string, number> = {
  three: 3,
  five: 5,
  seven: 7,
  ten: 10,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  'twenty-one': 21,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  sixty: 60,
  ninety: 90,
};
const DAYS =
  /\b(\d{1,3}|three|five|seven|ten|fourteen|fifteen|twenty-one|twenty|thirty|forty-five|forty|sixty|ninety)\s*(?:\(\d+\)\s*)?(?:calendar\s+|business\s+|working\s+)?days?(?:['’]s?)?/gi;

function toNumber(w: string): number {
  return /^\d+$/.test(w) ? Number(w) : (NUMBER_WORDS[w.toLowerCase()] ?? NaN);
}

/**
 * The sentences of `text` with their offsets. A period inside a token ("Flow.swiss", "v1.2",
 * "e.g.") does not end the sentence; a line break does, and a line that ends without a stop
 * is dropped up to its last inner stop ("e.g" + newline keeps "e." only).
 *
 * This is a hand-written scan of `/(?:[^.!?\n]|[.!?](?=[^\s]))+(?:[.!?]+|$)/g`: the regex retried a
 * stop-less line from every one of its characters, which made long prose quadratic.
 */
export function sentencesOf(text: string): readonly Sentence[] {
  // the same text is split twice in a row (a paragraph for page-wide transfers, then for
  // vendors named in prose; the page's prose for notice, then objection periods)
  if (lastSplit && lastSplit.text === text) return lastSplit.sentences;
  const sentences = Object.freeze(splitSentences(text));
  lastSplit = { text, sentences };
  return sentences;
}

interface Sentence {
  readonly text: string;
  readonly start: number;
}

let lastSplit: { text: string; sentences: readonly Sentence[] } | null = null;

function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const n = text.length;
  let s = 0;
  while (s < n) {
    // the longest run of characters that cannot end a sentence
    let e = s;
    while (e < n) {
      const c = text.charCodeAt(e);
      if (c === 10) break;
      if (isStop(c) && (e + 1 >= n || isSpaceAt(text, e + 1))) break;
      e++;
    }
    if (e === s) {
      s++;
      continue;
    }
    let end: number;
    if (e === n || isStop(text.charCodeAt(e))) {
      end = e === n ? n : e + 1;
    } else {
      // a line break: back off to the last stop inside the run, if any
      let k = e - 1;
      while (k > s && !isStop(text.charCodeAt(k))) k--;
      if (k <= s) {
        // every later start inside this run meets the same line break without a stop
        s = e;
        continue;
      }
      end = k;
      while (end < n && isStop(text.charCodeAt(end))) end++;
    }
    const sentence = text.slice(s, end);
    if (sentence.trim()) out.push({ text: sentence, start: s });
    s = end;
  }
  return out;
}

function isStop(c: number): boolean {
  return c === 46 || c === 33 || c === 63;
}

function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(text[i] ?? '');
}

/**
 * Days of advance notice promised before a sub-processor change ("at least 30 days' notice");
 * `isBusinessDays` when the page counts them in business or working days ("ten (10) business
 * days"), which is a longer wait than the same number of calendar days.
 */
export function findNoticeDays(
  text: string,
): { days: number; isBusinessDays: boolean; start: number; end: number } | null {
  for (const s of sentencesOf(text)) {
    if (!/\b(notice|notif\w*|inform|announce\w*|advance|prior to|before)\b/i.test(s.text)) continue;
    for (const m of s.text.matchAll(DAYS)) {
      const near = s.text.slice(m.index ?? 0, (m.index ?? 0) + m[0].length + 40);
      const before = s.text.slice(0, m.index ?? 0);
      // "object within 15 days" is the objection window, not the notice period
      if (/\bobject\w*\s+(?:within|in)\s*$/i.test(before.slice(-30))) continue;
      if (
        !/(notice|in advance|advance|before|prior)/i.test(near) &&
        !/\b(notice|notif\w*|announce\w*)\b[^.]*$/i.test(before)
      ) {
        continue;
      }
      const days = toNumber(m[1] ?? '');
      if (Number.isFinite(days) && days > 0 && days <= 365) {
        const start = s.start + (m.index ?? 0);
        const isBusinessDays = /\b(?:business|working)\s+days?\b/i.test(m[0]);
        return { days, isBusinessDays, start, end: start + m[0].length };
      }
    }
  }
  return null;
}

/** Days the customer has to object to a new sub-processor ("You can object within 15 days"). */
export function findObjectionDays(
  text: string,
): { days: number; start: number; end: number } | null {
  for (const s of sentencesOf(text)) {
    if (!/\bobject/i.test(s.text)) continue;
    for (const m of s.text.matchAll(DAYS)) {
      const days = toNumber(m[1] ?? '');
      const before = s.text.slice(0, m.index ?? 0);
      if (!/\bobject/i.test(before) || !Number.isFinite(days)) continue;
      const start = s.start + (m.index ?? 0);
      return { days, start, end: start + m[0].length };
    }
  }
  return null;
}

const NOT_A_PUBLISHER =
  /^(this|these|the|we|our|you|your|it|all|each|any|sub-?processors?|vendors?|customers?|data|personal|information|terms|if|when|where|for|in|as|to|please|note|a|an|list|page|processing|our\s+\w+)$/i;

/** A company name as printed: capitalised words, "of"/"the"/"and", legal forms. */
const NAME =
  '([\\p{Lu}][\\p{L}\\p{N}&.-]*(?:,?[ \\t]+(?:[\\p{Lu}][\\p{L}\\p{N}&.-]*|of|the|and|Inc\\.?|LLC|Ltd\\.?|GmbH|ApS|AG|Corp\\.?|Corporation|Limited)){0,4})';
/** Titles naming the publisher ("Acme Subprocessors", "Subprocessors for Acme"). */
const TITLE_PATTERNS = [
  new RegExp(
    `^(?:[Ll]ist\\s+of\\s+)?${NAME}(?:['’]s)?\\s+(?:[Ss]ub-?\\s?[Pp]rocessors?|[Tt]hird[- ][Pp]art)`,
    'u',
  ),
  new RegExp(
    `^[Ss]ub-?\\s?[Pp]rocessors?\\s+(?:[Ll]ist\\s+)?(?:for|of|at|used by)\\s+${NAME}`,
    'u',
  ),
];

/** Sentences naming the publisher (global: every match is tried in turn). */
const SENTENCE_PATTERNS = [
  new RegExp(`[Ww]elcome\\s+to\\s+${NAME}['’]s`, 'gu'),
  new RegExp(
    `(?:^|[.!?]\\s+|\\n|,\\s+)${NAME}\\s*(?:\\([^)]{0,80}\\)\\s*)?(?:,\\s*)?(?:(?:may|currently|will|does)\\s+)?(?:engages?|uses|use|maintains|utili[sz]es|relies|has engaged|works with)\\b`,
    'gu',
  ),
  new RegExp(`\\bsub-?processors\\s+${NAME}\\s+(?:has|have)\\s+engaged`, 'giu'),
  new RegExp(`\\bon\\s+behalf\\s+of\\s+${NAME}`, 'gu'),
  new RegExp(`\\b(?:offered|operated|provided)\\s+by\\s+${NAME}`, 'gu'),
];

/**
 * Who publishes the list: from a title ("Acme Subprocessors", "Subprocessors for Acme",
 * "Welcome to Acme's ...") or a sentence subject ("Acme, Inc. may engage ...", "on behalf of Acme").
 */
export function findPublisher(
  titles: string[],
  prose: string,
  headings: string[] = [],
): string | null {
  for (const h of headings) {
    const m = /^[Ll]ist\s+of\s+(.+?)\s+[Ss]ub-?\s?[Pp]rocessors\b/u.exec(h.trim());
    const name = cleanName(m?.[1]);
    if (name) return name;
  }
  for (const t of titles) {
    for (const re of TITLE_PATTERNS) {
      const m = re.exec(t.trim());
      const name = cleanName(m?.[1]);
      if (
        name &&
        !/^(list|current|our|the|other|infrastructure|active|approved|sub)$/i.test(name)
      ) {
        return name;
      }
    }
  }
  for (const re of SENTENCE_PATTERNS) {
    for (const m of prose.matchAll(re)) {
      const name = cleanName(m[1]);
      if (name) return name;
    }
  }
  return null;
}

function cleanName(raw: string | undefined): string | null {
  if (!raw) return null;
  const name = raw.replace(/[\s,.'’]+$/, (x) => (/^\.$/.test(x) ? '.' : '')).trim();
  const first = name.split(/\s+/)[0] ?? '';
  if (!name || NOT_A_PUBLISHER.test(name) || NOT_A_PUBLISHER.test(first)) return null;
  return name;
}

/** The value when it is an absolute http(s) URL; anything else (relative, file:, javascript:) is not one. */
export function httpUrl(raw: string | null | undefined): string | null {
  const s = (raw ?? '').trim().replace(/&amp;/g, '&');
  if (!/^https?:\/\/[^\s/?#]+\.[^\s]*$/i.test(s) && !/^https?:\/\/localhost\b/i.test(s)) {
    return null;
  }
  try {
    return new URL(s).href;
  } catch {
    return null;
  }
}

/**
 * The page's own address from its HTML head: `<link rel="canonical">`, else `og:url`. Only the
 * head is read; links in the body point elsewhere.
 */
export function findHtmlUrl(html: string): string | null {
  const headEnd = html.search(/<body[\s>]/i);
  const head = html.slice(0, headEnd >= 0 ? headEnd : Math.min(html.length, 200_000));
  let og: string | null = null;
  for (const m of head.matchAll(/<(link|meta)\b([^>]*)>/gi)) {
    const attrs = attributes(m[2] ?? '');
    if (
      m[1]?.toLowerCase() === 'link' &&
      /(?:^|\s)canonical(?:\s|$)/i.test(attrs.get('rel') ?? '')
    ) {
      const url = httpUrl(attrs.get('href'));
      if (url) return url;
    }
    if (
      m[1]?.toLowerCase() === 'meta' &&
      (attrs.get('property') ?? attrs.get('name')) === 'og:url'
    ) {
      og ??= httpUrl(attrs.get('content'));
    }
  }
  return og;
}

function attributes(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of raw.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    out.set((m[1] ?? '').toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

const PAGE_URL_LINE =
  /\b(?:this\s+(?:page|list)(?:\s+(?:is\s+)?(?:available|published|located|maintained|lives))?(?:\s+(?:at|on))?|(?:page|canonical|permanent)\s+(?:url|link|address)|url\s+of\s+this\s+(?:page|list))\s*[:\-–]?\s*<?(https?:\/\/[^\s<>"'\])]+)/i;

/**
 * Whether `text` may name the page's address: findPageUrl only matches an "http(s)://" written
 * out, which in cells joined by " | " lies inside one cell, so callers may test cells first.
 */
export function mayHoldPageUrl(text: string): boolean {
  return /https?:\/\//i.test(text);
}

/** "This page: https://…" or "Canonical URL: https://…" in the page text. */
export function findPageUrl(lines: string[]): string | null {
  for (const line of lines) {
    if (!mayHoldPageUrl(line)) continue;
    const m = PAGE_URL_LINE.exec(line);
    if (m) return httpUrl((m[1] ?? '').replace(/[.,;:!?]+$/, ''));
  }
  return null;
}
