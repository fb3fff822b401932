import { errorsOf, type MessageCatalogue, type MessageTable } from '@hutong/platform-model';
import type { TaskAction, TaskDisplayStatus, TaskKind } from './contracts';

export const TASK_STATUS_LABELS: Record<TaskDisplayStatus, { zh: string; en: string }> = {
  open: { zh: '待处理', en: 'Open' },
  acknowledged: { zh: '已确认', en: 'Acknowledged' },
  submitted: { zh: '已提交', en: 'Submitted' },
  accepted: { zh: '已通过', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Returned' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
  overdue: { zh: '已逾期', en: 'Overdue' },
};

export const TASK_KIND_LABELS: Record<TaskKind, { zh: string; en: string }> = {
  manual: { zh: '督办任务', en: 'Task' },
  submit_self_assessment: { zh: '提交自评估', en: 'Submit the self-assessment' },
  resubmit_supplement: { zh: '补充材料并重新提交', en: 'Supplement and resubmit' },
  answer_question: { zh: '答复专家质询', en: 'Answer an expert’s question' },
  rectify: { zh: '整改', en: 'Rectify' },
};

export const TASK_ACTION_LABELS: Record<TaskAction, { zh: string; en: string }> = {
  acknowledge: { zh: '确认收到', en: 'acknowledge' },
  submit: { zh: '提交答复', en: 'submit a response' },
  accept: { zh: '通过', en: 'accept' },
  return: { zh: '退回', en: 'return' },
  extend: { zh: '延期', en: 'extend' },
  cancel: { zh: '撤销', en: 'cancel' },
};

/**
 * The tasks capability's codes (zh/en): the reminder policy's rules (reminders.ts), the transition table's
 * refusals (rules.ts), the response form and answers, and what the tasks server refuses.
 */
export const TASKS_MESSAGES = {
  // reminder policy (policyProblems)
  'task.policy_before_days': {
    zh: '提前提醒天数应为 1–90 的整数，不重复，最多 10 个',
    en: 'Days-before reminders are whole numbers 1–90, without repeats, at most 10',
  },
  'task.policy_overdue_max': {
    zh: '逾期提醒的最多天数应为 0–365 的整数',
    en: 'The overdue reminders stop after 0–365 days',
  },
  'task.policy_escalate': {
    zh: '升级提醒的逾期天数应为 1–90 的整数',
    en: 'Escalation starts after 1–90 overdue days',
  },
  'task.policy_send_hour': {
    zh: '提醒发送时间应在 8–21 点之间',
    en: 'Reminders are sent between 8:00 and 21:00',
  },
  // transitions (decideTask)
  'task.role_not_allowed': {
    status: 403,
    zh: '当前角色无权{action|taskAction}',
    en: 'Your role may not {action|taskAction} a task',
  },
  'task.not_assignee': { status: 403, zh: '只能处理本单位的任务', en: 'You may act only on your organisation’s tasks' },
  'task.out_of_jurisdiction': {
    status: 403,
    zh: '该任务不在您的管辖范围内',
    en: 'The task is outside your jurisdiction',
  },
  'task.wrong_status': {
    status: 409,
    zh: '任务当前为“{status|taskStatus}”，不能{action|taskAction}',
    en: 'The task is “{status|taskStatus}”: you cannot {action|taskAction} it now',
  },
  'task.reason_required': {
    status: 400,
    zh: '{action|taskAction}须填写原因',
    en: 'To {action|taskAction} needs a reason',
  },
  'task.changed': {
    status: 409,
    zh: '任务状态已被他人更改，请刷新后重试',
    en: 'The task was changed meanwhile: reload it and try again',
  },
  // the due instant
  'task.due_required': {
    status: 400,
    zh: '请填写截止日期（dueDate）或截止时间（dueAt）之一',
    en: 'Give either a due date (dueDate) or a due instant (dueAt)',
  },
  'task.due_in_past': { status: 400, zh: '截止时间须晚于当前时间', en: 'The due time must lie in the future' },
  // response forms (formProblems)
  'task.invalid_form': { status: 400, zh: '答复表单有{n}处问题', en: 'The response form has {n} problems' },
  'task.form_too_many_fields': { zh: '答复表单最多{max}项', en: 'A response form has at most {max} fields' },
  'task.form_key_format': {
    zh: '字段标识“{key}”应以小写字母开头，仅含小写字母、数字和下划线',
    en: 'The field key “{key}” starts with a-z and has only a-z, 0-9 and _',
  },
  'task.form_duplicate_key': { zh: '字段标识“{key}”重复', en: 'The field key “{key}” is used twice' },
  'task.form_label_required': { zh: '字段“{key}”须有名称', en: 'The field “{key}” needs a label' },
  'task.form_choice_options': {
    zh: '选择题“{key}”须有不重复、非空的选项',
    en: 'The choice “{key}” needs options, none empty or repeated',
  },
  'task.form_max_length': { zh: '字段“{key}”的最大长度应为 1–20000', en: 'The longest answer to “{key}” is 1–20000' },
  'task.form_max_files': { zh: '字段“{key}”的文件数上限应为 1–20', en: 'The most files for “{key}” is 1–20' },
  // answers (validateResponse)
  'task.invalid_response': { status: 400, zh: '答复有{n}处问题', en: 'The response has {n} problems' },
  'task.answer_unknown_field': { zh: '表单中没有字段“{key}”', en: 'The form has no field “{key}”' },
  'task.answer_required': { zh: '“{label}”为必填项', en: '“{label}” is required' },
  'task.answer_not_files': { zh: '“{label}”应为附件列表', en: '“{label}” takes a list of files' },
  'task.answer_too_many_files': { zh: '“{label}”最多{max}个附件', en: '“{label}” takes at most {max} files' },
  'task.answer_not_text': { zh: '“{label}”应为文字', en: '“{label}” takes text' },
  'task.answer_too_long': { zh: '“{label}”最多{max}个字符', en: '“{label}” has at most {max} characters' },
  'task.answer_not_date': {
    zh: '“{label}”不是有效日期：{value}',
    en: '“{label}” is not a valid date: {value}',
  },
  'task.answer_not_option': { zh: '“{label}”没有选项“{value}”', en: '“{label}” has no option “{value}”' },
  'task.answer_unknown_file': {
    zh: '“{label}”引用了不属于该任务的附件',
    en: '“{label}” names a file that is not this task’s',
  },
  // attachments
  'task.file_missing': { status: 400, zh: '请选择要上传的文件', en: 'Choose a file to upload' },
  'task.too_many_attachments': {
    status: 409,
    zh: '每个任务最多上传{max}个附件',
    en: 'A task holds at most {max} files',
  },
  // issuing
  'organisation.has_tasks': {
    status: 409,
    zh: '该机构已有任务引用，不能删除',
    en: 'Tasks refer to this organisation: it cannot be deleted',
  },
  'task.assignee_user_not_member': {
    status: 400,
    zh: '指定的联系人不属于该单位',
    en: 'The assigned user does not belong to the organisation',
  },
  'task.recipients_none': { status: 400, zh: '没有符合条件的接收单位', en: 'No organisation matches the recipients' },
  'task.recipients_too_many': {
    status: 400,
    zh: '接收单位过多（{n}），一次最多{max}个',
    en: 'Too many recipients ({n}): at most {max} at a time',
  },
  // notifications (titles and bodies; {due|date}: the due day, 2023年7月3日 in zh, 2023-07-03 in en)
  'task.notify_issued': { zh: '新任务：{title}，截止 {due|date}', en: 'New task: {title}, due {due|date}' },
  'task.notify_issued_body': {
    zh: '{org}收到一项新任务，请于 {due|date} 前完成并提交。',
    en: '{org} has a new task: complete and submit it by {due|date}.',
  },
  'task.notify_reminder': { zh: '任务提醒：{title}，截止 {due|date}', en: 'Reminder: {title}, due {due|date}' },
  'task.notify_reminder_body': {
    zh: '请于 {due|date} 前完成并提交。',
    en: 'Please complete and submit it by {due|date}.',
  },
  'task.notify_overdue': {
    zh: '任务已逾期{days}天：{title}（截止 {due|date}）',
    en: 'Overdue by {days} days: {title} (due {due|date})',
  },
  'task.notify_overdue_body': {
    zh: '{org}的任务已逾期，请尽快完成并提交。',
    en: 'The task of {org} is overdue: complete and submit it as soon as you can.',
  },
  'task.notify_escalation': {
    zh: '督办升级：{org}的任务“{title}”已逾期{days}天',
    en: 'Escalated: the task “{title}” of {org} is {days} days overdue',
  },
  'task.notify_escalation_body': {
    zh: '该任务截止 {due|date}，至今未完成，请督促办理。',
    en: 'It was due {due|date} and is still not done: please follow it up.',
  },
  'task.notify_manual': {
    zh: '催办：{title}，截止 {due|date}',
    en: 'Reminder from the issuer: {title}, due {due|date}',
  },
  'task.notify_submitted': {
    zh: '{org}已提交任务“{title}”的答复',
    en: '{org} submitted a response to “{title}”',
  },
  'task.notify_accepted': { zh: '任务“{title}”的答复已通过', en: 'Your response to “{title}” was accepted' },
  'task.notify_returned': { zh: '任务“{title}”的答复被退回', en: 'Your response to “{title}” was returned' },
  'task.notify_returned_body': { zh: '退回原因：{reason}', en: 'Reason: {reason}' },
  // remind now
  'task.remind_too_soon': {
    status: 429,
    zh: '{minutes}分钟内已催办过该任务，请稍后再试',
    en: 'This task was reminded in the last {minutes} minutes: try again later',
  },
  'task.remind_not_waiting': {
    status: 409,
    zh: '任务当前为“{status|taskStatus}”，无需催办',
    en: 'The task is “{status|taskStatus}”: there is nothing to remind of',
  },
  'task.remind_quiet_hours': {
    status: 409,
    zh: '22:00至次日08:00不发送提醒，请于08:00后再催办',
    en: 'No reminders go out from 22:00 to 08:00: remind after 08:00',
  },
} satisfies MessageTable;

export type TasksMessageCode = keyof typeof TASKS_MESSAGES;

export const TASKS_CATALOGUE: MessageCatalogue<typeof TASKS_MESSAGES> = {
  messages: TASKS_MESSAGES,
  labels: {
    entity: {
      task: { zh: '任务', en: 'task' },
      task_batch: { zh: '批量下发', en: 'task batch' },
      task_attachment: { zh: '附件', en: 'attachment' },
      recipient_list: { zh: '接收单位名单', en: 'recipient list' },
    },
    taskStatus: TASK_STATUS_LABELS,
    taskKind: TASK_KIND_LABELS,
    taskAction: TASK_ACTION_LABELS,
  },
};

/** `taskError('task.changed')`: typed codes, the status from the catalogue. */
export const taskError = errorsOf(TASKS_MESSAGES);
