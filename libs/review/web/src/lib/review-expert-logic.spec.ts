import type { IndicatorNode } from '@hutong/assessment-model';
import type { ConsolidationView, MyAssignment, ReviewSessionSummary } from '@hutong/review-model';
import {
  assignmentStatus,
  binaryOptionsFor,
  changedConsensus,
  consensusProblem,
  consolidationRows,
  defaultQuestionDue,
  entryInput,
  entryProblem,
  filterAssignments,
  formatDay,
  incompleteItemsOf,
  invitationsOf,
  isEntryScored,
  keepTyped,
  mergeEntries,
  parseNumber,
  progressPercent,
  questionProblems,
  readDraft,
  restoreDraft,
  sameEntry,
  saveBatch,
  sheetLeaves,
  sheetParts,
  shownConsensus,
  staleSheetOf,
  stepCode,
  stillDirty,
  unscoredCodes,
  withScore,
  writeDraft,
  profileChanges,
  rangeProblems,
  type Entries,
} from './review-expert-logic';

const leaf = (code: string, extra: Partial<IndicatorNode> = {}): IndicatorNode => ({
  code,
  title: `指标${code}`,
  points: 1,
  minLevel: '1',
  mandatory: false,
  passScore: 1,
  evidenceRequired: false,
  method: 'document',
  children: [],
  ...extra,
});
const node = (code: string, title: string, children: IndicatorNode[]): IndicatorNode => ({
  ...leaf(code),
  title,
  points: children.reduce((s, c) => s + c.points, 0),
  children,
});

const TREE: IndicatorNode[] = [
  node('1', '数据资源标准化建设', [
    node('1.1', '数据集标准化', [
      leaf('1.1.1', { scoring: 'binary' }),
      leaf('1.1.2', { scoring: 'binary', optional: true }),
      leaf('1.1.3', { scoring: 'info', points: 0 }),
    ]),
    node('1.2', '共享文档标准化', [
      leaf('1.2.1', { scoring: 'tiered', points: 3, pointsByLevel: { '3': 1, '4B': 2, '5A': 3 } }),
      leaf('1.2.2', { scoring: 'count', points: 1, perItem: 0.25, maxPoints: 1 }),
    ]),
  ]),
  node('2', '互联互通', [node('2.1', '平台', [leaf('2.1.1', { points: 5 })])]),
];
const ITEMS = ['1.1.1', '1.1.2', '1.2.1', '1.2.2', '2.1.1'];
const SHEET = sheetLeaves(TREE, ITEMS);
const byCode = new Map(SHEET.map((l) => [l.code, l]));
const L = (code: string) => byCode.get(code) as IndicatorNode;

describe('the sheet: leaves, parts, navigation', () => {
  it('takes the sheet’s leaves in the tree’s order, statistics-only items left out', () => {
    expect(SHEET.map((l) => l.code)).toEqual(ITEMS);
  });

  it('counts scored/total per part, with the part and category titles', () => {
    const entries: Entries = {
      '1.1.1': { score: 1, choice: { option: 'full' }, comment: '' },
      '1.2.2': { score: null, choice: { count: -1 }, comment: '' }, // invalid: not scored
      '2.1.1': { score: 3, comment: '' },
    };
    const parts = sheetParts(TREE, SHEET, entries);
    expect(parts.map((p) => [p.code, p.title, p.categoryTitle, p.scored, p.total])).toEqual([
      ['1.1', '数据集标准化', '数据资源标准化建设', 1, 2],
      ['1.2', '共享文档标准化', '数据资源标准化建设', 0, 2],
      ['2.1', '平台', '互联互通', 1, 1],
    ]);
    expect(unscoredCodes(SHEET, entries)).toEqual(['1.1.2', '1.2.1', '1.2.2']);
  });

  it('steps through the codes, clamped at the ends', () => {
    const codes = ['a', 'b', 'c'];
    expect(stepCode(codes, 'a', 1)).toBe('b');
    expect(stepCode(codes, 'c', 1)).toBe('c');
    expect(stepCode(codes, 'a', -1)).toBe('a');
    expect(stepCode(codes, 'x', 1)).toBe('a');
    expect(stepCode(codes, null, -1)).toBe('c');
    expect(stepCode([], 'a', 1)).toBeNull();
  });

  it('offers 无此业务 only for optional items (or when it is the answer already)', () => {
    expect(binaryOptionsFor(L('1.1.1'))).toEqual(['no_data', 'full', 'partial']);
    expect(binaryOptionsFor(L('1.1.2'))).toEqual(['no_data', 'full', 'partial', 'no_business']);
    expect(binaryOptionsFor(L('1.1.1'), 'no_business')).toContain('no_business');
  });
});

