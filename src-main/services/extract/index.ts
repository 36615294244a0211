import type { ParsedDocument, SourceFormat } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { findLastUpdated } from '../normalize/dates';
import { findNoticeDays, findObjectionDays, findPublisher } from '../normalize/metadata';
import type { Block } from './blocks';
import { decodeText, isBinary } from './decode';
import { extractDrafts, finalizeEntries } from './entries';
import { readCsvBlocks } from './readers/csv-reader';
import { readHtmlBlocks } from './readers/html-reader';
// pdf-reader itself loads pdf.js lazily, so non-PDF parsing never pays for it
import { readPdf } from './readers/pdf-reader';
import { renderBlocks } from './readers/render';
import { readTextBlocks } from './readers/text-reader';

/** Bump when the output for the same input changes, so stored snapshots can be re-parsed. */
export const PARSER_VERSION = '1';

/** Sub-processor pages are small; anything this big is not one and would stall the UI. */
const MAX_BYTES = 25 * 1024 * 1024;

/** Guess the format from name + magic bytes. */
export function detectFormat(fileName: string, bytes: Uint8Array): SourceFormat {
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    return 'pdf';
  }
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'docx') return 'docx';
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
  if (bytes.length > MAX_BYTES) {
    throw new AppError(
      'file-too-large',
      `the file is ${Math.round(bytes.length / 1048576)} MB; the limit is 25 MB`,
      { file: fileName },
    );
  }
  if (bytes.length === 0) {
    throw new AppError('file-unreadable', 'the file is empty', { file: fileName });
  }
  const format = formatFor(fileName, bytes, input.mediaType);
  let text: string;
  let blocks: Block[];
  if (format === 'pdf') {
    ({ text, blocks } = await readPdf(bytes, fileName));
  } else if (format === 'docx') {
    throw new AppError(
      'unsupported-format',
      'Word documents are not supported yet; save the page as PDF or HTML',
      { file: fileName },
    );
  } else {
    if (isBinary(bytes)) {
      throw new AppError(
        'unsupported-format',
        'the file is binary data, not a web page, PDF or text document',
        { file: fileName },
      );
    }
    const source = decodeText(bytes, format);
    if (format === 'html') {
      ({ text, blocks } = renderBlocks(readHtmlBlocks(source), source.length));
    } else if (format === 'csv') {
      text = source;
      blocks = readCsvBlocks(
        source,
        /\.tsv$/i.test(fileName) || !source.includes(',') ? '\t' : ',',
      );
    } else {
      text = source;
      blocks = readTextBlocks(source, format === 'markdown');
    }
  }
  return buildDocument(format, text, blocks);
}

function formatFor(
  fileName: string,
  bytes: Uint8Array,
  mediaType: string | undefined,
): SourceFormat {
  const detected = detectFormat(fileName, bytes);
  if (detected !== 'text' || !mediaType) return detected;
  if (/pdf/.test(mediaType)) return 'pdf';
  if (/html/.test(mediaType)) return 'html';
  if (/markdown/.test(mediaType)) return 'markdown';
  if (/csv|tab-separated/.test(mediaType)) return 'csv';
  return 'text';
}

/** Entries and page metadata from blocks; shared by every format. */
export function buildDocument(format: SourceFormat, text: string, blocks: Block[]): ParsedDocument {
  const isTextFormat = format === 'text' || format === 'pdf';
  const { drafts, pageTransfers } = extractDrafts(blocks, isTextFormat);
  const entries = finalizeEntries(drafts, pageTransfers, text);
  const blockTexts = blocks.flatMap(blockLines);
  const prose = blocks
    .filter((b) => b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'list-item')
    .map((b) => (b.kind === 'paragraph' ? b.lines.map((l) => l.text).join('\n') : b.content.text))
    .join('\n');
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
    publisher: findPublisher(
      [...titles, ...firstLines],
      prose,
      blocks.flatMap((b) => (b.kind === 'heading' ? [b.content.text] : [])),
    ),
    lastUpdated: findLastUpdated(blockTexts)?.iso ?? null,
    noticeDays: findNoticeDays(prose)?.days ?? null,
    noticeBusinessDays: false,
    objectionDays: findObjectionDays(prose)?.days ?? null,
    url: null,
    entries,
    warnings,
  };
}

function blockLines(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
    case 'list-item':
      return [b.content.text];
    case 'paragraph':
      return b.lines.map((l) => l.text);
    case 'definition':
      return [b.term.text, b.description.text];
    case 'table':
      return b.rows.map((r) => r.map((c) => c.text).join(' | '));
  }
}
