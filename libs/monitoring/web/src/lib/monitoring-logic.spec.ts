import { HttpErrorResponse } from '@angular/common/http';
import {
  anomalyReason,
  catalogueHeaderProblems,
  groupByDomain,
  parseTableLines,
  problemText,
  refusedProblems,
  tableProblems,
  tablesOfRows,
  versionChange,
  asOfFor,
  batchErrors,
  bulletinFormProblems,
  calendarCells,
  connectionProblems,
  count,
  day,
  gridCells,
  importPercent,
  keyProblems,
  paragraphFigureProblems,
  pct,
  periodFromParams,
  presetChoice,
  presetOf,
  presetPeriod,
  rectifyDefaults,
  rectifyRows,
  regionTree,
  shanghaiToday,
  tierBars,
  tierChartOption,
} from './monitoring-logic';
import { example51Catalogue, narrativeNumberProblems } from '@hutong/monitoring-model';

describe('period presets (Asia/Shanghai)', () => {
  it('reads today in Shanghai, not UTC', () => {
    expect(shanghaiToday(new Date('2026-06-30T16:30:00Z'))).toBe('2026-07-01');
    expect(shanghaiToday(new Date('2026-06-30T15:59:00Z'))).toBe('2026-06-30');
  });

  it('gives the quarters and months around a day', () => {
    expect(presetPeriod('thisQuarter', '2026-12-03')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetPeriod('lastQuarter', '2026-12-03')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(presetPeriod('lastQuarter', '2026-02-10')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(presetPeriod('thisMonth', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('reads a running period as of today, a past one as of its last day', () => {
    expect(presetChoice('thisQuarter', '2026-12-03').asOf).toBe('2026-12-03');
    expect(presetChoice('lastMonth', '2026-12-03').asOf).toBe('2026-11-30');
    expect(asOfFor({ from: '2027-01-01', to: '2027-01-31' }, '2026-12-03')).toBe('2027-01-01');
  });

  it('recognises a preset and falls back to this quarter for bad params', () => {
    expect(presetOf('2026-11-01', '2026-11-30', '2026-12-03')).toBe('lastMonth');
    expect(presetOf('2026-11-02', '2026-11-30', '2026-12-03')).toBe('custom');
    expect(periodFromParams('2026-11-05', '2026-11-20', null, '2026-12-03')).toEqual({
      preset: 'custom',
      from: '2026-11-05',
      to: '2026-11-20',
      asOf: '2026-11-20',
    });
    expect(periodFromParams('2026-11-20', '2026-11-05', null, '2026-12-03').preset).toBe('thisQuarter');
    expect(periodFromParams('2026-10-01', '2026-12-31', '2027-01-01', '2026-12-03').asOf).toBe('2026-12-03');
  });
});

describe('figures', () => {
  it('prints shares as the circulars do, and dates in zh', () => {
    expect(pct(36 / 41)).toBe('87.80%');
    expect(pct(null)).toBe('—');
    expect(count(1234567)).toBe('1,234,567');
    expect(day('2026-07-03', 'zh')).toBe('2026年7月3日');
    expect(day('2026-07-03', 'en')).toBe('2026-07-03');
    expect(day(null, 'zh')).toBe('—');
  });
});

describe('tier chart', () => {
  const rollup = { institutions: 10, connected: 8, tiers: { 1: 3, 2: 2, 3: 2, 4: 1 } as const };
  it('has tiers 1–4 and the not-connected', () => {
    expect(tierBars(rollup, 'zh').map((b) => [b.name, b.value])).toEqual([
      ['第一梯队', 3],
      ['第二梯队', 2],
      ['第三梯队', 2],
      ['第四梯队', 1],
      ['未联通', 2],
    ]);
    const option = tierChartOption(rollup, 'en');
    expect(option.xAxis.data).toEqual(['Tier 1', 'Tier 2', 'Tier 3', 'Tier 4', 'Not connected']);
    expect(option.series[0]?.data.map((d) => d.value)).toEqual([3, 2, 2, 1, 2]);
  });
});

describe('heat maps', () => {
  it('shapes the grid as [day, table, records], empty cells 0', () => {
    expect(
      gridCells([
        [0, 5],
        [2, -1],
      ]),
    ).toEqual({
      data: [
        [0, 0, 0],
        [1, 0, 5],
        [0, 1, 2],
        [1, 1, 0],
      ],
      max: 5,
    });
  });
  it('shapes the calendar as [day, institution, 0|1]', () => {
    expect(calendarCells([{ uploaded: [true, false] }, { uploaded: [false, true] }]).data).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 1],
    ]);
  });
});

describe('anomalies', () => {
  it('explains each with its figures', () => {
    expect(
      anomalyReason({ kind: 'rate_above_100', subject: 'outpatient', figures: { rate: 1.2, uploaded: 1200 } }, 'zh'),
    ).toBe('门急诊上传率120.00%，上传1,200人次，超过卫统实际人次');
    expect(
      anomalyReason({ kind: 'table_stopped', subject: 'TB_LIS', figures: { lastUploadDate: '2026-11-28' } }, 'zh'),
    ).toBe('TB_LIS自2026年11月28日起无数据，其他表仍在上传');
    expect(
      anomalyReason({ kind: 'sudden_drop', subject: '2026-12-03', figures: { volume: 10, trailingMedian: 100 } }, 'en'),
    ).toContain('trailing median of 100');
  });
});

describe('region tree', () => {
  it('nests regions under their parents, roots expanded', () => {
    const tree = regionTree(
      [
        { id: 'c', name: '信阳市', parentId: 'p' },
        { id: 'k1', name: '浉河区', parentId: 'c' },
        { id: 'k2', name: '平桥区', parentId: 'c' },
      ],
      ['c'],
    );
    expect(tree).toHaveLength(1);
    expect(tree[0]?.title).toBe('信阳市');
    expect(tree[0]?.expanded).toBe(true);
    expect(tree[0]?.children.map((c) => c.title)).toEqual(['浉河区', '平桥区']);
    expect(tree[0]?.children[0]?.isLeaf).toBe(true);
  });
});

describe('imports', () => {
  it('measures progress', () => {
    expect(importPercent({ status: 'running', processedItems: 50, totalItems: 200 })).toBe(25);
    expect(importPercent({ status: 'queued', processedItems: 0, totalItems: 0 })).toBe(0);
    expect(importPercent({ status: 'done', processedItems: 0, totalItems: 0 })).toBe(100);
  });

  it('lists a 422 refusal line by line, translated when the catalogue knows the reason', () => {
    const err = new HttpErrorResponse({
      status: 422,
      error: {
        statusCode: 422,
        code: 'monitoring.batch_invalid',
        message: '2条数据有误',
        details: {
          errors: [
            {
              line: 3,
              code: '02',
              reason: 'monitoring.ingest_org_unknown',
              params: { org: 'X' },
              message: '机构编码“X”不存在',
            },
            { index: 0, code: '04', reason: 'other', message: 'The date' },
          ],
        },
      },
    });
    const message = (code: string) => (code === 'monitoring.ingest_org_unknown' ? 'No institution X' : null);
    expect(batchErrors(err, 'en', message)).toEqual([
      { line: 3, code: '02', codeLabel: '02 Institution', message: 'No institution X' },
      { line: 0, code: '04', codeLabel: '04 Date', message: 'The date' },
    ]);
    expect(batchErrors(new HttpErrorResponse({ status: 400 }), 'zh')).toBeNull();
  });
});

describe('forms', () => {
  it('checks a connection change', () => {
    expect(connectionProblems({ status: null, note: '', since: null }, '2026-12-03')).toEqual({ status: 'required' });
    expect(connectionProblems({ status: 'other_platform', note: ' ', since: '2026-12-04' }, '2026-12-03')).toEqual({
      note: 'noteRequired',
      since: 'sinceFuture',
    });
    expect(connectionProblems({ status: 'connected', note: '', since: '2026-12-03' }, '2026-12-03')).toEqual({});
  });

  it('checks a new key', () => {
    expect(keyProblems({ name: ' ', organisationId: null, scopes: [] })).toEqual({
      name: 'required',
      organisationId: 'required',
      scopes: 'scopes',
    });
    expect(keyProblems({ name: 'HIS', organisationId: 'o', scopes: ['statistics'] })).toEqual({});
  });
});

describe('bulletins', () => {
  const row = (
    institution: string,
    connection: 'connected' | 'other_platform' | 'not_connected',
    tier: 1 | 2 | 3 | 4 | null,
    interruptionDays = 0,
    uploadDays = tier === 4 || tier === null ? 0 : 10,
  ) => ({ institution, connection, tier, interruptionDays, uploadDays });
  const rows = [
    row('甲', 'connected', 1),
    row('乙', 'connected', 3, 2),
    row('丙', 'other_platform', 4, 92),
    row('丁', 'not_connected', null),
    // a not-connected institution's tier and interruptions never count (it has no data to speak of)
    row('戊', 'not_connected', 4, 5),
  ];
  const names = (xs: { institution: string }[]) => xs.map((x) => x.institution);

  it('counts the institutions a rectification reaches as the server does', () => {
    expect(names(rectifyRows(rows, 'not_connected'))).toEqual(['丁', '戊']);
    expect(names(rectifyRows(rows, 'interrupted'))).toEqual(['乙']);
    expect(names(rectifyRows(rows, 'tier3'))).toEqual(['乙']);
    expect(names(rectifyRows(rows, 'tier4'))).toEqual(['丙']);
    expect(rectifyRows([], 'tier4')).toEqual([]);
  });

  it('marks the paragraphs whose figures the generated text does not have', () => {
    const generated = ['共38家，已联通37家，联通率97.37%。', '第一梯队12家。'];
    expect(paragraphFigureProblems(generated, generated)).toEqual([[], []]);
    // reworded and reordered: fine
    expect(paragraphFigureProblems(generated, ['第一梯队有12家。', '纳入38家，联通37家（97.37%）。'])).toEqual([
      [],
      [],
    ]);
    // a changed figure is marked where it is
    expect(paragraphFigureProblems(generated, ['共38家，已联通36家，联通率97.37%。', '第一梯队12家。'])).toEqual([
      ['36'],
      [],
    ]);
    // a figure used twice is one too many the second time (as the server counts)
    const twice = ['共38家。', '第一梯队12家，又12家。'];
    expect(paragraphFigureProblems(generated, twice)).toEqual([[], ['12']]);
    expect(paragraphFigureProblems(generated, twice).flat()).toEqual(narrativeNumberProblems(generated, twice));
  });

  it('checks the generate form: a scope, a requirement as a text and a due date not before today', () => {
    const ok = { scope: 'r1', requirementText: '', requirementDue: null };
    expect(bulletinFormProblems(ok, '2026-12-03')).toEqual({});
    expect(bulletinFormProblems({ ...ok, scope: null }, '2026-12-03')).toEqual({ scope: 'required' });
    expect(bulletinFormProblems({ ...ok, requirementText: '报送' }, '2026-12-03')).toEqual({
      requirementDue: 'dueRequired',
    });
    expect(bulletinFormProblems({ ...ok, requirementDue: '2026-12-10' }, '2026-12-03')).toEqual({
      requirementText: 'textRequired',
    });
    expect(
      bulletinFormProblems({ ...ok, requirementText: '报送', requirementDue: '2026-12-02' }, '2026-12-03'),
    ).toEqual({ requirementDue: 'duePast' });
    expect(
      bulletinFormProblems({ ...ok, requirementText: 'x'.repeat(501), requirementDue: '2026-12-10' }, '2026-12-03'),
    ).toEqual({ requirementText: 'tooLong' });
  });

  it('defaults the rectification task to the circulars’ wording', () => {
    expect(rectifyDefaults('not_connected', 'zh')).toEqual({
      title: '报送未联通原因及整改计划',
      instructions: '请说明未联通原因、下一步工作计划及预计完成时间',
    });
    expect(rectifyDefaults('tier4', 'en').title).toMatch(/nothing was uploaded/);
  });
});

describe('the table catalogue', () => {
  it('reads pasted lines (domain, code, name, optional counts), skipping blanks and a header', () => {
    const text = [
      '业务域\t表编码\t表名称',
      '门急诊业务\tTB_MZ_JZMXB\t门诊就诊明细表\t门急诊人次',
      '',
      '  住院业务 \t TB_ZY_CYDJMXB \t 出院登记明细表 \tdischarges',
      '检验报告\tTB_JY_BG\t检验报告表',
      'just one cell',
      '住院业务\tTB_ZY_RY\t入院登记表\r',
    ].join('\n');
    expect(parseTableLines(text)).toEqual({
      tables: [
        { domain: '门急诊业务', code: 'TB_MZ_JZMXB', name: '门诊就诊明细表', counts: 'visits' },
        { domain: '住院业务', code: 'TB_ZY_CYDJMXB', name: '出院登记明细表', counts: 'discharges' },
        { domain: '检验报告', code: 'TB_JY_BG', name: '检验报告表' },
        { domain: '住院业务', code: 'TB_ZY_RY', name: '入院登记表' },
      ],
      badLines: [6],
    });
    // a first line with a code is a table, not a header; an unknown fourth column counts nothing
    expect(parseTableLines('A\tTB_A\t甲\t其他').tables).toEqual([{ domain: 'A', code: 'TB_A', name: '甲' }]);
    expect(parseTableLines('domain\tcode\tname\nA\tTB_A\t甲').tables.map((t) => t.code)).toEqual(['TB_A']);
    expect(parseTableLines('\n \n')).toEqual({ tables: [], badLines: [] });
  });

  it('groups the tables by domain in the catalogue order, filtered by code, name or domain', () => {
    const tables = [
      { domain: '门急诊业务', code: 'TB_MZ_A', name: '挂号表' },
      { domain: '住院业务', code: 'TB_ZY_A', name: '入院表' },
      { domain: '门急诊业务', code: 'TB_MZ_B', name: '就诊表', counts: 'visits' as const },
    ];
    expect(groupByDomain(tables).map((g) => [g.domain, g.tables.map((t) => t.code)])).toEqual([
      ['门急诊业务', ['TB_MZ_A', 'TB_MZ_B']],
      ['住院业务', ['TB_ZY_A']],
    ]);
    expect(groupByDomain(tables, ' tb_zy ').map((g) => g.domain)).toEqual(['住院业务']);
    expect(groupByDomain(tables, '就诊')[0]?.tables.map((t) => t.code)).toEqual(['TB_MZ_B']);
    expect(groupByDomain(tables, '住院')[0]?.tables).toHaveLength(1);
    expect(groupByDomain(tables, 'nothing')).toEqual([]);
    const example = groupByDomain(example51Catalogue().tables);
    expect(example.reduce((n, g) => n + g.tables.length, 0)).toBe(51);
  });

  it('puts the model’s problems on the rows and cells they are about', () => {
    const row = (code: string, name = '表', domain = '域', counts: 'visits' | 'discharges' | null = null) => ({
      code,
      name,
      domain,
      counts,
    });
    expect(tableProblems([row('TB_A'), row(' TB_B ')]).all).toEqual([]);
    const p = tableProblems([
      row('TB_A', '甲', '域', 'visits'),
      row('TB_A'),
      row('tb-bad'),
      row('TB_C', ' ', ''),
      row('TB_D', '丁', '域', 'visits'),
    ]);
    expect(p.rows).toEqual([
      { code: 'monitoring.table_duplicate', counts: 'monitoring.counts_ambiguous' },
      { code: 'monitoring.table_duplicate' },
      { code: 'monitoring.table_code_invalid' },
      { name: 'monitoring.table_name_missing', domain: 'monitoring.table_name_missing' },
      { counts: 'monitoring.counts_ambiguous' },
    ]);
    expect(p.global).toEqual([]);
    expect(p.all).toContain('monitoring.table_duplicate:TB_A');
    expect(tableProblems([])).toEqual({
      rows: [],
      global: ['monitoring.catalogue_empty'],
      all: ['monitoring.catalogue_empty'],
    });
    expect(tablesOfRows([row(' TB_A ', ' 甲 ', ' 域 ', null), row('TB_B', '乙', '域', 'discharges')])).toEqual([
      { code: 'TB_A', name: '甲', domain: '域' },
      { code: 'TB_B', name: '乙', domain: '域', counts: 'discharges' },
    ]);
  });

  it('checks a new catalogue’s key, name and note as the api does', () => {
    expect(catalogueHeaderProblems({ key: 'xinyang-2027', name: '信阳', note: '' })).toEqual({});
    expect(catalogueHeaderProblems({ key: '', name: ' ', note: '' })).toEqual({ key: 'required', name: 'required' });
    expect(catalogueHeaderProblems({ key: 'Xinyang', name: '信阳', note: 'x'.repeat(2001) })).toEqual({
      key: 'keyFormat',
      note: 'tooLong',
    });
    expect(catalogueHeaderProblems({ key: 'example-51', name: '示例', note: '' }, ['example-51'])).toEqual({
      key: 'keyTaken',
    });
    expect(catalogueHeaderProblems({ key: 'a', name: 'x'.repeat(201), note: '' })).toEqual({
      key: 'keyFormat',
      name: 'tooLong',
    });
  });

  it('says what a version changed from the one before', () => {
    const before = [
      { code: 'TB_A', name: '甲', domain: '域' },
      { code: 'TB_B', name: '乙', domain: '域' },
    ];
    const after = [
      { code: 'TB_A', name: '甲', domain: '域', counts: 'visits' as const },
      { code: 'TB_C', name: '丙', domain: '域' },
    ];
    expect(versionChange(before, after)).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(versionChange(before, before)).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it('reads the problems of a refusal and words them', () => {
    const refusal = new HttpErrorResponse({
      status: 422,
      error: {
        statusCode: 422,
        code: 'monitoring.catalogue_invalid',
        message: 'x',
        details: { problems: ['monitoring.table_duplicate:TB_X', 7] },
      },
    });
    expect(refusedProblems(refusal)).toEqual(['monitoring.table_duplicate:TB_X']);
    expect(refusedProblems(new HttpErrorResponse({ status: 422, error: { code: 'other' } }))).toBeNull();
    expect(refusedProblems(new Error('x'))).toBeNull();
    const message = (c: string) => (c === 'monitoring.table_duplicate' ? '表编码重复' : null);
    expect(problemText('monitoring.table_duplicate:TB_X', message)).toBe('表编码重复（TB_X）');
    expect(problemText('monitoring.catalogue_empty', message)).toBe('monitoring.catalogue_empty');
  });
});
