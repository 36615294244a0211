import type { ParsedDocument, SourceFormat } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { MAX_IMPORT_BYTES } from '../../../src-shared/limits';
import { findLastUpdated, mayHoldDateLabel } from '../normalize/dates';
import {
  findHtmlUrl,
  findNoticeDays,
  findObjectionDays,
  findPageUrl,
  mayHoldPageUrl,
  findPublisher,
  httpUrl,
} from '../normalize/metadata';
import type { Block } from './blocks';
import { decodeText, isBinary } from './decode';
import { extractDrafts, finalizeEntries } from './entries';
import { csvDelimiter, readCsvBlocks } from './readers/csv-reader';
// mammoth is imported inside docxToHtml, on first use only
import { docxToHtml, isDocx } from './readers/docx-reader';
import { readHtmlBlocks } from './readers/html-reader';
import { isMhtml, readMhtml } from './readers/mhtml-reader';
// pdf-reader loads pdf.js lazily (or while a parse worker is idle), so non-PDF parsing never
// pays for it
import { readPdf } from './readers/pdf-reader';
import { renderBlocks } from './readers/render';
import { readTextBlocks } from './readers/text-reader';

/** The app's import limit, shared with the import service (src-shared/limits.ts). */
export const MAX_DOCUMENT_BYTES = MAX_IMPORT_BYTES;

export { preloadPdfReader } from './readers/pdf-reader';

/** Bump when the output for the same input changes, so stored snapshots can be re-parsed. */
export const PARSER_VERSION = '5';

/**
 * Guess the format from name + magic bytes. A web archive (.mhtml) is 'html': its page is HTML
 * and SourceFormat has no archive kind; the stored original bytes stay the archive.
 */
export function detectFormat(fileName: string, bytes: Uint8Array): SourceFormat {
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    return 'pdf';
  }
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'docx' || isDocx(bytes)) return 'docx';
  if (ext === 'mhtml' || ext === 'mht' || isMhtml(bytes)) return 'html';
  if (ext === 'md' || ext === 'markdown' || ext === 'mdx') return 'markdown';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  const head = Buffer.from(bytes.subarray(0, 2048))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (
    /^(<!doctype html|<html|<head|<body)/.test(head) ||
    (/<(div|p|table|h[1-6]|ul|section)[\s>]/.test(head) && /^</.test(head))
  ) {
    return 'html';
  }
  return 'text';
}

