import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Job } from 'bullmq';
import { QUEUES, type MaintenancePayload } from '@hutong/platform-model';
import { Session } from '../entities/session.entity';

@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly log = new Logger(MaintenanceProcessor.name);
  constructor(private readonly em: EntityManager) {
    super();
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
