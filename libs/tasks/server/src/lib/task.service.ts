import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { formatInTimeZone } from 'date-fns-tz';
import {
  TASK_KIND_LABELS,
  TASK_MAX_ATTACHMENTS,
  TASK_STATUS_LABELS,
  attachmentIdsOf,
  decideTask,
  dueAtEndOf,
  isQuietHour,
  isWaiting,
  nextReminderStep,
  validateResponse,
  type RecipientPreview,
  type TaskAction,
  type TaskActor,
  type TaskAttachmentView,
  type TaskBatchStatus,
  type TaskBatchView,
  type TaskDetail,
  type TaskSummary,
  DEFAULT_REMINDER_POLICY,
  withPolicyDefaults,
  type ResponseAnswers,
  type ResponseField,
  type TaskAboutType,
  type TaskKind,
  type TaskStatus,
} from '@hutong/tasks-model';
import { QUEUES, SHANGHAI, addDays, isWithin, type Paged, type TaskBatchPayload } from '@hutong/platform-model';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { newId } from '@hutong/platform-database';
import { OrganisationService } from '@hutong/organisations-server';
import { Organisation } from '@hutong/organisations-server';
import { User, UserService } from '@hutong/identity-server';
import {
  type Actor,
  AuditService,
  FileStore,
  actorOf,
  badRequest,
  coded,
  conflict,
  forbidden,
  notFound,
  safeRow,
  type Principal,
} from '@hutong/platform-server';
import { Task, TaskAttachment, TaskBatch, TaskEvent, TaskResponse } from './entities/task.entities';
import type {
  BatchListQueryDto,
  CreateTaskBatchDto,
  ExtendDto,
  IssueTaskDto,
  IssuedTasksQueryDto,
  MyTasksQueryDto,
  RecipientFilterDto,
} from './task.dto';
import { attachmentView, detailOf, summaryOfRow } from './task.mappers';
import { TaskRepository, type TaskListFilter, type TaskRow } from './task.repository';
import { checkedTemplate, dueInstant, problemsError } from './task-template';
import { RollupService } from './rollups/rollup.service';
import { BATCH_MAX_RECIPIENTS, RecipientResolver } from './recipients';
import { ReminderSender } from './reminder-sender';

const EXPORT_MAX = 50_000;

/** A manual reminder ("remind now") at most once per task in this many minutes. */
export const MANUAL_REMINDER_MINUTES = 10;

/** The next reminder of a task due at `dueAt` planned from `now` (null/null when none is left). */
export function plannedReminder(policy: Task['policy'], dueAt: Date, now: Date) {
  const step = nextReminderStep(policy, dueAt, now);
  return { nextReminderAt: step?.at ?? null, nextReminderKey: step?.key ?? null };
}

