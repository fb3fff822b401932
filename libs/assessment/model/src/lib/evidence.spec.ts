import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, detectEvidenceType } from './evidence';
import { minimalDocx, writeZip } from '@hutong/platform-model/testing';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

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

  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const part = (name: string) => ({ name, data: '<?xml version="1.0"?><x/>' });

  it('detects a real minimal Word document', () => {
    expect(detectEvidenceType(minimalDocx())).toEqual({ mime: DOCX, ext: 'docx' });
  });

  it('tells docx, xlsx and pptx apart by their main part in the central directory', () => {
    const office = (main: string) => writeZip([part('[Content_Types].xml'), part('_rels/.rels'), part(main)]);
    expect(detectEvidenceType(office('word/document.xml'))?.ext).toBe('docx');
    expect(detectEvidenceType(office('xl/workbook.xml'))?.ext).toBe('xlsx');
    expect(detectEvidenceType(office('ppt/presentation.xml'))?.ext).toBe('pptx');
  });

  it('finds the parts however far into the file they are (the directory is at the end)', () => {
    const big = writeZip([
      part('[Content_Types].xml'),
      { name: 'word/media/image1.png', data: new Uint8Array(200_000) },
      part('word/document.xml'),
    ]);
    expect(detectEvidenceType(big)?.ext).toBe('docx');
  });

  it('refuses a zip that merely contains the part names as text', () => {
    const forged = writeZip([{ name: 'notes.txt', data: '[Content_Types].xml word/ word/document.xml xl/ ppt/' }]);
    expect(detectEvidenceType(forged)).toBeNull();
    // a folder named word/ is not a Word document
    expect(detectEvidenceType(writeZip([part('[Content_Types].xml'), part('word/readme.txt')]))).toBeNull();
  });

  it('refuses local headers without a central directory, and a zip without an Office part', () => {
    const headerOnly = minimalDocx().subarray(0, 200);
    expect(detectEvidenceType(headerOnly)).toBeNull();
    expect(detectEvidenceType(writeZip([part('readme.txt'), part('word/document.xml')]))).toBeNull();
    expect(detectEvidenceType(writeZip([part('[Content_Types].xml'), part('content.xml')]))).toBeNull();
  });

  it('refuses a directory that points outside the file', () => {
    const z = minimalDocx();
    const broken = Uint8Array.from(z);
    // the directory offset of the end record (last 22 bytes, offset at +16)
    broken[z.length - 22 + 16] = 0xff;
    broken[z.length - 22 + 17] = 0xff;
    expect(detectEvidenceType(broken)).toBeNull();
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
