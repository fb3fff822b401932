import { LEVELS } from './contracts';
import type { IndicatorNode, LevelRule } from './contracts';
import { ASSESSMENT_LEVEL_LABELS_ZH, levelRank, levelsUpTo } from './levels';
import {
  compareCodes,
  defaultPassScore,
  defaultSchemes,
  leaves,
  leavesUpTo,
  onsiteRequired,
  schemeProblems,
  schemeShapeProblems,
  sumPoints,
} from './schemes';

const CATEGORIES = ['数据资源标准化建设', '互联互通标准化建设', '基础设施建设', '互联互通应用效果'];
const ITEMS: Record<string, string[]> = {
  'hospital-2020': [
    '1.1 数据集标准化情况',
    '1.2 共享文档标准化情况',
    '2.1 技术架构情况',
    '2.2 互联互通服务功能',
    '2.3 平台运行性能情况',
    '3.1 硬件基础设施情况',
    '3.2 网络及网络安全情况',
    '3.3 信息安全情况',
    '3.4 业务应用系统（生产系统）建设情况',
    '4.1 应用建设情况及利用情况',
    '4.2 平台联通业务范围',
  ],
  'region-2020': [
    '1.1 数据集标准化情况',
    '1.2 共享文档标准化情况',
    '2.1 技术架构情况',
    '2.2 互联互通服务功能',
    '2.3 平台运行性能情况',
    '3.1 硬件基础设施情况',
    '3.2 网络及网络安全情况',
    '3.3 信息安全情况',
    '3.4 业务应用系统建设情况',
    '4.1 应用建设情况及利用情况',
    '4.2 平台联通业务范围',
  ],
};

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
function must<T>(v: T | undefined): T {
  if (v === undefined) throw new Error('missing');
  return v;
}
const at = <T>(arr: T[], i: number): T => must(arr[i]);

describe('default schemes', () => {
  const schemes = defaultSchemes();

  it('ships hospital-2020 and region-2020', () => {
    expect(schemes.map((s) => [s.key, s.kind, s.name])).toEqual([
      ['hospital-2020', 'hospital', '医院信息互联互通标准化成熟度测评 2020版'],
      ['region-2020', 'region', '区域全民健康信息互联互通标准化成熟度测评 2020版'],
    ]);
  });

  it('returns fresh copies', () => {
    const a = defaultSchemes();
    at(must(a[0]).tree, 0).title = 'changed';
    expect(defaultSchemes()[0]?.tree[0]?.title).toBe('数据资源标准化建设');
  });

  describe.each(schemes.map((s) => [s.key, s] as const))('%s', (key, s) => {
    it('has the four official categories and the published items', () => {
      expect(s.tree.map((c) => `${c.code} ${c.title}`)).toEqual(CATEGORIES.map((t, i) => `${i + 1} ${t}`));
      expect(s.tree.flatMap((c) => c.children.map((i) => `${i.code} ${i.title}`))).toEqual(ITEMS[key]);
    });

    it('has 2–4 leaves under each item', () => {
      for (const item of s.tree.flatMap((c) => c.children)) {
        expect(item.children.length).toBeGreaterThanOrEqual(2);
        expect(item.children.length).toBeLessThanOrEqual(4);
        for (const l of item.children) expect(l.children).toEqual([]);
      }
    });

    it('sums the categories to the default 30/30/20/20', () => {
      expect(s.tree.map(sumPoints)).toEqual([30, 30, 20, 20]);
      expect(s.tree.map((c) => c.points)).toEqual([30, 30, 20, 20]);
      for (const item of s.tree.flatMap((c) => c.children)) expect(item.points).toBe(sumPoints(item));
    });

    it('sets pass scores at 60% rounded to 0.5', () => {
      for (const l of leaves(s.tree)) {
        expect(l.passScore).toBe(Math.round(l.points * 0.6 * 2) / 2);
        expect(l.passScore * 2).toBe(Math.round(l.passScore * 2));
      }
    });

    it('adds leaves at every level, with mandatory and evidence flags and every method', () => {
      let previous = 0;
      for (const level of LEVELS) {
        const n = leavesUpTo(s.tree, level).length;
        expect(n).toBeGreaterThan(previous);
        previous = n;
      }
      expect(previous).toBe(leaves(s.tree).length);
      const all = leaves(s.tree);
      expect(all.filter((l) => l.mandatory).length).toBeGreaterThanOrEqual(3);
      expect(all.filter((l) => l.evidenceRequired).length).toBeGreaterThan(all.length / 2);
      expect(new Set(all.map((l) => l.method))).toEqual(new Set(['document', 'quantitative', 'onsite']));
    });

    it('has a rule per level, on-site from 四级甲等, rising category minimums', () => {
      expect(s.levelRules.map((r) => r.level)).toEqual([...LEVELS]);
      expect(LEVELS.filter((l) => onsiteRequired(s.levelRules, l))).toEqual(['4A', '5B', '5A']);
      for (const cat of ['1', '2', '3', '4']) {
        const mins = s.levelRules.map((r) => r.categoryMinimums[cat] as number);
        expect(mins[0]).toBe(0.6);
        expect(mins[6]).toBe(0.85);
        for (let i = 1; i < mins.length; i++) expect(mins[i]).toBeGreaterThanOrEqual(mins[i - 1] as number);
      }
    });

    it('has no problems', () => {
      expect(schemeProblems(s.tree, s.levelRules)).toEqual([]);
    });
  });
});

