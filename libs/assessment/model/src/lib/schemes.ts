import { ASSESS_METHODS, LEVELS } from './contracts';
import type { AssessMethod, IndicatorNode, Level, LevelRule, SchemeKind } from './contracts';
import { ASSESSMENT_LEVEL_LABELS_ZH, levelRank } from './levels';

/** A leaf of the indicator tree with the titles from its top category down to (and including) itself. */
export type IndicatorLeaf = IndicatorNode & { path: string[] };

export interface DefaultScheme {
  key: string;
  kind: SchemeKind;
  name: string;
  tree: IndicatorNode[];
  levelRules: LevelRule[];
}

/*
 * ─────────────────────────────────────────────────────────────────────────────────────────────────────────
 * EDITABLE DEFAULTS — NOT OFFICIAL FIGURES.
 * The four top categories and their second-level items follow the published 2020 schemes. The third-level
 * leaves, every point value, pass score, minimum level, mandatory flag, category weight (30/30/20/20) and
 * category minimum (0.6 … 0.85) below are plausible defaults that an administrator edits (each edit of a
 * scheme in use makes a new version). Never read these numbers as the official ones and never hard-code
 * them elsewhere: always read them from the scheme.
 * ─────────────────────────────────────────────────────────────────────────────────────────────────────────
 */

/** Default pass score of a leaf: 60% of its points, rounded to 0.5. */
export function defaultPassScore(points: number): number {
  return Math.round(points * 0.6 * 2) / 2;
}

interface LeafOpts {
  mandatory?: boolean;
  evidence?: boolean;
}

function leaf(
  code: string,
  title: string,
  points: number,
  minLevel: Level,
  method: AssessMethod,
  opts: LeafOpts = {},
): IndicatorNode {
  return {
    code,
    title,
    points,
    minLevel,
    mandatory: opts.mandatory ?? false,
    passScore: defaultPassScore(points),
    evidenceRequired: opts.evidence ?? true,
    method,
    children: [],
  };
}

function group(
  code: string,
  title: string,
  children: IndicatorNode[],
  method: AssessMethod = 'document',
): IndicatorNode {
  return {
    code,
    title,
    points: children.reduce((s, c) => s + c.points, 0),
    minLevel: null,
    mandatory: false,
    passScore: 0,
    evidenceRequired: false,
    method,
    children,
  };
}

/** Default category minimums (share of the points available up to the level) — editable defaults. */
const DEFAULT_MINIMUMS: Record<Level, number> = {
  '1': 0.6,
  '2': 0.6,
  '3': 0.65,
  '4B': 0.7,
  '4A': 0.75,
  '5B': 0.8,
  '5A': 0.85,
};

function defaultLevelRules(tree: IndicatorNode[]): LevelRule[] {
  return LEVELS.map((level) => ({
    level,
    // on-site inspection: 四级甲等 and above (confirmed for 4A and 5B; 5A by extension) — editable
    onsiteRequired: levelRank(level) >= levelRank('4A'),
    categoryMinimums: Object.fromEntries(tree.map((c) => [c.code, DEFAULT_MINIMUMS[level]])),
  }));
}

