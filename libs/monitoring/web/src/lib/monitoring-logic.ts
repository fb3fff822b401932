/**
 * The monitoring pages' display rules, framework-free so that they are unit-tested: the period presets (Asia/Shanghai
 * calendar), percentages and counts as the pages print them, the tier chart's series, the heat maps' cells, the
 * anomalies' reasons, the region tree of the scope picker, the import's progress and refusal, the forms' checks,
 * the table catalogue's pasted lines, domains and problems.
 */
import { HttpErrorResponse } from '@angular/common/http';
import { addDays, formatZhDate, isValidDate, shanghaiDate } from '@hutong/platform-model';
import {
  ANOMALY_LABELS,
  CONNECTION_STATUS_LABELS,
  INGEST_CODE_LABELS,
  TIER_LABELS,
  catalogueProblems,
  numbersOf,
  percent,
  rectifyTargets,
  type Anomaly,
  type BulletinStatus,
  type BulletinTableRow,
  type ConnectionStatus,
  type CountsKind,
  type IngestCode,
  type KeyScope,
  type MonitoringImportView,
  type RectifyTarget,
  type Rollup,
  type TableDef,
  type Tier,
} from '@hutong/monitoring-model';

export type Lang = 'zh' | 'en';
export type PeriodPreset = 'thisQuarter' | 'lastQuarter' | 'thisMonth' | 'lastMonth' | 'custom';
export const PERIOD_PRESETS: readonly Exclude<PeriodPreset, 'custom'>[] = [
  'thisQuarter',
  'lastQuarter',
  'thisMonth',
  'lastMonth',
];

export interface PeriodChoice {
  preset: PeriodPreset;
  from: string;
  to: string;
  /** the day the figures are read as of (never after today) */
  asOf: string;
}

/** Today in Asia/Shanghai (yyyy-MM-dd). */
export function shanghaiToday(now: Date = new Date()): string {
  return shanghaiDate(now);
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthStart(y: number, m: number): string {
  // m is 0-based and may run over (−1, 12)
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
}

/** The first and last days of a preset period around `today` (yyyy-MM-dd, Asia/Shanghai). */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): { from: string; to: string } {
  if (!isValidDate(today)) throw new RangeError(`not a date: ${today}`);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  const q = m - (m % 3);
  const [start, months] =
    preset === 'thisQuarter'
      ? [q, 3]
      : preset === 'lastQuarter'
        ? [q - 3, 3]
        : preset === 'thisMonth'
          ? [m, 1]
          : [m - 1, 1];
  const from = monthStart(y, start);
  const to = addDays(monthStart(y, start + months), -1);
  return { from, to };
}

/** The as-of day of a period read today: its last day, or today while it runs. */
export function asOfFor(period: { from: string; to: string }, today: string): string {
  return period.to < today ? period.to : today < period.from ? period.from : today;
}

/** A preset's period and as-of day. */
export function presetChoice(preset: Exclude<PeriodPreset, 'custom'>, today: string): PeriodChoice {
  const p = presetPeriod(preset, today);
  return { preset, ...p, asOf: asOfFor(p, today) };
}

/** The preset a period is (for a period read from the URL), else custom. */
export function presetOf(from: string, to: string, today: string): PeriodPreset {
  return (
    PERIOD_PRESETS.find((p) => {
      const x = presetPeriod(p, today);
      return x.from === from && x.to === to;
    }) ?? 'custom'
  );
}

/** The period of the URL's from/to/asOf when they are dates in order, else this quarter. */
export function periodFromParams(
  from: string | null,
  to: string | null,
  asOf: string | null,
  today: string,
): PeriodChoice {
  if (isValidDate(from) && isValidDate(to) && from <= to) {
    const a = isValidDate(asOf) && asOf <= today ? asOf : asOfFor({ from, to }, today);
    return { preset: presetOf(from, to, today), from, to, asOf: a };
  }
  return presetChoice('thisQuarter', today);
}

/** A share as the circulars print it (87.80%); — without one. */
export function pct(share: number | null | undefined): string {
  return typeof share === 'number' && Number.isFinite(share) ? percent(share) : '—';
}

/** A count with thousands separators (12,345). */
export function count(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US') : '—';
}

/** A calendar date as people read it: 2026年7月3日 / 2026-07-03; — without one. */
export function day(d: string | null | undefined, lang: Lang): string {
  if (!d) return '—';
  return lang === 'zh' ? formatZhDate(d) : d.slice(0, 10);
}

