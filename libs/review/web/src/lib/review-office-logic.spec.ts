import { CONFORMANCE_FILE_EXTENSIONS, CONFORMANCE_FILE_MAX_BYTES, type EligibilityMatrix } from '@hutong/review-model';
import type { ReviewSessionSummary } from '@hutong/review-model';
import {
  bulkRefusalsOf,
  cellOf,
  cellState,
  cleanTags,
  conformanceErrorsOf,
  conformanceFileProblem,
  conformanceTemplateCsv,
  eligibilityGrid,
  expertFormProblems,
  filterSessions,
  formatDay,
  formatDays,
  fromDateString,
  percent,
  reasonsLine,
  reasonsOf,
  sessionBody,
  sessionFormProblems,
  toDateString,
  type ExpertFormValue,
  type SessionFormValue,
} from './review-office-logic';

const d = (s: string) => fromDateString(s);

function session(patch: Partial<SessionFormValue> = {}): SessionFormValue {
  return {
    cycleId: 'c1',
    kind: 'document_review',
    title: '2026年度第一批专家文审会',
    date: d('2026-12-15'),
    endDate: null,
    start: '09:00',
    mode: 'venue',
    location: '第一会议室',
    slotPresent: 15,
    slotQuestions: 10,
    breakAfter: null,
    breakMinutes: null,
    minPerApplication: 3,
    maxPerExpert: null,
    scoringDue: d('2026-12-20'),
    ...patch,
  };
}

describe('dates', () => {
  it('round-trips a picked date', () => {
    expect(toDateString(fromDateString('2026-12-05'))).toBe('2026-12-05');
  });
  it('prints a day in Chinese or as ISO', () => {
    expect(formatDay('2026-12-15', 'zh')).toBe('2026年12月15日');
    expect(formatDay('2026-12-15', 'en')).toBe('2026-12-15');
    expect(formatDay(null, 'zh')).toBe('');
  });
  it('prints a range of days only when they differ', () => {
    expect(formatDays('2026-12-15', '2026-12-15', 'zh')).toBe('2026年12月15日');
    expect(formatDays('2026-12-15', '2026-12-17', 'zh')).toBe('2026年12月15日 – 2026年12月17日');
  });
});

describe('sessionFormProblems', () => {
  it('accepts a complete form', () => {
    expect(sessionFormProblems(session())).toEqual({});
  });
  it('requires the cycle, the title, the date and the scoring due date', () => {
    expect(sessionFormProblems(session({ cycleId: '', title: '  ', date: null, scoringDue: null }))).toEqual({
      cycleId: 'required',
      title: 'required',
      date: 'required',
      scoringDue: 'required',
    });
  });
  it('keeps the dates in order', () => {
    expect(sessionFormProblems(session({ scoringDue: d('2026-12-14') }))).toEqual({ scoringDue: 'dueBeforeDate' });
    expect(sessionFormProblems(session({ scoringDue: d('2026-12-15') }))).toEqual({});
    expect(sessionFormProblems(session({ kind: 'onsite', endDate: d('2026-12-14') }))).toEqual({
      endDate: 'endBeforeDate',
    });
    // a document review has no end date of its own
    expect(sessionFormProblems(session({ endDate: d('2026-12-14') }))).toEqual({});
  });
  it('checks the start time and the numbers', () => {
    expect(sessionFormProblems(session({ start: '9:00' })).start).toBe('timeInvalid');
    expect(sessionFormProblems(session({ start: '24:00' })).start).toBe('timeInvalid');
    expect(sessionFormProblems(session({ slotPresent: 4 })).slotPresent).toBe('range');
    expect(sessionFormProblems(session({ slotQuestions: 0 })).slotQuestions).toBeUndefined();
    expect(sessionFormProblems(session({ minPerApplication: null })).minPerApplication).toBe('required');
    expect(sessionFormProblems(session({ maxPerExpert: 0 })).maxPerExpert).toBe('range');
    expect(sessionFormProblems(session({ title: 'x'.repeat(201) })).title).toBe('tooLong');
  });
  it('asks for the minutes of a break', () => {
    expect(sessionFormProblems(session({ breakAfter: 3 })).breakMinutes).toBe('breakMinutesRequired');
    expect(sessionFormProblems(session({ breakAfter: 3, breakMinutes: 10 }))).toEqual({});
  });
});

