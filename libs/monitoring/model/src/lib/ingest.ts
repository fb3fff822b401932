/**
 * The statistics a sender (a regional platform, a hospital's front-end processor, a file) hands in: one item per
 * institution × business day, with the records received per table — the day's whole statistics, so that
 * re-sending a day replaces it. Framework-free: the machine api and the file import validate with these rules and
 * answer with the same per-item codes (two digits in the manner of T/SHIA 6.1's QC feedback, 00 = accepted).
 */
import { isValidDate } from '@hutong/platform-model';
import type { LagCounts } from './metrics';

/** One table's records of the day: a count, or a count split by upload lag (T, T+1, T+2, later). */
export type IngestTableValue = number | { records: number; lag?: [number, number, number, number] };

export interface IngestItem {
  /** the institution's organisation code (统一社会信用代码 or the platform's code) */
  org: string;
  /** the business date, yyyy-MM-dd (Asia/Shanghai) */
  date: string;
  /** table code → records (or records with their upload lags) */
  tables: Record<string, IngestTableValue>;
  /**
   * when the sender computed these figures (ISO 8601 instant; defaults to when they arrive): a day is replaced only
   * by figures computed at the same time or later, so a batch delivered late never overwrites newer ones
   */
  asOf?: string;
  /** the day the records were uploaded, yyyy-MM-dd, for the lag of counts given without one (defaults to arrival) */
  uploaded?: string;
}

/** 00 accepted; 01–07 refusals of an item; the whole batch is refused when any item is. */
export const INGEST_CODES = {
  '00': 'ok',
  '01': 'format',
  '02': 'institution',
  '03': 'table',
  '04': 'date',
  '05': 'count',
  '06': 'duplicate',
  '07': 'timeliness',
} as const;
export type IngestCode = keyof typeof INGEST_CODES;

export interface IngestItemError {
  /** the item's position in the batch (0-based) or the file's line (1-based, the header is line 1) */
  index: number;
  code: Exclude<IngestCode, '00'>;
  /** a message code of MONITORING_CATALOGUE with its params */
  reason: string;
  params?: Record<string, string | number>;
}

/** A validated item: its tables' records and lags, ready to store. */
export interface IngestDay {
  index: number;
  org: string;
  date: string;
  /** table code → records */
  counts: Map<string, number>;
  lags: LagCounts;
  asOf: Date;
}

export interface IngestContext {
  /** table codes that any catalogue knows */
  knownTable: (code: string) => boolean;
  /** today in Asia/Shanghai: no business date after it */
  today: string;
  /** the earliest business date accepted (e.g. 2000-01-01) */
  earliest: string;
  /** when the batch arrived */
  receivedAt: Date;
}

/** The most records one table may report for one day (a province's biggest platform sends ~10 million a day). */
export const MAX_DAY_RECORDS = 2_000_000_000;

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** Whole days from `a` to `b` (yyyy-MM-dd). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The lag class of records uploaded `days` after their business day. */
function lagSlot(days: number): 0 | 1 | 2 | 3 {
  return days <= 0 ? 0 : days === 1 ? 1 : days === 2 ? 2 : 3;
}

/**
 * Validates a batch: every item, and no institution-day twice. Returns the days to store, or every refused item
 * with its code (then nothing of the batch may be written).
 */
