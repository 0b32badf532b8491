// Replacement-cost valuation of volunteer time (DOMAIN.md §6, REFERENCE.md "Valuing volunteer
// time"): hourly wage = monthly wage × 12 ÷ annual working hours; value = Σ hours × hourly wage;
// full-time equivalents = hours ÷ annual norm. Every function answers null when it cannot compute.
import { isNum, round } from './report/maths.ts';

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
