/** Test helper (not part of the library build): writes a real ZIP file of stored entries. */

export interface ZipInput {
  name: string;
  data: string | Uint8Array;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const bytesOf = (s: string | Uint8Array): Uint8Array => (typeof s === 'string' ? new TextEncoder().encode(s) : s);

function le(n: number, width: 2 | 4): number[] {
  return width === 2 ? [n & 0xff, (n >>> 8) & 0xff] : [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
}

/** A ZIP (method 0, stored) with a central directory, as any zip tool would write it. */
export function writeZip(entries: ZipInput[], comment = ''): Uint8Array {
  const out: number[] = [];
  const central: number[] = [];
  for (const e of entries) {
    const nameBytes = [...bytesOf(e.name)];
    const data = bytesOf(e.data);
    const crc = crc32(data);
    const offset = out.length;
    const common = [...le(20, 2), ...le(0, 2), ...le(0, 2), ...le(0, 2), ...le(0x21, 2), ...le(crc, 4)];
    const sizes = [...le(data.length, 4), ...le(data.length, 4), ...le(nameBytes.length, 2), ...le(0, 2)];
    out.push(...le(0x04034b50, 4), ...common, ...sizes, ...nameBytes);
    for (const b of data) out.push(b);
    central.push(
      ...le(0x02014b50, 4),
      ...le(20, 2),
      ...common,
      ...sizes,
      ...le(0, 2), // comment length
      ...le(0, 2), // disk
      ...le(0, 2), // internal attributes
      ...le(0, 4), // external attributes
      ...le(offset, 4),
      ...nameBytes,
    );
  }
  const cdOffset = out.length;
  const commentBytes = [...bytesOf(comment)];
  out.push(
    ...central,
    ...le(0x06054b50, 4),
    ...le(0, 2),
    ...le(0, 2),
    ...le(entries.length, 2),
    ...le(entries.length, 2),
    ...le(central.length, 4),
    ...le(cdOffset, 4),
    ...le(commentBytes.length, 2),
    ...commentBytes,
  );
  return Uint8Array.from(out);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

/** The smallest Word document Word opens: content types, the package relationship, the body. */
export function minimalDocx(): Uint8Array {
  return writeZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    },
    {
      name: 'word/document.xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        '<w:body><w:p><w:r><w:t>证明材料</w:t></w:r></w:p></w:body></w:document>',
    },
  ]);
}
