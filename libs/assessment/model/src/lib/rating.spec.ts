import { LEVELS } from './contracts';
import type { IndicatorNode, Level, LevelRule } from './contracts';
import { deriveLevel } from './rating';
import { defaultSchemes, leaves } from './schemes';

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
const MINIMUMS: Record<Level, number> = { '1': 0.5, '2': 0.5, '3': 0.6, '4B': 0.6, '4A': 0.7, '5B': 0.7, '5A': 0.7 };
const RULES: LevelRule[] = LEVELS.map((level) => ({
  level,
  onsiteRequired: level === '4A' || level === '5B' || level === '5A',
  categoryMinimums: { '1': MINIMUMS[level], '2': MINIMUMS[level] },
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
    ['category minimum exactly met at 一级 passes (5 of 10 at 50%)', '2', withScores({ '2.1.1': 5 }), '2'],
    ['category minimum missed by 0.5 at 一级 fails', '2', withScores({ '2.1.1': 4.5 }), null],
    // 四级甲等: category 2 has 20 points available at 70% → 14 needed (6 + 8); 四级乙等 needs 12 (60%)
    ['category minimum exactly met at 四级甲等 passes', '5A', withScores({ '2.1.1': 6, '2.1.2': 8 }), '5A'],
    ['category minimum missed at 四级甲等 stops at 四级乙等', '5A', withScores({ '2.1.1': 6, '2.1.2': 7.5 }), '4B'],
    // category 1 at 70%: 10 + 1 + 10 = 21 of 30
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
    const rules = RULES.map((r) => (r.level === '2' ? { ...r, categoryMinimums: { '1': 0.9, '2': 0.5 } } : r));
    // 二级 category 1: 16 of 20 < 90%; 三级 alone would pass (26 of 30 ≥ 60%)
    const r = deriveLevel(TREE, rules, '5A', withScores({ '1.1.2': 6 }));
    expect(r.level).toBe('1');
    expect(r.perLevel.map((p) => p.reached)).toEqual([true, false, false, false, false, false, false]);
    expect(r.perLevel[2]).toEqual({ level: '3', reached: false, reasons: ['低一级未达到'] });
    expect(r.explanation).toEqual([
      '评定等级：一级',
      '未达到“二级”的原因：',
      '类别 1 数据资源标准化建设 得分不足：16.0 分，需 18.0 分（20.0 分的 90%）',
    ]);
  });

  it('explains a failing mandatory item with code, title, score and pass score', () => {
    const r = deriveLevel(TREE, RULES, '4B', withScores({ '1.1.3': 5.5 }));
    expect(r.level).toBe('2');
    expect(r.explanation).toEqual([
      '评定等级：二级',
      '未达到“三级”的原因：',
      '必选指标 1.1.3 指标1.1.3 未达标：得分 5.5，合格分 6.0',
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
      '必选指标 1.1.1 指标1.1.1 未达标：得分 0.0，合格分 6.0',
      '类别 1 数据资源标准化建设 得分不足：0.0 分，需 5.0 分（10.0 分的 50%）',
      '类别 2 互联互通标准化建设 得分不足：0.0 分，需 5.0 分（10.0 分的 50%）',
    ]);
  });

  it('treats a category without leaves up to the level as met', () => {
    const tree = [...TREE, node('3', '基础设施建设', [node('3.1', '硬件基础设施情况', [leaf('3.1.1', '5A')])])];
    const rules = RULES.map((r) => ({ ...r, categoryMinimums: { ...r.categoryMinimums, '3': 0.85 } }));
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
