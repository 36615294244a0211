import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Store } from '../../../src-main/services/store';
import { tempDir } from '../../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

// Fails on any schema change until the snapshot file is reviewed and updated (`vitest -u`):
// a migration is forever, so its effect on the schema must be looked at on purpose.
it('the migrated schema matches the reviewed snapshot', async () => {
  const store = Store.open(join(dir, 's.sqlite'));
  const rows = store.db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all() as { type: string; name: string; sql: string }[];
  store.close();
  const text = `${rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql};`).join('\n\n')}\n`;
  await expect(text).toMatchFileSnapshot('./__snapshots__/schema.sql');
});
