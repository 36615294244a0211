import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { extractDocument } from '../../../src-main/services/extract/index';

const FIXTURES = path.resolve(__dirname, '../../fixtures/pages');

async function parseFixture(name: string) {
  return extractDocument({
    fileName: name,
    bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))),
  });
}

async function parseText(fileName: string, text: string) {
  return extractDocument({ fileName, bytes: new TextEncoder().encode(text) });
}

describe('a flattened table whose vendor names were logo images', () => {
  it('keeps every row, names one only when its section introduction names it', async () => {
    const doc = await parseFixture('logo-rows.txt');
    expect(doc.entries.map((e) => [e.name, e.legalEntity, e.nameOnPage, e.purpose])).toEqual([
      ['Vercel', 'Vercel Inc.', true, 'Frontend hosting and edge functions.'],
      ['Neon', null, false, 'Managed Postgres database for all customer records.'],
      ['', null, false, 'Transactional email for sign-in links.'],
      ['', null, false, 'SMS one-time passcodes.'],
    ]);
    const [, neon, email] = doc.entries;
    expect(neon?.confidence).toBeLessThan(0.7);
    expect(neon?.confidenceReasons.join(' ')).toMatch(/introduction/);
    const span = neon?.provenance.name?.[0];
    expect(span && doc.text.slice(span.start, span.end)).toBe('Neon');
    expect(email?.confidence).toBeLessThan(0.7);
    expect(email?.confidenceReasons[0]).toMatch(/no vendor name/);
    expect(email?.section).toBe('Messaging');
    expect(doc.warnings.join(' ')).toMatch(/2 row\(s\) have no vendor name/);
  });
});

describe('vendors named only in brackets of a description', () => {
  it('makes one entry per bracketed name instead of the generic title', async () => {
    const doc = await parseText(
      'integrations.txt',
      [
        'Acme subprocessors',
        'Vendors we contract with directly for every customer; this is the complete list of them.',
        'Customer-configured integrations',
        'Services the customer contracts with directly. They are not our subprocessors, but we list them for completeness.',
        'HR system connectors',
        'Optional employee sync from the customer’s HRIS (BambooHR, Personio, HiBob). We read names and e-mail addresses only.',
      ].join('\n'),
    );
    expect(doc.entries.map((e) => [e.name, e.status, e.purpose])).toEqual([
      ['BambooHR', 'customer-managed', 'Optional employee sync from the customer’s HRIS.'],
      ['Personio', 'customer-managed', 'Optional employee sync from the customer’s HRIS.'],
      ['HiBob', 'customer-managed', 'Optional employee sync from the customer’s HRIS.'],
    ]);
  });
});

describe('site navigation and footer', () => {
  it('reads no entries from footer columns of a printed page', async () => {
    const html = `<html><body><h1>Acme Subprocessors</h1>
      <table><tr><th>Subprocessor</th><th>Location</th></tr>
      <tr><td>Amazon Web Services, Inc.</td><td>USA</td></tr>
      <tr><td>Sentry</td><td>USA</td></tr></table>
      <div><table>
      <tr><td>Company</td><td>Legal</td></tr>
      <tr><td>About</td><td>Terms of service</td></tr>
      <tr><td>Blog</td><td>Privacy policy</td></tr>
      <tr><td>Contact us</td><td>Cookies policy</td></tr></table></div>
      <ul><li>Careers</li><li>Status</li></ul></body></html>`;
    const doc = await parseText('page.html', html);
    expect(doc.entries.map((e) => e.name)).toEqual(['Amazon Web Services', 'Sentry']);
  });

  it('keeps a vendor table whose purposes are words a footer also uses', async () => {
    const html = `<h1>Acme Subprocessors</h1><table>
      <tr><td>Zendesk</td><td>Support</td><td>Support</td></tr>
      <tr><td>Vanta</td><td>Security</td><td>Security</td></tr></table>`;
    const doc = await parseText('page.html', html);
    expect(doc.entries.map((e) => e.name)).toEqual(['Zendesk', 'Vanta']);
  });
});

describe('the category word after a title', () => {
  it('is cut from a plain-text title line, kept in a marked-up heading', async () => {
    const text = await parseText(
      'list.txt',
      [
        'Initech subprocessors',
        'Stripe Billing',
        'Subscription billing and payment processing. Location: United States.',
        'Postmark Email',
        'Transactional e-mail. Location: United States.',
      ].join('\n\n'),
    );
    expect(text.entries.map((e) => e.name)).toEqual(['Stripe', 'Postmark']);
    const html = await parseText(
      'list.html',
      [
        '<h1>Initech</h1><h2>Initech subprocessors</h2>',
        '<h3>Plausible Analytics</h3><p>Website statistics.</p><p>Location: Germany</p>',
        '<h3>Mistral AI</h3><p>Text summaries.</p><p>Location: France</p>',
      ].join('\n'),
    );
    expect(html.entries.map((e) => e.name)).toEqual(['Plausible Analytics', 'Mistral AI']);
  });
});

describe('a header row repeated inside a table', () => {
  it('is not read as a vendor, however it is spelt', async () => {
    const doc = await parseText(
      'repeated-header.md',
      [
        '# Sub-processors',
        '',
        '| Sub-processor | Purpose | Location |',
        '|---|---|---|',
        '| Stripe | Payment processing | United States |',
        '| Sub- processor | Purpose | Location |',
        '| SUBPROCESSOR | PURPOSE OF PROCESSING | HOSTING REGION |',
        '| Zendesk | Customer support | Ireland |',
        '',
      ].join('\n'),
    );
    expect(doc.entries.map((e) => [e.name, e.countries])).toEqual([
      ['Stripe', ['US']],
      ['Zendesk', ['IE']],
    ]);
  });
});
