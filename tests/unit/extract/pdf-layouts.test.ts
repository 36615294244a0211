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

  it('a table without cell padding: rows a line apart, wrapped cells centred, across a page', async () => {
    const doc = await parse('printed-table.pdf');
    expect(doc.entries.map((e) => [e.name, e.countries, e.purpose])).toEqual([
      [
        'Amazon Web Services',
        ['US', 'IE'],
        'Cloud hosting, storage and managed databases for the production environment',
      ],
      ['Cloudflare', ['GLOBAL'], 'Content delivery network and DDoS protection'],
      ['Hetzner Online', ['DE', 'FI'], 'Backups'],
      ['Zendesk', ['US'], 'Customer support ticketing'],
      ['Postmark', ['US'], 'Transactional email delivery'],
      ['Sentry', ['US', 'DE'], 'Error monitoring and logging'],
      ['Stripe', ['IE'], 'Payment processing'],
      ['Intercom', ['IE', 'US'], 'In-app messaging and product tours'],
      ['Mixpanel', ['EU'], 'Product analytics'],
      ['Twilio', ['US'], 'SMS and voice notifications'],
      ['DocuSign', ['FR'], 'Document signing'],
      ['OpenAI', ['US'], 'Large language model inference for the optional assistant'],
    ]);
    expect(doc.entries.map((e) => e.transfer)).toEqual([
      ['SCC', 'DPF'],
      ['SCC'],
      [],
      ['DPF'],
      ['SCC'],
      ['SCC'],
      [],
      ['SCC'],
      [],
      ['BCR'],
      [],
      ['SCC', 'DPF'],
    ]);
  });

  it('a link list cut by a page break, its first item alone at the foot of a page, is no vendor', async () => {
    const doc = await parse('printed-link-list.pdf');
    expect(doc.entries.map((e) => e.name)).toEqual(['Hetzner Online', 'Cloudflare', 'Zendesk']);
  });

  it('a two-row unpadded table: no cell wraps, and runs of text cross its column edges', async () => {
    const doc = await parse('printed-small-table.pdf');
    expect(doc.entries.map((e) => [e.name, e.countries, e.transfer, e.purpose])).toEqual([
      ['Front', ['BR'], ['SCC'], 'Cloud hosting and storage'],
      ['Klaviyo', ['GB'], ['ADEQUACY'], 'Email'],
    ]);
  });
});
