// Replacement-cost valuation of volunteer time (DOMAIN.md §6, REFERENCE.md "Valuing volunteer
// time"): hourly wage = monthly wage × 12 ÷ annual working hours; value = Σ hours × hourly wage;
// full-time equivalents = hours ÷ annual norm. Every function answers null when it cannot compute.
import { isNum, round } from './report/maths.ts';

/**
 * The hours of a working or full-time-equivalent year that are accepted as input: a year's norm is
 * some 1,800 hours; below 100 the quotients (FTE, hourly wage) grow absurd and, near zero, infinite.
 * At most the hours of a leap year.
 */
export const YEAR_HOURS = { min: 100, max: 8784 } as const;
/** The largest monthly wage accepted, in tenge: far above any real average, far below overflow. */
export const MAX_MONTHLY_WAGE_KZT = 100_000_000;

export function hourlyWage(
  monthlyWage: number | null | undefined,
  annualHours: number | null | undefined,
): number | null {
  if (!isNum(monthlyWage) || !isNum(annualHours) || annualHours <= 0 || monthlyWage < 0) return null;
  return round((monthlyWage * 12) / annualHours, 2);
}

export function value(hours: number | null | undefined, hourly: number | null | undefined): number | null {
  if (!isNum(hours) || !isNum(hourly)) return null;
  return Math.round(hours * hourly);
}

export function fte(hours: number | null | undefined, norm: number | null | undefined): number | null {
  if (!isNum(hours) || !isNum(norm) || norm <= 0) return null;
  return Math.round(hours / norm);
}

/** The annual norm a published FTE figure implies: hours ÷ FTE (the 2022 report: 1,347,378 ÷ 742 ≈ 1,816). */
export function impliedNorm(hours: number, fteCount: number): number | null {
  if (!isNum(hours) || !isNum(fteCount) || fteCount <= 0) return null;
  return Math.round(hours / fteCount);
}

export interface WageLookup {
  region: string;
  activity: string;
  monthly: number;
  source: string;
}

/** The wage of a region (and activity), falling back to the national row ('' region). */
export function pickWage(
  wages: WageLookup[],
  region: string,
  activity = '',
): { wage: WageLookup; from: 'region' | 'national' } | null {
  const own = wages.find((w) => w.region === region && w.activity === activity);
  if (own) return { wage: own, from: 'region' };
  const nat = wages.find((w) => w.region === '' && w.activity === activity);
  return nat ? { wage: nat, from: 'national' } : null;
}

// --- the valuation of a year's hours (DOMAIN.md §6) --------------------------------------------

/** Hours reported in a (raw, not mapped) region and an area. */
export interface RegionAreaHours {
  region: string;
  area: string;
  hours: number;
}

/** Hours volunteered outside the regional front offices' reports (programmes, registries). */
export interface UnaccountedHours {
  source: string;
  area: string | null;
  volunteers: number | null;
  hours: number;
  note: string | null;
}

export interface ValuationInput {
  /** The hours by region and area; rows of regions outside the map are not valued. */
  rows: RegionAreaHours[];
  onMap: (region: string) => boolean;
  wages: WageLookup[];
  /** Annual working hours (the hourly wage's denominator). */
  annualHours: number | null;
  unaccounted: UnaccountedHours[];
  /** The type of economic activity each area is valued at (null: none mapped). */
  areaActivity: Map<string, string | null>;
  /** No month of the year was included: nothing reported to value. */
  noData: boolean;
  /** The RFO hours of the year (null without data). */
  rfoHours: number | null;
}

export interface RegionValue {
  region: string;
  hours: number;
  hourlyWageKzt: number | null;
  valueKzt: number | null;
  wageFrom: 'region' | 'national' | 'none';
}

export interface AreaValue {
  area: string;
  activity: string | null;
  hours: number;
  hourlyWageKzt: number | null;
  valueKzt: number;
}

export interface UnaccountedValue extends UnaccountedHours {
  hourlyWageKzt: number | null;
  valueKzt: number | null;
}

