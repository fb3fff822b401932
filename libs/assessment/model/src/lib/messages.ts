import { errorsOf, type MessageCatalogue, type MessageTable } from '@hutong/platform-model';
import type { ApplicationAction, ApplicationState, Level, StageWindowKey } from './contracts';
import {
  ACTION_LABELS_EN,
  ACTION_LABELS_ZH,
  ASSESSMENT_LEVEL_LABELS_EN,
  ASSESSMENT_LEVEL_LABELS_ZH,
  STATE_LABELS_EN,
  STATE_LABELS_ZH,
} from './levels';

const STAGE_WINDOW_LABELS: Record<StageWindowKey, { zh: string; en: string }> = {
  application: { zh: '自评估申报', en: 'Application & self-assessment' },
  documentReview: { zh: '文件审查', en: 'Document review' },
  onsite: { zh: '现场查验', en: 'On-site inspection' },
  results: { zh: '结果公示', en: 'Rating & publicity' },
};

/**
 * The assessment capability's codes (zh/en): the stage machine's refusals (decide / availableActions), the
 * cycle rules, and what the assessment server refuses (applying, answering, evidence, consensus scores,
 * returns, objections, reports). `{action|action}` and `{state|state}` render through the label tables.
 */
export const ASSESSMENT_MESSAGES = {
  // the stage machine (stage-machine.ts)
  'application.role_not_allowed': {
    status: 403,
    zh: '当前角色无权{action|action}',
    en: 'Your role may not take the action “{action|action}”',
  },
  'application.only_own': {
    status: 403,
    zh: '只能操作本单位的申请',
    en: 'You may act only on your own organisation’s applications',
  },
  'application.out_of_jurisdiction': {
    status: 403,
    zh: '该申请不在您的管辖范围内',
    en: 'The application is outside your jurisdiction',
  },
  'application.out_of_scope': { status: 403, zh: '该申请不在您的范围内', en: 'The application is outside your scope' },
  'objection.own_application': {
    status: 403,
    zh: '不能对本单位的申请提出异议',
    en: 'You cannot object to your own organisation’s application',
  },
  'application.wrong_state': {
    status: 409,
    zh: '当前状态为“{state|state}”，不能{action|action}',
    en: 'The application is “{state|state}”: “{action|action}” is not possible now',
  },
  'application.incomplete': {
    status: 422,
    zh: '自评估不完整：还有{n}项指标未完成',
    en: 'The self-assessment is incomplete: {n} items are not finished',
  },
  'application.past_due': {
    status: 409,
    zh: '已超过截止日期，不能提交',
    en: 'The deadline has passed: it can no longer be submitted',
  },
  'application.return_reasons_required': {
    status: 409,
    zh: '退回补充须填写退回原因',
    en: 'A return for supplement needs its reasons',
  },
  'application.onsite_not_required': {
    status: 409,
    zh: '该等级无需现场查验',
    en: 'This level needs no on-site inspection',
  },
  'application.onsite_required': {
    status: 409,
    zh: '该等级需要现场查验',
    en: 'This level needs an on-site inspection',
  },
  'application.scores_missing': {
    status: 409,
    zh: '还有指标未录入评分',
    en: 'Some items have no consensus score yet',
  },
  'application.lower_level_decision_required': {
    status: 409,
    zh: '未达到申报等级：请决定授予较低等级或评定为未通过',
    en: 'The target level was missed: decide to award the lower level or rate as not passed',
  },
  'application.lower_level_not_allowed': {
    status: 409,
    zh: '该指标体系不允许授予低于申报等级的等级',
    en: 'This scheme does not allow a level below the target',
  },
  'objection.publicity_over': {
    status: 409,
    zh: '公示期已结束，不能提出异议',
    en: 'The publicity period is over: objections are closed',
  },
  'application.publicity_not_over': {
    status: 409,
    zh: '公示期尚未结束，不能公布',
    en: 'The publicity period is not over yet: the result cannot be published',
  },
  'application.open_objections': {
    status: 409,
    zh: '还有{n}条异议未处理，不能公布',
    en: '{n} objections are still open: the result cannot be published',
  },
  'application.conformance_missing': {
    status: 409,
    zh: '尚未录入标准符合性测试结果',
    en: 'The result of the standard conformance test has not been recorded yet',
  },
  'application.document_review_pending': {
    status: 409,
    zh: '专家文审结果尚未汇总',
    en: 'The expert document review has not been consolidated yet',
  },
  'application.onsite_result_missing': {
    status: 409,
    zh: '尚未录入现场查验结果',
    en: 'The result of the on-site inspection has not been recorded yet',
  },
  'application.reason_required': { status: 409, zh: '请填写原因', en: 'Give the reason' },
  'application.publish_national_only': {
    status: 403,
    zh: '五级乙等及以上等级的结果由国家级管理机构公布',
    en: 'Results of Level 5 Grade B and above are published by the national body',
  },

  // cycles (cycles.ts, cycle.service)
  'cycle.windows_incomplete': {
    status: 400,
    zh: '必须设置四个阶段的时间窗口：自评估申报、文件审查、现场查验、结果公示',
    en: 'Set the windows of all four stages: application, document review, on-site inspection, publicity',
  },
  'cycle.window_date_invalid': {
    status: 400,
    zh: '“{window|window}”的日期无效',
    en: 'The dates of “{window|window}” are not valid',
  },
  'cycle.window_reversed': {
    status: 400,
    zh: '“{window|window}”的开始日期晚于结束日期',
    en: '“{window|window}” starts after it ends',
  },
  'cycle.window_order': {
    status: 400,
    zh: '“{window|window}”须在“{previous|window}”结束后开始',
    en: '“{window|window}” must start after “{previous|window}” ends',
  },
  'cycle.windows_invalid': {
    status: 400,
    zh: '阶段时间窗口有误：{problems}',
    en: 'The stage windows are not valid: {problems}',
  },
  'cycle.duplicate': {
    status: 409,
    zh: '该管辖范围已有{year}年度第{batch}批测评批次，不能重复创建',
    en: 'This jurisdiction already has batch {batch} of {year}',
  },
  'cycle.archived_readonly': { status: 409, zh: '已归档的测评批次不能修改', en: 'An archived cycle cannot be edited' },
  'cycle.name_blank': { status: 400, zh: '批次名称不能为空', en: 'The cycle needs a name' },
  'cycle.archived': { status: 409, zh: '该测评批次已归档', en: 'The cycle is archived' },
  'cycle.already_closed': { status: 409, zh: '该测评批次已关闭', en: 'The cycle is already closed' },
  'cycle.archive_needs_closed': {
    status: 409,
    zh: '只能归档已关闭的测评批次',
    en: 'Only a closed cycle can be archived',
  },
  'cycle.closed': { status: 409, zh: '本批次已关闭，不再接受申请', en: 'The cycle is closed to new applications' },
  'cycle.not_in_application_window': {
    status: 409,
    zh: '本批次当前不在申报时间内',
    en: 'The cycle is not taking applications at this time',
  },

  // applying (application.service create)
  'application.only_own_organisation': {
    status: 403,
    zh: '只能为本单位申请',
    en: 'You may apply only for your own organisation',
  },
  'application.org_outside_cycle': {
    status: 400,
    zh: '该机构不在本批次的范围内',
    en: 'The organisation is outside the cycle’s scope',
  },
  'application.kind_not_eligible': {
    status: 400,
    zh: '该机构类型不能参加本批次测评',
    en: 'Organisations of this kind cannot take part in the cycle',
  },
  'application.scheme_not_in_cycle': {
    status: 400,
    zh: '本批次不使用该指标体系',
    en: 'The cycle does not use this scheme',
  },
  'application.scheme_kind_mismatch': {
    status: 400,
    zh: '指标体系与机构类型不符',
    en: 'The scheme does not fit the organisation’s kind',
  },
  'application.already_applied': {
    status: 409,
    zh: '该机构已在本批次中申请',
    en: 'The organisation has already applied in this cycle',
  },
  'application.withdrawn_reopen': {
    status: 409,
    zh: '该机构在本批次的申请已撤回：请联系测评管理机构重新开放该申请（原有自评估内容保留）',
    en: 'The organisation’s application in this cycle was withdrawn: ask the coordinator to re-open it (the answers are kept)',
  },

  // answers, evidence, consensus scores
  'application.not_editable': {
    status: 409,
    zh: '当前状态不能修改自评估',
    en: 'The self-assessment cannot be edited in this state',
  },
  'application.only_applicant_edits': {
    status: 403,
    zh: '只有申请单位可以修改自评估',
    en: 'Only the applying organisation may edit the self-assessment',
  },
  'application.item_not_in_scope': {
    status: 400,
    zh: '指标 {item} 不在申报等级要求的范围内',
    en: 'Item {item} is not required for the target level',
  },
  'application.level_needs_earlier_level4': {
    status: 422,
    zh: '不能申报{level|level}：须在{year}年以前的年度通过四级测评（四级乙等或四级甲等），下一年方可申报五级乙等及以上',
    en: 'Cannot apply for {level|level}: level 4 (grade B or A) must have been passed in a year before {year}; level 5 may be applied for from the year after',
  },
  'application.answer_invalid': {
    status: 400,
    zh: '指标 {item} 的答案不符合其评分方式（请按所列选项作答）',
    en: 'The answer to item {item} does not fit its scoring kind (choose one of the listed answers)',
  },
  'application.self_score_above_max': {
    status: 400,
    zh: '指标 {item} 的自评分不能超过 {max} 分',
    en: 'The self-score of item {item} cannot exceed {max} points',
  },
  'application.consensus_only_in_rating': {
    status: 409,
    zh: '只有在“等级评定”阶段才能录入共识评分',
    en: 'Consensus scores are entered only during rating',
  },
  'application.score_out_of_range': {
    status: 400,
    zh: '指标 {item} 的评分应在 0 到 {max} 之间',
    en: 'The score of item {item} must be between 0 and {max}',
  },

  // facts the review records: the conformance test, the panels' consensus, the on-site result, the spot check
  'application.conformance_only_in_testing': {
    status: 409,
    zh: '只有在“标准符合性测试”阶段才能录入测试结果',
    en: 'The conformance test result is recorded only during the standard conformance test',
  },
  'application.conformance_counts_invalid': {
    status: 400,
    zh: '测试项数和不通过项数应为非负整数，且不通过项数不能超过测试项数',
    en: 'The numbers of items and of failed items are whole numbers ≥ 0, with no more failed items than items',
  },
  'application.note_too_long': {
    status: 400,
    zh: '说明不能超过{max}个字符',
    en: 'The note cannot exceed {max} characters',
  },
  'application.opinion_too_long': {
    status: 400,
    zh: '评审意见不能超过{max}个字符',
    en: 'The opinion cannot exceed {max} characters',
  },
  'application.rectification_too_long': {
    status: 400,
    zh: '整改要求不能超过{max}个字符',
    en: 'The rectification cannot exceed {max} characters',
  },
  'application.reason_too_long': {
    status: 400,
    zh: '原因不能超过{max}个字符',
    en: 'The reason cannot exceed {max} characters',
  },
  'application.review_stage_invalid': {
    status: 400,
    zh: '评审阶段无效：{stage}',
    en: 'Not a review stage: {stage}',
  },
  'application.consensus_wrong_stage': {
    status: 409,
    zh: '只有在“{stage|state}”阶段才能录入该阶段的评审结果',
    en: 'The panel’s result of “{stage|state}” is recorded only during that stage',
  },
  'application.opinion_required': { status: 400, zh: '请填写评审意见', en: 'Give the panel’s opinion' },
  'application.onsite_only_in_onsite': {
    status: 409,
    zh: '只有在“现场查验”阶段才能录入现场查验结果',
    en: 'The on-site result is recorded only during the on-site inspection',
  },
  'application.findings_invalid': {
    status: 400,
    zh: '发现问题数应为非负整数',
    en: 'The number of findings is a whole number ≥ 0',
  },
  'application.spot_check_only_published': {
    status: 409,
    zh: '只能对已公布的测评结果进行飞行检查',
    en: 'Only a published result can be spot-checked',
  },
  // what the system writes itself (rendered in Chinese when stored; the web translates the code)
  'application.conformance_failed_reason': {
    zh: '标准符合性测试未通过：{n} 项不通过',
    en: 'The standard conformance test was not passed: {n} items failed',
  },
  'application.national_rejected_explanation': {
    zh: '国家级管理机构评定不予通过：{reason}',
    en: 'Not passed by the national body: {reason}',
  },
  'application.revoked_explanation': {
    zh: '飞行检查未通过，取消评定等级：{reason}',
    en: 'The spot check was not passed, the level is cancelled: {reason}',
  },
  'evidence.file_missing': { status: 400, zh: '请选择文件（字段名 file）', en: 'Choose a file (field file)' },
  'evidence.item_code_missing': { status: 400, zh: '缺少 itemCode', en: 'itemCode is missing' },
  'evidence.too_large': { status: 413, zh: '文件不能超过 {mb} MB', en: 'The file cannot exceed {mb} MB' },
  'evidence.type_not_accepted': {
    status: 415,
    zh: '只接受 PDF、Office 文档和图片（按文件内容判断）',
    en: 'Only PDF, Office documents and images are accepted (judged by the content)',
  },

  // returns and objections (the effects of a transition)
  'application.return_reason_blank': {
    status: 400,
    zh: '退回原因不能为空：指标 {items}',
    en: 'A reason for return is blank: items {items}',
  },
  'application.return_items_out_of_scope': {
    status: 400,
    zh: '退回原因中的指标不在申报范围内：{items}',
    en: 'Items of the return are not in the application’s scope: {items}',
  },
  'application.return_deadline_missing': {
    status: 400,
    zh: '退回补充必须设置新的截止日期',
    en: 'A return for supplement needs a new deadline',
  },
  'application.return_deadline_past': {
    status: 400,
    zh: '新的截止日期不能早于今天',
    en: 'The new deadline cannot be in the past',
  },
  'objection.reason_missing': { status: 400, zh: '请填写异议理由', en: 'Give the reason for the objection' },
  'objection.pick_open': { status: 400, zh: '请选择一条待处理的异议', en: 'Choose an open objection' },

  // schemes and reports
  'scheme.import_invalid': {
    status: 400,
    zh: '无法导入：{reason}',
    en: 'Cannot import: {reason}',
  },
  'scheme.import_file_missing': {
    status: 400,
    zh: '请选择要导入的测评方案文件（JSON）',
    en: 'Choose the scheme file (JSON) to import',
  },
  'scheme.invalid': {
    status: 400,
    zh: '指标体系有{n}处问题：{summary}',
    en: 'The scheme has {n} problems: {summary}',
  },
  'report.not_ready': {
    status: 409,
    zh: '完成等级评定后才能生成测评报告',
    en: 'The report is available once the application is rated',
  },
  'application.return_reason_length': { zh: '退回原因应为1–1000个字符', en: 'A reason has 1–1000 characters' },
} satisfies MessageTable;

