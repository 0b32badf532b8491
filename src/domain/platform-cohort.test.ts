import { describe, expect, it } from 'vitest';
import { ageBandOf, cohortOf, kzDate, kzMonth } from './platform-cohort.ts';

const adult = { birthDate: '1990-05-10', gender: 'female', disability: false, resident: true };
const npo = { date: '2027-03-01', orgType: 'npo', probono: false };

describe('a participation’s cohort: the first that applies', () => {
  it('child before silver, inclusive, international, corporate, probono, general', () => {
    expect(cohortOf({ ...adult, birthDate: '2010-03-02', disability: true }, npo)).toBe('child');
    // 17 the day before the 18th birthday, 18 on it.
    expect(cohortOf({ ...adult, birthDate: '2009-03-02' }, npo)).toBe('child');
    expect(cohortOf({ ...adult, birthDate: '2009-03-01' }, npo)).toBe('general');
    expect(cohortOf({ ...adult, birthDate: '1972-03-01', disability: true }, npo)).toBe('silver');
    expect(cohortOf({ ...adult, disability: true, resident: false }, npo)).toBe('inclusive');
    expect(cohortOf({ ...adult, resident: false }, { ...npo, orgType: 'company' })).toBe('international');
    expect(cohortOf(adult, { ...npo, orgType: 'company', probono: true })).toBe('corporate');
    expect(cohortOf(adult, { ...npo, probono: true })).toBe('probono');
    expect(cohortOf(adult, npo)).toBe('general');
  });
});

describe('age bands by the retirement age of the gender', () => {
  it('under 18, 18–29, 30 to retirement, retired', () => {
    expect(ageBandOf('2010-01-01', 'male', '2027-01-01')).toBe('under_18');
    expect(ageBandOf('2000-01-01', 'male', '2027-01-01')).toBe('18_29');
    expect(ageBandOf('1997-01-01', 'male', '2027-01-01')).toBe('30_retirement');
    expect(ageBandOf('1965-01-01', 'female', '2027-01-01')).toBe('retired'); // 62 ≥ 61
    expect(ageBandOf('1965-01-01', 'male', '2027-01-01')).toBe('30_retirement'); // 62 < 63
  });
});

describe('Kazakhstan time (UTC+5)', () => {
  it('a shift at 21:00 UTC on the 31st belongs to the next day and month', () => {
    expect(kzDate('2027-01-31T21:00:00.000Z')).toBe('2027-02-01');
    expect(kzMonth('2027-01-31T21:00:00.000Z')).toBe('2027-02');
    expect(kzMonth('2027-01-31T18:59:59.000Z')).toBe('2027-01');
  });
});
