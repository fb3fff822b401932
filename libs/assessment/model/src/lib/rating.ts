import { LEVELS } from './contracts';
import type { IndicatorNode, Level, LevelRule } from './contracts';
import { ASSESSMENT_LEVEL_LABELS_ZH, levelRank } from './levels';
import { leaves, type IndicatorLeaf } from './schemes';
import { isScored, roundPoints, scoreOf } from './scoring';

export interface LevelOutcome {
  level: Level;
  reached: boolean;
  reasons: string[];
}

/** One indicator that would help close a part's gap: what it scores now and what it could add. */
export interface GapCloser {
  code: string;
  title: string;
  score: number;
  points: number;
  gain: number;
}

/** Per part with a minimum (表8-2): its score against the minimum of the level reached and of the next one. */
export interface PartExplanation {
  code: string;
  title: string;
  points: number;
  score: number;
  /** the minimum for the level reached (null: none, or no level reached) */
  minimumReached: number | null;
  /** the minimum for the next level (null: the next level sets none, or no next level) */
  minimumNext: number | null;
  /** how much is missing for the next level (0 when met) */
  gap: number;
  /** the indicators, largest possible gain first, that together would close the gap */
  closers: GapCloser[];
}

export interface DerivedLevel {
  level: Level | null;
  /** the level above the one reached, within the target (null at the target) */
  nextLevel: Level | null;
  explanation: string[];
  perLevel: LevelOutcome[];
  parts: PartExplanation[];
}

const EPS = 1e-9;
const fmt = (n: number): string => String(roundPoints(n));

/** The group node with `code` anywhere in the tree. */
function findNode(tree: IndicatorNode[], code: string): IndicatorNode | null {
  for (const n of tree) {
    if (n.code === code) return n;
    const found = findNode(n.children, code);
    if (found) return found;
  }
  return null;
}

/** The level totals (等级分): per level, the sum of its minimums (表8-2). */
export function levelTotals(levelRules: LevelRule[]): Record<Level, number> {
  return Object.fromEntries(
    LEVELS.map((l) => {
      const rule = levelRules.find((r) => r.level === l);
      return [l, roundPoints(Object.values(rule?.minimums ?? {}).reduce<number>((s, v) => s + (v ?? 0), 0))];
    }),
  ) as Record<Level, number>;
}

/**
 * Derives the level from scores (the official rule, 表8-2): level L is reached when every lower level is reached,
 * every node (part) with a minimum for L scores at least that minimum — the sum of its leaves' scores — and every
 * mandatory leaf with minLevel ≤ L scores at least its pass score. Missing scores count as 0. The result is
 * capped at `targetLevel`; `perLevel` covers 一级 … targetLevel; `parts` explains each part against the level
 * reached and the next one, with the indicators that would close the gap.
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
  const all = leaves(tree);
  const leavesOf = new Map<string, IndicatorLeaf[]>();
  const nodeLeaves = (code: string): IndicatorLeaf[] => {
    let l = leavesOf.get(code);
    if (!l) {
      const node = findNode(tree, code);
      l = node ? leaves([node]) : [];
      leavesOf.set(code, l);
    }
    return l;
  };
  const nodeScore = (code: string): number => roundPoints(nodeLeaves(code).reduce((s, l) => s + score(l.code), 0));
  const ruleOf = (level: Level): LevelRule | undefined => levelRules.find((r) => r.level === level);

  const perLevel: LevelOutcome[] = [];
  let previousReached = true;
  let reachedLevel: Level | null = null;
  for (const level of LEVELS.slice(0, levelRank(targetLevel) + 1)) {
    const rank = levelRank(level);
    const reasons: string[] = [];
    for (const l of all) {
      if (l.mandatory && l.minLevel !== null && levelRank(l.minLevel) <= rank && score(l.code) + EPS < l.passScore)
        reasons.push(`必选指标 ${l.code} ${l.title} 未达标：得分 ${fmt(score(l.code))}，合格分 ${fmt(l.passScore)}`);
    }
    for (const [code, min] of Object.entries(ruleOf(level)?.minimums ?? {})) {
      if (typeof min !== 'number') continue;
      const got = nodeScore(code);
      if (got + EPS < min) {
        const node = findNode(tree, code);
        reasons.push(`${code} ${node?.title ?? ''} 得分 ${fmt(got)}，低于该等级要求的 ${fmt(min)} 分`);
      }
    }
    const ownOk = reasons.length === 0;
    if (ownOk && !previousReached) reasons.push('低一级未达到');
    const reached: boolean = ownOk && previousReached;
    perLevel.push({ level, reached, reasons });
    if (reached) reachedLevel = level;
    previousReached = reached;
  }

  const nextLevel: Level | null =
    reachedLevel === null
      ? LEVELS[0]
      : levelRank(reachedLevel) < levelRank(targetLevel)
        ? LEVELS[levelRank(reachedLevel) + 1]
        : null;
  const partCodes = new Set<string>();
  for (const r of levelRules)
    for (const [code, v] of Object.entries(r.minimums)) if (typeof v === 'number') partCodes.add(code);
  const ordered = [...partCodes].sort(
    (a, b) => all.findIndex((l) => l.code.startsWith(`${a}.`)) - all.findIndex((l) => l.code.startsWith(`${b}.`)),
  );
  const parts: PartExplanation[] = ordered.map((code) => {
    const node = findNode(tree, code);
    const got = nodeScore(code);
    const minOf = (l: Level | null): number | null => {
      const v = l ? ruleOf(l)?.minimums[code] : null;
      return typeof v === 'number' ? v : null;
    };
    const minimumNext = minOf(nextLevel);
    const gap = minimumNext === null ? 0 : Math.max(0, roundPoints(minimumNext - got));
    const closers: GapCloser[] = [];
    if (gap > EPS) {
      const candidates = nodeLeaves(code)
        .filter(isScored)
        .map((l) => ({
          code: l.code,
          title: l.title,
          score: score(l.code),
          points: l.points,
          gain: roundPoints(l.points - score(l.code)),
        }))
        .filter((c) => c.gain > EPS)
        // largest gain first; the document's order among equals
        .sort((a, b) => b.gain - a.gain);
      let covered = 0;
      for (const c of candidates) {
        if (covered + EPS >= gap) break;
        closers.push(c);
        covered = roundPoints(covered + c.gain);
      }
    }
    return {
      code,
      title: node?.title ?? code,
      points: node?.points ?? 0,
      score: got,
      minimumReached: minOf(reachedLevel),
      minimumNext,
      gap,
      closers,
    };
  });

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
  return { level: reachedLevel, nextLevel, explanation, perLevel, parts };
}

/** What meeting exactly `level`'s requirement earns on one leaf (tiered: that level's points; count: its count). */
export function exactScore(leaf: IndicatorNode, level: Level): number {
  const kind = leaf.scoring ?? 'scale';
  if (kind === 'info' || leaf.minLevel === null || levelRank(leaf.minLevel) > levelRank(level)) return 0;
  if (kind === 'tiered') return scoreOf(leaf, { level }) ?? 0;
  if (kind === 'count') {
    const count = Math.max(
      0,
      ...LEVELS.filter((x) => levelRank(x) <= levelRank(level)).map((x) => leaf.minCountByLevel?.[x] ?? 0),
    );
    return scoreOf(leaf, { count }) ?? 0;
  }
  return leaf.points;
}

