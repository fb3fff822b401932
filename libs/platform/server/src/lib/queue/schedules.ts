import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QUEUES, type QueueName, type QueuePayloads } from '@hutong/platform-model';

/** Every repeatable job, in one place. The worker upserts them at start-up (idempotent by id). */
export interface Schedule<Q extends QueueName = QueueName> {
  id: string;
  queue: Q;
  every?: number;
  pattern?: string;
  payload: QueuePayloads[Q];
}

type AnySchedule = { [Q in QueueName]: Schedule<Q> }[QueueName];

export const SCHEDULES: AnySchedule[] = [
  {
    id: 'purge-expired-sessions',
    queue: QUEUES.maintenance,
    pattern: '17 * * * *',
    payload: { task: 'purge-expired-sessions' },
  },
  {
    // the dashboards' counters recomputed from the live tables and compared with what the refreshes kept
    id: 'verify-rollups',
    queue: QUEUES.rollups,
    pattern: '*/10 * * * *',
    payload: { kind: 'verify' },
  },
];

/** Registers SCHEDULES with BullMQ's job schedulers when the worker starts (Asia/Shanghai cron). */
@Injectable()
export class ScheduleRegistrar implements OnApplicationBootstrap {
  constructor(private readonly modules: ModuleRef) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const s of SCHEDULES) {
      const queue = this.modules.get<Queue>(getQueueToken(s.queue), { strict: false });
      await queue.upsertJobScheduler(
        s.id,
        s.pattern ? { pattern: s.pattern, tz: 'Asia/Shanghai' } : { every: s.every },
        { name: s.id, data: s.payload },
      );
    }
  }
}
