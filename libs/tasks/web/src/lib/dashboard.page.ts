import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { APPLICATION_STATES, STATE_LABELS_EN, STATE_LABELS_ZH } from '@hutong/assessment-model';
import { I18nService } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { WAITING_STATUSES } from '@hutong/tasks-model';
import { DashChart } from './dashboard-chart';
import { TasksApiService } from './tasks-api.service';
import { formatDay } from './task-ui';

/**
 * The coordinators', viewers' and admins' landing page: what waits for them (each card opens the list it
 * counts), overdue tasks by region, a cycle's applications by stage, and what falls due in the next 14
 * days. Figures come from the rollups; while some are being refreshed the page says so and looks again.
 */
@Component({
  selector: 'lib-dashboard-page',
  imports: [FormsModule, RouterLink, NzAlertModule, NzCardModule, NzEmptyModule, NzSelectModule, DashChart],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
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
    a.card:hover {
      border-color: #1677ff;
    }
    .figure {
      font-size: 28px;
      font-weight: 600;
    }
    .figure.danger {
      color: #cf1322;
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
    .upcoming {
      display: flex;
      justify-content: space-between;
      padding: 6px 0;
      border-bottom: 1px solid #f5f5f5;
    }
    .block {
      margin-bottom: 16px;
    }
  `,
  template: `
    @if (load.errorMessage(); as m) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="m" class="block" />
    }
    @if (view(); as v) {
      <div class="muted block" data-testid="dash-scope">
        {{ t('dash.scope', { name: v.scope.name }) }}
        @if (v.pendingRefresh > 0) {
          · <span data-testid="dash-pending">{{ t('dash.pending') }}</span>
        }
      </div>
      <div class="cards">
        <a
          class="card"
          routerLink="/tasks/issued"
          [queryParams]="{ status: 'submitted' }"
          data-testid="dash-todo-review"
        >
          <div class="muted">{{ t('dash.todoReview') }}</div>
          <div class="figure">{{ v.todo.responsesToReview }}</div>
        </a>
        <a class="card" routerLink="/cycles" data-testid="dash-todo-applications">
          <div class="muted">{{ t('dash.todoApplications') }}</div>
          <div class="figure">{{ v.todo.applicationsToAct }}</div>
        </a>
        <a class="card" routerLink="/tasks/issued" [queryParams]="{ status: 'overdue' }" data-testid="dash-overdue">
          <div class="muted">{{ t('dash.overdue') }}</div>
          <div class="figure" [class.danger]="v.tasks.overdue > 0">{{ v.tasks.overdue }}</div>
        </a>
        <a class="card" routerLink="/tasks/issued" data-testid="dash-waiting">
          <div class="muted">{{ t('dash.waiting') }}</div>
          <div class="figure">{{ waiting() }}</div>
        </a>
        <div class="card" data-testid="dash-avg">
          <div class="muted">{{ t('dash.avgResponse') }}</div>
          <div class="figure">
            {{
              v.tasks.avgResponseHours === null
                ? t('dash.none')
                : t('dash.hours', { n: round(v.tasks.avgResponseHours) })
            }}
          </div>
        </div>
      </div>
      <div class="charts">
        <nz-card [nzTitle]="t('dash.overdueByRegion')" nzSize="small" data-testid="dash-regions">
          @if (hasRegionFigures()) {
            <lib-dash-chart [options]="regionChart()" />
          } @else {
            <nz-empty [nzNotFoundContent]="t('dash.noRegions')" />
          }
        </nz-card>
        <nz-card [nzTitle]="t('dash.cycleProgress')" [nzExtra]="cyclePick" nzSize="small" data-testid="dash-cycle">
          @if (!cycleId()) {
            <nz-empty [nzNotFoundContent]="t('dash.noCycle')" />
          } @else if (cycleTotal() === 0) {
            <nz-empty [nzNotFoundContent]="t('dash.noApplications')" />
          } @else {
            <lib-dash-chart [options]="cycleChart()" />
          }
        </nz-card>
      </div>
      <nz-card [nzTitle]="t('dash.upcoming')" nzSize="small" data-testid="dash-upcoming">
        @for (d of v.upcoming; track d.date) {
          <a class="upcoming" routerLink="/tasks/issued" data-testid="dash-upcoming-day">
            <span>{{ day(d.date) }}</span
            ><span>{{ t('dash.count', { n: d.n }) }}</span>
          </a>
        } @empty {
          <nz-empty [nzNotFoundContent]="t('dash.noUpcoming')" />
        }
      </nz-card>
    }
    <ng-template #cyclePick>
      <nz-select
        class="w-240"
        nzSize="small"
        nzAllowClear
        [nzPlaceHolder]="t('dash.chooseCycle')"
        [ngModel]="cycleId()"
        (ngModelChange)="cycleId.set($event ?? null)"
        data-testid="dash-cycle-select"
      >
        @for (c of cycles.value() ?? []; track c.id) {
          <nz-option [nzValue]="c.id" [nzLabel]="c.name" />
        }
      </nz-select>
    </ng-template>
  `,
})
export class DashboardPage {
  private readonly api = inject(TasksApiService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  protected readonly cycleId = signal<string | null>(null);

  protected readonly cycles = loadResource({ loader: () => this.api.cycles() });
  protected readonly load = loadResource({
    params: () => ({ cycleId: this.cycleId() }),
    loader: (p) => this.api.dashboard(p.cycleId),
  });
  protected readonly view = computed(() => this.load.value() ?? null);

  protected readonly waiting = computed(() => {
    const v = this.view();
    return v ? WAITING_STATUSES.reduce((n, s) => n + (v.tasks.byStatus[s] ?? 0), 0) : 0;
  });

  protected readonly cycleTotal = computed(() =>
    Object.values(this.view()?.cycle?.byState ?? {}).reduce((a, b) => a + b, 0),
  );

  protected readonly hasRegionFigures = computed(() =>
    (this.view()?.overdueByRegion ?? []).some((r) => r.overdue > 0 || r.waiting > 0),
  );

  protected readonly regionChart = computed(() => {
    const regions = this.view()?.overdueByRegion ?? [];
    return {
      animation: false,
      grid: { left: 40, right: 16, top: 32, bottom: 40, containLabel: true },
      xAxis: {
        type: 'category',
        data: regions.map((r) => r.name),
        axisLabel: { interval: 0, rotate: regions.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      legend: { top: 0 },
      series: [
        {
          type: 'bar',
          name: this.t('dash.waiting'),
          data: regions.map((r) => r.waiting),
          itemStyle: { color: '#91caff' },
        },
        {
          type: 'bar',
          name: this.t('dash.overdue'),
          data: regions.map((r) => r.overdue),
          itemStyle: { color: '#cf1322' },
        },
      ],
    };
  });

  protected readonly cycleChart = computed(() => {
    const by = this.view()?.cycle?.byState ?? {};
    const labels = this.i18n.isZh() ? STATE_LABELS_ZH : STATE_LABELS_EN;
    const states = APPLICATION_STATES.filter((s) => (by[s] ?? 0) > 0);
    return {
      animation: false,
      grid: { left: 110, right: 24, top: 8, bottom: 24 },
      yAxis: { type: 'category', inverse: true, data: states.map((s) => labels[s]) },
      xAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: states.map((s) => by[s] ?? 0), itemStyle: { color: '#1677ff' } }],
    };
  });

  constructor() {
    // choose the newest open cycle once the cycles are known
    effect(() => {
      const list = this.cycles.value();
      if (list?.length && this.cycleId() === null) this.cycleId.set(list[0].id);
    });
    // while counters are being refreshed, look again in a few seconds
    let timer: ReturnType<typeof setTimeout> | null = null;
    effect(() => {
      if (timer) clearTimeout(timer);
      timer = null;
      if ((this.view()?.pendingRefresh ?? 0) > 0 && !this.load.loading())
        timer = setTimeout(() => this.load.reload(), 3000);
    });
    inject(DestroyRef).onDestroy(() => timer && clearTimeout(timer));
  }

  protected day(d: string): string {
    return formatDay(d, this.i18n.lang());
  }

  protected round(n: number): number {
    return Math.round(n * 10) / 10;
  }
}
