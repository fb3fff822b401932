import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type { HospitalGrade, OrgKind, OrgLevel } from '@hutong/platform-model';
import { newId } from '@hutong/platform-database';

@Entity({ tableName: 'organisation' })
export class Organisation {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 16 })
  level!: OrgLevel;

  @Property({ type: 'string', length: 24 })
  kind!: OrgKind;

  @Property({ type: 'string', length: 8, nullable: true })
  grade: HospitalGrade | null = null;

  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @ManyToOne(() => Organisation, { nullable: true, deleteRule: 'restrict' })
  @Index()
  parent: Organisation | null = null;

  /** Materialised path `/rootId/…/ownId/`; "C" collation so that prefix LIKE uses the index. */
  @Property({ type: 'text', collation: 'C' })
  @Index()
  path!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
