import { errorsOf, type MessageCatalogue, type MessageTable } from '@hutong/platform-model';
import { REVIEW_SERVICE_MESSAGES, SESSION_KIND_LABELS, SESSION_STATUS_LABELS } from './service-messages';
import type {
  ConflictKind,
  ConformanceCategory,
  ConformanceColumn,
  ConformanceResult,
  CycleScope,
  ExpertPool,
  Specialty,
} from './contracts';

type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const SPECIALTY_LABELS: Labels<Specialty> = {
  datasets: { zh: '数据集', en: 'Data sets' },
  documents: { zh: '共享文档', en: 'Shared documents' },
  services: { zh: '交互服务', en: 'Interaction services' },
  infrastructure: { zh: '基础设施与安全', en: 'Infrastructure and security' },
  effect: { zh: '应用效果', en: 'Application effect' },
};

export const EXPERT_POOL_LABELS: Labels<ExpertPool> = {
  quantitative: { zh: '定量测试', en: 'Quantitative testing' },
  qualitative: { zh: '定性评价', en: 'Qualitative evaluation' },
};

export const CONFLICT_KIND_LABELS: Labels<ConflictKind> = {
  same_organisation: { zh: '同一机构', en: 'Same organisation' },
  same_parent: { zh: '同一上级机构', en: 'Same parent organisation' },
  same_city: { zh: '同一城市', en: 'Same city' },
  vendor: { zh: '承建单位关联', en: 'Vendor tie' },
  consulting: { zh: '咨询服务关系', en: 'Prior consulting' },
  declared: { zh: '本人申报回避', en: 'Declared conflict' },
};

export const CYCLE_SCOPE_LABELS: Labels<CycleScope> = {
  nation: { zh: '全国', en: 'Nation' },
  province: { zh: '省级', en: 'Province' },
  city: { zh: '市级', en: 'City' },
};

export const CONFORMANCE_CATEGORY_LABELS: Labels<ConformanceCategory> = {
  dataset: { zh: '数据集', en: 'Data set' },
  document: { zh: '共享文档', en: 'Shared document' },
  service: { zh: '交互服务', en: 'Interaction service' },
};

export const CONFORMANCE_RESULT_LABELS: Labels<ConformanceResult> = {
  pass: { zh: '通过', en: 'Pass' },
  fail: { zh: '不通过', en: 'Fail' },
};

/** The columns of a conformance table by their canonical (first accepted) header names. */
export const CONFORMANCE_COLUMN_LABELS: Labels<ConformanceColumn> = {
  category: { zh: '类别', en: 'category' },
  code: { zh: '编号', en: 'code' },
  name: { zh: '名称', en: 'name' },
  standard: { zh: '标准', en: 'standard' },
  tested: { zh: '测试数', en: 'tested' },
  passed: { zh: '通过数', en: 'passed' },
  failed: { zh: '未通过数', en: 'failed' },
  result: { zh: '结论', en: 'result' },
};

/** The timed parts of an agenda, for `{field|agendaField}`. */
export const AGENDA_FIELD_LABELS: Labels<'present' | 'questions' | 'break'> = {
  present: { zh: '汇报', en: 'presentation' },
  questions: { zh: '质询', en: 'questions' },
  break: { zh: '休息', en: 'break' },
};

/**
 * The review capability's codes (zh/en): why an expert is or is not eligible (conflicts.ts), why an application's
 * panel falls short (assignment.ts), the refusals of consensus.ts, agenda.ts and conformance.ts, and those of
 * review-server's conformance file reader and meeting notice.
 */
