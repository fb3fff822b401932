/**
 * Database tooling, bundled with the api so that production images carry it:
 *   node dist/apps/api/cli.js migrate            apply pending migrations
 *   node dist/apps/api/cli.js migration:check    exit 1 when entities and migrations disagree
 *   node dist/apps/api/cli.js migration:create   write a migration for the current difference (dev)
 *   node dist/apps/api/cli.js seed               idempotent demo province and one user per role
 *   node dist/apps/api/cli.js schemes:official   the official 2020 schemes as the next versions where missing
 * Migrations run here, before the apps start — never on app boot.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, loadDatabaseUrl } from '@hutong/platform-config';
import { seedDefaultCatalogues } from '@hutong/monitoring-server';
import { MIGRATIONS_SOURCE_PATH, ormConfig } from '@hutong/platform-database';
import { ENTITIES } from './entities';
import { seedDemo } from './seed/seed';
import { seedDefaultSchemes } from '@hutong/assessment-server';
import { AuditLabels, AuditService } from '@hutong/platform-server';

async function main(command: string | undefined): Promise<number> {
  const orm = await MikroORM.init(ormConfig(loadDatabaseUrl(), ENTITIES, { poolMax: 4 }));
  try {
    switch (command) {
      case 'migrate': {
        const done = await orm.migrator.up();
        console.log(done.length ? `applied ${done.map((m) => m.name).join(', ')}` : 'database is up to date');
        return 0;
      }
      case 'migration:check': {
        await orm.migrator.up();
        const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false });
        if (sql.trim()) {
          console.error(
            'Entities and migrations disagree. Run `node dist/apps/api/cli.js migration:create` and commit the result.\n' +
              sql,
          );
          return 1;
        }
        console.log('entities and migrations agree');
        return 0;
      }
      case 'migration:create': {
        await orm.migrator.up();
        const result = await orm.migrator.create(MIGRATIONS_SOURCE_PATH);
        if (!result.fileName) {
          console.log('no changes: nothing to create');
          return 0;
        }
        console.log(
          `created ${MIGRATIONS_SOURCE_PATH}/${result.fileName}: add it to the MIGRATIONS list in migrations/index.ts`,
        );
        return 0;
      }
      case 'seed': {
        const summary = await seedDemo(orm.em.fork());
        console.log(summary);
        return 0;
      }
      case 'schemes:official': {
        const em = orm.em.fork();
        const audit = new AuditService(em, new AuditLabels());
        const actor = { id: null, name: 'system:cli', ip: null, userAgent: null };
        const n = await em.transactional((tx) => seedDefaultSchemes(tx, audit, actor));
        console.log(n ? `${n} official scheme versions written` : 'the official 2020 schemes are in place');
        const c = await em.transactional((tx) => seedDefaultCatalogues(tx, audit, actor));
        console.log(c ? `${c} table catalogues written` : 'the table catalogues are in place');
        return 0;
      }
      default:
        console.error('usage: cli.js migrate | migration:check | migration:create | seed | schemes:official');
        return 2;
    }
  } finally {
    await orm.close(true);
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
