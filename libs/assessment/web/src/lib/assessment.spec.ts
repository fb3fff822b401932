import { HttpErrorResponse } from '@angular/common/http';
import type { ApplicationState, CycleView, EvidenceView, IndicatorNode, SchemeSummary } from '@hutong/assessment-model';
import { leaves } from '@hutong/assessment-model';
import { cycleBoard, operationUrl } from '@hutong/platform-web';
import { boardQuery } from './assessment-api.service';
import { openCyclesFor, schemesFor } from './apply-form';
import { returnProblems } from './application.page';
import {
  formatDay,
  fromDateString,
  groupLeaves,
  missingOf,
  schemeKindFor,
  toDateString,
  windowStatus,
} from './assessment-ui';
import { bulkActionsFor } from './cycle-board.page';
import { windowOrderProblems } from './cycle-form';
import { stateCounts, totalCount } from './cycles.page';
import { addIndicator, flattenTree, moveNode, patchNode, removeNode } from './scheme.page';
import { schemeProblems } from '@hutong/assessment-model';
import { draftCompleteness, draftsFrom, fileSize } from './self-assessment';
import { diagramStages, targetsFrom } from './stage-diagram';

const node = (code: string, title: string, children: IndicatorNode[] = [], points = 5): IndicatorNode => ({
  code,
  title,
  points,
  minLevel: children.length ? null : '1',
  mandatory: false,
  passScore: 3,
  evidenceRequired: code.endsWith('.1'),
  method: 'document',
  children,
});

const TREE: IndicatorNode[] = [
  node('1', '数据资源标准化建设', [node('1.1', '数据集', [node('1.1.1', '甲'), node('1.1.2', '乙')])]),
  node('2', '互联互通标准化建设', [node('2.1', '架构', [node('2.1.1', '丙')])]),
];

const cycle = (over: Partial<CycleView> = {}): CycleView => ({
  id: 'c1',
  status: 'open',
  name: '2026年度第一批',
  year: 2026,
  batch: 1,
  jurisdiction: { id: 'j', code: '411500', name: '信阳市' },
  schemeIds: ['h', 'r'],
  eligibleKinds: ['hospital'],
  windows: [{ key: 'application', start: '2026-03-01', end: '2026-04-30' }],
  publicityDays: 7,
  createdAt: '2026-02-01T00:00:00Z',
  counts: { draft: 2, submitted: 1 },
  ...over,
});

const scheme = (id: string, kind: 'hospital' | 'region'): SchemeSummary => ({
  id,
  key: `${kind}-2020`,
  version: 1,
  kind,
  name: id,
  allowLowerLevel: true,
  inUse: false,
  latest: true,
  createdAt: '',
});

describe('assessment ui helpers', () => {
  it('formats calendar dates and round-trips picked dates', () => {
    expect(formatDay('2026-03-05', 'zh')).toBe('2026年3月5日');
    expect(formatDay('2026-03-05', 'en')).toBe('2026-03-05');
    expect(formatDay(null, 'zh')).toBe('');
    expect(toDateString(fromDateString('2026-12-31'))).toBe('2026-12-31');
  });

  it('knows where an application window stands', () => {
    const w = { key: 'application' as const, start: '2026-03-01', end: '2026-04-30' };
    expect(windowStatus(w, '2026-02-28')).toBe('upcoming');
    expect(windowStatus(w, '2026-04-30')).toBe('open');
    expect(windowStatus(w, '2026-05-01')).toBe('closed');
    expect(windowStatus(undefined, '2026-05-01')).toBeNull();
  });

  it('groups leaves by category and item', () => {
    const groups = groupLeaves(leaves(TREE));
    expect(groups.map((g) => g.title)).toEqual(['数据资源标准化建设', '互联互通标准化建设']);
    expect(groups[0].items[0]).toMatchObject({ code: '1.1', title: '数据集' });
    expect(groups[0].items[0].leaves.map((l) => l.code)).toEqual(['1.1.1', '1.1.2']);
  });

  it('reads the missing list of a refused submit', () => {
    const missing = [{ itemCode: '1.1.1', title: '甲', what: 'evidence' }];
    const err = new HttpErrorResponse({
      status: 422,
      error: { statusCode: 422, error: 'Unprocessable Entity', message: '不完整', details: { missing } },
    });
    expect(missingOf(err)).toEqual(missing);
    expect(missingOf(new HttpErrorResponse({ status: 409, error: {} }))).toBeNull();
  });

  it('builds board query parameters without empty values', () => {
    const query = boardQuery({ state: 'submitted', late: true, q: ' 医院 ', kind: null });
    expect(operationUrl(cycleBoard, { path: { id: 'c1' }, query })).toBe(
      '/api/cycles/c1/applications?state=submitted&late=true&q=%E5%8C%BB%E9%99%A2',
    );
  });
});

