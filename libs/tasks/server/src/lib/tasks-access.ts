import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OrganisationService } from '@hutong/organisations-server';
import type { Reference } from '@hutong/platform-server';
import { Task, TaskBatch } from './entities/task.entities';

/**
 * Which organisation a task belongs to (its assignee, for the access guard), the audit viewer's names of tasks
 * and batches, and whether tasks still refer to an organisation (it may then not be deleted).
 */
@Injectable()
export class TasksAccess {
  constructor(
    private readonly em: EntityManager,
    private readonly orgs: OrganisationService,
  ) {}

  /** The assignee organisation's path (kept on the task). */
  async taskPath(id: string): Promise<string | null> {
    const rows = await this.em
      .getConnection()
      .execute<{ path: string }[]>('select t.assignee_path as path from task t where t.id = ?', [id]);
    return rows[0]?.path ?? null;
  }

  /** 机构名 · 任务标题. */
  async taskLabels(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.em.fork().find(Task, { id: { $in: ids } }, { fields: ['id', 'title', 'assigneeOrg'] });
    const names = await this.orgs.namesOf([...new Set(rows.map((t) => t.assigneeOrg.id))]);
    return new Map(rows.map((t) => [t.id, `${names.get(t.assigneeOrg.id) ?? ''} · ${t.title}`]));
  }

  async batchLabels(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.em.fork().find(TaskBatch, { id: { $in: ids } }, { fields: ['id', 'title'] });
    return new Map(rows.map((b) => [b.id, b.title]));
  }

  /** Why an organisation cannot be deleted on the tasks' account, or null. */
  async organisationReference(id: string, tx: EntityManager): Promise<Reference | null> {
    return (await tx.count(Task, { $or: [{ assigneeOrg: id }, { issuerOrg: id }] })) ||
      (await tx.count(TaskBatch, { issuerOrg: id }))
      ? { code: 'organisation.has_tasks' }
      : null;
  }
}
