export { renderChartPng } from './png.ts';
export type { ChartSpec, Series } from './spec.ts';
export { chartOption, renderChartSvg } from './svg.ts';
