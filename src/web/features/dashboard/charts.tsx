// The dashboard's charts: ECharts imported piece by piece (core, the three chart types and the
// components they use, the SVG renderer) in this chunk of its own, loaded after the key figures
// and the map are on screen. Every chart has its figures in a table next to it (ChartBlock).
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { formatNumber, type Lang } from '../../lib/format.ts';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  SVGRenderer,
]);

const COLORS = ['#00579b', '#e8a317', '#2e8540', '#d4351c', '#6f3f98', '#0b7a75', '#8a5a00', '#505a5f'];

function useChart(option: echarts.EChartsCoreOption, label: string) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      color: COLORS,
      aria: { enabled: true, label: { description: label } },
      animation: false,
      ...option,
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [option, label]);
  return ref;
}

function Chart({
  option,
  label,
  height = 320,
}: {
  option: echarts.EChartsCoreOption;
  label: string;
  height?: number;
}) {
  const ref = useChart(option, label);
  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} />;
}

export interface Bar {
  label: string;
  value: number | null;
}

export function HBarChart({ bars, label, lang }: { bars: Bar[]; label: string; lang: Lang }) {
  const rows = [...bars].reverse();
  const option = {
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number) => formatNumber(v, lang),
    },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v, lang) } },
    yAxis: {
      type: 'category',
      data: rows.map((b) => b.label),
      axisLabel: { width: 150, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((b) => b.value),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: number }) => formatNumber(p.value, lang),
        },
      },
    ],
  };
  return <Chart option={option} label={label} height={Math.max(200, rows.length * 26 + 40)} />;
}

export function MonthlyChart({
  months,
  series,
  label,
  lang,
}: {
  months: string[];
  series: { name: string; values: (number | null)[]; axis?: 0 | 1; type?: 'bar' | 'line' }[];
  label: string;
  lang: Lang;
}) {
  const option = {
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v, lang) },
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v, lang) } },
      {
        type: 'value',
        axisLabel: { formatter: (v: number) => formatNumber(v, lang) },
        splitLine: { show: false },
      },
    ],
    series: series.map((s) => ({
      name: s.name,
      type: s.type ?? 'line',
      yAxisIndex: s.axis ?? 0,
      data: s.values,
      connectNulls: false,
      symbolSize: 6,
    })),
  };
  return <Chart option={option} label={label} />;
}

export function DonutChart({ slices, label, lang }: { slices: Bar[]; label: string; lang: Lang }) {
  const option = {
    tooltip: { trigger: 'item', valueFormatter: (v: number) => formatNumber(v, lang) },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['45%', '72%'],
        center: ['50%', '45%'],
        data: slices.map((s) => ({ name: s.label, value: s.value })),
        label: { formatter: '{d}%' },
      },
    ],
  };
  return <Chart option={option} label={label} height={280} />;
}