describe('cycles', () => {
  it('orders stage windows', () => {
    const d = fromDateString;
    expect(
      windowOrderProblems([
        [d('2026-01-01'), d('2026-01-31')],
        [d('2026-02-01'), d('2026-02-28')],
      ]),
    ).toEqual([]);
    expect(windowOrderProblems([[d('2026-01-01'), d('2026-01-31')], [d('2026-01-31'), d('2026-02-28')], null])).toEqual(
      [1],
    );
  });

  it('counts applications per state', () => {
    expect(stateCounts(cycle())).toEqual([
      { state: 'draft', n: 2 },
      { state: 'submitted', n: 1 },
    ]);
    expect(totalCount(cycle())).toBe(3);
  });

  it('offers open, eligible cycles and the schemes that fit the kind', () => {
    expect(openCyclesFor([cycle()], 'hospital', '2026-03-10')).toHaveLength(1);
    expect(openCyclesFor([cycle()], 'regional_platform', '2026-03-10')).toHaveLength(0);
    expect(openCyclesFor([cycle()], 'hospital', '2026-05-10')).toHaveLength(0);
    const all = [scheme('h', 'hospital'), scheme('r', 'region'), scheme('x', 'hospital')];
    expect(schemesFor(cycle(), all, 'hospital').map((s) => s.id)).toEqual(['h']);
    expect(schemesFor(cycle(), all, 'regional_platform').map((s) => s.id)).toEqual(['r']);
    expect(schemeKindFor('hospital')).toBe('hospital');
  });

  it('offers only bulk actions that fit the selected states', () => {
    expect(bulkActionsFor(['submitted'])).toEqual(['start_check']);
    expect(bulkActionsFor(['submitted', 'completeness_check'])).toEqual(['start_check', 'accept']);
    expect(bulkActionsFor(['conformance_testing'])).toEqual(['finish_conformance']);
    expect(bulkActionsFor(['draft'])).toEqual([]);
  });
});

describe('application page', () => {
  it('draws the four stages around the current state', () => {
    const stages = diagramStages('completeness_check');
    expect(stages.map((s) => s.status)).toEqual(['current', 'todo', 'todo', 'todo']);
    expect(stages[0].states).toContain('returned');
    expect(diagramStages('rating').map((s) => s.status)).toEqual(['done', 'done', 'done', 'current']);
    // a 三级 application never went on site: that stage is skipped, not done
    const visited = new Set<ApplicationState>([
      'draft',
      'submitted',
      'completeness_check',
      'conformance_testing',
      'document_review',
      'rating',
    ]);
    expect(diagramStages('rating', visited).map((s) => s.status)).toEqual(['done', 'done', 'skipped', 'current']);
    expect(diagramStages('rating', new Set([...visited, 'onsite'])).map((s) => s.status)).toEqual([
      'done',
      'done',
      'done',
      'current',
    ]);
    expect(targetsFrom('completeness_check', 'accept')).toEqual(['conformance_testing']);
    expect(targetsFrom('conformance_testing', 'finish_conformance')).toEqual(['document_review', 'returned']);
    expect(targetsFrom('rating', 'rate')).toEqual(['publicity', 'referred', 'not_passed']);
    // stage 2 holds the conformance test and the document review; the referral is part of stage 4
    expect(diagramStages('conformance_testing').map((s) => s.status)).toEqual(['done', 'current', 'todo', 'todo']);
    expect(diagramStages('referred')[3].states).toContain('referred');
  });

  it('starts drafts from the answers; one completeness result gives the progress, the count and the list', () => {
    const ls = leaves(TREE);
    const drafts = draftsFrom(ls, [{ itemCode: '1.1.2', selfScore: 4, statement: '好' }]);
    expect(drafts['1.1.1']).toEqual({ itemCode: '1.1.1', selfScore: null, statement: '' });
    const c = draftCompleteness(ls, drafts, []);
    // 3 items: 1.1.2 done; 1.1.1 lacks score, statement and evidence; 2.1.1 lacks score, statement and evidence
    expect(c.done).toBe(1);
    expect(c.total).toBe(3);
    expect(c.items.map((i) => i.itemCode)).toEqual(['1.1.1', '2.1.1']);
    expect(c.items[0].what).toEqual(['selfScore', 'statement', 'evidence']);
    expect(c.missing).toHaveLength(6); // the things missing, never shown as the item count
    expect(c.done + c.items.length).toBe(c.total);
    const over = draftCompleteness(ls, { ...drafts, '1.1.1': { itemCode: '1.1.1', selfScore: 6, statement: '好' } }, [
      { itemCode: '1.1.1' } as EvidenceView,
    ]);
    expect(over.items[0]).toMatchObject({ itemCode: '1.1.1', what: ['selfScore'] });
    expect(fileSize(2048)).toBe('2.0 KB');
  });

  it('checks a return for supplement', () => {
    expect(returnProblems([{ itemCode: '1.1.1', reason: '补充' }], '2026-03-02', '2026-03-01')).toEqual({
      rows: [],
      none: false,
      deadline: null,
    });
    expect(returnProblems([{ itemCode: null, reason: ' ' }], '2026-02-01', '2026-03-01')).toEqual({
      rows: [0],
      none: false,
      deadline: 'past',
    });
    expect(returnProblems([], null, '2026-03-01')).toMatchObject({ none: true, deadline: 'required' });
  });
});

