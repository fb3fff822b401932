import { describe, expect, it } from '@jest/globals';
import { renderMessage } from '@hutong/platform-model';
import type { ResponseField } from './contracts';
import { TASKS_CATALOGUE, TASKS_MESSAGES } from './messages';
import { policyProblems } from './reminders';
import {
  TASK_TRANSITIONS,
  attachmentIdsOf,
  availableTaskActions,
  decideTask,
  displayStatus,
  formProblems,
  validateResponse,
  type TaskActor,
} from './rules';

const due = new Date('2023-07-03T16:00:00Z');
const assignee: TaskActor = { role: 'applicant', isAssignee: true, inJurisdiction: true };
const otherApplicant: TaskActor = { role: 'applicant', isAssignee: false, inJurisdiction: false };
const coordinator: TaskActor = { role: 'coordinator', isAssignee: false, inJurisdiction: true };
const outsider: TaskActor = { role: 'coordinator', isAssignee: false, inJurisdiction: false };

describe('displayStatus', () => {
  it('is overdue from the due instant on while the task waits, never once it is submitted or closed', () => {
    expect(displayStatus('open', due, new Date('2023-07-03T15:59:59Z'))).toBe('open');
    expect(displayStatus('open', due, due)).toBe('overdue');
    expect(displayStatus('acknowledged', due, new Date('2023-08-01T00:00:00Z'))).toBe('overdue');
    expect(displayStatus('returned', due, new Date('2023-08-01T00:00:00Z'))).toBe('overdue');
    for (const s of ['submitted', 'accepted', 'cancelled'] as const)
      expect(displayStatus(s, due, new Date('2023-08-01T00:00:00Z'))).toBe(s);
  });
});

describe('decideTask', () => {
  it('lets the assignee acknowledge an open task and submit from open, acknowledged or returned', () => {
    expect(decideTask('open', 'acknowledge', assignee)).toMatchObject({ ok: true, to: 'acknowledged' });
    for (const s of ['open', 'acknowledged', 'returned'] as const)
      expect(decideTask(s, 'submit', assignee)).toMatchObject({ ok: true, to: 'submitted' });
    expect(decideTask('acknowledged', 'acknowledge', assignee)).toMatchObject({
      ok: false,
      code: 'task.wrong_status',
      status: 409,
    });
    expect(decideTask('submitted', 'submit', assignee)).toMatchObject({ ok: false, code: 'task.wrong_status' });
  });

  it('refuses another organisation and the issuer side the assignee’s actions', () => {
    expect(decideTask('open', 'submit', otherApplicant)).toMatchObject({
      ok: false,
      code: 'task.not_assignee',
      status: 403,
    });
    expect(decideTask('open', 'acknowledge', coordinator)).toMatchObject({ ok: false, code: 'task.role_not_allowed' });
  });

  it('lets the coordinator accept or return (with a reason) a submitted task, extend and cancel with a reason', () => {
    expect(decideTask('submitted', 'accept', coordinator)).toMatchObject({ ok: true, to: 'accepted' });
    expect(decideTask('submitted', 'return', coordinator, '缺少附件')).toMatchObject({ ok: true, to: 'returned' });
    expect(decideTask('submitted', 'return', coordinator, '  ')).toMatchObject({
      ok: false,
      code: 'task.reason_required',
      status: 400,
    });
    expect(decideTask('open', 'accept', coordinator)).toMatchObject({ ok: false, code: 'task.wrong_status' });
    for (const s of ['open', 'acknowledged', 'returned', 'submitted'] as const) {
      expect(decideTask(s, 'extend', coordinator, '延期')).toMatchObject({ ok: true, to: s });
      expect(decideTask(s, 'cancel', coordinator, '撤销')).toMatchObject({ ok: true, to: 'cancelled' });
    }
    expect(decideTask('accepted', 'extend', coordinator, 'x')).toMatchObject({ ok: false, code: 'task.wrong_status' });
    expect(decideTask('cancelled', 'cancel', coordinator, 'x')).toMatchObject({ ok: false, code: 'task.wrong_status' });
    expect(decideTask('open', 'cancel', coordinator)).toMatchObject({ ok: false, code: 'task.reason_required' });
  });

  it('refuses outside the jurisdiction, viewers, experts and applicants the issuer’s actions', () => {
    expect(decideTask('submitted', 'accept', outsider)).toMatchObject({ ok: false, code: 'task.out_of_jurisdiction' });
    for (const role of ['viewer', 'expert', 'applicant'] as const)
      expect(decideTask('submitted', 'accept', { role, isAssignee: true, inJurisdiction: true })).toMatchObject({
        ok: false,
        code: 'task.role_not_allowed',
        status: 403,
      });
    expect(decideTask('submitted', 'accept', { role: 'admin', isAssignee: false, inJurisdiction: true })).toMatchObject(
      { ok: true },
    );
  });

  it('returns and extensions plan reminders again; submit, accept and cancel stop them', () => {
    const by = Object.fromEntries(TASK_TRANSITIONS.map((t) => [t.action, t.reminders]));
    expect(by).toEqual({
      acknowledge: 'keep',
      submit: 'stop',
      accept: 'stop',
      return: 'replan',
      extend: 'replan',
      cancel: 'stop',
    });
  });

  it('lists what each side may do now', () => {
    expect(availableTaskActions('open', assignee)).toEqual(['acknowledge', 'submit']);
    expect(availableTaskActions('submitted', coordinator)).toEqual(['accept', 'return', 'extend', 'cancel']);
    expect(availableTaskActions('accepted', coordinator)).toEqual([]);
    expect(availableTaskActions('open', { role: 'viewer', isAssignee: false, inJurisdiction: true })).toEqual([]);
  });
});

