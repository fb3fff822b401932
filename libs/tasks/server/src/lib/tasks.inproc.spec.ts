/**
 * TaskService on PostgreSQL: issuing one task, every action and refusal of the transition table, who may read and
 * act (per role and jurisdiction), next_reminder_at kept in the same transaction, attachments, the lists and the
 * XLSX export, the organisation reference.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { dueAtEndOf, nextReminderStep, withPolicyDefaults, type TaskDetail } from '@hutong/tasks-model';
import { refused, restoreClock, setClock } from '@hutong/platform-server/testing';
import type { Province } from '@hutong/organisations-server/testing';
import type { TestUser } from '@hutong/identity-server/testing';
import { OrganisationService } from '@hutong/organisations-server';
import { AccessResolvers, AuditLabels } from '@hutong/platform-server';
import { SAMPLE_FORM, startTasksApp, type TasksTestApp } from '../testing';
import { TaskService } from './task.service';
import type { IssueTaskDto } from './task.dto';

const NOW = '2026-03-10T02:00:00Z';

let t: TasksTestApp;
let tasks: TaskService;
let p: Province;
let admin: TestUser;
let xinyangCoord: TestUser;
let zhengzhouCoord: TestUser;
let viewer: TestUser;
let expert: TestUser;
let hospitalUser: TestUser;
let otherHospitalUser: TestUser;

beforeAll(async () => {
  setClock(NOW);
  t = await startTasksApp();
  tasks = t.service(TaskService);
  p = await t.orgs.provinceTree();
  admin = await t.users.admin();
  xinyangCoord = await t.users.coordinator(p.xinyang);
  zhengzhouCoord = await t.users.coordinator(p.zhengzhou);
  viewer = await t.users.viewer(p.xinyang);
  expert = await t.users.create('expert', { organisation: p.province });
  hospitalUser = await t.users.applicant(p.xinyangHospital);
  otherHospitalUser = await t.users.applicant(p.zhengzhouHospital);
});

afterAll(async () => {
  await t?.close();
  restoreClock();
});

const issueDto = (extra: Partial<IssueTaskDto> = {}): IssueTaskDto => ({
  title: '报送未接入原因',
  instructions: '请说明未接入平台的原因和整改计划',
  dueDate: '2026-03-20',
  form: SAMPLE_FORM,
  assigneeOrgId: p.xinyangHospital.id,
  ...extra,
});

const issue = (extra: Partial<IssueTaskDto> = {}, by: TestUser = xinyangCoord) =>
  tasks.issue(by.principal, issueDto(extra));

async function row(id: string) {
  const [r] = await t.sql<{
    status: string;
    due_at: Date;
    next_reminder_at: Date | null;
    next_reminder_key: string | null;
  }>('select status, due_at, next_reminder_at, next_reminder_key from task where id = ?', [id]);
  return (
    r && { ...r, due_at: new Date(r.due_at), next_reminder_at: r.next_reminder_at && new Date(r.next_reminder_at) }
  );
}

const audits = (id: string) =>
  t
    .sql<{ action: string }>('select action from audit_entry where entity_id = ? order by at, id', [id])
    .then((r) => r.map((x) => x.action));

const answers = { reason: '接口改造中', plan: '本月完成' };

describe('issuing one task', () => {
  it('stores the task due by the end of the Shanghai date, the policy with defaults, its first reminder, history and audit', async () => {
    const task = await issue({ policy: { beforeDays: [3] } });
    expect(task).toMatchObject({
      kind: 'manual',
      status: 'open',
      displayStatus: 'open',
      dueAt: '2026-03-20T16:00:00.000Z',
      assignee: { id: p.xinyangHospital.id, name: '信阳市中心医院' },
      policy: withPolicyDefaults({ beforeDays: [3] }),
      nextReminderKey: 'before-3',
    });
    const step = nextReminderStep(withPolicyDefaults({ beforeDays: [3] }), dueAtEndOf('2026-03-20'), new Date(NOW));
    expect(task.nextReminderAt).toBe(step?.at.toISOString());
    expect(task.history.map((h) => [h.action, h.toStatus])).toEqual([['issue', 'open']]);
    expect(await audits(task.id)).toEqual(['task.issue']);
  });

  it('takes a due instant instead, and refuses neither or both, a due time in the past, a bad form or policy — writing nothing', async () => {
    const at = await issue({ dueDate: undefined, dueAt: '2026-04-01T08:00:00Z' });
    expect(at.dueAt).toBe('2026-04-01T08:00:00.000Z');
    const before = (await t.sql<{ n: string }>('select count(*) as n from task'))[0]?.n;
    expect((await refused(issue({ dueDate: undefined }))).code).toBe('task.due_required');
    expect((await refused(issue({ dueAt: '2026-04-01T08:00:00Z' }))).code).toBe('task.due_required');
    expect((await refused(issue({ dueDate: '2026-03-01' }))).code).toBe('task.due_in_past');
    const form = await refused(
      issue({
        form: [
          { key: 'a', label: 'A', type: 'text', required: true },
          { key: 'a', label: 'B', type: 'choice', required: true, options: [] },
        ],
      }),
    );
    expect(form).toMatchObject({ statusCode: 400, code: 'task.invalid_form', params: { n: 2 } });
    expect((form.details as { code: string }[]).map((d) => d.code)).toEqual([
      'task.form_duplicate_key',
      'task.form_choice_options',
    ]);
    expect((await refused(issue({ policy: { sendHour: 23 } }))).code).toBe('task.policy_send_hour');
    expect((await t.sql<{ n: string }>('select count(*) as n from task'))[0]?.n).toBe(before);
  });

  it('issues only inside the jurisdiction, to a user of the organisation, and only coordinators and admins… through the service too', async () => {
    expect(await refused(issue({ assigneeOrgId: p.zhengzhouHospital.id }))).toMatchObject({
      statusCode: 403,
      code: 'task.out_of_jurisdiction',
    });
    expect((await refused(issue({ assigneeUserId: otherHospitalUser.user.id }))).code).toBe(
      'task.assignee_user_not_member',
    );
    const assigned = await issue({ assigneeUserId: hospitalUser.user.id });
    expect(assigned.assigneeUserId).toBe(hospitalUser.user.id);
    const byAdmin = await issue({ assigneeOrgId: p.zhengzhouHospital.id }, admin);
    expect(byAdmin.assignee.id).toBe(p.zhengzhouHospital.id);
  });
});

describe('the assignee and the issuer act', () => {
  it('acknowledge → respond → return (reopens reminders) → respond → accept; history, audit and reminders follow', async () => {
    const task = await issue();
    const ack = await tasks.acknowledge(hospitalUser.principal, task.id);
    expect(ack.status).toBe('acknowledged');
    expect(ack.acknowledgedAt).not.toBeNull();
    expect((await row(task.id))?.next_reminder_key).toBe(task.nextReminderKey);

    const sub = await tasks.respond(hospitalUser.principal, task.id, answers);
    expect(sub.status).toBe('submitted');
    expect(sub.responses).toHaveLength(1);
    expect(sub.responses[0]).toMatchObject({ answers, decision: null });
    // a submitted task has no reminder
    expect(await row(task.id)).toMatchObject({ status: 'submitted', next_reminder_at: null, next_reminder_key: null });

    expect((await refused(tasks.returnTask(xinyangCoord.principal, task.id, ' '))).code).toBe('task.reason_required');
    const ret = await tasks.returnTask(xinyangCoord.principal, task.id, '原因不具体');
    expect(ret.status).toBe('returned');
    expect(ret.responses[0]).toMatchObject({ decision: 'returned', decisionReason: '原因不具体' });
    const back = await row(task.id);
    expect(back?.next_reminder_at).not.toBeNull();
    expect(back?.next_reminder_key).toBe(
      nextReminderStep(task.policy, new Date(task.dueAt), new Date(Date.now()))?.key,
    );

    await tasks.respond(hospitalUser.principal, task.id, { ...answers, reason: '接口改造中，预计月底完成' });
    const done = await tasks.accept(xinyangCoord.principal, task.id);
    expect(done).toMatchObject({ status: 'accepted', displayStatus: 'accepted', nextReminderAt: null });
    expect(done.closedAt).not.toBeNull();
    expect(done.responses.map((r) => r.decision)).toEqual(['returned', 'accepted']);
    expect(done.history.map((h) => h.action)).toEqual(['issue', 'acknowledge', 'submit', 'return', 'submit', 'accept']);
    expect(done.history.find((h) => h.action === 'return')?.note).toBe('原因不具体');
    expect(await audits(task.id)).toEqual([
      'task.issue',
      'task.acknowledge',
      'task.submit',
      'task.return',
      'task.submit',
      'task.accept',
    ]);
    expect(await row(task.id)).toMatchObject({ status: 'accepted', next_reminder_at: null });
  });

  it('refuses what the status does not allow with a coded 409, and changes nothing', async () => {
    const task = await issue();
    expect(await refused(tasks.accept(xinyangCoord.principal, task.id))).toMatchObject({
      statusCode: 409,
      code: 'task.wrong_status',
      params: { status: 'open', action: 'accept' },
    });
    await tasks.respond(hospitalUser.principal, task.id, answers);
    expect((await refused(tasks.acknowledge(hospitalUser.principal, task.id))).code).toBe('task.wrong_status');
    expect((await refused(tasks.respond(hospitalUser.principal, task.id, answers))).code).toBe('task.wrong_status');
    await tasks.cancel(xinyangCoord.principal, task.id, '重复下发');
    expect(
      (await refused(tasks.extend(xinyangCoord.principal, task.id, { reason: 'x', dueDate: '2026-05-01' }))).code,
    ).toBe('task.wrong_status');
    expect(await row(task.id)).toMatchObject({ status: 'cancelled', next_reminder_at: null });
    expect(await audits(task.id)).toEqual(['task.issue', 'task.submit', 'task.cancel']);
  });

  it('refuses a decision on a task whose status changed meanwhile (the status is in the UPDATE’s WHERE)', async () => {
    const task = await issue();
    await tasks.respond(hospitalUser.principal, task.id, answers);
    // two decisions at once: each read "submitted"; only one may win
    const results = await Promise.allSettled([
      tasks.accept(xinyangCoord.principal, task.id),
      tasks.returnTask(admin.principal, task.id, '补充材料'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    const body = (loser.reason as { getResponse(): { code: string; statusCode: number } }).getResponse();
    expect(body.statusCode).toBe(409);
    expect(['task.changed', 'task.wrong_status']).toContain(body.code);
    const events = await t.sql<{ n: string }>(
      "select count(*) as n from task_event where task_id = ? and action in ('accept', 'return')",
      [task.id],
    );
    expect(events[0]?.n).toBe('1');
  });

  it('extends the due date with a reason, moving next_reminder_at; a submitted task extended keeps none', async () => {
    const task = await issue({ dueDate: '2026-03-12' });
    const first = await row(task.id);
    const ext = await tasks.extend(xinyangCoord.principal, task.id, { reason: '系统升级', dueDate: '2026-04-30' });
    expect(ext.dueAt).toBe('2026-04-30T16:00:00.000Z');
    expect(ext.status).toBe('open');
    const moved = await row(task.id);
    expect(moved?.next_reminder_at?.getTime()).toBeGreaterThan(first?.next_reminder_at?.getTime() ?? 0);
    expect(moved?.next_reminder_key).toBe('before-7');
    expect(moved?.next_reminder_at?.toISOString()).toBe(
      nextReminderStep(task.policy, dueAtEndOf('2026-04-30'), new Date(Date.now()))?.at.toISOString(),
    );
    expect(ext.history.at(-1)).toMatchObject({
      action: 'extend',
      note: '系统升级',
      fromStatus: 'open',
      toStatus: 'open',
    });
    expect(
      (await refused(tasks.extend(xinyangCoord.principal, task.id, { reason: 'x', dueDate: '2026-01-01' }))).code,
    ).toBe('task.due_in_past');
    expect((await refused(tasks.extend(xinyangCoord.principal, task.id, { reason: 'x' }))).code).toBe(
      'task.due_required',
    );

    await tasks.respond(hospitalUser.principal, task.id, answers);
    await tasks.extend(xinyangCoord.principal, task.id, { reason: '延后验收', dueDate: '2026-05-30' });
    expect(await row(task.id)).toMatchObject({ status: 'submitted', next_reminder_at: null });
  });

  it('checks the answers against the form: every problem at once, nothing written', async () => {
    const task = await issue();
    const bad = await refused(
      tasks.respond(hospitalUser.principal, task.id, {
        reason: 'x'.repeat(201),
        plan: '明年',
        done_by: '2026-02-30',
        files: ['nope'],
      }),
    );
    expect(bad).toMatchObject({ statusCode: 400, code: 'task.invalid_response', params: { n: 4 } });
    expect((bad.details as { field: string; code: string }[]).map((d) => [d.field, d.code])).toEqual([
      ['reason', 'task.answer_too_long'],
      ['plan', 'task.answer_not_option'],
      ['done_by', 'task.answer_not_date'],
      ['files', 'task.answer_unknown_file'],
    ]);
    expect(await row(task.id)).toMatchObject({ status: 'open' });
    expect((await t.sql('select id from task_response where task_id = ?', [task.id])).length).toBe(0);
  });
});

describe('attachments', () => {
  it('uploads files for the response, links those the response names, downloads them for those who may read', async () => {
    const task = await issue();
    const a = await tasks.addAttachment(hospitalUser.principal, task.id, {
      name: '整改方案.pdf',
      mime: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 hutong'),
    });
    expect(a).toMatchObject({ name: '整改方案.pdf', size: 15, responseId: null });
    const sub = await tasks.respond(hospitalUser.principal, task.id, { ...answers, files: [a.id] });
    expect(sub.attachments[0]?.responseId).toBe(sub.responses[0]?.id);
    const f = await tasks.attachmentFile(xinyangCoord.principal, task.id, a.id);
    expect(f.name).toBe('整改方案.pdf');
    expect((await refused(tasks.attachmentFile(otherHospitalUser.principal, task.id, a.id))).code).toBe(
      'task.not_assignee',
    );
    // once submitted, no more uploads
    expect(
      (
        await refused(
          tasks.addAttachment(hospitalUser.principal, task.id, { name: 'b', mime: '', buffer: Buffer.from('b') }),
        )
      ).code,
    ).toBe('task.wrong_status');
  });

  it('refuses an empty file, the issuer side and more than 50 files per task', async () => {
    const task = await issue();
    expect(
      (
        await refused(
          tasks.addAttachment(hospitalUser.principal, task.id, { name: 'e', mime: '', buffer: Buffer.alloc(0) }),
        )
      ).code,
    ).toBe('task.file_missing');
    expect(
      (
        await refused(
          tasks.addAttachment(xinyangCoord.principal, task.id, { name: 'c', mime: '', buffer: Buffer.from('c') }),
        )
      ).code,
    ).toBe('task.role_not_allowed');
    for (let i = 0; i < 50; i++)
      await tasks.addAttachment(hospitalUser.principal, task.id, {
        name: `f${i}`,
        mime: 'text/plain',
        buffer: Buffer.from(`f${i}`),
      });
    expect(
      await refused(
        tasks.addAttachment(hospitalUser.principal, task.id, { name: 'f51', mime: '', buffer: Buffer.from('51') }),
      ),
    ).toMatchObject({ statusCode: 409, code: 'task.too_many_attachments', params: { max: 50 } });
  });
});

describe('who may read and act', () => {
  let task: TaskDetail;
  beforeAll(async () => {
    task = await issue();
  });

  it('lets the assignee’s applicants, the coordinator and viewer of its region and admins read; not others', async () => {
    for (const u of [hospitalUser, xinyangCoord, viewer, admin])
      expect((await tasks.detail(u.principal, task.id)).id).toBe(task.id);
    expect((await refused(tasks.detail(otherHospitalUser.principal, task.id))).code).toBe('task.not_assignee');
    expect((await refused(tasks.detail(zhengzhouCoord.principal, task.id))).code).toBe('task.out_of_jurisdiction');
    expect((await refused(tasks.detail(expert.principal, task.id))).statusCode).toBe(403);
  });

  it('shows each caller what it may do; refuses viewers, other regions and other organisations the actions', async () => {
    expect((await tasks.detail(hospitalUser.principal, task.id)).actions).toEqual(['acknowledge', 'submit']);
    expect((await tasks.detail(xinyangCoord.principal, task.id)).actions).toEqual(['extend', 'cancel']);
    expect((await tasks.detail(viewer.principal, task.id)).actions).toEqual([]);
    expect((await refused(tasks.cancel(viewer.principal, task.id, 'x'))).code).toBe('task.role_not_allowed');
    expect((await refused(tasks.cancel(zhengzhouCoord.principal, task.id, 'x'))).code).toBe('task.out_of_jurisdiction');
    expect((await refused(tasks.acknowledge(otherHospitalUser.principal, task.id))).code).toBe('task.not_assignee');
    expect((await refused(tasks.acknowledge(xinyangCoord.principal, task.id))).code).toBe('task.role_not_allowed');
    expect((await refused(tasks.detail(admin.principal, '00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    expect((await row(task.id))?.status).toBe('open');
  });

  it('lets a user the task is assigned to act on it', async () => {
    const colleague = await t.users.applicant(p.xinyangHospital);
    const mine = await issue({ assigneeUserId: colleague.user.id });
    expect((await tasks.acknowledge(colleague.principal, mine.id)).status).toBe('acknowledged');
  });
});

describe('lists and the export', () => {
  let fresh: TasksTestApp;
  let svc: TaskService;
  let coord: TestUser;
  let shihe: TestUser;
  let ids: Record<string, string>;

  beforeAll(async () => {
    fresh = t;
    svc = tasks;
    const county = await t.orgs.county(p.xinyang, { name: '平桥区' });
    const h1 = await t.orgs.hospital(county, { name: '平桥区人民医院' });
    const h2 = await t.orgs.hospital(county, { name: '平桥区中医院' });
    coord = await t.users.coordinator(county);
    shihe = await t.users.applicant(h1);
    const now = Date.now();
    const a = await t.tasks.task({ assignee: h1, title: '甲 逾期', dueAt: new Date(now - 86_400_000) });
    const b = await t.tasks.task({ assignee: h1, title: '乙 待处理', dueAt: new Date(now + 5 * 86_400_000) });
    const c = await t.tasks.task({
      assignee: h2,
      title: '丙 已提交',
      status: 'submitted',
      dueAt: new Date(now - 86_400_000),
    });
    const d = await t.tasks.task({
      assignee: h2,
      title: '=丁 链接',
      kind: 'rectify',
      dueAt: new Date(now + 20 * 86_400_000),
    });
    ids = { a: a.id, b: b.id, c: c.id, d: d.id };
  });

  it('the applicant’s list: its organisation’s tasks, overdue derived, sorted by due', async () => {
    const page = await svc.mine(shihe.principal, {});
    expect(page.items.map((i) => [i.title, i.displayStatus])).toEqual([
      ['甲 逾期', 'overdue'],
      ['乙 待处理', 'open'],
    ]);
    expect((await svc.mine(shihe.principal, { status: 'overdue' })).items.map((i) => i.id)).toEqual([ids['a']]);
    expect((await svc.mine(shihe.principal, { status: 'open' })).items.map((i) => i.id)).toEqual([ids['b']]);
  });

  it('the issued list: the jurisdiction only, filters by status (overdue in SQL), kind, organisation name, due range; paged', async () => {
    const all = await svc.issued(coord.principal, { sort: 'due', dir: 'desc' });
    expect(all.total).toBe(4);
    expect(all.items.slice(0, 2).map((i) => i.title)).toEqual(['=丁 链接', '乙 待处理']);
    expect(new Set(all.items.slice(2).map((i) => i.title))).toEqual(new Set(['丙 已提交', '甲 逾期']));
    expect((await svc.issued(coord.principal, { status: 'overdue' })).items.map((i) => i.id)).toEqual([ids['a']]);
    expect((await svc.issued(coord.principal, { status: 'submitted' })).items.map((i) => i.id)).toEqual([ids['c']]);
    expect((await svc.issued(coord.principal, { kind: 'rectify' })).items.map((i) => i.id)).toEqual([ids['d']]);
    expect((await svc.issued(coord.principal, { q: '中医院' })).items.map((i) => i.id).sort()).toEqual(
      [ids['c'], ids['d']].sort(),
    );
    expect((await svc.issued(coord.principal, { q: '乙' })).items.map((i) => i.id)).toEqual([ids['b']]);
    const page2 = await svc.issued(coord.principal, { pageSize: 3, page: 2 });
    expect([page2.total, page2.items.length]).toEqual([4, 1]);
    const today = '2026-03-10';
    const range = await svc.issued(coord.principal, { dueFrom: today, dueTo: '2026-03-20' });
    expect(range.items.map((i) => i.id)).toEqual([ids['b']]);
    // the city coordinator sees them too, the other city's does not
    expect((await svc.issued(xinyangCoord.principal, { q: '平桥区' })).total).toBe(4);
    expect((await svc.issued(zhengzhouCoord.principal, { q: '平桥区' })).total).toBe(0);
    void fresh;
  });

  it('exports the filtered list as XLSX with the status as shown and formula-looking text defused', async () => {
    const buf = await svc.exportIssued(coord.principal, { sort: 'title' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('任务');
    const rows = (ws?.getSheetValues() ?? []).slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['单位', '任务', '类型', '状态', '截止时间', '提交时间']);
    expect(rows.slice(1).map((r) => [r[1], r[3]])).toEqual([
      ["'=丁 链接", '待处理'],
      ['丙 已提交', '已提交'],
      ['乙 待处理', '待处理'],
      ['甲 逾期', '已逾期'],
    ]);
    expect(rows[1]?.[2]).toBe('整改');
  });
});

describe('other capabilities', () => {
  it('keeps an organisation with tasks from being deleted, and names tasks in the audit log', async () => {
    const county = await t.orgs.county(p.zhengzhou, { name: '中原区' });
    const h = await t.orgs.hospital(county, { name: '中原区医院' });
    const task = await t.tasks.task({ assignee: h, title: '上报数据' });
    const orgs = t.service(OrganisationService);
    expect(await refused(orgs.remove(admin.principal, h.id))).toMatchObject({
      statusCode: 409,
      code: 'organisation.has_tasks',
    });
    const labels = await t.service(AuditLabels).labels(new Map([['task', [task.id]]]));
    expect(labels.get(`task:${task.id}`)).toBe('中原区医院 · 上报数据');
  });

  it('tells the access guard a task’s organisation: its assignee’s path (null for no such task)', async () => {
    const task = await t.tasks.task({ assignee: p.shiheHospital });
    const resolver = t.service(AccessResolvers).get('task');
    expect(await resolver.pathOf(task.id)).toBe(p.shiheHospital.path);
    expect(await resolver.pathOf('00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
