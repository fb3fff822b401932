/**
 * Reads a ZIP file's central directory (the table of contents at its end) without inflating
 * anything: entry names and their declared sizes. Plain TypeScript, so the browser and the server
 * check the same structure. ZIP64 sizes and offsets are understood.
 */

export interface ZipEntry {
  /** Entry name as stored (Office part names are ASCII; other bytes are read as Latin-1). */
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header from the start of the file. */
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}
/** A 64-bit little-endian number; beyond 2^53 it is not a file we read anyway. */
function u64(b: Uint8Array, at: number): number {
  return u32(b, at) + u32(b, at + 4) * 0x1_0000_0000;
}
function name(b: Uint8Array, at: number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(b[at + i]);
  return s;
}

/** True when `bytes` starts with a ZIP local file header (PK\x03\x04). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && u32(bytes, 0) === LOCAL;
}

/**
 * The entries of the central directory, or null when `bytes` (the whole file) is not a readable
 * ZIP: no end-of-central-directory record, a directory outside the file, a broken entry, or an
 * entry whose local header is missing.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const len = bytes.length;
  if (len < 22) return null;
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - MAX_COMMENT); i--) {
    if (u32(bytes, i) === EOCD && i + 22 + u16(bytes, i + 20) === len) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(bytes, eocd + 10);
  let size = u32(bytes, eocd + 12);
  let offset = u32(bytes, eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== ZIP64_LOCATOR) return null;
    const record = u64(bytes, locator + 8);
    if (record + 56 > len || u32(bytes, record) !== ZIP64_EOCD) return null;
    count = u64(bytes, record + 32);
    size = u64(bytes, record + 40);
    offset = u64(bytes, record + 48);
  }
  if (offset + size > len) return null;
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > offset + size || u32(bytes, at) !== CENTRAL) return null;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > offset + size) return null;
    const entry: ZipEntry = {
      name: name(bytes, at + 46, nameLength),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      uncompressedSize: u32(bytes, at + 24),
      localHeaderOffset: u32(bytes, at + 42),
    };
    readZip64Extra(bytes, at + 46 + nameLength, extraLength, entry);
    const local = entry.localHeaderOffset;
    if (local + 30 > len || u32(bytes, local) !== LOCAL) return null;
    entries.push(entry);
    at = end;
  }
  return entries;
}

/** Replaces 0xFFFFFFFF sizes and offset with the values of the ZIP64 extra field (id 0x0001). */
function readZip64Extra(bytes: Uint8Array, start: number, length: number, entry: ZipEntry): void {
  const wide = [entry.uncompressedSize, entry.compressedSize, entry.localHeaderOffset].some((v) => v === 0xffffffff);
  if (!wide) return;
  for (let at = start; at + 4 <= start + length; ) {
    const id = u16(bytes, at);
    const size = u16(bytes, at + 2);
    if (id === 0x0001) {
      let p = at + 4;
      const take = (): number => {
        const v = p + 8 <= at + 4 + size ? u64(bytes, p) : Number.POSITIVE_INFINITY;
        p += 8;
        return v;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take();
      return;
    }
    at += 4 + size;
  }
}
