import { LEVELS } from './contracts';
import type { IndicatorNode, LevelRule } from './contracts';
import { ASSESSMENT_LEVEL_LABELS_ZH, levelRank, levelsUpTo } from './levels';
import {
  compareCodes,
  defaultPassScore,
  leaves,
  leavesUpTo,
  onsiteRequired,
  schemeProblems,
  schemeShapeProblems,
} from './schemes';
import { defaultSchemes } from '../official';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
function must<T>(v: T | undefined): T {
  if (v === undefined) throw new Error('missing');
  return v;
}
const at = <T>(arr: T[], i: number): T => must(arr[i]);

describe('tree helpers', () => {
  const [hospital] = defaultSchemes();
  const tree = hospital?.tree ?? [];

  it('lists leaves with the titles from the category down to the leaf', () => {
    const first = leaves(tree)[0];
    expect(first?.code).toBe('2.1.1.1');
    expect(first?.path).toEqual(['数据资源标准化建设', '数据集标准化情况', first?.title]);
    expect(leaves(tree).every((l) => l.path.length === 3)).toBe(true);
  });

  it('selects the leaves up to a level', () => {
    const upTo3 = leavesUpTo(tree, '3');
    expect(upTo3.length).toBeGreaterThan(0);
    expect(upTo3.every((l) => l.minLevel !== null && levelRank(l.minLevel) <= levelRank('3'))).toBe(true);
    const noLevel = [{ ...at(at(at(tree, 0).children, 0).children, 0), minLevel: null }];
    expect(leavesUpTo(noLevel, '5A')).toEqual([]);
  });

  it('knows the levels', () => {
    expect(LEVELS.map(levelRank)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(levelsUpTo('4B')).toEqual(['1', '2', '3', '4B']);
    expect(LEVELS.map((l) => ASSESSMENT_LEVEL_LABELS_ZH[l])).toEqual([
      '一级',
      '二级',
      '三级',
      '四级乙等',
      '四级甲等',
      '五级乙等',
      '五级甲等',
    ]);
  });

  it('treats a missing level rule as no on-site inspection', () => {
    expect(onsiteRequired([], '5A')).toBe(false);
  });

  it('orders codes naturally', () => {
    expect(['1.10', '1.2', '2', '1', '1.2.1', '10.1'].sort(compareCodes)).toEqual([
      '1',
      '1.2',
      '1.2.1',
      '1.10',
      '2',
      '10.1',
    ]);
  });

  it('rounds default pass scores to 0.5', () => {
    expect([2, 3, 4, 5, 6, 10].map(defaultPassScore)).toEqual([1, 2, 2.5, 3, 3.5, 6]);
  });
});

describe('schemeProblems finds each injected problem', () => {
  const base = (): { tree: IndicatorNode[]; levelRules: LevelRule[] } => {
    const [s] = defaultSchemes();
    return { tree: clone(must(s).tree), levelRules: clone(must(s).levelRules) };
  };
  const firstLeaf = (tree: IndicatorNode[]): IndicatorNode => at(at(at(tree, 0).children, 0).children, 0);

  it.each<[string, (s: { tree: IndicatorNode[]; levelRules: LevelRule[] }) => void, RegExp]>([
    ['a duplicate code', (s) => (at(tree1(s).children, 1).code = '2.1.1.1'), /编码重复：2\.1\.1\.1/],
    ['a leaf without a level tag', (s) => (firstLeaf(s.tree).minLevel = null), /2\.1\.1\.1 未设置等级要求/],
    [
      'passScore above points',
      (s) => (firstLeaf(s.tree).passScore = 5.5),
      /2\.1\.1\.1 的合格分（5\.5）不能大于满分（0\.19）/,
    ],
    ['negative passScore', (s) => (firstLeaf(s.tree).passScore = -1), /2\.1\.1\.1 的合格分不能小于0/],
    ['negative points', (s) => (firstLeaf(s.tree).points = -2), /2\.1\.1\.1 的分值不能为负数/],
    [
      'a missing level rule',
      (s) => (s.levelRules = s.levelRules.filter((r) => r.level !== '4A')),
      /缺少等级“四级甲等”/,
    ],
    ['a duplicate level rule', (s) => s.levelRules.push(clone(at(s.levelRules, 0))), /等级“一级”的评定规则重复/],
    [
      'a minimum above the part’s points',
      (s) => (at(s.levelRules, 2).minimums['2.1'] = 16),
      /三级.*2\.1 的最低分（16）须在0到15之间/,
    ],
    ['a negative minimum', (s) => (at(s.levelRules, 0).minimums['2.1'] = -1), /2\.1 的最低分（-1）/],
    ['a minimum for an unknown part', (s) => (at(s.levelRules, 0).minimums['9.9'] = 1), /不存在的部分 9\.9/],
    ['a code not under its parent', (s) => (firstLeaf(s.tree).code = '3.1.9'), /3\.1\.9 的编码与上级编码 2\.1 不一致/],
    [
      'a part whose indicators do not add up to its points',
      (s) => (firstLeaf(s.tree).points = 1),
      /2\.1 数据集标准化情况 的分值为 15，下级合计为 15\.81：不相符/,
    ],
    [
      'a tiered indicator whose points fall with the level',
      (s) => {
        const tiered = leaves(s.tree).find((l) => l.scoring === 'tiered');
        const node = s.tree
          .flatMap((c) => c.children)
          .flatMap((p) => p.children)
          .find((l) => l.code === tiered?.code);
        if (node) node.pointsByLevel = { '3': 2, '4B': 1 };
      },
      /各等级得分应逐级不减/,
    ],
    ['an unknown scoring kind', (s) => ((firstLeaf(s.tree) as { scoring: string }).scoring = 'guess'), /评分方式无效/],
    ['a dotted category code', (s) => (at(s.tree, 0).code = '1.0'), /一级类别编码 1\.0 不正确/],
  ])('%s', (_n, inject, expected) => {
    const s = base();
    inject(s);
    const problems = schemeProblems(s.tree, s.levelRules);
    expect(problems.some((p) => expected.test(p))).toBe(true);
  });

  it('reports every missing level rule for an empty scheme', () => {
    expect(schemeProblems([], [])).toHaveLength(LEVELS.length);
  });
});

function tree1(s: { tree: IndicatorNode[] }): IndicatorNode {
  return at(at(s.tree, 0).children, 0);
}

describe('schemeShapeProblems (edited JSON from the wire)', () => {
  const good = defaultSchemes()[0];

  it('accepts the defaults', () => {
    expect(schemeShapeProblems(good.tree, good.levelRules)).toEqual([]);
  });

  it.each<[string, unknown, unknown, RegExp]>([
    ['a tree that is not an array', {}, [], /指标树应为数组/],
    ['a node without children', [{ ...good.tree[0], children: undefined }], good.levelRules, /下级应为数组/],
    ['points as text', [{ ...good.tree[0], points: '30' }], good.levelRules, /分值应为数字/],
    ['an unknown method', [{ ...good.tree[0], method: 'guess' }], good.levelRules, /测评方式无效/],
    ['an unknown level', [{ ...good.tree[0], minLevel: '9' }], good.levelRules, /最低要求等级无效/],
    ['a fourth level', [deep(4)], good.levelRules, /超过三级/],
    ['level rules that are not an array', good.tree, null, /评定规则应为数组/],
    [
      'a minimum that is not a number',
      good.tree,
      [{ ...good.levelRules[0], minimums: { '2.1': 'x' } }],
      /最低分应为数字或空/,
    ],
  ])('reports %s', (_label, tree, rules, message) => {
    const problems = schemeShapeProblems(tree, rules);
    expect(problems.join('\n')).toMatch(message);
    // schemeProblems returns the shape problems instead of throwing on the malformed input
    expect(schemeProblems(tree as never, rules as never)).toEqual(problems);
  });

  function deep(levels: number): unknown {
    const node = (code: string, rest: number): unknown => ({
      code,
      title: code,
      points: 1,
      passScore: 0.5,
      minLevel: '1',
      mandatory: false,
      evidenceRequired: false,
      method: 'document',
      children: rest > 1 ? [node(`${code}.1`, rest - 1)] : [],
    });
    return node('9', levels);
  }
});
