import fc from 'fast-check';
import { DomainError } from '@hutong/platform-model';
import { autoAssign, loadsAfter } from './assignment';
import { eligibilityOf } from './conflicts';
import {
  SPECIALTIES,
  type ApplicantForReview,
  type Assignment,
  type AutoAssignInput,
  type AutoAssignResult,
  type ExpertProfile,
  type Specialty,
} from './contracts';

// ---- builders ----

const expert = (id: string, over: Partial<ExpertProfile> = {}): ExpertProfile => ({
  id,
  userId: `u-${id}`,
  name: id,
  affiliationOrgId: `org-${id}`,
  affiliationPath: ['root', 'experts', `org-${id}`],
  cityId: null,
  pools: ['qualitative'],
  specialties: [],
  vendorTies: [],
  consultedOrgIds: [],
  unavailable: [],
  active: true,
  ...over,
});

const applicant = (id: string, over: Partial<ApplicantForReview> = {}): ApplicantForReview => ({
  applicationId: id,
  organisationId: `h-${id}`,
  organisationPath: ['root', 'hospitals', `h-${id}`],
  cityId: null,
  vendors: [],
  neededSpecialties: [],
  ...over,
});

const base = { scope: 'province' as const, declared: [], pool: 'qualitative' as const };
/** An application's panel after the run: its existing members (once each) and the new ones. */
const panelOf = (r: AutoAssignResult, applicationId: string, existing: Assignment[] = []): string[] => [
  ...new Set(
    [...existing, ...r.assignments]
      .filter((a) => a.applicationId === applicationId)
      .map((a) => a.expertId)
      .sort(),
  ),
];

// ---- random instances ----

// root → 3 cities → 2 counties each → 3 institutions each (18 institutions)
const CITIES = ['c0', 'c1', 'c2'];
const INSTITUTIONS = CITIES.flatMap((c) =>
  [0, 1].flatMap((k) =>
    [0, 1, 2].map((h) => ({ id: `${c}k${k}h${h}`, path: ['root', c, `${c}k${k}`, `${c}k${k}h${h}`], city: c })),
  ),
);
const COUNTIES = CITIES.flatMap((c) =>
  [0, 1].map((k) => ({ id: `${c}k${k}`, path: ['root', c, `${c}k${k}`], city: c })),
);
const PLACES = [...INSTITUTIONS, ...COUNTIES];
const VENDORS = ['卫宁健康', 'Winning Health', '东华软件', 'Neusoft', '创业慧康'];
const DATES = ['2024-05-10', '2024-05-11', '2024-05-12'];

const specialtiesArb = fc.subarray([...SPECIALTIES]);
const vendorVariant = fc
  .tuple(fc.constantFrom(...VENDORS), fc.boolean(), fc.boolean())
  .map(([v, upper, spaced]) => `${spaced ? ' ' : ''}${upper ? v.toUpperCase() : v}${spaced ? '  ' : ''}`);

const expertArb = (i: number): fc.Arbitrary<ExpertProfile> =>
  fc
    .record({
      place: fc.constantFrom(...PLACES),
      pools: fc.subarray(['quantitative', 'qualitative'] as const, { minLength: 1 }),
      specialties: specialtiesArb,
      vendorTies: fc.array(vendorVariant, { maxLength: 2 }),
      consulted: fc.subarray(
        INSTITUTIONS.map((x) => x.id),
        { maxLength: 2 },
      ),
      unavailable: fc.array(
        fc.tuple(fc.constantFrom(...DATES), fc.nat(1)).map(([from, span]) => ({
          from,
          to: DATES[Math.min(DATES.indexOf(from) + span, DATES.length - 1)] as string,
        })),
        { maxLength: 1 },
      ),
      inactive: fc.integer({ min: 0, max: 9 }), // 1 in 10 inactive
    })
    .map((r) => ({
      id: `e${String(i).padStart(2, '0')}`,
      userId: `u${i}`,
      name: `专家${i}`,
      affiliationOrgId: r.place.id,
      affiliationPath: r.place.path,
      cityId: r.place.city,
      pools: r.pools,
      specialties: r.specialties,
      vendorTies: r.vendorTies,
      consultedOrgIds: r.consulted,
      unavailable: r.unavailable,
      active: r.inactive !== 0,
    }));

