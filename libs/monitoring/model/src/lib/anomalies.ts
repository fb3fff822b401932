/**
 * Anomalies (异常): figures a bulletin must flag, never hide — a rate above 100%, volume with zero upload days, a
 * published rate that contradicts its own counts, a row whose counts are all zero beside a volume, a table that
 * stopped, a sudden drop against the institution's own trailing median, a connected institution in no tier.
 * Each comes with its reason (a code of the catalogue and the figures behind it).
 */
import { addDays } from '@hutong/platform-model';
import type { DailyTableCount } from './metrics';

export type AnomalyKind =
  | 'rate_above_100'
  | 'volume_without_days'
  | 'rate_contradicts_counts'
  | 'counts_all_zero'
  | 'table_stopped'
  | 'sudden_drop'
  | 'no_tier';

export interface Anomaly {
  kind: AnomalyKind;
  /** what it is about: 'outpatient' / 'discharge' for rates, a table code, a date */
  subject?: string;
  /** the figures behind it */
  figures: Record<string, number | string | null>;
}

/** What a row of a (published or computed) table says of an institution. */
export interface FiguresRow {
  volume: number;
  uploadDays: number;
  outpatientUploaded?: number | null;
  /** as a share (1 = 100%) */
  outpatientRate?: number | null;
  dischargeUploaded?: number | null;
  dischargeRate?: number | null;
  /** other counts the table publishes (e.g. 检验检查) */
  otherCounts?: number[];
}

/** A rate rounds to 0.00% only below 0.005%; with uploads that large against any plausible volume it contradicts. */
const SHOWN_ZERO = 0.00005;

/** The anomalies a row's own figures show (no daily data needed: what the published tables can be checked for). */
export function rowAnomalies(r: FiguresRow): Anomaly[] {
  const out: Anomaly[] = [];
  for (const [subject, rate, uploaded] of [
    ['outpatient', r.outpatientRate, r.outpatientUploaded],
    ['discharge', r.dischargeRate, r.dischargeUploaded],
  ] as const) {
    if (typeof rate === 'number' && rate > 1)
      out.push({ kind: 'rate_above_100', subject, figures: { rate, uploaded: uploaded ?? null } });
    // a published 0.00% beside uploads: either the rate or the count is wrong (25 outpatient uploads at 0.00%
    // would need more than 500,000 actual visits, against the 498,595 records the hospital sent in all)
    if (typeof rate === 'number' && rate < SHOWN_ZERO && typeof uploaded === 'number' && uploaded > 0)
      out.push({ kind: 'rate_contradicts_counts', subject, figures: { rate, uploaded } });
  }
  if (r.volume > 0 && r.uploadDays === 0)
    out.push({ kind: 'volume_without_days', figures: { volume: r.volume, uploadDays: 0 } });
  const counts = [r.outpatientUploaded, r.dischargeUploaded, ...(r.otherCounts ?? [])].filter(
    (n): n is number => typeof n === 'number',
  );
  if (r.volume > 0 && counts.length > 0 && counts.every((n) => n === 0))
    out.push({ kind: 'counts_all_zero', figures: { volume: r.volume, uploadDays: r.uploadDays } });
  return out;
}

export interface TrendOptions {
  asOf: string;
  /** a required table with no record in the last `stoppedDays` days while others arrive has stopped (3) */
  stoppedDays?: number;
  /** the as-of day's volume below (1 − dropShare) × the trailing median is a sudden drop (0.5) */
  dropShare?: number;
  /** days of the trailing median (7) */
  window?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** The anomalies of an institution's daily data up to the as-of date: tables that stopped, a sudden drop. */
export function trendAnomalies(
  daily: readonly DailyTableCount[],
  required: readonly string[],
  o: TrendOptions,
): Anomaly[] {
  const stoppedDays = o.stoppedDays ?? 3;
  const dropShare = o.dropShare ?? 0.5;
  const window = o.window ?? 7;
  const out: Anomaly[] = [];
  const byDay = new Map<string, number>();
  const lastOf = new Map<string, string>();
  for (const r of daily) {
    if (r.date > o.asOf || !(r.records > 0)) continue;
    byDay.set(r.date, (byDay.get(r.date) ?? 0) + r.records);
    if ((lastOf.get(r.table) ?? '') < r.date) lastOf.set(r.table, r.date);
  }
  const since = addDays(o.asOf, -(stoppedDays - 1));
  const othersRecent = [...byDay.keys()].some((d) => d >= since);
  if (othersRecent)
    for (const code of required) {
      const last = lastOf.get(code);
      if (last && last < since) out.push({ kind: 'table_stopped', subject: code, figures: { lastUploadDate: last } });
    }
  const trailing: number[] = [];
  for (let i = window; i >= 1; i--) trailing.push(byDay.get(addDays(o.asOf, -i)) ?? 0);
  const m = median(trailing);
  const today = byDay.get(o.asOf) ?? 0;
  if (m > 0 && today < (1 - dropShare) * m)
    out.push({ kind: 'sudden_drop', subject: o.asOf, figures: { volume: today, trailingMedian: m } });
  return out;
}
