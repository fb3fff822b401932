import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { inflateRawSync } from 'node:zlib';
import {
  looksLikeZip,
  readZipDirectory,
  renderMessage,
  type MessageParams,
  type ZipEntry,
} from '@hutong/platform-model';
import { ORGANISATION_CATALOGUE } from '@hutong/organisations-model';

export interface TableLimits {
  /** Most data rows (the header row excluded). */
  maxRows: number;
  /** Most bytes the entries of an XLSX may inflate to, together. */
  maxInflatedBytes: number;
}

/**
 * Reads an uploaded CSV or XLSX into rows of strings. The type is decided by the content
 * (an XLSX is a ZIP: "PK\x03\x04"), not by the file name. CSV may be UTF-8 (with or without BOM)
 * or GB18030 — what Excel writes on Chinese Windows. An XLSX is checked against the limits before
 * exceljs reads it (a zip bomb never reaches it); a table with more rows is refused.
 */
export async function readTable(buf: Buffer, limits: TableLimits): Promise<string[][]> {
  if (looksLikeZip(buf)) {
    checkXlsx(buf, limits);
    return readXlsx(buf, limits);
  }
  if (looksBinary(buf)) throw new TableFormatError('import.not_a_table');
  return readCsv(decodeText(buf), limits);
}

/** The file cannot be read as a table: `code` names why (the api answers 422). */
export class TableFormatError extends Error {
  constructor(
    readonly code: 'import.not_a_table' | 'import.unreadable_xlsx' | 'import.bad_csv',
    readonly params: MessageParams = {},
  ) {
    super(renderMessage(ORGANISATION_CATALOGUE, code, params, 'zh') ?? code);
  }
}

/** The file is over a limit: `code` is the ApiError code (the api answers 413). */
export class TableLimitError extends Error {
  constructor(
    readonly code: 'import.inflated_too_large' | 'import.too_many_rows',
    readonly params: MessageParams,
    readonly limit: number,
  ) {
    super(renderMessage(ORGANISATION_CATALOGUE, code, params, 'zh') ?? code);
  }
}

const inflatedTooLarge = (limits: TableLimits) =>
  new TableLimitError(
    'import.inflated_too_large',
    { mb: Number((limits.maxInflatedBytes / 1024 / 1024).toFixed(1)) },
    limits.maxInflatedBytes,
  );
const tooManyRows = (limits: TableLimits) =>
  new TableLimitError('import.too_many_rows', { max: limits.maxRows }, limits.maxRows);

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * Before exceljs inflates anything: the sizes the central directory declares, then each entry
 * inflated with a cap on its output (declared sizes can lie), and the rows of every worksheet.
 */
function checkXlsx(buf: Buffer, limits: TableLimits): void {
  const entries = readZipDirectory(buf);
  if (!entries) throw new TableFormatError('import.unreadable_xlsx');
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limits.maxInflatedBytes) throw inflatedTooLarge(limits);
  let inflated = 0;
  for (const entry of entries) {
    const data = inflateEntry(buf, entry, limits.maxInflatedBytes - inflated, limits);
    inflated += data.length;
    if (WORKSHEET.test(entry.name) && countRows(data) > limits.maxRows + 1) throw tooManyRows(limits);
  }
}

function inflateEntry(buf: Buffer, entry: ZipEntry, budget: number, limits: TableLimits): Buffer {
  const local = entry.localHeaderOffset;
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const raw = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (raw.length > budget) throw inflatedTooLarge(limits);
    return raw;
  }
  if (entry.method !== 8) throw new TableFormatError('import.unreadable_xlsx');
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw inflatedTooLarge(limits);
    throw new TableFormatError('import.unreadable_xlsx');
  }
}

/** `<row …>` elements of a worksheet's XML. */
function countRows(xml: Buffer): number {
  let n = 0;
  for (let at = xml.indexOf('<row'); at >= 0; at = xml.indexOf('<row', at + 4)) {
    const next = xml[at + 4];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) n++;
  }
  return n;
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 4096);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

function decodeText(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

function readCsv(text: string, limits: TableLimits): string[][] {
  let rows: string[][];
  try {
    // stop parsing one record past the limit (header + maxRows + 1)
    rows = parse(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      trim: false,
      to: limits.maxRows + 2,
    }) as string[][];
  } catch (e) {
    throw new TableFormatError('import.bad_csv', { detail: (e as Error).message });
  }
  if (rows.length > limits.maxRows + 1) throw tooManyRows(limits);
  return rows;
}

async function readXlsx(buf: Buffer, limits: TableLimits): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new TableFormatError('import.unreadable_xlsx');
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  if (ws.rowCount > limits.maxRows + 1) throw tooManyRows(limits);
  const out: string[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    out.push(cells);
  }
  return out;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined ? '' : String(v.result);
  }
  return String(v);
}
