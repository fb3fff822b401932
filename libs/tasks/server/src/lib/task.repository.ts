import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { WAITING_STATUSES, type TaskDisplayStatus, type TaskKind, type TaskStatus } from '@hutong/tasks-model';
import { containsPattern } from '@hutong/platform-server';
import { Task, TaskAttachment, TaskEvent, TaskReminder, TaskResponse } from './entities/task.entities';

export interface TaskRow {
  id: string;
  kind: TaskKind;
  title: string;
  status: TaskStatus;
  due_at: Date;
  assignee_org_id: string;
  assignee_user_id: string | null;
  batch_id: string | null;
  about_type: Task['aboutType'];
  about_id: string | null;
  next_reminder_at: Date | null;
  created_at: Date;
  submitted_at: Date | null;
  closed_at: Date | null;
}

/** A list's filter, as the service builds it from the query and the caller. */
export interface TaskListFilter {
  /** assignee_path under this path (a jurisdiction) */
  under?: string;
  /** the applicant's view: tasks of this organisation, or assigned to this user */
  assigneeOrgId?: string;
  assigneeUserId?: string;
  status?: TaskDisplayStatus;
  kind?: TaskKind;
  batchId?: string;
  /** title contains, or one of these organisations (the name search, resolved by the organisations service) */
  q?: string;
  qOrgIds?: string[];
  dueAfter?: Date;
  dueUntil?: Date;
  sort?: 'due' | 'created' | 'status' | 'title';
  dir?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const SORTS = { due: 't.due_at', created: 't.created_at', status: 't.status', title: 't.title' } as const;
const WAITING_SQL = `t.status in (${WAITING_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const COLUMNS = `t.id, t.kind, t.title, t.status, t.due_at, t.assignee_org_id, t.assignee_user_id, t.batch_id,
  t.about_type, t.about_id, t.next_reminder_at, t.created_at, t.submitted_at, t.closed_at`;

/** The SQL of a display status at `now`: overdue is waiting and due_at <= now; a waiting status shown only while not due. */
function statusSql(status: TaskDisplayStatus, params: unknown[], now: Date): string {
  if (status === 'overdue') {
    params.push(now);
    return `(${WAITING_SQL} and t.due_at <= ?)`;
  }
  params.push(status);
  if (!WAITING_STATUSES.includes(status)) return 't.status = ?';
  params.push(now);
  return '(t.status = ? and t.due_at > ?)';
}

/** The only code that queries the tasks' tables. */
@Injectable()
export class TaskRepository {
  async list(em: EntityManager, f: TaskListFilter, now: Date): Promise<{ rows: TaskRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.under !== undefined) {
      where.push('t.assignee_path like ?');
      params.push(`${f.under}%`);
    }
    if (f.assigneeOrgId || f.assigneeUserId) {
      where.push('(t.assignee_org_id = ? or t.assignee_user_id = ?)');
      params.push(f.assigneeOrgId ?? null, f.assigneeUserId ?? null);
    }
    if (f.status) where.push(statusSql(f.status, params, now));
    if (f.kind) {
      where.push('t.kind = ?');
      params.push(f.kind);
    }
    if (f.batchId) {
      where.push('t.batch_id = ?');
      params.push(f.batchId);
    }
    if (f.q) {
      where.push(
        "(t.title ilike ? escape '\\' or t.assignee_org_id in (select jsonb_array_elements_text(?::jsonb)::uuid))",
      );
      params.push(containsPattern(f.q), JSON.stringify(f.qOrgIds ?? []));
    }
    if (f.dueAfter) {
      where.push('t.due_at > ?');
      params.push(f.dueAfter);
    }
    if (f.dueUntil) {
      where.push('t.due_at <= ?');
      params.push(f.dueUntil);
    }
    const whereSql = where.length ? `where ${where.join(' and ')}` : '';
    const conn = em.getConnection();
    const [{ total }] = await conn.execute<{ total: string }[]>(
      `select count(*) as total from task t ${whereSql}`,
      params,
    );
    const order = `${SORTS[f.sort ?? 'due']} ${f.dir === 'desc' ? 'desc' : 'asc'}, t.id`;
    const rows = await conn.execute<TaskRow[]>(
      `select ${COLUMNS} from task t ${whereSql} order by ${order} limit ? offset ?`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return { rows, total: Number(total) };
  }

  load(em: EntityManager, id: string): Promise<Task | null> {
    return em.findOne(Task, { id });
  }

  async responses(em: EntityManager, taskId: string): Promise<TaskResponse[]> {
    return em.find(TaskResponse, { task: taskId }, { orderBy: { submittedAt: 'asc', id: 'asc' } });
  }

  async latestResponse(em: EntityManager, taskId: string): Promise<TaskResponse | null> {
    return em.findOne(TaskResponse, { task: taskId }, { orderBy: { submittedAt: 'desc', id: 'desc' } });
  }

  attachments(em: EntityManager, taskId: string): Promise<TaskAttachment[]> {
    return em.find(TaskAttachment, { task: taskId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  attachmentCount(em: EntityManager, taskId: string): Promise<number> {
    return em.count(TaskAttachment, { task: taskId });
  }

  /** Those of `ids` that are files of the task. */
  async attachmentIdsOf(em: EntityManager, taskId: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await em
      .getConnection()
      .execute<
        { id: string }[]
      >('select a.id from task_attachment a where a.task_id = ? and a.id::text in (select jsonb_array_elements_text(?::jsonb))', [taskId, JSON.stringify(ids)]);
    return new Set(rows.map((r) => r.id));
  }

  findAttachment(em: EntityManager, taskId: string, id: string): Promise<TaskAttachment | null> {
    return em.findOne(TaskAttachment, { id, task: taskId });
  }

  history(em: EntityManager, taskId: string): Promise<TaskEvent[]> {
    return em.find(TaskEvent, { task: taskId }, { orderBy: { at: 'asc', id: 'asc' } });
  }

  reminders(em: EntityManager, taskId: string): Promise<TaskReminder[]> {
    return em.find(TaskReminder, { task: taskId }, { orderBy: { sentAt: 'asc', id: 'asc' } });
  }

  /** Tasks of batches by display status: one query for all the batches. */
  async batchCounts(em: EntityManager, batchIds: string[], now: Date): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>();
    if (!batchIds.length) return out;
    const rows = await em.getConnection().execute<{ batch_id: string; s: string; n: string }[]>(
      `select t.batch_id, case when ${WAITING_SQL} and t.due_at <= ? then 'overdue' else t.status end as s, count(*) as n
         from task t where t.batch_id in (select jsonb_array_elements_text(?::jsonb)::uuid) group by 1, 2`,
      [now, JSON.stringify(batchIds)],
    );
    for (const r of rows) out.set(r.batch_id, { ...out.get(r.batch_id), [r.s]: Number(r.n) });
    return out;
  }

  /**
   * A batch's tasks for these organisations, set-based: one INSERT … SELECT from the recipients as one jsonb recordset (with their "issued"
   * history rows in the same statement). Idempotent: a task per batch and organisation (source_key), so a
   * retried chunk inserts nothing twice. Returns how many were inserted.
   */
  async insertBatchTasks(
    tx: EntityManager,
    b: {
      batchId: string;
      title: string;
      instructions: string;
      form: unknown;
      dueAt: Date;
      policy: unknown;
      issuerId: string;
      issuerOrgId: string | null;
      nextReminderAt: Date | null;
      nextReminderKey: string | null;
      now: Date;
      actor: string;
    },
    recipients: { org: string; path: string }[],
  ): Promise<number> {
    const rows = await tx.execute<{ n: string }[]>(
      `with ins as (
         insert into task (id, batch_id, kind, title, instructions, form, assignee_org_id, assignee_path, issuer_id,
                           issuer_org_id, status, due_at, policy, source_key, next_reminder_at, next_reminder_key,
                           created_at, updated_at)
         select gen_random_uuid(), ?, 'manual', ?, ?, ?::jsonb, u.org, u.path, ?, ?, 'open', ?, ?::jsonb,
                'batch:' || ? || ':' || u.org::text, ?, ?, ?, ?
           from jsonb_to_recordset(?::jsonb) as u(org uuid, path text)
         on conflict (source_key) do nothing
         returning id
       ), ev as (
         insert into task_event (id, task_id, at, actor, action, from_status, to_status, details)
         select gen_random_uuid(), ins.id, ?, ?, 'issue', null, 'open', ?::jsonb from ins
       )
       select count(*) as n from ins`,
      [
        b.batchId,
        b.title,
        b.instructions,
        JSON.stringify(b.form),
        b.issuerId,
        b.issuerOrgId,
        b.dueAt,
        JSON.stringify(b.policy),
        b.batchId,
        b.nextReminderAt,
        b.nextReminderKey,
        b.now,
        b.now,
        JSON.stringify(recipients),
        b.now,
        b.actor,
        JSON.stringify({ batchId: b.batchId }),
      ],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async batchTaskCount(em: EntityManager, batchId: string): Promise<number> {
    return em.count(Task, { batch: batchId });
  }

  /** The workflow's tasks of an application (by kind) opened up to `openedBy`, still waiting or submitted. */
  openAbout(em: EntityManager, aboutId: string, kinds: TaskKind[] | null, openedBy: Date): Promise<Task[]> {
    return em.find(Task, {
      aboutType: 'application',
      aboutId,
      createdAt: { $lte: openedBy },
      status: { $in: [...WAITING_STATUSES, 'submitted'] },
      ...(kinds ? { kind: { $in: kinds } } : {}),
    });
  }
}
