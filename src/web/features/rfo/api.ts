// The data-entry calls of the front office and the review: activity records of a region's month
// (every page of GET /api/activities), and the record as the entry form's fields (FORMATS.md names).
import { useCallback, useEffect, useState } from 'react';
import { ACTIVITY_COLUMNS } from '../../../domain/activity-rules.ts';
import type { Activity, ActivityPage } from '../../../modules/activities/activities.schemas.ts';
import { ApiError, get } from '../../lib/api.ts';

const PAGE = 1000; // the route's largest page

/** Every activity record of a region and month, in as many pages as it takes. */
export async function loadActivities(region: string, period: string, signal?: AbortSignal) {
  const items: Activity[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await get<ActivityPage>('/api/activities', { region, period, limit: PAGE, offset }, signal);
    items.push(...page.items);
    if (page.items.length < PAGE || items.length >= page.total) return items;
  }
}

export function useActivities(region: string, period: string) {
  const [state, setState] = useState<{ data: Activity[] | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick reloads
  useEffect(() => {
    if (!/^\d{4}-\d{2}$/.test(period)) {
      setState({ data: [], error: null, loading: false });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    loadActivities(region, period, ctl.signal)
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((error) => {
        if (!ctl.signal.aborted) setState({ data: null, error, loading: false });
      });
    return () => ctl.abort();
  }, [region, period, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** The form works on text fields named as the import's columns; null and absent are ''. */
export function activityToForm(a: Partial<Activity> | Record<string, unknown>): Record<string, string> {
  const r = a as Record<string, unknown>;
  const g = (k: string) => (r[k] === undefined || r[k] === null ? '' : String(r[k]));
  return Object.fromEntries(ACTIVITY_COLUMNS.map((k) => [k, g(k)]));
}

/** The 409 codes of the API: only stale_version carries a newer version of the same record. */
export function conflictCode(e: unknown): string | null {
  return e instanceof ApiError && e.status === 409 ? e.code : null;
}
