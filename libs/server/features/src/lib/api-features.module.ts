import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TerminusModule } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from '@hutong/server-config';
import { ApplicationController, CycleController, SchemeController } from './assessment/assessment.controller';
import { ApplicationService } from './assessment/application.service';
import { CycleService } from './assessment/cycle.service';
import { EvidenceStore } from './assessment/evidence-store';
import { ReportsService } from './assessment/reports.service';
import { SchemeService } from './assessment/scheme.service';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AccessGuard } from './auth/access.guard';
import { DbExceptionFilter } from './common/db-exception.filter';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginThrottlerGuard, RedisThrottlerStorage } from './auth/login-throttler';
import { SessionRepository } from './auth/session.repository';
import { HealthController } from './health/health.controller';
import { OrgImportController } from './imports/org-import.controller';
import { OrgImportService } from './imports/org-import.service';
import { OrganisationController } from './organisations/organisation.controller';
import { OrganisationRepository } from './organisations/organisation.repository';
import { OrganisationService } from './organisations/organisation.service';
import { QueueModule } from './queue/queue.module';
import { RedisClient } from './queue/redis';
import { UserController } from './users/user.controller';
import { UserService } from './users/user.service';

/** Everything the HTTP api serves. The access guard applies to every route. */
@Module({
  imports: [
    QueueModule,
    TerminusModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, RedisClient],
      useFactory: (config: AppConfig, redis: RedisClient) => ({
        throttlers: [
          {
            name: 'login',
            ttl: config.loginRateWindowSeconds * 1000,
            limit: config.loginRateLimit,
            blockDuration: config.loginRateWindowSeconds * 1000,
          },
        ],
        storage: new RedisThrottlerStorage(redis),
      }),
    }),
  ],
  controllers: [
    HealthController,
    AuthController,
    // imports before organisations: "/organisations/imports" must not be taken for "/organisations/:id"
    OrgImportController,
    OrganisationController,
    UserController,
    AuditController,
    SchemeController,
    CycleController,
    ApplicationController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    // a foreign-key or unique violation a service did not check for is a 409, never a 500
    { provide: APP_FILTER, useClass: DbExceptionFilter },
    AuthService,
    SessionRepository,
    AuditService,
    LoginThrottlerGuard,
    OrganisationRepository,
    OrganisationService,
    OrgImportService,
    UserService,
    SchemeService,
    CycleService,
    ApplicationService,
    EvidenceStore,
    ReportsService,
  ],
})
export class ApiFeaturesModule {}
