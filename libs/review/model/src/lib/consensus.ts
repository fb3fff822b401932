import type { Consensus, ConsensusOptions } from './contracts';
import { reviewError } from './messages';

/** The default share of an item's points beyond which the experts' spread is divergent. */
export const DEFAULT_DIVERGENCE_SHARE = 0.5;

/**
 * A score to 2 decimals, half away from zero. The epsilon absorbs binary representation (1.005 × 100 is
 * 100.49999999999999, 0.145 × 100 is 14.499999999999998): they round to 1.01 and 0.15, as they are written.
 */
export function roundScore(n: number): number {
  const r = Math.round(Math.abs(n) * 100 + 1e-7) / 100;
  return n < 0 && r !== 0 ? -r : r;
}

function checked(xs: readonly number[]): number[] {
  for (const x of xs) if (typeof x !== 'number' || !Number.isFinite(x)) throw reviewError('review.score_not_number');
  return [...xs].sort((a, b) => a - b);
}

/** The median (the mean of the middle two for an even count), to 2 decimals; null for no scores. */
export function median(xs: readonly number[]): number | null {
  const s = checked(xs);
  if (s.length === 0) return null;
  const mid = Math.floor(s.length / 2);
  const m = s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return roundScore(m);
}

/** max − min of the scores (each to 2 decimals first), to 2 decimals; null for no scores. */
export function spread(xs: readonly number[]): number | null {
  const s = checked(xs);
  if (s.length === 0) return null;
  return roundScore(roundScore(s[s.length - 1] as number) - roundScore(s[0] as number));
}

/**
 * The experts' scores of one item taken together: median, spread, min, max (to 2 decimals) and whether they diverge —
 * the spread exceeds `divergenceShare` (default 0.5) × the item's points. An item of 0 points (statistics only) never
 * diverges. Without scores: nulls, n 0, not divergent. Refuses a score that is not a finite number, negative points
 * and a share outside 0–1 (coded errors).
 */
export function consensusOf(scores: readonly number[], points: number, opts: ConsensusOptions = {}): Consensus {
  const share = opts.divergenceShare ?? DEFAULT_DIVERGENCE_SHARE;
  if (typeof points !== 'number' || !Number.isFinite(points) || points < 0) throw reviewError('review.invalid_points');
  if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1)
    throw reviewError('review.invalid_divergence_share');
  const s = checked(scores);
  if (s.length === 0) return { median: null, spread: null, min: null, max: null, n: 0, divergent: false };
  const min = roundScore(s[0] as number);
  const max = roundScore(s[s.length - 1] as number);
  const sp = roundScore(max - min);
  return {
    median: median(s),
    spread: sp,
    min,
    max,
    n: s.length,
    divergent: points > 0 && sp > share * points + 1e-9,
  };
}