describe('scheme page', () => {
  it('flattens the tree with depths and totals, and patches one node', () => {
    const rows = flattenTree(TREE);
    expect(rows.map((r) => [r.node.code, r.depth, r.total])).toEqual([
      // a group's total is what its children's points add up to (the fixture's groups all say 5)
      ['1', 0, 5],
      ['1.1', 1, 10],
      ['1.1.1', 2, 5],
      ['1.1.2', 2, 5],
      ['2', 0, 5],
      ['2.1', 1, 5],
      ['2.1.1', 2, 5],
    ]);
    const patched = patchNode(TREE, '1.1.2', { points: 8 });
    // the part shows what its indicators add up to now; the category still adds up its parts' points
    expect([flattenTree(patched)[0].total, flattenTree(patched)[1].total]).toEqual([5, 13]);
    expect(TREE[0].children[0].children[1].points).toBe(5);
  });

  it('shows only the children of the open groups (the editor opens a part at a time)', () => {
    const codes = (open: string[]) => flattenTree(TREE, new Set(open)).map((r) => r.node.code);
    expect(codes(['1', '2'])).toEqual(['1', '1.1', '2', '2.1']);
    expect(codes(['1', '1.1'])).toEqual(['1', '1.1', '1.1.1', '1.1.2', '2']);
    // a part of a closed category stays hidden even if it was open
    expect(codes(['2.1'])).toEqual(['1', '2']);
  });
});

describe('scheme structure editing', () => {
  const codes = (t: typeof TREE) => flattenTree(t).map((r) => r.node.code);

  it('removes a node with what is under it, moves one among its siblings, adds an indicator with the next code', () => {
    expect(codes(removeNode(TREE, '1.1.1'))).toEqual(['1', '1.1', '1.1.2', '2', '2.1', '2.1.1']);
    expect(codes(removeNode(TREE, '1'))).toEqual(['2', '2.1', '2.1.1']);
    expect(codes(moveNode(TREE, '1.1.2', -1))).toEqual(['1', '1.1', '1.1.2', '1.1.1', '2', '2.1', '2.1.1']);
    expect(codes(moveNode(TREE, '2', -1))).toEqual(['2', '2.1', '2.1.1', '1', '1.1', '1.1.1', '1.1.2']);
    expect(codes(moveNode(TREE, '1.1.1', -1))).toEqual(codes(TREE)); // the first stays first
    const added = addIndicator(TREE, '1.1', '新指标');
    expect(added.code).toBe('1.1.3');
    expect(codes(added.tree)).toEqual(['1', '1.1', '1.1.1', '1.1.2', '1.1.3', '2', '2.1', '2.1.1']);
    // 0 points: the part still adds up, the tree is untouched
    expect(flattenTree(added.tree)[1].total).toBe(10);
    expect(TREE[0].children[0].children).toHaveLength(2);
  });

  it('lets the scheme rules refuse a part that no longer adds up after an edit', () => {
    const { tree } = addIndicator(TREE, '1.1', '新指标');
    const withPoints = patchNode(tree, '1.1.3', { points: 2, passScore: 2 });
    expect(schemeProblems(withPoints, []).some((p) => p.includes('1.1') && p.includes('不相符'))).toBe(true);
  });
});