const applicantArb = (i: number): fc.Arbitrary<ApplicantForReview> =>
  fc
    .record({
      place: fc.constantFrom(...INSTITUTIONS),
      vendors: fc.subarray(VENDORS, { maxLength: 2 }),
      needs: specialtiesArb,
    })
    .map((r) => ({
      applicationId: `a${String(i).padStart(2, '0')}`,
      organisationId: r.place.id,
      organisationPath: r.place.path,
      cityId: r.place.city,
      vendors: r.vendors,
      neededSpecialties: r.needs,
    }));

const instanceArb = (opts: { withMax: boolean; withExisting: boolean }): fc.Arbitrary<AutoAssignInput> =>
  fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 20 })).chain(([ne, na]) =>
    fc.record({
      experts: fc.tuple(...Array.from({ length: ne }, (_, i) => expertArb(i))),
      applicants: fc.tuple(...Array.from({ length: na }, (_, i) => applicantArb(i))),
      minPerApplication: fc.integer({ min: 0, max: 5 }),
      maxPerExpert: opts.withMax
        ? fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined })
        : fc.constant(undefined),
      existing: opts.withExisting
        ? fc.array(fc.record({ expertId: fc.nat(ne - 1), applicationId: fc.nat(na + 1) }), { maxLength: 8 }).map((xs) =>
            xs.map((x) => ({
              expertId: `e${String(x.expertId).padStart(2, '0')}`,
              applicationId: `a${String(x.applicationId).padStart(2, '0')}`,
            })),
          )
        : fc.constant([]),
      scope: fc.constantFrom('nation' as const, 'province' as const, 'city' as const),
      declared: fc.array(fc.record({ e: fc.nat(ne - 1), a: fc.nat(na - 1) }), { maxLength: 5 }).map((xs) =>
        xs.map((x) => ({
          expertId: `e${String(x.e).padStart(2, '0')}`,
          applicationId: `a${String(x.a).padStart(2, '0')}`,
          reason: '申报',
        })),
      ),
      sessionDate: fc.option(fc.constantFrom(...DATES), { nil: undefined }),
      pool: fc.constantFrom('quantitative' as const, 'qualitative' as const),
    }),
  );

/** Experts eligible for an application with capacity aside, by the rules themselves. */
const staticEligible = (input: AutoAssignInput, a: ApplicantForReview): ExpertProfile[] =>
  input.experts.filter(
    (e) =>
      eligibilityOf(e, a, {
        scope: input.scope,
        declared: input.declared,
        sessionDate: input.sessionDate,
        pool: input.pool,
        load: 0,
      }).eligible,
  );

const covered = (experts: ExpertProfile[]): Set<Specialty> => new Set(experts.flatMap((e) => e.specialties));
const sortPairs = (xs: Assignment[]): string[] => xs.map((x) => `${x.applicationId}/${x.expertId}`).sort();

// ---- example-based ----

