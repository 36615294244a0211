import { describe, expect, it } from 'vitest';
import { saveBuiltins } from '../../../src-main/services/import/worker-builtins';

// pdf.js's core-js polyfills replace these three when it loads (see worker-builtins.ts); here a
// stand-in replaces them the same way, and each test puts the originals back whatever happens.
describe('saveBuiltins (parse worker)', () => {
  it('puts back built-ins replaced after it was called, and only those', () => {
    const push = Array.prototype.push;
    const parse = JSON.parse;
    const toString = Function.prototype.toString;
    const restore = saveBuiltins();
    try {
      expect(restore()).toBe(0);
      Object.defineProperty(Array.prototype, 'push', {
        value: function slowPush(this: unknown[], ...items: unknown[]) {
          return push.apply(this, items);
        },
        writable: true,
        configurable: true,
      });
      JSON.parse = (text: string) => parse(text) as unknown;
      expect(Array.prototype.push).not.toBe(push);
      expect(restore()).toBe(2);
      expect(Array.prototype.push).toBe(push);
      expect(JSON.parse).toBe(parse);
      expect(Function.prototype.toString).toBe(toString);
      expect(Object.getOwnPropertyDescriptor(Array.prototype, 'push')?.enumerable).toBe(false);
      expect(restore()).toBe(0);
    } finally {
      Object.defineProperty(Array.prototype, 'push', {
        value: push,
        writable: true,
        configurable: true,
        enumerable: false,
      });
      JSON.parse = parse;
    }
  });
});
