import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES, type DomainEventPayload, type RollupPayload } from '@hutong/platform-model';
import { DEFERRED_START, DomainEventSubscribers, startWorker } from '@hutong/platform-server';
import { STAGE_EVENT_TOPIC, type StageEventData } from '@hutong/assessment-model';
import { RollupService, type RollupCheck } from './rollup.service';

/** The worker's rollup jobs: `flush` (debounced refresh of the dirty organisations) and `verify` (every ten minutes). */
@Processor(QUEUES.rollups, DEFERRED_START)
export class RollupProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly log = new Logger(RollupProcessor.name);
  constructor(private readonly rollups: RollupService) {
    super();
  }

  onApplicationBootstrap(): void {
    // one at a time: a flush and a verify never race each other's snapshot
    startWorker(this.worker, { workerConcurrency: 1 }, this.log);
    // organisations marked dirty while no worker ran (the seed, a crash before the flush) are refreshed now
    void this.rollups.requestFlush();
  }

  async process(job: Job<RollupPayload>): Promise<number | RollupCheck> {
    return job.data.kind === 'verify' ? this.rollups.verify() : this.rollups.flush();
  }
}

/** An application's stage change moves its organisation's counters. */
@Injectable()
export class RollupStageSubscriber implements OnModuleInit {
  constructor(
    private readonly subscribers: DomainEventSubscribers,
    private readonly rollups: RollupService,
  ) {}

  onModuleInit(): void {
    this.subscribers.subscribe(STAGE_EVENT_TOPIC, 'rollups', (event) =>
      this.rollups.touch([(event as DomainEventPayload<StageEventData>).data.organisationId]),
    );
  }
}
