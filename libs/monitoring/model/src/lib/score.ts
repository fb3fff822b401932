/**
 * The annual 互联互通度 score of an institution (one city counts it as 40% of its year-end assessment): connectivity,
 * data completeness and upload volume, each a share 0…1, combined with configurable weights into 0…100. Measured
 * from the year's metrics:
 * - connectivity: connected (to this platform or another) × the share of the year's days with uploads;
 * - completeness: required tables uploaded ÷ required (the metrics' completeness);
 * - volume: uploaded outpatient visits ÷ the 卫统 visits, at most 1 — unmeasured without a reference volume, and
 *   then the score is the weighted mean of the other two (the breakdown says so).
 */
import type { ConnectionStatus, InstitutionMetrics } from './metrics';

export interface ScoreWeights {
  connectivity: number;
  completeness: number;
  volume: number;
}

export const DEFAULT_SCORE_WEIGHTS: Readonly<ScoreWeights> = Object.freeze({
  connectivity: 0.4,
  completeness: 0.3,
  volume: 0.3,
});

export interface ScoreComponent {
  part: keyof ScoreWeights;
  /** the measured share 0…1, or null when it cannot be measured */
  share: number | null;
  weight: number;
  /** its points of the 100 (0 when unmeasured) */
  points: number;
}

export interface ConnectivityScore {
  /** 0…100, two decimals */
  score: number;
  components: ScoreComponent[];
}

export function weightsProblem(w: ScoreWeights): string | null {
  const all = [w.connectivity, w.completeness, w.volume];
  if (all.some((x) => !Number.isFinite(x) || x < 0 || x > 100)) return 'monitoring.score_weights_invalid';
  if (all.reduce((a, b) => a + b, 0) <= 0) return 'monitoring.score_weights_invalid';
  return null;
}

const round2 = (x: number) => Math.round(x * 100 + 1e-9) / 100;

export function connectivityScore(
  connection: ConnectionStatus,
  m: Pick<InstitutionMetrics, 'days' | 'uploadDays' | 'completeness' | 'outpatientRate'>,
  weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
): ConnectivityScore {
  const shares: Record<keyof ScoreWeights, number | null> = {
    connectivity: connection === 'not_connected' ? 0 : m.days ? m.uploadDays / m.days : 0,
    completeness: m.completeness,
    volume: m.outpatientRate === null ? null : Math.min(1, m.outpatientRate),
  };
  const parts = Object.keys(shares) as (keyof ScoreWeights)[];
  const measured = parts.filter((p) => shares[p] !== null).reduce((n, p) => n + weights[p], 0);
  const components = parts.map((part) => {
    const share = shares[part];
    return {
      part,
      share,
      weight: weights[part],
      points: share === null || measured <= 0 ? 0 : round2((100 * weights[part] * share) / measured),
    };
  });
  const total = measured <= 0 ? 0 : parts.reduce((n, p) => n + weights[p] * (shares[p] ?? 0), 0) / measured;
  return { score: round2(100 * total), components };
}
