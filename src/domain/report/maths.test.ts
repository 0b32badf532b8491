import { describe, expect, it } from 'vitest';
import { fte, hourlyWage, impliedNorm, pickWage, value } from '../economic.ts';
import { formatUpTo as formatNumber } from './format.ts';
import {
  change,
  extreme,
  median,
  modifiedZScores,
  outliers,
  prevailing,
  round,
  scrubNonFinite,
  share,
  sumKnown,
} from './maths.ts';
import { say } from './narrative.ts';
import { buildMap, changeNotComparable } from './territory.ts';

describe('shares and changes', () => {
  it('rounds shares to 2 decimals, half away from zero', () => {
    expect(share(417_399, 1_088_387)).toBe(38.35);
    expect(share(166, 1_088_387)).toBe(0.02);
    expect(round(38.345)).toBe(38.35);
    expect(round(-1.005)).toBe(-1.01);
  });
  it('answers null for a zero or missing denominator, never NaN or Infinity', () => {
    expect(share(5, 0)).toBeNull();
    expect(share(0, 0)).toBeNull();
    expect(share(null, 10)).toBeNull();
    expect(share(5, null)).toBeNull();
    expect(change(10, 0)).toBeNull();
    expect(change(null, 5)).toBeNull();
    expect(change(301, 100)).toBe(201);
    expect(change(53, 100)).toBe(-47);
  });
  it('sums the known values only; nothing known is null, not zero', () => {
    expect(sumKnown([1, null, 2])).toBe(3);
    expect(sumKnown([null, undefined])).toBeNull();
    expect(sumKnown([])).toBeNull();
  });
  it('names which figure prevails', () => {
    expect(prevailing(57.6, 42.4, ['female', 'male'])).toBe('female');
    expect(prevailing(40, 60, ['female', 'male'])).toBe('male');
    expect(prevailing(50, 50, ['female', 'male'])).toBe('equal');
    expect(prevailing(0, 0, ['female', 'male'])).toBeNull();
    expect(prevailing(null, 3, ['female', 'male'])).toBeNull();
  });
  it('finds extremes ignoring missing values', () => {
    const xs = [{ v: 3 }, { v: null }, { v: 9 }, { v: 1 }];
    expect(extreme(xs, (x) => x.v)?.v).toBe(9);
    expect(extreme(xs, (x) => x.v, 'min')?.v).toBe(1);
    expect(extreme([], (x: number) => x)).toBeNull();
  });
  it('scrubs non-finite numbers out of a JSON value', () => {
    const o = { a: 1, b: Number.NaN, c: [Number.POSITIVE_INFINITY, 2], d: { e: Number.NEGATIVE_INFINITY } };
    expect(scrubNonFinite(o)).toEqual(['$.b', '$.c[0]', '$.d.e']);
    expect(o).toEqual({ a: 1, b: null, c: [null, 2], d: { e: null } });
  });
});

describe('modified z-score outliers', () => {
  it('computes Mi = 0.6745 (x − median) / MAD', () => {
    const xs = [10, 11, 12, 13, 100];
    expect(median(xs)).toBe(12);
    // MAD = median(|x − 12|) = median(2,1,0,1,88) = 1
    expect(modifiedZScores(xs)).toEqual([-1.35, -0.67, 0, 0.67, 59.36]);
    expect(outliers(xs, (x) => x).map((o) => o.item)).toEqual([100]);
  });
  it('falls back to the mean absolute deviation when the MAD is 0, and flags nothing when all are equal', () => {
    const zs = modifiedZScores([5, 5, 5, 5, 50]);
    expect(zs[4] as number).toBeGreaterThan(3.5);
    expect(modifiedZScores([4, 4, 4])).toEqual([null, null, null]);
    expect(modifiedZScores([])).toEqual([]);
    expect(outliers([4, 4, 4], (x) => x)).toEqual([]);
  });
});

