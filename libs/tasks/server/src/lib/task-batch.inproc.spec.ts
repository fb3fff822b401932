/**
 * Bulk issue on PostgreSQL: the recipient preview (the jurisdiction only), the batch stored and enqueued, the
 * worker's set-based writer (progress, one audit entry, idempotent), the batch lists — and 10,000 tasks in one run.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QUEUES } from '@hutong/platform-model';
import { refused, restoreClock, setClock } from '@hutong/platform-server/testing';
import type { Organisation } from '@hutong/organisations-server';
import type { TestUser } from '@hutong/identity-server/testing';
import { dueAtEndOf, nextReminderStep, withPolicyDefaults } from '@hutong/tasks-model';
import { SAMPLE_FORM, startTasksApp, type TasksTestApp } from '../testing';
import { TaskBatchRunner } from './task-batch.runner';
import { TaskService } from './task.service';
import type { CreateTaskBatchDto } from './task.dto';
import { RecipientList } from './entities/task.entities';

const NOW = '2026-03-10T02:00:00Z';

let t: TasksTestApp;
let tasks: TaskService;
let runner: TaskBatchRunner;
let province: Organisation;
let cityA: Organisation;
let cityB: Organisation;
let coordA: TestUser;
let admin: TestUser;

/** `n` institutions under `parent`, written with one statement: every third a 2A hospital, every tenth a health commission. */
async function institutions(parent: Organisation, n: number, prefix: string): Promise<void> {
  await t.sql(
    `insert into organisation (id, code, name, level, kind, grade, region_code, parent_id, path, created_at, updated_at)
     select x.id, ? || lpad(x.i::text, 6, '0'), ? || x.i, 'institution',
            case when x.i % 10 = 0 then 'health_commission' else 'hospital' end,
            case when x.i % 10 = 0 then null when x.i % 3 = 0 then '2A' else '3A' end,
            '410000', ?, ? || x.id::text || '/', now(), now()
       from (select gen_random_uuid() as id, g as i from generate_series(1, ?) as g) x`,
    [prefix, `${prefix}医院`, parent.id, parent.path, n],
  );
}

beforeAll(async () => {
  setClock(NOW);
  t = await startTasksApp();
  tasks = t.service(TaskService);
  runner = t.service(TaskBatchRunner);
  province = await t.orgs.province();
  cityA = await t.orgs.city(province, { name: '甲市' });
  cityB = await t.orgs.city(province, { name: '乙市' });
  await institutions(cityA, 300, 'A');
  await institutions(cityB, 40, 'B');
  coordA = await t.users.coordinator(cityA);
  admin = await t.users.admin();
});

afterAll(async () => {
  await t?.close();
  restoreClock();
});

const batchDto = (
  filter: CreateTaskBatchDto['filter'],
  extra: Partial<CreateTaskBatchDto> = {},
): CreateTaskBatchDto => ({
  title: '报送数据质量整改情况',
  instructions: '请填写整改情况',
  dueDate: '2026-03-31',
  form: SAMPLE_FORM,
  filter,
  ...extra,
});

describe('the recipient preview', () => {
  it('counts and names the first 50 matches inside the caller’s jurisdiction only', async () => {
    const all = await tasks.previewRecipients(coordA.principal, {});
    expect(all.total).toBe(300);
    expect(all.items).toHaveLength(50);
    expect(all.items[0]).toMatchObject({ code: 'A000001', name: 'A医院1' });
    expect((await tasks.previewRecipients(coordA.principal, { kinds: ['hospital'], grades: ['2A'] })).total).toBe(
      // i % 3 = 0 and i % 10 <> 0, for i in 1..300
      100 - 10,
    );
    expect((await tasks.previewRecipients(coordA.principal, { kinds: ['health_commission'] })).total).toBe(30);
    expect((await tasks.previewRecipients(admin.principal, {})).total).toBe(340);
    // another city's region is refused; its organisations named by id are simply not matched
    expect((await refused(tasks.previewRecipients(coordA.principal, { regionId: cityB.id }))).code).toBe(
      'task.out_of_jurisdiction',
    );
    const bIds = (await tasks.previewRecipients(admin.principal, { regionId: cityB.id })).items.map((i) => i.id);
    expect((await tasks.previewRecipients(coordA.principal, { organisationIds: bIds })).total).toBe(0);
  });

  it('resolves a saved recipient list (intersected with the jurisdiction)', async () => {
    const some = (await tasks.previewRecipients(admin.principal, {})).items.slice(0, 5).map((i) => i.id);
    const em = t.em.fork();
    const list = em.create(RecipientList, { name: '重点医院', owner: coordA.user.id, organisationIds: some });
    await em.persist(list).flush();
    expect((await tasks.previewRecipients(coordA.principal, { listId: list.id })).total).toBe(5);
    expect(
      (await refused(tasks.previewRecipients(coordA.principal, { listId: '00000000-0000-4000-8000-000000000000' })))
        .statusCode,
    ).toBe(404);
  });
});

