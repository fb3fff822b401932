import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type { ImportStatus } from '@hutong/organisations-model';
import type { OrgImportRow } from '@hutong/organisations-model';
import { newId } from '@hutong/platform-database';

/** One organisation import: the validated rows wait here for the worker, which writes them. */
@Entity({ tableName: 'org_import' })
export class OrgImport {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', length: 200 })
  fileName!: string;

  @Property({ type: 'string', length: 64 })
  fileSha256!: string;

  @Property({ type: 'string', length: 16 })
  status: ImportStatus & Opt = 'queued';

  @Property({ type: 'integer' })
  totalRows!: number;

  @Property({ type: 'integer' })
  processedRows: number & Opt = 0;

  @Property({ type: 'integer' })
  created: number & Opt = 0;

  @Property({ type: 'integer' })
  updated: number & Opt = 0;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  /** Validated rows, parents first. */
  @Property({ type: 'json', lazy: true })
  rows!: OrgImportRow[];

  /**
   * Who asked for the import, as they were at upload time (identity is another capability: the
   * import keeps its own snapshot instead of a foreign key into the users table).
   */
  @Property({ type: 'uuid' })
  createdById!: string;

  @Property({ type: 'string', length: 64 })
  createdByName!: string;

  /** The uploader was an admin (may add provinces), decided when the upload was accepted. */
  @Property({ type: 'boolean' })
  createdByAdmin!: boolean;

  /** Path of the importing user's jurisdiction at upload time ('/' for admins). */
  @Property({ type: 'text' })
  scopePath!: string;

  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}
