import { ChangeDetectionStrategy, Component, computed, effect, inject, linkedSignal, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  CONNECTION_STATUS_LABELS,
  TIER_LABELS,
  type Anomaly,
  type ConnectionStatus,
  type InstitutionRow,
  type OverviewQuery,
  type RegionRollupView,
  type Tier,
} from '@hutong/monitoring-model';
import { AuthService, I18nService } from '@hutong/platform-web';
import { FilterBar, PagedTable, listState, loadResource, type PagedSource } from '@hutong/platform-web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import { MonChart } from './mon-chart';
import { MonitoringApi } from './monitoring-api';
import { MonitoringState } from './monitoring-state';
import {
  CONNECTION_COLORS,
  TIERS,
  TIER_COLORS,
  anomalyLabel,
  anomalyReason,
  calendarCells,
  count,
  day,
  heatHeight,
  labelOf,
  pct,
  periodFromParams,
  regionTree,
  shanghaiToday,
  shortDay,
  tierChartOption,
  type PeriodChoice,
} from './monitoring-logic';
import { PeriodPicker } from './period-picker';

type Sort = NonNullable<OverviewQuery['sort']>;
interface Filters {
  tier: Tier | null;
  connection: ConnectionStatus | null;
  anomalous: boolean;
  q: string;
}
const CONNECTIONS: ConnectionStatus[] = ['connected', 'other_platform', 'not_connected'];
const CALENDAR_PAGE = 20;

/**
 * 监测总览: a region's institutions over a period — the summary (institutions, connected and 接入率, volume, the
 * 门急诊/出院 upload rates, anomalies), the tier distribution, the daily trend, the sub-regions (one click makes
 * it the scope), the institutions (filter, sort, page, export; anomalies with their reasons) and the upload
 * calendar. The scope and the period stay in the URL.
 */
