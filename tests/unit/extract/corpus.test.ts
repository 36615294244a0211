import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { extractDocument } from '../../../src-main/services/extract/index';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['seeds', 'real']) {
    const full = path.join(CORPUS, dir);
    for (const name of readdirSync(full)) {
      if (name.endsWith('.golden.json')) {
        const golden = JSON.parse(readFileSync(path.join(full, name), 'utf8')) as {
          source: string;
        };
        out.push(path.join(full, golden.source));
      }
    }
  }
  return out;
}

describe('every corpus document', () => {
  it.each(corpusFiles().map((f) => [path.basename(f), f]))(
    '%s parses with in-range spans',
    async (_, file) => {
      const doc = await extractDocument({
        fileName: path.basename(file),
        bytes: new Uint8Array(readFileSync(file)),
      });
      expect(doc.entries.length).toBeGreaterThan(0);
      for (const e of doc.entries) {
        expect(e.confidence).toBeGreaterThanOrEqual(0);
        expect(e.confidence).toBeLessThanOrEqual(1);
        if (e.confidence < 1) expect(e.confidenceReasons.length).toBeGreaterThan(0);
        for (const spans of Object.values(e.provenance)) {
          for (const s of spans ?? []) {
            expect(s.start).toBeGreaterThanOrEqual(0);
            expect(s.end).toBeGreaterThan(s.start);
            expect(s.end).toBeLessThanOrEqual(doc.text.length);
          }
        }
        // the name span must show the name as printed
        if (e.name && e.provenance.name?.length === 1) {
          const span = e.provenance.name[0];
          if (span) {
            expect(doc.text.slice(span.start, span.end).replace(/\s+/g, ' ')).toContain(
              e.name.split(' ')[0],
            );
          }
        }
      }
    },
    20_000,
  );
});
