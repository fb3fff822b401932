import { Injectable } from '@nestjs/common';
import {
  agreement,
  connectivityScore,
  countedDays,
  weightsProblem,
  metricsOf,
  qualityScores,
  rollup,
  rowAnomalies,
  trendAnomalies,
  type ConnectionStatus,
  type DailyTableCount,
  type InstitutionDetailView,
  type InstitutionRow,
  type OverviewQuery,
  type OverviewView,
  type Period,
  type RequirementView,
  type RollupRow,
  type ScoreView,
  type ScoreWeights,
  type TrendPoint,
  type UploadCalendarView,
} from '@hutong/monitoring-model';
import { isValidDate, shanghaiDate } from '@hutong/platform-model';
import { coded, notFound } from '@hutong/platform-server';
import { OrganisationService } from '@hutong/organisations-server';
import { CatalogueService } from './catalogue.service';
import { ConnectionService } from './connection.service';
import { MONITORED_KINDS } from './ingestion.service';
import { StatisticsRepository, maskOf, type PeriodAggregate } from './statistics.repository';
import { TableDictionary } from './table-dictionary';
import { RegionalSchemeReader } from './regional-scheme';

/** Chinese name order (pinyin), one collator for every comparison (localeCompare builds one per call). */
const ZH = new Intl.Collator('zh');

/** The longest period read at once (a year and a day). */
export const MAX_PERIOD_DAYS = 366;

/** A period split for reading: its whole months (from the pre-aggregate) and its other days (from the daily rows). */
export function splitPeriod(days: readonly string[]): { months: string[]; edgeDays: string[] } {
  const byMonth = new Map<string, string[]>();
  for (const d of days) {
    const m = `${d.slice(0, 7)}-01`;
    byMonth.set(m, [...(byMonth.get(m) ?? []), d]);
  }
  const months: string[] = [];
  const edgeDays: string[] = [];
  for (const [m, ds] of byMonth) {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    const length = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (ds.length === length) months.push(m);
    else edgeDays.push(...ds);
  }
  return { months, edgeDays };
}

interface Scoped {
  period: Period;
  asOf: string;
  days: string[];
  requirement: RequirementView;
  requiredIds: number[];
  visitsId: number;
  dischargesId: number;
}

/**
 * The metrics of DESIGN.md §4 from the stored statistics: a scope's institutions at once (SQL over the month
 * pre-aggregates and the period's edge days, one statement) turned into metrics, tiers, anomalies and rollups by
 * the model's rules; one institution's page with its per-table × per-day grid.
 */
@Injectable()
export class MetricsService {
  constructor(
    private readonly repo: StatisticsRepository,
    private readonly dict: TableDictionary,
    private readonly catalogues: CatalogueService,
    private readonly connections: ConnectionService,
    private readonly orgs: OrganisationService,
    private readonly scheme: RegionalSchemeReader,
  ) {}

  private async scoped(orgId: string, q: { from: string; to: string; asOf?: string }): Promise<Scoped> {
    if (!isValidDate(q.from) || !isValidDate(q.to) || q.to < q.from)
      throw coded('monitoring.period_invalid', { from: q.from, to: q.to });
    const asOf = q.asOf ?? shanghaiDate(new Date());
    if (!isValidDate(asOf)) throw coded('monitoring.period_invalid', { from: q.from, to: q.to });
    const all = countedDays({ from: q.from, to: q.to }, '9999-12-31');
    if (all.length > MAX_PERIOD_DAYS) throw coded('monitoring.period_too_long', { max: MAX_PERIOD_DAYS });
    const days = asOf < q.from ? [] : countedDays({ from: q.from, to: q.to }, asOf);
    const requirement = await this.catalogues.requirementAt(orgId);
    const dict = await this.dict.load();
    const idOf = (code: string) => dict.get(code) ?? 0;
    const tables = requirement.catalogue.tables;
    return {
      period: { from: q.from, to: q.to },
      asOf,
      days,
      requirement,
      requiredIds: tables.map((t) => idOf(t.code)).filter((n) => n > 0),
      visitsId: idOf(tables.find((t) => t.counts === 'visits')?.code ?? ''),
      dischargesId: idOf(tables.find((t) => t.counts === 'discharges')?.code ?? ''),
    };
  }

