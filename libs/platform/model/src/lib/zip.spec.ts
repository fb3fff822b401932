import { looksLikeZip, readZipDirectory } from './zip';
import { writeZip } from './testing/zip-writer';

describe('readZipDirectory', () => {
  it('lists the entries with their sizes and local header offsets', () => {
    const z = writeZip([
      { name: 'a.txt', data: 'hello' },
      { name: 'dir/b.xml', data: '<b/>' },
    ]);
    expect(looksLikeZip(z)).toBe(true);
    expect(readZipDirectory(z)).toEqual([
      { name: 'a.txt', method: 0, compressedSize: 5, uncompressedSize: 5, localHeaderOffset: 0 },
      { name: 'dir/b.xml', method: 0, compressedSize: 4, uncompressedSize: 4, localHeaderOffset: 40 },
    ]);
  });

  it('finds the end record behind a comment', () => {
    expect(readZipDirectory(writeZip([{ name: 'a', data: 'x' }], 'a comment PK\x05\x06 inside'))?.length).toBe(1);
  });

  it('reads an empty zip', () => {
    expect(readZipDirectory(writeZip([]))).toEqual([]);
  });

  it('refuses what is not a whole zip', () => {
    const z = writeZip([{ name: 'a.txt', data: 'hello' }]);
    expect(readZipDirectory(new Uint8Array())).toBeNull();
    expect(readZipDirectory(z.subarray(0, z.length - 1))).toBeNull();
    expect(readZipDirectory(new TextEncoder().encode('PK\x03\x04 not really a zip, just text'))).toBeNull();
    expect(looksLikeZip(new TextEncoder().encode('%PDF-'))).toBe(false);
  });

  it('refuses an entry whose local header is not where the directory says', () => {
    const z = Uint8Array.from(writeZip([{ name: 'a.txt', data: 'hello' }]));
    z[0] = 0; // break the local header signature
    expect(readZipDirectory(z)).toBeNull();
  });
});
