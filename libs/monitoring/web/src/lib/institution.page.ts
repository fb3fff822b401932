import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  CONNECTION_STATUS_LABELS,
  TIER_LABELS,
  type Anomaly,
  type ConnectionStatus,
  type Tier,
} from '@hutong/monitoring-model';
import { AuthService, I18nService, errorMessage, fieldErrors, formatDateTime } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { map } from 'rxjs';
import { MonChart } from './mon-chart';
import { MonitoringApi } from './monitoring-api';
import { MonitoringState } from './monitoring-state';
import {
  CONNECTION_COLORS,
  NOTE_MAX,
  TIER_COLORS,
  anomalyLabel,
  anomalyReason,
  connectionProblems,
  count,
  dailySeries,
  day,
  gridCells,
  heatHeight,
  labelOf,
  pct,
  periodFromParams,
  shanghaiToday,
  shortDay,
  type ConnectionFormValue,
  type PeriodChoice,
} from './monitoring-logic';
import { PeriodPicker, fromDateString, toDateString } from './period-picker';

const STATUSES: ConnectionStatus[] = ['connected', 'other_platform', 'not_connected'];

/**
 * 机构监测详情: one institution over a period — its metrics (completeness x/required, upload and interruption
 * days, last upload, rates, timeliness, stability, tier), the missing tables, anomalies with their reasons, the
 * daily records, the per-table × per-day grid, the connection status with its history (the office records a
 * change here) and, for a regional platform, the 5.2.2 data-quality scores.
 */
