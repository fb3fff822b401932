import { Global, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AccessResolvers } from './access/access-resolvers';
import { ReferenceChecks } from './access/references';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuditLabels } from './audit/audit-labels';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { NoStoreMiddleware } from './common/no-store.middleware';
import { HealthController } from './health/health.controller';
import { QueueModule } from './queue/queue.module';
import { ScheduleRegistrar } from './queue/schedules';
import { DomainEventSubscribers, DomainEventsProcessor } from './events/domain-events';
import { OutboxRelay } from './events/outbox-relay';

/** What every capability may inject, in the api and the worker: audit, access resolvers, reference checks, queues. */
@Global()
@Module({
  imports: [QueueModule],
  providers: [AuditService, AuditLabels, AccessResolvers, ReferenceChecks],
  exports: [AuditService, AuditLabels, AccessResolvers, ReferenceChecks, QueueModule],
})
export class PlatformModule {}

/** The api's platform endpoints (health, the audit log viewer) and `Cache-Control: no-store` on every api answer. */
@Module({
  imports: [TerminusModule],
  controllers: [HealthController, AuditController],
  // the one exception filter: every error leaves as a coded ApiError in the request's language
  providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
})
export class PlatformApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // every api route is under /api (the global prefix); the web app's static files are not touched
    consumer.apply(NoStoreMiddleware).forRoutes('{*path}');
  }
}

/**
 * The worker's platform part: every repeatable schedule (queue/schedules.ts), the outbox relay that
 * publishes the capabilities' committed events, and the delivery of those events to subscribers.
 * Global, so that each capability's worker module can register its outbox and its subscriptions.
 */
@Global()
@Module({
  providers: [ScheduleRegistrar, OutboxRelay, DomainEventSubscribers, DomainEventsProcessor],
  exports: [OutboxRelay, DomainEventSubscribers],
})
export class PlatformWorkerModule {}