export function validateIngestBatch(
  items: unknown,
  ctx: IngestContext,
  maxItems: number,
): { days: IngestDay[]; errors: IngestItemError[] } {
  const errors: IngestItemError[] = [];
  const days: IngestDay[] = [];
  if (!Array.isArray(items)) {
    errors.push({ index: 0, code: '01', reason: 'monitoring.ingest_not_a_list' });
    return { days, errors };
  }
  if (items.length > maxItems) {
    errors.push({ index: maxItems, code: '01', reason: 'monitoring.ingest_too_many', params: { max: maxItems } });
    return { days, errors };
  }
  const seen = new Map<string, number>();
  items.forEach((raw: unknown, index) => {
    const r = validateIngestItem(raw, index, ctx);
    if ('code' in r) {
      errors.push(r);
      return;
    }
    const key = `${r.org}\u0000${r.date}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        index,
        code: '06',
        reason: 'monitoring.ingest_duplicate',
        params: { org: r.org, date: r.date, first },
      });
      return;
    }
    seen.set(key, index);
    days.push(r);
  });
  return { days, errors };
}

export function validateIngestItem(raw: unknown, index: number, ctx: IngestContext): IngestDay | IngestItemError {
  const fail = (code: IngestItemError['code'], reason: string, params?: IngestItemError['params']) => ({
    index,
    code,
    reason,
    ...(params ? { params } : {}),
  });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('01', 'monitoring.ingest_item_not_object');
  const o = raw as Record<string, unknown>;
  if (typeof o['org'] !== 'string' || !/^[0-9A-Za-z_-]{1,32}$/.test(o['org']))
    return fail('02', 'monitoring.ingest_org_invalid');
  const org = o['org'];
  const date = o['date'];
  if (!isValidDate(date)) return fail('04', 'monitoring.ingest_date_invalid');
  if (date > ctx.today) return fail('04', 'monitoring.ingest_date_future', { date, today: ctx.today });
  if (date < ctx.earliest) return fail('04', 'monitoring.ingest_date_too_old', { date, earliest: ctx.earliest });
  let asOf = ctx.receivedAt;
  if (o['asOf'] !== undefined) {
    const t = typeof o['asOf'] === 'string' ? Date.parse(o['asOf']) : NaN;
    if (Number.isNaN(t)) return fail('01', 'monitoring.ingest_as_of_invalid');
    // a clock a little ahead is tolerated; figures claimed from the future are not
    if (t > ctx.receivedAt.getTime() + 10 * 60_000) return fail('07', 'monitoring.ingest_as_of_future');
    asOf = new Date(t);
  }
  let uploaded: string | null = null;
  if (o['uploaded'] !== undefined) {
    if (!isValidDate(o['uploaded'])) return fail('04', 'monitoring.ingest_uploaded_invalid');
    if (o['uploaded'] < date) return fail('07', 'monitoring.ingest_uploaded_before', { uploaded: o['uploaded'], date });
    uploaded = o['uploaded'];
  }
  const tables = o['tables'];
  if (!tables || typeof tables !== 'object' || Array.isArray(tables))
    return fail('01', 'monitoring.ingest_tables_missing');
  const counts = new Map<string, number>();
  const lags: LagCounts = { t0: 0, t1: 0, t2: 0, later: 0 };
  const defaultSlot = lagSlot(daysBetween(date, uploaded ?? ctx.today));
  const slots = ['t0', 't1', 't2', 'later'] as const;
  for (const [code, v] of Object.entries(tables as Record<string, unknown>)) {
    if (!ctx.knownTable(code)) return fail('03', 'monitoring.ingest_table_unknown', { table: code });
    let records: unknown = v;
    let lag: unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      records = (v as Record<string, unknown>)['records'];
      lag = (v as Record<string, unknown>)['lag'];
    }
    if (!isCount(records) || records > MAX_DAY_RECORDS)
      return fail('05', 'monitoring.ingest_count_invalid', { table: code });
    if (lag !== undefined) {
      if (!Array.isArray(lag) || lag.length !== 4 || !lag.every(isCount))
        return fail('05', 'monitoring.ingest_lag_invalid', { table: code });
      const sum = (lag as number[]).reduce((a, b) => a + b, 0);
      if (sum !== records) return fail('05', 'monitoring.ingest_lag_sum', { table: code, sum, records });
      (lag as number[]).forEach((n, i) => (lags[slots[i]!] += n));
    } else lags[slots[defaultSlot]] += records;
    counts.set(code, records);
  }
  return { index, org, date, counts, lags, asOf };
}
