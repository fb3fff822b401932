import type { MessageTable } from '@hutong/platform-model';

/** The review api's refusals (composed into REVIEW_CATALOGUE). */
export const REVIEW_SERVICE_MESSAGES = {
  'review.range_invalid': {
    status: 400,
    zh: '日期范围无效：{from|date}晚于{to|date}',
    en: 'The date range is not valid: {from|date} is after {to|date}',
  },
  'review.notify_invited': {
    zh: '邀请您参加“{title}”（{date|date}）',
    en: 'You are invited to “{title}” ({date|date})',
  },
  'review.notify_scoring_open': {
    zh: '“{title}”已开始评分，请于{due|date}前提交',
    en: 'Scoring of “{title}” is open: submit by {due|date}',
  },
  'review.notify_scoring_reminder': {
    zh: '“{title}”：您还有{count}份评分表未提交，请于{due|date}前提交',
    en: '“{title}”: {count} of your score sheets are not submitted yet; submit by {due|date}',
  },
  'review.notify_scoring_overdue': {
    zh: '“{title}”：您的{count}份评分表已逾期{days}天（截止{due|date}），请尽快提交',
    en: '“{title}”: {count} of your score sheets are {days} days overdue (due {due|date}); please submit',
  },
  'review.notify_scoring_late': {
    zh: '“{title}”：{count}位专家评分已逾期{days}天未提交（{names}）',
    en: '“{title}”: {count} experts are {days} days late with their sheets ({names})',
  },
  'review.notify_sheet_reopened': {
    zh: '组长重新打开了您对“{name}”的评分表：{reason}',
    en: 'The chair reopened your sheet for “{name}”: {reason}',
  },
  'review.time_invalid': { status: 400, zh: '时间应为 HH:mm', en: 'A time is written HH:mm' },
  'review.user_not_expert': {
    status: 400,
    zh: '该用户不是专家角色，不能建立专家档案',
    en: 'The user does not have the expert role: no expert profile can be made for it',
  },
  'review.expert_exists': { status: 409, zh: '该用户已有专家档案', en: 'The user already has an expert profile' },
  'review.no_profile': {
    status: 403,
    zh: '您还没有专家档案，请联系测评管理机构',
    en: 'You have no expert profile yet: ask the assessment office',
  },
  'review.not_on_panel': {
    status: 403,
    zh: '您不在该评审会的专家组中',
    en: 'You are not on this session’s panel',
  },
  'review.session_wrong_status': {
    status: 409,
    zh: '评审会当前为“{status|sessionStatus}”，不能进行此操作',
    en: 'The session is {status|sessionStatus}: this cannot be done now',
  },
  'review.case_wrong_state': {
    status: 409,
    zh: '“{name}”当前不在{kind|sessionKind}阶段，不能加入本评审会',
    en: '“{name}” is not in the {kind|sessionKind} stage: it cannot join this session',
  },
  'review.case_other_cycle': {
    status: 400,
    zh: '“{name}”不属于本评审会的测评批次',
    en: '“{name}” is not in this session’s cycle',
  },
  'review.case_in_other_session': {
    status: 409,
    zh: '“{name}”已在另一场{kind|sessionKind}评审会中',
    en: '“{name}” is already in another {kind|sessionKind} session',
  },
  'review.not_eligible': {
    status: 409,
    zh: '{expert}不能评审“{name}”：存在{n}项不符合条件的原因（利益冲突、时间或分配上限）',
    en: '{expert} may not review “{name}”: {n} reasons stand in the way (a conflict of interest, dates or the load limit)',
  },
  'review.not_accepted': {
    status: 409,
    zh: '{expert}尚未接受邀请，不能分配',
    en: '{expert} has not accepted the invitation: no assignment yet',
  },
  'review.bulk_not_eligible': {
    status: 409,
    zh: '有 {n} 个分配不符合条件，均未分配',
    en: '{n} of the assignments are not allowed: none was made',
  },
  'review.no_chair': {
    status: 409,
    zh: '请先指定组长（须已接受邀请）',
    en: 'Name a chair first (one who accepted)',
  },
  'review.case_without_panel': {
    status: 409,
    zh: '“{name}”尚未分配专家',
    en: '“{name}” has no expert yet',
  },
  'review.chair_must_accept': {
    status: 409,
    zh: '组长须为已接受邀请的专家组成员',
    en: 'The chair is a panel member who accepted',
  },
  'review.sheet_stale': {
    status: 409,
    zh: '评分表已在别处保存（版本 {current}），已为您合并最新内容，请再次保存',
    en: 'The sheet was saved elsewhere (version {current}): the latest was merged for you, save again',
  },
  'review.sheet_submitted': {
    status: 409,
    zh: '评分表已提交，不能再修改；如需修改请联系组长重新打开',
    en: 'The sheet is submitted and locked: ask the chair to reopen it',
  },
  'review.sheet_not_submitted': {
    status: 409,
    zh: '该评分表尚未提交',
    en: 'The sheet is not submitted',
  },
  'review.sheet_incomplete': {
    status: 422,
    zh: '还有 {n} 项指标未评分',
    en: '{n} indicators are not scored yet',
  },
  'review.item_not_on_sheet': {
    status: 400,
    zh: '指标 {item} 不在本评分表中',
    en: 'The indicator {item} is not on this sheet',
  },
  'review.score_invalid': {
    status: 400,
    zh: '指标 {item} 的评分无效（0–{max} 分，或按该指标的评分方式作答）',
    en: 'The score of {item} is not valid (0–{max}, or answered as the indicator is scored)',
  },
  'review.scores_blind': {
    status: 403,
    zh: '提交自己的评分后才能查看其他专家的评分',
    en: 'Submit your own sheet to see the other experts’ scores',
  },
  'review.chair_only': {
    status: 403,
    zh: '只有组长或测评管理人员可以进行此操作',
    en: 'Only the chair or the assessment office can do this',
  },
  'review.not_all_submitted': {
    status: 409,
    zh: '还有 {n} 位专家未提交评分',
    en: '{n} experts have not submitted their sheets',
  },
  'review.consensus_missing': {
    status: 422,
    zh: '还有 {n} 项指标没有共识分',
    en: '{n} indicators have no consensus score',
  },
  'review.opinion_required': {
    status: 422,
    zh: '请填写专家组评审意见',
    en: 'Write the panel’s opinion',
  },
  'review.onsite_result_required': {
    status: 422,
    zh: '请填写现场查验结论（通过或不通过）',
    en: 'Record the on-site result (passed or not)',
  },
  'review.case_consolidated': {
    status: 409,
    zh: '该申请的评审结果已确认',
    en: 'The review of this application is confirmed',
  },
  'review.case_changed': {
    status: 409,
    zh: '汇总结果已被他人修改（版本 {current}），请刷新后再保存',
    en: 'The consolidation was changed by someone else (version {current}): reload and save again',
  },
  'review.question_due_invalid': {
    status: 400,
    zh: '答复期限应为今天之后的日期',
    en: 'The answer is due on a date after today',
  },
  'review.assignment_has_scores': {
    status: 409,
    zh: '该专家已提交评分，不能移出',
    en: 'The expert has submitted its sheet: it cannot be removed',
  },
  'review.conformance_import_invalid': {
    status: 422,
    zh: '测试结果有 {n} 处错误，未导入任何内容',
    en: 'The test results have {n} errors: nothing was imported',
  },
  'review.conformance_file_missing': {
    status: 400,
    zh: '请选择测试工具导出的 CSV 或 XLSX 文件',
    en: 'Choose the CSV or XLSX file the test tool exported',
  },
} satisfies MessageTable;

export const SESSION_KIND_LABELS = {
  document_review: { zh: '专家文审', en: 'document review' },
  onsite: { zh: '现场查验', en: 'on-site inspection' },
};

export const SESSION_STATUS_LABELS = {
  planning: { zh: '筹备中', en: 'planning' },
  scoring: { zh: '评分中', en: 'scoring' },
  closed: { zh: '已结束', en: 'closed' },
};