describe('an entry’s score (the one rule)', () => {
  it('derives the score from the choice for every kind but scale', () => {
    expect(withScore(L('1.1.1'), { score: null, choice: { option: 'full' }, comment: '' }).score).toBe(1);
    expect(withScore(L('1.1.1'), { score: 1, choice: { option: 'no_business' }, comment: '' }).score).toBe(0);
    expect(withScore(L('1.1.2'), { score: null, choice: { option: 'no_business' }, comment: '' }).score).toBe(1);
    expect(withScore(L('1.2.1'), { score: null, choice: { level: '4A' }, comment: '' }).score).toBe(2);
    expect(withScore(L('1.2.2'), { score: null, choice: { count: 3 }, comment: '' }).score).toBe(0.75);
    expect(withScore(L('1.2.2'), { score: null, choice: { count: 9 }, comment: '' }).score).toBe(1);
    expect(withScore(L('2.1.1'), { score: 4.5, comment: 'x' })).toEqual({ score: 4.5, comment: 'x' });
  });

  it('refuses what the kind does not take, and does not count it as scored', () => {
    expect(entryProblem(L('2.1.1'), { score: 6, comment: '' })).toBe('range');
    expect(entryProblem(L('2.1.1'), { score: Number.NaN, comment: '' })).toBe('range');
    expect(entryProblem(L('2.1.1'), { score: 5, comment: '' })).toBeNull();
    expect(entryProblem(L('1.2.2'), { score: null, choice: { count: 1.5 }, comment: '' })).toBe('range');
    expect(entryProblem(L('1.1.1'), { score: null, choice: { count: 1 }, comment: '' })).toBe('invalid');
    expect(isEntryScored(L('2.1.1'), { score: 6, comment: '' })).toBe(false);
    expect(isEntryScored(L('2.1.1'), { score: 0, comment: '' })).toBe(true);
    expect(isEntryScored(L('1.1.1'), { score: null, comment: 'only a comment' })).toBe(false);
  });

  it('reads typed numbers (empty: none)', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber(' 2,5 ')).toBe(2.5);
    expect(parseNumber(3)).toBe(3);
    expect(parseNumber('abc')).toBeNaN();
  });
});

