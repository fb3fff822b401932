import { Migration } from '@mikro-orm/migrations';

/**
 * The connectivity monitoring (libs/monitoring/server): table catalogues (versioned) and requirements, the table-code
 * dictionary, monitored units, connection status history, 卫统 reference volumes, api keys, batches and imports — and
 * the SQL-only statistics: `mon_day`, one compact row per institution × business day, partitioned by month (the
 * partitions are made by the ingestion as months arrive), and `mon_month`, its per-month pre-aggregate. See
 * docs/monitoring.md.
 */
export class Migration20261203120000 extends Migration {
  override name = 'Migration20261203120000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "mon_api_key" ("id" uuid not null, "name" varchar(100) not null, "prefix" varchar(16) not null, "secret_hash" varchar(64) not null, "organisation_id" uuid not null, "scopes" jsonb not null, "created_by_id" uuid not null, "created_by_name" varchar(100) not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "mon_api_key" add constraint "mon_api_key_prefix_unique" unique ("prefix");`);
    this.addSql(`create index "mon_api_key_organisation_id_index" on "mon_api_key" ("organisation_id");`);

    this.addSql(
      `create table "mon_batch" ("id" uuid not null, "source" varchar(8) not null, "key_id" uuid null, "import_id" uuid null, "digest" varchar(64) not null, "items" int not null, "written" int not null, "unchanged" int not null, "stale" int not null, "received_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "mon_batch_digest_index" on "mon_batch" ("digest");`);
    this.addSql(`create index "mon_batch_received_at_index" on "mon_batch" ("received_at");`);

    this.addSql(
      `create table "mon_catalogue" ("id" uuid not null, "key" varchar(64) not null, "version" int not null, "name" varchar(200) not null, "note" text not null default '', "tables" jsonb not null, "created_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "mon_catalogue" add constraint "mon_catalogue_key_version_unique" unique ("key", "version");`,
    );

    this.addSql(
      `create table "mon_connection" ("id" uuid not null, "organisation_id" uuid not null, "status" varchar(16) not null, "note" varchar(500) not null default '', "since" varchar(10) not null, "recorded_by" varchar(100) not null, "recorded_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "mon_connection_organisation_id_since_index" on "mon_connection" ("organisation_id", "since");`,
    );

    this.addSql(
      `create table "mon_import" ("id" uuid not null, "file_name" varchar(200) not null, "file_sha256" varchar(64) not null, "status" varchar(12) not null default 'queued', "total_items" int not null, "processed_items" int not null default 0, "rows" int not null, "items" jsonb not null, "written" int null, "unchanged" int null, "error" text null, "scope_path" text collate "C" not null, "created_by_id" uuid not null, "created_by_name" varchar(100) not null, "created_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));`,
    );

    this.addSql(
      `create table "mon_reference" ("organisation_id" uuid not null, "period_from" varchar(10) not null, "period_to" varchar(10) not null, "visits" bigint null, "discharges" bigint null, "source" varchar(100) not null default '卫生健康统计', "recorded_at" timestamptz not null, primary key ("organisation_id", "period_from", "period_to"));`,
    );

    this.addSql(
      `create table "mon_requirement" ("organisation_id" uuid not null, "catalogue_key" varchar(64) not null, "set_by_id" uuid null, "set_at" timestamptz not null, primary key ("organisation_id"));`,
    );

    this.addSql(
      `create table "mon_table_code" ("id" smallint not null, "code" varchar(64) not null, primary key ("id"));`,
    );
    this.addSql(`alter table "mon_table_code" add constraint "mon_table_code_code_unique" unique ("code");`);

    this.addSql(`create table "mon_unit" ("id" serial primary key, "organisation_id" uuid not null);`);
    this.addSql(`alter table "mon_unit" add constraint "mon_unit_organisation_id_unique" unique ("organisation_id");`);

    this.addSql(
      `create table "mon_day" ("unit_id" int not null, "day" date not null, "mask" bit(256) not null, "total" bigint not null, "counts" int[] not null, "lag0" bigint not null, "lag1" bigint not null, "lag2" bigint not null, "lag3" bigint not null, "as_of" timestamptz not null, "batch_id" uuid null, primary key ("unit_id", "day")) partition by range ("day");`,
    );
    this.addSql(
      `create table "mon_month" ("unit_id" int not null, "month" date not null, "mask" bit(256) not null, "counts" bigint[] not null, "table_days" int[] not null, "total" bigint not null, "upload_days" int not null, "last_day" date null, "lag0" bigint not null, "lag1" bigint not null, "lag2" bigint not null, "lag3" bigint not null, primary key ("month", "unit_id"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "mon_day" cascade;`);
    this.addSql(`drop table if exists "mon_month" cascade;`);
    this.addSql(`drop table if exists "mon_api_key" cascade;`);
    this.addSql(`drop table if exists "mon_batch" cascade;`);
    this.addSql(`drop table if exists "mon_catalogue" cascade;`);
    this.addSql(`drop table if exists "mon_connection" cascade;`);
    this.addSql(`drop table if exists "mon_import" cascade;`);
    this.addSql(`drop table if exists "mon_reference" cascade;`);
    this.addSql(`drop table if exists "mon_requirement" cascade;`);
    this.addSql(`drop table if exists "mon_table_code" cascade;`);
    this.addSql(`drop table if exists "mon_unit" cascade;`);
  }
}