describe('autoAssign — examples', () => {
  it('spreads the panels over the least-loaded experts, ties by id', () => {
    const r = autoAssign({
      ...base,
      experts: [expert('e3'), expert('e1'), expert('e2')],
      applicants: [applicant('a1'), applicant('a2')],
      minPerApplication: 2,
    });
    expect(r.assignments).toEqual([
      { expertId: 'e1', applicationId: 'a1' },
      { expertId: 'e2', applicationId: 'a1' },
      { expertId: 'e1', applicationId: 'a2' },
      { expertId: 'e3', applicationId: 'a2' },
    ]);
    expect(r.shortfalls).toEqual([]);
    expect(r.existingProblems).toEqual([]);
  });

  it('never assigns a conflicted, inactive, unavailable or wrong-pool expert', () => {
    const experts = [
      expert('e1', { affiliationOrgId: 'h-a1', affiliationPath: ['root', 'hospitals', 'h-a1'] }), // same organisation
      expert('e2', { active: false }),
      expert('e3', { unavailable: [{ from: '2024-05-10', to: '2024-05-10' }] }),
      expert('e4', { pools: ['quantitative'] }),
      expert('e5', { vendorTies: ['卫宁 健康'] }),
      expert('e6', { consultedOrgIds: ['h-a1'] }),
      expert('e7'),
    ];
    const r = autoAssign({
      ...base,
      declared: [{ expertId: 'e7', applicationId: 'a1', reason: '亲属' }],
      sessionDate: '2024-05-10',
      experts,
      applicants: [applicant('a1', { vendors: ['卫宁健康'] })],
      minPerApplication: 3,
    });
    expect(r.assignments).toEqual([]);
    expect(r.shortfalls).toEqual([
      {
        applicationId: 'a1',
        missing: 3,
        uncoveredSpecialties: [],
        reason: 'review.shortfall_no_eligible',
        params: { eligible: 0, min: 3 },
      },
    ]);
  });

  it('covers the needed specialties first, with as few experts as the greedy finds', () => {
    const experts = [
      expert('e1', { specialties: ['datasets'] }),
      expert('e2', { specialties: ['documents'] }),
      expert('e3', { specialties: ['datasets', 'documents', 'services'] }),
      expert('e4', { specialties: ['effect'] }),
    ];
    const r = autoAssign({
      ...base,
      experts,
      applicants: [applicant('a1', { neededSpecialties: ['services', 'datasets', 'documents'] })],
      minPerApplication: 1,
    });
    expect(r.assignments).toEqual([{ expertId: 'e3', applicationId: 'a1' }]);
  });

  it('assigns more than the minimum when the cover needs it', () => {
    const experts = [
      expert('e1', { specialties: ['datasets'] }),
      expert('e2', { specialties: ['documents'] }),
      expert('e3', { specialties: ['infrastructure'] }),
    ];
    const r = autoAssign({
      ...base,
      experts,
      applicants: [applicant('a1', { neededSpecialties: ['datasets', 'documents', 'infrastructure'] })],
      minPerApplication: 2,
    });
    expect(panelOf(r, 'a1')).toEqual(['e1', 'e2', 'e3']);
    expect(r.shortfalls).toEqual([]);
  });

  it('reports a specialty nobody eligible has', () => {
    const r = autoAssign({
      ...base,
      experts: [expert('e1', { specialties: ['datasets'] }), expert('e2', { specialties: ['effect'], active: false })],
      applicants: [applicant('a1', { neededSpecialties: ['datasets', 'effect'] })],
      minPerApplication: 1,
    });
    expect(r.assignments).toEqual([{ expertId: 'e1', applicationId: 'a1' }]);
    expect(r.shortfalls).toEqual([
      {
        applicationId: 'a1',
        missing: 0,
        uncoveredSpecialties: ['effect'],
        reason: 'review.shortfall_specialty_uncovered',
        params: { eligible: 1, min: 1 },
      },
    ]);
  });

  it('reports too few eligible experts with what is missing', () => {
    const r = autoAssign({
      ...base,
      experts: [expert('e1'), expert('e2')],
      applicants: [applicant('a1')],
      minPerApplication: 5,
    });
    expect(panelOf(r, 'a1')).toEqual(['e1', 'e2']);
    expect(r.shortfalls).toEqual([
      {
        applicationId: 'a1',
        missing: 3,
        uncoveredSpecialties: [],
        reason: 'review.shortfall_too_few_eligible',
        params: { eligible: 2, min: 5 },
      },
    ]);
  });

  it('keeps existing assignments: they count toward load, size and coverage and are not repeated', () => {
    const experts = [
      expert('e1', { specialties: ['datasets'] }),
      expert('e2', { specialties: ['documents'] }),
      expert('e3', { specialties: ['datasets'] }),
    ];
    const existing = [
      { expertId: 'e1', applicationId: 'a1' },
      { expertId: 'e1', applicationId: 'other' }, // another session's: load only
    ];
    const r = autoAssign({
      ...base,
      experts,
      existing,
      applicants: [applicant('a1', { neededSpecialties: ['datasets', 'documents'] }), applicant('a2')],
      minPerApplication: 2,
    });
    // a1 keeps e1 (datasets), gets e2 for documents; a2 takes the least loaded: e3 (0), then e2 (1) over e1 (2)
    expect(r.assignments).toEqual([
      { expertId: 'e2', applicationId: 'a1' },
      { expertId: 'e2', applicationId: 'a2' },
      { expertId: 'e3', applicationId: 'a2' },
    ]);
    expect(r.shortfalls).toEqual([]);
  });

  it('flags existing assignments the rules would not make, and keeps them', () => {
    const r = autoAssign({
      ...base,
      experts: [expert('e1', { consultedOrgIds: ['h-a1'] }), expert('e2')],
      existing: [{ expertId: 'e1', applicationId: 'a1' }],
      applicants: [applicant('a1')],
      minPerApplication: 2,
    });
    expect(r.assignments).toEqual([{ expertId: 'e2', applicationId: 'a1' }]);
    expect(r.existingProblems).toEqual([
      {
        expertId: 'e1',
        applicationId: 'a1',
        reasons: [{ code: 'conflict', conflict: { kind: 'consulting', detail: 'h-a1' } }],
      },
    ]);
    expect(r.shortfalls).toEqual([]);
  });

  it('respects the maximum per expert, existing assignments included, scarcest application first', () => {
    // a2 can only have e1 (e2 consulted for it); a1 could have either
    const experts = [expert('e1'), expert('e2', { consultedOrgIds: ['h-a2'] })];
    const r = autoAssign({
      ...base,
      experts,
      applicants: [applicant('a1'), applicant('a2')],
      minPerApplication: 1,
      maxPerExpert: 1,
    });
    expect(sortPairs(r.assignments)).toEqual(['a1/e2', 'a2/e1']);

    const full = autoAssign({
      ...base,
      experts,
      existing: [{ expertId: 'e1', applicationId: 'x' }],
      applicants: [applicant('a1'), applicant('a2')],
      minPerApplication: 1,
      maxPerExpert: 1,
    });
    expect(full.assignments).toEqual([{ expertId: 'e2', applicationId: 'a1' }]);
    expect(full.shortfalls).toEqual([
      {
        applicationId: 'a2',
        missing: 1,
        uncoveredSpecialties: [],
        reason: 'review.shortfall_at_capacity',
        params: { eligible: 1, min: 1 },
      },
    ]);
  });

  it('a specialty held only by an expert at capacity is reported as a capacity shortfall', () => {
    const r = autoAssign({
      ...base,
      experts: [expert('e1', { specialties: ['effect'] }), expert('e2')],
      existing: [{ expertId: 'e1', applicationId: 'x' }],
      applicants: [applicant('a1', { neededSpecialties: ['effect'] })],
      minPerApplication: 1,
      maxPerExpert: 1,
    });
    expect(r.assignments).toEqual([{ expertId: 'e2', applicationId: 'a1' }]);
    expect(r.shortfalls[0]).toMatchObject({
      missing: 0,
      uncoveredSpecialties: ['effect'],
      reason: 'review.shortfall_at_capacity',
    });
  });

  it('a minimum of 0 assigns only for coverage', () => {
    const r = autoAssign({
      ...base,
      experts: [expert('e1', { specialties: ['effect'] }), expert('e2')],
      applicants: [applicant('a1', { neededSpecialties: ['effect'] }), applicant('a2')],
      minPerApplication: 0,
    });
    expect(r.assignments).toEqual([{ expertId: 'e1', applicationId: 'a1' }]);
    expect(r.shortfalls).toEqual([]);
  });

  it('ignores repeated experts, applicants and existing pairs', () => {
    const r = autoAssign({
      ...base,
      experts: [expert('e1'), expert('e1'), expert('e2')],
      applicants: [applicant('a1'), applicant('a1')],
      existing: [
        { expertId: 'e1', applicationId: 'a1' },
        { expertId: 'e1', applicationId: 'a1' },
      ],
      minPerApplication: 2,
    });
    expect(r.assignments).toEqual([{ expertId: 'e2', applicationId: 'a1' }]);
  });

  it('handles no experts or no applicants', () => {
    expect(autoAssign({ ...base, experts: [], applicants: [], minPerApplication: 3 })).toEqual({
      assignments: [],
      shortfalls: [],
      existingProblems: [],
    });
    expect(
      autoAssign({ ...base, experts: [], applicants: [applicant('a1')], minPerApplication: 3 }).shortfalls,
    ).toHaveLength(1);
  });

  it('refuses an invalid minimum or maximum with coded errors', () => {
    const run = (minPerApplication: number, maxPerExpert?: number) => () =>
      autoAssign({ ...base, experts: [], applicants: [], minPerApplication, maxPerExpert });
    for (const bad of [-1, 1.5, Number.NaN, 101]) {
      expect(run(bad)).toThrow(DomainError);
      expect(run(bad)).toThrow('review.invalid_min_per_application');
    }
    for (const bad of [0, 2.5, -3]) expect(run(1, bad)).toThrow('review.invalid_max_per_expert');
  });

  it('loadsAfter counts existing and new assignments once each', () => {
    const m = loadsAfter(
      [
        { expertId: 'e1', applicationId: 'a1' },
        { expertId: 'e1', applicationId: 'a1' },
      ],
      [
        { expertId: 'e1', applicationId: 'a2' },
        { expertId: 'e2', applicationId: 'a2' },
      ],
    );
    expect([...m.entries()]).toEqual([
      ['e1', 2],
      ['e2', 1],
    ]);
  });
});

