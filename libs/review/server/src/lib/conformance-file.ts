import { extname } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { looksLikeZip, readZipDirectory, type ZipEntry } from '@hutong/platform-model';
import {
  CONFORMANCE_FILE_EXTENSIONS,
  CONFORMANCE_FILE_MAX_BYTES,
  CONFORMANCE_FILE_MAX_ROWS,
  parseConformanceRows,
  type ConformanceParseResult,
  type ReviewMessageCode,
} from '@hutong/review-model';

/** The most bytes the parts of a conformance XLSX may unpack to, together (a zip bomb is refused before exceljs). */
export const CONFORMANCE_XLSX_MAX_INFLATED_BYTES = 20 * 1024 * 1024;

type Extension = (typeof CONFORMANCE_FILE_EXTENSIONS)[number];

/** The file is refused as a whole: the result's one error, on row 0. */
class FileRefusal extends Error {
  constructor(
    readonly code: ReviewMessageCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

const mb = (bytes: number): number => Number((bytes / 1024 / 1024).toFixed(1));
const tooManyRows = (): FileRefusal =>
  new FileRefusal('review.conformance_too_many_rows', { max: CONFORMANCE_FILE_MAX_ROWS });
const unreadable = (ext: Extension): FileRefusal =>
  new FileRefusal('review.conformance_file_unreadable', { ext: ext.slice(1).toUpperCase() });

/**
 * Reads a standard-conformance test tool's results file — CSV (UTF-8 with or without a BOM, else GB18030 as Excel
 * writes it on Chinese Windows; RFC 4180 quoting, CRLF or LF) or XLSX (its first worksheet; formulas as their
 * results, rich text as its text, numbers as written) — and hands its cells, as text, to review-model's
 * `parseConformanceRows`, whose rules decide the rows and their errors.
 *
 * Never throws for what the file holds. A file refused as a whole gives no rows and one error on **row 0** (no
 * column), with a `REVIEW_MESSAGES` code:
 * - `review.conformance_file_type` {ext}: the name ends in neither .csv nor .xlsx (`CONFORMANCE_FILE_EXTENSIONS`);
 * - `review.conformance_file_too_large` {max} (MB): more than `CONFORMANCE_FILE_MAX_BYTES`;
 * - `review.conformance_file_inflated_too_large` {max} (MB): an XLSX unpacking to more than
 *   `CONFORMANCE_XLSX_MAX_INFLATED_BYTES` (checked, entry by entry with a cap, before exceljs reads it);
 * - `review.conformance_too_many_rows` {max}: more than `CONFORMANCE_FILE_MAX_ROWS` rows after the header (blank
 *   rows inside the table count; an XLSX's rows after its last value do not);
 * - `review.conformance_file_unreadable` {ext}: an .xlsx that is not a readable workbook, a .csv that is binary;
 * - `review.conformance_bad_csv` {row}: a quoted field never closed (the record it opens in).
 * The row errors of `parseConformanceRows` keep its row numbers: the row of the sheet, or the record of the CSV.
 */
export async function readConformanceFile(buffer: Buffer, filename: string): Promise<ConformanceParseResult> {
  try {
    return parseConformanceRows(await readCells(buffer, filename));
  } catch (e) {
    if (e instanceof FileRefusal) return { rows: [], errors: [{ row: 0, code: e.code, params: e.params }] };
    throw e;
  }
}

async function readCells(buffer: Buffer, filename: string): Promise<string[][]> {
  const ext = extname(filename).toLowerCase();
  if (!isExtension(ext)) throw new FileRefusal('review.conformance_file_type', { ext: ext ? ext.slice(1) : filename });
  if (buffer.length > CONFORMANCE_FILE_MAX_BYTES)
    throw new FileRefusal('review.conformance_file_too_large', { max: mb(CONFORMANCE_FILE_MAX_BYTES) });
  if (ext === '.xlsx') {
    if (!looksLikeZip(buffer)) throw unreadable(ext);
    checkInflatedSize(buffer);
    return readXlsx(buffer);
  }
  if (looksLikeZip(buffer) || buffer.subarray(0, 4096).includes(0)) throw unreadable(ext);
  return readCsv(decodeText(buffer));
}

function isExtension(ext: string): ext is Extension {
  return (CONFORMANCE_FILE_EXTENSIONS as readonly string[]).includes(ext);
}

// ---- CSV ----

/** UTF-8 when the bytes are valid UTF-8 (a BOM dropped), else GB18030. */
function decodeText(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/u, '');
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** RFC 4180 records (csv-parse): quoted commas, doubled quotes, line breaks in quotes; a stray quote kept as text. */
function readCsv(text: string): string[][] {
  let records: string[][];
  try {
    records = parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: false,
      // one record past the limit is enough to refuse it
      to: CONFORMANCE_FILE_MAX_ROWS + 2,
    }) as string[][];
  } catch (e) {
    // csv-parse counts the records it finished: the broken one is the next (its row, as a sheet would show it)
    const records = (e as { records?: unknown }).records;
    throw new FileRefusal('review.conformance_bad_csv', { row: typeof records === 'number' ? records + 1 : 0 });
  }
  if (records.length > CONFORMANCE_FILE_MAX_ROWS + 1) throw tooManyRows();
  return records;
}

// ---- XLSX ----

/** The sizes the central directory declares, then every entry inflated with a cap (declared sizes can lie). */
function checkInflatedSize(buf: Buffer): void {
  const entries = readZipDirectory(buf);
  if (!entries) throw unreadable('.xlsx');
  const tooLarge = new FileRefusal('review.conformance_file_inflated_too_large', {
    max: mb(CONFORMANCE_XLSX_MAX_INFLATED_BYTES),
  });
  if (entries.reduce((sum, e) => sum + e.uncompressedSize, 0) > CONFORMANCE_XLSX_MAX_INFLATED_BYTES) throw tooLarge;
  let inflated = 0;
  for (const entry of entries) {
    const size = inflatedSize(buf, entry, CONFORMANCE_XLSX_MAX_INFLATED_BYTES - inflated);
    if (size === null) throw tooLarge;
    inflated += size;
  }
}

/** The bytes one entry inflates to, or null past `budget`. */
function inflatedSize(buf: Buffer, entry: ZipEntry, budget: number): number | null {
  const local = entry.localHeaderOffset;
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const raw = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return raw.length > budget ? null : raw.length;
  if (entry.method !== 8) throw unreadable('.xlsx');
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) }).length;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return null;
    throw unreadable('.xlsx');
  }
}

/** The first worksheet as rows of text, row n of the sheet at index n − 1 (blank rows kept, so row numbers match). */
async function readXlsx(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw unreadable('.xlsx');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable('.xlsx');
  let last = 0;
  ws.eachRow((row) => {
    last = Math.max(last, row.number);
  });
  if (last > CONFORMANCE_FILE_MAX_ROWS + 1) throw tooManyRows();
  const width = ws.columnCount;
  const out: string[][] = [];
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    out.push(cells);
  }
  return out;
}

/** A cell's value as the sheet shows it: a formula's result, rich text's text, a number as written, a date's day. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('error' in v) return v.error;
  if ('formula' in v || 'sharedFormula' in v) return v.result === undefined ? '' : cellText(v.result);
  if ('text' in v) return cellText(v.text as ExcelJS.CellValue);
  return '';
}
