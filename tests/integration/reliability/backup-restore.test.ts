import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import { backupCommand, restoreCommand } from '../../../src-main/cli/backup-commands';
import { defaultParser } from '../../../src-main/services/app/context';
import {
  backupDatabase,
  KEPT_MIGRATION_BACKUPS,
  listMigrationBackups,
  restoreDatabase,
} from '../../../src-main/services/backup';
import { importFile } from '../../../src-main/services/import';
import { MIGRATIONS, Store, type Migration } from '../../../src-main/services/store';
import { CORPUS_DIR, tempDir } from '../../helpers';

const latest = Math.max(...MIGRATIONS.map((m) => m.version));
const CORPUS_FILES = ['zed.md', 'range.md', 'zulip.md', 'retool.md', 'pulumi.md', 'toit.html'];

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('dpa-backup-')));
afterEach(() => cleanup());

function corpus(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(CORPUS_DIR, 'real', name)));
}

async function importCorpus(store: Store, name: string, vendorName?: string): Promise<void> {
  await importFile(store, defaultParser, {
    fileName: name,
    bytes: corpus(name),
    vendorName: vendorName ?? name,
  });
}

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Opens a file read-only and returns what a user would see of it. */
function inspect(file: string): {
  integrity: unknown;
  version: number;
  vendors: string[];
  snapshots: { file: string; entries: number }[];
} {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      version: db.pragma('user_version', { simple: true }) as number,
      vendors: (
        db.prepare('SELECT name FROM vendors ORDER BY name').all() as { name: string }[]
      ).map((r) => r.name),
      snapshots: db
        .prepare(
          `SELECT s.file_name AS file, (SELECT count(*) FROM entries e WHERE e.snapshot_id = s.id) AS entries
           FROM snapshots s ORDER BY s.id`,
        )
        .all() as { file: string; entries: number }[],
    };
  } finally {
    db.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('backupDatabase', () => {
  it('takes a consistent copy while another connection keeps importing', async () => {
    const dbPath = join(dir, 'db.sqlite');
    const store = Store.open(dbPath);
    await importCorpus(store, 'zed.md');
    const writer = Store.open(dbPath);
    const expected = new Map<string, number>();
    for (const f of CORPUS_FILES) {
      expected.set(
        f,
        (await defaultParser.parse({ fileName: f, bytes: corpus(f) })).entries.length,
      );
    }
    // The writer imports in a loop on its own connection while the backup runs.
    let writing = true;
    const writes = (async () => {
      for (let i = 0; writing && i < 40; i++) {
        const f = CORPUS_FILES[i % CORPUS_FILES.length] as string;
        await importCorpus(writer, f, `writer ${i}`);
      }
    })();
    const backups = [];
    for (let i = 0; i < 3; i++) {
      backups.push(await backupDatabase(store, join(dir, 'out', `b${i}.sqlite`)));
    }
    writing = false;
    await writes;
    writer.close();
    const finalCount = store.counts().snapshots;
    store.close();

    let previous = 0;
    for (const b of backups) {
      expect(b.bytes).toBeGreaterThan(0);
      const seen = inspect(b.path);
      expect(seen.integrity).toBe('ok');
      expect(seen.version).toBe(latest);
      // Every snapshot in the copy is whole: its entries match a fresh parse of its file.
      for (const s of seen.snapshots) expect(s.entries, s.file).toBe(expected.get(s.file));
      expect(seen.snapshots.length).toBeGreaterThanOrEqual(Math.max(1, previous));
      expect(seen.snapshots.length).toBeLessThanOrEqual(finalCount);
      previous = seen.snapshots.length;
      // A backup is one self-contained file: no -wal/-shm left beside it.
      expect(existsSync(`${b.path}-wal`)).toBe(false);
    }
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['b0.sqlite', 'b1.sqlite', 'b2.sqlite']);
  });

  it('refuses to overwrite an existing file, naming it', async () => {
    const store = Store.open(join(dir, 'db.sqlite'));
    const dest = join(dir, 'taken.sqlite');
    writeFileSync(dest, 'mine');
    const e = await rejection(backupDatabase(store, dest));
    store.close();
    expect(e.file).toBe(dest);
    expect(e.reason).toMatch(/already exists/);
    expect(readFileSync(dest, 'utf8')).toBe('mine');
  });
});

