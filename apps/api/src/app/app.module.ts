import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, loadConfig } from '@hutong/platform-config';
import { DatabaseModule } from '@hutong/platform-database';
import { PlatformApiModule, PlatformModule } from '@hutong/platform-server';
import { OrganisationsModule } from '@hutong/organisations-server';
import { IdentityModule } from '@hutong/identity-server';
import { AssessmentModule } from '@hutong/assessment-server';
import { ENTITIES } from '../entities';
import '../messages';
import { requestLogOptions } from './request-log';

const config = loadConfig();

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRoot({ pinoHttp: requestLogOptions(config.logLevel) }),
    DatabaseModule.forRoot(ENTITIES),
    PlatformModule,
    PlatformApiModule,
    IdentityModule,
    OrganisationsModule,
    AssessmentModule,
  ],
})
export class AppModule {}
