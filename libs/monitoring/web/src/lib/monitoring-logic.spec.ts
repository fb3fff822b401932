import { HttpErrorResponse } from '@angular/common/http';
import {
  anomalyReason,
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
import { narrativeNumberProblems } from '@hutong/monitoring-model';

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