describe('restoreDatabase', () => {
  it('restores the old data over a changed database and keeps the replaced one', async () => {
    const dbPath = join(dir, 'db.sqlite');
    const store = Store.open(dbPath);
    await importCorpus(store, 'zed.md');
    const before = store.counts();
    const backup = await backupDatabase(store, join(dir, 'b.sqlite'));
    await importCorpus(store, 'range.md');
    const changed = store.counts();
    expect(changed.snapshots).toBe(before.snapshots + 1);
    store.close();

    const message = await restoreCommand(backup.path, dbPath);
    expect(message).toContain(`Restored ${dbPath}`);

    const reopened = Store.open(dbPath);
    expect(reopened.counts()).toEqual(before);
    expect(reopened.listVendors().map((v) => v.name)).toEqual(['zed.md']);
    reopened.close();
    const kept = readdirSync(dir).filter((f) => f.startsWith('db.sqlite.before-restore-'));
    expect(kept).toHaveLength(1);
    expect(message).toContain(kept[0]);
    expect(inspect(join(dir, kept[0] as string)).snapshots).toHaveLength(changed.snapshots);
  });

  it('refuses while the database is open, and changes nothing', async () => {
    const dbPath = join(dir, 'db.sqlite');
    const store = Store.open(dbPath);
    await importCorpus(store, 'zed.md');
    const backup = await backupDatabase(store, join(dir, 'b.sqlite'));
    await importCorpus(store, 'range.md');
    const counts = store.counts();
    const e = await rejection(restoreDatabase(backup.path, dbPath));
    expect(e.file).toBe(dbPath);
    expect(e.reason).toMatch(/is open/);
    expect(store.counts()).toEqual(counts);
    store.close();
    expect(Store.open(dbPath).counts()).toEqual(counts);
  });

  const badBackups: [string, (good: string, bad: string) => void, RegExp, string][] = [
    [
      'random bytes',
      (_good, bad) => writeFileSync(bad, Buffer.alloc(8192, 0x5a)),
      /not a database/,
      'file-unreadable',
    ],
    [
      'a backup cut in half',
      (good, bad) => {
        const b = readFileSync(good);
        writeFileSync(bad, b.subarray(0, Math.floor(b.length / 2)));
      },
      /damaged/,
      'file-unreadable',
    ],
    [
      'a file from a newer app',
      (good, bad) => {
        writeFileSync(bad, readFileSync(good));
        const db = new Database(bad);
        db.pragma(`user_version = ${latest + 1000}`);
        db.close();
      },
      /newer version/,
      'database-from-future',
    ],
    [
      'an SQLite file that is not ours',
      (_good, bad) => {
        const db = new Database(bad);
        db.exec('CREATE TABLE notes (x TEXT)');
        db.close();
      },
      /not a DPA Workbench database/,
      'file-unreadable',
    ],
    ['a missing file', () => undefined, /no such file/, 'file-unreadable'],
  ];

  it.each(badBackups)(
    'refuses %s, naming it, and leaves the target unchanged',
    async (_label, make, reason, code) => {
      const dbPath = join(dir, 'db.sqlite');
      const store = Store.open(dbPath);
      await importCorpus(store, 'zed.md');
      const good = (await backupDatabase(store, join(dir, 'good.sqlite'))).path;
      await importCorpus(store, 'range.md');
      const counts = store.counts();
      store.close();
      const targetSha = sha(dbPath);
      const bad = join(dir, 'bad.sqlite');
      make(good, bad);

      const e = await rejection(restoreCommand(bad, dbPath));
      expect(e.file).toBe(bad);
      expect(e.code).toBe(code);
      expect(e.reason).toMatch(reason);
      expect(e.message.startsWith(`${bad}: `)).toBe(true);
      expect(sha(dbPath)).toBe(targetSha);
      expect(readdirSync(dir).filter((f) => /before-restore|\.tmp$/.test(f))).toEqual([]);
      const reopened = Store.open(dbPath);
      expect(reopened.counts()).toEqual(counts);
      reopened.close();
    },
  );

  it('restores into a folder where no database exists yet', async () => {
    const store = Store.open(join(dir, 'db.sqlite'));
    await importCorpus(store, 'zed.md');
    const counts = store.counts();
    const backup = await backupDatabase(store, join(dir, 'b.sqlite'));
    store.close();
    const target = join(dir, 'elsewhere', 'new.sqlite');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'elsewhere'));
    const r = await restoreDatabase(backup.path, target);
    expect(r.previous).toBeNull();
    const s = Store.open(target);
    expect(s.counts()).toEqual(counts);
    s.close();
  });
});

