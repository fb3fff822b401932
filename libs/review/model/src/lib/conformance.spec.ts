import fc from 'fast-check';
import {
  CONFORMANCE_TEMPLATE_HEADER,
  conformanceCategoryOf,
  conformanceResultOf,
  parseConformanceRows,
  summariseConformance,
} from './conformance';
import { CONFORMANCE_CATEGORIES, type ConformanceRow } from './contracts';

const ZH_HEADER = ['类别', '编号', '名称', '标准', '测试数', '通过数', '未通过数', '结论'];
const EN_HEADER = ['Category', 'Code', 'Name', 'Standard', 'Tested', 'Passed', 'Failed', 'Result'];

describe('parseConformanceRows', () => {
  it('reads a Chinese table', () => {
    const r = parseConformanceRows([
      ZH_HEADER,
      ['数据集', 'HDSD00.01', '病历概要', 'WS 445', '120', '120', '0', '通过'],
      ['共享文档', 'WS/T 500.1', '病历概要', 'WS/T 500', '30', '28', '2', '不通过'],
      ['交互服务', 'S001', '个人信息注册服务', 'WS/T 846', '10', '10', '0', '合格'],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual<ConformanceRow[]>([
      {
        category: 'dataset',
        code: 'HDSD00.01',
        name: '病历概要',
        standard: 'WS 445',
        tested: 120,
        passed: 120,
        failed: 0,
        result: 'pass',
      },
      {
        category: 'document',
        code: 'WS/T 500.1',
        name: '病历概要',
        standard: 'WS/T 500',
        tested: 30,
        passed: 28,
        failed: 2,
        result: 'fail',
      },
      {
        category: 'service',
        code: 'S001',
        name: '个人信息注册服务',
        standard: 'WS/T 846',
        tested: 10,
        passed: 10,
        failed: 0,
        result: 'pass',
      },
    ]);
  });

  it('reads an English table with the columns in another order, extra columns and blank rows', () => {
    const r = parseConformanceRows([
      ['Result', ' tested ', 'Passed', 'Failed', 'Remarks', 'Code', 'Category', 'Name'],
      ['FAIL', '3', '2', '1', 'x', 'D1', 'Data Set', 'n'],
      ['', '  ', '', '', '', '', '', ''],
      ['pass', '0', '0', '0', '', 'S1', 'interaction service', 'n'],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.category, x.code, x.result, x.standard])).toEqual([
      ['dataset', 'D1', 'fail', ''],
      ['service', 'S1', 'pass', ''],
    ]);
  });

  it('without a result column the verdict is "pass" exactly when nothing failed', () => {
    const r = parseConformanceRows([
      ['类别', '编号', '测试数', '通过数', '未通过数'],
      ['数据集', 'A', '2', '2', '0'],
      ['数据集', 'B', '2', '1', '1'],
    ]);
    expect(r.rows.map((x) => x.result)).toEqual(['pass', 'fail']);
  });

  it('accepts a BOM, full-width digits and letters', () => {
    const r = parseConformanceRows([
      ['\uFEFF类别', '编号', '测试数', '通过数', '未通过数'],
      ['数据集', 'Ａ１', '１２', '１２', '０'],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ code: 'A1', tested: 12 });
  });

  it('refuses an empty table and missing or repeated columns at row 1', () => {
    expect(parseConformanceRows([])).toEqual({ rows: [], errors: [{ row: 1, code: 'review.conformance_no_header' }] });
    const missing = parseConformanceRows([
      ['类别', '名称', '通过数'],
      ['数据集', 'x', '1'],
    ]);
    expect(missing.rows).toEqual([]);
    expect(missing.errors).toEqual([
      { row: 1, column: 'code', code: 'review.conformance_missing_column', params: { column: 'code' } },
      { row: 1, column: 'tested', code: 'review.conformance_missing_column', params: { column: 'tested' } },
      { row: 1, column: 'failed', code: 'review.conformance_missing_column', params: { column: 'failed' } },
    ]);
    const twice = parseConformanceRows([[...ZH_HEADER, 'code']]);
    expect(twice.errors).toEqual([
      {
        row: 1,
        column: 'code',
        code: 'review.conformance_duplicate_column',
        params: { column: 'code', header: 'code' },
      },
    ]);
  });

  it('reports each bad cell with its row and column, and leaves the row out', () => {
    const r = parseConformanceRows([
      ZH_HEADER,
      ['数据元', 'A', 'n', 'WS 445', '1', '1', '0', '通过'], // row 2
      ['数据集', '', 'n', 'WS 445', '1', '1', '0', '通过'], // row 3
      ['数据集', 'C', 'n', 'WS 445', '1.5', '-1', '', '通过'], // row 4
      ['数据集', 'D', 'n', 'WS 445', '5', '3', '1', '不通过'], // row 5
      ['数据集', 'E', 'n', 'WS 445', '5', '4', '1', '通过'], // row 6
      ['数据集', 'F', 'n', 'WS 445', '5', '5', '0', '待定'], // row 7
      ['数据集', 'G', 'n', 'WS 445', '5', '5', '0', '通过'], // row 8
      ['数据集', 'g', 'n', 'WS 445', '5', '5', '0', '通过'], // row 9
      ['交互服务', 'G', 'n', 'WS/T 846', '5', '5', '0', '通过'], // row 10: another category
    ]);
    expect(r.errors).toEqual([
      { row: 2, column: 'category', code: 'review.conformance_unknown_category', params: { value: '数据元' } },
      { row: 3, column: 'code', code: 'review.conformance_required', params: { column: 'code' } },
      { row: 4, column: 'tested', code: 'review.conformance_not_count', params: { column: 'tested', value: '1.5' } },
      { row: 4, column: 'passed', code: 'review.conformance_not_count', params: { column: 'passed', value: '-1' } },
      { row: 4, column: 'failed', code: 'review.conformance_not_count', params: { column: 'failed', value: '' } },
      {
        row: 5,
        column: 'tested',
        code: 'review.conformance_counts_mismatch',
        params: { tested: 5, passed: 3, failed: 1 },
      },
      { row: 6, column: 'result', code: 'review.conformance_pass_with_failures', params: { failed: 1 } },
      { row: 7, column: 'result', code: 'review.conformance_unknown_result', params: { value: '待定' } },
      {
        row: 9,
        column: 'code',
        code: 'review.conformance_duplicate',
        params: { category: 'dataset', code: 'g', firstRow: 8 },
      },
    ]);
    expect(r.rows.map((x) => `${x.category}/${x.code}`)).toEqual(['dataset/G', 'service/G']);
  });

  it('reads short rows as empty cells', () => {
    const r = parseConformanceRows([ZH_HEADER, ['数据集', 'A']]);
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'tested', 'review.conformance_not_count'],
      [2, 'passed', 'review.conformance_not_count'],
      [2, 'failed', 'review.conformance_not_count'],
      [2, 'result', 'review.conformance_unknown_result'],
    ]);
  });

  it('knows the category and result words', () => {
    expect(CONFORMANCE_CATEGORIES.map((c) => c)).toEqual(['dataset', 'document', 'service']);
    expect(
      ['数据集', 'datasets', 'Shared Documents', '共享文档', 'Services', '交互服务', 'x'].map(conformanceCategoryOf),
    ).toEqual(['dataset', 'dataset', 'document', 'document', 'service', 'service', null]);
    expect(['通过', '合格', 'Pass', '不通过', '不合格', 'fail', '未通过', '?'].map(conformanceResultOf)).toEqual([
      'pass',
      'pass',
      'pass',
      'fail',
      'fail',
      'fail',
      'fail',
      null,
    ]);
    expect(CONFORMANCE_TEMPLATE_HEADER).toEqual(ZH_HEADER);
  });
});

