// What the annual, half-year and monthly documents share: region names, the "regions without data"
// notes, the small chart specs and the footer.

import type { Lang } from '../../../domain/lang.ts';
import { formatDate, isNumber, monthName } from '../../../domain/report/format.ts';
import type { Translate } from '../../../domain/report/narrative.ts';
import type { ChartSpec } from '../charts/spec.ts';

export interface Namer {
  region(code: string): string;
  regions(codes: readonly string[]): string;
  /** How many units the report's map has. */
  size: number;
}

export function namer(units: { code: string; name: string }[]): Namer {
  const names = new Map(units.map((u) => [u.code, u.name]));
  const region = (code: string) => names.get(code) ?? code;
  return { region, regions: (codes) => codes.map(region).join(', '), size: names.size };
}

/**
 * "Volunteers: regions without data: Almaty, Abai." — one line per figure that leaves regions
 * out; when no region reported it, one short sentence instead of the whole map.
 */
export function missingNote(t: Translate, n: Namer, label: string, codes: readonly string[]): string | null {
  if (!codes.length) return null;
  if (n.size > 1 && new Set(codes).size >= n.size) return `${label}: ${t('render.noRegionReported')}`;
  return `${label}: ${t('render.missingRegions', { regions: n.regions(codes) })}`;
}

export function donut(items: { name: string; value: number | null }[]): ChartSpec {
  return { kind: 'pie', donut: true, items };
}

/** Whether a chart of these items would show anything (a value above zero). */
export function hasValues(items: { value: number | null }[]): boolean {
  return items.some((i) => isNumber(i.value) && i.value > 0);
}

/** A month's short name from its period (YYYY-MM). */
export const shortMonth = (period: string, lang: Lang) =>
  monthName(Number(period.slice(5, 7)), lang, 'short');

/** The hours of each month as a line, months by their short names. */
export function monthlyHoursLine(
  t: Translate,
  lang: Lang,
  months: { period: string; hours: number | null }[],
): ChartSpec {
  return {
    kind: 'line',
    categories: months.map((m) => shortMonth(m.period, lang)),
    series: [{ name: t('render.hours'), values: months.map((m) => m.hours) }],
  };
}

/** The map a report's figures are on: its year's units, or today's ('current'). */
export const territoryName = (t: Translate, territory: string) =>
  territory === 'current' ? t('render.territoryCurrent') : t('render.territoryYear', { year: territory });

/** "Generated on …, territory …" under every document. */
export const generatedFooter = (t: Translate, lang: Lang, now: Date, territory: string) =>
  t('render.generated', { date: formatDate(now, lang), territory });
