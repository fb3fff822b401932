import { defaultSchemes } from '@hutong/assessment-model/official';
import { agreement, qualityScores } from './quality';

const region = defaultSchemes().find((s) => s.key === 'region-2020')!;

describe('data quality as the 2020 regional scheme scores it (5.2.2.1, 0.1 × the share at the level thresholds)', () => {
  it('scores the worked examples: a month with 2 days down is 28/30 = 93.3% → 0.09; T+1 → 0.08; 9 of 10 → 0.09', () => {
    const s = Object.fromEntries(
      qualityScores(region.tree, {
        logic: 0.9,
        timeliness: 'T+1',
        completeness: agreement(8_250, 10_000),
        stability: 28 / 30,
        accuracy: 1,
      }).map((q) => [q.measure, q.score]),
    );
    expect(s).toEqual({ logic: 0.09, timeliness: 0.08, completeness: 0.08, stability: 0.09, accuracy: 0.1 });
  });

  it('gives T → 0.1, T+2 → 0.06, nothing below the lowest threshold, and leaves unmeasured items unscored', () => {
    const at = (m: Partial<Parameters<typeof qualityScores>[1]>) =>
      Object.fromEntries(
        qualityScores(region.tree, {
          logic: null,
          timeliness: null,
          completeness: null,
          stability: null,
          accuracy: null,
          ...m,
        }).map((q) => [q.measure, q.score]),
      ) as Record<'logic' | 'timeliness' | 'completeness' | 'stability' | 'accuracy', number | null>;
    expect(at({ timeliness: 'T' }).timeliness).toBe(0.1);
    expect(at({ timeliness: 'T+2' }).timeliness).toBe(0.06);
    expect(at({ stability: 0.69 }).stability).toBe(0);
    expect(at({ logic: 0.6 }).logic).toBe(0.06);
    expect(at({}).accuracy).toBeNull();
  });

  it('measures agreement with 卫统 both ways: 117.57% uploaded agrees 82.43%', () => {
    expect(agreement(11_757, 10_000)).toBeCloseTo(0.8243);
    expect(agreement(5, 0)).toBeNull();
    expect(agreement(0, 10)).toBe(0);
  });
});
