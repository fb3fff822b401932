import type { Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { AppConfig } from '@hutong/platform-config';

/**
 * Worker options every processor declares: the worker does not start on creation, so that
 * `startWorker` can first give it WORKER_CONCURRENCY (the decorator's options are fixed at import
 * time, before the configuration is read); locks short enough that a dead worker's jobs come back soon.
 */
export const DEFERRED_START = {
  autorun: false,
  // a job taken by a worker that died (SIGKILL, lost host) is handed to another within ~15 s, not BullMQ's ~60 s:
  // a live worker renews its lock every lockDuration / 2
  lockDuration: 10_000,
  stalledInterval: 5_000,
} as const;

/** Sets the worker's concurrency from the configuration and starts taking jobs. */
export function startWorker(worker: Worker, config: Pick<AppConfig, 'workerConcurrency'>, log: Logger): void {
  worker.concurrency = config.workerConcurrency;
  worker.run().catch((e: unknown) => log.error(`worker ${worker.name} stopped: ${(e as Error).message}`));
}
