import iconv from 'iconv-lite';

import type { SourceFormat } from '../../../src-shared/domain';

/**
 * Decodes document bytes to a string: BOMs first (UTF-8/UTF-16), then a `<meta charset>` for
 * HTML, then strict UTF-8, falling back to windows-1252 (the usual encoding of legacy pages).
 */
export function decodeText(bytes: Uint8Array, format: SourceFormat): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return iconv.decode(Buffer.from(bytes.subarray(3)), 'utf8');
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16le');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16be');
  }
  if (looksUtf16(bytes)) {
    return iconv.decode(Buffer.from(bytes), bytes[0] === 0 ? 'utf16be' : 'utf16le');
  }
  if (format === 'html') {
    const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
    const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
    const label = m?.[1]?.toLowerCase();
    if (label && label !== 'utf-8' && label !== 'utf8' && iconv.encodingExists(label)) {
      return iconv.decode(Buffer.from(bytes), label);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'windows-1252');
  }
}

/** UTF-16 without a BOM shows as every other byte being zero in ASCII text. */
function looksUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  if (n < 8) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  }
  return Math.max(evenZeros, oddZeros) > n * 0.35 && Math.min(evenZeros, oddZeros) < n * 0.05;
}

/** Share of control characters that text files never contain: binary junk is refused. */
export function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  if (
    n === 0 ||
    looksUtf16(bytes) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff)
  ) {
    return false;
  }
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0 || (b < 8 && b !== 0) || (b > 13 && b < 32 && b !== 27)) bad++;
  }
  return bad > n * 0.02;
}
