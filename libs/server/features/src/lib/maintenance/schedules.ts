import { QUEUES, type MaintenancePayload, type QueueName } from '@hutong/shared-contracts';

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
