import { Migration } from '@mikro-orm/migrations';

/**
 * The stage events become a transactional outbox: each row carries what the transition recorded
 * and when the worker's relay published it. Events written before the outbox existed are history,
 * not news: they are marked published so that no subscriber acts on them again.
 */
export class Migration20261202010000 extends Migration {
  override name = 'Migration20261202010000';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "stage_event" add column "details" jsonb null, add column "published_at" timestamptz null;`,
    );
    this.addSql(`update "stage_event" set "published_at" = "at";`);
    this.addSql(`create index "stage_event_unpublished_index" on "stage_event" ("published_at", "at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "stage_event_unpublished_index";`);
    this.addSql(`alter table "stage_event" drop column "details", drop column "published_at";`);
  }
}