/** The valuation at each region's own average wage (the report's main figure). */
export interface RegionalValuation {
  byRegion: RegionValue[];
  rfoValueKzt: number | null;
  /** Regions valued at the national wage for want of their own; regions with no wage at all. */
  nationalFallback: string[];
  noWage: string[];
}

/** The valuation at the wage of each area's type of economic activity. */
export interface ActivityValuation {
  byArea: AreaValue[];
  rfoValueKzt: number | null;
  upliftValueKzt: number | null;
  /** Areas mapped to no activity (valued at the regional average wage). */
  unmapped: string[];
}

export interface Valuation {
  regional: RegionalValuation;
  /** The unaccounted hours, each at the national average wage. */
  unaccounted: UnaccountedValue[];
  upliftValueKzt: number | null;
  /** null when the wage table has no activity rows, or nothing was reported. */
  activity: ActivityValuation | null;
  /** All RFO hours at the national average wage (null without a national wage or hours). */
  national: { valueKzt: number | null } | null;
  nationalHourlyKzt: number | null;
  /** What each wage row was used for (`${region}|${activity}` → regions, areas, "unaccounted hours"). */
  usedFor: Map<string, Set<string>>;
}

/** The sum of values when every one is known; null otherwise (or for none). */
export const sumValues = (xs: { valueKzt: number | null }[]): number | null =>
  xs.length && xs.every((x) => isNum(x.valueKzt)) ? xs.reduce((s, x) => s + (x.valueKzt as number), 0) : null;

/** Records the wage rows a valuation used, in the order it used them. */
class WageUse {
  readonly usedFor = new Map<string, Set<string>>();
  use(w: WageLookup, what: string): void {
    const k = `${w.region}|${w.activity}`;
    const s = this.usedFor.get(k) ?? new Set<string>();
    s.add(what);
    this.usedFor.set(k, s);
  }
}

/** Sums the hours on the map by raw region, and by `${region}|${area}`. */
function hoursOnMap(v: ValuationInput) {
  const byRegion = new Map<string, number>();
  const byRegionArea = new Map<string, number>();
  for (const r of v.rows) {
    if (!v.onMap(r.region)) continue;
    byRegion.set(r.region, (byRegion.get(r.region) ?? 0) + r.hours);
    const k = `${r.region}|${r.area}`;
    byRegionArea.set(k, (byRegionArea.get(k) ?? 0) + r.hours);
  }
  return { byRegion, byRegionArea };
}

/** Every region's hours at its own wage, falling back to the national one. */
function regionalValuation(
  v: ValuationInput,
  byRegion: Map<string, number>,
  use: WageUse,
): RegionalValuation {
  const nationalFallback: string[] = [];
  const noWage: string[] = [];
  const rows = [...byRegion].map(([region, hours]): RegionValue => {
    const w = pickWage(v.wages, region);
    if (!w) noWage.push(region);
    else {
      use.use(w.wage, region);
      if (w.from === 'national') nationalFallback.push(region);
    }
    const hourly = w ? hourlyWage(w.wage.monthly, v.annualHours) : null;
    return {
      region,
      hours,
      hourlyWageKzt: hourly,
      valueKzt: value(hours, hourly),
      wageFrom: w?.from ?? 'none',
    };
  });
  const rfoValueKzt = v.noData ? null : sumValues(rows);
  return {
    byRegion: rows.sort((a, b) => a.region.localeCompare(b.region)),
    rfoValueKzt,
    nationalFallback,
    noWage,
  };
}

/** One area's hours, each region's at the wage of the area's activity (regional, else national, else the regional average). */
function areaValue(
  v: ValuationInput,
  area: string,
  byRegionArea: Map<string, number>,
  use: WageUse,
): { value: number; complete: boolean } {
  const act = v.areaActivity.get(area) ?? null;
  let total = 0;
  let complete = true;
  for (const [k, h] of byRegionArea) {
    const [region, a] = k.split('|') as [string, string];
    if (a !== area) continue;
    const w = (act ? pickWage(v.wages, region, act) : null) ?? pickWage(v.wages, region);
    if (!w) {
      complete = false;
      continue;
    }
    use.use(w.wage, area);
    total += value(h, hourlyWage(w.wage.monthly, v.annualHours)) ?? 0;
  }
  return { value: total, complete };
}