// ---- properties ----

describe('autoAssign — properties', () => {
  const runs = { numRuns: 300 };

  it('(a) never makes an assignment that breaks eligibility, capacity included, nor a pair twice', () => {
    fc.assert(
      fc.property(instanceArb({ withMax: true, withExisting: true }), (input) => {
        const r = autoAssign(input);
        const existing = input.existing ?? [];
        expect(new Set(sortPairs(r.assignments)).size).toBe(r.assignments.length);
        for (const x of r.assignments) {
          expect(existing.some((y) => y.expertId === x.expertId && y.applicationId === x.applicationId)).toBe(false);
          const e = input.experts.find((y) => y.id === x.expertId);
          const a = input.applicants.find((y) => y.applicationId === x.applicationId);
          expect(e && a).toBeTruthy();
          if (!e || !a) return;
          expect(staticEligible(input, a)).toContain(e);
        }
        if (input.maxPerExpert !== undefined) {
          const before = loadsAfter(existing, []);
          const after = loadsAfter(existing, r.assignments);
          for (const [id, n] of after) if (n > (before.get(id) ?? 0)) expect(n).toBeLessThanOrEqual(input.maxPerExpert);
        }
      }),
      runs,
    );
  });

  it('(b) reaches the minimum whenever enough experts are eligible; else reports what is missing', () => {
    fc.assert(
      fc.property(instanceArb({ withMax: false, withExisting: true }), (input) => {
        const r = autoAssign(input);
        const existing = input.existing ?? [];
        for (const a of input.applicants) {
          const panel = new Set(panelOf(r, a.applicationId, existing));
          const reachable = new Set([...panel, ...staticEligible(input, a).map((e) => e.id)]);
          const shortfall = r.shortfalls.find((s) => s.applicationId === a.applicationId);
          if (reachable.size >= input.minPerApplication) {
            expect(panel.size).toBeGreaterThanOrEqual(input.minPerApplication);
            expect(shortfall?.missing ?? 0).toBe(0);
          } else {
            expect(panel.size).toBe(reachable.size);
            expect(shortfall?.missing).toBe(input.minPerApplication - reachable.size);
          }
        }
      }),
      runs,
    );
  });

  it('(c) covers the needed specialties whenever the eligible experts can', () => {
    fc.assert(
      fc.property(instanceArb({ withMax: false, withExisting: true }), (input) => {
        const r = autoAssign(input);
        const existing = input.existing ?? [];
        for (const a of input.applicants) {
          const panel = panelOf(r, a.applicationId, existing);
          const panelExperts = input.experts.filter((e) => panel.includes(e.id));
          const possible = covered([...panelExperts, ...staticEligible(input, a)]);
          const got = covered(panelExperts);
          const shortfall = r.shortfalls.find((s) => s.applicationId === a.applicationId);
          const coverable = a.neededSpecialties.every((s) => possible.has(s));
          if (coverable) expect(a.neededSpecialties.filter((s) => !got.has(s))).toEqual([]);
          expect(shortfall?.uncoveredSpecialties ?? []).toEqual(
            SPECIALTIES.filter((s) => a.neededSpecialties.includes(s) && !got.has(s)),
          );
          if (coverable && panel.length >= input.minPerApplication) expect(shortfall).toBeUndefined();
        }
      }),
      runs,
    );
  });

  it('shortfalls list exactly the applications below the minimum or with a specialty uncovered', () => {
    fc.assert(
      fc.property(instanceArb({ withMax: true, withExisting: true }), (input) => {
        const r = autoAssign(input);
        const existing = input.existing ?? [];
        const expected = input.applicants
          .filter((a) => {
            const panel = panelOf(r, a.applicationId, existing);
            const got = covered(input.experts.filter((e) => panel.includes(e.id)));
            return panel.length < input.minPerApplication || a.neededSpecialties.some((s) => !got.has(s));
          })
          .map((a) => a.applicationId);
        expect(r.shortfalls.map((s) => s.applicationId)).toEqual(expected);
        for (const s of r.shortfalls) {
          expect(s.missing).toBe(Math.max(0, input.minPerApplication - panelOf(r, s.applicationId, existing).length));
          expect(s.params.min).toBe(input.minPerApplication);
        }
      }),
      runs,
    );
  });

  it('(d) balances the load to within one when every expert is eligible for everything', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 8 }),
        (ne, na, min) => {
          const experts = Array.from({ length: ne }, (_, i) =>
            expert(`e${String(i).padStart(2, '0')}`, { specialties: ['datasets'] }),
          );
          const applicants = Array.from({ length: na }, (_, i) => applicant(`a${String(i).padStart(2, '0')}`));
          const r = autoAssign({ ...base, experts, applicants, minPerApplication: min });
          const loads = loadsAfter([], r.assignments);
          const all = experts.map((e) => loads.get(e.id) ?? 0);
          expect(Math.max(...all) - Math.min(...all)).toBeLessThanOrEqual(1);
          expect(r.assignments).toHaveLength(na * Math.min(min, ne));
        },
      ),
      runs,
    );
  });

  it('(d′) a generous maximum changes nothing, and a tight one still balances', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 5 }),
        (ne, na, min) => {
          const experts = Array.from({ length: ne }, (_, i) => expert(`e${i}`));
          const applicants = Array.from({ length: na }, (_, i) => applicant(`a${i}`));
          const free = autoAssign({ ...base, experts, applicants, minPerApplication: min });
          const generous = autoAssign({ ...base, experts, applicants, minPerApplication: min, maxPerExpert: na });
          expect(generous).toEqual(free);
          const tight = Math.max(1, Math.ceil((na * Math.min(min, ne)) / ne));
          const r = autoAssign({ ...base, experts, applicants, minPerApplication: min, maxPerExpert: tight });
          expect(r.shortfalls.length).toBe(min > ne ? na : 0);
          const loads = experts.map((e) => loadsAfter([], r.assignments).get(e.id) ?? 0);
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        },
      ),
      runs,
    );
  });

  it('(e) is deterministic, whatever the order of experts and applicants', () => {
    fc.assert(
      fc.property(
        instanceArb({ withMax: true, withExisting: true }).chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input.experts, { minLength: input.experts.length }),
            fc.shuffledSubarray(input.applicants, { minLength: input.applicants.length }),
          ),
        ),
        ([input, experts, applicants]) => {
          const r1 = autoAssign(input);
          expect(autoAssign(input)).toEqual(r1);
          const r2 = autoAssign({ ...input, experts, applicants });
          expect(sortPairs(r2.assignments)).toEqual(sortPairs(r1.assignments));
          const byApp = (r: AutoAssignResult) =>
            [...r.shortfalls].sort((x, y) => (x.applicationId < y.applicationId ? -1 : 1));
          expect(byApp(r2)).toEqual(byApp(r1));
        },
      ),
      runs,
    );
  });
});
