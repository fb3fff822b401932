import type { HospitalGrade, OrgKind } from '@hutong/platform-model';
import type { Role } from '@hutong/platform-model';
import type { OrgImportRow } from './organisations';

/**
 * Demo data for the seed: 河南省 with four cities, real region codes for their counties and
 * about sixty institutions. Names are plausible and grades are made up for the demo: nothing here
 * is an authoritative record of any real institution's grade or code.
 */

export const DEMO_PASSWORD = 'Hutong-demo-2026';

export const DEMO_PROVINCE_CODE = '410000';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  organisationCode: string;
  /** Code of the organisation whose subtree the user acts on; null for admins and the national body (nationwide). */
  jurisdictionCode: string | null;
}

interface Region {
  code: string;
  name: string;
}

interface CityPlan extends Region {
  counties: Region[];
}

/** [name, kind, grade, region code of the parent (a county, city or the province)] */
type InstitutionPlan = [name: string, kind: Exclude<OrgKind, 'region'>, grade: HospitalGrade | null, parent: string];

const CITIES: CityPlan[] = [
  {
    code: '410100',
    name: '郑州市',
    counties: [
      { code: '410102', name: '中原区' },
      { code: '410103', name: '二七区' },
      { code: '410105', name: '金水区' },
    ],
  },
  {
    code: '411500',
    name: '信阳市',
    counties: [
      { code: '411502', name: '浉河区' },
      { code: '411503', name: '平桥区' },
      { code: '411521', name: '罗山县' },
      { code: '411522', name: '光山县' },
      { code: '411523', name: '新县' },
      { code: '411524', name: '商城县' },
      { code: '411525', name: '固始县' },
      { code: '411526', name: '潢川县' },
      { code: '411527', name: '淮滨县' },
      { code: '411528', name: '息县' },
    ],
  },
  {
    code: '410300',
    name: '洛阳市',
    counties: [
      { code: '410303', name: '西工区' },
      { code: '410305', name: '涧西区' },
    ],
  },
  {
    code: '411300',
    name: '南阳市',
    counties: [
      { code: '411302', name: '宛城区' },
      { code: '411303', name: '卧龙区' },
    ],
  },
];

const INSTITUTIONS: InstitutionPlan[] = [
  ['河南省互联互通测评分中心', 'assessment_centre', null, '410000'],

  ['郑州市卫生健康委员会', 'health_commission', null, '410100'],
  ['郑州市中心医院', 'hospital', '3A', '410102'],
  ['郑州市中原区人民医院', 'hospital', '2A', '410102'],
  ['郑州市第七人民医院', 'hospital', '3B', '410103'],
  ['郑州市二七区人民医院', 'hospital', '2A', '410103'],
  ['河南省人民医院', 'hospital', '3A', '410105'],
  ['郑州市金水区总医院', 'hospital', '2A', '410105'],
  ['郑州市金水区妇幼保健院', 'hospital', '2B', '410105'],
  ['郑州市金水区文化路社区卫生服务中心', 'hospital', '1', '410105'],

  ['信阳市卫生健康委员会', 'health_commission', null, '411500'],
  ['信阳市全民健康信息平台', 'regional_platform', null, '411500'],
  ['信阳市中心医院', 'hospital', '3A', '411502'],
  ['信阳市中医院', 'hospital', '3A', '411502'],
  ['信阳市第三人民医院', 'hospital', '3B', '411502'],
  ['信阳市妇幼保健院', 'hospital', '3B', '411502'],
  ['信阳市第四人民医院', 'hospital', '2A', '411502'],
  ['信阳市浉河区人民医院', 'hospital', '2A', '411502'],
  ['信阳市浉河区中医院', 'hospital', '2B', '411502'],
  ['信阳市浉河区五星街道社区卫生服务中心', 'hospital', '1', '411502'],
  ['信阳市浉河区董家河镇卫生院', 'hospital', 'ungraded', '411502'],
  ['信阳市平桥区人民医院', 'hospital', '2A', '411503'],
  ['信阳市第五人民医院', 'hospital', '2A', '411503'],
  ['信阳市平桥区中医院', 'hospital', '2B', '411503'],
  ['信阳市平桥区明港镇卫生院', 'hospital', '1', '411503'],
  ['信阳市平桥区洋山社区卫生服务中心', 'hospital', 'ungraded', '411503'],
  ['罗山县人民医院', 'hospital', '2A', '411521'],
  ['罗山县中医院', 'hospital', '2A', '411521'],
  ['罗山县妇幼保健院', 'hospital', '2B', '411521'],
  ['光山县人民医院', 'hospital', '2A', '411522'],
  ['光山县中医院', 'hospital', '2B', '411522'],
  ['光山县妇幼保健院', 'hospital', '1', '411522'],
  ['新县人民医院', 'hospital', '2A', '411523'],
  ['新县中医院', 'hospital', '2B', '411523'],
  ['商城县人民医院', 'hospital', '2A', '411524'],
  ['商城县中医院', 'hospital', '2A', '411524'],
  ['商城县妇幼保健院', 'hospital', '1', '411524'],
  ['固始县人民医院', 'hospital', '3B', '411525'],
  ['固始县中医院', 'hospital', '2A', '411525'],
  ['固始县妇幼保健院', 'hospital', '2B', '411525'],
  ['固始县陈淋子镇卫生院', 'hospital', 'ungraded', '411525'],
  ['潢川县人民医院', 'hospital', '2A', '411526'],
  ['潢川县中医院', 'hospital', '2A', '411526'],
  ['潢川县妇幼保健院', 'hospital', '2B', '411526'],
  ['淮滨县人民医院', 'hospital', '2A', '411527'],
  ['淮滨县中医院', 'hospital', '2B', '411527'],
  ['息县人民医院', 'hospital', '2A', '411528'],
  ['息县中医院', 'hospital', '2B', '411528'],
  ['息县妇幼保健院', 'hospital', '1', '411528'],

  ['洛阳市卫生健康委员会', 'health_commission', null, '410300'],
  ['洛阳市中心医院', 'hospital', '3A', '410303'],
  ['洛阳市第三人民医院', 'hospital', '3B', '410303'],
  ['洛阳市西工区人民医院', 'hospital', '2B', '410303'],
  ['洛阳市第一人民医院', 'hospital', '3A', '410305'],
  ['洛阳市涧西区人民医院', 'hospital', '2A', '410305'],
  ['洛阳市涧西区长安路社区卫生服务中心', 'hospital', '1', '410305'],

  ['南阳市卫生健康委员会', 'health_commission', null, '411300'],
  ['南阳市中心医院', 'hospital', '3A', '411302'],
  ['南阳市宛城区人民医院', 'hospital', '2A', '411302'],
  ['南阳市宛城区妇幼保健院', 'hospital', '1', '411302'],
  ['南阳市第一人民医院', 'hospital', '3A', '411303'],
  ['南阳市第二人民医院', 'hospital', '3B', '411303'],
  ['南阳市卧龙区人民医院', 'hospital', '2B', '411303'],
  ['南阳市卧龙区七里园乡卫生院', 'hospital', 'ungraded', '411303'],
];

