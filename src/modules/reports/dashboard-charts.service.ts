// The public dashboard's charts, drawn on the server as SVG (charts/svg.ts, ECharts' SSR renderer)
// from the dashboard's own figures (buildDashboard), so that the browser inlines a picture instead
// of loading a charting library. Titles, series and month names come from the web application's
// catalogues (src/i18n/<lang>.json, the same words as the page around the chart); region, area and
// category names come with the figures, in the language asked. Every text is escaped by ECharts'
// SSR renderer (and the aria-label by renderChartSvg), so a name typed by the admin cannot inject
// markup into the page that inlines the SVG.

import type { Lang } from '../../domain/lang.ts';
import en from '../../i18n/en.json' with { type: 'json' };
import kk from '../../i18n/kk.json' with { type: 'json' };
import ru from '../../i18n/ru.json' with { type: 'json' };
import { type ChartSpec, renderChartSvg } from './charts/index.ts';
import type { Dashboard } from './reports.schemas.ts';

/** The charts of the dashboard, as they appear on the page. */
export const DASHBOARD_CHARTS = [
  'hours-by-area',
  'monthly',
  'regions',
  'gender',
  'age',
  'impact-regions',
  'impact-areas',
] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number];

export const CHART_WIDTH = { min: 280, max: 1200, default: 560 } as const;

const catalogues: Record<Lang, unknown> = { en, kk, ru };

/** A text of the web application's catalogue (English when the language lacks it). */
export function webText(lang: Lang, key: string): string {
  const find = (cat: unknown) =>
    key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as never)[k] : undefined), cat);
  const v = find(catalogues[lang]) ?? find(catalogues.en);
  return typeof v === 'string' ? v : key;
}

const TITLE: Record<DashboardChart, string> = {
  'hours-by-area': 'dashboard.hoursByArea',
  monthly: 'dashboard.monthly',
  regions: 'dashboard.byRegion',
  gender: 'dashboard.gender',
  age: 'dashboard.age',
  'impact-regions': 'impact.dashboard.chartRegions',
  'impact-areas': 'impact.dashboard.chartAreas',
};

/** Retention, repeat participation and no-shows (%) of each region or area with any of them. */
function impactShares(rows: Dashboard['impact']['byRegion'] | Dashboard['impact']['byArea'], lang: Lang) {
  const t = (key: string) => webText(lang, key);
  const shown = rows.filter(
    (r) => r.retention.value !== null || r.repeatParticipation.value !== null || r.noShowRate.value !== null,
  );
  return {
    categories: shown.map((r) => r.name),
    series: [
      { name: t('impact.figures.retention'), values: shown.map((r) => r.retention.value) },
      {
        name: t('impact.figures.repeatParticipation'),
        values: shown.map((r) => r.repeatParticipation.value),
      },
      { name: t('impact.figures.noShowRate'), values: shown.map((r) => r.noShowRate.value) },
    ],
  };
}

/** What the chart shows, from the dashboard's figures. */
export function dashboardChartSpec(name: DashboardChart, d: Dashboard, lang: Lang, width: number): ChartSpec {
  const t = (key: string) => webText(lang, key);
  // Category names take up to 40% of a horizontal bar chart; the table beside it has them in full.
  const labelWidth = Math.max(90, Math.min(230, Math.round(width * 0.4)));
  switch (name) {
    case 'hours-by-area': {
      const areas = [...d.hoursByArea].sort((a, b) => b.hours - a.hours);
      return {
        kind: 'bar',
        horizontal: true,
        labelWidth,
        categories: areas.map((a) => a.name),
        series: [{ name: t('dashboard.figure.hours'), values: areas.map((a) => a.hours) }],
      };
    }
    case 'regions': {
      const regions = [...d.byRegion].sort((a, b) => (b.volunteers ?? -1) - (a.volunteers ?? -1));
      return {
        kind: 'bar',
        horizontal: true,
        labelWidth,
        categories: regions.map((r) => r.name),
        series: [{ name: t('dashboard.figure.volunteers'), values: regions.map((r) => r.volunteers) }],
      };
    }
    case 'monthly': {
      const month = (m: number) => d.monthly.find((x) => x.month === m);
      const months = Array.from({ length: 12 }, (_, i) => i + 1);
      return {
        kind: 'bar',
        categories: months.map((m) => t(`months.short.${m}`)),
        series: [{ name: t('dashboard.figure.hours'), values: months.map((m) => month(m)?.hours ?? null) }],
        lines: [
          {
            name: t('dashboard.figure.activities'),
            values: months.map((m) => month(m)?.activities ?? null),
          },
        ],
      };
    }
    case 'gender':
      return {
        kind: 'pie',
        donut: true,
        items: d.gender.map((g) => ({ name: g.name, value: g.volunteers })),
      };
    case 'age':
      return {
        kind: 'bar',
        horizontal: true,
        labelWidth,
        categories: d.ageBands.map((g) => g.name),
        series: [{ name: t('dashboard.figure.volunteers'), values: d.ageBands.map((g) => g.volunteers) }],
      };
    case 'impact-regions':
    case 'impact-areas':
      return {
        kind: 'bar',
        horizontal: true,
        labelWidth,
        valueFormat: 'percent',
        ...impactShares(name === 'impact-regions' ? d.impact.byRegion : d.impact.byArea, lang),
      };
  }
}

/** The chart's description for screen readers: its title, the place and the year. */
export function dashboardChartLabel(name: DashboardChart, d: Dashboard, lang: Lang): string {
  const place = d.region
    ? (d.byRegion.find((r) => r.region === d.region)?.name ?? d.region)
    : webText(lang, 'dashboard.national');
  return `${webText(lang, TITLE[name])}, ${place}, ${d.year}`;
}

/** The chart as an inline-able <svg role="img" aria-label="…">, `width` pixels wide. */
export function renderDashboardChart(name: DashboardChart, d: Dashboard, lang: Lang, width: number): string {
  const spec = dashboardChartSpec(name, d, lang, width);
  const svg = renderChartSvg(spec, lang, dashboardChartLabel(name, d, lang), { width }, `dash-${name}`);
  // Inlined in a page, it takes the width of its place and keeps its proportions (viewBox).
  return svg.replace(/^<svg /, '<svg style="display:block;width:100%;height:auto" ');
}
