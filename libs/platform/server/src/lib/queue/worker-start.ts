import type { Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { AppConfig } from '@hutong/platform-config';

/**
 * Worker options every processor declares: the worker does not start on creation, so that
 * `startWorker` can first give it WORKER_CONCURRENCY (the decorator's options are fixed at import
 * time, before the configuration is read).
 */
export const DEFERRED_START = { autorun: false } as const;

/** Sets the worker's concurrency from the configuration and starts taking jobs. */
export function startWorker(worker: Worker, config: Pick<AppConfig, 'workerConcurrency'>, log: Logger): void {
  worker.concurrency = config.workerConcurrency;
  worker.run().catch((e: unknown) => log.error(`worker ${worker.name} stopped: ${(e as Error).message}`));
}
