import { LEVELS } from './contracts';
import type { IndicatorNode, Level, LevelRule, ScoringKind, SchemeKind } from './contracts';
import { ASSESSMENT_LEVEL_LABELS_ZH, levelRank } from './levels';
import { roundPoints } from './scoring';

/**
 * The published format of the official schemes (fixtures/schemes, README "JSON layout"): categories, parts with
 * their 表8-2 minimums, indicators in document order. `schemeFromOfficial` turns it into the product's tree
 * (category → part → indicator) and level rules; `officialFromScheme` writes a scheme back in that format, so a
 * scheme exported from here imports again unchanged.
 */
export interface OfficialSchemeFile {
  scheme: string;
  title: string;
  source?: string;
  totalPoints: number;
  levels: string[];
  levelTotals: Record<string, number>;
  categories: { code: string; name: string; points: number; statisticsOnly?: boolean; note?: string }[];
  parts: {
    code: string;
    name: string;
    category: string;
    points: number;
    minimumByLevel: Record<string, number | null> | null;
    statisticsOnly?: boolean;
    heading?: string;
  }[];
  indicators: {
    code: string;
    part: string;
    name: string;
    points: number;
    level: string | null;
    optional?: boolean;
    scoring: string;
    rule?: string | null;
    pointsByLevel?: Record<string, number>;
    pointsByLevelSource?: string;
    requirementByLevel?: Record<string, string>;
    minCountByLevel?: Record<string, number>;
    perItem?: number;
    maxPoints?: number;
    options?: string[];
    items?: { code: string; name: string }[];
    note?: string;
    page?: number;
  }[];
}

export interface ConvertedScheme {
  key: string;
  kind: SchemeKind;
  name: string;
  tree: IndicatorNode[];
  levelRules: LevelRule[];
}

const LEVEL_BY_NAME = new Map<string, Level>(LEVELS.map((l) => [ASSESSMENT_LEVEL_LABELS_ZH[l], l]));
/** The parts the standard-conformance test measures (data sets, shared documents, interaction services, performance). */
const QUANTITATIVE_PARTS = new Set(['2.1', '2.2', '3.2', '3.3']);
/** The categories whose indicators the document review judges from 证明材料 (基础设施建设, 互联互通应用效果): their
 * indicators ask for evidence by default; the others are measured by the conformance test. Editable per leaf. */
const EVIDENCE_CATEGORIES = new Set(['4', '5']);
const KINDS: readonly string[] = ['binary', 'tiered', 'count', 'info', 'scale'];

function levelOf(name: string | null | undefined, where: string): Level | null {
  if (name === null || name === undefined) return null;
  const l = LEVEL_BY_NAME.get(name) ?? ((LEVELS as readonly string[]).includes(name) ? (name as Level) : undefined);
  if (!l) throw new Error(`${where}：未知等级“${name}”`);
  return l;
}

function byLevel<T>(rec: Record<string, T> | undefined, where: string): Partial<Record<Level, T>> | undefined {
  if (!rec) return undefined;
  const out: Partial<Record<Level, T>> = {};
  for (const [k, v] of Object.entries(rec)) out[levelOf(k, where) as Level] = v;
  return out;
}

