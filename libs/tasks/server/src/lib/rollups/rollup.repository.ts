import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { WAITING_STATUSES } from '@hutong/tasks-model';
import { escapeLike } from '@hutong/platform-server';

/** One counter row: an organisation's own count for a scope, metric and bucket. */
export interface RollupRow {
  organisationId: string;
  path: string;
  scope: string;
  metric: string;
  bucket: string;
  value: number;
}

/** What the tasks table counts per organisation (the applications' counts come from the assessment). */
interface TaskCountRow {
  org: string;
  metric: string;
  bucket: string;
  value: string;
}

/** Every query of the counters: the recompute from the task table, the writes, and the dashboards' reads. */
@Injectable()
export class RollupRepository {
  constructor(private readonly em: EntityManager) {}

  /** The tasks' counters of these organisations (all when null), computed from the task table. */
  async taskCounts(orgIds: string[] | null, em: EntityManager = this.em): Promise<Omit<RollupRow, 'path'>[]> {
    const where = orgIds
      ? 'where t.assignee_org_id = any(array(select jsonb_array_elements_text(?::jsonb))::uuid[])'
      : '';
    const p = orgIds ? [JSON.stringify(orgIds)] : [];
    const rows = await em.execute<TaskCountRow[]>(
      `select t.assignee_org_id as org, 'task' as metric, t.status as bucket, count(*)::text as value
         from task t ${where} group by 1, 3
       union all
       select t.assignee_org_id, 'task_waiting_due',
              to_char(t.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), count(*)::text
         from task t ${where ? `${where} and` : 'where'} t.status = any(array(select jsonb_array_elements_text(?::jsonb))) group by 1, 3
       union all
       select r.org, 'task_response', b.bucket, (case b.bucket when 'count' then r.n else r.seconds end)::text
         from (select t.assignee_org_id as org, count(*) as n,
                      sum(greatest(0, round(extract(epoch from (f.first_at - t.created_at)))))::bigint as seconds
                 from task t
                 join (select task_id, min(submitted_at) as first_at from task_response group by task_id) f
                   on f.task_id = t.id
                 ${where} group by 1) r
         cross join (values ('count'), ('seconds')) as b(bucket)`,
      [...p, ...p, JSON.stringify(WAITING_STATUSES), ...p],
    );
    return rows.map((r) => ({
      organisationId: r.org,
      scope: '-',
      metric: r.metric,
      bucket: r.bucket,
      value: Number(r.value),
    }));
  }

  /** Replaces the counters of these organisations (all when null) with `rows`, in the caller's transaction. */
  async replace(tx: EntityManager, orgIds: string[] | null, rows: RollupRow[]): Promise<void> {
    if (orgIds)
      await tx.execute(
        'delete from rollup_count where organisation_id = any(array(select jsonb_array_elements_text(?::jsonb))::uuid[])',
        [JSON.stringify(orgIds)],
      );
    else await tx.execute('delete from rollup_count');
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      await tx.execute(
        `insert into rollup_count (organisation_id, scope, metric, bucket, path, value, updated_at)
         select "organisationId", scope, metric, bucket, path, value, now()
           from jsonb_to_recordset(?::jsonb)
             as x("organisationId" uuid, scope text, metric text, bucket text, path text, value bigint)`,
        [JSON.stringify(chunk)],
      );
    }
  }

  /** Every stored counter (the periodic check compares them with a full recompute). */
  async all(em: EntityManager = this.em): Promise<RollupRow[]> {
    const rows = await em.execute<
      { organisation_id: string; path: string; scope: string; metric: string; bucket: string; value: string }[]
    >('select organisation_id, path, scope, metric, bucket, value::text as value from rollup_count');
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      path: r.path,
      scope: r.scope,
      metric: r.metric,
      bucket: r.bucket,
      value: Number(r.value),
    }));
  }

  /** Marks organisations dirty in the caller's transaction. */
  async markDirty(tx: EntityManager, orgIds: string[]): Promise<void> {
    if (!orgIds.length) return;
    await tx.execute(
      `insert into rollup_dirty (organisation_id, marked_at) select distinct o::uuid, now() from jsonb_array_elements_text(?::jsonb) as x(o)
       on conflict (organisation_id) do update set marked_at = excluded.marked_at`,
      [JSON.stringify(orgIds)],
    );
  }

  /** Takes up to `limit` dirty organisations in the caller's transaction (another flush skips them). */
  async takeDirty(tx: EntityManager, limit: number): Promise<string[]> {
    const rows = await tx.execute<{ organisation_id: string }[]>(
      `delete from rollup_dirty where organisation_id in (
         select organisation_id from rollup_dirty order by marked_at limit ? for update skip locked)
       returning organisation_id`,
      [limit],
    );
    return rows.map((r) => r.organisation_id);
  }

  async dirtyCount(): Promise<number> {
    const rows = await this.em.execute<{ n: string }[]>('select count(*)::text as n from rollup_dirty');
    return Number(rows[0]?.n ?? 0);
  }

  /** Sum per bucket of a metric over the organisations under `path` (for one scope, or all scopes when null). */
  async sumByBucket(metric: string, scope: string | null, path: string): Promise<Map<string, number>> {
    const rows = await this.em.execute<{ bucket: string; n: string }[]>(
      `select bucket, sum(value)::text as n from rollup_count
        where metric = ? and path like ? ${scope === null ? '' : 'and scope = ?'} group by bucket`,
      [metric, `${escapeLike(path)}%`, ...(scope === null ? [] : [scope])],
    );
    return new Map(rows.map((r) => [r.bucket, Number(r.n)]));
  }

  /**
   * Waiting tasks under `parentPath` broken down by the child of it each organisation lies under (the child's id),
   * e.g. per city of a province: all of them, and those due at or before `nowIso` (overdue) — one scan.
   */
  async waitingByChild(parentPath: string, nowIso: string): Promise<Map<string, { waiting: number; overdue: number }>> {
    const rows = await this.em.execute<{ child: string; waiting: string; overdue: string }[]>(
      `select split_part(substr(path, ?), '/', 1) as child, sum(value)::text as waiting,
              coalesce(sum(value) filter (where bucket <= ?), 0)::text as overdue
         from rollup_count
        where metric = 'task_waiting_due' and path like ? and path <> ?
        group by 1`,
      [parentPath.length + 1, nowIso, `${escapeLike(parentPath)}%`, parentPath],
    );
    return new Map(rows.map((r) => [r.child, { waiting: Number(r.waiting), overdue: Number(r.overdue) }]));
  }

  /** Waiting tasks under `path` whose due instant lies in [from, to), by bucket (ISO instant). */
  async waitingDueBetween(path: string, from: string, to: string): Promise<{ dueAt: string; n: number }[]> {
    const rows = await this.em.execute<{ bucket: string; n: string }[]>(
      `select bucket, sum(value)::text as n from rollup_count
        where metric = 'task_waiting_due' and path like ? and bucket >= ? and bucket < ?
        group by bucket order by bucket`,
      [`${escapeLike(path)}%`, from, to],
    );
    return rows.map((r) => ({ dueAt: r.bucket, n: Number(r.n) }));
  }

  /** Sum of the `task_waiting_due` buckets up to an instant under `path`: the overdue tasks at `nowIso`. */
  async overdue(path: string, nowIso: string): Promise<number> {
    const rows = await this.em.execute<{ n: string | null }[]>(
      `select sum(value)::text as n from rollup_count where metric = 'task_waiting_due' and path like ? and bucket <= ?`,
      [`${escapeLike(path)}%`, nowIso],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
