import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AccessResolvers } from './access/access-resolvers';
import { ReferenceChecks } from './access/references';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { HealthController } from './health/health.controller';
import { QueueModule } from './queue/queue.module';
import { ScheduleRegistrar } from './queue/schedules';

/** What every capability may inject, in the api and the worker: audit, access resolvers, reference checks, queues. */
@Global()
@Module({
  imports: [QueueModule],
  providers: [AuditService, AccessResolvers, ReferenceChecks],
  exports: [AuditService, AccessResolvers, ReferenceChecks, QueueModule],
})
export class PlatformModule {}

/** The api's platform endpoints: health and the audit log viewer. */
@Module({
  imports: [TerminusModule],
  controllers: [HealthController, AuditController],
})
export class PlatformApiModule {}

/** The worker's platform part: every repeatable schedule (queue/schedules.ts). */
@Module({
  providers: [ScheduleRegistrar],
})
export class PlatformWorkerModule {}
