/**
 * A "Key: value" line read by hand: exactly what
 * `/^\s*([A-Za-z][A-Za-z /()-]{1,40}?)\s*:\s+(\S.*)$/.exec(text)` gives as groups 1 and 2, or
 * null where it finds nothing. Every line of every card is tested, and that regex, with its lazy
 * label and its `.*$` tail, was the dearest single line of reading a card page.
 */
export function matchKeyValue(text: string): { label: string; value: string } | null {
  const n = text.length;
  let start = 0;
  while (start < n && isRegExpSpace(text.charCodeAt(start))) start++;
  if (start >= n || !isAsciiLetter(text.charCodeAt(start))) return null;
  // the label is the shortest run of 2–41 label characters the rest of the line can follow
  for (let end = start + 2; end <= start + 41 && end <= n; end++) {
    if (!isLabelChar(text.charCodeAt(end - 1))) return null;
    const valueAt = valueStart(text, end);
    if (valueAt >= 0) return { label: text.slice(start, end), value: text.slice(valueAt) };
  }
  return null;
}

/**
 * Where `\s*:\s+(\S.*)$` matched at `from` puts its group, or -1. Each part is forced: a
 * whitespace run never gives a character back to ':' or `\S`, so no backtracking is needed.
 */
function valueStart(text: string, from: number): number {
  const n = text.length;
  let i = from;
  while (i < n && isRegExpSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 58) return -1;
  i++;
  if (i >= n || !isRegExpSpace(text.charCodeAt(i))) return -1;
  while (i < n && isRegExpSpace(text.charCodeAt(i))) i++;
  if (i >= n) return -1;
  // `.` stops at a line terminator, so the value must run to the end without one
  for (let k = i; k < n; k++) if (isLineTerminator(text.charCodeAt(k))) return -1;
  return i;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `[A-Za-z /()-]` */
function isLabelChar(c: number): boolean {
  return isAsciiLetter(c) || c === 32 || c === 47 || c === 40 || c === 41 || c === 45;
}

function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** `\s` for one UTF-16 unit: ECMAScript's WhiteSpace and LineTerminator code points. */
export function isRegExpSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
