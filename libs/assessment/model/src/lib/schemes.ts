import { ASSESS_METHODS, LEVELS, SCORING_KINDS } from './contracts';
import type { IndicatorNode, Level, LevelRule, SchemeKind } from './contracts';
import { roundPoints, scoringOf } from './scoring';
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

/** Pass score of a leaf written by hand: 60% of its points, rounded to 0.5 (official leaves: their points). */
export function defaultPassScore(points: number): number {
  return Math.round(points * 0.6 * 2) / 2;
}

/** The part (second-level node) an indicator belongs to: "2.1" for "2.1.1.1" and "2.1.5~2.1.14". */
export function partCodeOf(code: string): string {
  return code.split('.').slice(0, 2).join('.');
}

/** The largest scheme file an import takes (the official hospital scheme is 113 kB). */
export const SCHEME_IMPORT_MAX_BYTES = 2 * 1024 * 1024;

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

/** Problems that make a scheme unusable, in Chinese; [] when the scheme is consistent (see schemeProblems). */
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
      if (n['scoring'] !== undefined && !(SCORING_KINDS as readonly unknown[]).includes(n['scoring']))
        problems.push(`${label} 的评分方式无效`);
      for (const k of ['pointsByLevel', 'minCountByLevel'] as const) {
        const v = n[k];
        if (
          v !== undefined &&
          (!isObj(v) || !Object.entries(v).every(([l, x]) => (LEVELS as readonly string[]).includes(l) && num(x)))
        )
          problems.push(`${label} 的 ${k} 应为“等级 → 数字”`);
      }
      for (const k of ['perItem', 'maxPoints'] as const)
        if (n[k] !== undefined && !num(n[k])) problems.push(`${label} 的 ${k} 应为数字`);
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
      const mins = r['minimums'];
      if (!isObj(mins) || !Object.values(mins).every((v) => v === null || num(v)))
        problems.push(`${at}的各部分最低分应为数字或空`);
    });
  return problems;
}

const REST = /^[0-9A-Za-z][0-9A-Za-z.~-]*$/;

export function schemeProblems(tree: IndicatorNode[], levelRules: LevelRule[]): string[] {
  const shape = schemeShapeProblems(tree, levelRules);
  if (shape.length) return shape;
  const problems: string[] = [];
  const seen = new Set<string>();
  const groups = new Map<string, IndicatorNode>();
  const walk = (nodes: IndicatorNode[], parent: IndicatorNode | null): void => {
    for (const n of nodes) {
      const label = n.code || '（无编码）';
      if (seen.has(n.code)) problems.push(`指标编码重复：${label}`);
      seen.add(n.code);
      if (parent) {
        const rest = n.code.startsWith(`${parent.code}.`) ? n.code.slice(parent.code.length + 1) : null;
        if (rest === null || !REST.test(rest))
          problems.push(`指标 ${label} 的编码与上级编码 ${parent.code} 不一致（应以“${parent.code}.”开头）`);
      } else if (!SEGMENT.test(n.code)) {
        problems.push(`一级类别编码 ${label} 不正确（应为不含“.”的编号）`);
      }
      if (!n.title.trim()) problems.push(`指标 ${label} 缺少名称`);
      if (!(n.points >= 0)) problems.push(`指标 ${label} 的分值不能为负数（${n.points}）`);
      if (n.children.length === 0) {
        const kind = scoringOf(n);
        if (n.minLevel === null && kind !== 'info') problems.push(`指标 ${label} 未设置等级要求`);
        if (kind === 'info' && n.points !== 0) problems.push(`统计指标 ${label} 的分值应为0（${n.points}）`);
        if (n.passScore > n.points)
          problems.push(`指标 ${label} 的合格分（${n.passScore}）不能大于满分（${n.points}）`);
        if (!(n.passScore >= 0)) problems.push(`指标 ${label} 的合格分不能小于0（${n.passScore}）`);
        if (kind === 'tiered') {
          const steps = LEVELS.map((l) => n.pointsByLevel?.[l]).filter((v): v is number => typeof v === 'number');
          if (steps.length === 0) problems.push(`分级计分指标 ${label} 缺少各等级得分`);
          if (steps.some((v, i) => i > 0 && v + 1e-9 < (steps[i - 1] as number)))
            problems.push(`分级计分指标 ${label} 的各等级得分应逐级不减`);
          if (steps.some((v) => v > n.points + 1e-9))
            problems.push(`分级计分指标 ${label} 的等级得分超过满分（${n.points}）`);
        }
        if (kind === 'count' && !((n.perItem ?? 0) > 0)) problems.push(`计数指标 ${label} 缺少每项分值`);
      } else {
        groups.set(n.code, n);
        const sum = roundPoints(n.children.reduce((s, c) => s + c.points, 0));
        if (Math.abs(sum - n.points) > 1e-6)
          problems.push(`${label} ${n.title} 的分值为 ${n.points}，下级合计为 ${sum}：不相符`);
      }
      walk(n.children, n);
    }
  };
  walk(tree, null);

  for (const level of LEVELS) {
    const rules = levelRules.filter((r) => r.level === level);
    if (rules.length === 0) problems.push(`缺少等级“${ASSESSMENT_LEVEL_LABELS_ZH[level]}”的评定规则`);
    if (rules.length > 1) problems.push(`等级“${ASSESSMENT_LEVEL_LABELS_ZH[level]}”的评定规则重复`);
  }
  for (const rule of levelRules) {
    const name = ASSESSMENT_LEVEL_LABELS_ZH[rule.level] ?? rule.level;
    if (!LEVELS.includes(rule.level)) problems.push(`未知等级：${rule.level}`);
    for (const [code, min] of Object.entries(rule.minimums)) {
      if (min === null) continue;
      const node = groups.get(code);
      if (!node) problems.push(`等级“${name}”的最低分引用了不存在的部分 ${code}`);
      else if (!(min >= 0 && min <= node.points + 1e-9))
        problems.push(`等级“${name}”中 ${code} 的最低分（${min}）须在0到${node.points}之间`);
    }
  }
  return problems;
}
