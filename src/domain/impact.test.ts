import { describe, expect, it } from 'vitest';
import {
  beneficiariesOf,
  beneficiaryProblems,
  emptyFigures,
  impactFigures,
  kzYear,
  kzYearRange,
  MIN_SURVEYS,
  noShowOf,
  outcomeLine,
  type ParticipationGroup,
  repeatOf,
  reportEditableUntil,
  responseOf,
  retentionOf,
  type ScopeOf,
  surveyOf,
} from './impact.ts';

const all: ScopeOf = () => 'all';
const byRegion: ScopeOf = (p) => p.region;
const byArea: ScopeOf = (p) => p.area;
const g = (
  volunteer: number,
  first: string,
  last = first,
  count = 1,
  region = 'KZ-75',
  area = 'qamqor',
): ParticipationGroup => ({ volunteer, region, area, count, first, last });

describe('Kazakhstan years', () => {
  it('run from midnight at UTC+5', () => {
    expect(kzYearRange(2027)).toEqual({ from: '2026-12-31T19:00:00.000Z', to: '2027-12-31T19:00:00.000Z' });
    expect(kzYear('2026-12-31T19:00:00.000Z')).toBe(2027);
    expect(kzYear('2026-12-31T18:59:59.999Z')).toBe(2026);
  });

  it('a report is editable until 1 April of the year after the last shift', () => {
    expect(reportEditableUntil('2027-06-01T10:00:00.000Z')).toBe('2028-03-31T19:00:00.000Z');
    // The last shift ends on 31 December after 19:00 UTC: already 1 January in Kazakhstan.
    expect(reportEditableUntil('2027-12-31T20:00:00.000Z')).toBe('2029-03-31T19:00:00.000Z');
  });
});

describe('retention: active again within 12 months of the last participation of the previous year', () => {
  const previous = [
    g(1, '2026-03-01T05:00:00Z', '2026-11-20T05:00:00Z', 2),
    g(2, '2026-02-01T05:00:00Z'),
    g(3, '2026-12-30T05:00:00Z', '2026-12-30T05:00:00Z', 1, 'KZ-79', 'bilim'),
    g(4, '2026-05-05T05:00:00Z'),
    // Volunteer 1 also took part in KZ-79: in that region's cohort too, with his last date overall.
    g(1, '2026-04-01T05:00:00Z', '2026-04-01T05:00:00Z', 1, 'KZ-79', 'bilim'),
  ];
  const current = [
    g(1, '2027-11-19T05:00:00Z'), // 364 days after 2026-11-20: retained
    g(2, '2027-02-02T05:00:00Z'), // a year and a day after his only date: not retained
    g(3, '2027-06-01T05:00:00Z', '2027-06-01T05:00:00Z', 1, 'KZ-11', 'media'), // back elsewhere: retained
    g(5, '2027-01-10T05:00:00Z'), // new this year: not in any cohort
  ];

  it('nationally: 2 of 4', () => {
    expect(retentionOf(previous, current, all).get('all')).toEqual({ value: 50, n: 2, of: 4 });
  });

  it('by region and area, the cohort is where they took part, the return anywhere', () => {
    const r = retentionOf(previous, current, byRegion);
    expect(r.get('KZ-75')).toEqual({ value: 33.33, n: 1, of: 3 });
    expect(r.get('KZ-79')).toEqual({ value: 100, n: 2, of: 2 });
    expect(r.has('KZ-11')).toBe(false);
    expect(retentionOf(previous, current, byArea).get('bilim')).toEqual({ value: 100, n: 2, of: 2 });
  });

  it('exactly a year later still counts; a scope outside (null) counts nowhere', () => {
    const r = retentionOf([g(9, '2027-02-28T05:00:00Z')], [g(9, '2028-02-28T05:00:00Z')], all);
    expect(r.get('all')).toEqual({ value: 100, n: 1, of: 1 });
    expect(retentionOf(previous, current, () => null).size).toBe(0);
  });

  it('no previous year: no figure at all, not 0', () => {
    expect(retentionOf([], current, all).get('all')).toBeUndefined();
  });
});

describe('repeat participation and no-shows', () => {
  it('counts a volunteer’s participations within the scope', () => {
    const rows = [
      g(1, '2027-01-01T05:00:00Z', '2027-02-01T05:00:00Z', 2),
      g(2, '2027-01-01T05:00:00Z', '2027-01-01T05:00:00Z', 1, 'KZ-75'),
      g(2, '2027-03-01T05:00:00Z', '2027-03-01T05:00:00Z', 1, 'KZ-79'),
      g(3, '2027-01-01T05:00:00Z'),
    ];
    expect(repeatOf(rows, all).get('all')).toEqual({ value: 66.67, n: 2, of: 3 });
    expect(repeatOf(rows, byRegion).get('KZ-75')).toEqual({ value: 33.33, n: 1, of: 3 });
    expect(repeatOf(rows, byRegion).get('KZ-79')).toEqual({ value: 0, n: 0, of: 1 });
  });

  it('no-show rate is no_show / (attended + no_show)', () => {
    const rows = [
      { region: 'KZ-75', area: 'qamqor', attended: 6, noShow: 2 },
      { region: 'KZ-79', area: 'qamqor', attended: 0, noShow: 0 },
    ];
    expect(noShowOf(rows, all).get('all')).toEqual({ value: 25, n: 2, of: 8 });
    expect(noShowOf(rows, byRegion).get('KZ-79')).toEqual({ value: null, n: 0, of: 0 });
  });
});