export const REVIEW_MESSAGES = {
  // eligibility (describeReason)
  'review.reason_inactive': { zh: '专家已停用', en: 'The expert is inactive' },
  'review.reason_wrong_pool': {
    zh: '专家不在{pool|expertPool}专家库中',
    en: 'The expert is not in the {pool|expertPool} pool',
  },
  'review.reason_unavailable': {
    zh: '专家{from|date}至{to|date}期间不能参加',
    en: 'The expert is unavailable from {from|date} to {to|date}',
  },
  'review.reason_at_capacity': {
    zh: '专家已分配{load}个申请，达到上限{max}个',
    en: 'The expert already has {load} applications, the most one takes is {max}',
  },
  // conflicts of interest (the Conflict's detail as {detail})
  'review.conflict_same_organisation': {
    zh: '与申请单位属同一机构（或上下级机构）',
    en: 'Same organisation as the applicant (or one contains the other)',
  },
  'review.conflict_same_parent': {
    zh: '与申请单位属同一上级机构',
    en: 'Same parent organisation as the applicant',
  },
  'review.conflict_same_city': {
    zh: '与申请单位属同一城市（市级测评）',
    en: 'Same city as the applicant (a city’s cycle)',
  },
  'review.conflict_vendor': {
    zh: '与申请单位的承建单位“{detail}”有关联',
    en: 'Works or worked for the applicant’s vendor “{detail}”',
  },
  'review.conflict_consulting': {
    zh: '曾为申请单位提供咨询服务',
    en: 'Has consulted for the applicant',
  },
  'review.conflict_declared': {
    zh: '本人申报回避：{detail}',
    en: 'Declared a conflict: {detail}',
  },
  // panel shortfalls (autoAssign)
  'review.shortfall_no_eligible': {
    zh: '没有符合条件的专家（需{min}名）',
    en: 'No expert is eligible ({min} needed)',
  },
  'review.shortfall_too_few_eligible': {
    zh: '符合条件的专家仅{eligible}名，少于所需的{min}名',
    en: 'Only {eligible} experts are eligible, {min} are needed',
  },
  'review.shortfall_at_capacity': {
    zh: '符合条件的专家{eligible}名，但已达分配上限（需{min}名）',
    en: '{eligible} experts are eligible but at their limit ({min} needed)',
  },
  'review.shortfall_specialty_uncovered': {
    zh: '符合条件的专家未能覆盖所需的全部专业',
    en: 'The eligible experts do not cover every needed specialty',
  },
  // assignment input
  'review.invalid_min_per_application': {
    status: 400,
    zh: '每个申请的专家人数应为 0–100 的整数',
    en: 'Experts per application is a whole number 0–100',
  },
  'review.invalid_max_per_expert': {
    status: 400,
    zh: '每位专家的申请数上限应为正整数',
    en: 'Applications per expert is a whole number of at least 1',
  },
  // consensus
  'review.score_not_number': { status: 400, zh: '评分应为有效数字', en: 'A score is a finite number' },
  'review.invalid_points': {
    status: 400,
    zh: '指标分值应为非负数',
    en: 'An indicator’s points are a number of at least 0',
  },
  'review.invalid_divergence_share': {
    status: 400,
    zh: '分歧阈值应在 0 到 1 之间',
    en: 'The divergence share lies between 0 and 1',
  },
  // the session agenda
  'review.agenda_invalid_date': {
    status: 400,
    zh: '会议日期无效（应为 yyyy-MM-dd）：{value}',
    en: 'The session date is not valid (yyyy-MM-dd): {value}',
  },
  'review.agenda_invalid_time': {
    status: 400,
    zh: '开始时间无效（应为 HH:mm）：{value}',
    en: 'The start time is not valid (HH:mm): {value}',
  },
  'review.agenda_invalid_minutes': {
    status: 400,
    zh: '{field|agendaField}的分钟数应为 {min}–{max} 的整数',
    en: 'The minutes of the {field|agendaField} are a whole number {min}–{max}',
  },
  'review.agenda_invalid_break_after': {
    status: 400,
    zh: '休息间隔应为 1–100 个申请',
    en: 'A break comes after every 1–100 applicants',
  },
  'review.agenda_break_minutes_required': {
    status: 400,
    zh: '设置了休息间隔，请填写休息分钟数',
    en: 'A break every few applicants needs its minutes',
  },
  'review.agenda_duplicate_applicant': {
    status: 400,
    zh: '申请“{name}”在议程中出现了两次',
    en: 'The application “{name}” is on the agenda twice',
  },
  'review.agenda_past_midnight': {
    status: 400,
    zh: '“{name}”的汇报将于次日 {overflow} 结束，议程不能超过 24:00',
    en: '“{name}” would end at {overflow} the next day: the agenda ends by 24:00',
  },
  // standard-conformance results (parseConformanceRows)
  'review.conformance_no_header': {
    zh: '表格为空：第 1 行应为表头',
    en: 'The table is empty: row 1 is the header',
  },
  'review.conformance_missing_column': {
    zh: '缺少“{column|conformanceColumn}”列',
    en: 'The column “{column|conformanceColumn}” is missing',
  },
  'review.conformance_duplicate_column': {
    zh: '“{column|conformanceColumn}”列出现了两次（{header}）',
    en: 'The column “{column|conformanceColumn}” appears twice ({header})',
  },
  'review.conformance_required': {
    zh: '“{column|conformanceColumn}”不能为空',
    en: '“{column|conformanceColumn}” must not be empty',
  },
  'review.conformance_unknown_category': {
    zh: '未知类别“{value}”（应为数据集、共享文档或交互服务）',
    en: 'Unknown category “{value}” (data set, shared document or interaction service)',
  },
  'review.conformance_not_count': {
    zh: '“{column|conformanceColumn}”应为非负整数：{value}',
    en: '“{column|conformanceColumn}” is a whole number of at least 0: {value}',
  },
  'review.conformance_counts_mismatch': {
    zh: '通过数 {passed} 与未通过数 {failed} 之和不等于测试数 {tested}',
    en: 'Passed {passed} and failed {failed} do not add up to tested {tested}',
  },
  'review.conformance_unknown_result': {
    zh: '未知结论“{value}”（应为通过或不通过）',
    en: 'Unknown result “{value}” (pass or fail)',
  },
  'review.conformance_pass_with_failures': {
    zh: '结论为通过，但有 {failed} 项未通过',
    en: 'The result is pass although {failed} failed',
  },
  'review.conformance_duplicate': {
    zh: '{category|conformanceCategory}“{code}”重复（第 {firstRow} 行已有）',
    en: 'The {category|conformanceCategory} “{code}” is listed twice (first in row {firstRow})',
  },
  // the conformance file as a whole (readConformanceFile, row 0)
  'review.conformance_file_type': {
    zh: '不支持的文件类型“{ext}”（应为 CSV 或 XLSX）',
    en: 'The file type “{ext}” is not supported (CSV or XLSX)',
  },
  'review.conformance_file_too_large': {
    zh: '文件超过 {max} MB',
    en: 'The file is larger than {max} MB',
  },
  'review.conformance_file_inflated_too_large': {
    zh: 'XLSX 文件解压后超过 {max} MB',
    en: 'The XLSX file unpacks to more than {max} MB',
  },
  'review.conformance_too_many_rows': {
    zh: '数据超过 {max} 行（不含表头）',
    en: 'The table has more than {max} rows (the header aside)',
  },
  'review.conformance_file_unreadable': {
    zh: '无法读取该{ext}文件，请确认文件未损坏',
    en: 'The {ext} file cannot be read: is it damaged?',
  },
  'review.conformance_bad_csv': {
    zh: 'CSV 格式有误：第 {row} 行有未闭合的引号',
    en: 'The CSV is malformed: row {row} opens a quote it never closes',
  },
  // the meeting notice (meetingNoticeDocx)
  'review.notice_invalid_date': {
    status: 400,
    zh: '日期无效（应为 yyyy-MM-dd）：{value}',
    en: 'The date is not valid (yyyy-MM-dd): {value}',
  },
  'review.notice_date_mismatch': {
    status: 400,
    zh: '通知的会议日期{date|date}与议程日期{agendaDate|date}不一致',
    en: 'The notice’s session date {date|date} differs from the agenda’s {agendaDate|date}',
  },
  'review.notice_minutes_mismatch': {
    status: 400,
    zh: '“{name}”的汇报与质询时间与议程不一致（应为{present}分钟和{questions}分钟）',
    en: 'The agenda slot of “{name}” does not last {present} minutes of presentation and {questions} of questions',
  },
} satisfies MessageTable;

