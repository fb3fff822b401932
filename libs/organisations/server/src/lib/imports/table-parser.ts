import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

/**
 * Reads an uploaded CSV or XLSX into rows of strings. The type is decided by the content
 * (an XLSX is a ZIP: "PK\x03\x04"), not by the file name. CSV may be UTF-8 (with or without BOM)
 * or GB18030 — what Excel writes on Chinese Windows.
 */
export async function readTable(buf: Buffer): Promise<string[][]> {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return readXlsx(buf);
  if (looksBinary(buf)) throw new TableFormatError('文件既不是CSV也不是XLSX');
  return readCsv(decodeText(buf));
}

export class TableFormatError extends Error {}

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

function readCsv(text: string): string[][] {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true, trim: false }) as string[][];
  } catch (e) {
    throw new TableFormatError(`CSV格式错误：${(e as Error).message}`);
  }
}

async function readXlsx(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new TableFormatError('无法读取XLSX文件');
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
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