describe('economic value', () => {
  it('follows REFERENCE.md: 309,697 × 12 ÷ 1,960 ≈ 1,896 KZT an hour', () => {
    expect(Math.round(hourlyWage(309_697, 1960) as number)).toBe(1896);
    expect(value(1000, 1896.1)).toBe(1_896_100);
    expect(fte(1_347_378, 1816)).toBe(742);
    expect(impliedNorm(1_347_378, 742)).toBe(1816);
  });
  it('answers null without working time, wage or norm', () => {
    expect(hourlyWage(300_000, 0)).toBeNull();
    expect(hourlyWage(null, 1960)).toBeNull();
    expect(value(100, null)).toBeNull();
    expect(fte(100, 0)).toBeNull();
    expect(fte(null, 1816)).toBeNull();
  });
  it('falls back to the national wage row', () => {
    const wages = [
      { region: '', activity: '', monthly: 300, source: 'n' },
      { region: 'KZ-11', activity: '', monthly: 250, source: 'r' },
    ];
    expect(pickWage(wages, 'KZ-11')?.from).toBe('region');
    expect(pickWage(wages, 'KZ-15')).toEqual({ wage: wages[0], from: 'national' });
    expect(pickWage([], 'KZ-15')).toBeNull();
  });
});

describe('territory maps', () => {
  const units = [
    { code: 'KZ-63', validFrom: null, validTo: null },
    { code: 'KZ-10', validFrom: '2022-06-08', validTo: null },
    { code: 'KZ-47', validFrom: null, validTo: null },
  ];
  const lineage = [{ predecessor: 'KZ-63', successor: 'KZ-10', date: '2022-06-08' }];
  it("puts a unit created during the year onto its predecessor on the year's map", () => {
    const m = buildMap(units, lineage, 2022, 'year');
    expect(m.units).toEqual(['KZ-63', 'KZ-47']);
    expect(m.target.get('KZ-10')).toBe('KZ-63');
    expect(m.sources.get('KZ-63')).toEqual(['KZ-63', 'KZ-10']);
    expect(changeNotComparable(m, units, lineage, 2022).size).toBe(0);
  });
  it('marks the split units not comparable on the current map, and the next year too', () => {
    const m = buildMap(units, lineage, 2022, 'current');
    expect(m.units).toEqual(['KZ-63', 'KZ-10', 'KZ-47']);
    expect([...m.notComparable].sort()).toEqual(['KZ-10', 'KZ-63']);
    const m23 = buildMap(units, lineage, 2023, 'year');
    expect(m23.units).toHaveLength(3);
    expect(m23.notComparable.size).toBe(0);
    expect([...changeNotComparable(m23, units, lineage, 2023)].sort()).toEqual(['KZ-10', 'KZ-63']);
    expect(changeNotComparable(buildMap(units, lineage, 2024, 'year'), units, lineage, 2024).size).toBe(0);
  });
});

describe('narrative', () => {
  it('formats numbers by language and fills templates in kk, ru and en', () => {
    expect(formatNumber(1_088_387, 'en')).toBe('1,088,387');
    expect(formatNumber(1_088_387, 'ru').replace(/\s/g, ' ')).toBe('1 088 387');
    expect(formatNumber(38.35, 'ru', 2)).toBe('38,35');
    expect(formatNumber(Number.NaN, 'en')).toBe('–');
    const en = say('en', 'narrative.growth', { prevYear: '2021', region: 'Mangystau region', value: 201 });
    expect(en).toBe('The largest growth relative to 2021 is recorded in Mangystau region (+201%).');
    expect(say('ru', 'narrative.growth', { prevYear: '2021', region: 'X', value: 201 })).toMatch(
      /Наибольший рост/,
    );
    expect(say('en', 'narrative.noData', { year: 2022 })).toBe('There are no accepted data for 2022.');
    expect(say('kk', 'narrative.growth', { prevYear: '2021', region: 'X', value: 201 })).toMatch(/өсім/);
  });
});