/**
 * Scores of a platform that reaches exactly `level` (null: none): every leaf at what meeting the level earns
 * (exactScore), then, where a part still falls short of its minimum (the documents' rounded cells), its leaves
 * raised to full points, largest gain first, until the minimum is met. Demo data and tests use it.
 */
export function scoresForLevel(
  tree: IndicatorNode[],
  levelRules: LevelRule[],
  level: Level | null,
): Record<string, number> {
  const all = leaves(tree);
  const scores: Record<string, number> = Object.fromEntries(
    all.map((l) => [l.code, level === null ? 0 : exactScore(l, level)]),
  );
  if (level === null) return scores;
  for (const l of LEVELS.slice(0, levelRank(level) + 1)) {
    const rule = levelRules.find((r) => r.level === l);
    for (const [code, min] of Object.entries(rule?.minimums ?? {})) {
      if (typeof min !== 'number') continue;
      const node = findNode(tree, code);
      const members = node ? leaves([node]) : [];
      let got = roundPoints(members.reduce((s, x) => s + (scores[x.code] ?? 0), 0));
      const raise = members
        .filter((x) => isScored(x) && x.minLevel !== null && levelRank(x.minLevel) <= levelRank(level))
        .sort((a, b) => b.points - (scores[b.code] ?? 0) - (a.points - (scores[a.code] ?? 0)));
      for (const x of raise) {
        if (got + EPS >= min) break;
        got = roundPoints(got + x.points - (scores[x.code] ?? 0));
        scores[x.code] = x.points;
      }
    }
  }
  return scores;
}

/** Why a set of consensus scores cannot be taken, as a code of ASSESSMENT_MESSAGES and its params. */
export interface ConsensusScoresProblem {
  code: 'application.item_not_in_scope' | 'application.score_out_of_range';
  params: { item: string; max?: number };
}

/**
 * The one check of consensus scores (the coordinator's manual entry, the panels' consolidated results): every
 * code is a leaf required up to the target level (`required`, see leavesUpTo) and every score a finite number
 * from 0 to the leaf's points. The first problem, or null.
 */
export function consensusScoresProblem(
  required: IndicatorLeaf[],
  scores: Record<string, unknown>,
): ConsensusScoresProblem | null {
  const byCode = new Map(required.map((l) => [l.code, l]));
  for (const [code, v] of Object.entries(scores)) {
    const leaf = byCode.get(code);
    if (!leaf) return { code: 'application.item_not_in_scope', params: { item: code } };
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > leaf.points)
      return { code: 'application.score_out_of_range', params: { item: code, max: leaf.points } };
  }
  return null;
}
