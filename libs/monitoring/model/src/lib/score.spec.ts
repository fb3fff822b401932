import fc from 'fast-check';
import { DEFAULT_SCORE_WEIGHTS, connectivityScore, weightsProblem } from './score';

describe('the annual 互联互通度 score', () => {
  it('combines connectivity, completeness and volume with the weights (0.4 / 0.3 / 0.3 by default)', () => {
    // connected, 292 of 365 days (0.8), 41 of 51 tables (0.8039…), 90% of the 卫统 visits
    const s = connectivityScore('connected', {
      days: 365,
      uploadDays: 292,
      completeness: 41 / 51,
      outpatientRate: 0.9,
    });
    expect(s.score).toBe(Math.round(100 * (0.4 * 0.8 + 0.3 * (41 / 51) + 0.3 * 0.9) * 100) / 100);
    expect(s.components.map((c) => [c.part, c.weight])).toEqual([
      ['connectivity', 0.4],
      ['completeness', 0.3],
      ['volume', 0.3],
    ]);
  });

  it('gives a not-connected institution no connectivity, and caps a rate above 100%', () => {
    const s = connectivityScore('not_connected', { days: 365, uploadDays: 365, completeness: 1, outpatientRate: 1.18 });
    expect(s.components[0]!.share).toBe(0);
    expect(s.components[2]!.share).toBe(1);
    expect(s.score).toBe(60);
  });

  it('leaves volume out without a reference volume and says so, renormalising the other weights', () => {
    const s = connectivityScore('connected', { days: 10, uploadDays: 10, completeness: 0.5, outpatientRate: null });
    expect(s.components[2]).toMatchObject({ share: null, points: 0 });
    expect(s.score).toBe(Math.round(((100 * (0.4 * 1 + 0.3 * 0.5)) / 0.7) * 100) / 100);
  });

  it('takes other weights, refuses unusable ones, and its points add up to its score', () => {
    const w = { connectivity: 2, completeness: 1, volume: 1 };
    expect(weightsProblem(w)).toBeNull();
    expect(weightsProblem({ connectivity: 0, completeness: 0, volume: 0 })).toBe('monitoring.score_weights_invalid');
    expect(weightsProblem({ ...DEFAULT_SCORE_WEIGHTS, volume: -1 })).toBe('monitoring.score_weights_invalid');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 366 }),
        fc.integer({ min: 0, max: 366 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 2, noNaN: true })),
        (days, up, completeness, rate) => {
          const s = connectivityScore(
            'connected',
            { days, uploadDays: Math.min(up, days), completeness, outpatientRate: rate },
            w,
          );
          const sum = s.components.reduce((n, c) => n + c.points, 0);
          expect(Math.abs(sum - s.score)).toBeLessThanOrEqual(0.02);
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100);
        },
      ),
      { numRuns: 300 },
    );
  });
});
