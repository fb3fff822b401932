import { Migration } from '@mikro-orm/migrations';

/**
 * Organisations and identity become separate capabilities: an organisation import keeps a snapshot
 * of its uploader (name, admin or not) instead of a foreign key into the users table.
 */
export class Migration20261201230000 extends Migration {
  override name = 'Migration20261201230000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "org_import" drop constraint "org_import_created_by_id_foreign";`);
    this.addSql(
      `alter table "org_import" add column "created_by_name" varchar(64) null, add column "created_by_admin" boolean null;`,
    );
    this.addSql(
      `update "org_import" i set "created_by_name" = u."username", "created_by_admin" = (u."role" = 'admin') from "app_user" u where u."id" = i."created_by_id";`,
    );
    this.addSql(
      `update "org_import" set "created_by_name" = '?', "created_by_admin" = false where "created_by_name" is null;`,
    );
    this.addSql(
      `alter table "org_import" alter column "created_by_name" set not null, alter column "created_by_admin" set not null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "org_import" drop column "created_by_name", drop column "created_by_admin";`);
    this.addSql(
      `alter table "org_import" add constraint "org_import_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete restrict;`,
    );
  }
}
