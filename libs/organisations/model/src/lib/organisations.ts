import { renderMessage, type DomainError } from '@hutong/platform-model';
import { ORGANISATION_CATALOGUE, orgError } from './messages';
import {
  HOSPITAL_GRADES,
  ORG_KINDS,
  ORG_LEVELS,
  isWithin,
  GRADE_LABELS_ZH,
  KIND_LABELS_ZH,
  ORG_LEVEL_LABELS_ZH,
  type HospitalGrade,
  type OrgKind,
  type OrgLevel,
} from '@hutong/platform-model';
import { type ImportRowError } from './contracts';

export const LEVEL_RANK: Record<OrgLevel, number> = { province: 0, city: 1, county: 2, institution: 3 };

/** Organisation codes: letters, digits and hyphens, 2–32 characters (e.g. 统一社会信用代码 or a region code). */
export const ORG_CODE_PATTERN = /^[A-Za-z0-9-]{2,32}$/;
export const REGION_CODE_PATTERN = /^[1-9]\d{5}$/;

/** Which parent levels a node of a level may hang under. Institutions may sit under any region. */
export function allowedParentLevels(level: OrgLevel): OrgLevel[] {
  switch (level) {
    case 'province':
      return [];
    case 'city':
      return ['province'];
    case 'county':
      return ['city'];
    case 'institution':
      return ['province', 'city', 'county'];
  }
}

export function kindAllowedForLevel(level: OrgLevel, kind: OrgKind): boolean {
  return level === 'institution' ? kind !== 'region' : kind === 'region';
}

/**
 * The 6-digit administrative division code (行政区划代码) must agree with the hierarchy:
 * a province ends in 0000, a city ends in 00 and shares its province's first two digits,
 * a county shares its city's first four; an institution lies inside its parent's area.
 * Returns the coded reason when it does not.
 */
export function regionCodeRule(
  level: OrgLevel,
  regionCode: string,
  parent: { level: OrgLevel; regionCode: string } | null,
): DomainError | null {
  if (!REGION_CODE_PATTERN.test(regionCode)) return orgError('region.code_format');
  if (level === 'province' && !regionCode.endsWith('0000')) return orgError('region.province_suffix');
  if (level === 'city' && (regionCode.endsWith('0000') || !regionCode.endsWith('00')))
    return orgError('region.city_suffix');
  if (level === 'county' && regionCode.endsWith('00')) return orgError('region.county_suffix');
  if (!parent) return null;
  const prefix = areaPrefix(parent.level, parent.regionCode);
  if (!regionCode.startsWith(prefix))
    return orgError('region.outside_parent', { code: regionCode, parent: parent.regionCode });
  return null;
}

/** regionCodeRule's reason in Chinese (the import's row reasons), or null. */
export function regionCodeProblem(
  level: OrgLevel,
  regionCode: string,
  parent: { level: OrgLevel; regionCode: string } | null,
): string | null {
  const e = regionCodeRule(level, regionCode, parent);
  return e ? renderMessage(ORGANISATION_CATALOGUE, e.code, e.params, 'zh') : null;
}

function areaPrefix(level: OrgLevel, regionCode: string): string {
  switch (level) {
    case 'province':
      return regionCode.slice(0, 2);
    case 'city':
      return regionCode.slice(0, 4);
    default:
      return regionCode;
  }
}

// ---------------------------------------------------------------------------------------------
// Import rows
// ---------------------------------------------------------------------------------------------

export type ImportField = 'code' | 'name' | 'level' | 'kind' | 'parentCode' | 'regionCode' | 'grade';

/** Accepted column headers, Chinese and English (case and spaces ignored). */
export const IMPORT_HEADERS: Record<ImportField, string[]> = {
  code: ['code', '机构编码', '编码'],
  name: ['name', '名称', '机构名称'],
  level: ['level', '层级'],
  kind: ['kind', '类型', '机构类型'],
  parentCode: ['parent_code', 'parentcode', '上级编码'],
  regionCode: ['region_code', 'regioncode', '行政区划代码'],
  grade: ['grade', '医院等级', '等级'],
};
export const REQUIRED_HEADERS: ImportField[] = ['code', 'name', 'level', 'regionCode'];

/**
 * The columns of the import template and of the organisation export, in order, with the Chinese
 * header each one writes (one of IMPORT_HEADERS): an exported file imports back unchanged.
 */
export const IMPORT_COLUMNS: readonly ImportField[] = [
  'code',
  'name',
  'level',
  'kind',
  'parentCode',
  'regionCode',
  'grade',
];
export const IMPORT_HEADER_ZH: Record<ImportField, string> = {
  code: '机构编码',
  name: '名称',
  level: '层级',
  kind: '类型',
  parentCode: '上级编码',
  regionCode: '行政区划代码',
  grade: '医院等级',
};