function hospitalTree(): IndicatorNode[] {
  return [
    group('1', '数据资源标准化建设', [
      group('1.1', '数据集标准化情况', [
        leaf('1.1.1', '电子病历基本数据集符合 WS 445 的子集数量', 5, '1', 'quantitative', { mandatory: true }),
        leaf('1.1.2', '数据元与值域代码符合 WS 363 / WS 364 的情况', 4, '3', 'document'),
        leaf('1.1.3', '数据集标准化定量测试通过情况', 6, '4B', 'quantitative'),
      ]),
      group('1.2', '共享文档标准化情况', [
        leaf('1.2.1', '电子病历共享文档符合 WS/T 500 的文档数量', 5, '2', 'quantitative', { mandatory: true }),
        leaf('1.2.2', '共享文档的注册、查询与调阅', 5, '4B', 'document'),
        leaf('1.2.3', '共享文档一致性测试通过情况', 5, '5B', 'quantitative'),
      ]),
    ]),
    group('2', '互联互通标准化建设', [
      group('2.1', '技术架构情况', [
        leaf('2.1.1', '医院信息平台（集成平台）技术架构', 4, '3', 'document'),
        leaf('2.1.2', '基于平台的主数据管理与术语服务', 3, '4A', 'document'),
        leaf('2.1.3', '平台支撑能力（服务总线、临床数据中心）', 3, '5A', 'onsite'),
      ]),
      group('2.2', '互联互通服务功能', [
        leaf('2.2.1', '交互服务符合 WS/T 790 / WS/T 846 的服务数量', 6, '3', 'quantitative', { mandatory: true }),
        leaf('2.2.2', '患者、医疗卫生人员、机构与术语注册服务', 4, '4B', 'document'),
        leaf('2.2.3', '交互服务一致性测试通过情况', 4, '4A', 'quantitative'),
      ]),
      group('2.3', '平台运行性能情况', [
        leaf('2.3.1', '平台交互服务响应时间', 3, '4B', 'quantitative', { evidence: false }),
        leaf('2.3.2', '平台并发处理能力与稳定性', 3, '5B', 'onsite', { evidence: false }),
      ]),
    ]),
    group('3', '基础设施建设', [
      group('3.1', '硬件基础设施情况', [
        leaf('3.1.1', '服务器与存储设备配置情况', 2, '1', 'document'),
        leaf('3.1.2', '容灾备份设施建设情况', 3, '4A', 'document'),
      ]),
      group('3.2', '网络及网络安全情况', [
        leaf('3.2.1', '院内网络带宽与覆盖情况', 2, '2', 'document'),
        leaf('3.2.2', '网络安全防护与边界控制措施', 3, '5A', 'onsite'),
      ]),
      group('3.3', '信息安全情况', [
        leaf('3.3.1', '信息系统安全等级保护测评情况', 3, '3', 'document', { mandatory: true }),
        leaf('3.3.2', '数据安全与患者隐私保护措施', 2, '5B', 'document'),
      ]),
      group('3.4', '业务应用系统（生产系统）建设情况', [
        leaf('3.4.1', '临床服务系统建设情况', 2, '1', 'document'),
        leaf('3.4.2', '医疗管理与运营管理系统建设情况', 3, '4B', 'document'),
      ]),
    ]),
    group('4', '互联互通应用效果', [
      group('4.1', '应用建设情况及利用情况', [
        leaf('4.1.1', '基于平台的公众服务应用', 3, '2', 'document'),
        leaf('4.1.2', '基于平台的医疗服务与临床协同应用', 4, '4A', 'onsite', { mandatory: true }),
        leaf('4.1.3', '基于平台的运营管理与临床决策支持应用', 5, '5A', 'onsite'),
      ]),
      group('4.2', '平台联通业务范围', [
        leaf('4.2.1', '平台内联通的业务系统数量', 3, '3', 'quantitative', { evidence: false }),
        leaf('4.2.2', '与外部机构（区域平台、医联体、上级机构）的联通情况', 5, '5B', 'onsite'),
      ]),
    ]),
  ];
}

function regionTree(): IndicatorNode[] {
  return [
    group('1', '数据资源标准化建设', [
      group('1.1', '数据集标准化情况', [
        leaf('1.1.1', '全民健康信息数据集符合 WS 445 / WS 365 等标准的数据集数量', 5, '1', 'quantitative', {
          mandatory: true,
        }),
        leaf('1.1.2', '数据元与值域代码符合 WS 363 / WS 364 的情况', 4, '3', 'document'),
        leaf('1.1.3', '数据集标准化定量测试通过情况', 6, '4B', 'quantitative'),
      ]),
      group('1.2', '共享文档标准化情况', [
        leaf('1.2.1', '健康档案与电子病历共享文档符合 WS/T 483 / WS/T 500 的文档数量', 5, '2', 'quantitative', {
          mandatory: true,
        }),
        leaf('1.2.2', '区域共享文档的注册、查询与调阅', 5, '4B', 'document'),
        leaf('1.2.3', '共享文档一致性测试通过情况', 5, '5B', 'quantitative'),
      ]),
    ]),
    group('2', '互联互通标准化建设', [
      group('2.1', '技术架构情况', [
        leaf('2.1.1', '区域全民健康信息平台技术架构', 4, '3', 'document'),
        leaf('2.1.2', '区域主索引（EMPI）与主数据管理', 3, '4A', 'document'),
        leaf('2.1.3', '平台支撑能力（服务总线、区域数据中心）', 3, '5A', 'onsite'),
      ]),
      group('2.2', '互联互通服务功能', [
        leaf('2.2.1', '交互服务符合 WS/T 790 / WS/T 846 的服务数量', 6, '3', 'quantitative', { mandatory: true }),
        leaf('2.2.2', '居民、医疗卫生人员、机构与术语注册服务', 4, '4B', 'document'),
        leaf('2.2.3', '交互服务一致性测试通过情况', 4, '4A', 'quantitative'),
      ]),
      group('2.3', '平台运行性能情况', [
        leaf('2.3.1', '平台交互服务响应时间', 3, '4B', 'quantitative', { evidence: false }),
        leaf('2.3.2', '平台并发处理能力与数据汇聚时效', 3, '5B', 'onsite', { evidence: false }),
      ]),
    ]),
    group('3', '基础设施建设', [
      group('3.1', '硬件基础设施情况', [
        leaf('3.1.1', '平台服务器与存储设备配置情况', 2, '1', 'document'),
        leaf('3.1.2', '容灾备份设施建设情况', 3, '4A', 'document'),
      ]),
      group('3.2', '网络及网络安全情况', [
        leaf('3.2.1', '卫生专网覆盖与带宽情况', 2, '2', 'document'),
        leaf('3.2.2', '网络安全防护与边界控制措施', 3, '5A', 'onsite'),
      ]),
      group('3.3', '信息安全情况', [
        leaf('3.3.1', '信息系统安全等级保护测评情况', 3, '3', 'document', { mandatory: true }),
        leaf('3.3.2', '健康医疗数据安全与个人信息保护措施', 2, '5B', 'document'),
      ]),
      group('3.4', '业务应用系统建设情况', [
        leaf('3.4.1', '公共卫生与医疗服务业务系统建设情况', 2, '1', 'document'),
        leaf('3.4.2', '综合管理与监管业务系统建设情况', 3, '4B', 'document'),
      ]),
    ]),
    group('4', '互联互通应用效果', [
      group('4.1', '应用建设情况及利用情况', [
        leaf('4.1.1', '基于平台的居民健康服务应用', 3, '2', 'document'),
        leaf('4.1.2', '基于平台的业务协同应用（双向转诊、远程医疗等）', 4, '4A', 'onsite', { mandatory: true }),
        leaf('4.1.3', '基于平台的综合管理与决策支持应用', 5, '5A', 'onsite'),
      ]),
      group('4.2', '平台联通业务范围', [
        leaf('4.2.1', '平台联通的医疗卫生机构数量', 3, '3', 'quantitative', { evidence: false }),
        leaf('4.2.2', '与上下级平台及相关部门的联通情况', 5, '5B', 'onsite'),
      ]),
    ]),
  ];
}