  private aggregates(s: Scoped, unitIds: number[]): Promise<PeriodAggregate[]> {
    const { months, edgeDays } = splitPeriod(s.days);
    return this.repo.periodAggregates(unitIds, months, edgeDays, maskOf(s.requiredIds), s.visitsId, s.dischargesId);
  }

  async overview(scopePath: string, q: OverviewQuery): Promise<OverviewView> {
    return (await this.computeOverview(scopePath, q)).view;
  }

  /** Every row of the overview (filtered and sorted as asked) from one computation, for the export and the bulletin. */
  async allRows(scopePath: string, q: OverviewQuery): Promise<{ view: OverviewView; rows: InstitutionRow[] }> {
    const { view, filtered } = await this.computeOverview(scopePath, q);
    return { view, rows: filtered };
  }

  private async computeOverview(
    scopePath: string,
    q: OverviewQuery,
  ): Promise<{ view: OverviewView; filtered: InstitutionRow[] }> {
    const started = Date.now();
    const scope = await this.orgs.get(q.scope);
    if (scope.level === 'institution') throw coded('monitoring.scope_not_region');
    const s = await this.scoped(q.scope, q);
    const institutions = await this.orgs.matching({ under: scopePath, within: q.scope, kinds: MONITORED_KINDS });
    const ids = institutions.map((o) => o.id);
    const [units, connections, references, children] = await Promise.all([
      this.repo.existingUnits(ids),
      this.connections.asOf(ids, s.asOf),
      this.connections.references(ids, s.period.from, s.period.to),
      this.orgs.childrenOf(q.scope),
    ]);
    const aggs = new Map((await this.aggregates(s, [...units.values()])).map((a) => [a.unitId, a]));
    const childOf = new Map<string, string>();
    const regionIds = new Set(children.filter((c) => c.level !== 'institution').map((c) => c.id));
    const scopeName = scope.name;
    const rows: InstitutionRow[] = institutions.map((o) => {
      const segs = o.path.split('/').filter(Boolean);
      const child = segs[segs.indexOf(q.scope) + 1];
      const region = child && regionIds.has(child) ? child : q.scope;
      childOf.set(o.id, region);
      const unit = units.get(o.id);
      const a = unit === undefined ? undefined : aggs.get(unit);
      const reference = references.get(o.id) ?? { visits: null, discharges: null };
      const m = metricsOf(
        {
          volume: a?.total ?? 0,
          uploadDays: a?.uploadDays ?? 0,
          lastUploadDate: a?.lastDay ?? null,
          tablesUploaded: a?.tables ?? 0,
          outpatientUploaded: a?.visits ?? 0,
          dischargeUploaded: a?.discharges ?? 0,
          ...(a ? { lags: { t0: a.lags[0], t1: a.lags[1], t2: a.lags[2], later: a.lags[3] } } : {}),
        },
        { days: s.days.length, tablesRequired: s.requiredIds.length, reference },
      );
      const c = connections.get(o.id);
      const connection: ConnectionStatus = c?.status ?? (m.volume > 0 ? 'connected' : 'not_connected');
      const anomalies = rowAnomalies({
        volume: m.volume,
        uploadDays: m.uploadDays,
        outpatientUploaded: m.outpatientUploaded,
        outpatientRate: m.outpatientRate,
        dischargeUploaded: m.dischargeUploaded,
        dischargeRate: m.dischargeRate,
      });
      return {
        id: o.id,
        code: o.code,
        name: o.name,
        region: region === q.scope ? `${scopeName}直属` : '',
        connection,
        connectionNote: c?.note ?? (c ? '' : m.volume > 0 ? '据上传数据' : '无联通记录'),
        metrics: { ...m, missingTables: m.tablesRequired - m.tablesUploaded },
        reference,
        anomalies,
      };
    });
    const names = new Map(children.map((c) => [c.id, c.name]));
    for (const r of rows) if (!r.region) r.region = names.get(childOf.get(r.id)!) ?? '';
    const asRollup = (r: InstitutionRow): RollupRow => ({
      connection: r.connection,
      metrics: r.metrics,
      reference: r.reference,
    });
    const byChild = new Map<string, RollupRow[]>();
    for (const r of rows) {
      const k = childOf.get(r.id)!;
      const list = byChild.get(k);
      if (list) list.push(asRollup(r));
      else byChild.set(k, [asRollup(r)]);
    }
    const childViews = [
      ...children
        .filter((c) => regionIds.has(c.id))
        .map((c) => ({ id: c.id, name: c.name, rollup: rollup(byChild.get(c.id) ?? []) })),
      ...(byChild.has(q.scope)
        ? [{ id: q.scope, name: `${scopeName}直属`, rollup: rollup(byChild.get(q.scope)!) }]
        : []),
    ];
    const filtered = this.filterSort(rows, q);
    const page = Math.max(1, q.page ?? 1);
    const pageSize = Math.min(500, Math.max(1, q.pageSize ?? 20));
    const view: OverviewView = {
      scope: { id: scope.id, name: scope.name, level: scope.level },
      period: s.period,
      asOf: s.asOf,
      days: s.days.length,
      requirement: s.requirement,
      rollup: rollup(rows.map(asRollup)),
      children: childViews,
      anomalies: rows.filter((r) => r.anomalies.length).length,
      rows: {
        items: filtered.slice((page - 1) * pageSize, page * pageSize),
        total: filtered.length,
        page,
        pageSize,
      },
      computedMs: Date.now() - started,
    };
    return { view, filtered };
  }

