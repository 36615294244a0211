import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * Hostile inputs built in memory at test time (cheaper than committing them, and readable here).
 * Committed binary fixtures live in tests/fixtures/hostile/ with the script that made them.
 */

interface ZipEntry {
  name: string;
  /** What the entry inflates to, as one chunk repeated `times` (a bomb never exists in memory). */
  chunk: Buffer;
  times: number;
  head?: Buffer;
  tail?: Buffer;
}

/** Deflates `head + chunk×times + tail` as a stream: a 1 GB entry never exists in memory. */
async function deflateRepeated(e: ZipEntry): Promise<{ data: Buffer; crc: number; size: number }> {
  const parts = [
    e.head ?? Buffer.alloc(0),
    ...Array<Buffer>(e.times).fill(e.chunk),
    e.tail ?? Buffer.alloc(0),
  ];
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const p of parts) {
    crc = crc32(p, crc);
    size += p.length;
    if (!deflate.write(p)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

/** A minimal ZIP archive (local headers, central directory, end record), entries deflated. */
export async function zipArchive(entries: ZipEntry[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const { data, crc, size } = await deflateRepeated(e);
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const MB = 1024 * 1024;

/** A ZIP whose one `index.html` inflates to 256 MB, named .html: binary bytes, not a page. */
export function zipBombHtml(): Promise<Buffer> {
  return zipArchive([{ name: 'index.html', chunk: Buffer.alloc(MB, 0x20), times: 256 }]);
}

/**
 * A well-formed Word document whose `word/document.xml` inflates to `mb` megabytes of paragraphs
 * (about 1000:1), so only a reader that bounds inflation survives it.
 */
export function docxBomb(mb: number): Promise<Buffer> {
  const para = '<w:p><w:r><w:t>Acme Hosting Inc. stores data in the US</w:t></w:r></w:p>';
  const chunk = Buffer.from(para.repeat(Math.floor(MB / para.length)));
  const ns = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  return zipArchive([
    {
      name: '[Content_Types].xml',
      chunk: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      times: 1,
    },
    {
      name: '_rels/.rels',
      chunk: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      times: 1,
    },
    {
      name: 'word/document.xml',
      head: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${ns}"><w:body>`,
      ),
      chunk,
      times: mb,
      tail: Buffer.from('</w:body></w:document>'),
    },
  ]);
}
