/**
 * The workflow's own tasks, driven through the real outbox in process: applications change state through the
 * assessment's services (which write their stage events), the outbox relay publishes them (to the in-process
 * queue), and the domain-events processor delivers each to the tasks' subscriber — as the worker does.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import { leavesUpTo, type StageEventData } from '@hutong/assessment-model';
import { ApplicationService, stageEventOutbox, type Scheme, type Cycle } from '@hutong/assessment-server';
import { windowsAround } from '@hutong/assessment-server/testing';
import type { Province } from '@hutong/organisations-server/testing';
import type { TestUser } from '@hutong/identity-server/testing';
import { QUEUES, addDays, type DomainEventPayload } from '@hutong/platform-model';
import { DomainEventSubscribers, DomainEventsProcessor, OutboxRelay } from '@hutong/platform-server';
import { FakeQueue, restoreClock, setClock } from '@hutong/platform-server/testing';
import { dueAtEndOf } from '@hutong/tasks-model';
import { startTasksApp, type TasksTestApp } from '../testing';
import { WorkflowTasks, WorkflowTasksSubscription } from './workflow-tasks';
import { RollupService } from './rollups/rollup.service';

const NOW = '2026-03-10T02:00:00Z';
const TODAY = '2026-03-10';

let t: TasksTestApp;
let apps: ApplicationService;
let p: Province;
let scheme: Scheme;
let cycle: Cycle;
let coord: TestUser;
let applicant: TestUser;
let relay: OutboxRelay;
let queue: FakeQueue<DomainEventPayload>;
let processor: DomainEventsProcessor;
let delivered = 0;

/** Publishes every committed stage event and delivers those not delivered yet; returns how many were delivered. */
async function pump(): Promise<number> {
  await relay.drain();
  const fresh = queue.jobs.slice(delivered);
  for (const j of fresh) await processor.process({ data: j.data } as Job<DomainEventPayload>);
  delivered = queue.jobs.length;
  return fresh.length;
}

/** Delivers the already published events again (a redelivery after a crash). */
async function replayAll(): Promise<void> {
  for (const j of queue.jobs) await processor.process({ data: j.data } as Job<DomainEventPayload>);
}

const tasksOf = (applicationId: string) =>
  t.sql<{
    kind: string;
    status: string;
    due_at: string;
    next_reminder_at: string | null;
    assignee_org_id: string;
    source_key: string;
  }>(
    'select kind, status, due_at, next_reminder_at, assignee_org_id, source_key from task where about_id = ? order by created_at, kind desc',
    [applicationId],
  );

beforeAll(async () => {
  setClock(NOW);
  t = await startTasksApp();
  apps = t.service(ApplicationService);
  p = await t.orgs.provinceTree();
  scheme = await t.assessment.scheme();
  cycle = await t.assessment.cycle({ jurisdiction: p.xinyang, schemes: [scheme], windows: windowsAround(TODAY) });
  coord = await t.users.coordinator(p.xinyang);
  applicant = await t.users.applicant(p.xinyangHospital);
  queue = new FakeQueue(QUEUES.domainEvents);
  relay = new OutboxRelay(t.em, queue as never, t.config);
  relay.register(stageEventOutbox);
  const subscribers = new DomainEventSubscribers();
  new WorkflowTasksSubscription(subscribers, t.module.get(WorkflowTasks), t.module.get(RollupService)).onModuleInit();
  processor = new DomainEventsProcessor(subscribers, t.config);
  // events the fixtures wrote before this suite's applications are not news
  await pump();
});

afterAll(async () => {
  await t?.close();
  restoreClock();
});