/** Parse one document. Throws AppError (with `file`) for unreadable input. */
export async function extractDocument(input: {
  fileName: string;
  bytes: Uint8Array;
  mediaType?: string;
}): Promise<ParsedDocument> {
  const { fileName, bytes } = input;
  // sub-processor pages are small; a huge file is not one and would stall the UI
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    throw new AppError(
      'file-too-large',
      `the file is ${mb} MB; the limit is ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
      { file: fileName },
    );
  }
  if (bytes.length === 0) {
    throw new AppError('file-unreadable', 'the file is empty', { file: fileName });
  }
  const format = formatFor(fileName, bytes, input.mediaType);
  if (format === 'pdf') {
    const { text, blocks } = await readPdf(bytes, fileName);
    return buildDocument(format, text, blocks);
  }
  if (format === 'docx') {
    const html = await docxToHtml(bytes, fileName);
    return fromHtml(html, null, 'docx');
  }
  if (format === 'html' && isMhtml(bytes)) {
    const page = readMhtml(bytes);
    if (!page) {
      throw new AppError(
        'file-unreadable',
        'the web archive (.mhtml) holds no HTML page; save the page again as a single file',
        { file: fileName },
      );
    }
    return fromHtml(page.html, page.location, 'html');
  }
  if (isBinary(bytes)) {
    throw new AppError(
      'unsupported-format',
      'the file is binary data, not a web page, PDF or text document',
      { file: fileName },
    );
  }
  const source = decodeText(bytes, format);
  if (format === 'html') return fromHtml(source, null, 'html');
  if (format === 'csv') {
    return buildDocument(format, source, readCsvBlocks(source, csvDelimiter(fileName, source)));
  }
  return buildDocument(format, source, readTextBlocks(source, format === 'markdown'));
}

/** HTML (a page, a web archive's page, a converted Word file): the visible text is stored. */
function fromHtml(html: string, location: string | null, format: SourceFormat): ParsedDocument {
  const { text, blocks } = renderBlocks(readHtmlBlocks(html), html.length);
  const doc = buildDocument(format, text, blocks);
  // the page's own canonical address first: the archive's snapshot address may carry tracking
  doc.url = findHtmlUrl(html) ?? httpUrl(location) ?? doc.url;
  return doc;
}

function formatFor(
  fileName: string,
  bytes: Uint8Array,
  mediaType: string | undefined,
): SourceFormat {
  const detected = detectFormat(fileName, bytes);
  if (detected !== 'text' || !mediaType) return detected;
  if (/pdf/.test(mediaType)) return 'pdf';
  if (/wordprocessingml/.test(mediaType)) return 'docx';
  if (/html|multipart\/related|message\/rfc822/.test(mediaType)) return 'html';
  if (/markdown/.test(mediaType)) return 'markdown';
  if (/csv|tab-separated/.test(mediaType)) return 'csv';
  return 'text';
}

/** Entries and page metadata from blocks; shared by every format. */
export function buildDocument(format: SourceFormat, text: string, blocks: Block[]): ParsedDocument {
  const isTextFormat = format === 'text' || format === 'pdf';
  const { drafts, pageTransfers } = extractDrafts(blocks, isTextFormat);
  const entries = finalizeEntries(drafts, pageTransfers, text);
  const blockTexts: string[] = [];
  for (const b of blocks) addMetadataLines(b, blockTexts);
  // the paragraphs' lines, headings and list items, one a line, joined once
  const proseLines: string[] = [];
  const headings: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      // a paragraph without lines still stood for one (empty) line
      if (b.lines.length === 0) proseLines.push('');
      for (const l of b.lines) proseLines.push(l.text);
    } else if (b.kind === 'heading' || b.kind === 'list-item') {
      proseLines.push(b.content.text);
      if (b.kind === 'heading') headings.push(b.content.text);
    }
  }
  const prose = proseLines.join('\n');
  // the title is the first heading or one of the first short lines; section headings
  // ("Product-Specific Subprocessors") must not be read as the publisher
  const firstHeading = blocks.find((b) => b.kind === 'heading');
  const titles = firstHeading?.kind === 'heading' ? [firstHeading.content.text] : [];
  const firstLines = blocks
    .slice(0, 3)
    .flatMap((b) =>
      b.kind === 'paragraph' && b.lines.length === 1 && b.content.text.length <= 80
        ? [b.content.text]
        : [],
    );
  const warnings: string[] = [];
  if (entries.length === 0) {
    warnings.push(
      blocks.length === 0
        ? 'the document has no readable text'
        : 'no sub-processor table or list was found; this may not be a sub-processor list',
    );
  }
  const notice = findNoticeDays(prose);
  const unnamed = entries.filter((e) => !e.name).length;
  if (unnamed) warnings.push(`${unnamed} row(s) have no vendor name on the page (a logo image?)`);
  const inferred = entries.filter((e) => e.name && !e.nameOnPage).length;
  if (inferred) {
    warnings.push(
      `${inferred} row(s) print no vendor name; the name was taken from the text around the table`,
    );
  }
  return {
    format,
    text,
    publisher: findPublisher([...titles, ...firstLines], prose, headings),
    lastUpdated: findLastUpdated(blockTexts)?.iso ?? null,
    noticeDays: notice?.days ?? null,
    noticeBusinessDays: notice?.isBusinessDays ?? false,
    objectionDays: findObjectionDays(prose)?.days ?? null,
    url: findPageUrl(blockTexts),
    entries,
    warnings,
  };
}

/**
 * The lines the last-updated date and the page address are looked for in, added to `out`: every
 * block's lines, but of a table only the rows where a cell could hold either. Each search skips a
 * line that cannot, and what it matches never crosses a " | " between cells, so the rows left out
 * would be skipped anyway; they are not joined into strings only to be skipped. Pushed rather
 * than returned, as a card page has thousands of one-line blocks and an array for each.
 */
function addMetadataLines(b: Block, out: string[]): void {
  switch (b.kind) {
    case 'heading':
    case 'list-item':
      out.push(b.content.text);
      return;
    case 'paragraph':
      for (const l of b.lines) out.push(l.text);
      return;
    case 'definition':
      out.push(b.term.text, b.description.text);
      return;
    case 'table':
      for (const r of b.rows) {
        if (r.some((c) => mayHoldDateLabel(c.text) || mayHoldPageUrl(c.text))) {
          out.push(r.map((c) => c.text).join(' | '));
        }
      }
      return;
  }
}
