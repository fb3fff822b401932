import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type { ConnectionStatus, KeyScope, TableDef } from '@hutong/monitoring-model';
import { newId } from '@hutong/platform-database';

/**
 * The monitoring capability's tables. The daily statistics themselves (`mon_day`, partitioned by month, and the
 * per-month pre-aggregate `mon_month`) are written and read in SQL only (monitoring.repository.ts) and left out of
 * the ORM's schema diff: see docs/monitoring.md for the layout. Organisations are referred to by id (the
 * organisations capability owns them; paths and names come from OrganisationService).
 */

/** A version of a table catalogue (上传表目录): editing one writes its next version. */
@Entity({ tableName: 'mon_catalogue' })
@Unique({ properties: ['key', 'version'] })
export class MonCatalogue {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', length: 64 })
  key!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text' })
  note: string & Opt = '';

  @Property({ type: 'json' })
  tables!: TableDef[];

  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();
}

/** Which catalogue a region requires of the institutions under it (the nearest region above decides). */
@Entity({ tableName: 'mon_requirement' })
export class MonRequirement {
  @PrimaryKey({ type: 'uuid' })
  organisationId!: string;

  @Property({ type: 'string', length: 64 })
  catalogueKey!: string;

  @Property({ type: 'uuid', nullable: true })
  setById: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  setAt: Date & Opt = new Date();
}

/** The dictionary of table codes: a code's id is its position in the daily rows' arrays and bit masks. */
@Entity({ tableName: 'mon_table_code' })
export class MonTableCode {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  @Property({ type: 'string', length: 64, unique: true })
  code!: string;
}

/** A monitored institution's compact key (the daily rows hold this integer, not the organisation's uuid). */
@Entity({ tableName: 'mon_unit' })
export class MonUnit {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'uuid', unique: true })
  organisationId!: string;
}

/** The connection status of an institution from a date: every change is a row (the history). */
@Entity({ tableName: 'mon_connection' })
@Index({ properties: ['organisationId', 'since'] })
export class MonConnection {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  organisationId!: string;

  @Property({ type: 'string', length: 16 })
  status!: ConnectionStatus;

  /** e.g. the platform it is connected to instead, or why it is not */
  @Property({ type: 'string', length: 500 })
  note: string & Opt = '';

  /** the Asia/Shanghai date it took effect */
  @Property({ type: 'string', length: 10 })
  since!: string;

  @Property({ type: 'string', length: 100 })
  recordedBy!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  recordedAt: Date & Opt = new Date();
}

/** 卫统: an institution's actual outpatient/emergency visits and discharges in a period (health statistics). */
@Entity({ tableName: 'mon_reference' })
export class MonReference {
  @PrimaryKey({ type: 'uuid' })
  organisationId!: string;

  @PrimaryKey({ type: 'string', length: 10 })
  periodFrom!: string;

  @PrimaryKey({ type: 'string', length: 10 })
  periodTo!: string;

  @Property({ type: 'bigint', nullable: true })
  visits: number | null = null;

  @Property({ type: 'bigint', nullable: true })
  discharges: number | null = null;

  @Property({ type: 'string', length: 100 })
  source: string & Opt = '卫生健康统计';

  @Property({ type: 'Date', columnType: 'timestamptz' })
  recordedAt: Date & Opt = new Date();
}

/** A machine sender's api key: only its SHA-256 is kept; the secret is shown once. */
@Entity({ tableName: 'mon_api_key' })
export class MonApiKey {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** the key's public part (`hk_<prefix>_…`), how a request finds it */
  @Property({ type: 'string', length: 16, unique: true })
  prefix!: string;

  @Property({ type: 'string', length: 64 })
  secretHash!: string;

  /** the organisation whose subtree it may report for (a regional platform's city, a hospital itself) */
  @Property({ type: 'uuid' })
  @Index()
  organisationId!: string;

  @Property({ type: 'json' })
  scopes!: KeyScope[];

  @Property({ type: 'uuid' })
  createdById!: string;

  @Property({ type: 'string', length: 100 })
  createdByName!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}

