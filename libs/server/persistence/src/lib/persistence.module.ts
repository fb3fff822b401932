import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { APP_CONFIG, type AppConfig } from '@hutong/server-config';
import { ormConfig } from './orm.config';

/** MikroORM for Nest: one EntityManager fork per request (request context middleware). */
@Global()
@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      driver: PostgreSqlDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...ormConfig(config.databaseUrl),
        registerRequestContext: true,
      }),
    }),
  ],
})
export class PersistenceModule {}