/** Converts the published format; throws with a Chinese message naming the first unusable entry. */
export function schemeFromOfficial(file: OfficialSchemeFile): ConvertedScheme {
  if (!file || !Array.isArray(file.parts) || !Array.isArray(file.indicators) || !Array.isArray(file.categories))
    throw new Error('不是测评方案文件：缺少 categories / parts / indicators');
  const kind: SchemeKind = /region|区域/.test(`${file.scheme} ${file.title}`) ? 'region' : 'hospital';
  const leavesByPart = new Map<string, IndicatorNode[]>();
  for (const i of file.indicators) {
    const where = `指标 ${i.code}`;
    if (!KINDS.includes(i.scoring)) throw new Error(`${where}：未知评分方式“${i.scoring}”`);
    const scoring = i.scoring as ScoringKind;
    const minLevel = levelOf(i.level, where);
    const pointsByLevel = byLevel(i.pointsByLevel, where);
    const leaf: IndicatorNode = {
      code: i.code,
      title: i.name,
      points: i.points,
      minLevel,
      mandatory: false,
      passScore:
        scoring === 'info' ? 0 : scoring === 'tiered' && minLevel ? (pointsByLevel?.[minLevel] ?? i.points) : i.points,
      evidenceRequired: scoring !== 'info' && EVIDENCE_CATEGORIES.has(i.part.split('.')[0] ?? ''),
      method: QUANTITATIVE_PARTS.has(i.part) ? 'quantitative' : 'document',
      children: [],
      scoring,
      ...(i.optional ? { optional: true } : {}),
      ...(pointsByLevel ? { pointsByLevel } : {}),
      ...(i.minCountByLevel ? { minCountByLevel: byLevel(i.minCountByLevel, where) } : {}),
      ...(i.requirementByLevel ? { requirementByLevel: byLevel(i.requirementByLevel, where) } : {}),
      ...(i.pointsByLevelSource === 'derived' ? { proportional: true } : {}),
      ...(i.perItem !== undefined ? { perItem: i.perItem } : {}),
      ...(i.maxPoints !== undefined ? { maxPoints: i.maxPoints } : {}),
      ...(i.options ? { options: i.options } : i.items ? { options: i.items.map((m) => `${m.code} ${m.name}`) } : {}),
      rule: i.rule ?? null,
      ...(i.note ? { note: i.note } : {}),
      ...(i.page !== undefined ? { page: i.page } : {}),
    };
    const list = leavesByPart.get(i.part) ?? [];
    list.push(leaf);
    leavesByPart.set(i.part, list);
  }
  const tree: IndicatorNode[] = [];
  for (const c of file.categories) {
    const parts = file.parts.filter((p) => p.category === c.name && (leavesByPart.get(p.code)?.length ?? 0) > 0);
    if (parts.length === 0) continue; // a statistics-only category without indicators (1 医疗机构基本情况)
    const children = parts.map<IndicatorNode>((p) => ({
      code: p.code,
      title: p.name,
      points: p.points,
      minLevel: null,
      mandatory: false,
      passScore: 0,
      evidenceRequired: false,
      method: QUANTITATIVE_PARTS.has(p.code) ? 'quantitative' : 'document',
      children: leavesByPart.get(p.code) ?? [],
    }));
    tree.push({
      code: c.code,
      title: c.name,
      points: c.points,
      minLevel: null,
      mandatory: false,
      passScore: 0,
      evidenceRequired: false,
      method: 'document',
      children,
    });
  }
  const orphans = [...leavesByPart.keys()].filter((p) => !tree.some((c) => c.children.some((x) => x.code === p)));
  if (orphans.length) throw new Error(`部分 ${orphans.join('、')} 不属于任何类别`);
  const levelRules: LevelRule[] = LEVELS.map((level) => ({
    level,
    onsiteRequired: levelRank(level) >= levelRank('4A'),
    minimums: Object.fromEntries(
      file.parts
        .filter((p) => p.minimumByLevel && typeof p.minimumByLevel[ASSESSMENT_LEVEL_LABELS_ZH[level]] === 'number')
        .map((p) => [p.code, p.minimumByLevel?.[ASSESSMENT_LEVEL_LABELS_ZH[level]] as number]),
    ),
  }));
  return { key: file.scheme, kind, name: file.title, tree, levelRules };
}

const zhByLevel = <T>(rec: Partial<Record<Level, T>> | undefined): Record<string, T> | undefined =>
  rec
    ? Object.fromEntries(
        LEVELS.filter((l) => rec[l] !== undefined).map((l) => [ASSESSMENT_LEVEL_LABELS_ZH[l], rec[l] as T]),
      )
    : undefined;

/** Writes a scheme in the published format (the inverse of schemeFromOfficial for its fields). */
export function officialFromScheme(s: ConvertedScheme): OfficialSchemeFile {
  const levelTotals = Object.fromEntries(
    LEVELS.map((l) => {
      const rule = s.levelRules.find((r) => r.level === l);
      const sum = Object.values(rule?.minimums ?? {}).reduce<number>((a, v) => a + (v ?? 0), 0);
      return [ASSESSMENT_LEVEL_LABELS_ZH[l], roundPoints(sum)];
    }),
  );
  return {
    scheme: s.key,
    title: s.name,
    totalPoints: roundPoints(s.tree.reduce((a, c) => a + c.points, 0)),
    levels: LEVELS.map((l) => ASSESSMENT_LEVEL_LABELS_ZH[l]),
    levelTotals,
    categories: s.tree.map((c) => ({ code: c.code, name: c.title, points: c.points })),
    parts: s.tree.flatMap((c) =>
      c.children.map((p) => {
        const mins = LEVELS.map((l) => [l, s.levelRules.find((r) => r.level === l)?.minimums[p.code] ?? null] as const);
        return {
          code: p.code,
          name: p.title,
          category: c.title,
          points: p.points,
          minimumByLevel: mins.every(([, v]) => v === null)
            ? null
            : Object.fromEntries(mins.map(([l, v]) => [ASSESSMENT_LEVEL_LABELS_ZH[l], v])),
        };
      }),
    ),
    indicators: s.tree.flatMap((c) =>
      c.children.flatMap((p) =>
        (p.children.length ? p.children : []).map((i) => ({
          code: i.code,
          part: p.code,
          name: i.title,
          points: i.points,
          level: i.minLevel ? ASSESSMENT_LEVEL_LABELS_ZH[i.minLevel] : null,
          optional: i.optional ?? false,
          scoring: i.scoring ?? 'binary',
          rule: i.rule ?? null,
          ...(i.pointsByLevel
            ? { pointsByLevel: zhByLevel(i.pointsByLevel), pointsByLevelSource: i.proportional ? 'derived' : 'stated' }
            : {}),
          ...(i.requirementByLevel ? { requirementByLevel: zhByLevel(i.requirementByLevel) } : {}),
          ...(i.minCountByLevel ? { minCountByLevel: zhByLevel(i.minCountByLevel) } : {}),
          ...(i.perItem !== undefined ? { perItem: i.perItem } : {}),
          ...(i.maxPoints !== undefined ? { maxPoints: i.maxPoints } : {}),
          ...(i.options ? { options: i.options } : {}),
          ...(i.note ? { note: i.note } : {}),
          ...(i.page !== undefined ? { page: i.page } : {}),
        })),
      ),
    ),
  };
}
