import { Migration } from '@mikro-orm/migrations';

export class Migration20261122024926 extends Migration {
  override name = 'Migration20261122024926';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_entry" ("id" bigserial primary key, "at" timestamptz not null, "actor_id" uuid null, "actor_name" varchar(100) null, "action" varchar(64) not null, "entity_type" varchar(64) not null, "entity_id" varchar(64) null, "before" jsonb null, "after" jsonb null, "ip" varchar(64) null, "user_agent" varchar(300) null);`,
    );
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at");`);
    this.addSql(
      `create index "audit_entry_entity_type_entity_id_index" on "audit_entry" ("entity_type", "entity_id");`,
    );

    this.addSql(
      `create table "organisation" ("id" uuid not null, "code" varchar(32) not null, "name" varchar(200) not null, "level" varchar(16) not null, "kind" varchar(24) not null, "grade" varchar(8) null, "region_code" varchar(6) not null, "parent_id" uuid null, "path" text collate "C" not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "organisation" add constraint "organisation_code_unique" unique ("code");`);
    this.addSql(`create index "organisation_parent_id_index" on "organisation" ("parent_id");`);
    this.addSql(`create index "organisation_path_index" on "organisation" ("path");`);

    this.addSql(
      `create table "app_user" ("id" uuid not null, "username" varchar(64) not null, "display_name" varchar(100) not null, "email" varchar(200) null, "role" varchar(16) not null, "password_hash" text not null, "active" boolean not null default true, "organisation_id" uuid null, "jurisdiction_id" uuid null, "created_at" timestamptz not null, "last_login_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);

    this.addSql(
      `create table "session" ("token_hash" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "ip" varchar(64) null, "user_agent" varchar(300) null, primary key ("token_hash"));`,
    );
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);
    this.addSql(`create index "session_expires_at_index" on "session" ("expires_at");`);

    this.addSql(
      `create table "org_import" ("id" uuid not null, "file_name" varchar(200) not null, "file_sha256" varchar(64) not null, "status" varchar(16) not null default 'queued', "total_rows" int not null, "processed_rows" int not null default 0, "created" int not null default 0, "updated" int not null default 0, "error" text null, "rows" jsonb not null, "created_by_id" uuid not null, "scope_path" text not null, "attempts" int not null default 0, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, primary key ("id"));`,
    );

    this.addSql(
      `create or replace function "audit_entry_audit_entry_append_only_fn"() returns trigger as $$ begin raise exception 'audit_entry is append-only'; end; $$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "audit_entry_append_only" BEFORE UPDATE OR DELETE on "audit_entry" for each ROW execute function "audit_entry_audit_entry_append_only_fn"();`,
    );

    this.addSql(
      `alter table "organisation" add constraint "organisation_parent_id_foreign" foreign key ("parent_id") references "organisation" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "app_user" add constraint "app_user_jurisdiction_id_foreign" foreign key ("jurisdiction_id") references "organisation" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "org_import" add constraint "org_import_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete restrict;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "organisation" drop constraint "organisation_parent_id_foreign";`);
    this.addSql(`alter table "app_user" drop constraint "app_user_organisation_id_foreign";`);
    this.addSql(`alter table "app_user" drop constraint "app_user_jurisdiction_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);
    this.addSql(`alter table "org_import" drop constraint "org_import_created_by_id_foreign";`);

    this.addSql(`drop trigger if exists "audit_entry_append_only" on "audit_entry";`);
    this.addSql(`drop function if exists "audit_entry_audit_entry_append_only_fn"();`);
    this.addSql(`drop table if exists "audit_entry" cascade;`);
    this.addSql(`drop table if exists "organisation" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
    this.addSql(`drop table if exists "org_import" cascade;`);
  }
}
