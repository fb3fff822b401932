import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditService, type Actor } from '@hutong/platform-server';
import { TaskBatch } from './entities/task.entities';
import { RecipientResolver } from './recipients';
import { TaskRepository } from './task.repository';
import { RollupService } from './rollups/rollup.service';
import { plannedReminder } from './task.service';
import { ReminderSender, type ReminderTaskRow } from './reminder-sender';

/** Tasks inserted per statement (and per transaction). */
export const BATCH_CHUNK = 2000;

export type BatchOutcome = 'done' | 'already-done';

/**
 * Creates a batch's tasks in the worker, set-based: the filter is resolved to organisations (with their paths)
 * through the organisations service, then each chunk is one INSERT … SELECT from a jsonb recordset in its own transaction
 * with the batch's progress. Every task of a batch shares its due instant and policy, so the next reminder is
 * planned once. A retry inserts only what is missing (one task per batch and organisation); the batch's one
 * audit entry is written with its final status.
 */
@Injectable()
export class TaskBatchRunner {
  private readonly log = new Logger(TaskBatchRunner.name);

  constructor(
    private readonly em: EntityManager,
    private readonly repo: TaskRepository,
    private readonly recipients: RecipientResolver,
    private readonly audit: AuditService,
    private readonly rollups: RollupService,
    private readonly sender: ReminderSender,
  ) {}

  async run(batchId: string): Promise<BatchOutcome> {
    const em = this.em.fork();
    const b = await em.findOne(TaskBatch, { id: batchId }, { populate: ['issuer', 'issuerOrg'] });
    if (!b) throw new Error(`task batch ${batchId} not found`);
    if (b.status === 'done') return 'already-done';
    const scope = b.issuerOrg?.path ?? '/';
    const found = await this.recipients.resolve(scope, b.filter);
    const now = new Date();
    await em.nativeUpdate(TaskBatch, { id: batchId }, { status: 'running', total: found.length, error: null });
    const plan = plannedReminder(b.policy, b.dueAt, now);
    const actor: Actor = { id: b.issuer.id, name: b.issuer.username, ip: null, userAgent: 'worker' };
    let inserted = 0;
    for (let i = 0; i < found.length; i += BATCH_CHUNK) {
      const chunk = found.slice(i, i + BATCH_CHUNK);
      await em.fork().transactional(async (tx) => {
        inserted += await this.repo.insertBatchTasks(
          tx,
          {
            batchId,
            title: b.title,
            instructions: b.instructions,
            form: b.form,
            dueAt: b.dueAt,
            policy: b.policy,
            issuerId: b.issuer.id,
            issuerOrgId: b.issuerOrg?.id ?? null,
            ...plan,
            now,
            actor: b.issuer.username,
          },
          chunk.map((r) => ({ org: r.id, path: r.path })),
        );
        await tx.nativeUpdate(TaskBatch, { id: batchId }, { created: await this.repo.batchTaskCount(tx, batchId) });
        await this.rollups.markDirty(
          tx,
          chunk.map((r) => r.id),
        );
        // the chunk's assignees are told in the chunk's transaction (one notify; a retried chunk notifies no one twice)
        const issued = await tx.execute<ReminderTaskRow[]>(
          `select id, title, due_at, assignee_org_id, assignee_user_id from task
            where batch_id = ? and assignee_org_id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
          [batchId, JSON.stringify(chunk.map((r) => r.id))],
        );
        await this.sender.notifyIssued(tx, issued);
      });
    }
    await this.rollups.requestFlush();
    await em.fork().transactional(async (tx) => {
      const created = await this.repo.batchTaskCount(tx, batchId);
      await tx.nativeUpdate(TaskBatch, { id: batchId }, { status: 'done', created, finishedAt: new Date() });
      this.audit.record(tx, actor, {
        action: 'task_batch.issue',
        entityType: 'task_batch',
        entityId: batchId,
        before: { status: b.status },
        after: { status: 'done', total: found.length, created, insertedNow: inserted },
      });
    });
    this.log.log(`batch ${batchId}: ${inserted} tasks created (${found.length} recipients)`);
    return 'done';
  }

  /** After the last attempt: the batch shows why it stopped (the tasks created so far stay). */
  async markFailed(batchId: string, error: string): Promise<void> {
    await this.em.fork().nativeUpdate(TaskBatch, { id: batchId }, { status: 'failed', error: error.slice(0, 2000) });
  }
}
