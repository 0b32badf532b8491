// A volunteer's account on the platform (issue 11 item 2, DOMAIN.md §7): the IIN checked against
// what the volunteer states, ages, and the consent text's version. Pure: no I/O.
import { checkDigit, parseIin } from './ids.ts';

/**
 * The platform's minimum age. DOMAIN.md and REFERENCE.md make it reference data (14 by default);
 * until the reference data has a place for it, it is this constant.
 */
export const PLATFORM_MIN_AGE = 14;
/** Under this age a guardian's consent is needed before the volunteer can be accepted. */
export const ADULT_AGE = 18;
/** The version of the personal-data consent text the registration form shows. */
export const CONSENT_VERSION = 'personal-data-2026-12-v1';

/** Full years of age on `on` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export type IinProblemCode =
  | 'iin_format'
  | 'iin_check_digit'
  | 'iin_invalid'
  | 'iin_birth_date_mismatch'
  | 'iin_gender_mismatch';

export interface IinProblem {
  code: IinProblemCode;
  message: string;
}

/**
 * Checks an IIN against the stated birth date and gender: 12 digits, the check digit (two passes of
 * weights), a real birth date YYMMDD with the century-and-sex digit (1–6), then the same birth date
 * and sex as stated. Null when it holds. Messages never repeat the IIN.
 */
export function checkIin(iin: string, stated: { birthDate: string; gender: string }): IinProblem | null {
  if (!/^\d{12}$/.test(iin)) return { code: 'iin_format', message: 'An IIN is 12 digits' };
  const c = checkDigit(iin.slice(0, 11));
  if (c === null || c !== Number(iin[11]))
    return { code: 'iin_check_digit', message: 'The IIN’s check digit is wrong: check the number' };
  const info = parseIin(iin);
  if (!info)
    return {
      code: 'iin_invalid',
      message: 'The IIN does not encode a valid birth date and century-and-sex digit',
    };
  if (info.birthDate !== stated.birthDate)
    return { code: 'iin_birth_date_mismatch', message: 'The IIN does not match the birth date given' };
  if (info.sex !== stated.gender)
    return { code: 'iin_gender_mismatch', message: 'The IIN does not match the gender given' };
  return null;
}

/** The last 4 digits of an IIN: all that is ever shown or kept in clear. */
export const iinLast4 = (iin: string) => iin.slice(-4);
