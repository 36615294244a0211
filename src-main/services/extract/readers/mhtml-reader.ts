import iconv from 'iconv-lite';

import { decodeText } from '../decode';

/** What a saved web page archive holds for us: its page HTML and the address it was saved from. */
export interface MhtmlPage {
  html: string;
  /** `Snapshot-Content-Location` of the archive, else `Content-Location` of the HTML part. */
  location: string | null;
}

/**
 * true for a MIME web archive ("Save as single file" in Chromium, .mhtml/.mht): a MIME header
 * with `multipart/related` before the first blank line.
 */
export function isMhtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const headers = end >= 0 ? head.slice(0, end) : head;
  return /^MIME-Version\s*:/im.test(headers) && /multipart\/related/i.test(headers);
}

/**
 * Unpacks the first text/html part of an MHTML archive, undoing its transfer encoding
 * (quoted-printable or base64) and decoding it with the part's charset. Images, styles and
 * frames in the other parts carry no list content and are skipped.
 */
export function readMhtml(bytes: Uint8Array): MhtmlPage | null {
  // latin1 maps every byte to one char, so offsets and raw bytes survive until the part decode
  const raw = Buffer.from(bytes).toString('latin1');
  const top = splitHeaders(raw, 0);
  const boundary = param(top.headers.get('content-type') ?? '', 'boundary');
  if (!boundary) return null;
  const snapshot = top.headers.get('snapshot-content-location') ?? null;
  const delimiter = `--${boundary}`;
  let at = raw.indexOf(delimiter, top.bodyStart);
  while (at >= 0) {
    const partStart = raw.indexOf('\n', at) + 1;
    if (partStart <= 0 || raw.startsWith(`${delimiter}--`, at)) break;
    const next = raw.indexOf(delimiter, partStart);
    const partEnd = next >= 0 ? next : raw.length;
    const part = splitHeaders(raw, partStart, partEnd);
    const type = part.headers.get('content-type') ?? 'text/plain';
    if (/^\s*text\/html/i.test(type)) {
      const body = raw.slice(part.bodyStart, partEnd).replace(/\r?\n$/, '');
      const encoding = (part.headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
      const decoded =
        encoding === 'quoted-printable'
          ? decodeQuotedPrintable(body)
          : encoding === 'base64'
            ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
            : Buffer.from(body, 'latin1');
      const charset = param(type, 'charset')?.toLowerCase();
      const html =
        charset && iconv.encodingExists(charset)
          ? iconv.decode(decoded, charset).replace(/^\uFEFF/, '')
          : decodeText(new Uint8Array(decoded), 'html');
      const location = snapshot ?? part.headers.get('content-location') ?? null;
      return { html, location: location?.trim() || null };
    }
    at = next;
  }
  return null;
}

/** Header block from `start` to its blank line; folded (indented) lines are joined. */
function splitHeaders(
  raw: string,
  start: number,
  end = raw.length,
): { headers: Map<string, string>; bodyStart: number } {
  const headers = new Map<string, string>();
  let i = start;
  let last = '';
  while (i < end) {
    const nl = raw.indexOf('\n', i);
    const lineEnd = nl < 0 || nl > end ? end : nl;
    const line = raw.slice(i, lineEnd).replace(/\r$/, '');
    i = lineEnd + 1;
    if (line === '') break;
    if (/^[ \t]/.test(line) && last) {
      headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, line.slice(colon + 1).trim());
  }
  return { headers, bodyStart: Math.min(i, end) };
}

function param(header: string, name: string): string | null {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** RFC 2045 quoted-printable: `=XX` is a byte, `=` at a line end is a soft break. */
function decodeQuotedPrintable(body: string): Buffer {
  const out = Buffer.alloc(body.length);
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x3d) {
      if (body[i + 1] === '\r' && body[i + 2] === '\n') {
        i += 2;
        continue;
      }
      if (body[i + 1] === '\n') {
        i += 1;
        continue;
      }
      const hex = body.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out[n++] = Number.parseInt(hex, 16);
        i += 2;
        continue;
      }
    }
    out[n++] = c & 0xff;
  }
  return out.subarray(0, n);
}
