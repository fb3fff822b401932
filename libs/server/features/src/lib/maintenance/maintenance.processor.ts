import { Processor, WorkerHost, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Job, Queue } from 'bullmq';
import { QUEUES, type MaintenancePayload } from '@hutong/shared-contracts';
import { APP_CONFIG, type AppConfig } from '@hutong/server-config';
import { Session } from '@hutong/server-persistence';
import { DEFERRED_START, startWorker } from '../queue/worker-start';
import { SCHEDULES } from './schedules';

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

/** Registers SCHEDULES with BullMQ's job schedulers when the worker starts (Asia/Shanghai cron). */
@Injectable()
export class ScheduleRegistrar implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue<MaintenancePayload>) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const s of SCHEDULES) {
      await this.maintenance.upsertJobScheduler(
        s.id,
        s.pattern ? { pattern: s.pattern, tz: 'Asia/Shanghai' } : { every: s.every },
        { name: s.id, data: s.payload },
      );
    }
  }
}
