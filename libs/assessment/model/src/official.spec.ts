import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEVELS } from './lib/contracts';
import { levelRank } from './lib/levels';
import { officialFromScheme, schemeFromOfficial } from './lib/official-format';
import { deriveLevel, exactScore, levelTotals, scoresForLevel } from './lib/rating';
import { leaves, schemeProblems } from './lib/schemes';
import { pointsAtLevel, roundPoints } from './lib/scoring';
import { OFFICIAL_FILES, defaultSchemes } from './official';

const [hospital, region] = defaultSchemes() as [
  ReturnType<typeof defaultSchemes>[0],
  ReturnType<typeof defaultSchemes>[0],
];
const sum = (xs: number[]) => roundPoints(xs.reduce((a, b) => a + b, 0));

describe('the official 2020 schemes as the defaults', () => {
  it('are the fixture files unchanged (when ../shared is beside the checkout)', () => {
    const dir = join(__dirname, '../../../../../shared/fixtures/schemes');
    if (!existsSync(dir)) return; // a checkout without the shared fixtures: the copies are what is shipped
    for (const f of OFFICIAL_FILES) expect(JSON.parse(readFileSync(join(dir, `${f.scheme}.json`), 'utf8'))).toEqual(f);
  });

  it('ship hospital-2020 (282 indicators) and region-2020 (118 scoring units)', () => {
    expect([hospital.key, hospital.kind, leaves(hospital.tree).length]).toEqual(['hospital-2020', 'hospital', 282]);
    expect([region.key, region.kind, leaves(region.tree).length]).toEqual(['region-2020', 'region', 118]);
    expect(hospital.name).toBe('医院信息互联互通标准化成熟度测评方案（2020年版）');
  });

  it.each([
    ['hospital', () => hospital, [30, 35, 18, 12], [10, 15, 60, 70, 80, 90, 95]],
    ['region', () => region, [30, 35, 15, 15], [5, 8, 60, 70, 80, 90, 95]],
  ] as const)(
    '%s: categories, parts and the level totals (等级分) add up (check.py H1–H3)',
    (_k, get, cats, totals) => {
      const s = get();
      expect(s.tree.map((c) => c.points)).toEqual(cats);
      expect(sum(s.tree.map((c) => c.points))).toBe(95);
      for (const c of s.tree) {
        expect(sum(c.children.map((p) => p.points))).toBe(c.points);
        for (const p of c.children) expect(sum(p.children.map((i) => i.points))).toBe(p.points);
      }
      // the 等级分 row equals the sum of the level's part minimums (表8-2) for every level
      expect(LEVELS.map((l) => levelTotals(s.levelRules)[l])).toEqual(totals);
      const file = OFFICIAL_FILES.find((f) => f.scheme === s.key);
      expect(LEVELS.map((l) => levelTotals(s.levelRules)[l])).toEqual(Object.values(file?.levelTotals ?? {}));
      expect(schemeProblems(s.tree, s.levelRules)).toEqual([]);
    },
  );

  it('keep the document’s scoring kinds (check.py H5, H6)', () => {
    const h = leaves(hospital.tree);
    const count = (k: string) => h.filter((l) => l.scoring === k).length;
    expect([count('binary'), count('tiered'), count('count'), count('info')]).toEqual([235, 37, 2, 8]);
    expect(h.filter((l) => l.optional).length).toBe(10);
    for (const l of [...h, ...leaves(region.tree)]) {
      if (l.scoring === 'info') expect([l.points, l.minLevel]).toEqual([0, null]);
      else expect(LEVELS).toContain(l.minLevel);
      if (l.scoring === 'tiered') {
        const steps = LEVELS.map((x) => l.pointsByLevel?.[x]).filter((v): v is number => v !== undefined);
        expect(Math.max(...steps)).toBe(l.points);
        for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThanOrEqual(steps[i - 1] as number);
      }
    }
    // a level not listed earns the nearest listed level below it: 3.1.1.1 三级 2, 四级乙等 2.5
    const t = h.find((l) => l.code === '3.1.1.1');
    expect(LEVELS.map((x) => pointsAtLevel(t ?? {}, x))).toEqual([0, 0, 2, 2.5, 2.5, 2.5, 2.5]);
  });

  it('reproduce 表8-2 from the indicator rules: every cell but the documents’ four inconsistent ones (check.py I1)', () => {
    for (const s of [hospital, region]) {
      for (const level of LEVELS) {
        // what a platform that meets exactly `level`'s requirements earns, indicator by indicator
        const scores = Object.fromEntries(leaves(s.tree).map((l) => [l.code, exactScore(l, level)]));
        // every 表8-2 cell: the part's earned score equals the printed minimum, except the documents' own four
        // inconsistent cells (README): hospital 4.1 四级甲等 (printed 4.3, rules 4.25) and 5.2 五级甲等; regional 5.2
        // 四级甲等 (4.2 vs 4.35) and 五级乙等 (5.58 vs 5.68)
        const known: Record<string, string[]> = {
          'hospital-2020': ['4A 4.1', '5A 5.2'],
          'region-2020': ['4A 5.2', '5B 5.2'],
        };
        const rule = s.levelRules.find((r) => r.level === level);
        const differing: string[] = [];
        for (const [code, min] of Object.entries(rule?.minimums ?? {})) {
          const part = s.tree.flatMap((c) => c.children).find((p) => p.code === code);
          const earned = sum((part?.children ?? []).map((l) => scores[l.code] ?? 0));
          if (earned !== min) differing.push(`${level} ${code}`);
        }
        expect(differing).toEqual((known[s.key] ?? []).filter((k) => k.startsWith(`${level} `)));
        // and the level rule: below the inconsistent cells, the exact platform reaches its level
        const derived = deriveLevel(s.tree, s.levelRules, level, scores);
        if (levelRank(level) < levelRank('4A')) expect(derived.level).toBe(level);
      }
    }
  });

  it('give demo and test data a platform at exactly each level (scoresForLevel)', () => {
    for (const s of [hospital, region]) {
      for (const level of [null, ...LEVELS]) {
        const derived = deriveLevel(s.tree, s.levelRules, '5A', scoresForLevel(s.tree, s.levelRules, level));
        expect([s.key, level, derived.level]).toEqual([s.key, level, level]);
      }
    }
  });

  it('round-trip through the published format unchanged', () => {
    for (const s of [hospital, region]) expect(schemeFromOfficial(officialFromScheme(s))).toEqual(s);
  });

  it('refuse a file that is not a scheme, naming what is wrong', () => {
    expect(() => schemeFromOfficial({} as never)).toThrow(/不是测评方案文件/);
    const bad = structuredClone(OFFICIAL_FILES[0]);
    if (bad?.indicators[0]) bad.indicators[0].level = '六级';
    expect(() => schemeFromOfficial(bad as never)).toThrow(/指标 2\.1\.1\.1：未知等级“六级”/);
  });
});
