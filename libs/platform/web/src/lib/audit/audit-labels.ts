// eslint-disable-next-line @nx/enforce-module-boundaries -- the audit viewer names every capability's actions and states; it is to become a label registry each capability fills (docs/architecture.md)
import { APPLICATION_ACTIONS, APPLICATION_STATES, type ApplicationState } from '@hutong/assessment-model';
import {
  HOSPITAL_GRADES,
  ORG_KINDS,
  ORG_LEVELS,
  ROLES,
  type HospitalGrade,
  type OrgKind,
  type OrgLevel,
  type Role,
} from '@hutong/platform-model';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the audit viewer names every capability's actions and states; it is to become a label registry each capability fills (docs/architecture.md)
import {
  ACTION_LABELS_EN,
  ACTION_LABELS_ZH,
  ASSESSMENT_LEVEL_LABELS_EN,
  ASSESSMENT_LEVEL_LABELS_ZH,
  STATE_LABELS_EN,
  STATE_LABELS_ZH,
} from '@hutong/assessment-model';
import type { Lang } from '../i18n.service';

type Pair = readonly [zh: string, en: string];

/** Every action the api writes, by code. Application transitions are added from the stage machine's labels. */
const ACTIONS: Record<string, Pair> = {
  'auth.login': ['登录', 'Signed in'],
  'auth.login_failed': ['登录失败', 'Failed sign-in'],
  'auth.logout': ['退出登录', 'Signed out'],
  'organisation.create': ['新增机构', 'Created organisation'],
  'organisation.update': ['修改机构', 'Edited organisation'],
  'organisation.delete': ['删除机构', 'Deleted organisation'],
  'organisation.import.queued': ['提交机构导入', 'Queued organisation import'],
  'organisation.import': ['完成机构导入', 'Finished organisation import'],
  'organisation.import.failed': ['机构导入失败', 'Organisation import failed'],
  'organisation.import.create': ['导入新增机构', 'Import created organisation'],
  'organisation.import.update': ['导入更新机构', 'Import updated organisation'],
  'user.create': ['新增用户', 'Created user'],
  'user.update': ['修改用户', 'Edited user'],
  'user.update_password': ['修改用户（含密码）', 'Edited user (password)'],
  'scheme.create': ['新增评价方案', 'Created scheme'],
  'scheme.update': ['修改评价方案', 'Edited scheme'],
  'scheme.new_version': ['评价方案新版本', 'New scheme version'],
  'cycle.create': ['新增测评批次', 'Created cycle'],
  'application.create': ['创建测评申请', 'Created application'],
  'application.consensus_scores': ['录入共识评分', 'Entered consensus scores'],
  'application.conformance': ['录入标准符合性测试结果', 'Recorded the conformance test result'],
  'application.review_consensus': ['录入专家评审汇总结果', 'Recorded the panel’s consolidated result'],
  'application.onsite_result': ['录入现场查验结果', 'Recorded the on-site inspection result'],
  'application.spot_check': ['录入飞行检查结果', 'Recorded the spot check'],
  'evidence.add': ['上传佐证材料', 'Uploaded evidence'],
  'evidence.remove': ['删除佐证材料', 'Removed evidence'],
};
for (const a of APPLICATION_ACTIONS)
  ACTIONS[`application.${a}`] = [`测评申请：${ACTION_LABELS_ZH[a]}`, `Application: ${ACTION_LABELS_EN[a]}`];

/** The action codes, for the filter's options. */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(ACTIONS);

const ENTITY_TYPES: Record<string, Pair> = {
  organisation: ['机构', 'Organisation'],
  user: ['用户', 'User'],
  application: ['测评申请', 'Application'],
  cycle: ['测评批次', 'Cycle'],
  scheme: ['评价方案', 'Scheme'],
  org_import: ['机构导入', 'Organisation import'],
};
export const AUDIT_ENTITY_TYPES: readonly string[] = Object.keys(ENTITY_TYPES);

