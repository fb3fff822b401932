import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Job } from 'bullmq';
import { QUEUES, type MaintenancePayload } from '@hutong/platform-model';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { DEFERRED_START, startWorker } from '@hutong/platform-server';
import { Session } from '../entities/session.entity';

@Processor(QUEUES.maintenance, DEFERRED_START)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly log = new Logger(MaintenanceProcessor.name);
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, this.config, this.log);
  }

  async process(job: Job<MaintenancePayload>): Promise<number> {
    switch (job.data.task) {
      case 'purge-expired-sessions': {
        const n = await this.em.fork().nativeDelete(Session, { expiresAt: { $lte: new Date() } });
        if (n) this.log.log(`purged ${n} expired sessions`);
        return n;
      }
    }
  }
}
