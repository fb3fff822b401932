import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

export const ECHARTS_PARTS = [BarChart, GridComponent, LegendComponent, SVGRenderer];
