import { Processor, WorkerHost, OnWorkerEvent } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES, type TaskBatchPayload } from '@hutong/platform-model';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { DEFERRED_START, startWorker } from '@hutong/platform-server';
import { TaskBatchRunner } from './task-batch.runner';

/** Worker side of the task-batch queue: creates a bulk issue's tasks. */
@Processor(QUEUES.taskBatch, { ...DEFERRED_START, lockDuration: 30_000, stalledInterval: 10_000 })
export class TaskBatchProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly log = new Logger(TaskBatchProcessor.name);
  constructor(
    private readonly runner: TaskBatchRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, this.config, this.log);
  }

  process(job: Job<TaskBatchPayload>): Promise<string> {
    return this.runner.run(job.data.batchId);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<TaskBatchPayload> | undefined, err: Error): Promise<void> {
    if (!job) return;
    this.log.warn(`task batch ${job.data.batchId} attempt ${job.attemptsMade} failed: ${err.message}`);
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) await this.runner.markFailed(job.data.batchId, err.message);
  }
}