describe('automatic backup before a migration', () => {
  const step = (n: number): Migration => ({
    version: latest + 10 * n,
    name: `test-step-${n}`,
    up: `CREATE TABLE test_step_${n} (x INTEGER) STRICT`,
  });

  it('saves the old file before migrating an existing database, but not a new one', async () => {
    const dbPath = join(dir, 'db.sqlite');
    const s1 = Store.open(dbPath);
    expect(listMigrationBackups(dbPath)).toEqual([]);
    await importCorpus(s1, 'zed.md');
    const counts = s1.counts();
    s1.close();

    const s2 = Store.open(dbPath, { migrations: [...MIGRATIONS, step(1)] });
    expect(s2.schemaVersion()).toBe(latest + 10);
    s2.close();
    const backups = listMigrationBackups(dbPath);
    expect(backups).toHaveLength(1);
    const backup = backups[0] as string;
    expect(basename(backup)).toMatch(
      new RegExp(`^db\\.sqlite\\.backup-v${latest}-\\d{8}T\\d{9}Z\\.sqlite$`),
    );
    const seen = inspect(backup);
    expect(seen.integrity).toBe('ok');
    expect(seen.version).toBe(latest);
    expect(seen.snapshots).toHaveLength(counts.snapshots);

    // Reopening without pending migrations writes no further backup.
    Store.open(dbPath, { migrations: [...MIGRATIONS, step(1)] }).close();
    expect(listMigrationBackups(dbPath)).toHaveLength(1);

    // The backup restores to the pre-migration schema, and the app upgrades it again on open.
    await restoreDatabase(backup, dbPath);
    const s3 = Store.open(dbPath);
    expect(s3.schemaVersion()).toBe(latest);
    expect(s3.counts()).toEqual(counts);
    s3.close();
  });

  it(`keeps only the ${KEPT_MIGRATION_BACKUPS} newest backups`, () => {
    const dbPath = join(dir, 'db.sqlite');
    Store.open(dbPath).close();
    const steps: Migration[] = [];
    for (let n = 1; n <= KEPT_MIGRATION_BACKUPS + 3; n++) {
      steps.push(step(n));
      Store.open(dbPath, { migrations: [...MIGRATIONS, ...steps] }).close();
    }
    const kept = listMigrationBackups(dbPath).map((p) => /backup-v(\d+)-/.exec(p)?.[1]);
    // Newest first: the versions each file was at before its migration.
    const expected = [];
    for (let n = KEPT_MIGRATION_BACKUPS + 2; n >= 3; n--) expected.push(String(latest + 10 * n));
    expect(kept).toEqual(expected);
  });
});

describe('backupCommand', () => {
  it('writes to <db dir>/backups by default and says where', async () => {
    const dbPath = join(dir, 'db.sqlite');
    const store = Store.open(dbPath);
    await importCorpus(store, 'zed.md');
    store.close();
    const message = await backupCommand(dbPath, undefined);
    const files = readdirSync(join(dir, 'backups'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^dpa-backup-\d{8}T\d{9}Z\.sqlite$/);
    expect(message).toContain(join(dir, 'backups', files[0] as string));
    expect(inspect(join(dir, 'backups', files[0] as string)).snapshots).toHaveLength(1);
  });

  it('fails naming the file when the database does not exist, creating nothing', async () => {
    const dbPath = join(dir, 'missing.sqlite');
    const e = await rejection(backupCommand(dbPath, join(dir, 'out.sqlite')));
    expect(e.file).toBe(dbPath);
    expect(readdirSync(dir)).toEqual([]);
  });
});
