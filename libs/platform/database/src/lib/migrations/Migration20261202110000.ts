import { Migration } from '@mikro-orm/migrations';

/** The dashboards’ counters (rollup_count: an organisation’s own counts; rollup_dirty: organisations to recompute). */
export class Migration20261202110000 extends Migration {
  override name = 'Migration20261202110000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "rollup_count" ("organisation_id" uuid not null, "scope" varchar(40) not null, "metric" varchar(24) not null, "bucket" varchar(40) not null, "path" text collate "C" not null, "value" bigint not null, "updated_at" timestamptz not null, primary key ("organisation_id", "scope", "metric", "bucket"));`,
    );
    this.addSql(`create index "rollup_count_metric_path_index" on "rollup_count" ("metric", "path");`);

    this.addSql(
      `create table "rollup_dirty" ("organisation_id" uuid not null, "marked_at" timestamptz not null, primary key ("organisation_id"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rollup_count" cascade;`);
    this.addSql(`drop table if exists "rollup_dirty" cascade;`);
  }
}
