/**
 * Property tests over the document readers: for any text or bytes as .txt, .md, .html or .csv,
 * extractDocument either returns a document whose provenance spans lie inside its text, or throws
 * an AppError (which the app shows as "file: reason"); never anything else, and never slowly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { extractDocument } from '../../../src-main/services/extract';

const EXTENSIONS = ['txt', 'md', 'html', 'csv'] as const;
// Inputs are at most a few kB, so a run is milliseconds; 2 s means a pathological slowdown.
const PER_RUN_MS = 2_000;
const RUNS = 200;

/** Fragments that steer random text into the readers' table, list and markup branches. */
const TOKENS = [
  '\n',
  '\r\n',
  '\t',
  ' | ',
  '|',
  ',',
  ';',
  '"',
  '---',
  '|---|---|',
  '# ',
  '## ',
  '- ',
  '* ',
  '1. ',
  '> ',
  '<table>',
  '<tr>',
  '<td>',
  '</td>',
  '</tr>',
  '<th>',
  '<br>',
  '<ul>',
  '<li>',
  '<dl><dt>',
  '<dd>',
  '<div>',
  '</div>',
  '<p>',
  '<h2>',
  '<script>',
  '</script>',
  '<!--',
  '-->',
  '<![CDATA[',
  '&amp;',
  '&#x',
  '&#65;',
  '&nbsp;',
  'colspan="3"',
  'rowspan=2',
  'Acme Inc.',
  'Amazon Web Services',
  'Hosting',
  'United States',
  'Germany',
  'EU',
  'SCCs',
  'Last updated: March 3, 2025',
  '30 days',
  'Subprocessor',
  'Purpose',
  'Location',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '\ud800',
  '😀',
];

const structured = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 12 })), { maxLength: 120 })
  .map((parts) => parts.join(''));
const anyText = fc.string({ unit: 'binary', maxLength: 600 });

function checkSpans(doc: ParsedDocument): void {
  for (const e of doc.entries) {
    for (const spans of Object.values(e.provenance)) {
      for (const s of spans ?? []) {
        expect(Number.isInteger(s.start) && Number.isInteger(s.end)).toBe(true);
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeGreaterThanOrEqual(s.start);
        expect(s.end).toBeLessThanOrEqual(doc.text.length);
      }
    }
  }
}

/** Parses, and holds the outcome to the property; returns nothing so fast-check only sees throws. */
async function parseHolds(fileName: string, bytes: Uint8Array): Promise<void> {
  const t0 = performance.now();
  let doc: ParsedDocument | undefined;
  try {
    doc = await extractDocument({ fileName, bytes });
  } catch (e) {
    if (!(e instanceof AppError)) {
      throw new Error(`${fileName}: threw ${String(e)} instead of an AppError`, { cause: e });
    }
    expect(e.file).toBe(fileName);
  }
  expect(performance.now() - t0, `${fileName} took too long`).toBeLessThan(PER_RUN_MS);
  if (doc) checkSpans(doc);
}

describe.each(EXTENSIONS)('extractDocument on arbitrary .%s input', (ext) => {
  const fileName = `fuzz.${ext}`;
  const options = { numRuns: RUNS, timeout: PER_RUN_MS, interruptAfterTimeLimit: 4_000 };

  it('text built from reader tokens', { timeout: 15_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(structured, (s) => parseHolds(fileName, new TextEncoder().encode(s))),
      options,
    );
  });

  it('any UTF-16 string, encoded as UTF-8', { timeout: 15_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(anyText, (s) => parseHolds(fileName, new TextEncoder().encode(s))),
      options,
    );
  });

  it('any bytes', { timeout: 15_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), (b) => parseHolds(fileName, b)),
      options,
    );
  });
});
