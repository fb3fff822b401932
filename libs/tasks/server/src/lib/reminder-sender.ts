import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  WAITING_STATUSES,
  dueDayOf,
  dueReminderStep,
  isQuietHour,
  nextReminderStep,
  outsideQuietHours,
  overdueDays,
  type ReminderAudience,
  type ReminderPolicy,
} from '@hutong/tasks-model';
import { OrganisationService } from '@hutong/organisations-server';
import { UserService } from '@hutong/identity-server';
import { NotificationService, type NotificationInput } from '@hutong/notifications-server';

/** Tasks claimed per transaction by the due-scan. */
export const REMINDER_CHUNK = 1000;

/** A task as the reminder sender reads it (raw row). */
export interface ReminderTaskRow {
  id: string;
  title: string;
  due_at: Date | string;
  policy: ReminderPolicy;
  assignee_org_id: string;
  assignee_user_id: string | null;
  assignee_path: string;
  issuer_id: string | null;
}

/** One step to send for one task. */
export interface ReminderSend {
  task: ReminderTaskRow;
  stepKey: string;
  audience: ReminderAudience;
  /** manual: the issuer's "remind now" (its own title) */
  manual?: boolean;
}

export interface ScanResult {
  claimed: number;
  /** steps written (task_reminder rows) */
  sent: number;
  notifications: number;
  /** tasks pushed to the end of quiet hours */
  deferred: number;
}

const TASK_COLUMNS =
  't.id, t.title, t.due_at, t.policy, t.assignee_org_id, t.assignee_user_id, t.assignee_path, t.issuer_id';

/**
 * Sends reminder steps, in the caller's transaction: each (task, step) is written to `task_reminder` once (its
 * unique key: a second attempt inserts nothing and notifies no one), and only the steps newly written are
 * notified (`notify` dedupes again on `task:<id>:<step>:<user>`). The recipients come from identity's
 * `UserService` (the assignee user, else the organisation's active applicants; its head contact; the
 * coordinators nearest above it).
 */
@Injectable()
export class ReminderSender {
  constructor(
    private readonly users: UserService,
    private readonly orgs: OrganisationService,
    private readonly notifications: NotificationService,
  ) {}