/** Editable default schemes "hospital-2020" and "region-2020" (fresh copies on every call). */
export function defaultSchemes(): DefaultScheme[] {
  const hospital = hospitalTree();
  const region = regionTree();
  return [
    {
      key: 'hospital-2020',
      kind: 'hospital',
      name: '医院信息互联互通标准化成熟度测评 2020版',
      tree: hospital,
      levelRules: defaultLevelRules(hospital),
    },
    {
      key: 'region-2020',
      kind: 'region',
      name: '区域全民健康信息互联互通标准化成熟度测评 2020版',
      tree: region,
      levelRules: defaultLevelRules(region),
    },
  ];
}

/** Every leaf (node without children), depth first, with `path` = titles from the top category down to the leaf itself. */
export function leaves(tree: IndicatorNode[]): IndicatorLeaf[] {
  const out: IndicatorLeaf[] = [];
  const walk = (nodes: IndicatorNode[], path: string[]): void => {
    for (const n of nodes) {
      const p = [...path, n.title];
      if (n.children.length === 0) out.push({ ...n, path: p });
      else walk(n.children, p);
    }
  };
  walk(tree, []);
  return out;
}

/** The leaves required up to `level` (minLevel rank ≤ level rank). Leaves without minLevel are never required. */
export function leavesUpTo(tree: IndicatorNode[], level: Level): IndicatorLeaf[] {
  const rank = levelRank(level);
  return leaves(tree).filter((l) => l.minLevel !== null && levelRank(l.minLevel) <= rank);
}

/** Whether the scheme's rules require an on-site inspection for `level` (false when the rule is missing). */
export function onsiteRequired(levelRules: LevelRule[], level: Level): boolean {
  return levelRules.find((r) => r.level === level)?.onsiteRequired ?? false;
}

/** Points of a node: a leaf's own points, otherwise the sum over its leaves. */
export function sumPoints(node: IndicatorNode): number {
  if (node.children.length === 0) return node.points;
  return node.children.reduce((s, c) => s + sumPoints(c), 0);
}

