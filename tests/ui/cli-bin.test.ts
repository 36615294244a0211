import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, ROOT_DIR, tempDir } from '../helpers';

const BIN = join(ROOT_DIR, 'bin', 'dpa.js');
const { dir, cleanup } = tempDir();
afterAll(() => cleanup());

describe('the built `dpa` bin', () => {
  it('imports and lists through the package bin with exit code 0', () => {
    const db = join(dir, 'bin.sqlite');
    const file = join(CORPUS_DIR, 'real', 'zed.md');
    execFileSync(process.execPath, [BIN, 'import', file, '--vendor', 'Zed', '--db', db]);
    const out = execFileSync(process.execPath, [BIN, 'vendors', '--db', db, '--json'], {
      encoding: 'utf8',
    });
    expect((JSON.parse(out) as { name: string }[]).map((v) => v.name)).toEqual(['Zed']);
  });

  it('exits 2 with usage on a bad command', () => {
    const r = spawnSync(process.execPath, [BIN, 'nonsense'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage:');
  });
});
