import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { extractDocument } from '../../../src-main/services/extract/index';

const FIXTURES = path.resolve(__dirname, '../../fixtures/pages');

async function parse(name: string) {
  return extractDocument({
    fileName: name,
    bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))),
  });
}

// Layouts the corpus does not have yet; expected values read off each fixture by hand.
describe('layouts outside the corpus', () => {
  it('HTML cards: one heading per vendor, its facts in short paragraphs', async () => {
    const doc = await parse('vendor-cards.html');
    expect(doc.entries.map((e) => [e.name, e.countries, e.purpose, e.section])).toEqual([
      [
        'Amazon Web Services',
        ['US', 'IE'],
        'Cloud hosting and storage.',
        'Infrastructure providers',
      ],
      [
        'Cloudflare',
        ['GLOBAL'],
        'Content delivery and DDoS protection.',
        'Infrastructure providers',
      ],
      ['Zendesk', ['US'], 'Customer support ticketing.', 'Support tools'],
    ]);
  });

  it('<dl> definition lists, with facts inline or after a line break', async () => {
    const doc = await parse('definition-list.html');
    expect(doc.entries.map((e) => [e.name, e.legalEntity, e.countries, e.purpose])).toEqual([
      ['Stripe', 'Stripe, Inc.', ['US'], 'Payment processing.'],
      ['Postmark', null, ['US'], 'Transactional email.'],
      ['Hetzner Online', 'Hetzner Online GmbH', ['DE', 'FI'], 'Hosting in Germany and Finland.'],
    ]);
  });

  it('tables with rowspan, colspan, a <thead>-less header, section rows and a multi-vendor cell', async () => {
    const doc = await parse('spanned-table.html');
    expect(doc.entries.map((e) => [e.name, e.countries, e.purpose, e.status, e.section])).toEqual([
      ['Amazon Web Services', ['US', 'IE'], 'Hosting; Backups', 'active', 'Infrastructure'],
      ['Mixpanel', ['DE'], 'Analytics', 'active', 'Infrastructure'],
      ['Grafana', ['DE'], 'Analytics', 'active', 'Infrastructure'],
      ['Datadog', ['US'], 'Analytics', 'active', 'Infrastructure'],
      ['Snowflake', ['US'], 'Data warehouse', 'inactive', 'Planned (not yet engaged)'],
    ]);
  });

  it('optional, planned and consent-gated vendors; companies the page says are not sub-processors', async () => {
    const doc = await parse('statuses.md');
    expect(doc.entries.map((e) => [e.name, e.status, e.section])).toEqual([
      ['Vercel', 'active', 'Active'],
      ['Plausible', 'conditional', 'Active'],
      ['OpenAI', 'inactive', 'Optional'],
      ['Mistral AI', 'inactive', 'Planned'],
    ]);
    const names = doc.entries.map((e) => e.name);
    for (const n of ['HubSpot', 'Zoho', 'Salesforce']) expect(names).not.toContain(n);
  });

  it.each([['utf16-bom.txt'], ['windows-1252.txt']])('%s decodes accents', async (name) => {
    const doc = await parse(name);
    expect(doc.format).toBe('text');
    expect(doc.publisher).toBe('Brücke Software');
    expect(doc.entries.map((e) => [e.name, e.countries, e.purpose])).toEqual([
      ['Hetzner Online', ['DE'], 'hosting in Nürnberg, Germany'],
      ['Société Générale Cloud', ['FR'], 'backups in France'],
    ]);
  });

  it('CSV with semicolons and quoted multi-line cells', async () => {
    const doc = await parse('semicolons.csv');
    expect(doc.entries.map((e) => [e.name, e.legalEntity, e.countries, e.purpose])).toEqual([
      ['Amazon Web Services', 'Amazon Web Services, Inc.', ['US', 'IE'], 'Hosting; backups'],
      ['Sentry', null, ['US'], 'Error monitoring'],
      ['Brevo', 'Sendinblue SAS', ['FR'], 'E-mail'],
    ]);
  });

  it('Markdown pipe table with escaped pipes inside cells', async () => {
    const doc = await parse('escaped-pipes.md');
    expect(doc.entries.map((e) => [e.name, e.countries, e.purpose])).toEqual([
      ['GitHub', ['US'], 'Source hosting | CI runners'],
      ['Loom', ['US'], 'Video | screen messages'],
      ['OVHcloud', ['FR'], 'Object storage'],
    ]);
  });
});

describe('vendor cards with labelled fact lines', () => {
  it('reads every labelled line, even past the third, and titles with page words', async () => {
    const doc = await parse('labelled-cards.html');
    expect(
      doc.entries.map((e) => [e.name, e.legalEntity, e.countries, e.transfer, e.dataCategories]),
    ).toEqual([
      [
        'Microsoft Exchange Online',
        'Microsoft Ireland Operations Limited',
        ['IE', 'NL'],
        [],
        ['Names, e-mail addresses, message contents'],
      ],
      ['Abnormal Security', 'Abnormal Security Corporation', ['US'], ['SCC'], ['E-mail metadata']],
      ['Slack', 'Slack Technologies Limited', ['US'], ['DPF'], []],
    ]);
    expect(doc.entries[1]?.purpose).toBe('Inbound e-mail threat detection');
    const span = doc.entries[0]?.provenance.legalEntity?.[0];
    expect(span && doc.text.slice(span.start, span.end)).toBe(
      'Microsoft Ireland Operations Limited',
    );
  });
});
