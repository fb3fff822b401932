/**
 * The monitoring metrics of DESIGN.md §4 for one institution over a period, read as of a date: every day is an
 * Asia/Shanghai calendar date (yyyy-MM-dd); a period is inclusive; days after the as-of date are not counted yet
 * (a quarter read on its 40th day has 40 days). Framework-free: the api computes them in SQL for a province at
 * once and checks itself against these in its tests; the web explains them with the same functions.
 */
import { addDays, isValidDate } from '@hutong/platform-model';

/** An inclusive range of Asia/Shanghai dates. */
export interface Period {
  from: string;
  to: string;
}

/** Records received for one table on one business day. */
export interface DailyTableCount {
  date: string;
  table: string;
  records: number;
}

/** 未联通 / 已联通 / 已联通其他平台 (e.g. the provincial one; with a note). */
export type ConnectionStatus = 'not_connected' | 'connected' | 'other_platform';

/** 梯队: 1 completeness ≥ 60%, 2 ≥ 40%, 3 below, 4 no data in the period (Xinyang's published rule; settings). */
export type Tier = 1 | 2 | 3 | 4;

export interface TierThresholds {
  /** completeness from which an institution is in tier 1 (0.6) */
  first: number;
  /** … in tier 2 (0.4) */
  second: number;
}

export const DEFAULT_TIERS: Readonly<TierThresholds> = Object.freeze({ first: 0.6, second: 0.4 });

/** Records by upload lag (business day → day received): T, T+1, T+2, later. */
export interface LagCounts {
  t0: number;
  t1: number;
  t2: number;
  later: number;
}

export interface InstitutionInput {
  /** the required table codes (the catalogue's) */
  required: readonly string[];
  daily: readonly DailyTableCount[];
  /** the tables whose records count visits and discharges */
  countsTables?: { visits?: string; discharges?: string };
  /** 卫统: actual outpatient/emergency visits and discharges in the period */
  reference?: { visits: number | null; discharges: number | null };
  /** records by upload lag in the period (for timeliness) */
  lags?: LagCounts;
}

export interface MetricsOptions {
  period: Period;
  asOf: string;
  tiers?: TierThresholds;
  /** the share of records within T+k from which the platform counts as T+k (0.95) */
  timelyShare?: number;
}

export type TimelinessClass = 'T' | 'T+1' | 'T+2';

export interface InstitutionMetrics {
  /** days of the period up to the as-of date */
  days: number;
  volume: number;
  uploadDays: number;
  interruptionDays: number;
  lastUploadDate: string | null;
  tablesRequired: number;
  tablesUploaded: number;
  missingTables: string[];
  /** tables uploaded ÷ required (0 when none is required) */
  completeness: number;
  outpatientUploaded: number;
  dischargeUploaded: number;
  /** uploaded ÷ 卫统 actual; null without a reference volume */
  outpatientRate: number | null;
  dischargeRate: number | null;
  /** days without interruption ÷ days (1 for a period not begun) */
  stability: number;
  timeliness: TimelinessClass | null;
  tier: Tier;
}

