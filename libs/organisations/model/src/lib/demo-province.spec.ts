import { ROLES } from '@hutong/platform-model';
import { demoInstitutionCode, demoProvinceRows, demoUsers } from './demo-province';
import { GRADE_LABELS_ZH } from '@hutong/platform-model';
import { validateOrgImport, type OrgImportRow } from './organisations';

const HEADER = ['code', 'name', 'level', 'kind', 'parent_code', 'region_code', 'grade'];

function asTable(rows: OrgImportRow[]): string[][] {
  return [
    HEADER,
    ...rows.map((r) => [r.code, r.name, r.level, r.kind, r.parentCode ?? '', r.regionCode, r.grade ?? '']),
  ];
}

describe('demoProvinceRows', () => {
  const rows = demoProvinceRows();
  const institutions = rows.filter((r) => r.level === 'institution');
  const byName = new Map(rows.map((r) => [r.name, r]));

  it('passes the import validation as a table with the English headers, into an empty database', () => {
    const result = validateOrgImport(asTable(rows), () => undefined, true);
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(rows.length);
  });

  it('also passes with Chinese labels for level, kind and grade', () => {
    const zh: Record<string, string> = { province: '省', city: '市', county: '区县', institution: '机构' };
    const table = asTable(rows).map((r, i) =>
      i === 0
        ? r
        : [
            r[0],
            r[1],
            zh[r[2]],
            r[3] === 'region' ? '' : r[3],
            r[4],
            r[5],
            r[6] ? GRADE_LABELS_ZH[r[6] as keyof typeof GRADE_LABELS_ZH] : '',
          ],
    );
    expect(validateOrgImport(table, () => undefined, true).errors).toEqual([]);
  });

  it('numbers the lines from 2 without gaps', () => {
    expect(rows.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
  });

  it('is deterministic', () => {
    expect(demoProvinceRows()).toEqual(rows);
  });

  it('has unique codes and names', () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  it('holds 河南省 with 郑州, 信阳, 洛阳 and 南阳', () => {
    expect(rows[0]).toEqual({
      line: 2,
      code: '410000',
      name: '河南省',
      level: 'province',
      kind: 'region',
      parentCode: null,
      regionCode: '410000',
      grade: null,
    });
    const cities = rows.filter((r) => r.level === 'city');
    expect(cities.map((r) => [r.code, r.name, r.parentCode])).toEqual([
      ['410100', '郑州市', '410000'],
      ['411500', '信阳市', '410000'],
      ['410300', '洛阳市', '410000'],
      ['411300', '南阳市', '410000'],
    ]);
  });

  it.each([
    ['411502', '浉河区'],
    ['411503', '平桥区'],
    ['411521', '罗山县'],
    ['411522', '光山县'],
    ['411523', '新县'],
    ['411524', '商城县'],
    ['411525', '固始县'],
    ['411526', '潢川县'],
    ['411527', '淮滨县'],
    ['411528', '息县'],
    ['410102', '中原区'],
    ['410103', '二七区'],
    ['410105', '金水区'],
    ['410303', '西工区'],
    ['410305', '涧西区'],
    ['411302', '宛城区'],
    ['411303', '卧龙区'],
  ])('has the county %s %s with its real region code', (code, name) => {
    expect(byName.get(name)).toMatchObject({
      code,
      regionCode: code,
      level: 'county',
      kind: 'region',
      parentCode: `${code.slice(0, 4)}00`,
    });
  });

  it('has 55 to 70 institutions with at least 5 distinct grades', () => {
    expect(institutions.length).toBeGreaterThanOrEqual(55);
    expect(institutions.length).toBeLessThanOrEqual(70);
    const grades = new Set(institutions.map((r) => r.grade).filter((g) => g !== null));
    expect(grades.size).toBeGreaterThanOrEqual(5);
    expect([...grades]).toEqual(expect.arrayContaining(['3A', '3B', '2A', '2B', '1', 'ungraded']));
  });

  it('gives institutions 18-character codes shaped like a 统一社会信用代码 of their region', () => {
    for (const r of institutions) {
      expect(r.code).toMatch(/^12\d{6}[0-9A-Z]{10}$/);
      expect(r.code.slice(2, 8)).toBe(r.regionCode);
      expect(r.code).not.toMatch(/[IOSVZ]/);
    }
  });

  it('computes the GB 32100 check character', () => {
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const code = demoInstitutionCode('411502', 1);
    const sum = [...code.slice(0, 17)].reduce((s, c, i) => s + chars.indexOf(c) * weights[i], 0);
    expect((sum + chars.indexOf(code[17])) % 31).toBe(0);
  });

  it.each([
    ['信阳市中心医院', 'hospital', '3A', '411502'],
    ['固始县人民医院', 'hospital', '3B', '411525'],
    ['罗山县中医院', 'hospital', '2A', '411521'],
    ['信阳市卫生健康委员会', 'health_commission', null, '411500'],
    ['郑州市卫生健康委员会', 'health_commission', null, '410100'],
    ['洛阳市卫生健康委员会', 'health_commission', null, '410300'],
    ['南阳市卫生健康委员会', 'health_commission', null, '411300'],
    ['信阳市全民健康信息平台', 'regional_platform', null, '411500'],
    ['河南省互联互通测评分中心', 'assessment_centre', null, '410000'],
  ])('places %s (%s, %s) under %s', (name, kind, grade, parent) => {
    expect(byName.get(name)).toMatchObject({
      level: 'institution',
      kind,
      grade,
      parentCode: parent,
      regionCode: parent,
    });
  });

  it('puts only hospitals in a grade', () => {
    for (const r of institutions) expect(r.grade !== null).toBe(r.kind === 'hospital');
  });
});

describe('demoUsers', () => {
  const rows = demoProvinceRows();
  const codeOf = (name: string) => rows.find((r) => r.name === name)?.code;

  it('has one user per role, with the agreed organisations and jurisdictions', () => {
    expect(demoUsers()).toEqual([
      {
        username: 'admin',
        displayName: '系统管理员',
        role: 'admin',
        organisationCode: '410000',
        jurisdictionCode: null,
      },
      {
        username: 'national',
        displayName: '国家级管理机构测评管理员',
        role: 'national',
        organisationCode: '410000',
        jurisdictionCode: null,
      },
      {
        username: 'coordinator',
        displayName: '信阳市测评管理员',
        role: 'coordinator',
        organisationCode: codeOf('信阳市卫生健康委员会'),
        jurisdictionCode: '411500',
      },
      {
        username: 'viewer',
        displayName: '信阳市督导',
        role: 'viewer',
        organisationCode: codeOf('信阳市卫生健康委员会'),
        jurisdictionCode: '411500',
      },
      {
        username: 'applicant',
        displayName: '信阳市中心医院联系人',
        role: 'applicant',
        organisationCode: codeOf('信阳市中心医院'),
        jurisdictionCode: codeOf('信阳市中心医院'),
      },
      {
        username: 'expert',
        displayName: '评审专家',
        role: 'expert',
        organisationCode: codeOf('河南省互联互通测评分中心'),
        jurisdictionCode: '410000',
      },
    ]);
    expect(
      demoUsers()
        .map((u) => u.role)
        .sort(),
    ).toEqual([...ROLES].sort());
  });

  it('refers only to organisations of the demo', () => {
    const codes = new Set(rows.map((r) => r.code));
    for (const u of demoUsers()) {
      expect(codes.has(u.organisationCode)).toBe(true);
      if (u.jurisdictionCode !== null) expect(codes.has(u.jurisdictionCode)).toBe(true);
    }
  });
});