describe('an application’s own tasks', () => {
  it('created → "submit the self-assessment" due by the end of the application window; submitted → closed, reminders off', async () => {
    const app = await t.assessment.application({
      cycle,
      organisation: p.xinyangHospital,
      scheme,
      createdBy: applicant.user,
    });
    expect(await pump()).toBe(1);
    const [opened] = await tasksOf(app.id);
    expect(opened).toMatchObject({
      kind: 'submit_self_assessment',
      status: 'open',
      assignee_org_id: p.xinyangHospital.id,
    });
    expect(new Date(opened?.due_at ?? '').toISOString()).toBe(dueAtEndOf(addDays(TODAY, 30)).toISOString());
    expect(opened?.next_reminder_at).not.toBeNull();
    // the applicant sees it in its list
    const { TaskService } = await import('./task.service');
    const mine = await t.service(TaskService).mine(applicant.principal, {});
    expect(mine.items.map((i) => [i.kind, i.aboutId])).toContainEqual(['submit_self_assessment', app.id]);

    // a replayed event changes nothing
    await replayAll();
    expect(await tasksOf(app.id)).toHaveLength(1);

    await apps.transition(applicant.principal, app.id, { action: 'submit' });
    expect(await pump()).toBe(1);
    expect(await tasksOf(app.id)).toMatchObject([
      { kind: 'submit_self_assessment', status: 'accepted', next_reminder_at: null },
    ]);
    const history = await t.sql<{ action: string; actor: string }>(
      'select e.action, e.actor from task_event e join task x on x.id = e.task_id where x.about_id = ? order by e.at',
      [app.id],
    );
    expect(history).toEqual([
      { action: 'issue', actor: 'system' },
      { action: 'accept', actor: 'system' },
    ]);
  });

  it('returned → "supplement and resubmit" due by the return deadline; resubmitted → closed; replays change nothing', async () => {
    const applicant = await t.users.applicant(p.shiheHospital);
    const app = await t.assessment.application({
      cycle,
      organisation: p.shiheHospital,
      scheme,
      createdBy: applicant.user,
    });
    await apps.transition(applicant.principal, app.id, { action: 'submit' });
    await apps.transition(coord.principal, app.id, { action: 'start_check' });
    const item = leavesUpTo(scheme.tree, '3')[0]?.code ?? '';
    await apps.transition(coord.principal, app.id, {
      action: 'return',
      returnReasons: [{ itemCode: item, reason: '请补充证明材料' }],
      returnDeadline: '2026-03-25',
    });
    await pump();
    const afterReturn = await tasksOf(app.id);
    expect(afterReturn.map((x) => [x.kind, x.status])).toEqual([
      ['submit_self_assessment', 'accepted'],
      ['resubmit_supplement', 'open'],
    ]);
    expect(new Date(afterReturn[1]?.due_at ?? '').toISOString()).toBe('2026-03-25T16:00:00.000Z');
    expect(afterReturn[1]?.next_reminder_at).not.toBeNull();

    await apps.transition(applicant.principal, app.id, { action: 'resubmit' });
    await pump();
    await replayAll();
    const closed = await tasksOf(app.id);
    expect(closed.map((x) => [x.kind, x.status, x.next_reminder_at])).toEqual([
      ['submit_self_assessment', 'accepted', null],
      ['resubmit_supplement', 'accepted', null],
    ]);
    const audit = await t.sql<{ n: string }>(
      "select count(*) as n from audit_entry where entity_type = 'task' and entity_id in (select id::text from task where about_id = ?)",
      [app.id],
    );
    expect(audit[0]?.n).toBe('4');
  });

  it('a failed conformance test returned with a deadline → "supplement and resubmit"; without one, no task', async () => {
    const opened: Awaited<ReturnType<typeof tasksOf>>[] = [];
    for (const [name, deadline] of [
      ['浉河区妇幼保健院', '2026-04-30'],
      ['浉河区第二人民医院', undefined],
    ] as const) {
      const hospital = await t.orgs.hospital(p.shihe, { name });
      const owner = await t.users.applicant(hospital);
      const app = await t.assessment.application({
        cycle,
        organisation: hospital,
        scheme,
        createdBy: owner.user,
        state: 'conformance_testing',
      });
      await apps.recordConformance(coord.principal, app.id, { passed: false, items: 50, failedItems: 5 });
      await apps.transition(coord.principal, app.id, { action: 'finish_conformance', returnDeadline: deadline });
      await pump();
      opened.push((await tasksOf(app.id)).filter((x) => x.kind === 'resubmit_supplement'));
    }
    expect(opened[0]).toHaveLength(1);
    expect(new Date(opened[0][0]?.due_at ?? '').toISOString()).toBe('2026-04-30T16:00:00.000Z');
    expect(opened[1]).toEqual([]);
  });

  it('withdrawn → its open tasks are cancelled; reopened → a new "submit" task', async () => {
    const hospital = await t.orgs.hospital(p.shihe, { name: '浉河区中医院' });
    const applicant = await t.users.applicant(hospital);
    const app = await t.assessment.application({ cycle, organisation: hospital, scheme, createdBy: applicant.user });
    await pump();
    await apps.transition(applicant.principal, app.id, { action: 'withdraw' });
    await pump();
    expect((await tasksOf(app.id)).map((x) => [x.status, x.next_reminder_at])).toEqual([['cancelled', null]]);
    await apps.transition(coord.principal, app.id, { action: 'reopen' });
    await pump();
    await replayAll();
    expect((await tasksOf(app.id)).map((x) => [x.kind, x.status])).toEqual([
      ['submit_self_assessment', 'cancelled'],
      ['submit_self_assessment', 'open'],
    ]);
  });

  it('ignores the other stage events', async () => {
    const before = await t.sql<{ n: string }>('select count(*) as n from task');
    const event: DomainEventPayload<StageEventData> = {
      id: '00000000-0000-4000-8000-000000000001',
      topic: 'application.stage',
      at: new Date().toISOString(),
      data: {
        applicationId: '00000000-0000-4000-8000-000000000002',
        cycleId: cycle.id,
        organisationId: p.xinyangHospital.id,
        action: 'to_rating',
        from: 'document_review',
        to: 'rating',
        actor: 'x',
        note: null,
        details: {},
      },
    };
    await t.module.get(WorkflowTasks).handle(event);
    expect(await t.sql<{ n: string }>('select count(*) as n from task')).toEqual(before);
  });
});
