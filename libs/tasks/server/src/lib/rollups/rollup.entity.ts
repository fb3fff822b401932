import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';

/**
 * The dashboards' counters: one row per organisation × scope × metric × bucket, holding the organisation's
 * own count (not its subtree's). A region's figure is the sum over the rows whose `path` lies under it —
 * an index range over this table, never a scan of tasks or applications.
 *
 * metric `application`: scope = cycle id, bucket = state. metric `task`: scope '-', bucket = stored status.
 * metric `task_waiting_due`: waiting tasks by due instant (bucket = ISO instant), so "overdue" is read
 * at the time of reading and never goes stale. metric `task_response`: buckets `count` and `seconds`
 * (submitted responses and the seconds from issue to first submission), for the average response time.
 */
@Entity({ tableName: 'rollup_count' })
@Index({ properties: ['metric', 'path'] })
export class RollupCount {
  @PrimaryKey({ type: 'uuid' })
  organisationId!: string;

  @PrimaryKey({ type: 'string', length: 40 })
  scope!: string;

  @PrimaryKey({ type: 'string', length: 24 })
  metric!: string;

  @PrimaryKey({ type: 'string', length: 40 })
  bucket!: string;

  /** the organisation's materialised path when the counter was computed */
  @Property({ type: 'text', collation: 'C' })
  path!: string;

  @Property({ type: 'bigint' })
  value!: number;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt: Date & Opt = new Date();
}

/**
 * Organisations whose counters must be recomputed, marked in the same transaction as the change that
 * dirtied them (so no change is forgotten, whatever happens to Redis); the debounced flush job takes them.
 */
@Entity({ tableName: 'rollup_dirty' })
export class RollupDirty {
  @PrimaryKey({ type: 'uuid' })
  organisationId!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  markedAt: Date & Opt = new Date();
}
