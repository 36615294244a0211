/**
 * A "Key: value" line read by hand: exactly what
 * `/^\s*([A-Za-z][A-Za-z /()-]{1,40}?)\s*:\s+(\S.*)$/.exec(text)` gives as groups 1 and 2, or
 * null where it finds nothing. Every line of every card is tested, and that regex, with its lazy
 * label and its `.*$` tail, was the dearest single line of reading a card page. Each of its parts
 * is forced (a whitespace run never gives a character back to ':' or `\S`), so one scan does.
 */
export function matchKeyValue(text: string): { label: string; value: string } | null {
  const n = text.length;
  let start = 0;
  while (start < n && isRegExpSpace(text.charCodeAt(start))) start++;
  if (start >= n || !isAsciiLetter(text.charCodeAt(start))) return null;
  // neither a label character nor the space before the colon can be ':', so only the first
  // colon can end the label; the shortest label stops where the space before that colon starts
  const colon = text.indexOf(':', start);
  if (colon < 0) return null;
  let end = colon;
  while (end > start + 2 && isRegExpSpace(text.charCodeAt(end - 1))) end--;
  if (end < start + 2 || end > start + 41) return null;
  for (let i = start + 1; i < end; i++) if (!isLabelChar(text.charCodeAt(i))) return null;
  for (let i = end; i < colon; i++) if (!isRegExpSpace(text.charCodeAt(i))) return null;
  // `:\s+(\S.*)$`: at least one space, then the value, which `.` runs to the end unbroken
  let at = colon + 1;
  if (at >= n || !isRegExpSpace(text.charCodeAt(at))) return null;
  while (at < n && isRegExpSpace(text.charCodeAt(at))) at++;
  if (at >= n) return null;
  for (let k = at; k < n; k++) if (isLineTerminator(text.charCodeAt(k))) return null;
  return { label: text.slice(start, end), value: text.slice(at) };
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