const form: ResponseField[] = [
  { key: 'reason', label: '未接入原因', type: 'text', required: true, maxLength: 10 },
  { key: 'done_by', label: '完成日期', type: 'date', required: false },
  { key: 'plan', label: '计划', type: 'choice', required: true, options: ['本月', '下月'] },
  { key: 'files', label: '附件', type: 'attachments', required: false, maxFiles: 2 },
];

describe('formProblems', () => {
  it('accepts a well-formed form', () => expect(formProblems(form)).toEqual([]));

  it('refuses duplicate keys, bad keys, a choice without options, more than 20 fields', () => {
    const codes = formProblems([
      { key: 'a', label: 'A', type: 'text', required: true },
      { key: 'a', label: 'A2', type: 'text', required: true },
      { key: 'Bad-Key', label: 'B', type: 'text', required: true },
      { key: 'c', label: 'C', type: 'choice', required: true, options: [] },
      { key: 'd', label: ' ', type: 'text', required: true },
    ]).map((p) => p.code);
    expect(codes).toEqual([
      'task.form_duplicate_key',
      'task.form_key_format',
      'task.form_choice_options',
      'task.form_label_required',
    ]);
    const big = Array.from(
      { length: 21 },
      (_, i): ResponseField => ({ key: `f${i}`, label: `F${i}`, type: 'text', required: false }),
    );
    expect(formProblems(big).map((p) => p.code)).toEqual(['task.form_too_many_fields']);
  });
});

describe('validateResponse', () => {
  it('accepts complete answers and names the files they use', () => {
    const answers = { reason: '设备故障', done_by: '2024-02-29', plan: '本月', files: ['f1', 'f2'] };
    expect(validateResponse(form, answers)).toEqual([]);
    expect(attachmentIdsOf(form, answers)).toEqual(['f1', 'f2']);
  });

  it('names every problem by field and code', () => {
    const problems = validateResponse(form, {
      reason: '这是一个很长很长很长的原因',
      done_by: '2023-02-30',
      plan: '明年',
      files: ['a', 'b', 'c'],
      extra: 'x',
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['extra', 'task.answer_unknown_field'],
      ['reason', 'task.answer_too_long'],
      ['done_by', 'task.answer_not_date'],
      ['plan', 'task.answer_not_option'],
      ['files', 'task.answer_too_many_files'],
    ]);
    expect(validateResponse(form, { reason: ' ' }).map((p) => [p.field, p.code])).toEqual([
      ['reason', 'task.answer_required'],
      ['plan', 'task.answer_required'],
    ]);
    expect(validateResponse(form, { reason: ['x'], plan: '本月', files: 'a' }).map((p) => p.code)).toEqual([
      'task.answer_not_text',
      'task.answer_not_files',
    ]);
  });
});

describe('the catalogue', () => {
  it('has zh and en for every code, the policy codes included, and renders the status labels', () => {
    for (const [code, m] of Object.entries(TASKS_MESSAGES)) {
      expect([code, m.zh.length > 0, m.en.length > 0]).toEqual([code, true, true]);
    }
    const policyCodes = policyProblems({
      beforeDays: [0],
      onDueDay: true,
      overdueDaily: true,
      overdueMaxDays: -1,
      escalateAfterDays: 0,
      sendHour: 23,
    });
    for (const c of policyCodes) expect(Object.keys(TASKS_MESSAGES)).toContain(c);
    expect(
      renderMessage(TASKS_CATALOGUE, 'task.wrong_status', { status: 'submitted', action: 'acknowledge' }, 'zh'),
    ).toBe('任务当前为“已提交”，不能确认收到');
    expect(
      renderMessage(TASKS_CATALOGUE, 'task.wrong_status', { status: 'submitted', action: 'acknowledge' }, 'en'),
    ).toBe('The task is “Submitted”: you cannot acknowledge it now');
  });
});
