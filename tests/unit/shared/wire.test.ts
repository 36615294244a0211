import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from '../../../src-shared/wire';

describe('browser-mode wire encoding', () => {
  it('carries file bytes through JSON unchanged', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    const back = decodeWire(encodeWire({ fileName: 'a.pdf', bytes })) as {
      fileName: string;
      bytes: Uint8Array;
    };
    expect(back.fileName).toBe('a.pdf');
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.bytes)).toEqual(Array.from(bytes));
  });

  it('leaves an ordinary object that merely has a $bytes key among others alone', () => {
    const back = decodeWire(encodeWire({ x: { $bytes: 'AA==', other: 1 } })) as {
      x: Record<string, unknown>;
    };
    expect(back.x).toEqual({ $bytes: 'AA==', other: 1 });
  });
});
