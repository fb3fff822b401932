import { Migration } from '@mikro-orm/migrations';

/** One cycle per jurisdiction, year and batch; a cycle's status (open/closed/archived); a scheme's allowLowerLevel. */
export class Migration20261123010000 extends Migration {
  override name = 'Migration20261123010000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "cycle" add column "status" varchar(16) not null default 'open';`);
    this.addSql(
      `alter table "cycle" add constraint "cycle_jurisdiction_id_year_batch_unique" unique ("jurisdiction_id", "year", "batch");`,
    );
    this.addSql(`alter table "scheme" add column "allow_lower_level" boolean not null default true;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "scheme" drop column "allow_lower_level";`);
    this.addSql(`alter table "cycle" drop constraint "cycle_jurisdiction_id_year_batch_unique";`);
    this.addSql(`alter table "cycle" drop column "status";`);
  }
}
