import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications: the inbox (`notification`, one row per user and dedupe key), the mail outbox the worker sends
 * from (`mail_outbox`, retried with back-off, a digest once per user and day by its dedupe key) and each user's
 * choice of e-mail (`notification_preference`).
 */
export class Migration20261202090000 extends Migration {
  override name = 'Migration20261202090000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "notification" ("id" uuid not null, "user_id" uuid not null, "title_code" varchar(100) not null, "body_code" varchar(100) null, "params" jsonb not null, "link" text null, "subject_type" varchar(40) null, "subject_id" varchar(64) null, "dedupe_key" text not null, "created_at" timestamptz not null, "read_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_user_dedupe_unique" unique ("user_id", "dedupe_key");`,
    );
    this.addSql(`create index "notification_user_created_index" on "notification" ("user_id", "created_at" desc);`);
    this.addSql(
      `create index "notification_unread_index" on "notification" ("user_id", "created_at" desc) where "read_at" is null;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );

    this.addSql(
      `create table "mail_outbox" ("id" uuid not null, "notification_id" uuid null, "user_id" uuid not null, "to_address" varchar(200) not null, "subject" text not null, "text" text not null, "html" text null, "dedupe_key" text null, "status" varchar(24) not null default 'pending', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_error" text null, "created_at" timestamptz not null, "sent_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "mail_outbox_user_id_index" on "mail_outbox" ("user_id");`);
    this.addSql(`alter table "mail_outbox" add constraint "mail_outbox_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(
      `create index "mail_outbox_due_index" on "mail_outbox" ("next_attempt_at") where "status" = 'pending';`,
    );
    this.addSql(
      `alter table "mail_outbox" add constraint "mail_outbox_notification_id_foreign" foreign key ("notification_id") references "notification" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "mail_outbox" add constraint "mail_outbox_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );

    this.addSql(
      `create table "notification_preference" ("user_id" uuid not null, "email_mode" varchar(16) not null default 'off', "lang" varchar(8) not null default 'zh-CN', "digest_hour" smallint not null default 8, "last_digest_at" timestamptz null, primary key ("user_id"));`,
    );
    this.addSql(
      `alter table "notification_preference" add constraint "notification_preference_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification_preference" cascade;`);
    this.addSql(`drop table if exists "mail_outbox" cascade;`);
    this.addSql(`drop table if exists "notification" cascade;`);
  }
}
