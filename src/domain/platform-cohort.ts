// What a confirmed participation on the platform counts as in the statistics (DOMAIN.md §7,
// REFERENCE.md "Ages"): the volunteer's cohort (exactly one, the first that applies) and age band,
// by the age at the shift's start. Fixed when attendance is marked, so that the figures stay when
// the volunteer's personal data is erased.
import { ADULT_AGE, ageOn } from './volunteer-account.ts';

/**
 * Retirement age by gender (Social Code of the Republic of Kazakhstan: men 63; women 61 from 2022,
 * the rise toward 63 paused). Kept here until the reference data has it by gender and year.
 */
export const RETIREMENT_AGE: Record<string, number> = { male: 63, female: 61 };
export const SILVER_AGE = 55;

export interface Participant {
  birthDate: string;
  gender: string | null;
  /** 1: declared a disability. */
  disability: boolean;
  /** false: not resident in Kazakhstan. */
  resident: boolean;
}

export interface Occasion {
  /** The shift's start, a date YYYY-MM-DD in Kazakhstan time. */
  date: string;
  orgType: string;
  probono: boolean;
}

export type PlatformCohort =
  | 'child'
  | 'silver'
  | 'inclusive'
  | 'international'
  | 'corporate'
  | 'probono'
  | 'general';

/** The first cohort that applies: child, silver, inclusive, international, corporate, probono, general. */
export function cohortOf(p: Participant, o: Occasion): PlatformCohort {
  const age = ageOn(p.birthDate, o.date);
  if (age < ADULT_AGE) return 'child';
  if (age >= SILVER_AGE) return 'silver';
  if (p.disability) return 'inclusive';
  if (!p.resident) return 'international';
  if (o.orgType === 'company') return 'corporate';
  if (o.probono) return 'probono';
  return 'general';
}

/** The age band of the volunteer statistics on a date: under_18, 18_29, 30_retirement, retired. */
export function ageBandOf(birthDate: string, gender: string | null, date: string): string {
  const age = ageOn(birthDate, date);
  if (age < ADULT_AGE) return 'under_18';
  if (age < 30) return '18_29';
  // Without a stated gender, the lower of the two ages (the women's).
  const retirement = RETIREMENT_AGE[gender ?? ''] ?? RETIREMENT_AGE.female ?? 61;
  return age < retirement ? '30_retirement' : 'retired';
}

/** Kazakhstan time: UTC+5 all year. */
const KZ_OFFSET_MS = 5 * 3600_000;

/** The day (YYYY-MM-DD) of a UTC instant in Kazakhstan time: 21:00 UTC on the 31st is the 1st. */
export const kzDate = (utc: string): string =>
  new Date(Date.parse(utc) + KZ_OFFSET_MS).toISOString().slice(0, 10);

/** The month (YYYY-MM) of a UTC instant in Kazakhstan time. */
export const kzMonth = (utc: string): string => kzDate(utc).slice(0, 7);