describe('summariseConformance', () => {
  const row = (over: Partial<ConformanceRow>): ConformanceRow => ({
    category: 'dataset',
    code: 'x',
    name: '',
    standard: '',
    tested: 10,
    passed: 10,
    failed: 0,
    result: 'pass',
    ...over,
  });

  it('counts per category and in total', () => {
    const s = summariseConformance([
      row({ code: 'a' }),
      row({ code: 'b', tested: 10, passed: 7, failed: 3, result: 'fail' }),
      row({ category: 'service', code: 'c', tested: 4, passed: 4 }),
    ]);
    expect(s.byCategory.dataset).toEqual({
      items: 2,
      passedItems: 1,
      failedItems: 1,
      tested: 20,
      passed: 17,
      failed: 3,
      passRate: 0.85,
      itemPassRate: 0.5,
    });
    expect(s.byCategory.document).toEqual({
      items: 0,
      passedItems: 0,
      failedItems: 0,
      tested: 0,
      passed: 0,
      failed: 0,
      passRate: null,
      itemPassRate: null,
    });
    expect(s.total).toMatchObject({ items: 3, passedItems: 2, tested: 24, passed: 21, passRate: 0.875 });
    expect(s.passed).toBe(false);
  });

  it('passes when every item passes, and not when there is none', () => {
    expect(summariseConformance([row({}), row({ category: 'document', code: 'y' })]).passed).toBe(true);
    expect(summariseConformance([]).passed).toBe(false);
  });

  it('rates to 4 decimals', () => {
    expect(summariseConformance([row({ tested: 3, passed: 2, failed: 1, result: 'fail' })]).total.passRate).toBe(
      0.6667,
    );
  });

  const rowArb = fc
    .record({
      category: fc.constantFrom(...CONFORMANCE_CATEGORIES),
      code: fc.stringMatching(/^[A-Z][0-9]{1,3}$/),
      passed: fc.nat(50),
      failed: fc.nat(5),
      verdict: fc.boolean(),
    })
    .map(
      (r): ConformanceRow => ({
        category: r.category,
        code: r.code,
        name: `n-${r.code}`,
        standard: 'WS 445',
        tested: r.passed + r.failed,
        passed: r.passed,
        failed: r.failed,
        result: r.failed > 0 ? 'fail' : r.verdict ? 'pass' : 'fail',
      }),
    );
  const rowsArb = fc.uniqueArray(rowArb, { selector: (r) => `${r.category}/${r.code}`, maxLength: 30 });

  it('property: the summary adds up to the rows', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const s = summariseConformance(rows);
        for (const c of CONFORMANCE_CATEGORIES) {
          const mine = rows.filter((r) => r.category === c);
          const t = s.byCategory[c];
          expect(t.items).toBe(mine.length);
          expect(t.passedItems).toBe(mine.filter((r) => r.result === 'pass').length);
          expect(t.passedItems + t.failedItems).toBe(t.items);
          expect(t.tested).toBe(mine.reduce((a, r) => a + r.tested, 0));
          expect(t.passed).toBe(mine.reduce((a, r) => a + r.passed, 0));
          expect(t.failed).toBe(mine.reduce((a, r) => a + r.failed, 0));
        }
        const sum = (k: 'items' | 'passedItems' | 'tested' | 'passed' | 'failed') =>
          CONFORMANCE_CATEGORIES.reduce((a, c) => a + s.byCategory[c][k], 0);
        expect([s.total.items, s.total.passedItems, s.total.tested, s.total.passed, s.total.failed]).toEqual([
          sum('items'),
          sum('passedItems'),
          sum('tested'),
          sum('passed'),
          sum('failed'),
        ]);
        expect(s.passed).toBe(rows.length > 0 && rows.every((r) => r.result === 'pass'));
      }),
    );
  });

  it('property: a table written from valid rows reads back as those rows', () => {
    fc.assert(
      fc.property(rowsArb, fc.boolean(), (rows, english) => {
        const word = { dataset: '数据集', document: '共享文档', service: '交互服务' } as const;
        const table = [
          english ? EN_HEADER : ZH_HEADER,
          ...rows.map((r) => [
            english ? r.category : word[r.category],
            r.code,
            r.name,
            r.standard,
            String(r.tested),
            String(r.passed),
            String(r.failed),
            english ? r.result : r.result === 'pass' ? '通过' : '不通过',
          ]),
        ];
        expect(parseConformanceRows(table)).toEqual({ rows, errors: [] });
      }),
    );
  });
});
