import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, loadConfig } from '@hutong/server-config';
import { PersistenceModule } from '@hutong/server-persistence';
import { ApiFeaturesModule } from '@hutong/server-features';

const config = loadConfig();

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
  ],
})
export class AppModule {}
