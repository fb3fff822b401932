import { LEVELS } from './contracts';
import type { IndicatorNode, Level, LevelRule } from './contracts';
import { consensusScoresProblem, deriveLevel } from './rating';
import { leaves, leavesUpTo } from './schemes';
import { defaultSchemes } from '../official';

const leaf = (code: string, minLevel: Level, mandatory = false): IndicatorNode => ({
  code,
  title: `指标${code}`,
  points: 10,
  minLevel,
  mandatory,
  passScore: 6,
  evidenceRequired: true,
  method: 'document',
  children: [],
});
const node = (code: string, title: string, children: IndicatorNode[]): IndicatorNode => ({
  code,
  title,
  points: children.reduce((s, c) => s + c.points, 0),
  minLevel: null,
  mandatory: false,
  passScore: 0,
  evidenceRequired: false,
  method: 'document',
  children,
});

const TREE: IndicatorNode[] = [
  node('1', '数据资源标准化建设', [
    node('1.1', '数据集标准化情况', [leaf('1.1.1', '1', true), leaf('1.1.2', '2'), leaf('1.1.3', '3', true)]),
  ]),
  node('2', '互联互通标准化建设', [node('2.1', '技术架构情况', [leaf('2.1.1', '1'), leaf('2.1.2', '4B', true)])]),
];
// 表8-2 style: per level, the minimum points of each node (here the two categories)
const MINIMUMS: Record<Level, Record<string, number>> = {
  '1': { '1': 5, '2': 5 },
  '2': { '1': 10, '2': 5 },
  '3': { '1': 18, '2': 6 },
  '4B': { '1': 18, '2': 12 },
  '4A': { '1': 21, '2': 14 },
  '5B': { '1': 21, '2': 14 },
  '5A': { '1': 21, '2': 14 },
};
const RULES: LevelRule[] = LEVELS.map((level) => ({
  level,
  onsiteRequired: level === '4A' || level === '5B' || level === '5A',
  minimums: MINIMUMS[level],
}));
const FULL: Record<string, number> = { '1.1.1': 10, '1.1.2': 10, '1.1.3': 10, '2.1.1': 10, '2.1.2': 10 };
const withScores = (over: Record<string, number>): Record<string, number> => ({ ...FULL, ...over });

describe('deriveLevel: table of cases', () => {
  const cases: [string, Level, Record<string, number>, Level | null][] = [
    ['all full marks reach the target', '5A', FULL, '5A'],
    ['capped at the target level', '3', FULL, '3'],
    ['capped at 一级', '1', FULL, '1'],
    ['mandatory 一级 item exactly at passScore passes', '5A', withScores({ '1.1.1': 6 }), '5A'],
    ['mandatory 一级 item at passScore - 0.5 fails everything', '5A', withScores({ '1.1.1': 5.5 }), null],
    ['mandatory 三级 item exactly at passScore passes', '5A', withScores({ '1.1.3': 6 }), '5A'],
    ['mandatory 三级 item at passScore - 0.5 stops at 二级', '5A', withScores({ '1.1.3': 5.5 }), '2'],
    ['mandatory 四级乙等 item exactly at passScore passes', '5A', withScores({ '2.1.2': 6 }), '5A'],
    ['mandatory 四级乙等 item at passScore - 0.5 stops at 三级', '5A', withScores({ '2.1.2': 5.5 }), '3'],
    ['a failing mandatory item above the target does not matter', '3', withScores({ '2.1.2': 0 }), '3'],
    ['a minimum exactly met at 一级 passes (5 of 5)', '2', withScores({ '2.1.1': 5, '2.1.2': 0 }), '2'],
    ['a minimum missed by 0.5 at 一级 fails', '2', withScores({ '2.1.1': 4.5, '2.1.2': 0 }), null],
    // 四级甲等: category 2 needs 14 (6 + 8); 四级乙等 needs 12
    ['a minimum exactly met at 四级甲等 passes', '5A', withScores({ '2.1.1': 6, '2.1.2': 8 }), '5A'],
    ['a minimum missed at 四级甲等 stops at 四级乙等', '5A', withScores({ '2.1.1': 6, '2.1.2': 7.5 }), '4B'],
    // category 1 at 四级甲等 needs 21: 10 + 1 + 10
    ['a non-mandatory item can fail while the category minimum holds', '5A', withScores({ '1.1.2': 1 }), '5A'],
    ['a non-mandatory item at 0 breaks the 70% minimum', '5A', withScores({ '1.1.2': 0 }), '4B'],
    ['missing scores count as 0', '5A', {}, null],
    [
      'missing score of a non-mandatory item counts as 0 (like a 0 above)',
      '5A',
      { '1.1.1': 10, '1.1.3': 10, '2.1.1': 10, '2.1.2': 10 },
      '4B',
    ],
    ['missing mandatory score fails', '5A', { '1.1.2': 10, '1.1.3': 10, '2.1.1': 10, '2.1.2': 10 }, null],
  ];
  it.each(cases)('%s', (_name, target, scores, expected) => {
    expect(deriveLevel(TREE, RULES, target, scores).level).toBe(expected);
  });
});