  private filterSort(rows: InstitutionRow[], q: OverviewQuery): InstitutionRow[] {
    const needle = q.q?.trim().toLowerCase();
    const out = rows.filter(
      (r) =>
        (q.tier === undefined || (r.connection !== 'not_connected' && r.metrics.tier === q.tier)) &&
        (q.connection === undefined || r.connection === q.connection) &&
        (!q.anomalous || r.anomalies.length > 0) &&
        (!needle || r.name.toLowerCase().includes(needle) || r.code.toLowerCase().includes(needle)),
    );
    const dir = q.dir === 'desc' ? -1 : 1;
    const key = q.sort ?? 'name';
    const value = (r: InstitutionRow): number | string =>
      key === 'name'
        ? r.name
        : key === 'outpatientRate'
          ? (r.metrics.outpatientRate ?? -1)
          : key === 'tier'
            ? r.metrics.tier
            : r.metrics[key];
    return out.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const c = typeof x === 'string' ? ZH.compare(x, y as string) : x - (y as number);
      return c * dir || a.code.localeCompare(b.code);
    });
  }

  /** The scope's institutions (id, name, unit) in name order. */
  private async scopeUnits(scopePath: string, scope: string) {
    const institutions = await this.orgs.matching({ under: scopePath, within: scope, kinds: MONITORED_KINDS });
    const units = await this.repo.existingUnits(institutions.map((o) => o.id));
    return { institutions, units };
  }

  /** Per counted day of the period: the scope's records and how many institutions uploaded. */
  async trend(scopePath: string, q: { scope: string; from: string; to: string; asOf?: string }): Promise<TrendPoint[]> {
    const s = await this.scoped(q.scope, q);
    const first = s.days[0];
    const last = s.days[s.days.length - 1];
    if (!first || !last) return [];
    const { units } = await this.scopeUnits(scopePath, q.scope);
    const byDay = new Map((await this.repo.trend([...units.values()], first, last)).map((p) => [p.date, p]));
    return s.days.map((d) => byDay.get(d) ?? { date: d, records: 0, institutions: 0 });
  }

  /** Upload days per institution of the scope over the counted days (a page of institutions by name). */
  async calendar(
    scopePath: string,
    q: { scope: string; from: string; to: string; asOf?: string; page?: number; pageSize?: number },
  ): Promise<UploadCalendarView> {
    const s = await this.scoped(q.scope, q);
    const { institutions, units } = await this.scopeUnits(scopePath, q.scope);
    const sorted = [...institutions].sort((a, b) => ZH.compare(a.name, b.name) || a.code.localeCompare(b.code));
    const page = Math.max(1, q.page ?? 1);
    const pageSize = Math.min(200, Math.max(1, q.pageSize ?? 50));
    const slice = sorted.slice((page - 1) * pageSize, page * pageSize);
    const first = s.days[0];
    const last = s.days[s.days.length - 1];
    const ids = slice.map((o) => units.get(o.id)).filter((u): u is number => u !== undefined);
    const days = first && last ? await this.repo.uploadDays(ids, first, last) : new Map<number, Set<string>>();
    return {
      days: s.days,
      rows: {
        items: slice.map((o) => {
          const set = days.get(units.get(o.id) ?? -1);
          return { id: o.id, name: o.name, uploaded: s.days.map((d) => !!set?.has(d)) };
        }),
        total: sorted.length,
        page,
        pageSize,
      },
    };
  }

  /** The annual 互联互通度 scores of the scope's institutions for a calendar year, highest first. */
  async scores(
    scopePath: string,
    q: { scope: string; year: number; asOf?: string; weights: ScoreWeights; page?: number; pageSize?: number },
  ): Promise<ScoreView> {
    const problem = weightsProblem(q.weights);
    if (problem) throw coded(problem);
    const from = `${q.year}-01-01`;
    const to = `${q.year}-12-31`;
    const { view, rows } = await this.allRows(scopePath, {
      scope: q.scope,
      from,
      to,
      ...(q.asOf ? { asOf: q.asOf } : {}),
    });
    const scored = rows
      .map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        region: r.region,
        connection: r.connection,
        score: connectivityScore(r.connection, r.metrics, q.weights),
      }))
      .sort((a, b) => b.score.score - a.score.score || ZH.compare(a.name, b.name));
    const page = Math.max(1, q.page ?? 1);
    const pageSize = Math.min(500, Math.max(1, q.pageSize ?? 20));
    const average = scored.length ? scored.reduce((n, r) => n + r.score.score, 0) / scored.length : 0;
    return {
      scope: { id: view.scope.id, name: view.scope.name },
      year: q.year,
      period: view.period,
      asOf: view.asOf,
      weights: q.weights,
      average: Math.round(average * 100) / 100,
      rows: { items: scored.slice((page - 1) * pageSize, page * pageSize), total: scored.length, page, pageSize },
    };
  }

  /** One institution: its metrics, anomalies (with the trend's), connection history and the per-table × per-day grid. */
  async institution(orgId: string, q: { from: string; to: string; asOf?: string }): Promise<InstitutionDetailView> {
    const [org] = await this.orgs.matching({ under: '/', ids: [orgId], kinds: MONITORED_KINDS });
    if (!org) {
      if (!(await this.orgs.pathOf(orgId))) throw notFound('organisation');
      throw coded('monitoring.not_institution');
    }
    const s = await this.scoped(orgId, q);
    const tables = s.requirement.catalogue.tables;
    const dict = await this.dict.load();
    const units = await this.repo.existingUnits([orgId]);
    const unit = units.get(orgId);
    const first = s.days[0];
    const last = s.days[s.days.length - 1];
    const stored = unit !== undefined && first && last ? await this.repo.unitDays(unit, first, last) : [];
    const byDay = new Map(stored.map((d) => [d.day, d]));
    const daily: DailyTableCount[] = [];
    const codeOf = new Map([...dict.entries()].map(([code, id]) => [id, code]));
    for (const d of stored)
      d.counts.forEach((n, i) => {
        if (n > 0) daily.push({ date: d.day, table: codeOf.get(i + 1) ?? `#${i + 1}`, records: n });
      });
    const lags = stored.reduce(
      (l, d) => ({ t0: l.t0 + d.lags[0], t1: l.t1 + d.lags[1], t2: l.t2 + d.lags[2], later: l.later + d.lags[3] }),
      { t0: 0, t1: 0, t2: 0, later: 0 },
    );
    const reference = (await this.connections.references([orgId], s.period.from, s.period.to)).get(orgId) ?? {
      visits: null,
      discharges: null,
    };
    const required = tables.map((t) => t.code);
    const uploadedTables = new Set(daily.filter((r) => required.includes(r.table)).map((r) => r.table));
    const dayTotals = new Map<string, number>();
    for (const r of daily) dayTotals.set(r.date, (dayTotals.get(r.date) ?? 0) + r.records);
    const uploadDays = [...dayTotals.keys()].sort();
    const visitsCode = tables.find((t) => t.counts === 'visits')?.code;
    const dischargesCode = tables.find((t) => t.counts === 'discharges')?.code;
    const sumOf = (code: string | undefined) =>
      code ? daily.filter((r) => r.table === code).reduce((n, r) => n + r.records, 0) : 0;
    const metrics = metricsOf(
      {
        volume: [...dayTotals.values()].reduce((a, b) => a + b, 0),
        uploadDays: uploadDays.length,
        lastUploadDate: uploadDays[uploadDays.length - 1] ?? null,
        tablesUploaded: uploadedTables.size,
        missingTables: required.filter((c) => !uploadedTables.has(c)),
        outpatientUploaded: sumOf(visitsCode),
        dischargeUploaded: sumOf(dischargesCode),
        ...(stored.length ? { lags } : {}),
      },
      { days: s.days.length, tablesRequired: required.length, reference },
    );
    const history = await this.connections.history(orgId);
    const current = history.find((h) => h.since <= s.asOf) ?? null;
    const anomalies = [
      ...rowAnomalies({
        volume: metrics.volume,
        uploadDays: metrics.uploadDays,
        outpatientUploaded: metrics.outpatientUploaded,
        outpatientRate: metrics.outpatientRate,
        dischargeUploaded: metrics.dischargeUploaded,
        dischargeRate: metrics.dischargeRate,
      }),
      ...(last ? trendAnomalies(daily, required, { asOf: last }) : []),
    ];
    const counts = tables.map((t) => {
      const id = dict.get(t.code);
      return s.days.map((d) => (id ? (byDay.get(d)?.counts[id - 1] ?? 0) : 0));
    });
    const quality =
      org.kind === 'regional_platform'
        ? qualityScores(await this.scheme.tree(), {
            logic: null,
            timeliness: metrics.timeliness,
            completeness: reference.visits ? agreement(metrics.outpatientUploaded, reference.visits) : null,
            stability: s.days.length ? metrics.stability : null,
            accuracy: null,
          })
        : [];
    const connection: ConnectionStatus = current?.status ?? (metrics.volume > 0 ? 'connected' : 'not_connected');
    return {
      score: connectivityScore(connection, metrics),
      org: { id: org.id, code: org.code, name: org.name },
      period: s.period,
      asOf: s.asOf,
      requirement: s.requirement,
      metrics,
      reference,
      connection: current,
      connectionHistory: history,
      anomalies,
      grid: { tables, days: s.days, counts },
      daily: s.days.map((d) => ({ date: d, records: dayTotals.get(d) ?? 0 })),
      quality,
    };
  }
}
