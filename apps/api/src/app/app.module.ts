import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@hutong/platform-config';
import { DatabaseModule } from '@hutong/platform-database';
import { PlatformApiModule, PlatformModule } from '@hutong/platform-server';
import { OrganisationsModule } from '@hutong/organisations-server';
import { IdentityModule } from '@hutong/identity-server';
import { AssessmentModule } from '@hutong/assessment-server';
import { NotificationsModule } from '@hutong/notifications-server';
import { TasksModule } from '@hutong/tasks-server';
import { ReviewModule } from '@hutong/review-server';
import { MonitoringModule } from '@hutong/monitoring-server';
import { ENTITIES } from '../entities';
import '../messages';
import { requestLogOptions } from './request-log';

@Module({
  imports: [
    ConfigModule,
    // the configuration through its provider, not at import: the OpenAPI print-out (preview mode) reads none
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ pinoHttp: requestLogOptions(config.logLevel) }),
    }),
    DatabaseModule.forRoot(ENTITIES),
    PlatformModule,
    PlatformApiModule,
    IdentityModule,
    OrganisationsModule,
    AssessmentModule,
    NotificationsModule,
    TasksModule,
    ReviewModule,
    MonitoringModule,
  ],
})
export class AppModule {}
