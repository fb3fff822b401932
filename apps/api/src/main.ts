import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@hutong/platform-config';
import { useApiBodyParsers } from '@hutong/platform-server';
import { MONITORING_INGEST_PATH } from '@hutong/monitoring-server';
import { AppModule } from './app/app.module';
import { configureApp } from './app/configure';
import { createOpenApiDocument } from './app/openapi';
import { webStatic } from './app/web-static';
import { mountQueueBoard } from './app/queue-board';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      // over plain http (COOKIE_SECURE=false, e.g. a LAN address) HSTS and upgrade-insecure-requests would break the app
      hsts: config.cookieSecure,
      contentSecurityPolicy: {
        directives: {
          'upgrade-insecure-requests': config.cookieSecure ? [] : null,
          // ng-zorro injects styles at run time; scripts stay same-origin only
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  app.use(cookieParser());
  // JSON and forms up to 1 MB (a statistics batch up to MONITORING_BATCH_MAX_BYTES), JSON at most 32 levels deep;
  // a failure is a coded 400/413
  useApiBodyParsers(app, [{ path: MONITORING_INGEST_PATH, limitBytes: config.monitoringBatchMaxBytes }]);
  // the built web app (pre-compressed, cache headers) on the same port; /api stays Nest's
  const webRoot = config.webDist ? resolve(config.webDist) : '';
  if (webRoot && existsSync(resolve(webRoot, 'index.html'))) app.use(webStatic(webRoot));
  configureApp(app);
  // the admins' BullMQ dashboard at /api/admin/queues (its own session check: outside Nest's guard)
  mountQueueBoard(app);
  const doc = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  app.get(Logger).log(`Hutong api listening on http://${config.host}:${config.port}`);
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
