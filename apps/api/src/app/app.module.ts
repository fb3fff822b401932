import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { LoggerModule } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigModule, loadConfig } from '@hutong/platform-config';
import { DatabaseModule } from '@hutong/platform-database';
import { PlatformApiModule, PlatformModule } from '@hutong/platform-server';
import { OrganisationsModule } from '@hutong/organisations-server';
import { IdentityModule } from '@hutong/identity-server';
import { AssessmentModule } from '@hutong/assessment-server';
import { ENTITIES } from '../entities';

const config = loadConfig();
const webRoot = config.webDist ? resolve(config.webDist) : '';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRoot({
      pinoHttp: {
        level: config.logLevel,
        redact: ['req.headers.cookie', 'res.headers["set-cookie"]'],
        autoLogging: { ignore: (req) => req.url === '/api/health' },
      },
    }),
    DatabaseModule.forRoot(ENTITIES),
    PlatformModule,
    PlatformApiModule,
    IdentityModule,
    OrganisationsModule,
    AssessmentModule,
    ...(webRoot && existsSync(resolve(webRoot, 'index.html'))
      ? [ServeStaticModule.forRoot({ rootPath: webRoot, exclude: ['/api/{*path}'] })]
      : []),
  ],
})
export class AppModule {}
