import type { EntityManager } from '@mikro-orm/postgresql';
import { Organisation } from '@hutong/organisations-server';
import { User } from '@hutong/identity-server';
import {
  DEFAULT_REMINDER_POLICY,
  nextReminderStep,
  withPolicyDefaults,
  type ReminderPolicy,
  type ResponseField,
  type TaskKind,
  type TaskStatus,
} from '@hutong/tasks-model';
import { Task, TaskEvent } from '../lib/entities/task.entities';

export interface TaskSpec {
  assignee: Organisation;
  issuer?: User | null;
  kind?: TaskKind;
  title?: string;
  status?: TaskStatus;
  dueAt?: Date;
  form?: ResponseField[];
  policy?: Partial<ReminderPolicy>;
  assigneeUser?: User | null;
}

/** A form with one of each field type (the first two required). */
export const SAMPLE_FORM: ResponseField[] = [
  { key: 'reason', label: '未接入原因', type: 'text', required: true, maxLength: 200 },
  { key: 'plan', label: '整改计划', type: 'choice', required: true, options: ['本月完成', '下月完成'] },
  { key: 'done_by', label: '完成日期', type: 'date', required: false },
  { key: 'files', label: '证明材料', type: 'attachments', required: false, maxFiles: 2 },
];

/**
 * Writes tasks straight to the database in any status (the service's rules are what its own tests check), with
 * their next reminder planned from now while they wait, none otherwise, and an "issue" history row.
 */
export class TaskFactory {
  constructor(private readonly em: EntityManager) {}

  async task(spec: TaskSpec): Promise<Task> {
    const em = this.em.fork();
    const now = new Date();
    const status = spec.status ?? 'open';
    const dueAt = spec.dueAt ?? new Date(now.getTime() + 10 * 86_400_000);
    const policy = withPolicyDefaults(spec.policy ?? DEFAULT_REMINDER_POLICY);
    const waiting = status === 'open' || status === 'acknowledged' || status === 'returned';
    const step = waiting ? nextReminderStep(policy, dueAt, now) : null;
    const t = em.create(Task, {
      kind: spec.kind ?? 'manual',
      title: spec.title ?? '报送未接入原因',
      instructions: '请如实填写',
      form: spec.form ?? SAMPLE_FORM,
      assigneeOrg: em.getReference(Organisation, spec.assignee.id),
      assigneePath: spec.assignee.path,
      assigneeUser: spec.assigneeUser ? em.getReference(User, spec.assigneeUser.id) : null,
      issuer: spec.issuer ? em.getReference(User, spec.issuer.id) : null,
      status,
      dueAt,
      policy,
      nextReminderAt: step?.at ?? null,
      nextReminderKey: step?.key ?? null,
      submittedAt: status === 'submitted' ? now : null,
    });
    em.persist(t);
    em.persist(em.create(TaskEvent, { task: t, actor: 'factory', action: 'issue', toStatus: status }));
    await em.flush();
    return t;
  }
}