export type AssessmentMessageCode = keyof typeof ASSESSMENT_MESSAGES;

function table<K extends string>(
  zh: Record<K, string>,
  en: Record<K, string>,
): Record<string, { zh: string; en: string }> {
  return Object.fromEntries(Object.keys(zh).map((k) => [k, { zh: zh[k as K], en: en[k as K] }]));
}

export const ASSESSMENT_CATALOGUE: MessageCatalogue<typeof ASSESSMENT_MESSAGES> = {
  messages: ASSESSMENT_MESSAGES,
  labels: {
    entity: {
      application: { zh: '申请', en: 'application' },
      cycle: { zh: '测评批次', en: 'assessment cycle' },
      scheme: { zh: '指标体系', en: 'indicator scheme' },
      evidence: { zh: '证明材料', en: 'evidence file' },
      objection: { zh: '异议', en: 'objection' },
      version: { zh: '版本', en: 'version' },
    },

    action: table<ApplicationAction>(ACTION_LABELS_ZH, ACTION_LABELS_EN),
    state: table<ApplicationState>(STATE_LABELS_ZH, STATE_LABELS_EN),
    level: table<Level>(ASSESSMENT_LEVEL_LABELS_ZH, ASSESSMENT_LEVEL_LABELS_EN),
    window: STAGE_WINDOW_LABELS,
  },
};

/** `assessmentError('cycle.closed')`: typed codes, the status from the catalogue. */
export const assessmentError = errorsOf(ASSESSMENT_MESSAGES);