describe('autosave', () => {
  it('sends the changed, valid entries only — a choice for the kinds that have one, a score for scale', () => {
    const entries: Entries = {
      '1.1.1': { score: 1, choice: { option: 'full' }, comment: ' ok ' },
      '1.2.2': { score: null, choice: { count: -2 }, comment: '' },
      '2.1.1': { score: 4, comment: '' },
    };
    const { send, held } = saveBatch(SHEET, entries, new Set(['1.1.1', '1.2.2', '2.1.1']));
    expect(send).toEqual([
      { itemCode: '1.1.1', choice: { option: 'full' }, comment: ' ok ' },
      { itemCode: '2.1.1', score: 4, comment: '' },
    ]);
    expect(held).toEqual(['1.2.2']);
    expect(entryInput(L('1.1.2'), undefined)).toEqual({ itemCode: '1.1.2', choice: null, comment: '' });
  });

  it('compares entries as the api keeps them (the comment trimmed)', () => {
    expect(
      sameEntry(
        { score: 1, choice: { option: 'full' }, comment: 'a ' },
        { score: 1, choice: { option: 'full' }, comment: 'a' },
      ),
    ).toBe(true);
    expect(
      sameEntry(
        { score: 0, choice: { option: 'partial' }, comment: '' },
        { score: 0, choice: { option: 'no_data' }, comment: '' },
      ),
    ).toBe(false);
    expect(sameEntry(undefined, { score: null, comment: '' })).toBe(true);
  });

  describe('the merge of a stale save', () => {
    // the server saved 1.1.1 and 2.1.1 from another tab; I typed 1.1.1 and 1.2.1 here
    const server: Entries = {
      '1.1.1': { score: 0, choice: { option: 'partial' }, comment: 'other tab' },
      '2.1.1': { score: 5, comment: 'other tab' },
    };
    const local: Entries = {
      '1.1.1': { score: 1, choice: { option: 'full' }, comment: 'mine' },
      '1.2.1': { score: 2, choice: { level: '4B' }, comment: '' },
      '2.1.1': { score: 1, comment: 'old' },
    };

    it('keeps my unsaved typed edits and takes the server’s for everything else', () => {
      const merged = mergeEntries(server, local, new Set(['1.1.1', '1.2.1']));
      expect(merged['1.1.1']).toEqual(local['1.1.1']);
      expect(merged['1.2.1']).toEqual(local['1.2.1']);
      expect(merged['2.1.1']).toEqual(server['2.1.1']); // not edited here: the other tab's wins
    });

    it('saves again only what still differs from the server', () => {
      const same: Entries = { ...local, '1.1.1': { ...server['1.1.1'], comment: 'other tab ' } as Entries[string] };
      expect([...stillDirty(server, same, ['1.1.1', '1.2.1'])]).toEqual(['1.2.1']);
    });
  });

  it('reads the current sheet of a 409 review.sheet_stale and the items of a 422 review.sheet_incomplete', () => {
    const entries = { '1.1.1': { score: 1, comment: '' } };
    expect(staleSheetOf({ code: 'review.sheet_stale', details: { version: 7, entries } })).toEqual({
      version: 7,
      entries,
    });
    expect(staleSheetOf({ code: 'review.sheet_stale', details: null })).toBeNull();
    expect(staleSheetOf({ code: 'review.case_changed', details: { version: 7, entries } })).toBeNull();
    expect(incompleteItemsOf({ code: 'review.sheet_incomplete', details: { items: ['1.1.2', 3, '2.1.1'] } })).toEqual([
      '1.1.2',
      '2.1.1',
    ]);
    expect(incompleteItemsOf({ code: 'review.sheet_stale' })).toBeNull();
  });
});

describe('drafts in sessionStorage', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
      size: () => m.size,
    };
  };

  it('keeps the dirty entries per assignment and forgets them when none is left', () => {
    const s = memory();
    const entries: Entries = { a: { score: 1, comment: 'x' }, b: { score: 2, comment: '' } };
    writeDraft(s, 'as-1', 3, entries, ['a']);
    expect(readDraft(s, 'as-1')).toEqual({ version: 3, entries: { a: { score: 1, comment: 'x' } } });
    expect(readDraft(s, 'as-2')).toBeNull();
    writeDraft(s, 'as-1', 4, entries, []);
    expect(s.size()).toBe(0);
  });

  it('ignores what it cannot read', () => {
    const s = memory();
    s.setItem('hutong.review.sheet.x', '{not json');
    expect(readDraft(s, 'x')).toBeNull();
    expect(readDraft(null, 'x')).toBeNull();
  });

  it('restores the kept edits over the loaded sheet, except those the server has or that are not on it', () => {
    const server: Entries = { '1.1.1': { score: 1, choice: { option: 'full' }, comment: '' } };
    const draft = {
      version: 2,
      entries: {
        '1.1.1': { score: 1, choice: { option: 'full' }, comment: ' ' },
        '2.1.1': { score: 3, comment: 'typed before the reload' },
        '9.9.9': { score: 1, comment: '' },
      } as Entries,
    };
    const { entries, dirty } = restoreDraft(server, draft, ITEMS);
    expect([...dirty]).toEqual(['2.1.1']);
    expect(entries['2.1.1']?.comment).toBe('typed before the reload');
    expect(entries['9.9.9']).toBeUndefined();
  });
});

