import fc from 'fast-check';
import { LEVELS } from './contracts';
import type { IndicatorNode } from './contracts';
import { leaves } from './schemes';
import { choiceFor, choiceProblem, fullChoice, levelForCount, pointsAtLevel, roundPoints, scoreOf } from './scoring';
import { defaultSchemes } from '../official';

const base: IndicatorNode = {
  code: 'x',
  title: 'x',
  points: 0.5,
  minLevel: '3',
  mandatory: false,
  passScore: 0.5,
  evidenceRequired: false,
  method: 'document',
  children: [],
};
const official = leaves(defaultSchemes().flatMap((s) => s.tree));
const find = (code: string, title?: string) => {
  const l = official.find((x) => x.code === code && (!title || x.title.includes(title)));
  if (!l) throw new Error(`no ${code}`);
  return l;
};

describe('scoring kinds', () => {
  it('binary: 有且完全符合国家标准 scores, anything else 0; 选测 items score 无此业务 too', () => {
    const b = { ...base, scoring: 'binary' as const };
    expect(
      ['full', 'partial', 'no_data', 'no_business'].map((option) => scoreOf(b, { option: option as never })),
    ).toEqual([0.5, 0, 0, 0]);
    const optional = { ...b, optional: true };
    expect(
      ['full', 'partial', 'no_data', 'no_business'].map((option) => scoreOf(optional, { option: option as never })),
    ).toEqual([0.5, 0, 0, 0.5]);
    expect(scoreOf(b, null)).toBeNull();
    expect(choiceProblem(b, { option: 'maybe' as never })).toBe('choice.option_invalid');
    // an official optional item
    const opt = official.find((l) => l.optional);
    expect(scoreOf(opt ?? b, { option: 'no_business' })).toBe(opt?.points);
  });

  it('tiered: the points of the level met, the nearest listed level below, 0 below the first (3.1.1.1)', () => {
    const t = find('3.1.1.1');
    expect(LEVELS.map((level) => scoreOf(t, { level }))).toEqual([0, 0, 2, 2.5, 2.5, 2.5, 2.5]);
    expect(scoreOf(t, { level: null })).toBe(0);
    expect(choiceProblem(t, { level: 'Z' as never })).toBe('choice.level_invalid');
    expect(choiceProblem(t, {})).toBe('choice.missing');
  });

  it('tiered by count: "选4项得3分；选5-6项得3.5分…" (regional 2.1.5~2.1.14)', () => {
    const t = find('2.1.5~2.1.14');
    expect([0, 3, 4, 5, 6, 7, 8, 9, 10].map((count) => scoreOf(t, { count }))).toEqual([
      0, 0, 3, 3.5, 3.5, 3.8, 4, 4.2, 4.5,
    ]);
    expect(levelForCount(t, 7)).toBe('4B');
    expect(choiceProblem(find('3.1.1.1'), { count: 3 })).toBe('choice.count_invalid');
  });

  it('tiered, proportional: 0.1 × the measured share (regional 5.2.2.1-3: 9 of 10 records → 0.09)', () => {
    const t = find('5.2.2.1-3');
    expect(scoreOf(t, { share: 0.9 })).toBe(0.09);
    expect(scoreOf(t, { share: 28 / 30 })).toBe(0.09);
    expect([1, 0.85, 0.6, 0.59].map((share) => scoreOf(t, { share }))).toEqual([0.1, 0.08, 0.06, 0]);
    expect(choiceProblem(t, { share: 1.2 })).toBe('choice.share_invalid');
    expect(choiceProblem(find('3.1.1.1'), { share: 0.5 })).toBe('choice.share_invalid');
  });

  it('count: 0.1 per checked item, at most 1 (hospital 3.1.5.1)', () => {
    const c = find('3.1.5.1');
    expect([0, 1, 3, 10, 14].map((count) => scoreOf(c, { count }))).toEqual([0, 0.1, 0.3, 1, 1]);
    expect(choiceProblem(c, { count: -1 })).toBe('choice.count_invalid');
    expect(choiceProblem(c, { count: 1.5 })).toBe('choice.count_invalid');
  });

  it('info: statistics only, 0 points, no answer needed; scale: the typed score', () => {
    const i = official.find((l) => l.scoring === 'info');
    expect(i && scoreOf(i, null)).toBe(0);
    expect(scoreOf(base, null)).toBeNull();
    expect(choiceProblem(base, { option: 'full' })).toBe('choice.not_applicable');
  });

  it('never scores outside 0 … points, on every official indicator and any answer', () => {
    const answer = fc.record(
      {
        option: fc.constantFrom('no_data', 'full', 'partial', 'no_business'),
        level: fc.constantFrom(...LEVELS, null),
        count: fc.nat(40),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.constantFrom(...official), answer, (leaf, choice) => {
        const s = scoreOf(leaf, choice as never);
        if (s === null) return choiceProblem(leaf, choice as never) !== null || leaf.scoring === undefined;
        return s >= 0 && s <= leaf.points + 1e-9 && s === roundPoints(s);
      }),
    );
  });

  it('knows the answer that earns full points, in the form the page asks for', () => {
    for (const l of official.filter((x) => x.scoring !== 'info')) expect(scoreOf(l, fullChoice(l))).toBe(l.points);
    expect(fullChoice(find('2.1.5~2.1.14'))).toEqual({ count: 10 });
    expect(fullChoice(find('5.2.2.1-3'))).toEqual({ share: 1 });
    expect(fullChoice(find('3.1.1.1'))).toEqual({ level: '5A' });
  });

  it('carries one answer over a whole part where it fits', () => {
    expect(choiceFor(find('2.1.1.1'), { option: 'full' })).toEqual({ option: 'full' });
    expect(choiceFor(find('3.1.1.1'), { option: 'full' })).toBeNull();
    expect(choiceFor(find('3.1.1.1'), { level: '4B' })).toEqual({ level: '4B' });
    expect(pointsAtLevel({}, '5A')).toBe(0);
  });
});
