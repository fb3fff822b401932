import { Migration } from '@mikro-orm/migrations';

/**
 * The tasks capability: bulk-issue batches, tasks (with the due-scan's next_reminder_at), responses,
 * attachments, the task history, the reminder steps sent (unique per task and step) and saved recipient lists.
 */
export class Migration20261202100000 extends Migration {
  override name = 'Migration20261202100000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "task_batch" ("id" uuid not null, "title" varchar(200) not null, "instructions" text not null, "form" jsonb not null, "due_at" timestamptz not null, "policy" jsonb not null, "filter" jsonb not null, "issuer_id" uuid not null, "issuer_org_id" uuid null, "status" varchar(12) not null default 'queued', "total" int not null default 0, "created" int not null default 0, "error" text null, "created_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));`,
    );

    this.addSql(
      `create table "task" ("id" uuid not null, "batch_id" uuid null, "kind" varchar(32) not null, "title" varchar(200) not null, "instructions" text not null, "form" jsonb not null, "assignee_org_id" uuid not null, "assignee_path" text collate "C" not null, "assignee_user_id" uuid null, "issuer_id" uuid null, "issuer_org_id" uuid null, "status" varchar(16) not null default 'open', "due_at" timestamptz not null, "policy" jsonb not null, "about_type" varchar(16) null, "about_id" uuid null, "source_key" varchar(160) null, "next_reminder_at" timestamptz null, "next_reminder_key" varchar(24) null, "acknowledged_at" timestamptz null, "submitted_at" timestamptz null, "closed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "task_batch_id_index" on "task" ("batch_id");`);
    this.addSql(`create index "task_assignee_org_id_index" on "task" ("assignee_org_id");`);
    this.addSql(`create index "task_issuer_id_index" on "task" ("issuer_id");`);
    this.addSql(`create index "task_due_at_index" on "task" ("due_at");`);
    this.addSql(`alter table "task" add constraint "task_source_key_unique" unique ("source_key");`);
    this.addSql(`create index "task_next_reminder_at_index" on "task" ("next_reminder_at");`);
    this.addSql(`create index "task_assignee_path_status_index" on "task" ("assignee_path", "status");`);

    this.addSql(
      `create table "task_response" ("id" uuid not null, "task_id" uuid not null, "answers" jsonb not null, "submitted_by_id" uuid null, "submitted_at" timestamptz not null, "decision" varchar(12) null, "decision_reason" text null, "decided_by_id" uuid null, "decided_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "task_response_task_id_index" on "task_response" ("task_id");`);

    this.addSql(
      `create table "task_reminder" ("id" uuid not null, "task_id" uuid not null, "step_key" varchar(32) not null, "audience" varchar(16) not null, "recipients" int not null default 0, "sent_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "task_reminder" add constraint "task_reminder_task_id_step_key_unique" unique ("task_id", "step_key");`,
    );

    this.addSql(
      `create table "task_event" ("id" uuid not null, "task_id" uuid not null, "at" timestamptz not null, "actor" varchar(64) not null, "action" varchar(24) not null, "from_status" varchar(16) null, "to_status" varchar(16) not null, "note" text null, "details" jsonb null, primary key ("id"));`,
    );
    this.addSql(`create index "task_event_task_id_index" on "task_event" ("task_id");`);

    this.addSql(
      `create table "task_attachment" ("id" uuid not null, "task_id" uuid not null, "response_id" uuid null, "sha256" varchar(64) not null, "name" varchar(255) not null, "mime" varchar(128) not null, "size" bigint not null, "uploaded_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "task_attachment_task_id_index" on "task_attachment" ("task_id");`);

    this.addSql(
      `create table "recipient_list" ("id" uuid not null, "name" varchar(100) not null, "owner_id" uuid not null, "organisation_ids" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`,
    );

    this.addSql(
      `alter table "task_batch" add constraint "task_batch_issuer_id_foreign" foreign key ("issuer_id") references "app_user" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "task_batch" add constraint "task_batch_issuer_org_id_foreign" foreign key ("issuer_org_id") references "organisation" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "task" add constraint "task_batch_id_foreign" foreign key ("batch_id") references "task_batch" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "task" add constraint "task_assignee_org_id_foreign" foreign key ("assignee_org_id") references "organisation" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "task" add constraint "task_assignee_user_id_foreign" foreign key ("assignee_user_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "task" add constraint "task_issuer_id_foreign" foreign key ("issuer_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "task" add constraint "task_issuer_org_id_foreign" foreign key ("issuer_org_id") references "organisation" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "task_response" add constraint "task_response_task_id_foreign" foreign key ("task_id") references "task" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "task_response" add constraint "task_response_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "task_response" add constraint "task_response_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "task_reminder" add constraint "task_reminder_task_id_foreign" foreign key ("task_id") references "task" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "task_event" add constraint "task_event_task_id_foreign" foreign key ("task_id") references "task" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "task_attachment" add constraint "task_attachment_task_id_foreign" foreign key ("task_id") references "task" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "task_attachment" add constraint "task_attachment_response_id_foreign" foreign key ("response_id") references "task_response" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "task_attachment" add constraint "task_attachment_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "recipient_list" add constraint "recipient_list_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "task" drop constraint "task_batch_id_foreign";`);
    this.addSql(`alter table "task_response" drop constraint "task_response_task_id_foreign";`);
    this.addSql(`alter table "task_reminder" drop constraint "task_reminder_task_id_foreign";`);
    this.addSql(`alter table "task_event" drop constraint "task_event_task_id_foreign";`);
    this.addSql(`alter table "task_attachment" drop constraint "task_attachment_task_id_foreign";`);
    this.addSql(`alter table "task_attachment" drop constraint "task_attachment_response_id_foreign";`);

    this.addSql(`drop table if exists "task_batch" cascade;`);
    this.addSql(`drop table if exists "task" cascade;`);
    this.addSql(`drop table if exists "task_response" cascade;`);
    this.addSql(`drop table if exists "task_reminder" cascade;`);
    this.addSql(`drop table if exists "task_event" cascade;`);
    this.addSql(`drop table if exists "task_attachment" cascade;`);
    this.addSql(`drop table if exists "recipient_list" cascade;`);
  }
}