@Component({
  selector: 'lib-monitoring-institution-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDatePickerModule,
    NzEmptyModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzRadioModule,
    NzTableModule,
    NzTagModule,
    NzTooltipModule,
    MonChart,
    PeriodPicker,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
      margin-bottom: 16px;
    }
    .head h2 {
      margin: 0;
      font-size: 20px;
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
      grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
      gap: 16px;
      margin-bottom: 16px;
    }
    .card {
      padding: 14px 16px;
      background: #fff;
      border: 1px solid #f0f0f0;
      border-radius: 8px;
    }
    .figure {
      font-size: 24px;
      font-weight: 600;
    }
    .figure.date {
      font-size: 18px;
      line-height: 36px;
      white-space: nowrap;
    }
    .score-part {
      margin-right: 8px;
    }
    .sub {
      font-size: 12px;
    }
    .two {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 16px;
      margin-bottom: 16px;
    }
    @media (max-width: 1000px) {
      .two {
        grid-template-columns: 1fr;
      }
    }
    .missing nz-tag,
    .anomaly nz-tag {
      margin-bottom: 4px;
    }
    .anomaly {
      padding: 6px 0;
      border-bottom: 1px solid #f5f5f5;
    }
    .conn-form {
      margin-top: 16px;
      padding-top: 12px;
      border-top: 1px solid #f0f0f0;
    }
    .row2 {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 12px;
    }
    .full {
      width: 100%;
    }
  `,
  template: `
    <div class="head">
      @if (canReadOverview()) {
        <a nz-button nzType="link" routerLink="/monitoring" data-testid="inst-back"
          ><nz-icon nzType="arrow-left" />{{ t('mon.backToOverview') }}</a
        >
      }
      <h2 data-testid="inst-name">{{ view()?.org?.name ?? t('title.monitoringInstitution') }}</h2>
      @if (view(); as v) {
        <span class="muted">{{ v.org.code }}</span>
        @if (v.connection; as c) {
          <nz-tag [nzColor]="connectionColor(c.status)" data-testid="inst-connection">{{
            connectionLabel(c.status)
          }}</nz-tag>
        }
        @if (v.metrics.days > 0 && v.connection?.status !== 'not_connected') {
          <nz-tag [nzColor]="tierColor(v.metrics.tier)" data-testid="inst-tier">{{ tierLabel(v.metrics.tier) }}</nz-tag>
        }
      }
      <span class="spacer"></span>
      <lib-period-picker [value]="period()" (changed)="period.set($event)" />
    </div>

    @if (load.errorMessage(); as m) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="m" class="block" data-testid="inst-error" />
    }
    @if (view(); as v) {
      <div class="muted block">
        {{
          t('mon.periodLine', {
            from: day(v.period.from),
            to: day(v.period.to),
            asOf: day(v.asOf),
            days: v.metrics.days,
          })
        }}
        · {{ v.requirement.catalogue.name }}
      </div>
      @if (v.requirement.catalogue.note) {
        <nz-alert nzType="info" nzShowIcon class="block" [nzMessage]="v.requirement.catalogue.note" />
      }
      <div class="cards" data-testid="inst-metrics">
        <div class="card">
          <div class="muted">{{ t('mon.completeness') }}</div>
          <div class="figure" data-testid="inst-completeness">
            {{ v.metrics.tablesUploaded }}/{{ v.metrics.tablesRequired }}
          </div>
          <div class="muted sub">{{ pct(v.metrics.completeness) }}</div>
        </div>
        <div class="card">
          <div class="muted">{{ t('mon.uploadDays') }}</div>
          <div class="figure">{{ v.metrics.uploadDays }}</div>
          <div class="muted sub">{{ t('mon.ofDays', { n: v.metrics.days }) }}</div>
        </div>
        <div class="card">
          <div class="muted">{{ t('mon.interruptionDays') }}</div>
          <div class="figure">{{ v.metrics.interruptionDays }}</div>
        </div>
        <div class="card">
          <div class="muted">{{ t('mon.lastUpload') }}</div>
          <div class="figure date">{{ day(v.metrics.lastUploadDate) }}</div>
        </div>
        <div class="card">
          <div class="muted">{{ t('mon.volume') }}</div>
          <div class="figure">{{ count(v.metrics.volume) }}</div>
        </div>
        <div class="card">
          <div class="muted">{{ t('mon.outpatientRate') }}</div>
          <div class="figure">{{ pct(v.metrics.outpatientRate) }}</div>
          <div class="muted sub">
            {{ t('mon.againstReference', { n: count(v.metrics.outpatientUploaded), ref: count(v.reference.visits) }) }}
          </div>
        </div>
        <div class="card">
          <div class="muted">{{ t('mon.dischargeRate') }}</div>
          <div class="figure">{{ pct(v.metrics.dischargeRate) }}</div>
          <div class="muted sub">
            {{
              t('mon.againstReference', { n: count(v.metrics.dischargeUploaded), ref: count(v.reference.discharges) })
            }}
          </div>
        </div>
        <div class="card">
          <div class="muted">{{ t('mon.timeliness') }}</div>
          <div class="figure">{{ v.metrics.timeliness ?? '—' }}</div>
        </div>
        <div class="card">
          <div class="muted">{{ t('mon.stability') }}</div>
          <div class="figure">{{ pct(v.metrics.stability) }}</div>
        </div>
        <div class="card" data-testid="inst-score">
          <div class="muted">{{ t('mon.score') }}</div>
          <div class="figure">{{ v.score.score.toFixed(2) }}</div>
          <div class="muted sub">
            @for (c of v.score.components; track c.part) {
              <span class="score-part">
                {{ t(SCORE_PARTS[c.part]) }}
                {{ c.share === null ? t('mon.notMeasured') : c.points.toFixed(2) }}
              </span>
            }
          </div>
        </div>
      </div>

      <div class="two">
        <nz-card
          [nzTitle]="t('mon.missingTables', { n: v.metrics.missingTables.length })"
          nzSize="small"
          data-testid="inst-missing"
        >
          <div class="missing">
            @for (code of v.metrics.missingTables; track code) {
              <nz-tag [nz-tooltip]="tableName(code)">{{ code }} {{ tableName(code) }}</nz-tag>
            } @empty {
              <nz-empty [nzNotFoundContent]="t('mon.noMissing')" />
            }
          </div>
        </nz-card>
        <nz-card [nzTitle]="t('mon.anomalies')" nzSize="small" data-testid="inst-anomalies">
          @for (a of v.anomalies; track $index) {
            <div class="anomaly" data-testid="inst-anomaly" [attr.data-kind]="a.kind">
              <nz-tag nzColor="red">{{ anomalyText(a) }}</nz-tag>
              <span>{{ reason(a) }}</span>
            </div>
          } @empty {
            <nz-empty [nzNotFoundContent]="t('mon.noAnomalies')" />
          }
        </nz-card>
      </div>

      <nz-card [nzTitle]="t('mon.daily')" nzSize="small" class="block" data-testid="inst-daily">
        @if (hasDaily()) {
          <lib-mon-chart [options]="dailyChart()" [height]="240" />
        } @else {
          <nz-empty [nzNotFoundContent]="t('mon.noData')" />
        }
      </nz-card>

      <nz-card [nzTitle]="t('mon.grid')" nzSize="small" class="block" data-testid="inst-grid">
        @if (v.grid.tables.length && v.grid.days.length) {
          <div class="muted sub">{{ t('mon.gridHint') }}</div>
          <lib-mon-chart [options]="gridChart()" [height]="gridHeight()" />
        } @else {
          <nz-empty [nzNotFoundContent]="t('mon.noData')" />
        }
      </nz-card>

      <nz-card [nzTitle]="t('mon.connection')" nzSize="small" class="block" data-testid="inst-connection-card">
        <nz-table
          #history
          nzSize="small"
          [nzData]="v.connectionHistory"
          [nzPageSize]="10"
          [nzHideOnSinglePage]="true"
          [nzNoResult]="noHistory"
        >
          <thead>
            <tr>
              <th nzWidth="160px">{{ t('mon.since') }}</th>
              <th nzWidth="170px">{{ t('mon.status') }}</th>
              <th>{{ t('mon.note') }}</th>
              <th nzWidth="220px">{{ t('mon.recordedBy') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (h of history.data; track $index) {
              <tr data-testid="inst-history-row">
                <td class="nowrap">{{ day(h.since) }}</td>
                <td>
                  <nz-tag [nzColor]="connectionColor(h.status)">{{ connectionLabel(h.status) }}</nz-tag>
                </td>
                <td>{{ h.note || '—' }}</td>
                <td class="muted">{{ h.recordedBy }} · {{ when(h.recordedAt) }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
        <ng-template #noHistory><nz-empty [nzNotFoundContent]="t('mon.noHistory')" /></ng-template>

        @if (canEdit()) {
          <div class="conn-form" nz-form nzLayout="vertical" data-testid="inst-connection-form">
            <h4>{{ t('mon.recordChange') }}</h4>
            @if (saveError(); as m) {
              <nz-alert nzType="error" nzShowIcon [nzMessage]="m" class="block" data-testid="inst-connection-error" />
            }
            <nz-form-item>
              <nz-form-label nzRequired>{{ t('mon.status') }}</nz-form-label>
              <nz-form-control [nzValidateStatus]="err('status') ? 'error' : ''" [nzErrorTip]="err('status')">
                <nz-radio-group
                  [ngModel]="form().status"
                  (ngModelChange)="patch({ status: $event })"
                  data-testid="inst-connection-status"
                >
                  @for (s of statuses; track s) {
                    <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -->
                    <label nz-radio [nzValue]="s" [attr.data-status]="s">{{ connectionLabel(s) }}</label>
                  }
                </nz-radio-group>
              </nz-form-control>
            </nz-form-item>
            <div class="row2">
              <nz-form-item>
                <nz-form-label [nzRequired]="form().status === 'other_platform'" nzFor="conn-note">{{
                  t('mon.note')
                }}</nz-form-label>
                <nz-form-control [nzValidateStatus]="err('note') ? 'error' : ''" [nzErrorTip]="err('note')">
                  <input
                    nz-input
                    id="conn-note"
                    [ngModel]="form().note"
                    (ngModelChange)="patch({ note: $event })"
                    [placeholder]="t('mon.notePlaceholder')"
                    data-testid="inst-connection-note"
                  />
                </nz-form-control>
              </nz-form-item>
              <nz-form-item>
                <nz-form-label>{{ t('mon.since') }}</nz-form-label>
                <nz-form-control [nzValidateStatus]="err('since') ? 'error' : ''" [nzErrorTip]="err('since')">
                  <nz-date-picker
                    class="full"
                    [ngModel]="sinceDate()"
                    (ngModelChange)="patch({ since: $event ? toDateString($event) : null })"
                    [nzPlaceHolder]="t('mon.sinceToday')"
                    data-testid="inst-connection-since"
                  />
                </nz-form-control>
              </nz-form-item>
            </div>
            <button
              nz-button
              nzType="primary"
              type="button"
              [nzLoading]="saving()"
              (click)="save()"
              data-testid="inst-connection-save"
            >
              {{ t('mon.saveConnection') }}
            </button>
          </div>
        }
      </nz-card>

      @if (v.quality.length) {
        <nz-card [nzTitle]="t('mon.quality')" nzSize="small" class="block" data-testid="inst-quality">
          <nz-table #quality nzSize="small" [nzData]="v.quality" [nzShowPagination]="false">
            <thead>
              <tr>
                <th nzWidth="120px">{{ t('mon.qualityCode') }}</th>
                <th>{{ t('mon.qualityTitle') }}</th>
                <th nzWidth="100px" nzAlign="right">{{ t('mon.qualityPoints') }}</th>
                <th nzWidth="100px" nzAlign="right">{{ t('mon.qualityScore') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (q of quality.data; track q.code) {
                <tr data-testid="inst-quality-row">
                  <td>{{ q.code }}</td>
                  <td>{{ q.title }}</td>
                  <td nzAlign="right">{{ q.points }}</td>
                  <td nzAlign="right">{{ q.score === null ? t('mon.notMeasured') : q.score }}</td>
                </tr>
              }
            </tbody>
          </nz-table>
        </nz-card>
      }
    }
  `,
})
export class InstitutionPage {
  private readonly api = inject(MonitoringApi);
  private readonly auth = inject(AuthService);
  private readonly message = inject(NzMessageService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  private readonly route = inject(ActivatedRoute);

  protected readonly statuses = STATUSES;
  protected readonly toDateString = toDateString;
  private readonly today = shanghaiToday();
  private readonly id = toSignal(this.route.paramMap.pipe(map((p) => p.get('id') ?? '')), { initialValue: '' });
  private readonly qp = this.route.snapshot.queryParamMap;
  private readonly state = inject(MonitoringState);
  /** the link's period, else the one chosen on the overview, else this quarter */
  protected readonly period = signal<PeriodChoice>(
    this.qp.get('from') || !this.state.period()
      ? periodFromParams(this.qp.get('from'), this.qp.get('to'), this.qp.get('asOf'), this.today)
      : (this.state.period() as PeriodChoice),
  );
  protected readonly canEdit = computed(() => ['coordinator', 'admin'].includes(this.auth.role() ?? ''));
  protected readonly canReadOverview = computed(() =>
    ['coordinator', 'admin', 'viewer', 'national'].includes(this.auth.role() ?? ''),
  );

  protected readonly load = loadResource({
    params: () => {
      const id = this.id();
      const p = this.period();
      return id ? { id, period: { from: p.from, to: p.to, asOf: p.asOf } } : undefined;
    },
    loader: (p) => this.api.institution(p.id, p.period),
  });
  protected readonly view = computed(() => this.load.value() ?? null);

  private readonly tableNames = computed(() => new Map((this.view()?.grid.tables ?? []).map((t) => [t.code, t.name])));
  protected readonly tableName = (code: string) => this.tableNames().get(code) ?? '';

  protected readonly hasDaily = computed(() => (this.view()?.daily ?? []).some((d) => d.records > 0));
  protected readonly dailyChart = computed(() => {
    const s = dailySeries(this.view()?.daily ?? []);
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: s.days.map(shortDay) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'line',
          name: this.t('mon.records'),
          data: s.values,
          areaStyle: { opacity: 0.15 },
          itemStyle: { color: '#1677ff' },
          symbolSize: 4,
        },
      ],
    };
  });

  protected readonly gridHeight = computed(() => heatHeight(this.view()?.grid.tables.length ?? 0, 16));
  protected readonly gridChart = computed(() => {
    const g = this.view()?.grid;
    if (!g) return {};
    const cells = gridCells(g.counts);
    const lang = this.i18n.lang();
    const recordsWord = this.t('mon.records');
    return {
      animation: false,
      tooltip: {
        formatter: (p: { data: [number, number, number] }) => {
          const [x, y, n] = p.data;
          const table = g.tables[y];
          return `${table?.code ?? ''} ${table?.name ?? ''}<br/>${day(g.days[x] ?? '', lang)}：${count(n)} ${recordsWord}`;
        },
      },
      grid: { left: 8, right: 16, top: 8, bottom: 72, containLabel: true },
      xAxis: { type: 'category', data: g.days.map(shortDay) },
      yAxis: {
        type: 'category',
        inverse: true,
        data: g.tables.map((t) => t.code),
        axisLabel: { fontSize: 10 },
      },
      visualMap: {
        seriesIndex: 0,
        min: 1,
        max: Math.max(1, cells.max),
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 200,
        inRange: { color: ['#bae0ff', '#1677ff', '#002c8c'] },
      },
      series: [
        {
          type: 'heatmap',
          data: cells.data.filter((c) => c[2] > 0),
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
        },
        {
          // 0 = an empty cell: grey, outside the colour scale, so that a gap stands out
          type: 'heatmap',
          data: cells.data.filter((c) => c[2] === 0),
          itemStyle: { color: '#e8e8e8', borderColor: '#fff', borderWidth: 1 },
        },
      ],
    };
  });

  // ---- the connection form ----
  protected readonly form = signal<ConnectionFormValue>({ status: null, note: '', since: null });
  private readonly tried = signal(false);
  private readonly touched = signal<Partial<Record<keyof ConnectionFormValue, boolean>>>({});
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  private readonly serverFields = signal<Record<string, string>>({});
  private readonly problems = computed(() => connectionProblems(this.form(), this.today));
  protected readonly sinceDate = computed(() => {
    const s = this.form().since;
    return s ? fromDateString(s) : null;
  });

  protected readonly count = count;
  protected readonly pct = pct;
  protected readonly day = (d: string | null | undefined) => day(d, this.i18n.lang());
  protected readonly when = (d: string) => formatDateTime(d, this.i18n.lang());
  protected readonly tierLabel = (tier: Tier) => labelOf(TIER_LABELS, tier, this.i18n.lang());
  protected readonly tierColor = (tier: Tier) => TIER_COLORS[tier];
  protected readonly SCORE_PARTS = {
    connectivity: 'mon.scorePart.connectivity',
    completeness: 'mon.scorePart.completeness',
    volume: 'mon.scorePart.volume',
  } as const;
  protected readonly connectionLabel = (c: ConnectionStatus) => labelOf(CONNECTION_STATUS_LABELS, c, this.i18n.lang());
  protected readonly connectionColor = (c: ConnectionStatus) => CONNECTION_COLORS[c];
  protected readonly reason = (a: Anomaly) => anomalyReason(a, this.i18n.lang());
  protected readonly anomalyText = (a: Anomaly) => anomalyLabel(a, this.i18n.lang());

  constructor() {
    // the form starts from the current status
    effect(() => {
      const c = this.view()?.connection;
      untracked(() => {
        if (this.touched()['status']) return;
        this.form.update((f) => ({ ...f, status: c?.status ?? null }));
      });
    });
    // the period is kept for the way back to the overview
    effect(() => this.state.period.set(this.period()));
  }

  protected patch(p: Partial<ConnectionFormValue>): void {
    this.form.update((f) => ({ ...f, ...p }));
    this.touched.update((t) => ({ ...t, ...Object.fromEntries(Object.keys(p).map((k) => [k, true])) }));
    this.serverFields.set({});
  }

  protected err(field: keyof ConnectionFormValue): string {
    const p = this.tried() || this.touched()[field] ? this.problems()[field] : undefined;
    switch (p) {
      case 'required':
        return this.t('common.required');
      case 'noteRequired':
        return this.t('mon.noteRequired');
      case 'tooLong':
        return this.t('mon.tooLong', { max: NOTE_MAX });
      case 'sinceFuture':
        return this.t('mon.sinceFuture');
      default:
        return this.serverFields()[field] ?? '';
    }
  }

  protected async save(): Promise<void> {
    this.tried.set(true);
    const v = this.form();
    if (Object.keys(this.problems()).length || !v.status) return;
    this.saving.set(true);
    this.saveError.set(null);
    try {
      await this.api.setConnection(this.id(), {
        status: v.status,
        note: v.note.trim(),
        ...(v.since ? { since: v.since } : {}),
      });
      this.message.success(this.t('mon.connectionSaved'));
      this.tried.set(false);
      this.touched.set({});
      this.form.set({ status: v.status, note: '', since: null });
      this.load.reload();
    } catch (e) {
      this.saveError.set(errorMessage(e, this.t));
      this.serverFields.set(fieldErrors(e, this.t));
    } finally {
      this.saving.set(false);
    }
  }
}
