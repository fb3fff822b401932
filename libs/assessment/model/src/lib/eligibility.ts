import type { Level } from './contracts';
import { levelRank } from './levels';

/** A level the organisation was awarded in an earlier cycle (published results only). */
export interface AwardedLevel {
  year: number;
  level: Level;
}

export interface EligibilityRefusal {
  code: 'application.level_needs_earlier_level4';
  params: { level: Level; year: number };
}

/**
 * The documents' eligibility rule for the target level (测评方案 p.12: "通过四级测评后下一年方可申报五级乙等"):
 * 五级乙等 and 五级甲等 only after a 四级 (乙等 or 甲等) or higher was awarded in an earlier year than the cycle's.
 * null when eligible.
 */
export function eligibilityRefusal(
  target: Level,
  cycleYear: number,
  awarded: AwardedLevel[],
): EligibilityRefusal | null {
  if (levelRank(target) < levelRank('5B')) return null;
  const ok = awarded.some((a) => a.year < cycleYear && levelRank(a.level) >= levelRank('4B'));
  return ok
    ? null
    : {
        code: 'application.level_needs_earlier_level4',
        params: { level: target, year: cycleYear },
      };
}
