import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { extractDocument } from '../../../src-main/services/extract/index';

// Each PDF is its .html beside it printed by Chromium (tests/fixtures/pdf/print-fixtures.mjs);
// expected values read off the HTML by hand.
const FIXTURES = path.resolve(__dirname, '../../fixtures/pdf');

async function parse(name: string) {
  return extractDocument({
    fileName: name,
    bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))),
  });
}

describe('browser-printed PDFs', () => {
  it('cards: a heading per vendor, then "Label: value" lines, one card split by a page break', async () => {
    const doc = await parse('printed-cards.pdf');
    expect(
      doc.entries.map((e) => [
        e.name,
        e.legalEntity,
        e.countries,
        e.transfer,
        e.purpose,
        e.section,
      ]),
    ).toEqual([
      [
        'Hetzner Online',
        'Hetzner Online GmbH',
        ['DE', 'FI'],
        [],
        'Cloud hosting and storage',
        'Infrastructure',
      ],
      [
        'Cloudflare',
        null,
        ['US'],
        ['SCC', 'DPF'],
        'Content delivery network and protection against distributed denial of service attacks',
        'Infrastructure',
      ],
      ['Zendesk', null, ['IE'], [], 'Customer support ticketing', 'Support'],
    ]);
  });
});
