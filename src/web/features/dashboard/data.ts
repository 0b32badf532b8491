// The dashboard's data: GET /api/dashboard as its route declares it (src/modules/reports/reports.schemas.ts,
// `Dashboard`): shares are percentages, a figure not reported is null, names come in the language asked.

import type { Lang } from '../../../domain/lang.ts';
import type { Dashboard } from '../../../modules/reports/reports.schemas.ts';
import { get } from '../../lib/api.ts';

export type { Dashboard };

export function loadDashboard(
  year: number | null,
  region: string | null,
  lang: Lang,
  signal?: AbortSignal,
): Promise<Dashboard> {
  return get<Dashboard>('/api/dashboard', { year, region, lang }, signal);
}

/** The months of the year in order, each null where nothing was reported (the API lists all twelve). */
export function monthlySeries(d: Dashboard, key: 'hours' | 'activities'): (number | null)[] {
  return Array.from({ length: 12 }, (_, i) => d.monthly.find((m) => m.month === i + 1)?.[key] ?? null);
}

/** The dashboard's charts the server draws as SVG (GET /api/dashboard/charts/:name). */
export type ChartName =
  | 'hours-by-area'
  | 'monthly'
  | 'regions'
  | 'gender'
  | 'age'
  | 'impact-regions'
  | 'impact-areas';

export const chartUrl = (name: ChartName) => `/api/dashboard/charts/${name}`;
