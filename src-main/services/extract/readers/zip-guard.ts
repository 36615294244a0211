import { crc32, inflateRawSync } from 'node:zlib';

import { AppError } from '../../../../src-shared/errors';

/**
 * Bounds for a Word document's archive. A sub-processor annex is a few pages: its XML is well
 * under a megabyte. Real DOCX parts compress 5–30×; a part that claims 100× or more over a
 * megabyte is a bomb, not a document, and mammoth would spend seconds to minutes (and gigabytes)
 * converting it.
 */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;
export const MAX_DOCX_RATIO = 100;
const RATIO_FLOOR_BYTES = 1024 * 1024;

const MB = 1024 * 1024;

interface ZipEntryInfo {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function mb(n: number): string {
  return `${(n / MB).toFixed(1)} MB`;
}

function damaged(fileName: string, detail: string): AppError {
  return new AppError('file-unreadable', `the Word document is damaged (${detail})`, {
    file: fileName,
  });
}

/** The central directory's entries; throws AppError when the archive's structure is broken. */
function readCentralDirectory(buf: Buffer, fileName: string): ZipEntryInfo[] {
  // the end record is the last 22 bytes, before a comment of at most 65,535 bytes
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(fileName, 'no ZIP directory');
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    // ZIP64 exists for archives over 4 GB or 65,535 entries: never a sub-processor annex
    throw new AppError('unsupported-format', 'the Word document uses a ZIP64 archive (too big)', {
      file: fileName,
    });
  }
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) {
      throw damaged(fileName, 'a broken ZIP directory');
    }
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLen)),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Refuses an archive whose declared sizes are too big or too compressed to be a real annex. */
function checkDeclaredSizes(entries: ZipEntryInfo[], fileName: string): void {
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > RATIO_FLOOR_BYTES && e.size / Math.max(1, e.compressedSize) >= MAX_DOCX_RATIO) {
      throw new AppError(
        'file-too-large',
        `the Word document's ${e.name} expands from ${mb(e.compressedSize)} to ${mb(e.size)} ` +
          `(over ${MAX_DOCX_RATIO}:1), which no real document does; it was not opened`,
        { file: fileName },
      );
    }
  }
  if (total > MAX_DOCX_UNCOMPRESSED_BYTES) {
    throw new AppError(
      'file-too-large',
      `the Word document expands to ${mb(total)}; the limit is ${mb(MAX_DOCX_UNCOMPRESSED_BYTES)}`,
      { file: fileName },
    );
  }
}

/**
 * Inflates every entry ourselves, each capped at its declared size and all at the total bound
 * (the directory may lie; `maxOutputLength` stops zlib at the cap instead of after gigabytes),
 * and packs them again uncompressed. mammoth's JSZip then only copies what was already bounded.
 */
export function boundedDocxArchive(bytes: Uint8Array, fileName: string): Buffer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readCentralDirectory(buf, fileName);
  checkDeclaredSizes(entries, fileName);
  const parts: { name: Buffer; data: Buffer }[] = [];
  let budget = MAX_DOCX_UNCOMPRESSED_BYTES;
  for (const e of entries) {
    if (e.flags & 1) {
      throw new AppError('unsupported-format', 'the Word document is password-protected', {
        file: fileName,
      });
    }
    const lh = e.localOffset;
    if (lh + 30 > buf.length || buf.readUInt32LE(lh) !== 0x04034b50) {
      throw damaged(fileName, `a broken entry ${e.name}`);
    }
    const start = lh + 30 + buf.readUInt16LE(lh + 26) + buf.readUInt16LE(lh + 28);
    const raw = buf.subarray(start, Math.min(buf.length, start + e.compressedSize));
    let data: Buffer;
    if (e.method === 0) {
      data = raw;
    } else if (e.method === 8) {
      const cap = Math.min(e.size, budget);
      try {
        // one byte over the declared size is enough to know the directory lied
        data = inflateRawSync(raw, { maxOutputLength: cap + 1 });
      } catch (cause) {
        if (cause instanceof RangeError) {
          throw new AppError(
            'file-too-large',
            `the Word document's ${e.name} expands past its declared size or the ${mb(MAX_DOCX_UNCOMPRESSED_BYTES)} limit; it was not opened`,
            { file: fileName, cause },
          );
        }
        throw damaged(fileName, `${e.name} cannot be decompressed`);
      }
      if (data.length > cap) {
        throw new AppError(
          'file-too-large',
          `the Word document's ${e.name} expands past its declared size or the ${mb(MAX_DOCX_UNCOMPRESSED_BYTES)} limit; it was not opened`,
          { file: fileName },
        );
      }
    } else {
      throw damaged(fileName, `${e.name} uses an unknown compression method`);
    }
    budget -= data.length;
    parts.push({ name: Buffer.from(e.name, 'utf8'), data });
  }
  return storedZip(parts);
}

/** A ZIP of uncompressed ("stored") entries: local headers, central directory, end record. */
function storedZip(parts: { name: Buffer; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
