import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { detectFormat, extractDocument } from '../../../src-main/services/extract/index';

const FIXTURES = path.resolve(__dirname, '../../fixtures/pages');

async function parse(name: string) {
  return extractDocument({
    fileName: name,
    bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))),
  });
}

describe('detectFormat', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
  it.each([
    ['a.bin', '%PDF-1.7', 'pdf'],
    ['page.md', '# Hi', 'markdown'],
    ['page', '<!DOCTYPE html><html></html>', 'html'],
    ['list.csv', 'a,b', 'csv'],
    ['list.tsv', 'a\tb', 'csv'],
    ['notes.txt', 'hello', 'text'],
  ])('%s (%s) -> %s', (name, content, format) => {
    expect(detectFormat(name, bytes(content))).toBe(format);
  });
});

describe('extractDocument', () => {
  it('reads headed HTML blocks, skips navigation, renders visible text', async () => {
    const doc = await parse('headed-blocks.html');
    expect(doc.entries.map((e) => [e.name, e.legalEntity, e.countries, e.section])).toEqual([
      ['Amazon Web Services', 'Amazon Web Services, Inc.', ['US'], 'Entities'],
      ['Mailchimp', 'The Rocket Science Group LLC.', ['GB'], 'Entities'],
    ]);
    expect(doc.publisher).toBe('Acme ApS');
    expect(doc.text).not.toContain('<strong>');
    expect(doc.text).not.toContain('Home');
    const span = doc.entries[1]?.provenance.name?.[0];
    expect(span && doc.text.slice(span.start, span.end)).toBe('Mailchimp');
  });

  it('merges rows, splits multi-vendor cells and reads statuses from headings', async () => {
    const doc = await parse('sections.md');
    expect(doc.entries.map((e) => [e.name, e.countries, e.status, e.purpose])).toEqual([
      ['Amazon Web Services', ['US', 'IE'], 'active', 'Hosting; Backups'],
      ['Mixpanel', ['EU'], 'active', 'Analytics'],
      ['Grafana', ['EU'], 'active', 'Analytics'],
      ['OpenAI', ['US'], 'conditional', 'AI assistant'],
    ]);
    expect(doc.lastUpdated).toBe('2023-06-14');
    expect(doc.noticeDays).toBe(30);
    expect(doc.publisher).toBe('Acme, Inc.');
  });

  // page text copied from a browser: one block per line (the long intro line tells the reader so)
  it('reads a flattened "Name Purpose Location" table from plain text', async () => {
    const doc = await parse('flat-rows.txt');
    expect(doc.entries.map((e) => [e.name, e.purpose, e.countries, e.transfer, e.section])).toEqual(
      [
        ['Amazon Web Services', 'Cloud Service Provider', ['US'], ['SCC'], 'Core Infrastructure'],
        ['New Relic', 'Application Performance Monitoring', ['US'], ['SCC'], 'Core Infrastructure'],
      ],
    );
  });

  it('returns no entries with a warning for a page that is not a list', async () => {
    const doc = await extractDocument({
      fileName: 'recipe.txt',
      bytes: new TextEncoder().encode('Pancakes\n\nMix flour, eggs and milk. Fry in butter.\n'),
    });
    expect(doc.entries).toEqual([]);
    expect(doc.warnings[0]).toMatch(/no sub-processor/);
  });

  it.each([
    ['junk.bin', new Uint8Array([0, 1, 2, 3, 0, 0, 5, 6, 7, 0, 9, 0]), 'unsupported-format'],
    ['empty.txt', new Uint8Array([]), 'file-unreadable'],
    ['broken.pdf', new TextEncoder().encode('%PDF-1.4\nnot really a pdf'), 'pdf-unreadable'],
  ])('refuses %s with %s', async (fileName, bytes, code) => {
    await expect(extractDocument({ fileName, bytes })).rejects.toMatchObject({
      code,
      file: fileName,
    });
  });
});

describe('page metadata in table rows', () => {
  const html = (rows: string): Uint8Array =>
    new TextEncoder().encode(
      `<h1>Subprocessors</h1><table><tr><th>Name</th><th>Location</th></tr>${rows}` +
        '<tr><td>Acme Inc.</td><td>Germany</td></tr></table>',
    );

  it.each([
    // the label and the date sit in neighbouring cells: the row is read as one line
    ['<tr><td>Last updated</td><td>March 3, 2025</td></tr>', '2025-03-03', null],
    ['<tr><td>Effective</td><td>1 May 2024</td></tr>', '2024-05-01', null],
    [
      '<tr><td>Page URL: https://acme.example/legal/subprocessors</td><td></td></tr>',
      null,
      'https://acme.example/legal/subprocessors',
    ],
    ['<tr><td>Vendor notes</td><td>none</td></tr>', null, null],
  ])('%s', async (rows, lastUpdated, url) => {
    const doc = await extractDocument({ fileName: 'list.html', bytes: html(rows) });
    expect(doc.lastUpdated).toBe(lastUpdated);
    expect(doc.url).toBe(url);
  });
});
