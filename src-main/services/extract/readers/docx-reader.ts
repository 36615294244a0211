import { AppError } from '../../../../src-shared/errors';
import { boundedDocxArchive } from './zip-guard';

/** true for a Word document: a ZIP archive that holds `word/document.xml`. */
export function isDocx(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    return false;
  }
  // ZIP entry names are stored uncompressed, in the local headers and the central directory
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
    'word/document.xml',
  );
}

/**
 * Converts a DOCX annex to HTML with mammoth, so the HTML reader sees its real headings, tables
 * and lists. mammoth is loaded on first use: most imports are web pages and never pay for it.
 * Images become empty elements (a logo is not text), and links to files outside the document
 * are never followed: the file comes from a vendor, not from us. The archive is inflated by
 * boundedDocxArchive first, so a ZIP bomb is refused instead of filling memory.
 */
export async function docxToHtml(bytes: Uint8Array, fileName: string): Promise<string> {
  if (!isDocx(bytes)) {
    throw new AppError(
      'file-unreadable',
      'the file is not a Word (.docx) document; an old .doc must be saved as .docx or PDF first',
      { file: fileName },
    );
  }
  // inflation is bounded before mammoth sees the archive: a small file can hold gigabytes of XML
  const buffer = boundedDocxArchive(bytes, fileName);
  const mammoth = await import('mammoth');
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    return result.value;
  } catch (cause) {
    throw new AppError('file-unreadable', 'the Word document is damaged and could not be read', {
      file: fileName,
      cause,
    });
  }
}