/** A short day for an axis: 7/3 (both languages). */
export function shortDay(d: string): string {
  return `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
}

/** A label of the model's vocabulary in the language. */
export function labelOf<K extends string | number>(labels: Record<K, { zh: string; en: string }>, k: K, lang: Lang) {
  const l = labels[k];
  return l ? l[lang] : String(k);
}

export const TIERS: readonly Tier[] = [1, 2, 3, 4];
export const TIER_COLORS: Record<Tier, string> = { 1: '#389e0d', 2: '#1677ff', 3: '#faad14', 4: '#cf1322' };
export const NOT_CONNECTED_COLOR = '#8c8c8c';
export const CONNECTION_COLORS: Record<ConnectionStatus, string> = {
  connected: 'green',
  other_platform: 'blue',
  not_connected: 'default',
};

export interface TierBar {
  name: string;
  value: number;
  color: string;
}

/** The tier distribution's bars: tiers 1–4 (connected institutions) and 未联通. */
export function tierBars(r: Pick<Rollup, 'tiers' | 'institutions' | 'connected'>, lang: Lang): TierBar[] {
  return [
    ...TIERS.map((t) => ({ name: labelOf(TIER_LABELS, t, lang), value: r.tiers[t] ?? 0, color: TIER_COLORS[t] })),
    {
      name: labelOf(CONNECTION_STATUS_LABELS, 'not_connected', lang),
      value: Math.max(0, r.institutions - r.connected),
      color: NOT_CONNECTED_COLOR,
    },
  ];
}

/** The tier chart's ECharts option (a bar per tier and one for the not-connected). */
export function tierChartOption(r: Pick<Rollup, 'tiers' | 'institutions' | 'connected'>, lang: Lang) {
  const bars = tierBars(r, lang);
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: bars.map((b) => b.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        label: { show: true, position: 'top' },
        data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color } })),
      },
    ],
  };
}

export interface HeatCells {
  /** [x, y, value] */
  data: [number, number, number][];
  max: number;
}

/** The per-table × per-day grid as heat-map cells: x the day, y the table, 0 an empty cell. */
export function gridCells(counts: readonly (readonly number[])[]): HeatCells {
  const data: [number, number, number][] = [];
  let max = 0;
  counts.forEach((row, y) =>
    row.forEach((v, x) => {
      const n = v > 0 ? v : 0;
      if (n > max) max = n;
      data.push([x, y, n]);
    }),
  );
  return { data, max };
}

/** The upload calendar as heat-map cells: x the day, y the institution, 1 uploaded, 0 not. */
export function calendarCells(rows: readonly { uploaded: readonly boolean[] }[]): HeatCells {
  const data: [number, number, number][] = [];
  rows.forEach((r, y) => r.uploaded.forEach((u, x) => data.push([x, y, u ? 1 : 0])));
  return { data, max: 1 };
}

/** A heat map's height for its rows (a row 16–22 px, room for the axes). */
export function heatHeight(rows: number, rowPx = 18): number {
  return Math.max(160, rows * rowPx + 90);
}

function fig(v: number | string | null | undefined, lang: Lang): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return count(Math.round(v * 100) / 100);
  return isValidDate(v) ? day(v, lang) : v;
}

const SUBJECTS: Record<string, { zh: string; en: string }> = {
  outpatient: { zh: '门急诊', en: 'outpatient' },
  discharge: { zh: '出院', en: 'discharge' },
};

/** Why an anomaly was flagged, with its figures (the tooltip of its tag). */
export function anomalyReason(a: Anomaly, lang: Lang): string {
  const f = a.figures ?? {};
  const zh = lang === 'zh';
  const subject = a.subject ? (SUBJECTS[a.subject]?.[lang] ?? a.subject) : '';
  switch (a.kind) {
    case 'rate_above_100':
      return zh
        ? `${subject}上传率${pct(f['rate'] as number)}，上传${fig(f['uploaded'], lang)}人次，超过卫统实际人次`
        : `The ${subject} upload rate is ${pct(f['rate'] as number)} (${fig(f['uploaded'], lang)} uploaded): more than the reference volume`;
    case 'rate_contradicts_counts':
      return zh
        ? `${subject}上传率${pct(f['rate'] as number)}，但上传了${fig(f['uploaded'], lang)}人次`
        : `The ${subject} upload rate is ${pct(f['rate'] as number)}, yet ${fig(f['uploaded'], lang)} were uploaded`;
    case 'volume_without_days':
      return zh
        ? `上传量${fig(f['volume'], lang)}条，上传天数为0`
        : `${fig(f['volume'], lang)} records with zero upload days`;
    case 'counts_all_zero':
      return zh
        ? `上传量${fig(f['volume'], lang)}条（上传${fig(f['uploadDays'], lang)}天），各项人次均为0`
        : `${fig(f['volume'], lang)} records over ${fig(f['uploadDays'], lang)} days, yet every count is zero`;
    case 'table_stopped':
      return zh
        ? `${subject}自${fig(f['lastUploadDate'], lang)}起无数据，其他表仍在上传`
        : `${subject} has had no records since ${fig(f['lastUploadDate'], lang)} while other tables arrive`;
    case 'sudden_drop':
      return zh
        ? `${fig(subject, lang)}上传${fig(f['volume'], lang)}条，前7日中位数${fig(f['trailingMedian'], lang)}条`
        : `${fig(subject, lang)}: ${fig(f['volume'], lang)} records against a trailing median of ${fig(f['trailingMedian'], lang)}`;
    case 'no_tier':
      return zh ? '已联通但未归入任何梯队' : 'Connected, yet in no tier';
    default: {
      const parts = Object.entries(f).map(([k, v]) => `${k}: ${fig(v, lang)}`);
      return parts.join(zh ? '；' : '; ');
    }
  }
}

/** An anomaly's tag text. */
export function anomalyLabel(a: Anomaly, lang: Lang): string {
  return labelOf(ANOMALY_LABELS, a.kind, lang);
}

export interface RegionNode {
  title: string;
  key: string;
  isLeaf: boolean;
  children: RegionNode[];
  expanded?: boolean;
}

/** The regions (roots and those below) as a tree for the scope picker; the roots expanded. */
export function regionTree(
  regions: readonly { id: string; name: string; parentId: string | null }[],
  rootIds: readonly string[],
): RegionNode[] {
  const nodes = new Map<string, RegionNode>();
  for (const r of regions) nodes.set(r.id, { title: r.name, key: r.id, isLeaf: true, children: [] });
  const roots: RegionNode[] = [];
  for (const r of regions) {
    const node = nodes.get(r.id) as RegionNode;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent && !rootIds.includes(r.id)) {
      parent.children.push(node);
      parent.isLeaf = false;
    } else if (!roots.includes(node)) roots.push(node);
  }
  for (const r of roots) r.expanded = true;
  return roots;
}

/** How far an import is (0–100). */
export function importPercent(i: Pick<MonitoringImportView, 'status' | 'processedItems' | 'totalItems'>): number {
  if (i.status === 'done') return 100;
  if (!i.totalItems) return 0;
  return Math.min(100, Math.floor((i.processedItems / i.totalItems) * 100));
}

/** Whether an import is still being written (the page polls it). */
export function importActive(i: Pick<MonitoringImportView, 'status'>): boolean {
  return i.status === 'queued' || i.status === 'running';
}

export interface BatchError {
  /** the file's line (the header is line 1) or the batch's item */
  line: number | null;
  code: string;
  codeLabel: string;
  message: string;
}

type MessageOf = (code: string, params?: Record<string, string | number>) => string | null;

/**
 * The lines of a 422 refusal of a batch (details.errors[{ line | index, code, reason, params, message }]):
 * the reason translated when the catalogue knows it, else the server's message. Null for any other error.
 */
export function batchErrors(err: unknown, lang: Lang, message?: MessageOf): BatchError[] | null {
  if (!(err instanceof HttpErrorResponse) || err.status !== 422) return null;
  const details = (err.error as { details?: { errors?: unknown } } | null)?.details;
  const list = details?.errors;
  if (!Array.isArray(list)) return null;
  return list
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => {
      const line = typeof e['line'] === 'number' ? e['line'] : typeof e['index'] === 'number' ? e['index'] : null;
      const code = typeof e['code'] === 'string' ? e['code'] : '';
      const translated =
        message && typeof e['reason'] === 'string'
          ? message(e['reason'], (e['params'] ?? undefined) as Record<string, string | number> | undefined)
          : null;
      const text = translated ?? (typeof e['message'] === 'string' ? e['message'] : String(e['reason'] ?? ''));
      const codeLabel =
        code in INGEST_CODE_LABELS ? `${code} ${labelOf(INGEST_CODE_LABELS, code as IngestCode, lang)}` : code;
      return { line, code, codeLabel, message: text };
    });
}

export interface ConnectionFormValue {
  status: ConnectionStatus | null;
  note: string;
  since: string | null;
}
export type ConnectionProblem = 'required' | 'noteRequired' | 'tooLong' | 'sinceFuture';
export const NOTE_MAX = 500;

/** The connection form's problems by field: a status, a note for 其他平台 (which platform), a date not after today. */
export function connectionProblems(
  v: ConnectionFormValue,
  today: string,
): Partial<Record<keyof ConnectionFormValue, ConnectionProblem>> {
  const out: Partial<Record<keyof ConnectionFormValue, ConnectionProblem>> = {};
  if (!v.status) out.status = 'required';
  const note = v.note.trim();
  if (v.status === 'other_platform' && !note) out.note = 'noteRequired';
  else if (note.length > NOTE_MAX) out.note = 'tooLong';
  if (v.since && v.since > today) out.since = 'sinceFuture';
  return out;
}

export interface KeyFormValue {
  name: string;
  organisationId: string | null;
  scopes: KeyScope[];
}
export type KeyProblem = 'required' | 'tooLong' | 'scopes';
export const KEY_NAME_MAX = 100;

/** The key form's problems by field: a name (≤ 100), an organisation, at least one scope. */
export function keyProblems(v: KeyFormValue): Partial<Record<keyof KeyFormValue, KeyProblem>> {
  const out: Partial<Record<keyof KeyFormValue, KeyProblem>> = {};
  const name = v.name.trim();
  if (!name) out.name = 'required';
  else if (name.length > KEY_NAME_MAX) out.name = 'tooLong';
  if (!v.organisationId) out.organisationId = 'required';
  if (!v.scopes.length) out.scopes = 'scopes';
  return out;
}

/** The daily records as a line chart's points (with the days' axis labels). */
export function dailySeries(daily: readonly { date: string; records: number }[]) {
  return { days: daily.map((d) => d.date), values: daily.map((d) => d.records) };
}

/** Every day from `from` to `to` inclusive. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 1000; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The rows a rectification reaches: the model's rule, the one the api applies. */
export const rectifyRows = rectifyTargets;

/**
 * The figures each edited paragraph has beyond the generated text's (as `narrativeNumberProblems` counts them over
 * the whole text, with repeats, in order): the paragraphs to mark. Empty lists everywhere: the text may be saved.
 */
export function paragraphFigureProblems(generated: readonly string[], edited: readonly string[]): string[][] {
  const left = new Map<string, number>();
  for (const n of generated.flatMap(numbersOf)) left.set(n, (left.get(n) ?? 0) + 1);
  return edited.map((p) => {
    const extra: string[] = [];
    for (const n of numbersOf(p)) {
      const k = left.get(n) ?? 0;
      if (k > 0) left.set(n, k - 1);
      else extra.push(n);
    }
    return extra;
  });
}

export const BULLETIN_STATUS_COLORS: Record<BulletinStatus, string> = {
  draft: 'gold',
  published: 'green',
  superseded: 'default',
};

export interface RectifyDefaults {
  title: string;
  instructions: string;
}

/** The rectification form's default title and instructions for a target (zh: the circulars' wording). */
export function rectifyDefaults(target: RectifyTarget, lang: Lang): RectifyDefaults {
  const zh = {
    not_connected: ['报送未联通原因及整改计划', '请说明未联通原因、下一步工作计划及预计完成时间'],
    interrupted: ['报送数据上传中断原因及整改措施', '请说明数据上传中断的原因、已采取的整改措施及恢复时间'],
    tier3: ['报送数据完整率整改计划', '请说明数据完整率偏低的原因、整改计划及预计完成时间'],
    tier4: ['报送无数据上传原因及整改计划', '请说明统计期内无数据上传的原因、整改计划及预计完成时间'],
  } as const;
  const en = {
    not_connected: [
      'Report why not connected and the plan to connect',
      'Say why the institution is not connected, the next steps and when it will be done',
    ],
    interrupted: [
      'Report the upload interruptions and their remedy',
      'Say why the uploads were interrupted, what was done and when they resumed',
    ],
    tier3: [
      'Report the plan to complete the data',
      'Say why the data is incomplete, the plan and when it will be done',
    ],
    tier4: [
      'Report why nothing was uploaded and the plan',
      'Say why nothing was uploaded in the period, the plan and when it will be done',
    ],
  } as const;
  const [title, instructions] = (lang === 'zh' ? zh : en)[target];
  return { title, instructions };
}

export interface BulletinFormValue {
  scope: string | null;
  requirementText: string;
  requirementDue: string | null;
}
export type BulletinFormProblem = 'required' | 'dueRequired' | 'textRequired' | 'duePast' | 'tooLong';
export const REQUIREMENT_MAX = 500;

/** The generate form's problems: a scope; a requirement is a text and a due date (not before today) together. */
export function bulletinFormProblems(
  v: BulletinFormValue,
  today: string,
): Partial<Record<keyof BulletinFormValue, BulletinFormProblem>> {
  const out: Partial<Record<keyof BulletinFormValue, BulletinFormProblem>> = {};
  if (!v.scope) out.scope = 'required';
  const text = v.requirementText.trim();
  if (text.length > REQUIREMENT_MAX) out.requirementText = 'tooLong';
  else if (!text && v.requirementDue) out.requirementText = 'textRequired';
  if (text && !v.requirementDue) out.requirementDue = 'dueRequired';
  else if (v.requirementDue && v.requirementDue < today) out.requirementDue = 'duePast';
  return out;
}

/** The kinds a table may count, as the catalogue page offers them. */
export const COUNTS_KINDS: readonly CountsKind[] = ['visits', 'discharges'];

const COUNTS_WORDS: Record<string, CountsKind> = {
  visits: 'visits',
  visit: 'visits',
  门急诊: 'visits',
  门急诊人次: 'visits',
  discharges: 'discharges',
  discharge: 'discharges',
  出院: 'discharges',
  出院人次: 'discharges',
};

/** A header's code column: 表编码, 编码, code … (not ASCII, or the word code). */
const isHeaderCell = (cell: string): boolean => /[^\x20-\x7e]/.test(cell) || /^(table[ _]?)?code$/i.test(cell);

export interface PastedTables {
  tables: TableDef[];
  /** the lines (1-based) that are neither a table nor blank: fewer than three columns */
  badLines: number[];
}

/**
 * Tables pasted as lines "domain<TAB>code<TAB>name" (as copied from a spreadsheet; an optional fourth column says
 * what it counts: 门急诊人次/出院人次 or visits/discharges). Blank lines are skipped, and so is a first line that
 * is a header (表编码, code). Cells are trimmed; the codes are checked by `catalogueProblems`.
 */
export function parseTableLines(text: string): PastedTables {
  const tables: TableDef[] = [];
  const badLines: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (!raw.trim()) return;
    const cells = raw.split('\t').map((c) => c.trim());
    if (cells.length < 3 || !cells[1]) {
      badLines.push(i + 1);
      return;
    }
    const [domain, code, name, countsCell] = cells;
    if (!tables.length && !badLines.length && isHeaderCell(code)) return;
    const counts = countsCell ? COUNTS_WORDS[countsCell.toLowerCase()] : undefined;
    tables.push({ code, name, domain, ...(counts ? { counts } : {}) });
  });
  return { tables, badLines };
}

export interface DomainGroup {
  domain: string;
  tables: TableDef[];
}

/**
 * The tables grouped by business domain, the domains in the order they first appear (the catalogue's order), only
 * those whose code, name or domain contains the filter (any case).
 */
export function groupByDomain(tables: readonly TableDef[], filter = ''): DomainGroup[] {
  const q = filter.trim().toLowerCase();
  const groups = new Map<string, TableDef[]>();
  for (const t of tables) {
    if (q && ![t.code, t.name, t.domain].some((s) => s.toLowerCase().includes(q))) continue;
    const list = groups.get(t.domain);
    if (list) list.push(t);
    else groups.set(t.domain, [t]);
  }
  return [...groups].map(([domain, list]) => ({ domain, tables: list }));
}

/** A table as typed in the editor (counts null: none). */
export interface EditableTable {
  domain: string;
  code: string;
  name: string;
  counts: CountsKind | null;
}

/** The tables as the api takes them: cells trimmed, counts only when set. */
export function tablesOfRows(rows: readonly EditableTable[]): TableDef[] {
  return rows.map((r) => ({
    code: r.code.trim(),
    name: r.name.trim(),
    domain: r.domain.trim(),
    ...(r.counts ? { counts: r.counts } : {}),
  }));
}

export type TableField = 'domain' | 'code' | 'name' | 'counts';

export interface TableProblems {
  /** per row, the problem code (`monitoring.table_duplicate` …) of each field that has one */
  rows: Partial<Record<TableField, string>>[];
  /** problems of the whole list (`monitoring.catalogue_empty`) */
  global: string[];
  /** all of them, as `catalogueProblems` answers (empty: the tables may be saved) */
  all: string[];
}

/**
 * The model's `catalogueProblems` of the typed tables, put on the rows and cells they are about: a bad or repeated
 * code on the code of each row with it, a missing name or domain on that cell, two tables counting the same
 * on their counts.
 */
export function tableProblems(rows: readonly EditableTable[]): TableProblems {
  const tables = tablesOfRows(rows);
  const all = catalogueProblems({ tables });
  const out: Partial<Record<TableField, string>>[] = tables.map(() => ({}));
  const global: string[] = [];
  for (const p of all) {
    const at = p.indexOf(':');
    const code = at < 0 ? p : p.slice(0, at);
    const arg = at < 0 ? '' : p.slice(at + 1);
    let placed = false;
    tables.forEach((t, i) => {
      const cell = out[i] as Partial<Record<TableField, string>>;
      if (code === 'monitoring.counts_ambiguous') {
        if (t.counts === arg) {
          cell.counts = code;
          placed = true;
        }
      } else if (code === 'monitoring.table_name_missing') {
        if (t.code === arg) {
          if (!t.name) cell.name = code;
          if (!t.domain) cell.domain = code;
          placed = true;
        }
      } else if (code === 'monitoring.table_code_invalid' || code === 'monitoring.table_duplicate') {
        if (t.code === arg) {
          cell.code ??= code;
          placed = true;
        }
      }
    });
    if (!placed && !global.includes(code)) global.push(code);
  }
  return { rows: out, global, all };
}

export interface CatalogueHeader {
  key: string;
  name: string;
  note: string;
}
export type CatalogueHeaderProblem = 'required' | 'keyFormat' | 'keyTaken' | 'tooLong';
export const CATALOGUE_NAME_MAX = 200;
export const CATALOGUE_NOTE_MAX = 2000;
export const CATALOGUE_TABLES_MAX = 256;

/**
 * A new catalogue's key (a-z, 0-9, '.', '-'; 2–64; not one already there: saving it would write that one's next
 * version), its name (≤ 200) and note (≤ 2000), as the api checks them.
 */
export function catalogueHeaderProblems(
  v: CatalogueHeader,
  takenKeys: readonly string[] = [],
): Partial<Record<keyof CatalogueHeader, CatalogueHeaderProblem>> {
  const out: Partial<Record<keyof CatalogueHeader, CatalogueHeaderProblem>> = {};
  const key = v.key.trim();
  if (!key) out.key = 'required';
  else if (!/^[a-z0-9][a-z0-9.-]{1,63}$/.test(key)) out.key = 'keyFormat';
  else if (takenKeys.includes(key)) out.key = 'keyTaken';
  const name = v.name.trim();
  if (!name) out.name = 'required';
  else if (name.length > CATALOGUE_NAME_MAX) out.name = 'tooLong';
  if (v.note.trim().length > CATALOGUE_NOTE_MAX) out.note = 'tooLong';
  return out;
}

export interface VersionChange {
  added: number;
  removed: number;
  /** tables kept whose name, domain or counts changed */
  changed: number;
}

/** What a version changed from the one before it (by table code). */
export function versionChange(before: readonly TableDef[], after: readonly TableDef[]): VersionChange {
  const old = new Map(before.map((t) => [t.code, t]));
  const now = new Set(after.map((t) => t.code));
  let added = 0;
  let changed = 0;
  for (const t of after) {
    const o = old.get(t.code);
    if (!o) added++;
    else if (o.name !== t.name || o.domain !== t.domain || (o.counts ?? null) !== (t.counts ?? null)) changed++;
  }
  const removed = before.filter((t) => !now.has(t.code)).length;
  return { added, removed, changed };
}

/** The problems of a 422 `monitoring.catalogue_invalid` refusal (details.problems), else null. */
export function refusedProblems(err: unknown): string[] | null {
  if (!(err instanceof HttpErrorResponse) || err.status !== 422) return null;
  const body = err.error as { code?: unknown; details?: { problems?: unknown } } | null;
  if (body?.code !== 'monitoring.catalogue_invalid') return null;
  const list = body.details?.problems;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : null;
}

/** A problem `code:arg` as the user reads it: the code's text (the catalogue's), then its table code or kind. */
export function problemText(problem: string, message: (code: string) => string | null): string {
  const at = problem.indexOf(':');
  const code = at < 0 ? problem : problem.slice(0, at);
  const arg = at < 0 ? '' : problem.slice(at + 1);
  const text = message(code) ?? code;
  return arg ? `${text}（${arg}）` : text;
}