describe('deriveLevel: cumulative levels and explanations', () => {
  it('does not reach a level whose own items pass when a lower level fails', () => {
    const rules = RULES.map((r) => (r.level === '2' ? { ...r, minimums: { '1': 27, '2': 5 } } : r));
    // 二级 category 1: 26 < 27; 三级 alone would pass (26 ≥ 18)
    const r = deriveLevel(TREE, rules, '5A', withScores({ '1.1.2': 6 }));
    expect(r.level).toBe('1');
    expect(r.perLevel.map((p) => p.reached)).toEqual([true, false, false, false, false, false, false]);
    expect(r.perLevel[2]).toEqual({ level: '3', reached: false, reasons: ['低一级未达到'] });
    expect(r.explanation).toEqual([
      '评定等级：一级',
      '未达到“二级”的原因：',
      '1 数据资源标准化建设 得分 26，低于该等级要求的 27 分',
    ]);
  });

  it('explains a failing mandatory item with code, title, score and pass score', () => {
    const r = deriveLevel(TREE, RULES, '4B', withScores({ '1.1.3': 5.5 }));
    expect(r.level).toBe('2');
    expect(r.explanation).toEqual([
      '评定等级：二级',
      '未达到“三级”的原因：',
      '必选指标 1.1.3 指标1.1.3 未达标：得分 5.5，合格分 6',
    ]);
  });

  it('says so when the target level is reached', () => {
    const r = deriveLevel(TREE, RULES, '4A', FULL);
    expect(r.explanation).toEqual(['评定等级：四级甲等', '已达到申报等级']);
    expect(r.perLevel.map((p) => p.level)).toEqual(['1', '2', '3', '4B', '4A']);
    expect(r.perLevel.every((p) => p.reached && p.reasons.length === 0)).toBe(true);
  });

  it('explains that no level was reached, listing every failure of 一级', () => {
    const r = deriveLevel(TREE, RULES, '3', {});
    expect(r.level).toBeNull();
    expect(r.explanation).toEqual([
      '未达到任何等级',
      '未达到“一级”的原因：',
      '必选指标 1.1.1 指标1.1.1 未达标：得分 0，合格分 6',
      '1 数据资源标准化建设 得分 0，低于该等级要求的 5 分',
      '2 互联互通标准化建设 得分 0，低于该等级要求的 5 分',
    ]);
  });

  it('checks a node only at the levels that set a minimum for it (表8-2 “—”)', () => {
    const tree = [...TREE, node('3', '基础设施建设', [node('3.1', '硬件基础设施情况', [leaf('3.1.1', '5A')])])];
    const rules = RULES.map((r) =>
      r.level === '5A' ? { ...r, minimums: { ...r.minimums, '3': 8.5, '3.1': null } } : r,
    );
    expect(deriveLevel(tree, rules, '5B', FULL).level).toBe('5B');
    expect(deriveLevel(tree, rules, '5A', FULL).level).toBe('5B');
    expect(deriveLevel(tree, rules, '5A', { ...FULL, '3.1.1': 8.5 }).level).toBe('5A');
  });

  it('works on the default schemes', () => {
    for (const s of defaultSchemes()) {
      const full = Object.fromEntries(leaves(s.tree).map((l) => [l.code, l.points]));
      expect(deriveLevel(s.tree, s.levelRules, '5A', full).level).toBe('5A');
      expect(deriveLevel(s.tree, s.levelRules, '4B', full).level).toBe('4B');
      expect(deriveLevel(s.tree, s.levelRules, '5A', {}).level).toBeNull();
    }
  });
});