describe('tree helpers', () => {
  const [hospital] = defaultSchemes();
  const tree = hospital?.tree ?? [];

  it('lists leaves with the titles from the category down to the leaf', () => {
    const first = leaves(tree)[0];
    expect(first?.code).toBe('1.1.1');
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
    ['a duplicate code', (s) => (at(tree1(s).children, 1).code = '1.1.1'), /编码重复：1\.1\.1/],
    ['a leaf without minLevel', (s) => (firstLeaf(s.tree).minLevel = null), /1\.1\.1 未设置最低要求等级/],
    ['passScore above points', (s) => (firstLeaf(s.tree).passScore = 5.5), /1\.1\.1 的合格分（5\.5）不能大于满分（5）/],
    ['negative passScore', (s) => (firstLeaf(s.tree).passScore = -1), /1\.1\.1 的合格分不能小于0/],
    ['negative points', (s) => (firstLeaf(s.tree).points = -2), /1\.1\.1 的分值不能为负数/],
    [
      'a missing level rule',
      (s) => (s.levelRules = s.levelRules.filter((r) => r.level !== '4A')),
      /缺少等级“四级甲等”/,
    ],
    ['a duplicate level rule', (s) => s.levelRules.push(clone(at(s.levelRules, 0))), /等级“一级”的评定规则重复/],
    [
      'a minimum above 1',
      (s) => (at(s.levelRules, 2).categoryMinimums['3'] = 1.2),
      /三级.*类别 3 的最低得分率（1\.2）须在0到1之间/,
    ],
    ['a negative minimum', (s) => (at(s.levelRules, 0).categoryMinimums['1'] = -0.1), /类别 1 的最低得分率（-0\.1）/],
    ['a minimum for an unknown category', (s) => (at(s.levelRules, 0).categoryMinimums['9'] = 0.5), /不存在的类别 9/],
    ['a code not under its parent', (s) => (firstLeaf(s.tree).code = '2.1.9'), /2\.1\.9 的编码与上级编码 1\.1 不一致/],
    ['a code skipping a level', (s) => (firstLeaf(s.tree).code = '1.1.1.1'), /1\.1\.1\.1 的编码与上级编码 1\.1 不一致/],
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
      [{ ...good.levelRules[0], categoryMinimums: { '1': 'x' } }],
      /最低得分率应为数字/,
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