describe('sessionBody', () => {
  it('sends dates as yyyy-MM-dd and a document review ending on its day', () => {
    const b = sessionBody(session({ title: ' 文审会 ', location: ' A ' }));
    expect(b).toMatchObject({
      title: '文审会',
      date: '2026-12-15',
      endDate: '2026-12-15',
      location: 'A',
      scoringDue: '2026-12-20',
      breakAfter: null,
      breakMinutes: null,
    });
  });
  it('keeps an on-site end date and drops break minutes without a break', () => {
    const b = sessionBody(session({ kind: 'onsite', endDate: d('2026-12-17'), breakMinutes: 10 }));
    expect(b.endDate).toBe('2026-12-17');
    expect(b.breakMinutes).toBeNull();
  });
});

describe('expertFormProblems', () => {
  const v = (patch: Partial<ExpertFormValue> = {}): ExpertFormValue => ({
    userId: 'u1',
    name: '王专家',
    title: '主任医师',
    affiliationOrgId: 'o1',
    pools: ['qualitative'],
    specialties: [],
    vendorTies: [],
    active: true,
    ...patch,
  });
  it('accepts a complete profile', () => {
    expect(expertFormProblems(v(), true)).toEqual({});
  });
  it('needs the user only for a new profile', () => {
    expect(expertFormProblems(v({ userId: '' }), true)).toEqual({ userId: 'required' });
    expect(expertFormProblems(v({ userId: '' }), false)).toEqual({});
  });
  it('needs a name, an affiliation and a pool', () => {
    expect(expertFormProblems(v({ name: ' ', affiliationOrgId: '', pools: [] }), false)).toEqual({
      name: 'required',
      affiliationOrgId: 'required',
      pools: 'poolsRequired',
    });
  });
  it('limits the vendor ties', () => {
    expect(expertFormProblems(v({ vendorTies: ['x'.repeat(201)] }), false)).toEqual({ vendorTies: 'vendorTooLong' });
    const many = Array.from({ length: 51 }, (_, i) => `厂商${i}`);
    expect(expertFormProblems(v({ vendorTies: many }), false)).toEqual({ vendorTies: 'tooMany' });
  });
});

describe('cleanTags', () => {
  it('trims, drops empty ones and repeats (full-width and case aside)', () => {
    expect(cleanTags([' 东软 ', '', 'ABC', 'abc', 'ＡＢＣ', '卫宁'])).toEqual(['东软', 'ABC', '卫宁']);
  });
});

describe('the eligibility matrix', () => {
  const matrix: EligibilityMatrix = {
    experts: [
      { expertId: 'e1', name: '张', status: 'accepted' },
      { expertId: 'e2', name: '李', status: 'invited' },
    ],
    cases: [
      {
        caseId: 'c1',
        organisationName: '甲医院',
        cells: [
          { expertId: 'e2', eligible: false, assigned: false, reasons: [{ code: 'inactive' }] },
          { expertId: 'e1', eligible: true, assigned: true, reasons: [] },
        ],
      },
      {
        caseId: 'c2',
        organisationName: '乙医院',
        cells: [{ expertId: 'e1', eligible: true, assigned: false, reasons: [] }],
      },
    ],
  };
  it('lays the cells out in the experts’ order, with the counts', () => {
    const g = eligibilityGrid(matrix);
    expect(g.rows.map((r) => r.cells.map((c) => c?.state ?? null))).toEqual([
      ['assigned', 'ineligible'],
      ['eligible', null],
    ]);
    expect(g.rows.map((r) => [r.eligible, r.assigned])).toEqual([
      [1, 1],
      [1, 0],
    ]);
    expect(g.perExpert).toEqual([
      { expertId: 'e1', eligible: 2, assigned: 1 },
      { expertId: 'e2', eligible: 0, assigned: 0 },
    ]);
  });
  it('finds a cell and states it', () => {
    expect(cellOf(matrix, 'c1', 'e2')?.reasons).toEqual([{ code: 'inactive' }]);
    expect(cellOf(matrix, 'c9', 'e2')).toBeNull();
    expect(cellOf(null, 'c1', 'e1')).toBeNull();
    expect(cellState({ eligible: false, assigned: true })).toBe('assigned');
  });
});