describe('deriveLevel: the per-part explanation', () => {
  it('gives each part its score, the minimum of the level reached and of the next, and what closes the gap', () => {
    const r = deriveLevel(TREE, RULES, '5A', withScores({ '2.1.1': 6, '2.1.2': 7.5 }));
    expect([r.level, r.nextLevel]).toEqual(['4B', '4A']);
    expect(r.parts).toEqual([
      {
        code: '1',
        title: '数据资源标准化建设',
        points: 30,
        score: 30,
        minimumReached: 18,
        minimumNext: 21,
        gap: 0,
        closers: [],
      },
      {
        code: '2',
        title: '互联互通标准化建设',
        points: 20,
        score: 13.5,
        minimumReached: 12,
        minimumNext: 14,
        gap: 0.5,
        // the largest possible gain first: 2.1.1 can add 4, enough on its own
        closers: [{ code: '2.1.1', title: '指标2.1.1', score: 6, points: 10, gain: 4 }],
      },
    ]);
  });

  it('lists as many indicators as the gap needs, and none at the target', () => {
    const r = deriveLevel(TREE, RULES, '5A', withScores({ '2.1.1': 3, '2.1.2': 6 }));
    // 9 of category 2: 三级 (6) reached, 四级乙等 needs 12 → gap 3, 2.1.1 adds up to 7
    expect(r.level).toBe('3');
    expect(r.parts[1]?.closers.map((c) => c.code)).toEqual(['2.1.1']);
    const gapOf = deriveLevel(TREE, RULES, '5A', withScores({ '2.1.1': 0, '2.1.2': 6, '1.1.2': 0 }));
    expect(gapOf.parts[1]).toMatchObject({ score: 6, minimumNext: 12, gap: 6 });
    expect(gapOf.parts[1]?.closers.map((c) => [c.code, c.gain])).toEqual([['2.1.1', 10]]);
    expect(deriveLevel(TREE, RULES, '4A', FULL).parts.every((p) => p.gap === 0 && p.minimumNext === null)).toBe(true);
  });
});

describe('consensusScoresProblem', () => {
  const [scheme] = defaultSchemes();
  const required = leavesUpTo(scheme.tree, '3');
  const leaf = required[0];

  it('takes scores of required leaves from 0 to their points', () => {
    expect(consensusScoresProblem(required, {})).toBeNull();
    expect(consensusScoresProblem(required, { [leaf.code]: 0, [required[1].code]: required[1].points })).toBeNull();
  });

  it('refuses a code that is not a required leaf', () => {
    expect(consensusScoresProblem(required, { '9.9.9': 1 })).toEqual({
      code: 'application.item_not_in_scope',
      params: { item: '9.9.9' },
    });
    const above = leavesUpTo(scheme.tree, '5A').find((l) => !required.some((r) => r.code === l.code));
    expect(above).toBeDefined();
    expect(consensusScoresProblem(required, { [above?.code ?? '']: 0 })?.code).toBe('application.item_not_in_scope');
  });

  it.each([-0.5, leaf.points + 0.5, Number.NaN, Number.POSITIVE_INFINITY, '1'])('refuses the score %p', (v) => {
    expect(consensusScoresProblem(required, { [leaf.code]: v })).toEqual({
      code: 'application.score_out_of_range',
      params: { item: leaf.code, max: leaf.points },
    });
  });
});