  /**
   * One pass of the due-scan over at most `limit` due tasks, in `tx`: claims them (`for update skip locked`, so
   * that two workers never send the same task), sends the latest due step of each (older missed ones folded in)
   * and plans the next one; in quiet hours it only moves them to 08:00.
   */
  async scanChunk(tx: EntityManager, now: Date, limit = REMINDER_CHUNK): Promise<ScanResult> {
    const rows = await tx.execute<ReminderTaskRow[]>(
      `select ${TASK_COLUMNS} from task t
        where t.next_reminder_at <= ? and t.status in (select jsonb_array_elements_text(?::jsonb))
        order by t.next_reminder_at, t.id limit ? for update skip locked`,
      [now, JSON.stringify(WAITING_STATUSES), limit],
    );
    const result: ScanResult = { claimed: rows.length, sent: 0, notifications: 0, deferred: 0 };
    if (!rows.length) return result;
    if (isQuietHour(now)) {
      await tx.execute(
        `update task set next_reminder_at = ? where id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
        [outsideQuietHours(now), JSON.stringify(rows.map((r) => r.id))],
      );
      result.deferred = rows.length;
      return result;
    }
    const sends: ReminderSend[] = [];
    const plans: { id: string; at: string | null; key: string | null }[] = [];
    for (const r of rows) {
      const dueAt = new Date(r.due_at);
      const step = dueReminderStep(r.policy, dueAt, now);
      if (step) sends.push({ task: r, stepKey: step.key, audience: step.audience });
      const next = nextReminderStep(r.policy, dueAt, now);
      plans.push({ id: r.id, at: next?.at.toISOString() ?? null, key: next?.key ?? null });
    }
    const sent = await this.send(tx, sends, now);
    await tx.execute(
      `update task t set next_reminder_at = p.at, next_reminder_key = p.key
         from jsonb_to_recordset(?::jsonb) as p(id uuid, at timestamptz, key text) where t.id = p.id`,
      [JSON.stringify(plans)],
    );
    return { ...result, ...sent };
  }

  /** A task's row for a manual reminder, locked (null when it does not exist). */
  async lockTask(tx: EntityManager, id: string): Promise<ReminderTaskRow | null> {
    const rows = await tx.execute<ReminderTaskRow[]>(`select ${TASK_COLUMNS} from task t where t.id = ? for update`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  /**
   * Writes the steps (`insert … on conflict do nothing`) and notifies the recipients of those newly written, in
   * one `notify` call. Returns how many steps and notifications were new.
   */
  async send(tx: EntityManager, sends: ReminderSend[], now: Date): Promise<{ sent: number; notifications: number }> {
    if (!sends.length) return { sent: 0, notifications: 0 };
    const orgIds = [...new Set(sends.map((s) => s.task.assignee_org_id))];
    const [contacts, coordinators, names] = await Promise.all([
      this.users.contactsOf(orgIds, tx),
      this.users.coordinatorsOver(
        sends.filter((s) => s.audience === 'coordinator').map((s) => s.task.assignee_path),
        tx,
      ),
      this.orgs.namesOf(orgIds),
    ]);
    const recipients = new Map<ReminderSend, { assignees: string[]; escalated: string[] }>();
    for (const s of sends) {
      const c = contacts.get(s.task.assignee_org_id);
      const assignees = s.task.assignee_user_id ? [s.task.assignee_user_id] : (c?.applicants ?? []);
      const escalated = new Set<string>();
      if (s.audience !== 'assignee' && c?.head && !assignees.includes(c.head)) escalated.add(c.head);
      if (s.audience === 'coordinator')
        for (const id of coordinators.get(s.task.assignee_path) ?? []) if (!assignees.includes(id)) escalated.add(id);
      recipients.set(s, { assignees, escalated: [...escalated] });
    }
    const inserted = await tx.execute<{ task_id: string; step_key: string }[]>(
      `insert into task_reminder (id, task_id, step_key, audience, recipients, sent_at)
       select gen_random_uuid(), task_id, step_key, audience, recipients, ?::timestamptz
         from jsonb_to_recordset(?::jsonb) as r(task_id uuid, step_key text, audience text, recipients int)
       on conflict (task_id, step_key) do nothing
       returning task_id, step_key`,
      [
        now,
        JSON.stringify(
          sends.map((s) => {
            const r = recipients.get(s);
            return {
              task_id: s.task.id,
              step_key: s.stepKey,
              audience: s.audience,
              recipients: (r?.assignees.length ?? 0) + (r?.escalated.length ?? 0),
            };
          }),
        ),
      ],
    );
    const fresh = new Set(inserted.map((r) => `${r.task_id}:${r.step_key}`));
    const items: NotificationInput[] = [];
    for (const s of sends) {
      if (!fresh.has(`${s.task.id}:${s.stepKey}`)) continue;
      const dueAt = new Date(s.task.due_at);
      const days = overdueDays(dueAt, now);
      const params = {
        title: s.task.title,
        due: dueDayOf(dueAt),
        days,
        org: names.get(s.task.assignee_org_id) ?? '',
      };
      const base = {
        params,
        link: `/tasks/${s.task.id}`,
        subjectType: 'task',
        subjectId: s.task.id,
      };
      const r = recipients.get(s) ?? { assignees: [], escalated: [] };
      const [titleCode, bodyCode] = s.manual
        ? ['task.notify_manual', 'task.notify_reminder_body']
        : days > 0
          ? ['task.notify_overdue', 'task.notify_overdue_body']
          : ['task.notify_reminder', 'task.notify_reminder_body'];
      for (const userId of r.assignees)
        items.push({ ...base, userId, titleCode, bodyCode, dedupeKey: `task:${s.task.id}:${s.stepKey}:${userId}` });
      for (const userId of r.escalated)
        items.push({
          ...base,
          userId,
          titleCode: 'task.notify_escalation',
          bodyCode: 'task.notify_escalation_body',
          dedupeKey: `task:${s.task.id}:${s.stepKey}:${userId}`,
        });
    }
    const notifications = items.length ? await this.notifications.notify(items, tx) : 0;
    return { sent: inserted.length, notifications };
  }

  /**
   * Tells the assignees of newly issued tasks (the assignee user, else the organisation's active applicants), in
   * the issuing transaction: one `notify` call for all of them, deduped on `task:<id>:issued:<user>` (a retried
   * batch chunk notifies no one twice).
   */
  async notifyIssued(
    tx: EntityManager,
    tasks: Pick<ReminderTaskRow, 'id' | 'title' | 'due_at' | 'assignee_org_id' | 'assignee_user_id'>[],
  ): Promise<number> {
    if (!tasks.length) return 0;
    const orgIds = [...new Set(tasks.map((t) => t.assignee_org_id))];
    const contacts = await this.users.contactsOf(orgIds, tx);
    const usersOf = (t: (typeof tasks)[number]) =>
      t.assignee_user_id ? [t.assignee_user_id] : (contacts.get(t.assignee_org_id)?.applicants ?? []);
    // names only for the organisations someone is told about (a bulk issue's often have no users yet)
    const told = [...new Set(tasks.filter((t) => usersOf(t).length).map((t) => t.assignee_org_id))];
    if (!told.length) return 0;
    const names = await this.orgs.namesOf(told);
    const items: NotificationInput[] = [];
    for (const t of tasks) {
      for (const userId of usersOf(t))
        items.push({
          userId,
          titleCode: 'task.notify_issued',
          bodyCode: 'task.notify_issued_body',
          params: {
            title: t.title,
            due: dueDayOf(new Date(t.due_at)),
            org: names.get(t.assignee_org_id) ?? '',
          },
          link: `/tasks/${t.id}`,
          dedupeKey: `task:${t.id}:issued:${userId}`,
          subjectType: 'task',
          subjectId: t.id,
        });
    }
    return this.notifications.notify(items, tx);
  }

  /**
   * A decision on a response, in its transaction: `submitted` tells the issuer, `accepted` / `returned` the
   * assignees. `eventId` (the task_event's) keeps each decision's notification apart from the next one's.
   */
  async notifyDecision(
    tx: EntityManager,
    t: { id: string; title: string; assigneeOrgId: string; assigneeUserId: string | null; issuerId: string | null },
    what: 'submitted' | 'accepted' | 'returned',
    eventId: string,
    reason: string | null,
  ): Promise<number> {
    const names = await this.orgs.namesOf([t.assigneeOrgId]);
    let users: string[];
    if (what === 'submitted') users = t.issuerId ? [t.issuerId] : [];
    else
      users = t.assigneeUserId
        ? [t.assigneeUserId]
        : ((await this.users.contactsOf([t.assigneeOrgId], tx)).get(t.assigneeOrgId)?.applicants ?? []);
    if (!users.length) return 0;
    return this.notifications.notify(
      users.map((userId) => ({
        userId,
        titleCode: `task.notify_${what}`,
        bodyCode: what === 'returned' ? 'task.notify_returned_body' : null,
        params: { title: t.title, org: names.get(t.assigneeOrgId) ?? '', reason: reason ?? '' },
        link: `/tasks/${t.id}`,
        dedupeKey: `task:${t.id}:${what}:${eventId}:${userId}`,
        subjectType: 'task',
        subjectId: t.id,
      })),
      tx,
    );
  }
}