/** The days of `period` counted at `asOf`: from its first day to the earlier of its last day and the as-of date. */
export function countedDays(period: Period, asOf: string): string[] {
  if (!isValidDate(period.from) || !isValidDate(period.to) || !isValidDate(asOf))
    throw new RangeError('a period and an as-of date are yyyy-MM-dd');
  if (period.to < period.from) throw new RangeError('a period ends on or after its first day');
  const last = asOf < period.to ? asOf : period.to;
  const out: string[] = [];
  for (let d = period.from; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The tier of an institution with data: by completeness at the thresholds; no record in the period is tier 4. */
export function tierOf(tablesUploaded: number, tablesRequired: number, volume: number, t = DEFAULT_TIERS): Tier {
  if (volume <= 0 || tablesUploaded <= 0) return 4;
  // in whole tables, so that 31/51 (60.8%) is tier 1 and 30/51 (58.8%) tier 2 without floating-point doubt
  const atLeast = (share: number) => tablesUploaded >= Math.ceil(share * tablesRequired - 1e-9);
  if (atLeast(t.first)) return 1;
  if (atLeast(t.second)) return 2;
  return 3;
}

/** The smallest lag within which `share` of the records arrived (T, T+1, T+2), or null (later, or no records). */
export function timelinessOf(l: LagCounts, share = 0.95): TimelinessClass | null {
  const total = l.t0 + l.t1 + l.t2 + l.later;
  if (total <= 0) return null;
  if (l.t0 >= share * total) return 'T';
  if (l.t0 + l.t1 >= share * total) return 'T+1';
  if (l.t0 + l.t1 + l.t2 >= share * total) return 'T+2';
  return null;
}

/**
 * What a period's data of one institution adds up to — computed from daily rows here, and by the api in SQL from
 * its pre-aggregates; `metricsOf` turns either into the metrics, so both paths share one rule.
 */
export interface PeriodFigures {
  volume: number;
  uploadDays: number;
  lastUploadDate: string | null;
  /** required tables with a record in the period */
  tablesUploaded: number;
  /** which required tables have none (when known: the per-institution path knows, the province-wide one counts) */
  missingTables?: string[];
  outpatientUploaded: number;
  dischargeUploaded: number;
  lags?: LagCounts;
}

export interface MetricsContext {
  /** days of the period counted at the as-of date */
  days: number;
  tablesRequired: number;
  reference?: { visits: number | null; discharges: number | null };
  tiers?: TierThresholds;
  timelyShare?: number;
}

export function metricsOf(f: PeriodFigures, c: MetricsContext): InstitutionMetrics {
  const rate = (n: number, ref: number | null | undefined) => (ref && ref > 0 ? n / ref : null);
  return {
    days: c.days,
    volume: f.volume,
    uploadDays: f.uploadDays,
    interruptionDays: c.days - f.uploadDays,
    lastUploadDate: f.lastUploadDate,
    tablesRequired: c.tablesRequired,
    tablesUploaded: f.tablesUploaded,
    missingTables: f.missingTables ?? [],
    completeness: c.tablesRequired ? f.tablesUploaded / c.tablesRequired : 0,
    outpatientUploaded: f.outpatientUploaded,
    dischargeUploaded: f.dischargeUploaded,
    outpatientRate: rate(f.outpatientUploaded, c.reference?.visits),
    dischargeRate: rate(f.dischargeUploaded, c.reference?.discharges),
    stability: c.days ? f.uploadDays / c.days : 1,
    timeliness: f.lags ? timelinessOf(f.lags, c.timelyShare) : null,
    tier: tierOf(f.tablesUploaded, c.tablesRequired, f.volume, c.tiers),
  };
}

/** The figures of daily rows over the counted days (rows outside them, and empty ones, are left out). */
export function figuresOf(input: InstitutionInput, days: readonly string[]): PeriodFigures {
  const first = days[0];
  const last = days[days.length - 1];
  const required = new Set(input.required);
  let volume = 0;
  let outpatientUploaded = 0;
  let dischargeUploaded = 0;
  const dayVolume = new Map<string, number>();
  const tables = new Set<string>();
  for (const r of input.daily) {
    if (!first || !last || r.date < first || r.date > last || !(r.records > 0)) continue;
    volume += r.records;
    dayVolume.set(r.date, (dayVolume.get(r.date) ?? 0) + r.records);
    if (required.has(r.table)) tables.add(r.table);
    if (r.table === input.countsTables?.visits) outpatientUploaded += r.records;
    if (r.table === input.countsTables?.discharges) dischargeUploaded += r.records;
  }
  const uploaded = [...dayVolume.keys()].sort();
  return {
    volume,
    uploadDays: dayVolume.size,
    lastUploadDate: uploaded[uploaded.length - 1] ?? null,
    tablesUploaded: tables.size,
    missingTables: [...required].filter((c) => !tables.has(c)),
    outpatientUploaded,
    dischargeUploaded,
    ...(input.lags ? { lags: input.lags } : {}),
  };
}

export function institutionMetrics(input: InstitutionInput, o: MetricsOptions): InstitutionMetrics {
  const days = countedDays(o.period, o.asOf);
  return metricsOf(figuresOf(input, days), {
    days: days.length,
    tablesRequired: new Set(input.required).size,
    ...(input.reference ? { reference: input.reference } : {}),
    ...(o.tiers ? { tiers: o.tiers } : {}),
    ...(o.timelyShare !== undefined ? { timelyShare: o.timelyShare } : {}),
  });
}

/** One institution as a rollup sees it. */
export interface RollupRow {
  connection: ConnectionStatus;
  metrics: Pick<InstitutionMetrics, 'volume' | 'outpatientUploaded' | 'dischargeUploaded' | 'tier'>;
  reference?: { visits: number | null; discharges: number | null };
}

export interface Rollup {
  institutions: number;
  connected: number;
  /** connected (to this platform or another) ÷ institutions */
  connectionRate: number;
  volume: number;
  outpatientUploaded: number;
  dischargeUploaded: number;
  /** over the institutions with a reference volume */
  outpatientRate: number | null;
  dischargeRate: number | null;
  /** the connected institutions per tier */
  tiers: Record<Tier, number>;
}

/** A region subtree's sums: connection rate, volumes and rates, tier counts (tiers count connected institutions only). */
export function rollup(rows: readonly RollupRow[]): Rollup {
  const tiers: Record<Tier, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  let connected = 0;
  let volume = 0;
  let op = 0;
  let dc = 0;
  let opRef = 0;
  let dcRef = 0;
  let opUp = 0;
  let dcUp = 0;
  for (const r of rows) {
    volume += r.metrics.volume;
    op += r.metrics.outpatientUploaded;
    dc += r.metrics.dischargeUploaded;
    if (r.reference?.visits) {
      opRef += r.reference.visits;
      opUp += r.metrics.outpatientUploaded;
    }
    if (r.reference?.discharges) {
      dcRef += r.reference.discharges;
      dcUp += r.metrics.dischargeUploaded;
    }
    if (r.connection === 'not_connected') continue;
    connected++;
    tiers[r.metrics.tier]++;
  }
  return {
    institutions: rows.length,
    connected,
    connectionRate: rows.length ? connected / rows.length : 0,
    volume,
    outpatientUploaded: op,
    dischargeUploaded: dc,
    outpatientRate: opRef ? opUp / opRef : null,
    dischargeRate: dcRef ? dcUp / dcRef : null,
    tiers,
  };
}