@Component({
  selector: 'lib-monitoring-overview-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzCheckboxModule,
    NzEmptyModule,
    NzIconModule,
    NzPaginationModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    NzTooltipModule,
    NzTreeSelectModule,
    FilterBar,
    PagedTable,
    MonChart,
    PeriodPicker,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
      margin-bottom: 16px;
    }
    .scope {
      width: 260px;
    }
    .spacer {
      flex: 1 1 auto;
    }
    .block {
      display: block;
      margin-bottom: 16px;
    }
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
      gap: 16px;
      margin-bottom: 16px;
    }
    .card {
      display: block;
      padding: 16px;
      background: #fff;
      border: 1px solid #f0f0f0;
      border-radius: 8px;
      color: inherit;
    }
    button.card {
      text-align: left;
      cursor: pointer;
      font: inherit;
    }
    button.card:hover,
    button.card.active {
      border-color: #1677ff;
    }
    .figure {
      font-size: 26px;
      font-weight: 600;
    }
    .figure.danger {
      color: #cf1322;
    }
    .sub {
      font-size: 12px;
    }
    .charts {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 16px;
      margin-bottom: 16px;
    }
    @media (max-width: 1000px) {
      .charts {
        grid-template-columns: 1fr;
      }
    }
    .tags nz-tag {
      margin-bottom: 2px;
    }
    .pager {
      display: flex;
      justify-content: flex-end;
      margin-top: 8px;
    }
    .small {
      font-size: 12px;
    }
  `,
  template: `
    <div class="toolbar">
      <nz-tree-select
        class="scope"
        [nzNodes]="tree()"
        nzShowSearch
        [nzDropdownMatchSelectWidth]="false"
        [nzPlaceHolder]="t('mon.scope')"
        [ngModel]="scope()"
        (ngModelChange)="pickScope($event)"
        data-testid="mon-scope"
      />
      <lib-period-picker [value]="period()" (changed)="pickPeriod($event)" />
      <span class="spacer"></span>
      @if (exportUrl(); as url) {
        <a nz-button [href]="url" download data-testid="mon-export"
          ><nz-icon nzType="download" />{{ t('mon.export') }}</a
        >
      }
    </div>

    @if (load.errorMessage(); as m) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="m" class="block" data-testid="mon-error" />
    }
    @if (view(); as v) {
      <div class="muted block" data-testid="mon-scope-line">
        {{
          t('mon.scopeLine', {
            name: v.scope.name,
            from: day(v.period.from),
            to: day(v.period.to),
            asOf: day(v.asOf),
            days: v.days,
          })
        }}
      </div>
      <nz-alert
        nzType="info"
        nzShowIcon
        class="block"
        [nzMessage]="
          t('mon.requirement', {
            name: v.requirement.catalogue.name,
            version: v.requirement.catalogue.version,
            tables: v.requirement.catalogue.tables.length,
            setOn: v.requirement.setOn.name,
          })
        "
        [nzDescription]="v.requirement.catalogue.note || null"
        data-testid="mon-requirement"
      />
      <div class="cards">
        <div class="card" data-testid="mon-card-institutions">
          <div class="muted">{{ t('mon.institutions') }}</div>
          <div class="figure">{{ count(v.rollup.institutions) }}</div>
        </div>
        <div class="card" data-testid="mon-card-connected">
          <div class="muted">{{ t('mon.connected') }}</div>
          <div class="figure">{{ count(v.rollup.connected) }}</div>
          <div class="muted sub">{{ t('mon.connectionRate') }} {{ pct(v.rollup.connectionRate) }}</div>
        </div>
        <div class="card" data-testid="mon-card-volume">
          <div class="muted">{{ t('mon.volume') }}</div>
          <div class="figure">{{ count(v.rollup.volume) }}</div>
        </div>
        <div class="card" data-testid="mon-card-outpatient">
          <div class="muted">{{ t('mon.outpatientRate') }}</div>
          <div class="figure">{{ pct(v.rollup.outpatientRate) }}</div>
          <div class="muted sub">{{ t('mon.uploaded', { n: count(v.rollup.outpatientUploaded) }) }}</div>
        </div>
        <div class="card" data-testid="mon-card-discharge">
          <div class="muted">{{ t('mon.dischargeRate') }}</div>
          <div class="figure">{{ pct(v.rollup.dischargeRate) }}</div>
          <div class="muted sub">{{ t('mon.uploaded', { n: count(v.rollup.dischargeUploaded) }) }}</div>
        </div>
        <button
          type="button"
          class="card"
          [class.active]="list.filters().anomalous"
          (click)="list.setFilter('anomalous', !list.filters().anomalous)"
          data-testid="mon-card-anomalies"
        >
          <div class="muted">{{ t('mon.anomalies') }}</div>
          <div class="figure" [class.danger]="v.anomalies > 0">{{ count(v.anomalies) }}</div>
          <div class="muted sub">{{ t('mon.anomaliesHint') }}</div>
        </button>
      </div>

      <div class="charts">
        <nz-card [nzTitle]="t('mon.tierChart')" nzSize="small" data-testid="mon-tiers">
          @if (v.rollup.institutions > 0) {
            <lib-mon-chart [options]="tierChart()" />
            <div class="muted small">{{ t('mon.tierRule') }}</div>
          } @else {
            <nz-empty [nzNotFoundContent]="t('mon.noInstitutions')" />
          }
        </nz-card>
        <nz-card [nzTitle]="t('mon.trend')" nzSize="small" data-testid="mon-trend">
          @if (trendLoad.errorMessage(); as m) {
            <div class="load-error">{{ m }}</div>
          } @else if (hasTrend()) {
            <lib-mon-chart [options]="trendChart()" />
          } @else {
            <nz-empty [nzNotFoundContent]="trendLoad.loading() ? t('mon.loading') : t('mon.noTrend')" />
          }
        </nz-card>
      </div>

      @if (v.children.length) {
        <nz-card [nzTitle]="t('mon.subRegions')" nzSize="small" class="block" data-testid="mon-children">
          <nz-table
            #children
            nzSize="small"
            [nzData]="v.children"
            [nzPageSize]="50"
            [nzHideOnSinglePage]="true"
            [nzScroll]="{ x: '960px' }"
          >
            <thead>
              <tr>
                <th>{{ t('mon.region') }}</th>
                <th nzAlign="right">{{ t('mon.institutions') }}</th>
                <th nzAlign="right">{{ t('mon.connected') }}</th>
                <th nzAlign="right">{{ t('mon.connectionRate') }}</th>
                <th nzAlign="right">{{ t('mon.volume') }}</th>
                <th nzAlign="right">{{ t('mon.outpatientRate') }}</th>
                <th nzAlign="right">{{ t('mon.dischargeRate') }}</th>
                @for (tier of tiers; track tier) {
                  <th nzAlign="right">{{ tierLabel(tier) }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (c of children.data; track c.id) {
                <tr class="clickable" (click)="pickScope(c.id)" data-testid="mon-child" [attr.data-name]="c.name">
                  <td>
                    <a
                      routerLink="/monitoring"
                      (click)="$event.preventDefault(); $event.stopPropagation(); pickScope(c.id)"
                      >{{ c.name }}</a
                    >
                  </td>
                  <td nzAlign="right">{{ count(c.rollup.institutions) }}</td>
                  <td nzAlign="right">{{ count(c.rollup.connected) }}</td>
                  <td nzAlign="right">{{ pct(c.rollup.connectionRate) }}</td>
                  <td nzAlign="right">{{ count(c.rollup.volume) }}</td>
                  <td nzAlign="right">{{ pct(c.rollup.outpatientRate) }}</td>
                  <td nzAlign="right">{{ pct(c.rollup.dischargeRate) }}</td>
                  @for (tier of tiers; track tier) {
                    <td nzAlign="right">{{ tierOf(c, tier) }}</td>
                  }
                </tr>
              }
            </tbody>
          </nz-table>
        </nz-card>
      }
    }

    <nz-card [nzTitle]="t('mon.institutionList')" nzSize="small" class="block" data-testid="mon-institutions">
      <lib-filter-bar
        [placeholder]="t('mon.search')"
        searchTestId="mon-search"
        (searched)="list.setFilter('q', $event)"
        (cleared)="list.reset()"
      >
        <nz-select
          class="filter"
          nzAllowClear
          [nzPlaceHolder]="t('mon.allTiers')"
          [ngModel]="list.filters().tier"
          (ngModelChange)="list.setFilter('tier', $event ?? null)"
          data-testid="mon-filter-tier"
        >
          @for (tier of tiers; track tier) {
            <nz-option [nzValue]="tier" [nzLabel]="tierLabel(tier)" />
          }
        </nz-select>
        <nz-select
          class="filter"
          nzAllowClear
          [nzPlaceHolder]="t('mon.allConnections')"
          [ngModel]="list.filters().connection"
          (ngModelChange)="list.setFilter('connection', $event ?? null)"
          data-testid="mon-filter-connection"
        >
          @for (c of connections; track c) {
            <nz-option [nzValue]="c" [nzLabel]="connectionLabel(c)" />
          }
        </nz-select>
        <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -- nz-checkbox is the control -->
        <label
          nz-checkbox
          [ngModel]="list.filters().anomalous"
          (ngModelChange)="list.setFilter('anomalous', $event)"
          data-testid="mon-filter-anomalous"
          >{{ t('mon.anomalousOnly') }}</label
        >
      </lib-filter-bar>
      <nz-table
        #table
        nzSize="middle"
        [libPagedTable]="rows"
        [libEmpty]="filtered() ? t('mon.emptyFiltered') : t('mon.empty')"
        libEmptyTestId="mon-empty"
        [nzScroll]="{ x: '1400px' }"
        data-testid="mon-table"
      >
        <thead>
          <tr>
            <th
              nzLeft
              nzWidth="240px"
              [nzSortFn]="true"
              [nzSortOrder]="list.sortOrder('name')"
              (nzSortOrderChange)="list.sortBy('name', $event)"
            >
              {{ t('mon.institution') }}
            </th>
            <th nzWidth="110px">{{ t('mon.region') }}</th>
            <th nzWidth="130px">{{ t('mon.connection') }}</th>
            <th
              nzWidth="110px"
              [nzSortFn]="true"
              [nzSortOrder]="list.sortOrder('tier')"
              (nzSortOrderChange)="list.sortBy('tier', $event)"
            >
              {{ t('mon.tier') }}
            </th>
            <th
              nzWidth="130px"
              nzAlign="right"
              [nzSortFn]="true"
              [nzSortOrder]="list.sortOrder('completeness')"
              (nzSortOrderChange)="list.sortBy('completeness', $event)"
            >
              {{ t('mon.completeness') }}
            </th>
            <th
              nzWidth="100px"
              nzAlign="right"
              [nzSortFn]="true"
              [nzSortOrder]="list.sortOrder('uploadDays')"
              (nzSortOrderChange)="list.sortBy('uploadDays', $event)"
            >
              {{ t('mon.uploadDays') }}
            </th>
            <th nzWidth="90px" nzAlign="right">{{ t('mon.interruptionDays') }}</th>
            <th
              nzWidth="120px"
              nzAlign="right"
              [nzSortFn]="true"
              [nzSortOrder]="list.sortOrder('volume')"
              (nzSortOrderChange)="list.sortBy('volume', $event)"
            >
              {{ t('mon.volume') }}
            </th>
            <th
              nzWidth="120px"
              nzAlign="right"
              [nzSortFn]="true"
              [nzSortOrder]="list.sortOrder('outpatientRate')"
              (nzSortOrderChange)="list.sortBy('outpatientRate', $event)"
            >
              {{ t('mon.outpatientRate') }}
            </th>
            <th nzWidth="110px" nzAlign="right">{{ t('mon.dischargeRate') }}</th>
            <th nzWidth="140px">{{ t('mon.lastUpload') }}</th>
            <th>{{ t('mon.anomalyCol') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (r of table.data; track r.id) {
            <tr class="clickable" (click)="openRow(r)" data-testid="mon-row" [attr.data-code]="r.code">
              <td nzLeft>
                <a [routerLink]="['/monitoring/institutions', r.id]" (click)="$event.stopPropagation()">{{ r.name }}</a>
                <div class="muted small">{{ r.code }}</div>
              </td>
              <td>{{ r.region }}</td>
              <td>
                <nz-tag
                  [nzColor]="connectionColor(r.connection)"
                  [nz-tooltip]="r.connectionNote || null"
                  data-testid="mon-row-connection"
                  >{{ connectionLabel(r.connection) }}</nz-tag
                >
              </td>
              <td>
                @if (r.connection !== 'not_connected') {
                  <nz-tag [nzColor]="tierColor(r.metrics.tier)">{{ tierLabel(r.metrics.tier) }}</nz-tag>
                } @else {
                  <span class="muted">—</span>
                }
              </td>
              <td nzAlign="right">
                {{ r.metrics.tablesUploaded }}/{{ r.metrics.tablesRequired }}
                <div class="muted small">{{ pct(r.metrics.completeness) }}</div>
              </td>
              <td nzAlign="right">{{ r.metrics.uploadDays }}</td>
              <td nzAlign="right">{{ r.metrics.interruptionDays }}</td>
              <td nzAlign="right">{{ count(r.metrics.volume) }}</td>
              <td nzAlign="right">{{ pct(r.metrics.outpatientRate) }}</td>
              <td nzAlign="right">{{ pct(r.metrics.dischargeRate) }}</td>
              <td class="nowrap">{{ day(r.metrics.lastUploadDate) }}</td>
              <td class="tags">
                @for (a of r.anomalies; track $index) {
                  <nz-tag nzColor="red" [nz-tooltip]="reason(a)" data-testid="mon-anomaly" [attr.data-kind]="a.kind">{{
                    anomalyText(a)
                  }}</nz-tag>
                }
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>

    <nz-card [nzTitle]="t('mon.calendar')" nzSize="small" data-testid="mon-calendar">
      @if (calendarLoad.errorMessage(); as m) {
        <div class="load-error">{{ m }}</div>
      } @else if (calendarRows().length) {
        <lib-mon-chart [options]="calendarChart()" [height]="calendarHeight()" />
        <div class="pager">
          <nz-pagination
            nzSize="small"
            [nzPageIndex]="calendarPage()"
            [nzPageSize]="calendarPageSize"
            [nzTotal]="calendarTotal()"
            [nzHideOnSinglePage]="true"
            (nzPageIndexChange)="calendarPage.set($event)"
          />
        </div>
      } @else {
        <nz-empty [nzNotFoundContent]="calendarLoad.loading() ? t('mon.loading') : t('mon.noInstitutions')" />
      }
    </nz-card>
  `,
})
export class OverviewPage {
  private readonly api = inject(MonitoringApi);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly tiers = TIERS;
  protected readonly connections = CONNECTIONS;
  protected readonly calendarPageSize = CALENDAR_PAGE;
  private readonly today = shanghaiToday();
  private readonly params = inject(ActivatedRoute).snapshot.queryParamMap;
  private readonly state = inject(MonitoringState);

  private readonly regionsLoad = loadResource({ loader: () => this.api.regions() });
  protected readonly tree = computed(() => {
    const r = this.regionsLoad.value();
    return r ? regionTree(r.regions, r.roots) : [];
  });
  /** the scope: the URL's, else the user's jurisdiction, else the first root (an admin's) */
  protected readonly scope = linkedSignal<string | null>(() => {
    const wanted = this.params.get('scope') ?? this.state.scope();
    if (wanted) return wanted;
    const j = this.auth.me()?.jurisdiction?.id;
    if (j) return j;
    return this.regionsLoad.value()?.roots[0] ?? null;
  });
  protected readonly period = signal<PeriodChoice>(
    this.params.get('from') || !this.state.period()
      ? periodFromParams(this.params.get('from'), this.params.get('to'), this.params.get('asOf'), this.today)
      : (this.state.period() as PeriodChoice),
  );
  protected readonly list = listState<Filters, Sort>({
    filters: { tier: null, connection: null, anomalous: false, q: '' },
    pageSize: 20,
  });

  private readonly query = computed<OverviewQuery | undefined>(() => {
    const scope = this.scope();
    if (!scope) return undefined;
    const p = this.period();
    const q = this.list.query();
    return {
      scope,
      from: p.from,
      to: p.to,
      asOf: p.asOf,
      tier: q.filters.tier ?? undefined,
      connection: q.filters.connection ?? undefined,
      anomalous: q.filters.anomalous || undefined,
      q: q.filters.q || undefined,
      sort: q.sort ?? undefined,
      dir: q.dir ?? undefined,
      page: q.page,
      pageSize: q.pageSize,
    };
  });
  protected readonly load = loadResource({ params: () => this.query(), loader: (q) => this.api.overview(q) });
  protected readonly view = computed(() => this.load.value() ?? null);
  protected readonly rows: PagedSource<InstitutionRow> = {
    rows: computed(() => this.view()?.rows.items ?? []),
    total: computed(() => this.view()?.rows.total ?? 0),
    loading: this.load.loading,
    page: this.list.page,
    pageSize: this.list.pageSize,
    pageSizes: this.list.pageSizes,
    setPage: (p) => this.list.setPage(p),
    setPageSize: (s) => this.list.setPageSize(s),
  };
  protected readonly filtered = computed(() => {
    const f = this.list.filters();
    return !!(f.tier || f.connection || f.anomalous || f.q);
  });
  protected readonly exportUrl = computed(() => {
    const q = this.query();
    return q ? this.api.exportUrl(q) : null;
  });

  private readonly periodParams = computed(() => {
    const scope = this.scope();
    const p = this.period();
    return scope ? { scope, period: { from: p.from, to: p.to, asOf: p.asOf } } : undefined;
  });
  protected readonly trendLoad = loadResource({
    params: () => this.periodParams(),
    loader: (p) => this.api.trend(p.scope, p.period),
  });
  protected readonly hasTrend = computed(() => (this.trendLoad.value() ?? []).some((d) => d.records > 0));
  protected readonly calendarPage = linkedSignal<unknown, number>({ source: this.periodParams, computation: () => 1 });
  protected readonly calendarLoad = loadResource({
    params: () => {
      const p = this.periodParams();
      return p ? { ...p, page: this.calendarPage() } : undefined;
    },
    loader: (p) => this.api.calendar(p.scope, p.period, p.page, CALENDAR_PAGE),
  });
  protected readonly calendarRows = computed(() => this.calendarLoad.value()?.rows.items ?? []);
  protected readonly calendarTotal = computed(() => this.calendarLoad.value()?.rows.total ?? 0);
  protected readonly calendarHeight = computed(() => heatHeight(this.calendarRows().length, 22));

  protected readonly tierChart = computed(() => {
    const v = this.view();
    return v ? tierChartOption(v.rollup, this.i18n.lang()) : {};
  });

  protected readonly trendChart = computed(() => {
    const points = this.trendLoad.value() ?? [];
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => shortDay(p.date)) },
      yAxis: [
        { type: 'value', name: this.t('mon.records'), minInterval: 1 },
        { type: 'value', name: this.t('mon.institutionsShort'), minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar',
          name: this.t('mon.records'),
          data: points.map((p) => p.records),
          itemStyle: { color: '#91caff' },
        },
        {
          type: 'line',
          name: this.t('mon.uploadingInstitutions'),
          yAxisIndex: 1,
          data: points.map((p) => p.institutions),
          itemStyle: { color: '#1677ff' },
          symbolSize: 4,
        },
      ],
    };
  });

  protected readonly calendarChart = computed(() => {
    const v = this.calendarLoad.value();
    const rows = v?.rows.items ?? [];
    const days = v?.days ?? [];
    const cells = calendarCells(rows);
    const uploaded = this.t('mon.uploadedDay');
    const missing = this.t('mon.missingDay');
    return {
      animation: false,
      tooltip: {
        formatter: (p: { data: [number, number, number] }) => {
          const [x, y, u] = p.data;
          return `${rows[y]?.name ?? ''}<br/>${day(days[x] ?? '', this.i18n.lang())}：${u ? uploaded : missing}`;
        },
      },
      grid: { left: 8, right: 16, top: 8, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: days.map(shortDay), splitArea: { show: true } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.name),
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      visualMap: {
        type: 'piecewise',
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        pieces: [
          { value: 1, label: uploaded, color: '#52c41a' },
          { value: 0, label: missing, color: '#f0f0f0' },
        ],
      },
      series: [{ type: 'heatmap', data: cells.data, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
    };
  });

  protected readonly count = count;
  protected readonly pct = pct;
  protected readonly day = (d: string | null | undefined) => day(d, this.i18n.lang());
  protected readonly tierLabel = (tier: Tier) => labelOf(TIER_LABELS, tier, this.i18n.lang());
  protected readonly tierColor = (tier: Tier) => TIER_COLORS[tier];
  protected readonly connectionLabel = (c: ConnectionStatus) => labelOf(CONNECTION_STATUS_LABELS, c, this.i18n.lang());
  protected readonly connectionColor = (c: ConnectionStatus) => CONNECTION_COLORS[c];
  protected readonly reason = (a: Anomaly) => anomalyReason(a, this.i18n.lang());
  protected readonly anomalyText = (a: Anomaly) => anomalyLabel(a, this.i18n.lang());
  protected readonly tierOf = (c: RegionRollupView, tier: Tier) => count(c.rollup.tiers[tier] ?? 0);

  constructor() {
    // the scope and the period are kept for the way back from an institution
    effect(() => {
      const scope = this.scope();
      const p = this.period();
      if (scope) this.state.scope.set(scope);
      this.state.period.set(p);
    });
  }

  protected pickScope(id: string | null): void {
    if (!id || id === this.scope()) return;
    this.scope.set(id);
    this.list.setPage(1);
  }

  protected pickPeriod(p: PeriodChoice): void {
    this.period.set(p);
    this.list.setPage(1);
  }

  protected openRow(r: InstitutionRow): void {
    void this.router.navigate(['/monitoring/institutions', r.id]);
  }
}
