// Only what the dashboard draws: bar charts in SVG with axes and a grid. The core and the parts load as
// separate lazy chunks (each under the per-script budget), in parallel, the first time a chart is shown.
export async function loadEcharts() {
  const [core, parts] = await Promise.all([import('echarts/core'), import('./echarts-parts')]);
  core.use(parts.ECHARTS_PARTS);
  return core;
}
