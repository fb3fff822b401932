// What the monitoring pages draw: bars, lines and heat maps in SVG, with axes, tooltips and a visual map. The core
// and the parts load as separate lazy chunks (each under the per-script budget), the first time a chart is shown.
export async function loadEcharts() {
  const [core, parts] = await Promise.all([import('echarts/core'), import('./echarts-parts')]);
  core.use(parts.ECHARTS_PARTS);
  return core;
}
