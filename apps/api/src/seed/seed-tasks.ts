import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, shanghaiDate } from '@hutong/platform-model';
import {
  DEFAULT_REMINDER_POLICY,
  dueAtEndOf,
  nextReminderStep,
  type ResponseField,
  type TaskStatus,
} from '@hutong/tasks-model';
import { Organisation } from '@hutong/organisations-server';
import { User } from '@hutong/identity-server';
import { RollupDirty, Task, TaskEvent, TaskResponse } from '@hutong/tasks-server';
import type { Actor, AuditService } from '@hutong/platform-server';

/** The Xinyang circular's task, as its response form. */
export const XINYANG_TASK_TITLE = '报送未接入全民健康信息平台的原因、下一步工作计划及完成时间';

const XINYANG_FORM: ResponseField[] = [
  { key: 'reason', label: '未接入原因', type: 'text', required: true, maxLength: 2000 },
  { key: 'plan', label: '下一步工作计划', type: 'text', required: true, maxLength: 2000 },
  { key: 'completion', label: '预计完成接入日期', type: 'date', required: true },
  { key: 'files', label: '佐证材料（盖章说明等）', type: 'attachments', required: false, maxFiles: 5 },
];

/** The six county maternal and child health hospitals of 信阳 not yet connected, and where each one stands. */
const NOT_CONNECTED: { name: string; status: TaskStatus }[] = [
  { name: '罗山县妇幼保健院', status: 'accepted' },
  { name: '光山县妇幼保健院', status: 'submitted' },
  { name: '商城县妇幼保健院', status: 'submitted' },
  { name: '固始县妇幼保健院', status: 'acknowledged' },
  { name: '潢川县妇幼保健院', status: 'open' },
  { name: '息县妇幼保健院', status: 'open' },
];

const QUARTER_TASK_TITLE = '核对并确认第四季度数据上传情况';
const QUARTER_FORM: ResponseField[] = [
  { key: 'confirmed', label: '核对结论', type: 'choice', required: true, options: ['数据无误', '存在差异（见说明）'] },
  { key: 'note', label: '说明', type: 'text', required: false, maxLength: 2000 },
];

/**
 * The demo's deadline tasks (DESIGN.md §3, the Xinyang scenario): the circular's "report why you are not connected,
 * your next steps and the completion date" issued by 信阳市卫健委 to its six not-connected county maternal and child
 * health hospitals, due by the end of yesterday — one accepted, two answered and waiting for review, three overdue —
 * and a quarterly check due in five days for three hospitals (信阳市中心医院, the demo applicant, among them).
 * Idempotent: nothing is written when the Xinyang task exists. Counters are marked dirty for the worker.
 */
export async function seedDemoTasks(em: EntityManager, audit: AuditService, actor: Actor): Promise<number> {
  if (await em.findOne(Task, { title: XINYANG_TASK_TITLE })) return 0;
  const issuer = await em.findOne(User, { username: 'coordinator' });
  const issuerOrg = await em.findOne(Organisation, { code: '411500' });
  if (!issuer || !issuerOrg) return 0;
  const now = new Date();
  const today = shanghaiDate(now);
  let n = 0;
  const issue = async (
    org: Organisation,
    title: string,
    instructions: string,
    form: ResponseField[],
    dueDate: string,
    status: TaskStatus,
    answers: Record<string, string> | null,
  ): Promise<void> => {
    const dueAt = dueAtEndOf(dueDate);
    const createdAt = new Date(dueAt.getTime() - 10 * 86_400_000);
    const waiting = status === 'open' || status === 'acknowledged' || status === 'returned';
    const step = waiting ? nextReminderStep(DEFAULT_REMINDER_POLICY, dueAt, now) : null;
    const t = em.create(Task, {
      kind: 'manual',
      title,
      instructions,
      form,
      assigneeOrg: org,
      assigneePath: org.path,
      issuer,
      issuerOrg,
      status,
      dueAt,
      policy: { ...DEFAULT_REMINDER_POLICY, beforeDays: [...DEFAULT_REMINDER_POLICY.beforeDays] },
      nextReminderAt: step?.at ?? null,
      nextReminderKey: step?.key ?? null,
      acknowledgedAt: status === 'open' ? null : new Date(createdAt.getTime() + 86_400_000),
      submittedAt: answers ? new Date(createdAt.getTime() + 4 * 86_400_000) : null,
      closedAt: status === 'accepted' ? new Date(createdAt.getTime() + 6 * 86_400_000) : null,
      createdAt,
      updatedAt: now,
    });
    em.persist(t);
    em.persist(
      em.create(TaskEvent, { task: t, at: createdAt, actor: issuer.username, action: 'issue', toStatus: 'open' }),
    );
    if (answers)
      em.persist(
        em.create(TaskResponse, {
          task: t,
          answers,
          submittedAt: t.submittedAt ?? now,
          decision: status === 'accepted' ? 'accepted' : null,
          decidedBy: status === 'accepted' ? issuer : null,
          decidedAt: t.closedAt,
        }),
      );
    em.persist(em.create(RollupDirty, { organisationId: org.id }));
    audit.record(em, actor, {
      action: 'task.issue',
      entityType: 'task',
      entityId: t.id,
      before: null,
      after: { title, organisationId: org.id, dueAt: dueAt.toISOString(), status },
    });
    n++;
  };

  const xinyangDue = addDays(today, -1);
  for (const h of NOT_CONNECTED) {
    const org = await em.findOne(Organisation, { name: h.name });
    if (!org) continue;
    const answered = h.status === 'submitted' || h.status === 'accepted';
    await issue(
      org,
      XINYANG_TASK_TITLE,
      '根据《关于全民健康信息平台数据上传情况的通报》，请尚未接入市全民健康信息平台的单位报送未接入原因、下一步工作计划及预计完成接入时间，并上传盖章说明。',
      XINYANG_FORM,
      xinyangDue,
      h.status,
      answered
        ? {
            reason: '医院信息系统升级改造中，前置机尚未部署',
            plan: '与承建单位签订改造合同，部署前置机并完成接口联调',
            completion: addDays(today, 30),
          }
        : null,
    );
  }
  for (const name of ['信阳市中心医院', '信阳市中医院', '信阳市第三人民医院']) {
    const org = await em.findOne(Organisation, { name });
    if (!org) continue;
    await issue(
      org,
      QUARTER_TASK_TITLE,
      '请核对本单位第四季度各业务表上传记录数与上传天数，确认无误或说明差异原因。',
      QUARTER_FORM,
      addDays(today, 5),
      'open',
      null,
    );
  }
  return n;
}