/** Natural order of indicator codes: "1.2" < "1.10", "1" < "1.1". */
export function compareCodes(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    if (x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny)) {
      if (nx !== ny) return nx - ny;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

const SEGMENT = /^[0-9A-Za-z]+$/;

/** Problems that make a scheme unusable, in Chinese; [] when the scheme is consistent. */
/**
 * The shape of an edited scheme as it arrives over the wire (JSON): every field of the right type,
 * at most three levels deep. Checked before the rules below, which assume the shape.
 */
export function schemeShapeProblems(tree: unknown, levelRules: unknown): string[] {
  const problems: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const walk = (nodes: unknown, depth: number, where: string): void => {
    if (!Array.isArray(nodes)) {
      problems.push(`${where}应为数组`);
      return;
    }
    if (depth > 3 && nodes.length) problems.push(`${where}超过三级（类别 → 指标 → 子指标）`);
    nodes.forEach((n, i) => {
      const at = `${where}第${i + 1}项`;
      if (!isObj(n)) return void problems.push(`${at}应为对象`);
      const label = typeof n['code'] === 'string' ? `指标 ${n['code']}` : at;
      if (typeof n['code'] !== 'string' || !n['code']) problems.push(`${at}缺少编码`);
      if (typeof n['title'] !== 'string') problems.push(`${label} 缺少名称`);
      if (!num(n['points'])) problems.push(`${label} 的分值应为数字`);
      if (!num(n['passScore'])) problems.push(`${label} 的合格分应为数字`);
      if (n['minLevel'] !== null && !(LEVELS as readonly unknown[]).includes(n['minLevel']))
        problems.push(`${label} 的最低要求等级无效`);
      if (typeof n['mandatory'] !== 'boolean') problems.push(`${label} 的必备项标记应为 true/false`);
      if (typeof n['evidenceRequired'] !== 'boolean') problems.push(`${label} 的证明材料标记应为 true/false`);
      if (!(ASSESS_METHODS as readonly unknown[]).includes(n['method'])) problems.push(`${label} 的测评方式无效`);
      walk(n['children'], depth + 1, `${label} 的下级`);
    });
  };
  walk(tree, 1, '指标树');
  if (!Array.isArray(levelRules)) problems.push('评定规则应为数组');
  else
    levelRules.forEach((r, i) => {
      const at = `评定规则第${i + 1}项`;
      if (!isObj(r)) return void problems.push(`${at}应为对象`);
      if (typeof r['level'] !== 'string') problems.push(`${at}缺少等级`);
      if (typeof r['onsiteRequired'] !== 'boolean') problems.push(`${at}的现场查验标记应为 true/false`);
      const mins = r['categoryMinimums'];
      if (!isObj(mins) || !Object.values(mins).every(num)) problems.push(`${at}的类别最低得分率应为数字`);
    });
  return problems;
}

export function schemeProblems(tree: IndicatorNode[], levelRules: LevelRule[]): string[] {
  const shape = schemeShapeProblems(tree, levelRules);
  if (shape.length) return shape;
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (nodes: IndicatorNode[], parent: IndicatorNode | null): void => {
    for (const n of nodes) {
      const label = n.code || '（无编码）';
      if (seen.has(n.code)) problems.push(`指标编码重复：${label}`);
      seen.add(n.code);
      const prefix = parent ? `${parent.code}.` : '';
      const rest = n.code.startsWith(prefix) ? n.code.slice(prefix.length) : null;
      if (rest === null || !SEGMENT.test(rest)) {
        problems.push(
          parent
            ? `指标 ${label} 的编码与上级编码 ${parent.code} 不一致（应为 ${parent.code}.N）`
            : `一级类别编码 ${label} 不正确（应为不含“.”的编号）`,
        );
      }
      if (!n.title.trim()) problems.push(`指标 ${label} 缺少名称`);
      if (!(n.points >= 0)) problems.push(`指标 ${label} 的分值不能为负数（${n.points}）`);
      if (n.children.length === 0) {
        if (n.minLevel === null) problems.push(`指标 ${label} 未设置最低要求等级`);
        if (n.passScore > n.points)
          problems.push(`指标 ${label} 的合格分（${n.passScore}）不能大于满分（${n.points}）`);
        if (!(n.passScore >= 0)) problems.push(`指标 ${label} 的合格分不能小于0（${n.passScore}）`);
      }
      walk(n.children, n);
    }
  };
  walk(tree, null);

  const categories = new Set(tree.map((c) => c.code));
  for (const level of LEVELS) {
    const rules = levelRules.filter((r) => r.level === level);
    if (rules.length === 0) problems.push(`缺少等级“${ASSESSMENT_LEVEL_LABELS_ZH[level]}”的评定规则`);
    if (rules.length > 1) problems.push(`等级“${ASSESSMENT_LEVEL_LABELS_ZH[level]}”的评定规则重复`);
  }
  for (const rule of levelRules) {
    const name = ASSESSMENT_LEVEL_LABELS_ZH[rule.level] ?? rule.level;
    if (!LEVELS.includes(rule.level)) problems.push(`未知等级：${rule.level}`);
    for (const [cat, min] of Object.entries(rule.categoryMinimums)) {
      if (!(min >= 0 && min <= 1)) problems.push(`等级“${name}”中类别 ${cat} 的最低得分率（${min}）须在0到1之间`);
      if (!categories.has(cat)) problems.push(`等级“${name}”的最低得分率引用了不存在的类别 ${cat}`);
    }
  }
  return problems;
}