/** Characters of a 统一社会信用代码 (GB 32100: no I, O, S, V, Z) and the weights of its check character. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Weights of the check character of the 9-character 组织机构代码 inside it (GB 11714). */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function orgCodeCheck(body: string): string {
  const sum = [...body].reduce((s, c, i) => s + parseInt(c, 36) * ORG_CODE_WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function usccCheck(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + USCC_CHARS.indexOf(c) * USCC_WEIGHTS[i], 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/**
 * A deterministic 18-character code shaped like the 统一社会信用代码 of a public institution
 * (事业单位: "12"), with its region code and valid check characters: '12' + region (6) + 组织机构代码 (9) + check.
 */
export function demoInstitutionCode(regionCode: string, serial: number): string {
  const body = String(41_500_000 + serial * 7_919)
    .padStart(8, '0')
    .slice(-8);
  const first17 = `12${regionCode}${body}${orgCodeCheck(body)}`;
  return first17 + usccCheck(first17);
}

/** The demo hierarchy as import rows (province, cities, counties, institutions), lines from 2. */
export function demoProvinceRows(): OrgImportRow[] {
  const rows: OrgImportRow[] = [];
  const add = (row: Omit<OrgImportRow, 'line'>) => rows.push({ line: rows.length + 2, ...row });
  const region = (code: string, name: string, level: 'province' | 'city' | 'county', parentCode: string | null) =>
    add({ code, name, level, kind: 'region', parentCode, regionCode: code, grade: null });

  region(DEMO_PROVINCE_CODE, '河南省', 'province', null);
  for (const city of CITIES) region(city.code, city.name, 'city', DEMO_PROVINCE_CODE);
  for (const city of CITIES) for (const county of city.counties) region(county.code, county.name, 'county', city.code);
  INSTITUTIONS.forEach(([name, kind, grade, parent], i) =>
    add({
      code: demoInstitutionCode(parent, i + 1),
      name,
      level: 'institution',
      kind,
      parentCode: parent,
      regionCode: parent,
      grade,
    }),
  );
  return rows;
}

function codeOf(name: string): string {
  const row = demoProvinceRows().find((r) => r.name === name);
  if (!row) throw new Error(`demo organisation ${name} is missing`);
  return row.code;
}

/** One demo user per role (all share DEMO_PASSWORD). */
export function demoUsers(): DemoUser[] {
  const xinyangCommission = codeOf('信阳市卫生健康委员会');
  const xinyangCentral = codeOf('信阳市中心医院');
  return [
    {
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      organisationCode: DEMO_PROVINCE_CODE,
      jurisdictionCode: null,
    },
    {
      // the 国家级管理机构: nationwide, no jurisdiction to name; it belongs to the demo's root organisation, as admin
      username: 'national',
      displayName: '国家级管理机构测评管理员',
      role: 'national',
      organisationCode: DEMO_PROVINCE_CODE,
      jurisdictionCode: null,
    },
    {
      username: 'coordinator',
      displayName: '信阳市测评管理员',
      role: 'coordinator',
      organisationCode: xinyangCommission,
      jurisdictionCode: '411500',
    },
    {
      username: 'viewer',
      displayName: '信阳市督导',
      role: 'viewer',
      organisationCode: xinyangCommission,
      jurisdictionCode: '411500',
    },
    {
      username: 'applicant',
      displayName: '信阳市中心医院联系人',
      role: 'applicant',
      organisationCode: xinyangCentral,
      jurisdictionCode: xinyangCentral,
    },
    {
      username: 'expert',
      displayName: '评审专家',
      role: 'expert',
      organisationCode: codeOf('河南省互联互通测评分中心'),
      jurisdictionCode: DEMO_PROVINCE_CODE,
    },
  ];
}
