import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';
import type { EChartsCoreOption } from 'echarts/core';

/** A chart of the monitoring pages: ECharts itself is imported on first use (its own lazy chunk). */
@Component({
  selector: 'lib-mon-chart',
  imports: [NgxEchartsDirective],
  providers: [provideEchartsCore({ echarts: () => import('./echarts-setup').then((m) => m.loadEcharts()) })],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div echarts [options]="options()" class="chart" [style.height.px]="height()"></div>`,
})
export class MonChart {
  readonly options = input.required<EChartsCoreOption>();
  readonly height = input(260);
}
