import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../../src-shared/api-methods';
import { contract, isMethodName } from '../../../src-shared/ipc';

describe('API contract', () => {
  it('has a schema for every method name and no other', () => {
    expect(Object.keys(contract).sort()).toEqual([...API_METHODS].sort());
  });

  it.each([
    ['snapshots.import', { fileName: 'x.html', bytes: 'not bytes' }, false],
    ['snapshots.import', { fileName: '', bytes: new Uint8Array([1]) }, false],
    ['snapshots.import', { fileName: 'x.html', bytes: new Uint8Array([1]) }, true],
    ['vendors.get', { vendorId: -1 }, false],
    ['vendors.get', { vendorId: 1.5 }, false],
    ['vendors.get', { vendorId: 3 }, true],
    ['entries.list', { vendorId: 2 }, true],
    ['entries.list', {}, false],
  ] as const)('%s accepts %j: %s', (method, input, valid) => {
    expect(contract[method].input.safeParse(input).success).toBe(valid);
  });

  it('knows its own method names and nothing else', () => {
    expect(isMethodName('vendors.list')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
  });
});
