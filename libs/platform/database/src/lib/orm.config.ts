import { defineConfig, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { EntityClass } from '@mikro-orm/core';
import { MIGRATIONS } from './migrations';

export const MIGRATIONS_SOURCE_PATH = 'libs/platform/database/src/lib/migrations';

/**
 * The one MikroORM configuration, used by the api, the worker and the CLI. Entities live with their
 * capability (each server lib exports its list); the app that composes the capabilities passes them.
 */
export function ormConfig(
  databaseUrl: string,
  entities: EntityClass<unknown>[],
  options: { debug?: boolean; poolMax?: number } = {},
) {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    debug: options.debug ?? false,
    pool: { min: 0, max: options.poolMax ?? 10 },
    forceUtcTimezone: true,
    // the monitoring's daily statistics (partitioned by month) and their month pre-aggregate are SQL-only tables,
    // made by the migrations and left out of the entity diff (libs/monitoring/server/src/lib/statistics.repository.ts)
    schemaGenerator: { skipTables: [/^mon_day(_\d{4}_\d{2})?$/, 'mon_month'] },
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: MIGRATIONS,
      path: MIGRATIONS_SOURCE_PATH,
      pathTs: MIGRATIONS_SOURCE_PATH,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
    },
  });
}
