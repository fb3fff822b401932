import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, loadConfig } from '@hutong/server-config';
import { PersistenceModule } from '@hutong/server-persistence';
import { WorkerFeaturesModule } from '@hutong/server-features';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRoot({ pinoHttp: { level: loadConfig().logLevel } }),
    PersistenceModule,
    WorkerFeaturesModule,
  ],
})
export class WorkerModule {}
