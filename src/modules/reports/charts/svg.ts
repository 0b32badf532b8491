// Server-side ECharts: each chart is drawn to an SVG string with the SSR renderer (no DOM, no
// canvas), without animation so the same data always gives the same bytes, then disposed.
import type * as echarts from 'echarts';
import type { Lang } from '../../../domain/lang.ts';
import { escapeHtml, formatInt, formatPercent, isNumber } from '../../../domain/report/format.ts';
import { echarts as loadECharts } from '../../../lib/heavy-modules.ts';
import {
  type ChartSpec,
  categoryRotation,
  chartSize,
  NARROW_PIE,
  PALETTE,
  pieRing,
  type ValueFormat,
} from './spec.ts';

function formatter(lang: Lang, fmt: ValueFormat | undefined) {
  return (v: unknown) => {
    const n = typeof v === 'number' ? v : Number(v);
    if (!isNumber(n)) return '';
    return fmt === 'percent' ? formatPercent(n, lang, n % 1 === 0 ? 0 : 1) : formatInt(n, lang);
  };
}

// No quoted family names: ECharts writes the font into a double-quoted style attribute.
const DARK = new Set([
  '#0072B2',
  '#009E73',
  '#D55E00',
  '#000000',
  '#CC79A7',
  '#7F7F7F',
  '#9467BD',
  '#8C564B',
]);
const text = { fontFamily: 'Arial, Helvetica, sans-serif', fontSize: 12, color: '#222' };

