/**
 * Store.activePolicy keeps the parsed policy while its row is unchanged (imports ask once per
 * file) and notices any change to the row: a new version, or the row rewritten by another
 * connection.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PolicyRule } from '../../../src-shared/domain';
import { Store } from '../../../src-main/services/store';
import { tempDir } from '../../helpers';

let dir: string;
let cleanup: () => void;
let store: Store;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  store = Store.open(join(dir, 'db.sqlite'));
});
afterEach(() => {
  store.close();
  cleanup();
});

const rule = (minimumDays: number): PolicyRule => ({
  id: 'notice-period',
  enabled: true,
  severity: 'medium',
  params: { minimumDays },
});

describe('Store.activePolicy', () => {
  it('is undefined before any policy is stored', () => {
    expect(store.activePolicy()).toBeUndefined();
  });

  it('returns the same frozen policy while the row is unchanged', () => {
    store.insertPolicy({ name: 'P', rules: [rule(30)], createdAt: '2026-01-01' });
    const first = store.activePolicy();
    expect(first).toEqual({ version: 1, name: 'P', rules: [rule(30)], createdAt: '2026-01-01' });
    expect(store.activePolicy()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.rules)).toBe(true);
    expect(Object.isFrozen(first?.rules[0]?.params)).toBe(true);
    // Shared between callers, so nobody can change it for the others.
    expect(() => (first?.rules as PolicyRule[]).push(rule(1))).toThrow(TypeError);
  });

  it('reads a newly stored version', () => {
    store.insertPolicy({ name: 'P', rules: [rule(30)], createdAt: '2026-01-01' });
    const v1 = store.activePolicy();
    store.insertPolicy({ name: 'P', rules: [rule(45)], createdAt: '2026-01-02' });
    const v2 = store.activePolicy();
    expect(v2).not.toBe(v1);
    expect(v2?.version).toBe(2);
    expect(v2?.rules).toEqual([rule(45)]);
  });

  it('notices the row rewritten by another connection under the same version', () => {
    store.insertPolicy({ name: 'P', rules: [rule(30)], createdAt: '2026-01-01' });
    expect(store.activePolicy()?.rules).toEqual([rule(30)]);
    const other = new Database(store.path);
    try {
      other
        .prepare('UPDATE policies SET rules = ? WHERE version = 1')
        .run(JSON.stringify([rule(60)]));
    } finally {
      other.close();
    }
    expect(store.activePolicy()?.rules).toEqual([rule(60)]);
    expect(store.activePolicy()?.version).toBe(1);
  });
});
