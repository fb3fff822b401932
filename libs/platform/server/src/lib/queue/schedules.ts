import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QUEUES, type MaintenancePayload, type QueueName } from '@hutong/platform-model';

/** Every repeatable job, in one place. The worker upserts them at start-up (idempotent by id). */
export interface Schedule<P> {
  id: string;
  queue: QueueName;
  every?: number;
  pattern?: string;
  payload: P;
}

export const SCHEDULES: Schedule<MaintenancePayload>[] = [
  {
    id: 'purge-expired-sessions',
    queue: QUEUES.maintenance,
    pattern: '17 * * * *',
    payload: { task: 'purge-expired-sessions' },
  },
];

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
