import { Migration } from '@mikro-orm/migrations';

/**
 * The 2020 process on the application: the standard conformance test's result, the expert panels' opinions per
 * stage, when the document review was consolidated, the on-site inspection's result and the national body's
 * spot check (飞行检查). States are text: `conformance_testing` and `referred` need no schema change.
 */
export class Migration20261202170000 extends Migration {
  override name = 'Migration20261202170000';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "application" add column "conformance" jsonb null, add column "review_opinions" jsonb not null default '{}', add column "document_review_done_at" timestamptz null, add column "onsite_result" jsonb null, add column "spot_check" jsonb null;`,
    );
    // the default only fills the existing rows: the entity writes the value, as for the other jsonb columns
    this.addSql(`alter table "application" alter column "review_opinions" drop default;`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "application" drop column "conformance", drop column "review_opinions", drop column "document_review_done_at", drop column "onsite_result", drop column "spot_check";`,
    );
  }
}
