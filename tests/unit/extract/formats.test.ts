import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { MAX_IMPORT_BYTES } from '../../../src-shared/ipc';
import {
  MAX_DOCUMENT_BYTES,
  detectFormat,
  extractDocument,
} from '../../../src-main/services/extract/index';

const FIXTURES = path.resolve(__dirname, '../../fixtures/pages');

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

function mhtml(part: string, headers: string): Uint8Array {
  const b = '----MultipartBoundary--abc----';
  return new TextEncoder().encode(
    [
      'From: <Saved by Blink>',
      'Snapshot-Content-Location: https://globex.example/subprocessors',
      'MIME-Version: 1.0',
      `Content-Type: multipart/related; type="text/html"; boundary="${b}"`,
      '',
      `--${b}`,
      headers,
      '',
      part,
      `--${b}--`,
      '',
    ].join('\r\n'),
  );
}

describe('detectFormat for saved pages and Word files', () => {
  it.each([
    ['page.mhtml', 'saved-page.mhtml', 'html'],
    ['page.mht', 'saved-page.mhtml', 'html'],
    ['download', 'saved-page.mhtml', 'html'],
    ['annex.docx', 'annex.docx', 'docx'],
    ['annex', 'annex.docx', 'docx'],
  ])('%s (%s) -> %s', (name, file, format) => {
    expect(detectFormat(name, fixture(file))).toBe(format);
  });
});

describe('MHTML ("Save as single file")', () => {
  it('reads the quoted-printable page in its charset, with the page’s own URL', async () => {
    const doc = await extractDocument({
      fileName: 'acme.mhtml',
      bytes: fixture('saved-page.mhtml'),
    });
    expect(doc.format).toBe('html');
    expect(doc.entries.map((e) => [e.name, e.legalEntity, e.countries, e.purpose])).toEqual([
      [
        'Müller Hosting',
        'Müller Hosting GmbH',
        ['CH', 'DE'],
        'Server hosting in Zürich and Frankfurt',
      ],
      ['Sentry', 'Functional Software, Inc.', ['US'], 'Error monitoring – stack traces only'],
    ]);
    expect(doc.lastUpdated).toBe('2025-03-03');
    expect([doc.noticeDays, doc.noticeBusinessDays]).toEqual([10, true]);
    // the page's canonical link outranks the archive's snapshot address
    expect(doc.url).toBe('https://acme.example/legal/subprocessors-canonical');
    expect(doc.text).not.toMatch(/=3D|MultipartBoundary|iVBOR/);
    const span = doc.entries[0]?.provenance.name?.[0];
    expect(span && doc.text.slice(span.start, span.end)).toBe('Müller Hosting');
  });

  it('decodes a base64 part and falls back to the snapshot address', async () => {
    const html =
      '<html><body><h1>Globex Subprocessors</h1><table><tr><th>Vendor</th><th>Location</th></tr>' +
      '<tr><td>Zoë Analytics</td><td>France</td></tr></table></body></html>';
    const bytes = mhtml(
      Buffer.from(html, 'utf8')
        .toString('base64')
        .replace(/(.{76})/g, '$1\r\n'),
      'Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64',
    );
    const doc = await extractDocument({ fileName: 'globex.mht', bytes });
    expect(doc.entries.map((e) => [e.name, e.countries])).toEqual([['Zoë Analytics', ['FR']]]);
    expect(doc.url).toBe('https://globex.example/subprocessors');
  });

  it('refuses an archive without an HTML page', async () => {
    const bytes = mhtml('hello', 'Content-Type: text/plain');
    await expect(extractDocument({ fileName: 'x.mhtml', bytes })).rejects.toMatchObject({
      code: 'file-unreadable',
      file: 'x.mhtml',
    });
  });
});

describe('DOCX annexes', () => {
  it('reads headings, tables and an optional section through HTML', async () => {
    const doc = await extractDocument({ fileName: 'annex.docx', bytes: fixture('annex.docx') });
    expect(doc.format).toBe('docx');
    expect(doc.entries.map((e) => [e.name, e.countries, e.status, e.section])).toEqual([
      ['Hetzner Online', ['DE'], 'active', 'Infrastructure'],
      ['Postmark', ['US'], 'active', 'Infrastructure'],
      ['OpenAI', ['US'], 'inactive', 'Optional'],
    ]);
    expect(doc.publisher).toBe('Globex Ltd');
    expect([doc.noticeDays, doc.noticeBusinessDays]).toEqual([15, true]);
    const span = doc.entries[1]?.provenance.name?.[0];
    expect(span && doc.text.slice(span.start, span.end)).toBe('Postmark');
  });

  it('refuses a ZIP that is not a Word document', async () => {
    const zip = new Uint8Array([
      0x50,
      0x4b,
      0x03,
      0x04,
      ...new TextEncoder().encode('xl/workbook.xml'),
    ]);
    await expect(extractDocument({ fileName: 'sheet.docx', bytes: zip })).rejects.toMatchObject({
      code: 'file-unreadable',
    });
  });
});

describe('size limit', () => {
  it('is the app’s import limit', () => {
    expect(MAX_DOCUMENT_BYTES).toBe(MAX_IMPORT_BYTES);
  });

  it('refuses a bigger file with its size and the limit', async () => {
    const bytes = new Uint8Array(MAX_IMPORT_BYTES + 1024 * 1024);
    await expect(extractDocument({ fileName: 'huge.html', bytes })).rejects.toMatchObject({
      code: 'file-too-large',
      reason: 'the file is 21.0 MB; the limit is 20 MB',
    });
  });
});
