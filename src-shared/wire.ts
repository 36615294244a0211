/**
 * JSON encoding for the browser-mode bridge. Bytes travel as {"$bytes": base64}; everything else is
 * plain JSON. Electron IPC needs none of this (structured clone carries Uint8Array).
 */

interface BytesBox {
  $bytes: string;
}

function isBytesBox(x: unknown): x is BytesBox {
  return (
    typeof x === 'object' &&
    x !== null &&
    Object.keys(x).length === 1 &&
    typeof (x as Record<string, unknown>).$bytes === 'string'
  );
}

function toBase64(b: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < b.length; i += chunk) {
    s += String.fromCharCode(...b.subarray(i, i + chunk));
  }
  return btoa(s);
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) {
    out[i] = bin.charCodeAt(i);
  }
  return out;
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Uint8Array ? ({ $bytes: toBase64(v) } satisfies BytesBox) : v,
  );
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => (isBytesBox(v) ? fromBase64(v.$bytes) : v));
}
