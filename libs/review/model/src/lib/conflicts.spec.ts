import fc from 'fast-check';
import type { ApplicantForReview, ExpertProfile, Reason } from './contracts';
import { conflictsOf, describeReason, eligibilityOf, normaliseVendor, reasonMessage } from './conflicts';

// province p → cities c1, c2 → counties k11, k12, k21 → institutions
const expert = (over: Partial<ExpertProfile> = {}): ExpertProfile => ({
  id: 'e1',
  userId: 'u1',
  name: '王专家',
  affiliationOrgId: 'h21',
  affiliationPath: ['p', 'c2', 'k21', 'h21'],
  cityId: 'c2',
  pools: ['qualitative'],
  specialties: ['datasets'],
  vendorTies: [],
  consultedOrgIds: [],
  unavailable: [],
  active: true,
  ...over,
});

const applicant = (over: Partial<ApplicantForReview> = {}): ApplicantForReview => ({
  applicationId: 'a1',
  organisationId: 'h11',
  organisationPath: ['p', 'c1', 'k11', 'h11'],
  cityId: 'c1',
  vendors: ['卫宁健康'],
  neededSpecialties: [],
  ...over,
});

const ctx = { scope: 'province' as const, declared: [], pool: 'qualitative' as const, load: 0 };

describe('conflictsOf', () => {
  it('finds none between unrelated organisations', () => {
    expect(conflictsOf(expert(), applicant(), 'province', [])).toEqual([]);
  });

  it('same organisation: the affiliation is the applicant', () => {
    const e = expert({ affiliationOrgId: 'h11', affiliationPath: ['p', 'c1', 'k11', 'h11'], cityId: 'c1' });
    expect(conflictsOf(e, applicant(), 'province', [])).toEqual([{ kind: 'same_organisation', detail: 'h11' }]);
  });

  it('same organisation: the expert sits above the applicant (its group, its county)', () => {
    const e = expert({ affiliationOrgId: 'k11', affiliationPath: ['p', 'c1', 'k11'], cityId: 'c1' });
    expect(conflictsOf(e, applicant(), 'province', [])).toEqual([{ kind: 'same_organisation', detail: 'k11' }]);
  });

  it('same organisation: the applicant sits above the expert (a branch of the applicant)', () => {
    const e = expert({ affiliationOrgId: 'h11b', affiliationPath: ['p', 'c1', 'k11', 'h11', 'h11b'], cityId: 'c1' });
    expect(conflictsOf(e, applicant(), 'province', [])).toEqual([{ kind: 'same_organisation', detail: 'h11' }]);
  });

  it('same parent: two institutions of one county', () => {
    const e = expert({ affiliationOrgId: 'h12', affiliationPath: ['p', 'c1', 'k11', 'h12'], cityId: 'c1' });
    expect(conflictsOf(e, applicant(), 'province', [])).toEqual([{ kind: 'same_parent', detail: 'k11' }]);
  });

  it('no same parent for roots or different parents', () => {
    const root = expert({ affiliationOrgId: 'x', affiliationPath: ['x'], cityId: null });
    expect(conflictsOf(root, applicant({ organisationId: 'y', organisationPath: ['y'] }), 'nation', [])).toEqual([]);
    const cousin = expert({ affiliationOrgId: 'h13', affiliationPath: ['p', 'c1', 'k12', 'h13'], cityId: 'c1' });
    expect(conflictsOf(cousin, applicant(), 'province', [])).toEqual([]);
  });

  it('same city only in a city cycle', () => {
    const e = expert({ affiliationOrgId: 'h13', affiliationPath: ['p', 'c1', 'k12', 'h13'], cityId: 'c1' });
    expect(conflictsOf(e, applicant(), 'province', [])).toEqual([]);
    expect(conflictsOf(e, applicant(), 'nation', [])).toEqual([]);
    expect(conflictsOf(e, applicant(), 'city', [])).toEqual([{ kind: 'same_city', detail: 'c1' }]);
    expect(conflictsOf(expert({ cityId: null }), applicant({ cityId: null }), 'city', [])).toEqual([]);
  });

  it('vendor ties match without case or white space, once per vendor', () => {
    const e = expert({ vendorTies: ['  winning  health ', '东华软件'] });
    const a = applicant({ vendors: ['Winning Health', 'WINNINGHEALTH', 'Neusoft'] });
    expect(conflictsOf(e, a, 'province', [])).toEqual([{ kind: 'vendor', detail: 'Winning Health' }]);
    expect(normaliseVendor('Ｗｉｎｎｉｎｇ\u3000Health')).toBe('winninghealth');
    expect(conflictsOf(expert({ vendorTies: [''] }), applicant({ vendors: ['  '] }), 'province', [])).toEqual([]);
  });

  it('two vendors tied: two conflicts', () => {
    const e = expert({ vendorTies: ['卫宁健康', '东华软件'] });
    const a = applicant({ vendors: ['东华软件', '卫宁健康'] });
    expect(conflictsOf(e, a, 'province', []).map((c) => c.detail)).toEqual(['东华软件', '卫宁健康']);
  });

  it('prior consulting for the applicant', () => {
    expect(conflictsOf(expert({ consultedOrgIds: ['h11'] }), applicant(), 'province', [])).toEqual([
      { kind: 'consulting', detail: 'h11' },
    ]);
    expect(conflictsOf(expert({ consultedOrgIds: ['h12'] }), applicant(), 'province', [])).toEqual([]);
  });

  it('declared for this expert and this application only', () => {
    const declared = [
      { expertId: 'e1', applicationId: 'a1', reason: '近亲属在该院任职' },
      { expertId: 'e1', applicationId: 'a2', reason: 'other' },
      { expertId: 'e2', applicationId: 'a1', reason: 'other' },
    ];
    expect(conflictsOf(expert(), applicant(), 'province', declared)).toEqual([
      { kind: 'declared', detail: '近亲属在该院任职' },
    ]);
  });

  it('lists every conflict in order', () => {
    const e = expert({
      affiliationOrgId: 'h11',
      affiliationPath: ['p', 'c1', 'k11', 'h11'],
      cityId: 'c1',
      vendorTies: ['卫宁健康'],
      consultedOrgIds: ['h11'],
    });
    const kinds = conflictsOf(e, applicant(), 'city', [{ expertId: 'e1', applicationId: 'a1', reason: 'r' }]).map(
      (c) => c.kind,
    );
    expect(kinds).toEqual(['same_organisation', 'same_city', 'vendor', 'consulting', 'declared']);
  });
});