describe('coded refusals', () => {
  it('reads the reasons of review.not_eligible', () => {
    expect(reasonsOf({ reasons: [{ code: 'at_capacity', load: 3, max: 3 }, { nope: 1 }] })).toEqual([
      { code: 'at_capacity', load: 3, max: 3 },
    ]);
    expect(reasonsOf(undefined)).toEqual([]);
  });
  it('reads each refused pair of review.bulk_not_eligible', () => {
    const details = {
      refused: [
        { caseId: 'c1', expertId: 'e1', reasons: [{ code: 'conflict', conflict: { kind: 'vendor', detail: '东软' } }] },
        { caseId: 'c2', expertId: 'e2', reasons: [{ code: 'not_accepted' }] },
        { caseId: 3 },
      ],
    };
    expect(bulkRefusalsOf(details)).toHaveLength(2);
    expect(bulkRefusalsOf(details)[1]?.reasons).toEqual([{ code: 'not_accepted' }]);
  });
  it('renders reasons as readable text', () => {
    const line = reasonsLine(
      [{ code: 'conflict', conflict: { kind: 'vendor', detail: '东软' } }, { code: 'not_accepted' }],
      'zh',
      '专家尚未接受邀请',
    );
    expect(line).toBe('与申请单位的承建单位“东软”有关联；专家尚未接受邀请');
    expect(reasonsLine([{ code: 'inactive' }], 'en', 'x')).toBe('The expert is inactive');
  });
  it('reads the row errors of review.conformance_import_invalid, in row order', () => {
    const details = {
      errors: [
        { row: 5, column: 'tested', code: 'review.conformance_not_count', params: { column: 'tested', value: 'x' } },
        { row: 2, column: 'bogus', code: 'review.conformance_required' },
        { row: 'x', code: 'y' },
      ],
    };
    expect(conformanceErrorsOf(details)).toEqual([
      { row: 2, code: 'review.conformance_required' },
      { row: 5, column: 'tested', code: 'review.conformance_not_count', params: { column: 'tested', value: 'x' } },
    ]);
  });
});

describe('conformance files', () => {
  const check = (name: string, size: number) =>
    conformanceFileProblem({ name, size }, CONFORMANCE_FILE_MAX_BYTES, CONFORMANCE_FILE_EXTENSIONS);
  it('refuses other types and files over 2 MB before sending', () => {
    expect(check('结果.CSV', 100)).toBeNull();
    expect(check('结果.xlsx', CONFORMANCE_FILE_MAX_BYTES)).toBeNull();
    expect(check('结果.xls', 100)).toEqual({ code: 'review.conformance_file_type', params: { ext: '.xls' } });
    expect(check('结果.csv', CONFORMANCE_FILE_MAX_BYTES + 1)).toEqual({
      code: 'review.conformance_file_too_large',
      params: { max: 2 },
    });
  });
  it('builds the template from the canonical header, with a BOM', () => {
    expect(conformanceTemplateCsv()).toBe('\uFEFF类别,编号,名称,标准,测试数,通过数,未通过数,结论\r\n');
  });
  it('prints rates', () => {
    expect(percent(0.9876)).toBe('98.8%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(null)).toBe('—');
  });
});

describe('filterSessions', () => {
  const s = (id: string, patch: Partial<ReviewSessionSummary>): ReviewSessionSummary => ({
    id,
    cycleId: 'c',
    cycleName: '2026',
    kind: 'document_review',
    title: id,
    date: '2026-12-01',
    status: 'planning',
    cases: 0,
    panel: 0,
    progress: { submitted: 0, assigned: 0, consolidated: 0 },
    me: null,
    ...patch,
  });
  const list = [
    s('b', { date: '2026-12-10', status: 'scoring', progress: { submitted: 1, assigned: 4, consolidated: 0 } }),
    s('a', { date: '2026-12-20', kind: 'onsite' }),
    s('c', { date: '2026-11-01', status: 'closed', progress: { submitted: 3, assigned: 3, consolidated: 1 } }),
  ];
  it('lists the latest first by default', () => {
    expect(filterSessions(list, { kind: null, status: null, q: '' }, null, null).map((x) => x.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
  it('filters by kind, status and title', () => {
    expect(filterSessions(list, { kind: 'onsite', status: null, q: '' }, null, null).map((x) => x.id)).toEqual(['a']);
    expect(filterSessions(list, { kind: null, status: 'closed', q: '' }, null, null).map((x) => x.id)).toEqual(['c']);
    expect(filterSessions(list, { kind: null, status: null, q: 'B' }, null, null).map((x) => x.id)).toEqual(['b']);
  });
  it('sorts by a column', () => {
    const ids = (sort: 'title' | 'status' | 'progress', dir: 'asc' | 'desc') =>
      filterSessions(list, { kind: null, status: null, q: '' }, sort, dir).map((x) => x.id);
    expect(ids('title', 'asc')).toEqual(['a', 'b', 'c']);
    expect(ids('status', 'desc')).toEqual(['c', 'b', 'a']);
    expect(ids('progress', 'asc')).toEqual(['a', 'b', 'c']);
  });
});
