// The in-process tier's globalSetup: this run's template database, migrated once (the one migration history);
// each suite copies it (startTestApp). Jest loads this file outside its module map, so no @hutong/* aliases:
// relative imports of files whose own imports are packages only.
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../../libs/platform/database/src/lib/orm.config';
import {
  TEMPLATE_ENV,
  createDatabase,
  databaseUrl,
  dropDatabase,
} from '../../libs/platform/server/src/testing/test-database';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const name = `hutong_tpl_${process.pid}_${Date.now().toString(36)}`;
  await createDatabase(name);
  try {
    const orm = await MikroORM.init({
      ...ormConfig(databaseUrl(name), [], { poolMax: 2 }),
      discovery: { warnWhenNoEntities: false },
      logger: () => undefined,
    });
    try {
      await orm.migrator.up();
    } finally {
      await orm.close(true);
    }
  } catch (e) {
    await dropDatabase(name);
    throw e;
  }
  // the test workers start after this and inherit the environment
  process.env[TEMPLATE_ENV] = name;
  process.stdout.write(`\n[in-process] template ${name} migrated in ${Date.now() - started} ms\n`);
}