const LEVEL_ALIASES: Record<string, OrgLevel> = aliases(ORG_LEVELS, ORG_LEVEL_LABELS_ZH, {
  省级: 'province',
  市级: 'city',
  区: 'county',
  县: 'county',
  区县级: 'county',
});
const KIND_ALIASES: Record<string, OrgKind> = aliases(ORG_KINDS, KIND_LABELS_ZH, {
  卫健委: 'health_commission',
  区域: 'region',
});
const GRADE_ALIASES: Record<string, HospitalGrade> = aliases(HOSPITAL_GRADES, GRADE_LABELS_ZH, {
  三甲: '3A',
  三乙: '3B',
  二甲: '2A',
  二乙: '2B',
});

function aliases<T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
  extra: Record<string, T>,
): Record<string, T> {
  // no prototype: a cell such as "constructor" or "toString" must not find a built-in property
  const out: Record<string, T> = Object.create(null);
  for (const v of values) {
    out[v.toLowerCase()] = v;
    out[labels[v]] = v;
  }
  return Object.assign(out, extra);
}

function norm(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, '');
}

/** Maps a header row to field positions; returns the missing required headers as errors. */
export function mapHeaders(header: string[]): {
  columns: Partial<Record<ImportField, number>>;
  errors: ImportRowError[];
} {
  const columns: Partial<Record<ImportField, number>> = {};
  const errors: ImportRowError[] = [];
  header.forEach((h, i) => {
    const key = norm(h.replace(/^\uFEFF/, ''));
    for (const [field, names] of Object.entries(IMPORT_HEADERS) as [ImportField, string[]][]) {
      if (names.some((n) => norm(n) === key)) {
        if (columns[field] !== undefined) errors.push({ line: 1, column: h, reason: `列“${h}”重复` });
        columns[field] = i;
      }
    }
  });
  for (const f of REQUIRED_HEADERS) {
    if (columns[f] === undefined)
      errors.push({ line: 1, column: IMPORT_HEADERS[f][0], reason: `缺少必需列 ${IMPORT_HEADERS[f].join(' / ')}` });
  }
  return { columns, errors };
}

export interface OrgImportRow {
  line: number;
  code: string;
  name: string;
  level: OrgLevel;
  kind: OrgKind;
  parentCode: string | null;
  regionCode: string;
  grade: HospitalGrade | null;
}

/** What the database already holds, by code. */
export interface ExistingOrg {
  code: string;
  level: OrgLevel;
  regionCode: string;
  parentCode: string | null;
  /** true when the node lies inside the importing user's jurisdiction */
  inJurisdiction: boolean;
}

export interface ValidationResult {
  rows: OrgImportRow[];
  errors: ImportRowError[];
}

export const MAX_IMPORT_ROWS = 50_000;

/**
 * Validates every row of an organisation import. Nothing is written unless `errors` is empty.
 * `existing` answers for codes already in the database (parents, or rows that update a node).
 * `canCreateRoots` is true for admins: only they may add a province (a new root).
 */
