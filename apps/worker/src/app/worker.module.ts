import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, loadConfig } from '@hutong/platform-config';
import { DatabaseModule } from '@hutong/platform-database';
import { PlatformModule, PlatformWorkerModule } from '@hutong/platform-server';
import { OrganisationsWorkerModule } from '@hutong/organisations-server';
import { IdentityWorkerModule } from '@hutong/identity-server';
import { AssessmentWorkerModule } from '@hutong/assessment-server';
import { NotificationsWorkerModule } from '@hutong/notifications-server';
import { TasksWorkerModule } from '@hutong/tasks-server';
import { ReviewWorkerModule } from '@hutong/review-server';
import { MonitoringWorkerModule } from '@hutong/monitoring-server';
import { ENTITIES } from '../entities';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRoot({ pinoHttp: { level: loadConfig().logLevel } }),
    DatabaseModule.forRoot(ENTITIES),
    PlatformModule,
    PlatformWorkerModule,
    IdentityWorkerModule,
    OrganisationsWorkerModule,
    AssessmentWorkerModule,
    NotificationsWorkerModule,
    TasksWorkerModule,
    ReviewWorkerModule,
    MonitoringWorkerModule,
  ],
})
export class WorkerModule {}