export type ReviewMessageCode = keyof typeof REVIEW_MESSAGES | keyof typeof REVIEW_SERVICE_MESSAGES;

export const REVIEW_CATALOGUE: MessageCatalogue<typeof REVIEW_MESSAGES & typeof REVIEW_SERVICE_MESSAGES> = {
  messages: { ...REVIEW_MESSAGES, ...REVIEW_SERVICE_MESSAGES },
  labels: {
    entity: {
      expert: { zh: '专家', en: 'expert' },
      review_panel: { zh: '评审专家组', en: 'review panel' },
      review_session: { zh: '评审会', en: 'review session' },
      conformance_report: { zh: '标准符合性测试报告', en: 'conformance test report' },
      review_case: { zh: '评审申请', en: 'application under review' },
      review_assignment: { zh: '评审分配', en: 'review assignment' },
      review_question: { zh: '专家质询', en: 'expert question' },
    },
    specialty: SPECIALTY_LABELS,
    expertPool: EXPERT_POOL_LABELS,
    conflictKind: CONFLICT_KIND_LABELS,
    cycleScope: CYCLE_SCOPE_LABELS,
    conformanceCategory: CONFORMANCE_CATEGORY_LABELS,
    conformanceResult: CONFORMANCE_RESULT_LABELS,
    conformanceColumn: CONFORMANCE_COLUMN_LABELS,
    agendaField: AGENDA_FIELD_LABELS,
    sessionKind: SESSION_KIND_LABELS,
    sessionStatus: SESSION_STATUS_LABELS,
  },
};

/** `reviewError('review.agenda_past_midnight', { name, overflow })`: typed codes, the status from the catalogue. */
export const reviewError = errorsOf({ ...REVIEW_MESSAGES, ...REVIEW_SERVICE_MESSAGES });
