import { describe, expect, it } from 'vitest';
import { ActivityValidator, cellNumber, type RawActivity, validateActivity } from './activity-rules.ts';
import { withCheckDigit } from './ids.ts';
import type { ReferenceSnapshot } from './reference.ts';

const ref: ReferenceSnapshot = {
  units: [
    { code: 'KZ-75', validFrom: null, validTo: null },
    { code: 'KZ-10', validFrom: '2022-06-08', validTo: null },
  ],
  aliases: { 'kz-75': 'KZ-75', 'г. алматы': 'KZ-75', 'almaty city': 'KZ-75', 'kz-10': 'KZ-10' },
  codes: {
    organization_type: ['npo', 'initiative_group'],
    area: ['umit', 'other_social'],
    format: ['offline', 'online', 'auto'],
    kind: ['event', 'ongoing', 'development'],
    rfo_support: ['recruiting', 'coverage'],
    exclusion_reason: ['paid'],
  },
};

const good: RawActivity = {
  region: 'г. Алматы',
  period: '2022-05',
  organization: 'Жас Қанат',
  organization_type: 'npo',
  title: 'Субботник',
  area: 'umit',
  format: 'offline',
  kind: 'event',
  start_date: '2022-05-14',
  end_date: '14.05.2022',
  volunteers: '12',
  hours: '48,5',
};

const rules = (raw: RawActivity) =>
  validateActivity(raw, ref, 2).problems.map((p) => `${p.column}:${p.rule}`);

describe('activity rules', () => {
  it('accepts a good row, resolving names, dates and decimal commas', () => {
    const { value, problems } = validateActivity(good, ref, 2);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      region: 'KZ-75',
      end_date: '2022-05-14',
      hours: 48.5,
      volunteers: 12,
      general: null,
    });
  });

  it('lists every problem of a row, with row, column and rule', () => {
    const { value, problems } = validateActivity(
      {
        ...good,
        region: 'Атлантида',
        area: 'space',
        volunteers: 'много',
        hours: '-3',
        start_date: '2022-06-01',
      },
      ref,
      7,
    );
    expect(value).toBeNull();
    expect(problems.map((p) => `${p.row}:${p.column}:${p.rule}`)).toEqual([
      '7:region:unknown_region',
      '7:area:unknown_code',
      '7:start_date:date_outside_period',
      '7:volunteers:number',
      '7:hours:min',
    ]);
  });

  it('refuses missing required cells, a bad period and start after end', () => {
    expect(rules({ ...good, title: ' ', period: '2022-13' })).toEqual([
      'period:period_format',
      'title:required',
    ]);
    expect(rules({ ...good, start_date: '2022-05-20', end_date: '2022-05-10' })).toEqual([
      'end_date:start_after_end',
    ]);
  });

  it('caps hours at volunteers × days × 24', () => {
    expect(rules({ ...good, volunteers: '1', hours: '25' })).toEqual(['hours:hours_too_many']);
    expect(rules({ ...good, volunteers: '1', hours: '24' })).toEqual([]);
  });

  it('checks cohort counts against the volunteers', () => {
    const all = { child: 1, inclusive: 1, corporate: 1, international: 1, silver: 1, probono: 1 };
    expect(rules({ ...good, ...all, general: 6 })).toEqual([]);
    expect(rules({ ...good, ...all, general: 5 })).toEqual(['general:cohorts_sum']);
    expect(rules({ ...good, child: 13 })).toEqual(['general:cohorts_sum']);
    expect(rules({ ...good, child: 5 })).toEqual([]);
    expect(rules({ ...good, child: -1 })).toEqual(['child:min']);
  });

  it('verifies the BIN check digit', () => {
    const bin = withCheckDigit('04054000123') as string;
    expect(rules({ ...good, organization_bin: bin })).toEqual([]);
    const wrong = bin.slice(0, 11) + String((Number(bin[11]) + 1) % 10);
    expect(rules({ ...good, organization_bin: wrong })).toEqual(['organization_bin:bin_check_digit']);
  });

  it('refuses a unit outside its validity (Abai region before 8 June 2022)', () => {
    expect(rules({ ...good, region: 'KZ-10', start_date: '2022-05-01', end_date: '2022-05-01' })).toEqual([
      'region:region_not_valid_in_period',
    ]);
  });

  it('checks support types and exclusion reasons against their code lists', () => {
    expect(rules({ ...good, rfo_support: 'recruiting|coverage' })).toEqual([]);
    expect(rules({ ...good, rfo_support: 'recruiting|magic' })).toEqual(['rfo_support:unknown_code']);
    expect(rules({ ...good, excluded: 'paid' })).toEqual([]);
    expect(rules({ ...good, excluded: 'boring' })).toEqual(['excluded:unknown_code']);
  });

  it('a validator reused over many records answers each as a fresh one would (its caches carry nothing over)', () => {
    const variants: RawActivity[] = [
      good,
      { ...good, region: 'Атлантида' },
      { ...good, region: 'KZ-10', start_date: '2022-05-01', end_date: '2022-05-01' },
      { ...good, region: 'KZ-10', period: '2022-06', start_date: '2022-06-01', end_date: '2022-06-01' },
      { ...good, period: '2022-06', start_date: '2022-06-01', end_date: '2022-06-02', hours: '49' },
      { ...good, period: '2022-06' },
      { ...good, start_date: '2022-02-30' },
      { ...good, start_date: '30.05.2022', end_date: '2022-05-14' },
      { ...good, volunteers: '0050', hours: '1 000,5', child: '' },
      { ...good, volunteers: '1', hours: '48', start_date: '2022-05-13', end_date: '2022-05-14' },
      { ...good, volunteers: '1', hours: '48', start_date: '2022-05-14', end_date: '2022-05-14' },
      { ...good, organization_type: 'NPO', area: ' Umit ', format: 'paper' },
      { ...good, rfo_support: 'Recruiting | coverage|recruiting' },
      { ...good, rfo_support: 'recruiting|magic', excluded: 'PAID' },
      { ...good, period: '2022-H1' },
    ];
    const v = new ActivityValidator(ref);
    for (let round = 0; round < 3; round++)
      for (const [i, raw] of variants.entries())
        expect(v.validate(raw, i)).toEqual(validateActivity(raw, ref, i));
    expect(v.validate(variants[8] as RawActivity).value).toMatchObject({ volunteers: 50, hours: 1000.5 });
    expect(v.validate(variants[12] as RawActivity).value).toMatchObject({
      rfo_support: 'recruiting|coverage',
    });
  });

  it('reads numbers as parseNumber does, plain digits and blanks without it', () => {
    for (const [cell, want] of [
      ['', null],
      ['0', 0],
      ['0012', 12],
      ['999999999999999', 999999999999999],
      ['9999999999999999', 10000000000000000],
      [' 12 ', 12],
      ['1 088 387,5', 1088387.5],
      ['-3', -3],
      ['12a', undefined],
      ['٣', undefined],
      [null, null],
      [undefined, null],
      [7.5, 7.5],
      [Number.NaN, undefined],
    ] as const)
      expect([cell, cellNumber(cell)]).toEqual([cell, want]);
  });
});