describe('response time, beneficiaries, surveys', () => {
  it('the median of the answered, with the applications made as coverage', () => {
    const rows = [
      { region: 'KZ-75', area: 'qamqor', applications: 5, answerHours: [1, 10, 3] },
      { region: 'KZ-79', area: 'qamqor', applications: 2, answerHours: [] },
      { region: 'KZ-79', area: 'bilim', applications: 1, answerHours: [4.04] },
    ];
    expect(responseOf(rows, all).get('all')).toEqual({ value: 3.5, n: 4, of: 8 });
    expect(responseOf(rows, byRegion).get('KZ-79')).toEqual({ value: 4, n: 1, of: 3 });
    expect(responseOf([rows[1] as (typeof rows)[number]], all).get('all')).toEqual({
      value: null,
      n: 0,
      of: 2,
    });
  });

  it('beneficiaries per 100 hours over the opportunities that reported; no hours, no opportunity', () => {
    const rows = [
      { region: 'KZ-75', area: 'qamqor', hours: 40, reported: true, beneficiaries: 30 },
      { region: 'KZ-75', area: 'qamqor', hours: 20, reported: true, beneficiaries: 0 },
      { region: 'KZ-75', area: 'bilim', hours: 100, reported: false, beneficiaries: 0 },
      { region: 'KZ-75', area: 'bilim', hours: 0, reported: true, beneficiaries: 500 },
    ];
    expect(beneficiariesOf(rows, all).get('all')).toEqual({
      value: 50,
      n: 2,
      of: 3,
      beneficiaries: 30,
      hours: 60,
    });
    expect(beneficiariesOf(rows, byArea).get('bilim')).toEqual({
      value: null,
      n: 0,
      of: 1,
      beneficiaries: 0,
      hours: 0,
    });
  });

  it(`survey means from ${MIN_SURVEYS} answers, with the participations as coverage`, () => {
    const s = (region: string, surveys: number, each: number) => ({
      region,
      area: 'qamqor',
      surveys,
      satisfaction: surveys * each,
      skillsGained: surveys * (each - 1),
      wouldReturn: surveys * 5,
      belonging: surveys * each,
    });
    const parts = [
      g(1, '2027-01-01T05:00:00Z', '2027-01-01T05:00:00Z', 4),
      g(2, '2027-01-02T05:00:00Z', '2027-01-02T05:00:00Z', 2, 'KZ-79'),
    ];
    const all3 = surveyOf([s('KZ-75', 2, 5), s('KZ-79', 1, 2)], parts, all).get('all');
    expect(all3?.satisfaction).toEqual({ value: 4, n: 3, of: 6 });
    expect(all3?.skillsGained).toEqual({ value: 3, n: 3, of: 6 });
    expect(all3?.wouldReturn).toEqual({ value: 5, n: 3, of: 6 });
    // Two answers in KZ-75: not published, the coverage still stated.
    expect(surveyOf([s('KZ-75', 2, 5)], parts, byRegion).get('KZ-75')?.satisfaction).toEqual({
      value: null,
      n: 2,
      of: 4,
    });
  });
});

describe('all figures of a scope', () => {
  it('a scope with some data has every figure, null where its own data is missing', () => {
    const f = impactFigures(
      {
        previous: [],
        current: [g(1, '2027-01-01T05:00:00Z')],
        attendance: [{ region: 'KZ-75', area: 'qamqor', attended: 1, noShow: 0 }],
        applications: [],
        opportunities: [],
        surveys: [],
      },
      all,
    ).get('all');
    expect(f).toEqual({
      ...emptyFigures(),
      repeatParticipation: { value: 0, n: 0, of: 1 },
      noShowRate: { value: 0, n: 0, of: 1 },
      satisfaction: { value: null, n: 0, of: 1 },
      skillsGained: { value: null, n: 0, of: 1 },
      wouldReturn: { value: null, n: 0, of: 1 },
      belonging: { value: null, n: 0, of: 1 },
    });
  });
});

describe('a report’s lines', () => {
  const types = ['children', 'animals'];
  it('refuses unknown and repeated types and counts out of range', () => {
    expect(beneficiaryProblems([{ type: 'children', count: 3 }], types)).toEqual([]);
    expect(
      beneficiaryProblems(
        [
          { type: 'aliens', count: 1 },
          { type: 'children', count: 1 },
          { type: 'children', count: 2 },
          { type: 'animals', count: -1 },
          { type: 'animals', count: 1.5 },
        ],
        types,
      ),
    ).toEqual([
      { index: 0, rule: 'unknown_beneficiary_type' },
      { index: 2, rule: 'duplicate_beneficiary_type' },
      { index: 3, rule: 'beneficiaries_range' },
      { index: 4, rule: 'duplicate_beneficiary_type' },
      { index: 4, rule: 'beneficiaries_range' },
    ]);
  });

  it('an outcome is one line', () => {
    expect(outcomeLine('  Built\n a   ramp \t ')).toBe('Built a ramp');
  });
});