export function chartOption(
  spec: ChartSpec,
  lang: Lang,
  size: { width: number; height: number } = { width: 720, height: 320 },
): echarts.EChartsCoreOption {
  const base = { animation: false, color: PALETTE, textStyle: text, aria: { enabled: false } };
  if (spec.kind === 'pie') {
    const items = spec.items.filter((i) => isNumber(i.value) && i.value > 0);
    const total = items.reduce((s, i) => s + (i.value as number), 0);
    const pct = new Map(
      items.map((i) => [
        i.name,
        formatPercent(total > 0 ? (100 * (i.value as number)) / total : null, lang, 1),
      ]),
    );
    if (size.width < NARROW_PIE) {
      // A phone: the ring on top, the legend under it with the whole width for the names.
      const ring = pieRing(size.width);
      return {
        ...base,
        legend: {
          orient: 'vertical',
          left: 0,
          top: ring + 8,
          itemGap: 8,
          formatter: (name: string) => `${pct.get(name) ?? ''}  ${name}`,
          textStyle: { ...text, width: size.width - 40, overflow: 'truncate' },
        },
        series: [
          {
            type: 'pie',
            radius: spec.donut ? [Math.round(ring * 0.25), Math.round(ring * 0.46)] : Math.round(ring * 0.46),
            center: ['50%', ring / 2],
            label: { show: false },
            data: items.map((i) => ({ name: i.name, value: i.value })),
          },
        ],
      };
    }
    const radius = 0.34 * Math.min(size.width, size.height);
    const legendWidth = Math.max(80, Math.round(0.7 * size.width - radius - 60));
    // The legend carries each slice's name and share: slice labels with leader lines collide as
    // soon as small slices sit side by side.
    return {
      ...base,
      legend: {
        orient: 'vertical',
        left: 0,
        top: 'middle',
        itemGap: 6,
        // Share first, so a long name cut short never hides it.
        formatter: (name: string) => `${pct.get(name) ?? ''}  ${name}`,
        // The legend takes the room left of the ring.
        textStyle: { ...text, width: legendWidth, overflow: 'truncate' },
      },
      series: [
        {
          type: 'pie',
          radius: spec.donut ? ['36%', '68%'] : '68%',
          center: ['70%', '50%'],
          label: { show: false },
          data: items.map((i) => ({ name: i.name, value: i.value })),
        },
      ],
    };
  }
  const fmt = formatter(lang, spec.valueFormat);
  const category = { type: 'category', data: spec.categories, axisLabel: { ...text, interval: 0 } };
  const value = {
    type: 'value',
    axisLabel: { ...text, formatter: fmt },
    max: spec.kind === 'bar' && spec.stacked && spec.valueFormat === 'percent' ? 100 : undefined,
  };
  const multi = spec.series.length > 1;
  if (spec.kind === 'line') {
    return {
      ...base,
      legend: multi ? { top: 0, textStyle: text } : undefined,
      grid: { left: 10, right: 20, top: multi ? 36 : 16, bottom: 10, containLabel: true },
      xAxis: category,
      yAxis: value,
      series: spec.series.map((s) => ({
        type: 'line',
        name: s.name,
        data: s.values.map((v) => (isNumber(v) ? v : null)),
        connectNulls: false,
        symbolSize: 6,
        label: { show: !multi, position: 'top', formatter: (p: { value: unknown }) => fmt(p.value), ...text },
      })),
    };
  }
  const horizontal = !!spec.horizontal;
  // Lines on a second axis (the monthly hours as bars, the activities as a line on their own scale).
  const lines = !horizontal && spec.lines?.length ? spec.lines : [];
  const legend = multi || lines.length > 0;
  return {
    ...base,
    legend: legend ? { top: 0, textStyle: text } : undefined,
    grid: { left: 10, right: lines.length ? 20 : 60, top: legend ? 36 : 10, bottom: 10, containLabel: true },
    // Horizontal bars read top-down in the order given.
    // Horizontal bars carry their value at the end: the value axis's labels would only crowd.
    xAxis: horizontal
      ? { ...value, axisLabel: { ...value.axisLabel, show: !!spec.stacked } }
      : {
          ...category,
          axisLabel: { ...category.axisLabel, rotate: categoryRotation(spec.categories.length, size.width) },
        },
    // Long names (areas, regions) are cut to a fixed width so the bars keep their room; the
    // table beside every chart carries the full names.
    yAxis: horizontal
      ? {
          ...category,
          inverse: true,
          axisLabel: { ...category.axisLabel, width: spec.labelWidth ?? 230, overflow: 'truncate' },
        }
      : lines.length
        ? [
            value,
            {
              type: 'value',
              axisLabel: { ...text, formatter: formatter(lang, 'int') },
              splitLine: { show: false },
            },
          ]
        : value,
    series: [
      ...spec.series.map((s, k) => ({
        type: 'bar',
        name: s.name,
        stack: spec.stacked ? 'total' : undefined,
        data: s.values.map((v) => (isNumber(v) ? v : null)),
        label: {
          // With a line on a second axis, labels on every bar would crowd the line's points.
          show: (!spec.stacked || spec.valueFormat === 'percent') && lines.length === 0,
          position: spec.stacked ? 'inside' : horizontal ? 'right' : 'top',
          formatter: (p: { value: unknown }) => fmt(p.value),
          ...text,
          // Inside a stacked bar the label sits on the series colour: white on the dark ones.
          color: spec.stacked && DARK.has(PALETTE[k % PALETTE.length] as string) ? '#fff' : text.color,
          fontSize: 11,
        },
      })),
      ...lines.map((s) => ({
        type: 'line',
        name: s.name,
        yAxisIndex: 1,
        data: s.values.map((v) => (isNumber(v) ? v : null)),
        connectNulls: false,
        symbolSize: 6,
      })),
    ],
  };
}

/**
 * The chart as an <svg> element that can be inlined in HTML: role="img" and an aria-label carry
 * the description for screen readers, and it scales to the width of its figure.
 */
export function renderChartSvg(
  spec: ChartSpec,
  lang: Lang,
  label: string,
  size: { width?: number; height?: number } = {},
  id = 'chart',
): string {
  const { width, height } = chartSize(spec, size.width, size.height);
  const chart = loadECharts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(chartOption(spec, lang, { width, height }));
    // ECharts names its CSS classes and clip paths after process-wide counters (zr12-cls-40,
    // zr3-c0); renumbering them per chart, after the chart's id, keeps the output byte-identical
    // between runs and the ids unique within a page.
    const prefix = id.replace(/[^\w-]/g, '');
    const classes = new Map<string, string>();
    const svg = chart.renderToSVGString().replace(/\bzr\d+-[a-z]+-?\d+\b/g, (name) => {
      let renamed = classes.get(name);
      if (!renamed) {
        renamed = `${prefix}-z${classes.size}`;
        classes.set(name, renamed);
      }
      return renamed;
    });
    return svg.replace(
      /^<svg /,
      `<svg role="img" aria-label="${escapeHtml(label)}" preserveAspectRatio="xMidYMid meet" `,
    );
  } finally {
    chart.dispose();
  }
}
