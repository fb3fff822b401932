import { eligibilityRefusal } from './eligibility';

describe('eligibility: 五级乙等 only in a year after passing 四级', () => {
  it('lets any level up to 四级甲等 be applied for without history', () => {
    for (const l of ['1', '2', '3', '4B', '4A'] as const) expect(eligibilityRefusal(l, 2026, [])).toBeNull();
  });

  it('refuses 五级乙等 and 五级甲等 without an earlier 四级', () => {
    expect(eligibilityRefusal('5B', 2026, [])).toEqual({
      code: 'application.level_needs_earlier_level4',
      params: { level: '5B', year: 2026 },
    });
    expect(eligibilityRefusal('5A', 2026, [{ year: 2024, level: '3' }])).not.toBeNull();
  });

  it('refuses a 四级 awarded in the same year, accepts one of an earlier year (乙等 or 甲等, or higher)', () => {
    expect(eligibilityRefusal('5B', 2026, [{ year: 2026, level: '4A' }])).not.toBeNull();
    expect(eligibilityRefusal('5B', 2026, [{ year: 2025, level: '4B' }])).toBeNull();
    expect(eligibilityRefusal('5A', 2026, [{ year: 2023, level: '4A' }])).toBeNull();
    expect(eligibilityRefusal('5A', 2026, [{ year: 2025, level: '5B' }])).toBeNull();
  });
});