describe('eligibilityOf', () => {
  it('an active expert of the pool without conflict is eligible', () => {
    expect(eligibilityOf(expert(), applicant(), ctx)).toEqual({ eligible: true, reasons: [] });
  });

  it('gives every reason, in order', () => {
    const e = expert({
      active: false,
      pools: ['quantitative'],
      unavailable: [
        { from: '2024-05-01', to: '2024-05-10' },
        { from: '2024-05-10', to: '2024-05-12' },
        { from: '2024-06-01', to: '2024-06-02' },
      ],
      consultedOrgIds: ['h11'],
    });
    const r = eligibilityOf(e, applicant(), { ...ctx, sessionDate: '2024-05-10', load: 3, maxLoad: 3 });
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual<Reason[]>([
      { code: 'inactive' },
      { code: 'wrong_pool', pool: 'qualitative' },
      { code: 'unavailable', from: '2024-05-01', to: '2024-05-10' },
      { code: 'unavailable', from: '2024-05-10', to: '2024-05-12' },
      { code: 'at_capacity', load: 3, max: 3 },
      { code: 'conflict', conflict: { kind: 'consulting', detail: 'h11' } },
    ]);
  });

  it('unavailability is inclusive and needs a session date', () => {
    const e = expert({ unavailable: [{ from: '2024-05-01', to: '2024-05-03' }] });
    const on = (d: string): boolean => eligibilityOf(e, applicant(), { ...ctx, sessionDate: d }).eligible;
    expect([on('2024-04-30'), on('2024-05-01'), on('2024-05-03'), on('2024-05-04')]).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(eligibilityOf(e, applicant(), ctx).eligible).toBe(true);
  });

  it('capacity: below the maximum is fine, no maximum no limit', () => {
    expect(eligibilityOf(expert(), applicant(), { ...ctx, load: 2, maxLoad: 3 }).eligible).toBe(true);
    expect(eligibilityOf(expert(), applicant(), { ...ctx, load: 99 }).eligible).toBe(true);
  });

  it('is eligible exactly when there is no reason, and every conflict is a reason', () => {
    const ids = fc.constantFrom('h11', 'h12', 'h21', 'k11', 'c1');
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.subarray(['quantitative', 'qualitative'] as const),
        fc.nat(5),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        fc.array(ids, { maxLength: 3 }),
        fc.constantFrom('nation' as const, 'province' as const, 'city' as const),
        (active, pools, load, maxLoad, consulted, scope) => {
          const e = expert({ active, pools, consultedOrgIds: consulted, cityId: 'c1' });
          const r = eligibilityOf(e, applicant(), { ...ctx, scope, load, maxLoad });
          expect(r.eligible).toBe(r.reasons.length === 0);
          const conflicts = conflictsOf(e, applicant(), scope, []);
          expect(r.reasons.filter((x) => x.code === 'conflict')).toEqual(
            conflicts.map((conflict) => ({ code: 'conflict', conflict })),
          );
        },
      ),
    );
  });
});

