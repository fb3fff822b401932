import {
  GRADE_LABELS_ZH,
  KIND_LABELS_ZH,
  ORG_LEVEL_LABELS_ZH,
  errorsOf,
  type MessageCatalogue,
  type MessageTable,
} from '@hutong/platform-model';
import type { HospitalGrade, OrgKind, OrgLevel } from '@hutong/platform-model';

const LEVEL_EN: Record<OrgLevel, string> = {
  province: 'province',
  city: 'city',
  county: 'county / district',
  institution: 'institution',
};
const KIND_EN: Record<OrgKind, string> = {
  region: 'region',
  hospital: 'hospital',
  regional_platform: 'regional platform',
  health_commission: 'health commission',
  assessment_centre: 'assessment centre',
};
const GRADE_EN: Record<HospitalGrade, string> = {
  '3A': 'Grade III A',
  '3B': 'Grade III B',
  '3': 'Grade III',
  '2A': 'Grade II A',
  '2B': 'Grade II B',
  '2': 'Grade II',
  '1': 'Grade I',
  ungraded: 'Ungraded',
};

function table<K extends string>(
  zh: Record<K, string>,
  en: Record<K, string>,
): Record<string, { zh: string; en: string }> {
  return Object.fromEntries(Object.keys(zh).map((k) => [k, { zh: zh[k as K], en: en[k as K] }]));
}

/** The organisations capability's codes (zh/en): the hierarchy's rules, deleting, the import. */
export const ORGANISATION_MESSAGES = {
  'organisation.code_format': {
    zh: '编码应为2–32位字母、数字或连字符',
    en: 'The code has 2–32 letters, digits or hyphens',
  },
  'organisation.name_length': { zh: '名称应为1–200个字符', en: 'The name has 1–200 characters' },
  'organisation.level_invalid': { zh: '层级无效', en: 'Not a valid level' },
  'organisation.kind_invalid': { zh: '类型无效', en: 'Not a valid kind' },
  'organisation.grade_invalid': { zh: '医院等级无效', en: 'Not a valid hospital grade' },
  'organisation.parent_id_invalid': { zh: '上级标识无效', en: 'Not a valid parent id' },
  'organisation.kind_not_for_level': {
    status: 400,
    zh: '层级为{level|orgLevel}时类型不能是{kind|orgKind}',
    en: 'An organisation at level {level|orgLevel} cannot be a {kind|orgKind}',
  },
  'organisation.grade_only_hospital': {
    status: 400,
    zh: '只有医院可以填写医院等级',
    en: 'Only hospitals have a hospital grade',
  },
  'organisation.province_no_parent': { status: 400, zh: '省级节点不能有上级', en: 'A province has no parent' },
  'organisation.parent_required': { status: 400, zh: '上级不能为空', en: 'Choose the parent' },
  'organisation.level_under_parent': {
    status: 400,
    zh: '{level|orgLevel}不能挂在{parent|orgLevel}之下',
    en: 'A {level|orgLevel} cannot be placed under a {parent|orgLevel}',
  },
  'organisation.province_create_admin_only': {
    status: 403,
    zh: '只有系统管理员可以新增省级节点',
    en: 'Only a system administrator can add a province',
  },
  'organisation.province_edit_admin_only': {
    status: 403,
    zh: '只有系统管理员可以修改省级节点',
    en: 'Only a system administrator can edit a province',
  },
  'organisation.code_taken': { status: 409, zh: '编码“{code}”已被使用', en: 'The code “{code}” is already taken' },
  'organisation.in_use': {
    status: 409,
    zh: '该机构已有测评申请、测评批次或异议引用，不能删除',
    en: 'Assessment applications, cycles or objections refer to this organisation: it cannot be deleted',
  },
  'organisation.has_children': {
    status: 409,
    zh: '该机构下还有下级机构，不能删除',
    en: 'The organisation still has organisations under it: it cannot be deleted',
  },
  'region.code_format': { status: 400, zh: '行政区划代码必须是6位数字', en: 'The region code has 6 digits' },
  'region.province_suffix': {
    status: 400,
    zh: '省级行政区划代码应以0000结尾',
    en: 'A province’s region code ends in 0000',
  },
  'region.city_suffix': {
    status: 400,
    zh: '市级行政区划代码应以00结尾且不以0000结尾',
    en: 'A city’s region code ends in 00 but not in 0000',
  },
  'region.county_suffix': {
    status: 400,
    zh: '区县级行政区划代码不应以00结尾',
    en: 'A county’s region code does not end in 00',
  },
  'region.outside_parent': {
    status: 400,
    zh: '行政区划代码{code}不在上级区域{parent}之内',
    en: 'The region code {code} lies outside the parent’s area {parent}',
  },
  'import.file_missing': {
    status: 400,
    zh: '请选择要导入的文件（字段名 file）',
    en: 'Choose the file to import (field file)',
  },
  'import.not_a_table': { status: 422, zh: '文件既不是CSV也不是XLSX', en: 'The file is neither CSV nor XLSX' },
  'import.unreadable_xlsx': { status: 422, zh: '无法读取XLSX文件', en: 'The XLSX file cannot be read' },
  'import.bad_csv': { status: 422, zh: 'CSV格式错误：{detail}', en: 'The CSV is malformed: {detail}' },
  'import.inflated_too_large': {
    status: 413,
    zh: 'XLSX文件解压后超过 {mb} MB，请拆分后再导入',
    en: 'The XLSX inflates to more than {mb} MB: split it and import the parts',
  },
  'import.too_many_rows': {
    status: 413,
    zh: '一次最多导入 {max} 行，请拆分后再导入',
    en: 'At most {max} rows per import: split the file and import the parts',
  },
  'import.rows_invalid': {
    status: 422,
    zh: '共{n}行有错误，未写入任何数据',
    en: '{n} rows have errors; nothing was written',
  },
} satisfies MessageTable;

export type OrganisationMessageCode = keyof typeof ORGANISATION_MESSAGES;

export const ORGANISATION_CATALOGUE: MessageCatalogue<typeof ORGANISATION_MESSAGES> = {
  messages: ORGANISATION_MESSAGES,
  labels: {
    entity: {
      organisation: { zh: '机构', en: 'organisation' },
      parent_organisation: { zh: '上级机构', en: 'parent organisation' },
      import: { zh: '导入任务', en: 'import' },
    },
    orgLevel: table(ORG_LEVEL_LABELS_ZH, LEVEL_EN),
    orgKind: table(KIND_LABELS_ZH, KIND_EN),
    grade: table(GRADE_LABELS_ZH, GRADE_EN),
  },
};

/** `orgError('organisation.in_use')`: typed codes, the status from the catalogue. */
export const orgError = errorsOf(ORGANISATION_MESSAGES);