const FIELDS: Record<string, Pair> = {
  code: ['编码', 'Code'],
  name: ['名称', 'Name'],
  level: ['层级', 'Level'],
  kind: ['类型', 'Kind'],
  grade: ['医院等级', 'Hospital grade'],
  regionCode: ['行政区划代码', 'Region code'],
  parentId: ['上级机构', 'Parent'],
  username: ['用户名', 'User name'],
  displayName: ['姓名', 'Name'],
  email: ['邮箱', 'Email'],
  role: ['角色', 'Role'],
  active: ['状态', 'Status'],
  organisationId: ['所属机构', 'Organisation'],
  jurisdictionId: ['管辖范围', 'Jurisdiction'],
  state: ['阶段', 'Stage'],
  cycleId: ['测评批次', 'Cycle'],
  schemeId: ['评价方案', 'Scheme'],
  schemeIds: ['评价方案', 'Schemes'],
  targetLevel: ['申报等级', 'Target level'],
  derivedLevel: ['评定等级', 'Rated level'],
  fileName: ['文件', 'File'],
  totalRows: ['行数', 'Rows'],
  created: ['新增', 'Created'],
  updated: ['更新', 'Updated'],
  errors: ['错误行数', 'Rows with errors'],
  sha256: ['SHA-256', 'SHA-256'],
  key: ['方案标识', 'Key'],
  version: ['版本', 'Version'],
  itemCode: ['指标', 'Item'],
  evidenceId: ['佐证材料', 'Evidence'],
  size: ['大小（字节）', 'Size (bytes)'],
  year: ['年度', 'Year'],
  batch: ['批次', 'Batch'],
  note: ['备注', 'Note'],
  reason: ['原因', 'Reason'],
  conformance: ['标准符合性测试', 'Conformance test'],
  onsiteResult: ['现场查验结果', 'On-site result'],
  spotCheck: ['飞行检查', 'Spot check'],
  stage: ['评审阶段', 'Review stage'],
  scores: ['评分', 'Scores'],
  opinion: ['评审意见', 'Opinion'],
  documentReviewDoneAt: ['文审汇总时间', 'Document review consolidated'],
  achievedLevel: ['授予等级', 'Awarded level'],
};

const pick = (p: Pair | undefined, lang: Lang, fallback: string) => (p ? p[lang === 'zh' ? 0 : 1] : fallback);

/** 修改机构 / Edited organisation; an unknown code is shown as it is. */
export function actionLabel(action: string, lang: Lang): string {
  return pick(ACTIONS[action], lang, action);
}

export function entityTypeLabel(type: string, lang: Lang): string {
  return pick(ENTITY_TYPES[type], lang, type);
}

export function fieldLabel(field: string, lang: Lang): string {
  return pick(FIELDS[field], lang, field);
}

/** The enum labels the value formatter needs in the current language (the I18nService has them). */
export interface ValueLabels {
  lang: Lang;
  level(v: OrgLevel): string;
  kind(v: OrgKind): string;
  grade(v: HospitalGrade): string;
  role(v: Role): string;
}

const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A value of a snapshot field for people: labels for codes, names for ids (`refs`), — for nothing. */
export function formatValue(field: string, value: unknown, labels: ValueLabels, refs: Record<string, string>): string {
  const zh = labels.lang === 'zh';
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null))
      return value.map((v) => formatValue(field, v, labels, refs)).join(zh ? '、' : ', ');
    return JSON.stringify(value);
  }
  if (typeof value === 'boolean') {
    if (field === 'active') return zh ? (value ? '启用' : '已停用') : value ? 'Active' : 'Deactivated';
    return zh ? (value ? '是' : '否') : value ? 'Yes' : 'No';
  }
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string' && UUID.test(value))
    return refs[value.toLowerCase()] ?? refs[value] ?? value.slice(0, 8);
  if (field === 'level' && isOneOf(ORG_LEVELS, value)) return labels.level(value);
  if (field === 'kind' && isOneOf(ORG_KINDS, value)) return labels.kind(value);
  if (field === 'grade' && isOneOf(HOSPITAL_GRADES, value)) return labels.grade(value);
  if (field === 'role' && isOneOf(ROLES, value)) return labels.role(value);
  if (field === 'state' && isOneOf(APPLICATION_STATES, value))
    return (zh ? STATE_LABELS_ZH : STATE_LABELS_EN)[value as ApplicationState];
  if (field === 'stage' && isOneOf(APPLICATION_STATES, value))
    return (zh ? STATE_LABELS_ZH : STATE_LABELS_EN)[value as ApplicationState];
  if (
    (field === 'targetLevel' || field === 'derivedLevel' || field === 'achievedLevel' || field === 'level') &&
    typeof value === 'string'
  ) {
    const names: Record<string, string> = zh ? ASSESSMENT_LEVEL_LABELS_ZH : ASSESSMENT_LEVEL_LABELS_EN;
    return names[value] ?? value;
  }
  return String(value);
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/**
 * The fields that differ between `before` and `after`, in the snapshot's order: every field of a
 * creation (nothing before) or a deletion (nothing after), only the changed ones of an edit.
 * A snapshot that is not an object (a list of scores) is one change of the field `''`.
 */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  if (before == null && after == null) return [];
  const b = asRecord(before);
  const a = asRecord(after);
  if ((before != null && !b) || (after != null && !a)) return [{ field: '', before, after }];
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return fields
    .map((field) => ({ field, before: b?.[field] ?? null, after: a?.[field] ?? null }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
}
