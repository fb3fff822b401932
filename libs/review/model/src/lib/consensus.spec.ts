import fc from 'fast-check';
import { DomainError } from '@hutong/platform-model';
import { consensusOf, median, roundScore, spread } from './consensus';

describe('roundScore', () => {
  it('rounds to 2 decimals, half away from zero, as the numbers are written', () => {
    expect(roundScore(0.195)).toBe(0.2);
    expect(roundScore(1.005)).toBe(1.01);
    expect(roundScore(0.145)).toBe(0.15);
    expect(roundScore(2.675)).toBe(2.68);
    expect(roundScore(0.194)).toBe(0.19);
    expect(roundScore(-0.145)).toBe(-0.15);
    expect(roundScore(-0.001)).toBe(0);
    expect(Object.is(roundScore(-0.001), -0)).toBe(false);
    expect(roundScore(0.1 + 0.2)).toBe(0.3);
  });
});

describe('median and spread', () => {
  it('take the middle score, or the mean of the middle two', () => {
    expect(median([3])).toBe(3);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([0.19, 0.2])).toBe(0.2); // 0.195 → 0.2
    expect(median([0.04, 0.19, 0.19, 0.1])).toBe(0.15); // (0.1 + 0.19) / 2 = 0.145
    expect(median([])).toBeNull();
  });

  it('spread is max − min to 2 decimals', () => {
    expect(spread([0.7, 0.2, 0.5])).toBe(0.5);
    expect(spread([2, 2, 2])).toBe(0);
    expect(spread([1])).toBe(0);
    expect(spread([])).toBeNull();
  });

  it('refuse what is not a finite number', () => {
    expect(() => median([1, Number.NaN])).toThrow('review.score_not_number');
    expect(() => spread([Number.POSITIVE_INFINITY])).toThrow(DomainError);
  });
});

describe('consensusOf', () => {
  it('summarises the scores of one item', () => {
    expect(consensusOf([3, 2.5, 4], 4)).toEqual({ median: 3, spread: 1.5, min: 2.5, max: 4, n: 3, divergent: false });
  });

  it('is divergent when the spread exceeds half the points (by default)', () => {
    expect(consensusOf([0, 2], 4).divergent).toBe(false); // 2 = 0.5 × 4
    expect(consensusOf([0, 2.01], 4).divergent).toBe(true);
    expect(consensusOf([0.2, 0.7], 1).divergent).toBe(false); // 0.7 − 0.2 in floating point is 0.49999…
    expect(consensusOf([0, 0.1], 0.19).divergent).toBe(true); // 0.1 > 0.095
    expect(consensusOf([0, 0.09], 0.19).divergent).toBe(false);
  });

  it('takes another share', () => {
    expect(consensusOf([1, 2], 4, { divergenceShare: 0.2 }).divergent).toBe(true);
    expect(consensusOf([1, 2], 4, { divergenceShare: 0.25 }).divergent).toBe(false);
    expect(consensusOf([1, 1], 4, { divergenceShare: 0 }).divergent).toBe(false);
    expect(consensusOf([1, 1.01], 4, { divergenceShare: 0 }).divergent).toBe(true);
  });

  it('never diverges on an item of 0 points', () => {
    expect(consensusOf([0, 5], 0)).toMatchObject({ spread: 5, divergent: false });
  });

  it('one score, equal scores, an even count', () => {
    expect(consensusOf([1.5], 2)).toEqual({ median: 1.5, spread: 0, min: 1.5, max: 1.5, n: 1, divergent: false });
    expect(consensusOf([2, 2, 2, 2], 2)).toEqual({ median: 2, spread: 0, min: 2, max: 2, n: 4, divergent: false });
    expect(consensusOf([1, 2, 3, 4], 4)).toMatchObject({ median: 2.5, n: 4 });
  });

  it('without scores: nulls', () => {
    expect(consensusOf([], 3)).toEqual({ median: null, spread: null, min: null, max: null, n: 0, divergent: false });
  });

  it('refuses bad points, shares and scores with coded errors', () => {
    expect(() => consensusOf([1], -1)).toThrow('review.invalid_points');
    expect(() => consensusOf([1], Number.NaN)).toThrow('review.invalid_points');
    expect(() => consensusOf([1], 1, { divergenceShare: 1.5 })).toThrow('review.invalid_divergence_share');
    expect(() => consensusOf([1], 1, { divergenceShare: -0.1 })).toThrow('review.invalid_divergence_share');
    expect(() => consensusOf([Number.NaN], 1)).toThrow('review.score_not_number');
  });

  const scores = fc.array(
    fc.integer({ min: 0, max: 1000 }).map((n) => n / 100),
    { minLength: 1, maxLength: 15 },
  );

  it('property: min ≤ median ≤ max, spread = max − min, 2 decimals', () => {
    fc.assert(
      fc.property(
        scores,
        fc.integer({ min: 0, max: 1000 }).map((n) => n / 100),
        (xs, points) => {
          const c = consensusOf(xs, points);
          if (c.median === null || c.min === null || c.max === null || c.spread === null) throw new Error('nulls');
          expect(c.min).toBeLessThanOrEqual(c.median);
          expect(c.median).toBeLessThanOrEqual(c.max);
          expect(c.spread).toBe(roundScore(c.max - c.min));
          expect(c.n).toBe(xs.length);
          for (const v of [c.median, c.min, c.max, c.spread]) expect(roundScore(v)).toBe(v);
          expect(c.divergent).toBe(points > 0 && c.spread > points / 2 + 1e-9);
        },
      ),
    );
  });

  it('property: the order of the scores does not matter', () => {
    fc.assert(
      fc.property(
        scores.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length }))),
        ([xs, shuffled]) => {
          expect(consensusOf(shuffled, 10)).toEqual(consensusOf(xs, 10));
        },
      ),
    );
  });

  it('property: the median of any reals lies between their extremes and does not touch the input', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), (xs) => {
        const copy = [...xs];
        const m = median(xs) as number;
        expect(m).toBeGreaterThanOrEqual(roundScore(Math.min(...xs)));
        expect(m).toBeLessThanOrEqual(roundScore(Math.max(...xs)));
        expect(xs).toEqual(copy);
      }),
    );
  });
});
