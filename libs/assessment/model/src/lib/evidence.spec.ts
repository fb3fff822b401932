import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, detectEvidenceType } from './evidence';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

/** A local file header (PK\x03\x04) of a zip entry with `name`, followed by some filler. */
const zipEntry = (name: string, filler = 16): number[] => [
  0x50,
  0x4b,
  0x03,
  0x04,
  ...new Array<number>(22).fill(0),
  name.length & 0xff,
  name.length >> 8,
  0,
  0,
  ...[...name].map((c) => c.charCodeAt(0)),
  ...new Array<number>(filler).fill(0x20),
];
const zip = (...names: string[]): Uint8Array => Uint8Array.from(names.flatMap((n) => zipEntry(n)));

describe('detectEvidenceType', () => {
  it.each([
    ['PDF', bytes('%PDF-1.7\n%âãÏÓ'), 'application/pdf', 'pdf'],
    ['PNG', bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'image/png', 'png'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF'), 'image/jpeg', 'jpg'],
    ['GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif', 'gif'],
    ['GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'image/gif', 'gif'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp', 'webp'],
    [
      'legacy OLE',
      bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'application/x-ole-storage',
      'doc/xls',
    ],
  ])('detects %s', (_n, data, mime, ext) => {
    expect(detectEvidenceType(data)).toEqual({ mime, ext });
  });

  it('tells docx, xlsx and pptx apart by their entry names', () => {
    expect(detectEvidenceType(zip('[Content_Types].xml', '_rels/.rels', 'word/document.xml'))).toEqual({
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ext: 'docx',
    });
    expect(detectEvidenceType(zip('[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml'))?.ext).toBe('xlsx');
    expect(detectEvidenceType(zip('[Content_Types].xml', 'docProps/app.xml', 'ppt/presentation.xml'))?.ext).toBe(
      'pptx',
    );
  });

  it('finds the part names anywhere in the first 64 KB', () => {
    const big = Uint8Array.from([...zipEntry('[Content_Types].xml', 40_000), ...zipEntry('word/document.xml')]);
    expect(detectEvidenceType(big)?.ext).toBe('docx');
    const tooFar = Uint8Array.from([...zipEntry('[Content_Types].xml', 70_000), ...zipEntry('word/document.xml')]);
    expect(detectEvidenceType(tooFar)).toBeNull();
  });

  it('refuses a plain zip or a zip without an Office part', () => {
    expect(detectEvidenceType(zip('readme.txt', 'word/x.xml'))).toBeNull();
    expect(detectEvidenceType(zip('[Content_Types].xml', 'content.xml'))).toBeNull();
  });

  it.each([
    ['empty', bytes()],
    ['text', bytes('hello world')],
    ['HTML named .pdf', bytes('<!DOCTYPE html><html>')],
    ['executable', bytes('MZ', [0x90, 0])],
    ['truncated PNG signature', bytes([0x89], 'PNG')],
    ['RIFF that is not WebP', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['%PDF without dash', bytes('%PDF')],
  ])('refuses %s', (_n, data) => {
    expect(detectEvidenceType(data)).toBeNull();
  });

  it('lists every detectable type and the size limit', () => {
    expect(EVIDENCE_TYPES.map((t) => t.ext)).toEqual(
      expect.arrayContaining(['pdf', 'png', 'jpg', 'gif', 'webp', 'docx', 'xlsx', 'pptx', 'doc/xls']),
    );
    expect(EVIDENCE_MAX_BYTES).toBe(20 * 1024 * 1024);
  });
});