/** One batch of statistics received (api or file): what it held and what it changed. */
@Entity({ tableName: 'mon_batch' })
@Index({ properties: ['receivedAt'] })
export class MonBatch {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', length: 8 })
  source!: 'api' | 'file';

  @Property({ type: 'uuid', nullable: true })
  keyId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  importId: string | null = null;

  /** SHA-256 of the items as received */
  @Property({ type: 'string', length: 64 })
  @Index()
  digest!: string;

  @Property({ type: 'integer' })
  items!: number;

  @Property({ type: 'integer' })
  written!: number;

  @Property({ type: 'integer' })
  unchanged!: number;

  @Property({ type: 'integer' })
  stale!: number;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  receivedAt: Date & Opt = new Date();
}

/** A statistics file import, run by the worker with progress; all or nothing. */
@Entity({ tableName: 'mon_import' })
export class MonImport {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', length: 200 })
  fileName!: string;

  @Property({ type: 'string', length: 64 })
  fileSha256!: string;

  @Property({ type: 'string', length: 12 })
  status: ('queued' | 'running' | 'done' | 'failed') & Opt = 'queued';

  @Property({ type: 'integer' })
  totalItems!: number;

  @Property({ type: 'integer' })
  processedItems: number & Opt = 0;

  @Property({ type: 'integer' })
  rows!: number;

  /** the validated items (institution × day), written by the worker */
  @Property({ type: 'json', lazy: true })
  items!: unknown[];

  @Property({ type: 'integer', nullable: true })
  written: number | null = null;

  @Property({ type: 'integer', nullable: true })
  unchanged: number | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'text', collation: 'C' })
  scopePath!: string;

  @Property({ type: 'uuid' })
  createdById!: string;

  @Property({ type: 'string', length: 100 })
  createdByName!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}

/**
 * A bulletin (通报) for a scope and period: generated from the data (its rows, facts and narrative are a snapshot of
 * the metrics when it was generated), the narrative editable while a draft (its figures never), published, and
 * revised as a new version of the same series.
 */
@Entity({ tableName: 'mon_bulletin' })
@Unique({ properties: ['seriesId', 'version'] })
export class MonBulletin {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** the versions of one bulletin share it (the first version's id) */
  @Property({ type: 'uuid' })
  seriesId!: string;

  @Property({ type: 'integer' })
  version: number & Opt = 1;

  @Property({ type: 'string', length: 12 })
  status: ('draft' | 'published' | 'superseded') & Opt = 'draft';

  @Property({ type: 'uuid' })
  @Index()
  scopeId!: string;

  @Property({ type: 'text', collation: 'C' })
  scopePath!: string;

  @Property({ type: 'string', length: 200 })
  scopeName!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** 发文机关 */
  @Property({ type: 'string', length: 200 })
  issuer!: string;

  @Property({ type: 'string', length: 10 })
  periodFrom!: string;

  @Property({ type: 'string', length: 10 })
  periodTo!: string;

  @Property({ type: 'string', length: 10 })
  asOf!: string;

  @Property({ type: 'string', length: 300 })
  catalogue!: string;

  /** what the named institutions must do, and by when */
  @Property({ type: 'json', nullable: true })
  requirement: { text: string; due: string } | null = null;

  /** the attachment table (one row per institution), as generated */
  @Property({ type: 'json', lazy: true })
  rows!: unknown[];

  /** the facts counted from the rows */
  @Property({ type: 'json' })
  facts!: unknown;

  /** the narrative as generated from the facts */
  @Property({ type: 'json' })
  generated!: string[];

  /** the narrative as edited (its figures are the generated ones) */
  @Property({ type: 'json' })
  narrative!: string[];

  @Property({ type: 'uuid' })
  createdById!: string;

  @Property({ type: 'string', length: 100 })
  createdByName!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  publishedBy: string | null = null;

  /** the institutions rectification tasks were opened for (once each) */
  @Property({ type: 'json' })
  rectifiedOrgIds: string[] & Opt = [];
}

export const MONITORING_ENTITIES = [
  MonCatalogue,
  MonRequirement,
  MonTableCode,
  MonUnit,
  MonConnection,
  MonReference,
  MonApiKey,
  MonBatch,
  MonImport,
  MonBulletin,
];
