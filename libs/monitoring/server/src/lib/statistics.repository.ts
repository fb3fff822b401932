import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/**
 * The daily statistics in SQL (the only place that touches `mon_day` and `mon_month`; see docs/monitoring.md):
 *
 * - `mon_day` — one compact row per institution (its `mon_unit` integer) and business day, partitioned by month:
 *   `counts int[]` holds the records per table at the table code's dictionary id, `mask bit(256)` the tables with
 *   records, `total` their sum, `lag0…lag3` the records by upload lag (T, T+1, T+2, later), `as_of` when the sender
 *   computed them. A day is replaced whole.
 * - `mon_month` — the pre-aggregate per institution and month, kept by the ingestion in the same transaction:
 *   table sums and days-with-records per table, the mask, total, upload days, last upload day and lags.
 *
 * A period's metrics read its whole months from `mon_month` and its edge days from `mon_day`.
 */
export const MASK_BITS = 256;

export interface DayRow {
  unitId: number;
  day: string;
  counts: number[];
  total: number;
  lags: [number, number, number, number];
  asOf: Date;
}

export interface MonthRow {
  unitId: number;
  month: string;
  counts: number[];
  tableDays: number[];
  total: number;
  uploadDays: number;
  lastDay: string | null;
  lags: [number, number, number, number];
}

export interface PeriodAggregate {
  unitId: number;
  tables: number;
  total: number;
  uploadDays: number;
  lastDay: string | null;
  visits: number;
  discharges: number;
  lags: [number, number, number, number];
}

