import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { ormConfig } from './orm.config';

/** MikroORM for Nest: one EntityManager fork per request (request context middleware). */
@Global()
@Module({})
export class DatabaseModule {
  /** `entities`: every capability's entity list, composed by the app. */
  static forRoot(entities: EntityClass<unknown>[]): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRootAsync({
          driver: PostgreSqlDriver,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...ormConfig(config.databaseUrl, entities),
            registerRequestContext: true,
          }),
        }),
      ],
    };
  }
}
