import { Migration } from '@mikro-orm/migrations';

export class Migration20261122032545 extends Migration {
  override name = 'Migration20261122032545';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "cycle" ("id" uuid not null, "name" varchar(100) not null, "year" int not null, "batch" int not null, "jurisdiction_id" uuid not null, "scheme_ids" jsonb not null, "eligible_kinds" jsonb not null, "windows" jsonb not null, "publicity_days" int not null default 7, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "cycle_jurisdiction_id_index" on "cycle" ("jurisdiction_id");`);

    this.addSql(
      `create table "scheme" ("id" uuid not null, "key" varchar(64) not null, "version" int not null, "kind" varchar(16) not null, "name" varchar(200) not null, "tree" jsonb not null, "level_rules" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "scheme" add constraint "scheme_key_version_unique" unique ("key", "version");`);

    this.addSql(
      `create table "application" ("id" uuid not null, "cycle_id" uuid not null, "organisation_id" uuid not null, "scheme_id" uuid not null, "target_level" varchar(4) not null, "state" varchar(24) not null default 'draft', "version" int not null default 0, "answers" jsonb not null, "return_reasons" jsonb not null, "return_deadline" varchar(10) null, "consensus_scores" jsonb not null, "achieved_level" varchar(4) null, "result_explanation" jsonb null, "publicity_ends_at" timestamptz null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "application_organisation_id_index" on "application" ("organisation_id");`);
    this.addSql(`create index "application_state_index" on "application" ("state");`);
    this.addSql(
      `alter table "application" add constraint "application_cycle_id_organisation_id_unique" unique ("cycle_id", "organisation_id");`,
    );

    this.addSql(
      `create table "stage_event" ("id" uuid not null, "application_id" uuid not null, "at" timestamptz not null, "actor" varchar(64) not null, "action" varchar(24) not null, "from_state" varchar(24) null, "to_state" varchar(24) not null, "note" text null, primary key ("id"));`,
    );
    this.addSql(`create index "stage_event_application_id_index" on "stage_event" ("application_id");`);

    this.addSql(
      `create table "objection" ("id" uuid not null, "application_id" uuid not null, "filed_by_org_id" uuid not null, "filed_by_id" uuid not null, "filed_at" timestamptz not null, "reason" text not null, "resolution" text null, "resolved_at" timestamptz null, "upheld" boolean null, primary key ("id"));`,
    );
    this.addSql(`create index "objection_application_id_index" on "objection" ("application_id");`);

    this.addSql(
      `create table "evidence" ("id" uuid not null, "application_id" uuid not null, "item_code" varchar(32) not null, "file_name" varchar(255) not null, "mime" varchar(100) not null, "size" bigint not null, "sha256" varchar(64) not null, "uploaded_by_id" uuid not null, "uploaded_at" timestamptz not null, "removed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "evidence_application_id_index" on "evidence" ("application_id");`);

    this.addSql(
      `create table "application_version" ("id" uuid not null, "application_id" uuid not null, "version" int not null, "submitted_at" timestamptz not null, "submitted_by" varchar(64) not null, "answers" jsonb not null, "evidence" jsonb not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "application_version" add constraint "application_version_application_id_version_unique" unique ("application_id", "version");`,
    );

    this.addSql(
      `alter table "cycle" add constraint "cycle_jurisdiction_id_foreign" foreign key ("jurisdiction_id") references "organisation" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "application" add constraint "application_cycle_id_foreign" foreign key ("cycle_id") references "cycle" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "application" add constraint "application_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "application" add constraint "application_scheme_id_foreign" foreign key ("scheme_id") references "scheme" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "application" add constraint "application_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "stage_event" add constraint "stage_event_application_id_foreign" foreign key ("application_id") references "application" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "objection" add constraint "objection_application_id_foreign" foreign key ("application_id") references "application" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "objection" add constraint "objection_filed_by_org_id_foreign" foreign key ("filed_by_org_id") references "organisation" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "objection" add constraint "objection_filed_by_id_foreign" foreign key ("filed_by_id") references "app_user" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "evidence" add constraint "evidence_application_id_foreign" foreign key ("application_id") references "application" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "evidence" add constraint "evidence_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "application_version" add constraint "application_version_application_id_foreign" foreign key ("application_id") references "application" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "application" drop constraint "application_cycle_id_foreign";`);
    this.addSql(`alter table "application" drop constraint "application_scheme_id_foreign";`);
    this.addSql(`alter table "stage_event" drop constraint "stage_event_application_id_foreign";`);
    this.addSql(`alter table "objection" drop constraint "objection_application_id_foreign";`);
    this.addSql(`alter table "evidence" drop constraint "evidence_application_id_foreign";`);
    this.addSql(`alter table "application_version" drop constraint "application_version_application_id_foreign";`);

    this.addSql(`drop table if exists "cycle" cascade;`);
    this.addSql(`drop table if exists "scheme" cascade;`);
    this.addSql(`drop table if exists "application" cascade;`);
    this.addSql(`drop table if exists "stage_event" cascade;`);
    this.addSql(`drop table if exists "objection" cascade;`);
    this.addSql(`drop table if exists "evidence" cascade;`);
    this.addSql(`drop table if exists "application_version" cascade;`);
  }
}
