import { describe, expect, it } from 'vitest';
import { withCheckDigit } from './ids.ts';
import { ageOn, checkIin, iinLast4, isIsoDate } from './volunteer-account.ts';

/** A valid IIN for a birth date (YYMMDD), a century-and-sex digit and a serial. */
function iin(yymmdd: string, cs: number, serial = '0001'): string {
  for (let s = Number(serial); s < 10000; s++) {
    const v = withCheckDigit(`${yymmdd}${cs}${String(s).padStart(4, '0')}`);
    if (v) return v;
  }
  throw new Error('no IIN');
}

describe('checkIin', () => {
  const woman1990 = iin('900215', 4); // 4: born in the 1900s, female
  const man2008 = iin('080301', 5); // 5: born in the 2000s, male

  it('accepts an IIN that matches the birth date and gender stated', () => {
    expect(checkIin(woman1990, { birthDate: '1990-02-15', gender: 'female' })).toBeNull();
    expect(checkIin(man2008, { birthDate: '2008-03-01', gender: 'male' })).toBeNull();
  });

  it('refuses other than 12 digits', () => {
    expect(checkIin('12345', { birthDate: '1990-02-15', gender: 'female' })?.code).toBe('iin_format');
    expect(checkIin(`${woman1990.slice(0, 11)}x`, { birthDate: '1990-02-15', gender: 'female' })?.code).toBe(
      'iin_format',
    );
  });

  it('refuses a wrong check digit', () => {
    const wrong = woman1990.slice(0, 11) + String((Number(woman1990[11]) + 1) % 10);
    expect(checkIin(wrong, { birthDate: '1990-02-15', gender: 'female' })?.code).toBe('iin_check_digit');
  });

  it('refuses an impossible date or century digit', () => {
    expect(checkIin(iin('901345', 4), { birthDate: '1990-13-45', gender: 'female' })?.code).toBe(
      'iin_invalid',
    );
    expect(checkIin(iin('900215', 0), { birthDate: '1990-02-15', gender: 'female' })?.code).toBe(
      'iin_invalid',
    );
  });

  it('refuses a contradiction with the birth date or the gender', () => {
    expect(checkIin(woman1990, { birthDate: '1990-02-16', gender: 'female' })?.code).toBe(
      'iin_birth_date_mismatch',
    );
    // Same YYMMDD a century later: the century digit decides.
    expect(checkIin(woman1990, { birthDate: '2090-02-15', gender: 'female' })?.code).toBe(
      'iin_birth_date_mismatch',
    );
    expect(checkIin(woman1990, { birthDate: '1990-02-15', gender: 'male' })?.code).toBe(
      'iin_gender_mismatch',
    );
  });

  it('never repeats the IIN in its message; keeps only the last 4 digits', () => {
    const p = checkIin(woman1990, { birthDate: '1990-02-16', gender: 'female' });
    expect(p?.message).not.toContain(woman1990);
    expect(iinLast4(woman1990)).toBe(woman1990.slice(8));
  });
});

describe('ages and dates', () => {
  it('counts full years, the birthday included', () => {
    expect(ageOn('2012-12-06', '2026-12-06')).toBe(14);
    expect(ageOn('2012-12-07', '2026-12-06')).toBe(13);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });

  it('knows a real date', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-1')).toBe(false);
  });
});
