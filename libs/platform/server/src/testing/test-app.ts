import { ConsoleLogger, type DynamicModule, type INestApplication, type Provider, type Type } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import { EntityManager, RequestContext } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import cookieParser from 'cookie-parser';
import { join } from 'node:path';
import { APP_CONFIG, ConfigModule, loadConfig, type AppConfig } from '@hutong/platform-config';
import { DatabaseModule } from '@hutong/platform-database';
import { QUEUES, type QueueName } from '@hutong/platform-model';
import { PLATFORM_ENTITIES } from '../lib/entities';
import { PlatformModule } from '../lib/platform.module';
import { RedisClient } from '../lib/queue/redis';
import { apiValidationPipe } from '../lib/common/validation';
import { tickFixedClock } from './clock';
import { FakeQueue } from './fake-queue';
import { createDatabaseFromTemplate, databaseUrl, dropDatabase } from './test-database';

export interface TestAppOptions {
  /** the capability modules under test, as the api composes them (apps/api/src/app/app.module.ts) */
  imports: (Type<unknown> | DynamicModule)[];
  /** their entities (the platform's are added), as apps/api/src/entities.ts composes them */
  entities: EntityClass<unknown>[];
  /** extra providers, e.g. a worker's job runner without its BullMQ processor */
  providers?: Provider[];
  /**
   * Also serve the modules over HTTP on a loopback port (`TestApp.url`): the api's prefix, cookies and validation
   * pipe, for the few tests that are about the HTTP layer itself (the guard on a route, a stream).
   */
  http?: boolean;
}

export interface TestApp {
  module: TestingModule;
  /** the global EntityManager: fork it (factories do) or use `service` */
  em: EntityManager;
  config: AppConfig;
  databaseName: string;
  /** with `http: true`: `http://127.0.0.1:<port>` (routes under /api), else '' */
  url: string;
  /** what each queue was given (BullMQ is faked; nothing runs) */
  queues: Record<QueueName, FakeQueue>;
  /**
   * A provider whose every method call runs as one request does — in its own EntityManager context
   * (the api's request-context middleware) — with the fixed clock (if set) one second on.
   */
  service<T extends object>(token: Type<T>): T;
  /** a query on the suite's database; `?` placeholders */
  sql<R = Record<string, unknown>>(query: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/**
 * One suite's app: its own database (a copy of the run's migrated template), the REAL capability modules with
 * ConfigModule, DatabaseModule.forRoot(entities) and PlatformModule, and only these faked: the queues (FakeQueue),
 * the api's Redis connection (not used by any service), the evidence folder (a temporary directory) and, when a
 * test sets it, the clock (setClock).
 */
export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const databaseName = await createDatabaseFromTemplate();
  const storageDir = await mkdtemp(join(tmpdir(), 'hutong-evidence-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(databaseName),
    REDIS_URL: 'redis://127.0.0.1:6379/0',
    STORAGE_DIR: storageDir,
    WEB_DIST: '',
    LOG_LEVEL: 'warn',
  });
  const queues = Object.fromEntries(Object.values(QUEUES).map((name) => [name, new FakeQueue(name)])) as Record<
    QueueName,
    FakeQueue
  >;
  let builder = Test.createTestingModule({
    imports: [
      ConfigModule,
      DatabaseModule.forRoot([...PLATFORM_ENTITIES, ...options.entities]),
      PlatformModule,
      ...options.imports,
    ],
    providers: options.providers ?? [],
  })
    .setLogger(new ConsoleLogger('test', { logLevels: ['error', 'warn'] }))
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(RedisClient)
    .useValue({ redis: null });
  for (const [name, queue] of Object.entries(queues))
    builder = builder.overrideProvider(getQueueToken(name)).useValue(queue);
  let module: TestingModule;
  let http: INestApplication | null = null;
  let url = '';
  try {
    module = await builder.compile();
    if (options.http) {
      // the app's init runs the modules' hooks (once: not module.init() as well)
      http = module.createNestApplication({ logger: ['error', 'warn'] });
      http.use(cookieParser());
      http.setGlobalPrefix('api');
      http.useGlobalPipes(apiValidationPipe());
      await http.listen(0, '127.0.0.1');
      url = `http://127.0.0.1:${(http.getHttpServer().address() as AddressInfo).port}`;
    } else await module.init();
  } catch (e) {
    await dropDatabase(databaseName).catch(() => undefined);
    await rm(storageDir, { recursive: true, force: true });
    throw e;
  }
  const em = module.get(EntityManager);
  return {
    module,
    em,
    config,
    databaseName,
    url,
    queues,
    service<T extends object>(token: Type<T>): T {
      const target = module.get(token);
      return new Proxy(target, {
        get(obj, prop, receiver) {
          const value = Reflect.get(obj, prop, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            tickFixedClock();
            return RequestContext.create(em, () => value.apply(obj, args));
          };
        },
      });
    },
    sql<R>(query: string, params: unknown[] = []): Promise<R[]> {
      return em.getConnection().execute<R[]>(query, params);
    },
    async close() {
      if (http) await http.close();
      else await module.close();
      await dropDatabase(databaseName);
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}