/** The valuation by type of economic activity, where the wage table has activity rows. */
function activityValuation(
  v: ValuationInput,
  byRegionArea: Map<string, number>,
  national: WageLookup | null,
  use: WageUse,
): ActivityValuation | null {
  if (!v.wages.some((w) => w.activity !== '') || v.noData) return null;
  const areaHours = new Map<string, number>();
  for (const [k, h] of byRegionArea) {
    const area = k.split('|')[1] as string;
    areaHours.set(area, (areaHours.get(area) ?? 0) + h);
  }
  const byArea: AreaValue[] = [];
  const unmapped: string[] = [];
  let rfo = 0;
  let ok = true;
  for (const [area, hours] of areaHours) {
    const act = v.areaActivity.get(area) ?? null;
    const { value: areaValueKzt, complete } = areaValue(v, area, byRegionArea, use);
    if (!complete) ok = false;
    if (!act) unmapped.push(area);
    const w = act ? pickWage(v.wages, '', act) : null;
    byArea.push({
      area,
      activity: act,
      hours,
      hourlyWageKzt: w ? hourlyWage(w.wage.monthly, v.annualHours) : null,
      valueKzt: areaValueKzt,
    });
    rfo += areaValueKzt;
  }
  const upliftValueKzt = v.unaccounted.length
    ? v.unaccounted.reduce((s, u) => {
        const act = u.area ? (v.areaActivity.get(u.area) ?? null) : null;
        const w = (act ? pickWage(v.wages, '', act)?.wage : null) ?? national;
        return s + (value(u.hours, w ? hourlyWage(w.monthly, v.annualHours) : null) ?? 0);
      }, 0)
    : null;
  return {
    byArea: byArea.sort((a, b) => b.hours - a.hours),
    rfoValueKzt: ok ? Math.round(rfo) : null,
    upliftValueKzt,
    unmapped,
  };
}

/** The year's hours valued at replacement cost: by region, by activity, at the national wage. */
export function valueHours(v: ValuationInput): Valuation {
  const use = new WageUse();
  const { byRegion, byRegionArea } = hoursOnMap(v);
  const regional = regionalValuation(v, byRegion, use);
  const national = pickWage(v.wages, '')?.wage ?? null;
  const nationalHourlyKzt = national ? hourlyWage(national.monthly, v.annualHours) : null;
  if (national) use.use(national, 'unaccounted hours');
  const unaccounted = v.unaccounted.map((u) => ({
    source: u.source,
    area: u.area,
    volunteers: u.volunteers,
    hours: u.hours,
    note: u.note,
    hourlyWageKzt: nationalHourlyKzt,
    valueKzt: value(u.hours, nationalHourlyKzt),
  }));
  const upliftValueKzt = unaccounted.length ? sumValues(unaccounted) : null;
  const activity = activityValuation(v, byRegionArea, national, use);
  return {
    regional,
    unaccounted,
    upliftValueKzt,
    activity,
    national: national && v.rfoHours !== null ? { valueKzt: value(v.rfoHours, nationalHourlyKzt) } : null,
    nationalHourlyKzt,
    usedFor: use.usedFor,
  };
}

/**
 * The range of the value: between the activity and the regional valuation of all hours when an
 * activity valuation exists; otherwise from the RFO hours alone to all hours, at regional wages.
 */
export function valueRange(
  regional: { rfoValueKzt: number | null; totalValueKzt: number | null },
  activityTotal: number | null | undefined,
): { range: [number, number] | null; basis: 'activity' | 'regional' | null } {
  const total = regional.totalValueKzt;
  if (isNum(activityTotal) && isNum(total))
    return { range: [Math.min(activityTotal, total), Math.max(activityTotal, total)], basis: 'activity' };
  if (isNum(regional.rfoValueKzt) && isNum(total))
    return { range: [regional.rfoValueKzt, total], basis: 'regional' };
  return { range: null, basis: null };
}
