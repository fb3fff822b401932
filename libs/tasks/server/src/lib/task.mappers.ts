import {
  availableTaskActions,
  displayStatus,
  type TaskActor,
  type TaskAttachmentView,
  type TaskDetail,
  type TaskEventView,
  type TaskReminderView,
  type TaskResponseView,
  type TaskSummary,
} from '@hutong/tasks-model';
import type { Task, TaskAttachment, TaskEvent, TaskReminder, TaskResponse } from './entities/task.entities';
import type { TaskRow } from './task.repository';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function summaryOfRow(r: TaskRow, names: Map<string, string>, now: Date): TaskSummary {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    status: r.status,
    displayStatus: displayStatus(r.status, new Date(r.due_at), now),
    dueAt: new Date(r.due_at).toISOString(),
    assignee: { id: r.assignee_org_id, name: names.get(r.assignee_org_id) ?? '' },
    assigneeUserId: r.assignee_user_id,
    batchId: r.batch_id,
    aboutType: r.about_type,
    aboutId: r.about_id,
    nextReminderAt: iso(r.next_reminder_at),
    createdAt: new Date(r.created_at).toISOString(),
    submittedAt: iso(r.submitted_at),
    closedAt: iso(r.closed_at),
  };
}

export function attachmentView(a: TaskAttachment): TaskAttachmentView {
  return {
    id: a.id,
    name: a.name,
    mime: a.mime,
    size: Number(a.size),
    responseId: a.response?.id ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}

export function detailOf(
  t: Task,
  orgName: string,
  parts: { responses: TaskResponse[]; attachments: TaskAttachment[]; history: TaskEvent[]; reminders: TaskReminder[] },
  actor: TaskActor,
  now: Date,
): TaskDetail {
  return {
    id: t.id,
    kind: t.kind,
    title: t.title,
    status: t.status,
    displayStatus: displayStatus(t.status, t.dueAt, now),
    dueAt: t.dueAt.toISOString(),
    assignee: { id: t.assigneeOrg.id, name: orgName },
    assigneeUserId: t.assigneeUser?.id ?? null,
    batchId: t.batch?.id ?? null,
    aboutType: t.aboutType,
    aboutId: t.aboutId,
    nextReminderAt: iso(t.nextReminderAt),
    nextReminderKey: t.nextReminderKey,
    createdAt: t.createdAt.toISOString(),
    submittedAt: iso(t.submittedAt),
    closedAt: iso(t.closedAt),
    acknowledgedAt: iso(t.acknowledgedAt),
    instructions: t.instructions,
    form: t.form,
    policy: t.policy,
    responses: parts.responses.map(
      (r): TaskResponseView => ({
        id: r.id,
        answers: r.answers,
        submittedBy: r.submittedBy?.id ?? null,
        submittedAt: r.submittedAt.toISOString(),
        decision: r.decision,
        decisionReason: r.decisionReason,
        decidedAt: iso(r.decidedAt),
      }),
    ),
    attachments: parts.attachments.map(attachmentView),
    history: parts.history.map(
      (e): TaskEventView => ({
        at: e.at.toISOString(),
        actor: e.actor,
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: e.note,
      }),
    ),
    reminders: parts.reminders.map(
      (r): TaskReminderView => ({
        stepKey: r.stepKey,
        audience: r.audience,
        recipients: r.recipients,
        sentAt: r.sentAt.toISOString(),
      }),
    ),
    actions: availableTaskActions(t.status, actor),
  };
}