describe('describeReason', () => {
  const all: Reason[] = [
    { code: 'inactive' },
    { code: 'wrong_pool', pool: 'quantitative' },
    { code: 'unavailable', from: '2024-05-01', to: '2024-05-03' },
    { code: 'at_capacity', load: 4, max: 4 },
    { code: 'conflict', conflict: { kind: 'same_organisation', detail: 'h11' } },
    { code: 'conflict', conflict: { kind: 'same_parent', detail: 'k11' } },
    { code: 'conflict', conflict: { kind: 'same_city', detail: 'c1' } },
    { code: 'conflict', conflict: { kind: 'vendor', detail: '卫宁健康' } },
    { code: 'conflict', conflict: { kind: 'consulting', detail: 'h11' } },
    { code: 'conflict', conflict: { kind: 'declared', detail: '近亲属在该院任职' } },
  ];

  it('reads in Chinese', () => {
    expect(all.map((r) => describeReason(r, 'zh'))).toEqual([
      '专家已停用',
      '专家不在定量测试专家库中',
      '专家2024年5月1日至2024年5月3日期间不能参加',
      '专家已分配4个申请，达到上限4个',
      '与申请单位属同一机构（或上下级机构）',
      '与申请单位属同一上级机构',
      '与申请单位属同一城市（市级测评）',
      '与申请单位的承建单位“卫宁健康”有关联',
      '曾为申请单位提供咨询服务',
      '本人申报回避：近亲属在该院任职',
    ]);
  });

  it('reads in English', () => {
    expect(all.map((r) => describeReason(r, 'en'))).toEqual([
      'The expert is inactive',
      'The expert is not in the Quantitative testing pool',
      'The expert is unavailable from 2024-05-01 to 2024-05-03',
      'The expert already has 4 applications, the most one takes is 4',
      'Same organisation as the applicant (or one contains the other)',
      'Same parent organisation as the applicant',
      'Same city as the applicant (a city’s cycle)',
      'Works or worked for the applicant’s vendor “卫宁健康”',
      'Has consulted for the applicant',
      'Declared a conflict: 近亲属在该院任职',
    ]);
  });

  it('names a catalogue code for every reason, leaving no placeholder', () => {
    for (const r of all) {
      expect(reasonMessage(r).code).toMatch(/^review\./);
      for (const lang of ['zh', 'en'] as const) expect(describeReason(r, lang)).not.toMatch(/[{}]/);
    }
  });
});