describe('questions', () => {
  const now = new Date('2026-12-10T18:00:00Z'); // 02:00 on 11 December in Shanghai
  it('is due five days on by default (Asia/Shanghai)', () => {
    expect(defaultQuestionDue(now)).toBe('2026-12-16');
  });
  it('needs a text and a date after today', () => {
    expect(questionProblems('  ', '2026-12-12', now)).toEqual({ text: 'required' });
    expect(questionProblems('请说明', '2026-12-11', now)).toEqual({ due: 'notAfterToday' });
    expect(questionProblems('请说明', null, now)).toEqual({ due: 'required' });
    expect(questionProblems('x'.repeat(2001), '2026-12-12', now)).toEqual({ text: 'tooLong' });
    expect(questionProblems('请说明', '2026-12-12', now)).toEqual({});
  });
});

describe('the workspace', () => {
  const a = (over: Partial<MyAssignment>): MyAssignment => ({
    assignmentId: 'x',
    sessionId: 's',
    sessionTitle: '第一场',
    kind: 'document_review',
    caseId: 'c',
    applicationId: 'app',
    organisationName: '甲医院',
    targetLevel: '4A',
    scoringDue: '2026-12-15',
    scored: 0,
    items: 10,
    submittedAt: null,
    chair: false,
    sessionStatus: 'scoring',
    ...over,
  });

  it('is overdue after the end of the due date in Shanghai, unless submitted', () => {
    expect(assignmentStatus(a({}), new Date('2026-12-15T15:59:59Z'))).toBe('open');
    expect(assignmentStatus(a({}), new Date('2026-12-15T16:00:00Z'))).toBe('overdue');
    expect(assignmentStatus(a({ submittedAt: '2026-12-16T01:00:00Z' }), new Date('2026-12-20T00:00:00Z'))).toBe(
      'submitted',
    );
  });

  it('filters by status (not submitted includes overdue) and sorts by due date', () => {
    const now = new Date('2026-12-16T00:00:00Z');
    const list = [
      a({ assignmentId: '1', scoringDue: '2026-12-20' }),
      a({ assignmentId: '2', scoringDue: '2026-12-01' }),
      a({ assignmentId: '3', scoringDue: '2026-12-10', submittedAt: '2026-12-09T00:00:00Z' }),
    ];
    expect(filterAssignments(list, null, null, now).map((x) => x.assignmentId)).toEqual(['2', '3', '1']);
    expect(filterAssignments(list, null, 'desc', now).map((x) => x.assignmentId)).toEqual(['1', '3', '2']);
    expect(filterAssignments(list, 'open', null, now).map((x) => x.assignmentId)).toEqual(['2', '1']);
    expect(filterAssignments(list, 'overdue', null, now).map((x) => x.assignmentId)).toEqual(['2']);
    expect(filterAssignments(list, 'submitted', null, now).map((x) => x.assignmentId)).toEqual(['3']);
  });

  it('lists the invitations still to answer', () => {
    const s = (id: string, me: ReviewSessionSummary['me'], status: ReviewSessionSummary['status'] = 'planning') =>
      ({ id, me, status }) as ReviewSessionSummary;
    const list = [
      s('1', { role: 'member', status: 'invited' }),
      s('2', { role: 'member', status: 'accepted' }),
      s('3', null),
      s('4', { role: 'chair', status: 'invited' }, 'closed'),
    ];
    expect(invitationsOf(list).map((x) => x.id)).toEqual(['1']);
  });

  it('writes dates the zh way', () => {
    expect(formatDay('2026-12-15', 'zh')).toBe('2026年12月15日');
    expect(formatDay('2026-12-15', 'en')).toBe('Dec 15, 2026');
    expect(formatDay('2026-12-15T17:00:00Z', 'zh')).toBe('2026年12月16日');
    expect(progressPercent(3, 10)).toBe(30);
    expect(progressPercent(0, 0)).toBe(0);
  });
});

