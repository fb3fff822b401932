import {
  CONFORMANCE_CATEGORIES,
  CONFORMANCE_COLUMNS,
  type ConformanceCategory,
  type ConformanceColumn,
  type ConformanceParseResult,
  type ConformanceResult,
  type ConformanceRow,
  type ConformanceRowError,
  type ConformanceSummary,
  type ConformanceTally,
} from './contracts';

/** Header text, category and result words compared: NFKC, lower case, without white space or a BOM. */
function norm(s: string | undefined): string {
  return (s ?? '')
    .replace(/^\uFEFF/u, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, '');
}

/** The header names each column is recognised by (compared as `norm` does: "Tested" = "tested"). */
export const CONFORMANCE_HEADER_NAMES: Record<ConformanceColumn, readonly string[]> = {
  category: ['类别', 'category', '测试类别'],
  code: ['编号', 'code', '编码'],
  name: ['名称', 'name'],
  standard: ['标准', 'standard', '标准号', '依据标准'],
  tested: ['测试数', 'tested', '测试项数', '测试用例数'],
  passed: ['通过数', 'passed'],
  failed: ['未通过数', 'failed', '不通过数'],
  result: ['结论', 'result', '测试结论', '结果'],
};

/** The columns a table must have; without `result` the verdict is "pass" exactly when nothing failed. */
export const CONFORMANCE_REQUIRED_COLUMNS: readonly ConformanceColumn[] = [
  'category',
  'code',
  'tested',
  'passed',
  'failed',
];

const CATEGORY_WORDS: Record<ConformanceCategory, readonly string[]> = {
  dataset: ['数据集', 'dataset', 'datasets', 'data set', 'data sets'],
  document: ['共享文档', 'document', 'documents', 'shared document', 'shared documents'],
  service: ['交互服务', 'service', 'services', 'interaction service', 'interaction services'],
};
const RESULT_WORDS: Record<ConformanceResult, readonly string[]> = {
  pass: ['通过', 'pass', 'passed', '合格'],
  fail: ['不通过', 'fail', 'failed', '不合格', '未通过'],
};

function lookup<K extends string>(table: Record<K, readonly string[]>): Map<string, K> {
  const out = new Map<string, K>();
  for (const [k, words] of Object.entries(table) as [K, readonly string[]][])
    for (const w of words) out.set(norm(w), k);
  return out;
}
const HEADERS = lookup(CONFORMANCE_HEADER_NAMES);
const CATEGORIES = lookup(CATEGORY_WORDS);
const RESULTS = lookup(RESULT_WORDS);

/** The category a cell names (数据集 / 共享文档 / 交互服务 or the English words), or null. */
export function conformanceCategoryOf(cell: string): ConformanceCategory | null {
  return CATEGORIES.get(norm(cell)) ?? null;
}

/** The result a cell names (通过 / pass / 合格, 不通过 / fail / 不合格), or null. */
export function conformanceResultOf(cell: string): ConformanceResult | null {
  return RESULTS.get(norm(cell)) ?? null;
}

const COUNT_RE = /^\d+$/;
const COUNT_COLUMNS = ['tested', 'passed', 'failed'] as const;

/**
 * Reads a standard-conformance results table (the first row the header; cells as text, e.g. from a CSV or a sheet).
 * Headers in Chinese or English (`CONFORMANCE_HEADER_NAMES`), in any order; other columns are ignored. Blank rows are
 * skipped. A row with any error is left out of `rows`; every error names its 1-based row (the header is row 1), the
 * column and a `REVIEW_MESSAGES` code:
 * - row 1: `review.conformance_no_header` (no rows at all), `review.conformance_missing_column` (each required
 *   column absent), `review.conformance_duplicate_column` — then nothing else is read;
 * - `review.conformance_unknown_category`, `review.conformance_required` (empty code), `review.conformance_not_count`
 *   (a count that is empty, negative or not whole), `review.conformance_counts_mismatch` (passed + failed ≠ tested),
 *   `review.conformance_unknown_result`, `review.conformance_pass_with_failures` (pass although failed > 0),
 *   `review.conformance_duplicate` (the same category and code — compared without case — as an earlier row).
 */
