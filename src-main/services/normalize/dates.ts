const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

const DATE_PATTERNS: {
  re: RegExp;
  pick: (m: RegExpExecArray) => [number, number, number] | null;
}[] = [
  // 2025-05-16, 2025/05/16
  {
    re: /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/,
    pick: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  // May 6th, 2025 / May, 15, 2025 / May 15 2025
  {
    re: new RegExp(`\\b${MONTH}[\\s,]+(\\d{1,2})(?:st|nd|rd|th)?[\\s,]+(\\d{4})\\b`, 'i'),
    pick: (m) => [Number(m[3]), monthOf(m[1]), Number(m[2])],
  },
  // 6 May 2025 / 6th of May, 2025
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}[\\s,]+(\\d{4})\\b`, 'i'),
    pick: (m) => [Number(m[3]), monthOf(m[2]), Number(m[1])],
  },
  // 16.05.2025 (day first, as written in Europe)
  {
    re: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/,
    pick: (m) => [Number(m[3]), Number(m[2]), Number(m[1])],
  },
  // 05/16/2025 is US style unless the first number cannot be a month
  {
    re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/,
    pick: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      return a > 12 ? [Number(m[3]), b, a] : [Number(m[3]), a, b];
    },
  },
  // May 2025 (no day): the first of the month
  {
    re: new RegExp(`\\b${MONTH}\\s+(\\d{4})\\b`, 'i'),
    pick: (m) => [Number(m[2]), monthOf(m[1]), 1],
  },
];

function monthOf(word: string | undefined): number {
  return (
    MONTHS[
      (word ?? '')
        .slice(0, 4)
        .toLowerCase()
        .replace(/[^a-z]/g, '')
    ] ??
    MONTHS[(word ?? '').slice(0, 3).toLowerCase()] ??
    0
  );
}

/** The first date in `text` as YYYY-MM-DD, or null. */
export function parseDate(text: string): { iso: string; start: number; end: number } | null {
  let best: { iso: string; start: number; end: number } | null = null;
  for (const { re, pick } of DATE_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const parts = pick(m);
    if (!parts) continue;
    const [y, mo, d] = parts;
    if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) continue;
    if (!best || m.index < best.start) {
      const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      best = { iso, start: m.index, end: m.index + m[0].length };
    }
  }
  return best;
}

const LABELS: { re: RegExp; rank: number }[] = [
  {
    re: /\blast\s+(?:updated|modified|revised|changed|reviewed)\b|\bupdated(?:\s+(?:on|as of))?\b|\brevised\b|\bmodified\b/i,
    rank: 3,
  },
  {
    re: /\beffective(?:\s+(?:date|as of|from|on))?\b|\bas of\b|\bversion\s+date\b|\bpublished\b/i,
    rank: 2,
  },
  { re: /\bdate\b/i, rank: 1 },
];

/** A word every label above contains ("as_of" still reads "as of" once emphasis is dropped). */
const ANY_LABEL = /updated|modified|revised|changed|reviewed|effective|as.of|published|date/i;

/**
 * Whether `text` holds a label word findLastUpdated looks for; a line without one is skipped.
 * Every such word is letters with at most one other character between them ("as of"), so in
 * cells joined by " | " it lies inside one cell: callers may test cells before joining them.
 */
export function mayHoldDateLabel(text: string): boolean {
  return ANY_LABEL.test(text);
}

/**
 * The page's own last-updated date: a date right after a label ("Last updated:", "Effective",
 * "DATE:"). A bare date elsewhere (a change log) is not the page's date. The strongest label wins.
 */
export function findLastUpdated(
  lines: string[],
): { iso: string; line: number; start: number; end: number } | null {
  let best: { iso: string; line: number; start: number; end: number; rank: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    // most lines carry no label word at all; skip them before any per-label work
    if (!mayHoldDateLabel(lines[i] ?? '')) continue;
    // emphasis markers glue to words ("_Updated: …_") and would hide the label; same length keeps offsets
    const line = (lines[i] ?? '').replace(/[_*`]/g, ' ');
    for (const { re, rank } of LABELS) {
      const m = re.exec(line);
      if (!m) continue;
      const rest = line.slice(m.index + m[0].length);
      const gap = /^[\s:*_\-–—|,.]*(?:on\s+)?/.exec(rest)?.[0].length ?? 0;
      if (gap > 12) continue;
      const d = parseDate(rest.slice(gap, gap + 40));
      if (!d || d.start !== 0) continue;
      if (!best || rank > best.rank) {
        const base = m.index + m[0].length + gap;
        best = { iso: d.iso, line: i, start: base + d.start, end: base + d.end, rank };
      }
      break;
    }
  }
  return best ? { iso: best.iso, line: best.line, start: best.start, end: best.end } : null;
}
