import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QUEUES } from '@hutong/platform-model';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { RedisClient, bullConnection } from './redis';

/** BullMQ on Redis: one registry of queues (QUEUES in shared contracts). */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: bullConnection(config.redisUrl),
        prefix: 'hutong',
        defaultJobOptions: {
          attempts: 3,
          backoff: { type: 'exponential', delay: 2000 },
          removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
          removeOnFail: { age: 30 * 24 * 3600 },
        },
      }),
    }),
    BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
  ],
  providers: [RedisClient],
  exports: [BullModule, RedisClient],
})
export class QueueModule {}
