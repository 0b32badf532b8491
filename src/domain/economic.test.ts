// The valuation of volunteer time (DOMAIN.md §6) on small hand-computed cases.
import { describe, expect, it } from 'vitest';
import {
  fte,
  hourlyWage,
  impliedNorm,
  pickWage,
  sumValues,
  type ValuationInput,
  value,
  valueHours,
  valueRange,
} from './economic.ts';

describe('the formulas', () => {
  it('turns a monthly wage into an hourly one, and hours into tenge and full-time equivalents', () => {
    expect(hourlyWage(246_000, 1968)).toBe(1500);
    expect(hourlyWage(100, 0)).toBeNull();
    expect(hourlyWage(-1, 1968)).toBeNull();
    expect(value(64, 1500)).toBe(96_000);
    expect(value(null, 1500)).toBeNull();
    expect(fte(1_347_378, 1816)).toBe(742);
    expect(fte(100, 0)).toBeNull();
    expect(impliedNorm(1_347_378, 742)).toBe(1816);
  });

  it('picks the region’s wage, else the national one', () => {
    const wages = [
      { region: '', activity: '', monthly: 400_000, source: 'national' },
      { region: 'KZ-11', activity: '', monthly: 328_000, source: 'Akmola' },
    ];
    expect(pickWage(wages, 'KZ-11')?.from).toBe('region');
    expect(pickWage(wages, 'KZ-75')).toEqual({ wage: wages[0], from: 'national' });
    expect(pickWage(wages, 'KZ-75', 'O')).toBeNull();
  });

  it('sums values only when every one is known', () => {
    expect(sumValues([{ valueKzt: 1 }, { valueKzt: 2 }])).toBe(3);
    expect(sumValues([{ valueKzt: 1 }, { valueKzt: null }])).toBeNull();
    expect(sumValues([])).toBeNull();
  });
});

const input = (over: Partial<ValuationInput> = {}): ValuationInput => ({
  rows: [
    { region: 'KZ-11', area: 'umit', hours: 64 },
    { region: 'KZ-75', area: 'qamqor', hours: 10 },
    { region: 'KZ-99', area: 'umit', hours: 1000 }, // not on the map: not valued
  ],
  onMap: (r) => r !== 'KZ-99',
  wages: [
    { region: '', activity: '', monthly: 164_000, source: 'national' }, // 1,000 ₸ an hour
    { region: 'KZ-11', activity: '', monthly: 328_000, source: 'Akmola' }, // 2,000 ₸ an hour
  ],
  annualHours: 1968,
  unaccounted: [{ source: 'programme', area: 'umit', volunteers: 3, hours: 5, note: null }],
  areaActivity: new Map([
    ['umit', 'O'],
    ['qamqor', null],
  ]),
  noData: false,
  rfoHours: 74,
  ...over,
});

describe('valueHours', () => {
  it('values each region at its own wage, the national one where it has none', () => {
    const v = valueHours(input());
    expect(v.regional.byRegion).toEqual([
      { region: 'KZ-11', hours: 64, hourlyWageKzt: 2000, valueKzt: 128_000, wageFrom: 'region' },
      { region: 'KZ-75', hours: 10, hourlyWageKzt: 1000, valueKzt: 10_000, wageFrom: 'national' },
    ]);
    expect(v.regional.rfoValueKzt).toBe(138_000);
    expect(v.regional.nationalFallback).toEqual(['KZ-75']);
    expect(v.regional.noWage).toEqual([]);
    expect(v.unaccounted[0]).toMatchObject({ hours: 5, hourlyWageKzt: 1000, valueKzt: 5000 });
    expect(v.upliftValueKzt).toBe(5000);
    expect(v.national).toEqual({ valueKzt: 74_000 });
    expect(v.activity).toBeNull(); // no activity rows in the wage table
    expect([...(v.usedFor.get('|') ?? [])]).toEqual(['KZ-75', 'unaccounted hours']);
  });

  it('values by type of activity where the wage table has activity rows, and names the unmapped areas', () => {
    const wages = [...input().wages, { region: '', activity: 'O', monthly: 246_000, source: 'O' }]; // 1,500 ₸
    const v = valueHours(input({ wages }));
    // umit (O) 64 h at the national O wage; qamqor (no activity) 10 h at KZ-75's average (national)
    expect(v.activity?.byArea).toEqual([
      { area: 'umit', activity: 'O', hours: 64, hourlyWageKzt: 1500, valueKzt: 96_000 },
      { area: 'qamqor', activity: null, hours: 10, hourlyWageKzt: null, valueKzt: 10_000 },
    ]);
    expect(v.activity?.rfoValueKzt).toBe(106_000);
    expect(v.activity?.upliftValueKzt).toBe(7500); // 5 h of umit at the O wage
    expect(v.activity?.unmapped).toEqual(['qamqor']);
  });

  it('leaves a region without any wage unvalued, and the totals unknown', () => {
    const v = valueHours(
      input({ wages: [{ region: 'KZ-11', activity: '', monthly: 328_000, source: 'A' }] }),
    );
    expect(v.regional.noWage).toEqual(['KZ-75']);
    expect(v.regional.rfoValueKzt).toBeNull();
    expect(v.national).toBeNull();
    expect(v.unaccounted[0]?.valueKzt).toBeNull();
  });

  it('values nothing reported when no month was included', () => {
    const v = valueHours(input({ noData: true, rfoHours: null }));
    expect(v.regional.rfoValueKzt).toBeNull();
    expect(v.national).toBeNull();
  });
});

describe('valueRange', () => {
  it('spans the activity and regional valuations when both exist, else the RFO hours to all hours', () => {
    expect(valueRange({ rfoValueKzt: 100, totalValueKzt: 120 }, 90)).toEqual({
      range: [90, 120],
      basis: 'activity',
    });
    expect(valueRange({ rfoValueKzt: 100, totalValueKzt: 120 }, null)).toEqual({
      range: [100, 120],
      basis: 'regional',
    });
    expect(valueRange({ rfoValueKzt: null, totalValueKzt: null }, 90)).toEqual({ range: null, basis: null });
  });
});
