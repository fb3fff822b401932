import { Entity, Index, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';

/**
 * Append-only audit log: who did what to which entity, before/after, when, from where.
 * A trigger refuses UPDATE and DELETE, so not even the application can rewrite history.
 */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['entityType', 'entityId'] })
@Trigger({
  name: 'audit_entry_append_only',
  timing: 'before',
  events: ['update', 'delete'],
  forEach: 'row',
  body: "raise exception 'audit_entry is append-only';",
})
export class AuditEntry {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string & Opt;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  @Index()
  at: Date & Opt = new Date();

  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  actorName: string | null = null;

  @Property({ type: 'string', length: 64 })
  action!: string;

  @Property({ type: 'string', length: 64 })
  entityType!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  entityId: string | null = null;

  @Property({ type: 'json', nullable: true })
  before: unknown = null;

  @Property({ type: 'json', nullable: true })
  after: unknown = null;

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  userAgent: string | null = null;
}
