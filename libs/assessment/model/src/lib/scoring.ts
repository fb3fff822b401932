import { BINARY_OPTIONS, LEVELS } from './contracts';
import type { AnswerChoice, IndicatorNode, Level, ScoringKind } from './contracts';
import { levelRank } from './levels';

/** Points are kept to four decimals (the documents print 0.19, 0.04, 0.025 …): sums never drift. */
export function roundPoints(n: number): number {
  return Math.round((n + Math.sign(n) * 1e-9) * 10000) / 10000;
}

export function scoringOf(leaf: Pick<IndicatorNode, 'scoring'>): ScoringKind {
  return leaf.scoring ?? 'scale';
}

/** A leaf that is scored (every kind but statistics). */
export function isScored(leaf: Pick<IndicatorNode, 'scoring'>): boolean {
  return scoringOf(leaf) !== 'info';
}

/**
 * Tiered: the points for meeting `level`'s requirement — the value of the nearest listed level at or below it,
 * 0 below the first listed level (README of the 2020 schemes, `pointsByLevel`).
 */
export function pointsAtLevel(leaf: Pick<IndicatorNode, 'pointsByLevel'>, level: Level | null): number {
  if (level === null) return 0;
  let best = 0;
  for (const l of LEVELS) {
    if (levelRank(l) > levelRank(level)) break;
    const v = leaf.pointsByLevel?.[l];
    if (typeof v === 'number') best = v;
  }
  return best;
}

/** Tiered with counts: the highest level whose required number of options `count` meets (null: none). */
export function levelForCount(leaf: Pick<IndicatorNode, 'minCountByLevel'>, count: number): Level | null {
  let reached: Level | null = null;
  for (const l of LEVELS) {
    const min = leaf.minCountByLevel?.[l];
    if (typeof min === 'number' && count >= min) reached = l;
  }
  return reached;
}

/** The levels a tiered leaf lists, lowest first, with their points. */
export function tiers(leaf: Pick<IndicatorNode, 'pointsByLevel'>): { level: Level; points: number }[] {
  return LEVELS.filter((l) => typeof leaf.pointsByLevel?.[l] === 'number').map((l) => ({
    level: l,
    points: leaf.pointsByLevel?.[l] as number,
  }));
}

export type ChoiceProblem =
  | 'choice.missing'
  | 'choice.option_invalid'
  | 'choice.level_invalid'
  | 'choice.count_invalid'
  | 'choice.share_invalid'
  | 'choice.not_applicable';

/** Why `choice` is not a valid answer for the leaf's kind (null: valid). */
export function choiceProblem(leaf: IndicatorNode, choice: AnswerChoice | null | undefined): ChoiceProblem | null {
  const kind = scoringOf(leaf);
  if (kind === 'scale' || kind === 'info') return choice ? 'choice.not_applicable' : null;
  if (!choice) return 'choice.missing';
  if (kind === 'binary') {
    return choice.option && (BINARY_OPTIONS as readonly string[]).includes(choice.option)
      ? null
      : 'choice.option_invalid';
  }
  const countOk = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 1000;
  if (kind === 'count') return countOk(choice.count) ? null : 'choice.count_invalid';
  // tiered
  if (choice.share !== undefined) {
    if (!leaf.proportional) return 'choice.share_invalid';
    return typeof choice.share === 'number' && choice.share >= 0 && choice.share <= 1 ? null : 'choice.share_invalid';
  }
  if (choice.count !== undefined) {
    if (!leaf.minCountByLevel) return 'choice.count_invalid';
    return countOk(choice.count) ? null : 'choice.count_invalid';
  }
  if (choice.level === undefined) return 'choice.missing';
  return choice.level === null || (LEVELS as readonly string[]).includes(choice.level) ? null : 'choice.level_invalid';
}

/**
 * The score an answer earns within the leaf's scoring kind (null when there is no valid answer; statistics
 * items score 0). 'scale' leaves take the typed score as it is (see Answer.selfScore).
 */
export function scoreOf(leaf: IndicatorNode, choice: AnswerChoice | null | undefined): number | null {
  const kind = scoringOf(leaf);
  if (kind === 'info') return 0;
  if (kind === 'scale') return null;
  if (choiceProblem(leaf, choice) || !choice) return null;
  switch (kind) {
    case 'binary':
      return choice.option === 'full' || (choice.option === 'no_business' && leaf.optional) ? leaf.points : 0;
    case 'count':
      return roundPoints(Math.min((leaf.perItem ?? 0) * (choice.count ?? 0), leaf.maxPoints ?? leaf.points));
    case 'tiered': {
      if (choice.share !== undefined) {
        // 0.1 × 比例 at the level thresholds (the derived pointsByLevel / points): 28/30 = 93.3% meets 90% → 0.09
        const share = choice.share;
        const met = tiers(leaf).filter((t) => leaf.points > 0 && t.points / leaf.points <= share + 1e-9);
        return roundPoints(met.length ? (met[met.length - 1] as { points: number }).points : 0);
      }
      if (choice.count !== undefined) return roundPoints(pointsAtLevel(leaf, levelForCount(leaf, choice.count)));
      return roundPoints(pointsAtLevel(leaf, choice.level ?? null));
    }
  }
}

/** The same answer for a different leaf where it still fits (whole-part answers): a binary option fits every
 * binary leaf, a level every tiered leaf; null when it does not fit. */
export function choiceFor(leaf: IndicatorNode, choice: AnswerChoice): AnswerChoice | null {
  const kind = scoringOf(leaf);
  if (kind === 'binary' && choice.option) return { option: choice.option };
  if (kind === 'tiered' && choice.level !== undefined) return { level: choice.level };
  return null;
}

/** The answer that earns a leaf's full points (null for statistics and 'scale' leaves). */
export function fullChoice(leaf: IndicatorNode): AnswerChoice | null {
  switch (scoringOf(leaf)) {
    case 'binary':
      return { option: 'full' };
    case 'tiered':
      if (leaf.proportional) return { share: 1 };
      if (leaf.minCountByLevel) return { count: Math.max(0, ...Object.values(leaf.minCountByLevel)) };
      return { level: '5A' };
    case 'count':
      return { count: Math.ceil((leaf.maxPoints ?? leaf.points) / (leaf.perItem || 1) - 1e-9) };
    default:
      return null;
  }
}