/** Deadline tasks: issuing one or a batch, the lists, the detail, the assignee's and the issuer's actions. */
@Injectable()
export class TaskService {
  constructor(
    private readonly em: EntityManager,
    private readonly repo: TaskRepository,
    private readonly orgs: OrganisationService,
    private readonly users: UserService,
    private readonly recipients: RecipientResolver,
    private readonly audit: AuditService,
    private readonly files: FileStore,
    private readonly rollups: RollupService,
    private readonly sender: ReminderSender,
    @InjectQueue(QUEUES.taskBatch) private readonly queue: Queue<TaskBatchPayload>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- who may see and do what ----

  /** The caller relative to a task (for the transition table). */
  actorOn(user: Principal, t: Pick<Task, 'assigneeOrg' | 'assigneeUser' | 'assigneePath'>): TaskActor {
    return {
      role: user.role,
      isAssignee:
        user.role === 'applicant' &&
        (t.assigneeOrg.id === user.organisationId || (t.assigneeUser !== null && t.assigneeUser.id === user.id)),
      inJurisdiction: user.role === 'admin' || (user.role !== 'applicant' && isWithin(t.assigneePath, user.scopePath)),
    };
  }

  /** Applicants read their organisation's tasks (or those assigned to them); coordinators and viewers their jurisdiction's; admins all; experts none. */
  private checkRead(user: Principal, t: Task): TaskActor {
    const actor = this.actorOn(user, t);
    if (user.role === 'expert') throw forbidden('access.role');
    if (user.role === 'applicant' ? !actor.isAssignee : !actor.inJurisdiction)
      throw forbidden(user.role === 'applicant' ? 'task.not_assignee' : 'task.out_of_jurisdiction');
    return actor;
  }

  private async loadVisible(em: EntityManager, user: Principal, id: string): Promise<{ t: Task; actor: TaskActor }> {
    const t = await this.repo.load(em, id);
    if (!t) throw notFound('task');
    return { t, actor: this.checkRead(user, t) };
  }

  // ---- issuing ----

  async issue(user: Principal, dto: IssueTaskDto): Promise<TaskDetail> {
    const now = new Date();
    const template = checkedTemplate(dto, now);
    const path = await this.orgs.pathOf(dto.assigneeOrgId);
    if (path === null) throw notFound('organisation');
    if (!isWithin(path, user.scopePath)) throw forbidden('task.out_of_jurisdiction');
    if (dto.assigneeUserId && (await this.users.organisationOf(dto.assigneeUserId)) !== dto.assigneeOrgId)
      throw badRequest('task.assignee_user_not_member');
    const id = await this.em.fork().transactional(async (tx) => {
      const t = tx.create(Task, {
        kind: 'manual',
        ...template,
        assigneeOrg: tx.getReference(Organisation, dto.assigneeOrgId),
        assigneePath: path,
        assigneeUser: dto.assigneeUserId ? tx.getReference(User, dto.assigneeUserId) : null,
        issuer: tx.getReference(User, user.id),
        issuerOrg: user.role === 'admin' ? null : await this.jurisdictionOf(user),
        ...plannedReminder(template.policy, template.dueAt, now),
        createdAt: now,
        updatedAt: now,
      });
      tx.persist(
        tx.create(TaskEvent, {
          task: t,
          at: now,
          actor: user.username,
          action: 'issue',
          fromStatus: null,
          toStatus: 'open',
        }),
      );
      this.audit.record(tx, actorOf(user), {
        action: 'task.issue',
        entityType: 'task',
        entityId: t.id,
        before: null,
        after: {
          title: t.title,
          organisationId: dto.assigneeOrgId,
          dueAt: t.dueAt.toISOString(),
          status: 'open',
          nextReminderAt: t.nextReminderAt?.toISOString() ?? null,
        },
      });
      await this.rollups.markDirty(tx, [dto.assigneeOrgId]);
      await tx.flush();
      await this.sender.notifyIssued(tx, [
        {
          id: t.id,
          title: t.title,
          due_at: t.dueAt,
          assignee_org_id: dto.assigneeOrgId,
          assignee_user_id: dto.assigneeUserId ?? null,
        },
      ]);
      return t.id;
    });
    await this.rollups.requestFlush();
    return this.detail(user, id);
  }

  // ---- tasks another capability opens for its process (the review's 质询) ----

  /**
   * Opens a task in the caller's transaction `tx` — the review opens an applicant's "answer the question" task in
   * the transaction that writes the question, so neither exists without the other. Due by the end of `dueDate`
   * (Asia/Shanghai); reminders by the default policy; the assignee organisation's applicants are told.
   */
  async openForProcess(
    tx: EntityManager,
    actor: Actor,
    input: {
      kind: TaskKind;
      assigneeOrgId: string;
      title: string;
      instructions: string;
      dueDate: string;
      form: ResponseField[];
      aboutType: TaskAboutType;
      aboutId: string;
      sourceKey: string;
    },
  ): Promise<string> {
    const path = await this.orgs.pathOf(input.assigneeOrgId);
    if (path === null) throw notFound('organisation');
    const now = new Date();
    const dueAt = dueAtEndOf(input.dueDate);
    const policy = withPolicyDefaults(DEFAULT_REMINDER_POLICY);
    const t = tx.create(Task, {
      kind: input.kind,
      title: input.title.slice(0, 200),
      instructions: input.instructions,
      form: input.form,
      assigneeOrg: tx.getReference(Organisation, input.assigneeOrgId),
      assigneePath: path,
      dueAt,
      policy,
      aboutType: input.aboutType,
      aboutId: input.aboutId,
      sourceKey: input.sourceKey,
      ...plannedReminder(policy, dueAt, now),
      createdAt: now,
      updatedAt: now,
    });
    tx.persist(
      tx.create(TaskEvent, {
        task: t,
        at: now,
        actor: actor.name,
        action: 'issue',
        fromStatus: null,
        toStatus: 'open',
      }),
    );
    this.audit.record(tx, actor, {
      action: 'task.issue',
      entityType: 'task',
      entityId: t.id,
      before: null,
      after: {
        kind: input.kind,
        title: t.title,
        organisationId: input.assigneeOrgId,
        dueAt: dueAt.toISOString(),
        status: 'open',
      },
    });
    await this.rollups.markDirty(tx, [input.assigneeOrgId]);
    await tx.flush();
    await this.sender.notifyIssued(tx, [
      { id: t.id, title: t.title, due_at: t.dueAt, assignee_org_id: input.assigneeOrgId, assignee_user_id: null },
    ]);
    return t.id;
  }

  /** The state and latest response of process tasks (the review shows an applicant's answer in place). */
  async processStates(ids: string[]): Promise<
    Map<
      string,
      {
        status: TaskStatus;
        submittedAt: string | null;
        answers: ResponseAnswers | null;
        attachments: { id: string; name: string; size: number }[];
      }
    >
  > {
    const out = new Map<
      string,
      {
        status: TaskStatus;
        submittedAt: string | null;
        answers: ResponseAnswers | null;
        attachments: { id: string; name: string; size: number }[];
      }
    >();
    if (!ids.length) return out;
    const em = this.em.fork();
    const tasks = await em.find(Task, { id: { $in: ids } });
    const responses = await em.find(TaskResponse, { task: { $in: ids } }, { orderBy: { submittedAt: 'desc' } });
    const files = await em.find(TaskAttachment, { task: { $in: ids } }, { orderBy: { createdAt: 'asc' } });
    for (const t of tasks) {
      const r = responses.find((x) => x.task.id === t.id) ?? null;
      out.set(t.id, {
        status: t.status,
        submittedAt: t.submittedAt?.toISOString() ?? null,
        answers: r?.answers ?? null,
        attachments: files
          .filter((f) => f.task.id === t.id)
          .map((f) => ({ id: f.id, name: f.name, size: Number(f.size) })),
      });
    }
    return out;
  }

  /** A process task's file, for the capability that opened it (it decides who may read it). */
  async processAttachmentFile(
    taskId: string,
    attachmentId: string,
  ): Promise<{ path: string; name: string; mime: string }> {
    const a = await this.repo.findAttachment(this.em.fork(), taskId, attachmentId);
    if (!a) throw notFound('task_attachment');
    return { path: this.files.pathOf(a.sha256), name: a.name, mime: a.mime };
  }

  /** The root of a coordinator's jurisdiction (the organisation whose path is its scope). */
  private async jurisdictionOf(user: Principal): Promise<Organisation | null> {
    const ids = user.scopePath.split('/').filter(Boolean);
    const root = ids[ids.length - 1];
    return root ? this.em.getReference(Organisation, root) : null;
  }

  async previewRecipients(user: Principal, filter: RecipientFilterDto): Promise<RecipientPreview> {
    const all = await this.recipients.resolve(user.scopePath, filter);
    return { total: all.length, items: all.slice(0, 50).map((r) => ({ id: r.id, code: r.code, name: r.name })) };
  }

  /** Stores the batch (queued) with its audit entry, then enqueues it for the worker (job id = batch id). */
  async createBatch(user: Principal, dto: CreateTaskBatchDto): Promise<TaskBatchView> {
    const now = new Date();
    const template = checkedTemplate(dto, now);
    const found = await this.recipients.resolve(user.scopePath, dto.filter);
    if (!found.length) throw badRequest('task.recipients_none');
    if (found.length > BATCH_MAX_RECIPIENTS)
      throw badRequest('task.recipients_too_many', { n: found.length, max: BATCH_MAX_RECIPIENTS });
    const id = await this.em.fork().transactional(async (tx) => {
      const b = tx.create(TaskBatch, {
        ...template,
        filter: { ...dto.filter },
        issuer: tx.getReference(User, user.id),
        issuerOrg: user.role === 'admin' ? null : await this.jurisdictionOf(user),
        total: found.length,
        createdAt: now,
      });
      this.audit.record(tx, actorOf(user), {
        action: 'task_batch.create',
        entityType: 'task_batch',
        entityId: b.id,
        before: null,
        after: { title: b.title, dueAt: b.dueAt.toISOString(), filter: b.filter, recipients: found.length },
      });
      return b.id;
    });
    await this.queue.add('create', { batchId: id }, { jobId: id });
    return this.batch(user, id);
  }

  async batch(user: Principal, id: string): Promise<TaskBatchView> {
    const em = this.em.fork();
    const b = await em.findOne(TaskBatch, { id });
    if (!b) throw notFound('task_batch');
    if (user.role !== 'admin' && b.issuer.id !== user.id) throw forbidden('task.out_of_jurisdiction');
    const counts = await this.repo.batchCounts(em, [id], new Date());
    return batchView(b, counts.get(id) ?? {});
  }

  /** The caller's batches (admins: every batch), newest first, with their tasks by status. */
  async batches(user: Principal, q: BatchListQueryDto): Promise<Paged<TaskBatchView>> {
    const em = this.em.fork();
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const where = user.role === 'admin' ? {} : { issuer: user.id };
    const [rows, total] = await em.findAndCount(TaskBatch, where, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const counts = await this.repo.batchCounts(
      em,
      rows.map((b) => b.id),
      new Date(),
    );
    return { items: rows.map((b) => batchView(b, counts.get(b.id) ?? {})), total, page, pageSize };
  }

  // ---- lists and the detail ----

  /** The applicant's organisation's tasks (and those assigned to the caller). */
  async mine(user: Principal, q: MyTasksQueryDto): Promise<Paged<TaskSummary>> {
    if (!user.organisationId) return { items: [], total: 0, page: q.page ?? 1, pageSize: q.pageSize ?? 20 };
    return this.page({
      ...this.baseFilter(q),
      assigneeOrgId: user.organisationId,
      assigneeUserId: user.id,
    });
  }

  /** Tasks whose assignee lies in the caller's jurisdiction. */
  async issued(user: Principal, q: IssuedTasksQueryDto): Promise<Paged<TaskSummary>> {
    return this.page(await this.issuedFilter(user, q));
  }

  async exportIssued(user: Principal, q: IssuedTasksQueryDto): Promise<Buffer> {
    const f = { ...(await this.issuedFilter(user, q)), page: 1, pageSize: EXPORT_MAX };
    const now = new Date();
    const { rows } = await this.repo.list(this.em.fork(), f, now);
    const names = await this.orgs.namesOf([...new Set(rows.map((r) => r.assignee_org_id))]);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Hutong';
    const ws = wb.addWorksheet('任务');
    ws.columns = [
      { header: '单位', key: 'org', width: 36 },
      { header: '任务', key: 'title', width: 36 },
      { header: '类型', key: 'kind', width: 18 },
      { header: '状态', key: 'status', width: 10 },
      { header: '截止时间', key: 'due', width: 18 },
      { header: '提交时间', key: 'submitted', width: 18 },
    ];
    ws.getRow(1).font = { bold: true };
    const shanghai = (d: Date | null) => (d ? formatInTimeZone(new Date(d), SHANGHAI, 'yyyy-MM-dd HH:mm') : '');
    for (const r of rows) {
      const s = summaryOfRow(r, names, now);
      ws.addRow(
        safeRow({
          org: s.assignee.name,
          title: s.title,
          kind: TASK_KIND_LABELS[s.kind].zh,
          status: TASK_STATUS_LABELS[s.displayStatus].zh,
          due: shanghai(r.due_at),
          submitted: shanghai(r.submitted_at),
        }),
      );
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  private baseFilter(q: MyTasksQueryDto): TaskListFilter {
    return {
      status: q.status,
      kind: q.kind,
      sort: q.sort,
      dir: q.dir,
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 20,
    };
  }

  private async issuedFilter(user: Principal, q: IssuedTasksQueryDto): Promise<TaskListFilter> {
    const q2 = q.q?.trim();
    return {
      ...this.baseFilter(q),
      under: user.scopePath,
      batchId: q.batchId,
      q: q2 || undefined,
      qOrgIds: q2
        ? (await this.orgs.matching({ under: user.scopePath, q: q2, limit: 5000 })).map((o) => o.id)
        : undefined,
      // due days are Asia/Shanghai dates: after the end of the day before dueFrom, up to the end of dueTo
      dueAfter: q.dueFrom ? dueAtEndOf(addDays(q.dueFrom, -1)) : undefined,
      dueUntil: q.dueTo ? dueAtEndOf(q.dueTo) : undefined,
    };
  }

  private async page(f: TaskListFilter): Promise<Paged<TaskSummary>> {
    const now = new Date();
    const { rows, total } = await this.repo.list(this.em.fork(), f, now);
    return { items: await this.summaries(rows, now), total, page: f.page, pageSize: f.pageSize };
  }

  private async summaries(rows: TaskRow[], now: Date): Promise<TaskSummary[]> {
    const names = await this.orgs.namesOf([...new Set(rows.map((r) => r.assignee_org_id))]);
    return rows.map((r) => summaryOfRow(r, names, now));
  }

  async detail(user: Principal, id: string): Promise<TaskDetail> {
    const em = this.em.fork();
    const { t, actor } = await this.loadVisible(em, user, id);
    const [responses, attachments, history, reminders, names] = await Promise.all([
      this.repo.responses(em, id),
      this.repo.attachments(em, id),
      this.repo.history(em, id),
      this.repo.reminders(em, id),
      this.orgs.namesOf([t.assigneeOrg.id]),
    ]);
    return detailOf(
      t,
      names.get(t.assigneeOrg.id) ?? '',
      { responses, attachments, history, reminders },
      actor,
      new Date(),
    );
  }

  // ---- actions ----

  acknowledge(user: Principal, id: string): Promise<TaskDetail> {
    return this.act(user, id, 'acknowledge', null);
  }

  accept(user: Principal, id: string): Promise<TaskDetail> {
    return this.act(user, id, 'accept', null);
  }

  returnTask(user: Principal, id: string, reason: string): Promise<TaskDetail> {
    return this.act(user, id, 'return', reason);
  }

  cancel(user: Principal, id: string, reason: string): Promise<TaskDetail> {
    return this.act(user, id, 'cancel', reason);
  }

  extend(user: Principal, id: string, dto: ExtendDto): Promise<TaskDetail> {
    return this.act(user, id, 'extend', dto.reason, dto);
  }

  /** The assignee's response: answers checked against the form, the attachments they name the task's own. */
  respond(user: Principal, id: string, answers: Record<string, string | string[]>): Promise<TaskDetail> {
    return this.act(user, id, 'submit', null, undefined, answers);
  }

  /**
   * One decision on a task, in one transaction: the transition table decides; the task's row is updated only if
   * its status is still the one decided on (else 409 task.changed); its history, its audit entry and its next
   * reminder (planned again, or stopped once it leaves the waiting statuses) are written with it.
   */
  private async act(
    user: Principal,
    id: string,
    action: TaskAction,
    reason: string | null,
    extend?: ExtendDto,
    answers?: Record<string, string | string[]>,
  ): Promise<TaskDetail> {
    await this.em.fork().transactional(async (tx) => {
      const { t, actor } = await this.loadVisible(tx, user, id);
      const d = decideTask(t.status, action, actor, reason);
      if (!d.ok) throw coded(d.code, d.params, undefined, d.status);
      const now = new Date();
      const from = t.status;
      const dueAt = extend ? dueInstant(extend, now) : t.dueAt;
      const changes: Partial<Task> = { status: d.to, updatedAt: now };
      if (extend) changes.dueAt = dueAt;
      if (d.transition.reminders === 'stop') Object.assign(changes, { nextReminderAt: null, nextReminderKey: null });
      // an extended submitted task waits for no work: it gets its reminders back only when it is returned
      if (d.transition.reminders === 'replan')
        Object.assign(
          changes,
          d.to === 'submitted'
            ? { nextReminderAt: null, nextReminderKey: null }
            : plannedReminder(t.policy, dueAt, now),
        );
      if (action === 'acknowledge') changes.acknowledgedAt = now;
      if (action === 'submit') changes.submittedAt = now;
      if (action === 'accept' || action === 'cancel') changes.closedAt = now;

      let responseId: string | null = null;
      if (action === 'submit') responseId = await this.checkedResponse(tx, t, answers ?? {});
      const updated = await tx.nativeUpdate(Task, { id, status: from }, changes);
      if (updated !== 1) throw conflict('task.changed');

      if (action === 'submit' && responseId) {
        const files = attachmentIdsOf(t.form, answers ?? {});
        tx.persist(
          tx.create(TaskResponse, {
            id: responseId,
            task: t,
            answers: answers ?? {},
            submittedBy: tx.getReference(User, user.id),
            submittedAt: now,
          }),
        );
        await tx.flush();
        if (files.length)
          await tx.nativeUpdate(TaskAttachment, { task: id, id: { $in: files } }, { response: responseId });
      }
      if (action === 'accept' || action === 'return') {
        const latest = await this.repo.latestResponse(tx, id);
        if (latest) {
          latest.decision = action === 'accept' ? 'accepted' : 'returned';
          latest.decisionReason = reason?.trim() || null;
          latest.decidedBy = tx.getReference(User, user.id);
          latest.decidedAt = now;
        }
      }
      const event = tx.create(TaskEvent, {
        task: t,
        at: now,
        actor: user.username,
        action,
        fromStatus: from,
        toStatus: d.to,
        note: reason?.trim() || null,
        details: extend ? { fromDueAt: t.dueAt.toISOString(), toDueAt: dueAt.toISOString() } : null,
      });
      tx.persist(event);
      if (action === 'submit' || action === 'accept' || action === 'return')
        await this.sender.notifyDecision(
          tx,
          {
            id,
            title: t.title,
            assigneeOrgId: t.assigneeOrg.id,
            assigneeUserId: t.assigneeUser?.id ?? null,
            issuerId: t.issuer?.id ?? null,
          },
          action === 'submit' ? 'submitted' : action === 'accept' ? 'accepted' : 'returned',
          event.id,
          reason?.trim() || null,
        );
      this.audit.record(tx, actorOf(user), {
        action: `task.${action}`,
        entityType: 'task',
        entityId: id,
        before: { status: from, dueAt: t.dueAt.toISOString(), nextReminderAt: t.nextReminderAt?.toISOString() ?? null },
        after: {
          status: d.to,
          dueAt: dueAt.toISOString(),
          nextReminderAt:
            'nextReminderAt' in changes
              ? (changes.nextReminderAt?.toISOString() ?? null)
              : (t.nextReminderAt?.toISOString() ?? null),
          ...(reason ? { reason: reason.trim() } : {}),
        },
      });
      await this.rollups.markDirty(tx, [t.assigneeOrg.id]);
    });
    await this.rollups.requestFlush();
    return this.detail(user, id);
  }

  /**
   * "Remind now" (the issuer: coordinators in the jurisdiction, admins): the assignees get a reminder at once,
   * recorded as the step `manual-<yyyyMMddHHmm, Shanghai>`. Refused while the task waits for no work (409), in
   * quiet hours (409 task.remind_quiet_hours) and within 10 minutes of the last manual reminder (429
   * task.remind_too_soon, counted from task_reminder under the task's row lock).
   */
  async remind(user: Principal, id: string): Promise<TaskDetail> {
    await this.em.fork().transactional(async (tx) => {
      const row = await this.sender.lockTask(tx, id);
      if (!row) throw notFound('task');
      const { t, actor } = await this.loadVisible(tx, user, id);
      if (user.role !== 'coordinator' && user.role !== 'admin') throw forbidden('task.role_not_allowed');
      if (!actor.inJurisdiction) throw forbidden('task.out_of_jurisdiction');
      if (!isWaiting(t.status)) throw coded('task.remind_not_waiting', { status: t.status }, undefined, 409);
      const now = new Date();
      if (isQuietHour(now)) throw coded('task.remind_quiet_hours', {}, undefined, HttpStatus.CONFLICT);
      const [recent] = await tx.execute<{ n: number }[]>(
        `select count(*)::int as n from task_reminder
          where task_id = ? and step_key like 'manual-%' and sent_at > ?::timestamptz`,
        [id, new Date(now.getTime() - MANUAL_REMINDER_MINUTES * 60_000)],
      );
      if ((recent?.n ?? 0) > 0)
        throw coded(
          'task.remind_too_soon',
          { minutes: MANUAL_REMINDER_MINUTES },
          undefined,
          HttpStatus.TOO_MANY_REQUESTS,
        );
      const stepKey = `manual-${formatInTimeZone(now, SHANGHAI, 'yyyyMMddHHmm')}`;
      const sent = await this.sender.send(tx, [{ task: row, stepKey, audience: 'assignee', manual: true }], now);
      this.audit.record(tx, actorOf(user), {
        action: 'task.remind',
        entityType: 'task',
        entityId: id,
        before: null,
        after: { stepKey, notifications: sent.notifications },
      });
    });
    return this.detail(user, id);
  }

  /** The answers checked (400 with every problem), returning the new response's id. */
  private async checkedResponse(
    tx: EntityManager,
    t: Task,
    answers: Record<string, string | string[]>,
  ): Promise<string> {
    const problems = validateResponse(t.form, answers);
    const named = attachmentIdsOf(t.form, answers);
    const own = await this.repo.attachmentIdsOf(tx, t.id, named);
    for (const f of t.form.filter((x) => x.type === 'attachments')) {
      const v = answers[f.key];
      if (Array.isArray(v) && v.some((fid) => !own.has(fid)))
        problems.push({ field: f.key, code: 'task.answer_unknown_file', params: { label: f.label } });
    }
    if (problems.length) throw problemsError('task.invalid_response', problems);
    return newId();
  }

  // ---- attachments ----

  /** A file for the response (before it is submitted): only the assignee, while the task waits for its work. */
  async addAttachment(
    user: Principal,
    id: string,
    file: { name: string; mime: string; buffer: Buffer },
  ): Promise<TaskAttachmentView> {
    if (!file.buffer.length) throw badRequest('task.file_missing');
    const em = this.em.fork();
    const { t, actor } = await this.loadVisible(em, user, id);
    const d = decideTask(t.status, 'submit', actor);
    if (!d.ok) throw coded(d.code, d.params, undefined, d.status);
    const sha256 = await this.files.put(file.buffer);
    const view = await em.transactional(async (tx) => {
      // counted under the task's row lock, so that two uploads at once cannot pass the limit together
      await tx.execute('select id from task where id = ? for update', [id]);
      if ((await this.repo.attachmentCount(tx, id)) >= TASK_MAX_ATTACHMENTS)
        throw coded('task.too_many_attachments', { max: TASK_MAX_ATTACHMENTS }, undefined, HttpStatus.CONFLICT);
      const a = tx.create(TaskAttachment, {
        task: tx.getReference(Task, id),
        sha256,
        name: file.name.slice(0, 255) || 'file',
        mime: (file.mime || 'application/octet-stream').slice(0, 128),
        size: file.buffer.length,
        uploadedBy: tx.getReference(User, user.id),
      });
      this.audit.record(tx, actorOf(user), {
        action: 'task.attach',
        entityType: 'task',
        entityId: id,
        before: null,
        after: { attachmentId: a.id, name: a.name, size: a.size, sha256 },
      });
      await tx.flush();
      return attachmentView(a);
    });
    return view;
  }

  /** A task's file for download: only those who may read the task. */
  async attachmentFile(
    user: Principal,
    id: string,
    attachmentId: string,
  ): Promise<{ path: string; name: string; mime: string }> {
    const em = this.em.fork();
    await this.loadVisible(em, user, id);
    const a = await this.repo.findAttachment(em, id, attachmentId);
    if (!a) throw notFound('task_attachment');
    return { path: this.files.pathOf(a.sha256), name: a.name, mime: a.mime };
  }

  /** The upload limit of one attachment (UPLOAD_MAX_BYTES). */
  get uploadMaxBytes(): number {
    return this.config.uploadMaxBytes;
  }
}

export function batchView(b: TaskBatch, counts: TaskBatchView['counts']): TaskBatchView {
  return {
    id: b.id,
    title: b.title,
    dueAt: b.dueAt.toISOString(),
    status: b.status as TaskBatchStatus,
    total: b.total,
    created: b.created,
    error: b.error,
    createdAt: b.createdAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null,
    counts,
  };
}
