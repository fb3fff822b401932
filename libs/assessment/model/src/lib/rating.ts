import { LEVELS } from './contracts';
import type { IndicatorNode, Level, LevelRule } from './contracts';
import { ASSESSMENT_LEVEL_LABELS_ZH, levelRank } from './levels';
import { leaves } from './schemes';

export interface LevelOutcome {
  level: Level;
  reached: boolean;
  reasons: string[];
}

export interface DerivedLevel {
  level: Level | null;
  explanation: string[];
  perLevel: LevelOutcome[];
}

const EPS = 1e-9;
const fmt = (n: number): string => n.toFixed(1);

/**
 * Derives the level from consensus scores (DESIGN.md §2). Levels are cumulative: level L is reached only if
 * every lower level is reached, every mandatory leaf with minLevel ≤ L scores ≥ its passScore, and for each
 * top category the sum of its leaves with minLevel ≤ L is ≥ categoryMinimums[category] × the points of those
 * leaves. Missing scores count as 0; a missing minimum counts as 0. The result is capped at `targetLevel`;
 * `perLevel` covers 一级 … targetLevel.
 */
export function deriveLevel(
  tree: IndicatorNode[],
  levelRules: LevelRule[],
  targetLevel: Level,
  scores: Record<string, number>,
): DerivedLevel {
  const score = (code: string): number => {
    const s = scores[code];
    return typeof s === 'number' && Number.isFinite(s) ? s : 0;
  };
  const categories = tree.map((c) => ({ node: c, leaves: leaves([c]) }));
  const perLevel: LevelOutcome[] = [];
  let previousReached = true;
  let reachedLevel: Level | null = null;

  for (const level of LEVELS.slice(0, levelRank(targetLevel) + 1)) {
    const rank = levelRank(level);
    const upTo = (l: { minLevel: Level | null }): boolean => l.minLevel !== null && levelRank(l.minLevel) <= rank;
    const reasons: string[] = [];
    for (const cat of categories) {
      for (const l of cat.leaves) {
        if (l.mandatory && upTo(l) && score(l.code) + EPS < l.passScore) {
          reasons.push(`必选指标 ${l.code} ${l.title} 未达标：得分 ${fmt(score(l.code))}，合格分 ${fmt(l.passScore)}`);
        }
      }
    }
    const rule = levelRules.find((r) => r.level === level);
    for (const cat of categories) {
      const required = cat.leaves.filter(upTo);
      const available = required.reduce((s, l) => s + l.points, 0);
      const achieved = required.reduce((s, l) => s + score(l.code), 0);
      const min = rule?.categoryMinimums[cat.node.code] ?? 0;
      const needed = min * available;
      if (achieved + EPS < needed) {
        reasons.push(
          `类别 ${cat.node.code} ${cat.node.title} 得分不足：${fmt(achieved)} 分，需 ${fmt(needed)} 分（${fmt(available)} 分的 ${Math.round(min * 1000) / 10}%）`,
        );
      }
    }
    const ownOk = reasons.length === 0;
    if (ownOk && !previousReached) reasons.push('低一级未达到');
    const reached: boolean = ownOk && previousReached;
    perLevel.push({ level, reached, reasons });
    if (reached) reachedLevel = level;
    previousReached = reached;
  }

  const explanation: string[] = [];
  if (reachedLevel === null) explanation.push('未达到任何等级');
  else explanation.push(`评定等级：${ASSESSMENT_LEVEL_LABELS_ZH[reachedLevel]}`);
  if (reachedLevel === targetLevel) {
    explanation.push('已达到申报等级');
  } else {
    const next = perLevel.find((p) => !p.reached);
    if (next) {
      explanation.push(`未达到“${ASSESSMENT_LEVEL_LABELS_ZH[next.level]}”的原因：`);
      explanation.push(...next.reasons);
    }
  }
  return { level: reachedLevel, explanation, perLevel };
}