/** A bit(256) literal with the bits of these dictionary ids (1-based) set. */
export function maskOf(ids: Iterable<number>): string {
  const bits = new Array<string>(MASK_BITS).fill('0');
  for (const id of ids) if (id >= 1 && id <= MASK_BITS) bits[id - 1] = '1';
  return bits.join('');
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const lagsOf = (r: Record<string, unknown>): [number, number, number, number] => [
  num(r['lag0']),
  num(r['lag1']),
  num(r['lag2']),
  num(r['lag3']),
];
const dayRowOf = (r: Record<string, unknown>): DayRow => ({
  unitId: Number(r['unit_id']),
  day: String(r['day']),
  counts: ((r['counts'] as (number | null)[]) ?? []).map(num),
  total: num(r['total']),
  lags: lagsOf(r),
  asOf: new Date(r['as_of'] as string | Date),
});
const dateText = (v: unknown): string | null =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

@Injectable()
export class StatisticsRepository {
  private readonly partitions = new Set<string>();

  constructor(private readonly em: EntityManager) {}

  /** The integer keys of these organisations, made for those that have none yet. */
  async unitsOf(tx: EntityManager, orgIds: string[]): Promise<Map<string, number>> {
    if (!orgIds.length) return new Map();
    const json = JSON.stringify(orgIds);
    await tx.execute(
      `insert into mon_unit (organisation_id) select x::uuid from jsonb_array_elements_text(?::jsonb) x
       on conflict (organisation_id) do nothing`,
      [json],
    );
    // locked in id order: two batches for the same institutions wait for each other instead of mixing their months
    const rows = await tx.execute<{ id: number; organisation_id: string }[]>(
      `select id, organisation_id from mon_unit
        where organisation_id in (select x::uuid from jsonb_array_elements_text(?::jsonb) x) order by id for update`,
      [json],
    );
    return new Map(rows.map((r) => [r.organisation_id, Number(r.id)]));
  }

  /** Integer keys of organisations that have statistics (others have none). */
  async existingUnits(orgIds: string[], em: EntityManager = this.em): Promise<Map<string, number>> {
    if (!orgIds.length) return new Map();
    const rows = await em.execute<{ id: number; organisation_id: string }[]>(
      `select id, organisation_id from mon_unit where organisation_id in (select x::uuid from jsonb_array_elements_text(?::jsonb) x)`,
      [JSON.stringify(orgIds)],
    );
    return new Map(rows.map((r) => [r.organisation_id, Number(r.id)]));
  }

  /** The month partitions of `mon_day` these days fall in, created when missing. */
  async ensurePartitions(tx: EntityManager, days: Iterable<string>): Promise<void> {
    const months = new Set<string>();
    for (const d of days) months.add(d.slice(0, 7));
    for (const m of [...months].sort()) {
      if (this.partitions.has(m)) continue;
      const name = `mon_day_${m.replace('-', '_')}`;
      const [y, mo] = m.split('-').map(Number) as [number, number];
      const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
      const exists = await tx.execute<{ n: number }[]>(`select count(*)::int as n from pg_class where relname = ?`, [
        name,
      ]);
      if (!exists[0]?.n)
        await tx.execute(
          `create table if not exists "${name}" partition of mon_day for values from ('${m}-01') to ('${next}')`,
        );
      this.partitions.add(m);
    }
  }

  /** The stored rows of these institution-days. */
  async days(tx: EntityManager, keys: { u: number; d: string }[], lock = false): Promise<DayRow[]> {
    if (!keys.length) return [];
    const rows = await tx.execute<Record<string, unknown>[]>(
      `select d.unit_id, d.day::text as day, d.counts, d.total::float8 as total, d.lag0::float8 as lag0,
              d.lag1::float8 as lag1, d.lag2::float8 as lag2, d.lag3::float8 as lag3, d.as_of
         from mon_day d join jsonb_to_recordset(?::jsonb) as k(u int, d date) on d.unit_id = k.u and d.day = k.d
         ${lock ? 'for update of d' : ''}`,
      [JSON.stringify(keys)],
    );
    return rows.map(dayRowOf);
  }

  /** Writes (inserts or replaces) institution-days. */
  async writeDays(tx: EntityManager, rows: DayRow[], batchId: string): Promise<void> {
    for (let i = 0; i < rows.length; i += 10_000) {
      const chunk = rows.slice(i, i + 10_000).map((r) => ({
        u: r.unitId,
        d: r.day,
        m: maskOf(r.counts.flatMap((n, j) => (n > 0 ? [j + 1] : []))),
        t: r.total,
        c: r.counts,
        l0: r.lags[0],
        l1: r.lags[1],
        l2: r.lags[2],
        l3: r.lags[3],
        a: r.asOf.toISOString(),
      }));
      await tx.execute(
        `insert into mon_day (unit_id, day, mask, total, counts, lag0, lag1, lag2, lag3, as_of, batch_id)
         select u, d, m::bit(${MASK_BITS}), t, c, l0, l1, l2, l3, a, ?::uuid
           from jsonb_to_recordset(?::jsonb)
             as x(u int, d date, m text, t bigint, c int[], l0 bigint, l1 bigint, l2 bigint, l3 bigint, a timestamptz)
         on conflict (unit_id, day) do update set mask = excluded.mask, total = excluded.total, counts = excluded.counts,
           lag0 = excluded.lag0, lag1 = excluded.lag1, lag2 = excluded.lag2, lag3 = excluded.lag3,
           as_of = excluded.as_of, batch_id = excluded.batch_id`,
        [batchId, JSON.stringify(chunk)],
      );
    }
  }

  /** The month aggregates of these institution-months (locked: the caller replaces them). */
  async months(tx: EntityManager, keys: { u: number; m: string }[]): Promise<MonthRow[]> {
    if (!keys.length) return [];
    const rows = await tx.execute<Record<string, unknown>[]>(
      `select a.unit_id, a.month::text as month, a.counts, a.table_days, a.total::float8 as total, a.upload_days,
              a.last_day::text as last_day, a.lag0::float8 as lag0, a.lag1::float8 as lag1, a.lag2::float8 as lag2,
              a.lag3::float8 as lag3
         from mon_month a join jsonb_to_recordset(?::jsonb) as k(u int, m date) on a.unit_id = k.u and a.month = k.m
         for update of a`,
      [JSON.stringify(keys)],
    );
    return rows.map((r) => ({
      unitId: Number(r['unit_id']),
      month: String(r['month']),
      counts: ((r['counts'] as (string | number | null)[]) ?? []).map(num),
      tableDays: ((r['table_days'] as (number | null)[]) ?? []).map(num),
      total: num(r['total']),
      uploadDays: num(r['upload_days']),
      lastDay: dateText(r['last_day']),
      lags: lagsOf(r),
    }));
  }

  async writeMonths(tx: EntityManager, rows: MonthRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 10_000) {
      const chunk = rows.slice(i, i + 10_000).map((r) => ({
        u: r.unitId,
        m: r.month,
        k: maskOf(r.tableDays.flatMap((n, j) => (n > 0 ? [j + 1] : []))),
        c: r.counts,
        td: r.tableDays,
        t: r.total,
        ud: r.uploadDays,
        ld: r.lastDay,
        l0: r.lags[0],
        l1: r.lags[1],
        l2: r.lags[2],
        l3: r.lags[3],
      }));
      await tx.execute(
        `insert into mon_month (unit_id, month, mask, counts, table_days, total, upload_days, last_day, lag0, lag1, lag2, lag3)
         select u, m, k::bit(${MASK_BITS}), c, td, t, ud, ld, l0, l1, l2, l3
           from jsonb_to_recordset(?::jsonb)
             as x(u int, m date, k text, c bigint[], td int[], t bigint, ud int, ld date, l0 bigint, l1 bigint, l2 bigint, l3 bigint)
         on conflict (month, unit_id) do update set mask = excluded.mask, counts = excluded.counts,
           table_days = excluded.table_days, total = excluded.total, upload_days = excluded.upload_days,
           last_day = excluded.last_day, lag0 = excluded.lag0, lag1 = excluded.lag1, lag2 = excluded.lag2,
           lag3 = excluded.lag3`,
        [JSON.stringify(chunk)],
      );
    }
  }

  /** The last day with records of each institution-month, from its days (after a day was emptied). */
  async lastDays(tx: EntityManager, keys: { u: number; m: string }[]): Promise<Map<string, string | null>> {
    if (!keys.length) return new Map();
    const rows = await tx.execute<{ u: number; m: string; last: string | null }[]>(
      `select k.u, k.m::text as m, (select max(d.day)::text from mon_day d
                where d.unit_id = k.u and d.day >= k.m and d.day < (k.m + interval '1 month') and d.total > 0) as last
         from jsonb_to_recordset(?::jsonb) as k(u int, m date)`,
      [JSON.stringify(keys)],
    );
    return new Map(rows.map((r) => [`${r.u}|${r.m}`, r.last]));
  }

  /**
   * A period's figures per institution: its whole months from `mon_month`, its other days from `mon_day`. `required`
   * is the mask of the required tables; `visits`/`discharges` the dictionary ids of the counting tables (0 = none).
   */
  async periodAggregates(
    unitIds: number[],
    months: string[],
    edgeDays: string[],
    required: string,
    visits: number,
    discharges: number,
    em: EntityManager = this.em,
  ): Promise<PeriodAggregate[]> {
    if (!unitIds.length || (!months.length && !edgeDays.length)) return [];
    // a province is 30,000 groups: with the default 4 MB the hash aggregate spills to disk (measured in the benchmark)
    const rows = await em.transactional(async (tx) => {
      await tx.execute(`set local work_mem = '64MB'`);
      return tx.execute<Record<string, unknown>[]>(
        `with u as (select x::int as id from jsonb_array_elements_text(?::jsonb) x),
       parts as (
         select a.unit_id, a.mask, a.total, a.upload_days, a.last_day,
                coalesce(a.counts[?::int], 0) as visits, coalesce(a.counts[?::int], 0) as discharges,
                a.lag0, a.lag1, a.lag2, a.lag3
           from mon_month a
          where a.month in (select y::date from jsonb_array_elements_text(?::jsonb) y) and a.unit_id in (select id from u)
         union all
         select d.unit_id, d.mask, d.total, (d.total > 0)::int, case when d.total > 0 then d.day end,
                coalesce(d.counts[?::int], 0), coalesce(d.counts[?::int], 0), d.lag0, d.lag1, d.lag2, d.lag3
           from mon_day d
          where d.day in (select z::date from jsonb_array_elements_text(?::jsonb) z) and d.unit_id in (select id from u)
       )
       select unit_id, bit_count(bit_or(mask) & ?::bit(${MASK_BITS}))::int as tables, sum(total)::float8 as total,
              sum(upload_days)::int as upload_days, max(last_day)::text as last_day, sum(visits)::float8 as visits,
              sum(discharges)::float8 as discharges, sum(lag0)::float8 as lag0, sum(lag1)::float8 as lag1,
              sum(lag2)::float8 as lag2, sum(lag3)::float8 as lag3
         from parts group by unit_id`,
        [
          JSON.stringify(unitIds),
          visits,
          discharges,
          JSON.stringify(months),
          visits,
          discharges,
          JSON.stringify(edgeDays),
          required,
        ],
      );
    });
    return rows.map((r) => ({
      unitId: Number(r['unit_id']),
      tables: num(r['tables']),
      total: num(r['total']),
      uploadDays: num(r['upload_days']),
      lastDay: dateText(r['last_day']),
      visits: num(r['visits']),
      discharges: num(r['discharges']),
      lags: lagsOf(r),
    }));
  }

  /** Per day of a range: the records of these institutions together and how many of them uploaded. */
  async trend(unitIds: number[], from: string, to: string, em: EntityManager = this.em) {
    if (!unitIds.length) return [];
    const rows = await em.execute<{ day: string; records: number; institutions: number }[]>(
      `select d.day::text as day, sum(d.total)::float8 as records, count(*) filter (where d.total > 0)::int as institutions
         from mon_day d
        where d.day between ?::date and ?::date
          and d.unit_id in (select x::int from jsonb_array_elements_text(?::jsonb) x)
        group by d.day order by d.day`,
      [from, to, JSON.stringify(unitIds)],
    );
    return rows.map((r) => ({ date: String(r.day), records: num(r.records), institutions: num(r.institutions) }));
  }

  /** The days with records of each of these institutions in a range. */
  async uploadDays(unitIds: number[], from: string, to: string, em: EntityManager = this.em) {
    if (!unitIds.length) return new Map<number, Set<string>>();
    const rows = await em.execute<{ unit_id: number; day: string }[]>(
      `select d.unit_id, d.day::text as day from mon_day d
        where d.day between ?::date and ?::date and d.total > 0
          and d.unit_id in (select x::int from jsonb_array_elements_text(?::jsonb) x)`,
      [from, to, JSON.stringify(unitIds)],
    );
    const out = new Map<number, Set<string>>();
    for (const r of rows) {
      const u = Number(r.unit_id);
      if (!out.has(u)) out.set(u, new Set());
      out.get(u)!.add(String(r.day));
    }
    return out;
  }

  /** One institution's days in a range (for its page: the per-table grid and the trend). */
  async unitDays(unitId: number, from: string, to: string, em: EntityManager = this.em): Promise<DayRow[]> {
    const rows = await em.execute<Record<string, unknown>[]>(
      `select unit_id, day::text as day, counts, total::float8 as total, lag0::float8 as lag0, lag1::float8 as lag1,
              lag2::float8 as lag2, lag3::float8 as lag3, as_of
         from mon_day where unit_id = ? and day between ?::date and ?::date order by day`,
      [unitId, from, to],
    );
    return rows.map(dayRowOf);
  }
}