export function parseConformanceRows(table: string[][]): ConformanceParseResult {
  const errors: ConformanceRowError[] = [];
  const header = table[0];
  if (!header) return { rows: [], errors: [{ row: 1, code: 'review.conformance_no_header' }] };

  const index = new Map<ConformanceColumn, number>();
  header.forEach((cell, i) => {
    const column = HEADERS.get(norm(cell));
    if (!column) return;
    if (index.has(column))
      errors.push({
        row: 1,
        column,
        code: 'review.conformance_duplicate_column',
        params: { column, header: cell.trim() },
      });
    else index.set(column, i);
  });
  for (const column of CONFORMANCE_REQUIRED_COLUMNS)
    if (!index.has(column))
      errors.push({ row: 1, column, code: 'review.conformance_missing_column', params: { column } });
  if (errors.length > 0) return { rows: [], errors };

  const rows: ConformanceRow[] = [];
  const firstRowOf = new Map<string, number>();
  table.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => (c ?? '').trim() === '')) return;
    const cell = (column: ConformanceColumn): string => {
      const at = index.get(column);
      return at === undefined ? '' : (cells[at] ?? '').normalize('NFKC').trim();
    };
    const rowErrors: ConformanceRowError[] = [];
    const fail = (column: ConformanceColumn, code: string, params?: Record<string, string | number>): void => {
      rowErrors.push({ row, column, code, ...(params ? { params } : {}) });
    };

    const category = conformanceCategoryOf(cell('category'));
    if (!category) fail('category', 'review.conformance_unknown_category', { value: cell('category') });
    const code = cell('code');
    if (code === '') fail('code', 'review.conformance_required', { column: 'code' });

    const counts: Partial<Record<(typeof COUNT_COLUMNS)[number], number>> = {};
    for (const column of COUNT_COLUMNS) {
      const text = cell(column);
      if (COUNT_RE.test(text) && Number.isSafeInteger(Number(text))) counts[column] = Number(text);
      else fail(column, 'review.conformance_not_count', { column, value: text });
    }
    const { tested, passed, failed } = counts;
    if (tested !== undefined && passed !== undefined && failed !== undefined && passed + failed !== tested)
      fail('tested', 'review.conformance_counts_mismatch', { tested, passed, failed });

    let result: ConformanceResult | null = null;
    if (index.has('result')) {
      result = conformanceResultOf(cell('result'));
      if (!result) fail('result', 'review.conformance_unknown_result', { value: cell('result') });
    } else if (failed !== undefined) result = failed === 0 ? 'pass' : 'fail';
    if (result === 'pass' && failed !== undefined && failed > 0)
      fail('result', 'review.conformance_pass_with_failures', { failed });

    if (category && code !== '') {
      const key = `${category}\u0000${code.toLowerCase()}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) fail('code', 'review.conformance_duplicate', { category, code, firstRow: first });
      else firstRowOf.set(key, row);
    }

    if (rowErrors.length > 0 || !category || !result || tested === undefined) {
      errors.push(...rowErrors);
      return;
    }
    rows.push({
      category,
      code,
      name: cell('name'),
      standard: cell('standard'),
      tested,
      passed: passed ?? 0,
      failed: failed ?? 0,
      result,
    });
  });
  return { rows, errors };
}

const rate = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);

function tally(rows: readonly ConformanceRow[]): ConformanceTally {
  const passedItems = rows.filter((r) => r.result === 'pass').length;
  const tested = rows.reduce((s, r) => s + r.tested, 0);
  const passed = rows.reduce((s, r) => s + r.passed, 0);
  return {
    items: rows.length,
    passedItems,
    failedItems: rows.length - passedItems,
    tested,
    passed,
    failed: rows.reduce((s, r) => s + r.failed, 0),
    passRate: rate(passed, tested),
    itemPassRate: rate(passedItems, rows.length),
  };
}

/**
 * A conformance report's counts per category and in total: items and their verdicts, test cases, the case pass rate
 * (passed ÷ tested) and the item pass rate; `passed` when there is at least one item and every item passes.
 */
export function summariseConformance(rows: readonly ConformanceRow[]): ConformanceSummary {
  const byCategory = Object.fromEntries(
    CONFORMANCE_CATEGORIES.map((c) => [c, tally(rows.filter((r) => r.category === c))]),
  ) as Record<ConformanceCategory, ConformanceTally>;
  const total = tally(rows);
  return { byCategory, total, passed: total.items > 0 && total.failedItems === 0 };
}

/** The columns in their canonical order (for writing a template). */
export const CONFORMANCE_TEMPLATE_HEADER: readonly string[] = CONFORMANCE_COLUMNS.map(
  (c) => CONFORMANCE_HEADER_NAMES[c][0] as string,
);