describe('consolidation', () => {
  const stats = (median: number | null, divergent = false) => ({
    median,
    spread: 0,
    min: median,
    max: median,
    n: median === null ? 0 : 2,
    divergent,
  });
  const view = {
    items: [
      { code: '1', name: 'a', points: 2, scores: {}, stats: stats(1), consensus: 1 },
      { code: '2', name: 'b', points: 2, scores: {}, stats: stats(2, true), consensus: 1.5 },
      { code: '3', name: 'c', points: 1, scores: {}, stats: stats(null), consensus: null },
    ],
  } as unknown as ConsolidationView;

  it('shows the typed value, else the consensus, else the median', () => {
    expect(shownConsensus(view.items[0] as ConsolidationView['items'][number], undefined)).toBe(1);
    expect(shownConsensus(view.items[0] as ConsolidationView['items'][number], 0.5)).toBe(0.5);
    expect(
      shownConsensus({ ...(view.items[0] as ConsolidationView['items'][number]), consensus: null }, undefined),
    ).toBe(1);
  });

  it('filters the divergent items, keeping those I changed', () => {
    expect(consolidationRows(view, true, {}).map((i) => i.code)).toEqual(['2']);
    expect(consolidationRows(view, true, { '3': 1 }).map((i) => i.code)).toEqual(['2', '3']);
    expect(consolidationRows(view, false, {}).length).toBe(3);
  });

  it('sends the valid typed values that differ, and keeps after a reload what the server does not have', () => {
    const typed = { '1': 1, '2': 2, '3': 5 };
    expect(changedConsensus(view, typed)).toEqual([{ itemCode: '2', score: 2 }]);
    expect(keepTyped(view, typed)).toEqual({ '2': 2, '3': 5 });
    expect(consensusProblem(null, 2)).toBe('required');
    expect(consensusProblem(2.5, 2)).toBe('range');
    expect(consensusProblem(-1, 2)).toBe('range');
    expect(consensusProblem(2, 2)).toBeNull();
  });
});

describe('my profile', () => {
  const saved = { vendorTies: ['东软集团'], unavailable: [{ from: '2026-12-20', to: '2026-12-22' }] };
  it('flags a range without both days or ending before it starts', () => {
    expect(
      rangeProblems([
        { from: '2026-12-01', to: null },
        { from: '2026-12-05', to: '2026-12-04' },
        { from: '2026-12-05', to: '2026-12-05' },
      ]),
    ).toEqual({ 0: 'incomplete', 1: 'order' });
  });
  it('sends only what changed: vendors cleaned, ranges sorted; nothing when nothing changed', () => {
    expect(profileChanges(saved, [' 东软集团 '], [{ from: '2026-12-20', to: '2026-12-22' }])).toBeNull();
    expect(profileChanges(saved, ['东软集团', '卫宁健康', '卫宁健康', ' '], [...saved.unavailable])).toEqual({
      vendorTies: ['东软集团', '卫宁健康'],
    });
    expect(
      profileChanges(
        saved,
        ['东软集团'],
        [
          { from: '2027-01-05', to: '2027-01-06' },
          { from: '2026-12-20', to: '2026-12-22' },
        ],
      ),
    ).toEqual({
      unavailable: [
        { from: '2026-12-20', to: '2026-12-22' },
        { from: '2027-01-05', to: '2027-01-06' },
      ],
    });
    expect(profileChanges(saved, [], [])).toEqual({ vendorTies: [], unavailable: [] });
  });
});
