import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { LoggerModule } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigModule, loadConfig } from '@hutong/server-config';
import { PersistenceModule } from '@hutong/server-persistence';
import { ApiFeaturesModule } from '@hutong/server-features';

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
    PersistenceModule,
    ApiFeaturesModule,
    ...(webRoot && existsSync(resolve(webRoot, 'index.html'))
      ? [ServeStaticModule.forRoot({ rootPath: webRoot, exclude: ['/api/{*path}'] })]
      : []),
  ],
})
export class AppModule {}
