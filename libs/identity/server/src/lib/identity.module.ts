import { Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { AuditLabels, RedisClient, ReferenceChecks } from '@hutong/platform-server';
import { AccessGuard } from './auth/access.guard';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginThrottlerGuard, RedisThrottlerStorage, loginThrottlers } from './auth/login-throttler';
import { SessionRepository } from './auth/session.repository';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { UserController } from './users/user.controller';
import { UserService } from './users/user.service';

/** The identity capability's entities, for the app's ORM configuration. */
export const IDENTITY_ENTITIES = [User, Session];

/**
 * Identity in the api: login and sessions, users, and the global access guard (every endpoint
 * declares its roles and the organisation it acts on; see AccessResolvers for how that is found).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, RedisClient],
      useFactory: (config: AppConfig, redis: RedisClient) => ({
        throttlers: loginThrottlers(config),
        storage: new RedisThrottlerStorage(redis),
      }),
    }),
  ],
  controllers: [AuthController, UserController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    AuthService,
    SessionRepository,
    LoginThrottlerGuard,
    UserService,
  ],
  exports: [AuthService, UserService],
})
export class IdentityModule implements OnModuleInit {
  constructor(
    private readonly references: ReferenceChecks,
    private readonly labels: AuditLabels,
    private readonly users: UserService,
  ) {}

  onModuleInit(): void {
    this.references.register('organisation', (id, tx) => this.users.organisationReference(id, tx));
    this.labels.register('user', {
      label: (ids) => this.users.namesOf(ids, true),
      ref: (ids) => this.users.namesOf(ids, false),
    });
  }
}

/** Identity in the worker: the purge of expired sessions, and `UserService` for the worker's readers (reminders). */
@Module({
  providers: [MaintenanceProcessor, UserService, SessionRepository],
  exports: [UserService],
})
export class IdentityWorkerModule {}
