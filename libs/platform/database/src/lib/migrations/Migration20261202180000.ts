import { Migration } from '@mikro-orm/migrations';

/**
 * The expert review (libs/review/server): the expert pool and declared conflicts, review sessions (文审会 and
 * 现场查验) with their panels, cases, assignments with score sheets (optimistically locked), questions (质询) and
 * standard-conformance reports. Applications and cycles are referred to by id (the assessment capability owns
 * them; the review reads them through ApplicationReader).
 */
export class Migration20261202180000 extends Migration {
  override name = 'Migration20261202180000';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "review_session" ("id" uuid not null, "cycle_id" uuid not null, "jurisdiction_path" text collate "C" not null, "kind" varchar(16) not null, "title" varchar(200) not null, "date" varchar(10) not null, "end_date" varchar(10) not null, "start" varchar(5) not null, "mode" varchar(8) not null, "location" varchar(300) not null default '', "slot_present" int not null default 15, "slot_questions" int not null default 10, "break_after" int null, "break_minutes" int null, "min_per_application" int not null default 3, "max_per_expert" int null, "scoring_due" varchar(10) not null, "status" varchar(12) not null default 'planning', "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "review_session_cycle_id_index" on "review_session" ("cycle_id");`);

    this.addSql(
      `create table "review_case" ("id" uuid not null, "session_id" uuid not null, "application_id" uuid not null, "organisation_id" uuid not null, "organisation_name" varchar(200) not null, "organisation_path" text collate "C" not null, "city_id" uuid null, "vendors" jsonb not null, "needed_specialties" jsonb not null, "position" int not null, "consensus" jsonb not null, "opinion" text not null default '', "passed" boolean null, "rectification" text not null default '', "consolidated_at" timestamptz null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(`create index "review_case_application_id_index" on "review_case" ("application_id");`);
    this.addSql(
      `alter table "review_case" add constraint "review_case_session_id_application_id_unique" unique ("session_id", "application_id");`,
    );

    this.addSql(
      `create table "expert" ("id" uuid not null, "user_id" uuid not null, "name" varchar(100) not null, "title" varchar(100) not null default '', "affiliation_id" uuid not null, "pools" jsonb not null, "specialties" jsonb not null, "vendor_ties" jsonb not null, "consulted_org_ids" jsonb not null, "unavailable" jsonb not null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "expert" add constraint "expert_user_id_unique" unique ("user_id");`);
    this.addSql(`create index "expert_affiliation_id_index" on "expert" ("affiliation_id");`);

    this.addSql(
      `create table "review_question" ("id" uuid not null, "review_case_id" uuid not null, "expert_id" uuid not null, "item_code" varchar(32) not null, "text" text not null, "due_date" varchar(10) not null, "task_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "review_question_review_case_id_index" on "review_question" ("review_case_id");`);

    this.addSql(
      `create table "review_assignment" ("id" uuid not null, "review_case_id" uuid not null, "expert_id" uuid not null, "source" varchar(8) not null, "entries" jsonb not null, "submitted_at" timestamptz null, "reopen_reason" varchar(500) null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "review_assignment_expert_id_index" on "review_assignment" ("expert_id");`);
    this.addSql(
      `alter table "review_assignment" add constraint "review_assignment_review_case_id_expert_id_unique" unique ("review_case_id", "expert_id");`,
    );

    this.addSql(
      `create table "review_panel_member" ("id" uuid not null, "session_id" uuid not null, "expert_id" uuid not null, "role" varchar(8) not null default 'member', "status" varchar(10) not null default 'invited', "invited_at" timestamptz not null, "responded_at" timestamptz null, "decline_reason" varchar(500) null, primary key ("id"));`,
    );
    this.addSql(`create index "review_panel_member_expert_id_index" on "review_panel_member" ("expert_id");`);
    this.addSql(
      `alter table "review_panel_member" add constraint "review_panel_member_session_id_expert_id_unique" unique ("session_id", "expert_id");`,
    );

    this.addSql(
      `create table "expert_declared_conflict" ("id" uuid not null, "expert_id" uuid not null, "application_id" uuid not null, "reason" varchar(500) not null, "declared_by_id" uuid not null, "declared_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "expert_declared_conflict_application_id_index" on "expert_declared_conflict" ("application_id");`,
    );
    this.addSql(
      `alter table "expert_declared_conflict" add constraint "expert_declared_conflict_expert_id_application_id_unique" unique ("expert_id", "application_id");`,
    );

    this.addSql(
      `create table "conformance_report" ("id" uuid not null, "application_id" uuid not null, "file_name" varchar(200) not null, "rows" jsonb not null, "summary" jsonb not null, "passed" boolean not null, "imported_by_id" uuid not null, "imported_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "conformance_report_application_id_index" on "conformance_report" ("application_id");`);

    this.addSql(
      `alter table "review_session" add constraint "review_session_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "review_case" add constraint "review_case_session_id_foreign" foreign key ("session_id") references "review_session" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "expert" add constraint "expert_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "expert" add constraint "expert_affiliation_id_foreign" foreign key ("affiliation_id") references "organisation" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "review_question" add constraint "review_question_review_case_id_foreign" foreign key ("review_case_id") references "review_case" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "review_question" add constraint "review_question_expert_id_foreign" foreign key ("expert_id") references "expert" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "review_assignment" add constraint "review_assignment_review_case_id_foreign" foreign key ("review_case_id") references "review_case" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "review_assignment" add constraint "review_assignment_expert_id_foreign" foreign key ("expert_id") references "expert" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "review_panel_member" add constraint "review_panel_member_session_id_foreign" foreign key ("session_id") references "review_session" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "review_panel_member" add constraint "review_panel_member_expert_id_foreign" foreign key ("expert_id") references "expert" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "expert_declared_conflict" add constraint "expert_declared_conflict_expert_id_foreign" foreign key ("expert_id") references "expert" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "expert_declared_conflict" add constraint "expert_declared_conflict_declared_by_id_foreign" foreign key ("declared_by_id") references "app_user" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "conformance_report" add constraint "conformance_report_imported_by_id_foreign" foreign key ("imported_by_id") references "app_user" ("id") on delete restrict;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "review_case" drop constraint "review_case_session_id_foreign";`);
    this.addSql(`alter table "review_panel_member" drop constraint "review_panel_member_session_id_foreign";`);
    this.addSql(`alter table "review_question" drop constraint "review_question_review_case_id_foreign";`);
    this.addSql(`alter table "review_assignment" drop constraint "review_assignment_review_case_id_foreign";`);
    this.addSql(`alter table "review_question" drop constraint "review_question_expert_id_foreign";`);
    this.addSql(`alter table "review_assignment" drop constraint "review_assignment_expert_id_foreign";`);
    this.addSql(`alter table "review_panel_member" drop constraint "review_panel_member_expert_id_foreign";`);
    this.addSql(`alter table "expert_declared_conflict" drop constraint "expert_declared_conflict_expert_id_foreign";`);

    this.addSql(`drop table if exists "review_session" cascade;`);
    this.addSql(`drop table if exists "review_case" cascade;`);
    this.addSql(`drop table if exists "expert" cascade;`);
    this.addSql(`drop table if exists "review_question" cascade;`);
    this.addSql(`drop table if exists "review_assignment" cascade;`);
    this.addSql(`drop table if exists "review_panel_member" cascade;`);
    this.addSql(`drop table if exists "expert_declared_conflict" cascade;`);
    this.addSql(`drop table if exists "conformance_report" cascade;`);
  }
}
