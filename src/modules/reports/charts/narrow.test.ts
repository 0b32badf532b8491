// Charts drawn for a phone (the dashboard asks for its width, down to 280 px): the month names
// under twelve bars stand upright when turned ones would touch, and a pie's legend goes under the
// ring with the whole width for the names, so that no name is cut short.
import { describe, expect, it } from 'vitest';
import { type ChartSpec, categoryRotation, chartSize } from './spec.ts';
import { chartOption } from './svg.ts';

const months: ChartSpec = {
  kind: 'bar',
  categories: ['Янв', 'Фев', 'Мар', 'Апр', 'Май', 'Июн', 'Июл', 'Авг', 'Сен', 'Окт', 'Ноя', 'Дек'],
  series: [{ name: 'Часы', values: Array(12).fill(100) }],
};
const gender: ChartSpec = {
  kind: 'pie',
  donut: true,
  items: [
    { name: 'Мужчины', value: 46 },
    { name: 'Женщины', value: 54 },
  ],
};

describe('charts on a narrow screen', () => {
  it('turns month names upright below a 36 px slot, 35° above, level for few categories', () => {
    expect(categoryRotation(12, 280)).toBe(90);
    expect(categoryRotation(12, 480)).toBe(90);
    expect(categoryRotation(12, 560)).toBe(35);
    expect(categoryRotation(12, 720)).toBe(35);
    expect(categoryRotation(5, 280)).toBe(0);
    const option = chartOption(months, 'ru', chartSize(months, 280)) as {
      xAxis: { axisLabel: { rotate: number } };
    };
    expect(option.xAxis.axisLabel.rotate).toBe(90);
  });

  it('puts a narrow pie’s legend under the ring, as wide as the chart, the chart as tall as needed', () => {
    const size = chartSize(gender, 280);
    expect(size.height).toBeGreaterThan(210 + 2 * 20);
    const option = chartOption(gender, 'ru', size) as {
      legend: { top: number; textStyle: { width: number } };
      series: { center: [string, number] }[];
    };
    expect(option.legend.top).toBeGreaterThan(200);
    expect(option.legend.textStyle.width).toBe(240);
    expect(option.series[0]?.center[0]).toBe('50%');
    // A desktop pie keeps its legend beside the ring.
    expect(chartSize(gender, 720).height).toBe(320);
  });
});
