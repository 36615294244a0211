import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { AppError } from '../../../src-shared/errors';
import { extractDocument } from '../../../src-main/services/extract/index';
import { docxBomb } from '../../integration/reliability/hostile-inputs';

const PAGES = path.resolve(__dirname, '../../fixtures/pages');

async function refusal(fileName: string, bytes: Uint8Array): Promise<AppError> {
  const err = await extractDocument({ fileName, bytes }).then(
    (doc) => new Error(`parsed with ${doc.entries.length} entries`),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  expect(e.file).toBe(fileName);
  expect(e.code).toBe('file-too-large');
  return e;
}

/** Rewrites the central directory's uncompressed size of `name`: a directory that lies. */
function lieAboutSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let p = out.length - 22; p >= 0; p--) {
    if (out.readUInt32LE(p) !== 0x02014b50) continue;
    const len = out.readUInt16LE(p + 28);
    if (out.toString('utf8', p + 46, p + 46 + len) === name) {
      out.writeUInt32LE(size, p + 24);
      // a modest claimed ratio, so only the inflation cap can catch it
      out.writeUInt32LE(Math.max(1, out.readUInt32LE(p + 20)), p + 20);
      return out;
    }
  }
  throw new Error(`${name} not in the archive`);
}

describe('DOCX zip bombs', () => {
  it('refuses 256 MB of XML in a small file at once, naming the file', async () => {
    const bytes = new Uint8Array(await docxBomb(256));
    const t0 = performance.now();
    const e = await refusal('bomb.docx', bytes);
    expect(e.reason).toMatch(/word\/document\.xml expands .* no real document/);
    expect(performance.now() - t0).toBeLessThan(3_000);
  });

  it('refuses 16 MB of XML in a 57 kB file (absurd ratio), also when named .html', async () => {
    const bytes = new Uint8Array(await docxBomb(16));
    await refusal('bomb.docx', bytes);
    await refusal('bomb.html', bytes);
  });

  it('stops inflating when the directory understates the size', async () => {
    const zip = lieAboutSize(await docxBomb(2), 'word/document.xml', 100_000);
    const t0 = performance.now();
    const e = await refusal('liar.docx', new Uint8Array(zip));
    expect(e.reason).toMatch(/expands past its declared size/);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it('still reads a real annex through the bounded archive', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(PAGES, 'annex.docx')));
    const doc = await extractDocument({ fileName: 'annex.docx', bytes });
    expect(doc.entries.map((x) => x.name)).toEqual(['Hetzner Online', 'Postmark', 'OpenAI']);
  });
});
