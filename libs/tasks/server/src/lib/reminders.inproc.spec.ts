/**
 * The reminder sender on PostgreSQL: the worker's due-scan (`scanOnce(now)`) over `task.next_reminder_at` — never
 * after the work is done, each step once, the plan moving with the due date, escalation to the head contact and
 * the region's coordinator, quiet hours, the overdue boundary — and the notifications of issuing, deciding and
 * "remind now".
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import { dueAtEndOf, overdueDays } from '@hutong/tasks-model';
import { refused, restoreClock, setClock } from '@hutong/platform-server/testing';
import { renderCode } from '@hutong/platform-server';
import type { Province } from '@hutong/organisations-server/testing';
import type { TestUser } from '@hutong/identity-server/testing';
import { reminderScannerOf, startTasksApp, type TasksTestApp } from '../testing';
import type { Task } from './entities/task.entities';
import type { ReminderScanner } from './reminder-scanner';
import { TaskService } from './task.service';

let t: TasksTestApp;
let tasks: TaskService;
let scanner: ReminderScanner;
let p: Province;
let head: TestUser;
let member: TestUser;
let xinyangCoord: TestUser;
let provinceCoord: TestUser;

const DUE = dueAtEndOf('2023-07-03'); // 2023-07-03T16:00:00Z
const ANSWERS = { reason: '设备未到位', plan: '本月完成' };

beforeAll(async () => {
  setClock('2023-06-20T02:00:00Z');
  t = await startTasksApp();
  tasks = t.service(TaskService);
  scanner = reminderScannerOf(t);
  p = await t.orgs.provinceTree();
  head = await t.users.applicant(p.xinyangHospital); // the first applicant: the head contact
  member = await t.users.applicant(p.xinyangHospital);
  // the clock is fixed: date the head's account a day earlier, so that it is the first by creation
  await t.em
    .fork()
    .execute(`update app_user set created_at = created_at - interval '1 day' where id = ?`, [head.user.id]);
  xinyangCoord = await t.users.coordinator(p.xinyang);
  provinceCoord = await t.users.coordinator(p.province);
});

afterAll(async () => {
  await t?.close();
  restoreClock();
});

const task = (extra: Partial<Parameters<TasksTestApp['tasks']['task']>[0]> = {}): Promise<Task> => {
  setClock('2023-06-20T02:00:00Z');
  return t.tasks.task({ assignee: p.xinyangHospital, dueAt: DUE, issuer: xinyangCoord.user, ...extra });
};

async function steps(taskId: string): Promise<{ step_key: string; audience: string; recipients: number }[]> {
  return t.em
    .fork()
    .execute(`select step_key, audience, recipients from task_reminder where task_id = ? order by sent_at, step_key`, [
      taskId,
    ]);
}

async function notes(
  taskId: string,
): Promise<{ user_id: string; title_code: string; dedupe_key: string; params: Record<string, string | number> }[]> {
  return t.em
    .fork()
    .execute(
      `select user_id, title_code, dedupe_key, params from notification where subject_id = ? order by created_at, dedupe_key`,
      [taskId],
    );
}

async function planOf(taskId: string): Promise<{ at: string | null; key: string | null }> {
  const [r] = await t.em
    .fork()
    .execute<
      { at: Date | null; key: string | null }[]
    >('select next_reminder_at as at, next_reminder_key as key from task where id = ?', [taskId]);
  return { at: r?.at ? new Date(r.at).toISOString() : null, key: r?.key ?? null };
}

const at = (iso: string) => new Date(iso);

const render = (n: { title_code: string; params: Record<string, string | number> } | undefined, lang: 'zh' | 'en') =>
  n ? renderCode(n.title_code, n.params, lang) : null;

const statusOf = (call: Promise<unknown>): Promise<number> =>
  call.then(
    () => 200,
    (e: unknown) => (e instanceof HttpException ? e.getStatus() : 500),
  );

describe('the due-scan', () => {
  it('sends nothing for a task completed one second before its reminder, even with a stale next_reminder_at', async () => {
    const x = await task();
    expect(await planOf(x.id)).toEqual({ at: '2023-06-26T01:00:00.000Z', key: 'before-7' });
    setClock('2023-06-26T00:59:58Z');
    await tasks.respond(member.principal, x.id, ANSWERS); // the service's clock ticks: 00:59:59
    expect(await planOf(x.id)).toEqual({ at: null, key: null });
    await scanner.scanOnce(at('2023-06-26T01:00:00Z'));
    expect(await steps(x.id)).toEqual([]);
    // even a next_reminder_at left behind: the scan's WHERE keeps to the waiting statuses
    await t.em.fork().execute(`update task set next_reminder_at = '2023-06-26T01:00:00Z' where id = ?`, [x.id]);
    await scanner.scanOnce(at('2023-06-26T01:00:01Z'));
    expect(await steps(x.id)).toEqual([]);
    expect((await notes(x.id)).map((n) => n.title_code)).toEqual(['task.notify_submitted']);
  });

  it('sends each step once, even when scanned twice, and plans the next one', async () => {
    const x = await task();
    const first = scanner.scanOnce(at('2023-06-26T01:00:00Z'));
    const second = scanner.scanOnce(at('2023-06-26T01:00:00Z')); // at the same time: skip locked / unique key
    await Promise.all([first, second]);
    await scanner.scanOnce(at('2023-06-26T05:00:00Z'));
    expect(await steps(x.id)).toEqual([{ step_key: 'before-7', audience: 'assignee', recipients: 2 }]);
    const n = await notes(x.id);
    expect(n.map((r) => r.dedupe_key).sort()).toEqual(
      [head, member].map((u) => `task:${x.id}:before-7:${u.user.id}`).sort(),
    );
    expect(n[0]?.title_code).toBe('task.notify_reminder');
    expect(render(n[0], 'zh')).toBe('任务提醒：报送未接入原因，截止 2023年7月3日');
    expect(render(n[0], 'en')).toBe('Reminder: 报送未接入原因, due 2023-07-03');
    expect(await planOf(x.id)).toEqual({ at: '2023-06-30T01:00:00.000Z', key: 'before-3' });
    // the inbox and the mail outbox agree: one notification per user and step
    const [dup] = await t.em
      .fork()
      .execute<{ n: number }[]>(`select count(*)::int as n from notification where subject_id = ?`, [x.id]);
    expect(dup?.n).toBe(2);
  });

  it('moves the reminders with the due date when the task is extended', async () => {
    const x = await task();
    setClock('2023-06-21T02:00:00Z');
    await tasks.extend(xinyangCoord.principal, x.id, { dueDate: '2023-07-10', reason: '设备延期到货' });
    expect(await planOf(x.id)).toEqual({ at: '2023-07-03T01:00:00.000Z', key: 'before-7' });
    await scanner.scanOnce(at('2023-06-26T01:00:00Z')); // the old before-7
    expect(await steps(x.id)).toEqual([]);
    await scanner.scanOnce(at('2023-07-03T01:00:00Z'));
    expect((await steps(x.id)).map((s) => s.step_key)).toEqual(['before-7']);
  });

  it('escalates to the head contact, then to the coordinator of the nearest region, after the set overdue days', async () => {
    const x = await task({ assigneeUser: member.user, policy: { escalateAfterDays: 2 } });
    const who = async (stepKey: string) =>
      (await notes(x.id))
        .filter((n) => n.dedupe_key.startsWith(`task:${x.id}:${stepKey}:`))
        .map((n) => [n.user_id, n.title_code])
        .sort();
    await scanner.scanOnce(at('2023-07-04T01:00:00Z')); // overdue-1
    expect(await who('overdue-1')).toEqual([[member.user.id, 'task.notify_overdue']]);
    await scanner.scanOnce(at('2023-07-05T01:00:00Z')); // overdue-2: the head contact too
    expect(await who('overdue-2')).toEqual(
      [
        [member.user.id, 'task.notify_overdue'],
        [head.user.id, 'task.notify_escalation'],
      ].sort(),
    );
    await scanner.scanOnce(at('2023-07-07T01:00:00Z')); // overdue-4: and the region's coordinator (not the province's)
    expect(await who('overdue-4')).toEqual(
      [
        [member.user.id, 'task.notify_overdue'],
        [head.user.id, 'task.notify_escalation'],
        [xinyangCoord.user.id, 'task.notify_escalation'],
      ].sort(),
    );
    expect((await notes(x.id)).some((n) => n.user_id === provinceCoord.user.id)).toBe(false);
    expect((await steps(x.id)).map((s) => [s.step_key, s.audience])).toEqual([
      ['overdue-1', 'assignee'],
      ['overdue-2', 'head'],
      ['overdue-4', 'coordinator'], // overdue-3 was folded into overdue-4 (the scan skipped a day)
    ]);
    const esc = (await notes(x.id)).find((n) => n.user_id === xinyangCoord.user.id);
    expect(render(esc, 'zh')).toBe('督办升级：信阳市中心医院的任务“报送未接入原因”已逾期4天');
  });

  it('defers to 08:00 Shanghai in quiet hours, then sends the folded step once', async () => {
    const x = await task();
    // the worker was down at 09:00; it scans at 23:00 Shanghai
    const r = await scanner.scanOnce(at('2023-06-26T15:00:00Z'));
    expect(r.deferred).toBeGreaterThanOrEqual(1);
    expect(await steps(x.id)).toEqual([]);
    expect(await planOf(x.id)).toEqual({ at: '2023-06-27T00:00:00.000Z', key: 'before-7' });
    await scanner.scanOnce(at('2023-06-26T20:00:00Z')); // 04:00: nothing is due yet
    expect(await steps(x.id)).toEqual([]);
    await scanner.scanOnce(at('2023-06-27T00:00:00Z'));
    expect((await steps(x.id)).map((s) => s.step_key)).toEqual(['before-7']);
    expect(await planOf(x.id)).toEqual({ at: '2023-06-30T01:00:00.000Z', key: 'before-3' });
  });

  it('counts a task due by the end of 2023-07-03 overdue from 16:00:00Z; its overdue reminders start the next day at the send hour', async () => {
    const x = await task();
    await scanner.scanOnce(at('2023-07-03T01:00:00Z'));
    expect((await steps(x.id)).map((s) => s.step_key)).toEqual(['due-day']);
    expect(overdueDays(DUE, at('2023-07-03T15:59:59Z'))).toBe(0);
    expect(overdueDays(DUE, at('2023-07-03T16:00:00Z'))).toBe(1);
    await scanner.scanOnce(at('2023-07-03T16:00:00Z'));
    await scanner.scanOnce(at('2023-07-04T00:59:59Z'));
    expect((await steps(x.id)).map((s) => s.step_key)).toEqual(['due-day']);
    await scanner.scanOnce(at('2023-07-04T01:00:00Z'));
    expect((await steps(x.id)).map((s) => s.step_key)).toEqual(['due-day', 'overdue-1']);
    const o = (await notes(x.id)).find((n) => n.dedupe_key.includes(':overdue-1:'));
    expect(render(o, 'zh')).toBe('任务已逾期1天：报送未接入原因（截止 2023年7月3日）');
  });
});

describe('notifications of issuing, deciding and reminding now', () => {
  it('tells the assignees when a task is issued, the issuer when it is answered, the assignees when it is returned', async () => {
    setClock('2023-06-20T02:00:00Z');
    const d = await tasks.issue(xinyangCoord.principal, {
      title: '报送整改计划',
      instructions: '请报送',
      dueDate: '2023-07-03',
      form: [{ key: 'reason', label: '原因', type: 'text', required: true, maxLength: 200 }],
      assigneeOrgId: p.xinyangHospital.id,
    });
    expect((await notes(d.id)).map((n) => [n.user_id, n.dedupe_key]).sort()).toEqual(
      [head, member].map((u) => [u.user.id, `task:${d.id}:issued:${u.user.id}`]).sort(),
    );
    await tasks.respond(member.principal, d.id, { reason: '已整改' });
    await tasks.returnTask(xinyangCoord.principal, d.id, '材料不全');
    const codes = (await notes(d.id)).map((n) => [n.user_id, n.title_code]);
    expect(codes).toContainEqual([xinyangCoord.user.id, 'task.notify_submitted']);
    expect(codes.filter((c) => c[1] === 'task.notify_returned')).toHaveLength(2);
  });

  it('reminds now once in 10 minutes, never in quiet hours, only for the issuers of a waiting task', async () => {
    const x = await task();
    setClock('2023-06-22T02:00:00Z'); // 10:00 Shanghai
    await tasks.remind(xinyangCoord.principal, x.id);
    expect(await steps(x.id)).toEqual([{ step_key: 'manual-202306221000', audience: 'assignee', recipients: 2 }]);
    expect((await notes(x.id)).map((n) => n.title_code)).toEqual(['task.notify_manual', 'task.notify_manual']);
    setClock('2023-06-22T02:05:00Z');
    expect((await refused(tasks.remind(xinyangCoord.principal, x.id))).code).toBe('task.remind_too_soon');
    expect(await statusOf(tasks.remind(xinyangCoord.principal, x.id))).toBe(429);
    setClock('2023-06-22T02:11:00Z');
    await tasks.remind(xinyangCoord.principal, x.id);
    expect(await steps(x.id)).toHaveLength(2);
    setClock('2023-06-22T15:00:00Z'); // 23:00 Shanghai
    expect((await refused(tasks.remind(xinyangCoord.principal, x.id))).code).toBe('task.remind_quiet_hours');
    expect(await statusOf(tasks.remind(xinyangCoord.principal, x.id))).toBe(409);
    expect((await refused(tasks.remind(member.principal, x.id))).code).toBe('task.role_not_allowed');
    const [audit] = await t.em
      .fork()
      .execute<
        { n: number }[]
      >(`select count(*)::int as n from audit_entry where action = 'task.remind' and entity_id = ?`, [x.id]);
    expect(audit?.n).toBe(2);
  });
});
