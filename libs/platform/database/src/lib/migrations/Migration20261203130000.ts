import { Migration } from '@mikro-orm/migrations';

/** The monitoring's bulletins (通报): versions of a series, the generated table, facts and text, the edited text. */
export class Migration20261203130000 extends Migration {
  override name = 'Migration20261203130000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "mon_bulletin" ("id" uuid not null, "series_id" uuid not null, "version" int not null default 1, "status" varchar(12) not null default 'draft', "scope_id" uuid not null, "scope_path" text collate "C" not null, "scope_name" varchar(200) not null, "title" varchar(200) not null, "issuer" varchar(200) not null, "period_from" varchar(10) not null, "period_to" varchar(10) not null, "as_of" varchar(10) not null, "catalogue" varchar(300) not null, "requirement" jsonb null, "rows" jsonb not null, "facts" jsonb not null, "generated" jsonb not null, "narrative" jsonb not null, "created_by_id" uuid not null, "created_by_name" varchar(100) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "published_at" timestamptz null, "published_by" varchar(100) null, "rectified_org_ids" jsonb not null, primary key ("id"));`,
    );
    this.addSql(`create index "mon_bulletin_scope_id_index" on "mon_bulletin" ("scope_id");`);
    this.addSql(
      `alter table "mon_bulletin" add constraint "mon_bulletin_series_id_version_unique" unique ("series_id", "version");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "mon_bulletin" cascade;`);
  }
}
