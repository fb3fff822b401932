/** Evidence files (证明材料): accepted types, detected by content (magic bytes), never by name or declared type. */

import { looksLikeZip, readZipDirectory } from '@hutong/platform-model';

export interface EvidenceType {
  mime: string;
  ext: string;
  label: string;
}

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export const EVIDENCE_TYPES: EvidenceType[] = [
  { mime: 'application/pdf', ext: 'pdf', label: 'PDF' },
  { mime: 'image/png', ext: 'png', label: 'PNG 图片' },
  { mime: 'image/jpeg', ext: 'jpg', label: 'JPEG 图片' },
  { mime: 'image/gif', ext: 'gif', label: 'GIF 图片' },
  { mime: 'image/webp', ext: 'webp', label: 'WebP 图片' },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', label: 'Word 文档' },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', label: 'Excel 表格' },
  {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ext: 'pptx',
    label: 'PowerPoint 演示文稿',
  },
  { mime: 'application/x-ole-storage', ext: 'doc/xls', label: 'Office 97-2003 文档' },
];

/** For an <input type="file" accept="…">. */
export const EVIDENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.doc,.xls,.ppt';

/** An Office Open XML file is a ZIP whose central directory lists these parts. */
const OFFICE_MAIN_PARTS: [part: string, ext: string][] = [
  ['word/document.xml', 'docx'],
  ['xl/workbook.xml', 'xlsx'],
  ['ppt/presentation.xml', 'pptx'],
];

function startsWith(bytes: Uint8Array, sig: number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

function typeOf(ext: string): { mime: string; ext: string } {
  const t = EVIDENCE_TYPES.find((x) => x.ext === ext) as EvidenceType;
  return { mime: t.mime, ext: t.ext };
}

function officeType(bytes: Uint8Array): { mime: string; ext: string } | null {
  const entries = readZipDirectory(bytes);
  if (!entries) return null;
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml')) return null;
  const main = OFFICE_MAIN_PARTS.find(([part]) => names.has(part));
  return main ? typeOf(main[1]) : null;
}

/**
 * The evidence type of a file from its content, or null if not accepted. Pass the whole file: an
 * Office document is recognised by the entries of its ZIP central directory, which sits at the end
 * (`[Content_Types].xml` plus `word/document.xml`, `xl/workbook.xml` or `ppt/presentation.xml`).
 */
export function detectEvidenceType(bytes: Uint8Array): { mime: string; ext: string } | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return typeOf('pdf'); // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return typeOf('png');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return typeOf('jpg');
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) {
    return typeOf('gif'); // GIF87a / GIF89a
  }
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return typeOf('webp'); // RIFF....WEBP
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return typeOf('doc/xls');
  if (looksLikeZip(bytes)) return officeType(bytes);
  return null;
}
