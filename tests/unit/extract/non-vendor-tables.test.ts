import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { extractDocument } from '../../../src-main/services/extract/index';

const HOSTILE = path.resolve(__dirname, '../../fixtures/hostile');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('tables that are not sub-processor lists', () => {
  it('reads no entries from a recipe’s nutrition table, and warns', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(HOSTILE, 'recipe.html')));
    const doc = await extractDocument({ fileName: 'recipe.html', bytes });
    expect(doc.entries).toEqual([]);
    expect(doc.warnings.join(' ')).toMatch(/may not be a sub-processor list/);
  });

  it('still reads a headerless table on a page about sub-processors', async () => {
    const html =
      '<html><body><h1>Subprocessors</h1><table><tr><td>Acme Cloud</td><td>Hosting</td></tr><tr><td>Mailer</td><td>Email delivery</td></tr></table></body></html>';
    const doc = await extractDocument({ fileName: 'list.html', bytes: enc(html) });
    expect(doc.entries.map((e) => e.name)).toEqual(['Acme Cloud', 'Mailer']);
  });

  it('reads a headerless table of legal entities even without a cue in the text', async () => {
    const html =
      '<html><body><table><tr><td>Acme Cloud Inc.</td><td>Hosting</td></tr><tr><td>Mailer Ltd</td><td>Email delivery</td></tr></table></body></html>';
    const doc = await extractDocument({ fileName: 'list.html', bytes: enc(html) });
    expect(doc.entries.map((e) => e.legalEntity ?? e.name)).toEqual([
      'Acme Cloud Inc.',
      'Mailer Ltd',
    ]);
  });
});
