import { Processor, WorkerHost, OnWorkerEvent } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES, type OrgImportPayload } from '@hutong/platform-model';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { DEFERRED_START, startWorker } from '@hutong/platform-server';
import { OrgImportRunner } from './org-import.runner';

/** Worker side of the org-import queue. */
// a dead worker's job is retried within ~20 s: the lock lapses after 15 s, stalled jobs are checked every 5 s
// it starts with WORKER_CONCURRENCY once the app is up (DEFERRED_START)
@Processor(QUEUES.orgImport, { ...DEFERRED_START, lockDuration: 15_000, stalledInterval: 5_000 })
export class OrgImportProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly log = new Logger(OrgImportProcessor.name);
  constructor(
    private readonly runner: OrgImportRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, this.config, this.log);
  }

  async process(job: Job<OrgImportPayload>): Promise<string> {
    return this.runner.run(job.data.importId, (pct) => job.updateProgress(pct));
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<OrgImportPayload> | undefined, err: Error): Promise<void> {
    if (!job) return;
    this.log.warn(`import ${job.data.importId} attempt ${job.attemptsMade} failed: ${err.message}`);
    if (job.attemptsMade >= (job.opts.attempts ?? 1))
      await this.runner.markFailed(job.data.importId, `导入失败：${err.message}`);
  }
}
