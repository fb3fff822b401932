import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type { ImportStatus } from '@hutong/shared-contracts';
import type { OrgImportRow } from '@hutong/shared-domain';
import { newId } from './base';
import { User } from './user.entity';

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

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  createdBy!: User;

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
