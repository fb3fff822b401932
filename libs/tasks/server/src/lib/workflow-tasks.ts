import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { STAGE_EVENT_TOPIC, type StageEventData } from '@hutong/assessment-model';
import { CycleService } from '@hutong/assessment-server';
import { OrganisationService, Organisation } from '@hutong/organisations-server';
import type { DomainEventPayload } from '@hutong/platform-model';
import { isValidDate } from '@hutong/platform-model';
import { AuditService, DomainEventSubscribers, SYSTEM_ACTOR } from '@hutong/platform-server';
import {
  DEFAULT_REMINDER_POLICY,
  TASK_KIND_LABELS,
  WAITING_STATUSES,
  dueAtEndOf,
  withPolicyDefaults,
  type TaskKind,
  type TaskStatus,
} from '@hutong/tasks-model';
import { Task, TaskEvent } from './entities/task.entities';
import { TaskRepository } from './task.repository';
import { RollupService } from './rollups/rollup.service';
import { plannedReminder } from './task.service';

const INSTRUCTIONS: Partial<Record<TaskKind, string>> = {
  submit_self_assessment: '请在申报窗口结束前完成自评估并提交申请。',
  resubmit_supplement: '请按退回原因补充材料，并在截止日期前重新提交。',
};

/**
 * The workflow's own tasks, from the assessment's stage events (worker; through the outbox, never the
 * transition code): an application created or reopened opens "submit the self-assessment" (due by the end of
 * the cycle's application window), its submission closes it; a return — or a failed conformance test returned
 * with a deadline — opens "supplement and resubmit" (due by the return deadline), the resubmission closes it; a withdrawal cancels its tasks. Idempotent per event: an
 * opened task's source key is `<event id>:<kind>`, and closing touches only tasks still open.
 */
@Injectable()
export class WorkflowTasks {
  private readonly log = new Logger(WorkflowTasks.name);

  constructor(
    private readonly em: EntityManager,
    private readonly repo: TaskRepository,
    private readonly orgs: OrganisationService,
    private readonly cycles: CycleService,
    private readonly audit: AuditService,
  ) {}

  async handle(event: DomainEventPayload<StageEventData>): Promise<void> {
    const d = event.data;
    switch (d.action) {
      case 'create':
      case 'reopen':
        return this.open(event, 'submit_self_assessment', await this.cycles.windowEnd(d.cycleId, 'application'));
      case 'submit':
        return this.close(event, ['submit_self_assessment'], 'accepted');
      case 'return':
      case 'finish_conformance': {
        // a failed conformance test returns the application too (对标改造); without a deadline no task is opened
        if (d.to !== 'returned') return;
        const deadline = d.details['returnDeadline'];
        return this.open(event, 'resubmit_supplement', typeof deadline === 'string' ? deadline : null);
      }
      case 'resubmit':
        return this.close(event, ['resubmit_supplement'], 'accepted');
      case 'withdraw':
        return this.close(event, null, 'cancelled');
      default:
        return;
    }
  }

  private async open(event: DomainEventPayload<StageEventData>, kind: TaskKind, dueDate: string | null): Promise<void> {
    const d = event.data;
    const sourceKey = `${event.id}:${kind}`;
    if (!dueDate || !isValidDate(dueDate)) {
      this.log.warn(`no due date for ${kind} of application ${d.applicationId}: no task opened`);
      return;
    }
    const em = this.em.fork();
    if (await em.count(Task, { sourceKey })) return;
    const path = await this.orgs.pathOf(d.organisationId);
    if (path === null) return;
    const now = new Date();
    const dueAt = dueAtEndOf(dueDate);
    const policy = withPolicyDefaults(DEFAULT_REMINDER_POLICY);
    try {
      await em.transactional(async (tx) => {
        const t = tx.create(Task, {
          kind,
          title: TASK_KIND_LABELS[kind].zh,
          instructions: INSTRUCTIONS[kind] ?? '',
          form: [],
          assigneeOrg: tx.getReference(Organisation, d.organisationId),
          assigneePath: path,
          dueAt,
          policy,
          aboutType: 'application',
          aboutId: d.applicationId,
          sourceKey,
          ...plannedReminder(policy, dueAt, now),
          // opened at the stage change: a replayed closing event older than this never touches it
          createdAt: new Date(event.at),
          updatedAt: now,
        });
        tx.persist(
          tx.create(TaskEvent, {
            task: t,
            at: now,
            actor: 'system',
            action: 'issue',
            fromStatus: null,
            toStatus: 'open',
            details: { eventId: event.id, stage: d.action },
          }),
        );
        this.audit.record(tx, SYSTEM_ACTOR, {
          action: 'task.issue',
          entityType: 'task',
          entityId: t.id,
          before: null,
          after: { kind, applicationId: d.applicationId, organisationId: d.organisationId, dueAt: dueAt.toISOString() },
        });
      });
    } catch (e) {
      // the same event delivered twice at once: the other delivery opened it
      if (!(e instanceof UniqueConstraintViolationException)) throw e;
    }
  }

  /**
   * Closes (accepted) or cancels the application's tasks of these kinds that are not closed yet and were opened
   * by an earlier stage change (so a replayed event never closes a task a later one opened); reminders off.
   */
  private async close(
    event: DomainEventPayload<StageEventData>,
    kinds: TaskKind[] | null,
    to: Extract<TaskStatus, 'accepted' | 'cancelled'>,
  ): Promise<void> {
    const d = event.data;
    await this.em.fork().transactional(async (tx) => {
      const tasks = await this.repo.openAbout(tx, d.applicationId, kinds, new Date(event.at));
      const now = new Date();
      for (const t of tasks) {
        const from = t.status;
        const n = await tx.nativeUpdate(
          Task,
          { id: t.id, status: { $in: [...WAITING_STATUSES, 'submitted'] } },
          { status: to, closedAt: now, nextReminderAt: null, nextReminderKey: null, updatedAt: now },
        );
        if (n !== 1) continue;
        tx.persist(
          tx.create(TaskEvent, {
            task: t,
            at: now,
            actor: 'system',
            action: to === 'accepted' ? 'accept' : 'cancel',
            fromStatus: from,
            toStatus: to,
            details: { eventId: event.id, stage: d.action },
          }),
        );
        this.audit.record(tx, SYSTEM_ACTOR, {
          action: to === 'accepted' ? 'task.accept' : 'task.cancel',
          entityType: 'task',
          entityId: t.id,
          before: { status: from },
          after: { status: to, applicationId: d.applicationId, stage: d.action },
        });
      }
    });
  }
}

/** Subscribes the workflow's tasks to the assessment's stage events (worker). */
@Injectable()
export class WorkflowTasksSubscription implements OnModuleInit {
  constructor(
    private readonly subscribers: DomainEventSubscribers,
    private readonly workflow: WorkflowTasks,
    private readonly rollups: RollupService,
  ) {}

  onModuleInit(): void {
    this.subscribers.subscribe(STAGE_EVENT_TOPIC, 'tasks', async (e) => {
      const event = e as DomainEventPayload<StageEventData>;
      await this.workflow.handle(event);
      // the tasks it opened or closed move the organisation's counters
      await this.rollups.touch([event.data.organisationId]);
    });
  }
}
