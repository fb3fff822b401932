import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, loadConfig } from '@hutong/server-config';
import { PersistenceModule } from '@hutong/server-persistence';
import { ApiFeaturesModule } from '@hutong/server-features';
import { requestLogOptions } from './request-log';

const config = loadConfig();

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRoot({ pinoHttp: requestLogOptions(config.logLevel) }),
    PersistenceModule,
    ApiFeaturesModule,
  ],
})
export class AppModule {}
