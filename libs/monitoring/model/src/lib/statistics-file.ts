/**
 * The statistics file (CSV or XLSX, one row per institution × table × business day) as the file import reads it:
 * its columns by header (Chinese or English), grouped into the same items the machine api takes, each item knowing
 * the file lines it came from so that a refusal names the line.
 */
import type { IngestItem, IngestItemError } from './ingest';

export type StatisticsColumn = 'org' | 'date' | 'table' | 'records' | 'uploaded';

/** Accepted header names per column (the first is what the template writes). */
export const STATISTICS_HEADERS: Record<StatisticsColumn, string[]> = {
  org: ['机构编码', 'org', 'institution', '机构代码'],
  date: ['业务日期', 'date', 'business_date'],
  table: ['表编码', 'table', 'table_code', '表代码'],
  records: ['记录数', 'records', 'count', '上传量'],
  uploaded: ['上传日期', 'uploaded', 'upload_date'],
};

const REQUIRED: StatisticsColumn[] = ['org', 'date', 'table', 'records'];

export interface StatisticsFileItems {
  items: IngestItem[];
  /** the file line (1-based; the header is line 1) of each item's first row */
  lines: number[];
  errors: IngestItemError[];
  rows: number;
}

const TABLE_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/**
 * Reads the table of a statistics file into items (one per institution and day). Two layouts: long — one row per
 * institution × table × day (机构编码, 业务日期, 表编码, 记录数[, 上传日期]); wide — one row per institution × day
 * with a column per table code (机构编码, 业务日期[, 上传日期], TB_…, TB_…). A repeated table-day is refused.
 */
export function itemsFromStatisticsTable(table: string[][]): StatisticsFileItems {
  const head0 = (table[0] ?? []).map((h) => h.trim());
  const isHeader = (h: string, c: StatisticsColumn) =>
    STATISTICS_HEADERS[c].some((n) => n.toLowerCase() === h.toLowerCase());
  if (!head0.some((h) => isHeader(h, 'table')) && head0.some((h) => TABLE_CODE.test(h))) return wideItems(table);
  return longItems(table);
}

function wideItems(table: string[][]): StatisticsFileItems {
  const errors: IngestItemError[] = [];
  const [head = [], ...body] = table;
  const names = head.map((h) => h.trim());
  const find = (c: StatisticsColumn) =>
    names.findIndex((h) => STATISTICS_HEADERS[c].some((n) => n.toLowerCase() === h.toLowerCase()));
  const orgAt = find('org');
  const dateAt = find('date');
  const uploadedAt = find('uploaded');
  const missing = [orgAt < 0 ? STATISTICS_HEADERS.org[0] : null, dateAt < 0 ? STATISTICS_HEADERS.date[0] : null].filter(
    (x): x is string => !!x,
  );
  if (missing.length) {
    errors.push({
      index: 1,
      code: '01',
      reason: 'monitoring.file_columns_missing',
      params: { columns: missing.join('、') },
    });
    return { items: [], lines: [], errors, rows: body.length };
  }
  const codes = names.map((h, i) => (TABLE_CODE.test(h) && i !== orgAt && i !== dateAt ? h : null));
  const items: IngestItem[] = [];
  const lines: number[] = [];
  body.forEach((row, i) => {
    const line = i + 2;
    if (row.every((c) => !c.trim())) return;
    const tables: Record<string, number> = {};
    for (let j = 0; j < codes.length; j++) {
      const code = codes[j];
      const text = (row[j] ?? '').trim().replace(/,/g, '');
      if (!code || text === '') continue;
      if (!/^\d+$/.test(text)) {
        errors.push({ index: line, code: '05', reason: 'monitoring.ingest_count_invalid', params: { table: code } });
        return;
      }
      tables[code] = Number(text);
    }
    const uploaded = uploadedAt >= 0 ? (row[uploadedAt] ?? '').trim().replace(/\//g, '-') : '';
    items.push({
      org: (row[orgAt] ?? '').trim(),
      date: (row[dateAt] ?? '').trim().replace(/\//g, '-'),
      tables,
      ...(uploaded ? { uploaded } : {}),
    });
    lines.push(line);
  });
  return { items, lines, errors, rows: body.length };
}

function longItems(table: string[][]): StatisticsFileItems {
  const errors: IngestItemError[] = [];
  const [head, ...body] = table;
  const index = new Map<StatisticsColumn, number>();
  (head ?? []).forEach((h, i) => {
    const name = h.trim().toLowerCase();
    for (const [col, names] of Object.entries(STATISTICS_HEADERS) as [StatisticsColumn, string[]][])
      if (names.some((n) => n.toLowerCase() === name) && !index.has(col)) index.set(col, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) {
    errors.push({
      index: 1,
      code: '01',
      reason: 'monitoring.file_columns_missing',
      params: { columns: missing.map((c) => STATISTICS_HEADERS[c][0]).join('、') },
    });
    return { items: [], lines: [], errors, rows: body.length };
  }
  const cell = (row: string[], c: StatisticsColumn) => {
    const i = index.get(c);
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  const byKey = new Map<string, number>();
  const items: IngestItem[] = [];
  const lines: number[] = [];
  body.forEach((row, i) => {
    const line = i + 2;
    if (row.every((c) => !c.trim())) return;
    const org = cell(row, 'org');
    const date = cell(row, 'date').replace(/\//g, '-');
    const code = cell(row, 'table');
    const recordsText = cell(row, 'records').replace(/,/g, '');
    const records = /^\d+$/.test(recordsText) ? Number(recordsText) : NaN;
    if (Number.isNaN(records)) {
      errors.push({ index: line, code: '05', reason: 'monitoring.ingest_count_invalid', params: { table: code } });
      return;
    }
    const uploaded = cell(row, 'uploaded').replace(/\//g, '-');
    // one item per institution, day and upload day: a day's rows uploaded on different days keep their lags
    const key = `${org}\u0000${date}`;
    let at = byKey.get(key);
    if (at === undefined) {
      at = items.length;
      byKey.set(key, at);
      items.push({ org, date, tables: {} });
      lines.push(line);
    }
    const item = items[at]!;
    if (code in item.tables) {
      errors.push({
        index: line,
        code: '06',
        reason: 'monitoring.file_row_duplicate',
        params: { org, date, table: code },
      });
      return;
    }
    if (uploaded) {
      // the lag of this row's records: T+k from its own upload day
      const k = Math.round((Date.parse(`${uploaded}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
      if (!Number.isFinite(k)) {
        errors.push({ index: line, code: '04', reason: 'monitoring.ingest_uploaded_invalid' });
        return;
      }
      if (k < 0) {
        errors.push({
          index: line,
          code: '07',
          reason: 'monitoring.ingest_uploaded_before',
          params: { uploaded, date },
        });
        return;
      }
      const lag: [number, number, number, number] = [0, 0, 0, 0];
      lag[Math.min(k, 3)] = records;
      item.tables[code] = { records, lag };
    } else item.tables[code] = records;
  });
  return { items, lines, errors, rows: body.length };
}