export function validateOrgImport(
  table: string[][],
  existing: (code: string) => ExistingOrg | undefined,
  canCreateRoots: boolean,
): ValidationResult {
  const errors: ImportRowError[] = [];
  if (table.length === 0) return { rows: [], errors: [{ line: 1, reason: '文件为空' }] };
  const { columns, errors: headerErrors } = mapHeaders(table[0]);
  if (headerErrors.length) return { rows: [], errors: headerErrors };
  const body = table.slice(1);
  if (body.length === 0) return { rows: [], errors: [{ line: 2, reason: '文件没有数据行' }] };
  if (body.length > MAX_IMPORT_ROWS)
    return { rows: [], errors: [{ line: MAX_IMPORT_ROWS + 2, reason: `一次最多导入${MAX_IMPORT_ROWS}行` }] };

  const cell = (r: string[], f: ImportField) => {
    const i = columns[f];
    return i === undefined ? '' : (r[i] ?? '').trim();
  };

  const parsed: OrgImportRow[] = [];
  const byCode = new Map<string, OrgImportRow>();
  body.forEach((r, idx) => {
    const line = idx + 2;
    if (r.every((c) => (c ?? '').trim() === '')) return; // blank lines are ignored
    const before = errors.length;
    const bad = (column: string, reason: string) => errors.push({ line, column, reason });
    const code = cell(r, 'code');
    const name = cell(r, 'name');
    const levelRaw = cell(r, 'level');
    const kindRaw = cell(r, 'kind');
    const gradeRaw = cell(r, 'grade');
    const regionCode = cell(r, 'regionCode');
    const parentCode = cell(r, 'parentCode') || null;

    if (!ORG_CODE_PATTERN.test(code))
      bad('code', code ? `编码“${code}”格式不正确（2–32位字母、数字或连字符）` : '编码不能为空');
    else if (byCode.has(code)) bad('code', `编码“${code}”在文件中重复（第${byCode.get(code)?.line}行）`);
    if (!name) bad('name', '名称不能为空');
    else if (name.length > 200) bad('name', '名称不能超过200个字符');
    const level = LEVEL_ALIASES[norm(levelRaw)] ?? LEVEL_ALIASES[levelRaw];
    if (!level) bad('level', `层级“${levelRaw}”无效，应为 省/市/区县/机构`);
    let kind: OrgKind | undefined;
    if (level && level !== 'institution')
      kind = kindRaw ? (KIND_ALIASES[norm(kindRaw)] ?? KIND_ALIASES[kindRaw]) : 'region';
    else kind = KIND_ALIASES[norm(kindRaw)] ?? KIND_ALIASES[kindRaw];
    if (!kind) bad('kind', kindRaw ? `类型“${kindRaw}”无效` : '机构必须填写类型');
    else if (level && !kindAllowedForLevel(level, kind))
      bad('kind', `层级为${ORG_LEVEL_LABELS_ZH[level]}时类型不能是${KIND_LABELS_ZH[kind]}`);
    let grade: HospitalGrade | null = null;
    if (gradeRaw) {
      const g = GRADE_ALIASES[norm(gradeRaw)] ?? GRADE_ALIASES[gradeRaw];
      if (!g) bad('grade', `医院等级“${gradeRaw}”无效`);
      else if (kind !== 'hospital') bad('grade', '只有医院可以填写医院等级');
      else grade = g;
    }
    if (!REGION_CODE_PATTERN.test(regionCode)) bad('regionCode', '行政区划代码必须是6位数字');
    if (level === 'province' && parentCode) bad('parentCode', '省级节点不能有上级');
    if (level && level !== 'province' && !parentCode) bad('parentCode', '上级编码不能为空');
    if (parentCode && parentCode === code) bad('parentCode', '上级不能是自己');

    if (errors.length === before && level && kind) {
      const row: OrgImportRow = { line, code, name, level, kind, parentCode, regionCode, grade };
      parsed.push(row);
      byCode.set(code, row);
    } else if (code && !byCode.has(code)) {
      // remember the code so that children point at a known (if broken) parent
      byCode.set(code, {
        line,
        code,
        name,
        level: level ?? 'institution',
        kind: kind ?? 'region',
        parentCode,
        regionCode,
        grade,
      });
    }
  });

  if (parsed.length === 0 && errors.length === 0) return { rows: [], errors: [{ line: 2, reason: '文件没有数据行' }] };

  // second pass: references between rows and to the database
  const valid = new Set(parsed.map((r) => r.code));
  for (const row of parsed) {
    const bad = (column: string, reason: string) => errors.push({ line: row.line, column, reason });
    const current = existing(row.code);
    if (current) {
      if (!current.inJurisdiction) {
        bad('code', `编码“${row.code}”已属于您管辖范围以外的机构`);
        continue;
      }
      if (current.level !== row.level)
        bad('level', `已有机构“${row.code}”的层级是${ORG_LEVEL_LABELS_ZH[current.level]}，导入不能修改层级`);
      if ((current.parentCode ?? null) !== row.parentCode)
        bad(
          'parentCode',
          `已有机构“${row.code}”的上级是“${current.parentCode ?? '无'}”，导入不能移动机构，请在机构页面调整`,
        );
    }
    if (row.level === 'province') {
      if (!canCreateRoots && !current) bad('level', '只有系统管理员可以新增省级节点');
      const p = regionCodeProblem(row.level, row.regionCode, null);
      if (p) bad('regionCode', p);
      continue;
    }
    const parentCode = row.parentCode as string;
    const inFile = byCode.get(parentCode);
    const inDb = inFile ? undefined : existing(parentCode);
    if (inFile && !valid.has(parentCode)) {
      bad('parentCode', `上级“${parentCode}”（第${inFile.line}行）本身有错误`);
      continue;
    }
    const parent = inFile ?? inDb;
    if (!parent) {
      bad('parentCode', `上级编码“${parentCode}”不存在`);
      continue;
    }
    // an unchanged row for an existing node (e.g. the jurisdiction root itself) may keep its parent
    if (inDb && !inDb.inJurisdiction && !(current && current.parentCode === parentCode)) {
      bad('parentCode', `上级“${parentCode}”不在您的管辖范围内`);
      continue;
    }
    if (!allowedParentLevels(row.level).includes(parent.level)) {
      bad('parentCode', `${ORG_LEVEL_LABELS_ZH[row.level]}不能挂在${ORG_LEVEL_LABELS_ZH[parent.level]}之下`);
      continue;
    }
    const p = regionCodeProblem(row.level, row.regionCode, parent);
    if (p) bad('regionCode', p);
  }
  // a cycle is impossible: parents must be of a strictly higher level
  errors.sort((a, b) => a.line - b.line);
  return { rows: errors.length ? [] : orderForInsert(parsed), errors };
}

/** Parents before children: by level rank, then file order. */
export function orderForInsert(rows: OrgImportRow[]): OrgImportRow[] {
  return [...rows].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.line - b.line);
}