describe('a batch', () => {
  it('is stored queued and enqueued with its id as the job id; the worker creates its tasks set-based, with progress and one audit entry', async () => {
    const queued = await tasks.createBatch(
      coordA.principal,
      batchDto({ kinds: ['hospital'] }, { policy: { beforeDays: [5] } }),
    );
    expect(queued).toMatchObject({ status: 'queued', total: 270, created: 0 });
    const job = t.queues[QUEUES.taskBatch].jobs.find((j) => (j.data as { batchId: string }).batchId === queued.id);
    expect(job?.opts?.jobId).toBe(queued.id);

    expect(await runner.run(queued.id)).toBe('done');
    const done = await tasks.batch(coordA.principal, queued.id);
    expect(done).toMatchObject({ status: 'done', total: 270, created: 270, counts: { open: 270 } });
    const rows = await t.sql<{ n: string; paths: string; keys: string; ats: string; events: string }>(
      `select count(*) as n, count(distinct assignee_path) as paths, min(next_reminder_key) as keys,
              count(distinct next_reminder_at) as ats,
              (select count(*) from task_event e join task x on x.id = e.task_id where x.batch_id = ? and e.action = 'issue') as events
         from task where batch_id = ?`,
      [queued.id, queued.id],
    );
    expect(rows[0]).toMatchObject({ n: '270', paths: '270', keys: 'before-5', ats: '1', events: '270' });
    const [sample] = await t.sql<{ assignee_path: string; org_path: string; next_reminder_at: string }>(
      `select t.assignee_path, o.path as org_path, t.next_reminder_at from task t join organisation o on o.id = t.assignee_org_id
        where t.batch_id = ? limit 1`,
      [queued.id],
    );
    expect(sample?.assignee_path).toBe(sample?.org_path);
    expect(new Date(sample?.next_reminder_at ?? '').toISOString()).toBe(
      nextReminderStep(
        withPolicyDefaults({ beforeDays: [5] }),
        dueAtEndOf('2026-03-31'),
        new Date(Date.now()),
      )?.at.toISOString(),
    );
    const audit = await t.sql<{ action: string }>(
      'select action from audit_entry where entity_id = ? order by at, id',
      [queued.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['task_batch.create', 'task_batch.issue']);

    // run again (a retried job): nothing doubles
    expect(await runner.run(queued.id)).toBe('already-done');
    await t.sql("update task_batch set status = 'running' where id = ?", [queued.id]);
    expect(await runner.run(queued.id)).toBe('done');
    expect((await t.sql<{ n: string }>('select count(*) as n from task where batch_id = ?', [queued.id]))[0]?.n).toBe(
      '270',
    );

    // its tasks are the assignees' and the issuer's like any other
    const page = await tasks.issued(coordA.principal, { batchId: queued.id, pageSize: 5 });
    expect(page.total).toBe(270);
    const list = await tasks.batches(coordA.principal, {});
    expect(list.items.map((b) => [b.id, b.counts])).toEqual([[queued.id, { open: 270 }]]);
  });

  it('counts its tasks by status as shown, and is the issuer’s (and admins’) to read', async () => {
    const b = await tasks.createBatch(coordA.principal, batchDto({ kinds: ['health_commission'] }));
    await runner.run(b.id);
    const [first] = (await tasks.issued(coordA.principal, { batchId: b.id, pageSize: 1 })).items;
    // the clock is fixed: "overdue" is read against it, not the database's now()
    await t.sql("update task set due_at = ?::timestamptz - interval '1 day' where batch_id = ? and id <> ?", [
      new Date(Date.now()),
      b.id,
      first?.id,
    ]);
    const counts = (await tasks.batch(admin.principal, b.id)).counts;
    expect(counts).toEqual({ open: 1, overdue: 29 });
    const other = await t.users.coordinator(cityA);
    expect((await refused(tasks.batch(other.principal, b.id))).statusCode).toBe(403);
  });

  it('refuses a filter that matches nothing, a bad template, another region — and stores nothing', async () => {
    const before = (await t.sql<{ n: string }>('select count(*) as n from task_batch'))[0]?.n;
    expect((await refused(tasks.createBatch(coordA.principal, batchDto({ kinds: ['regional_platform'] })))).code).toBe(
      'task.recipients_none',
    );
    expect((await refused(tasks.createBatch(coordA.principal, batchDto({}, { dueDate: '2026-01-01' })))).code).toBe(
      'task.due_in_past',
    );
    expect((await refused(tasks.createBatch(coordA.principal, batchDto({ regionId: cityB.id })))).code).toBe(
      'task.out_of_jurisdiction',
    );
    expect((await t.sql<{ n: string }>('select count(*) as n from task_batch'))[0]?.n).toBe(before);
  });

  // the time it takes is measured by test/bench/task-issue.mjs (docs/benchmarks.md), not asserted here
  it('stores a batch larger than one chunk completely, each task with its first reminder planned', async () => {
    const big = await t.orgs.city(province, { name: '丙市' });
    await institutions(big, 4_500, 'C');
    const b = await tasks.createBatch(admin.principal, batchDto({ regionId: big.id }));
    expect(b.total).toBe(4_500);
    await runner.run(b.id);
    expect((await tasks.batch(admin.principal, b.id)).created).toBe(4_500);
    const rows = await t.sql<{ n: string; planned: string; orgs: string }>(
      'select count(*) as n, count(next_reminder_at) as planned, count(distinct assignee_org_id) as orgs from task where batch_id = ?',
      [b.id],
    );
    expect(rows[0]).toEqual({ n: '4500', planned: '4500', orgs: '4500' });
  }, 60_000);
});
