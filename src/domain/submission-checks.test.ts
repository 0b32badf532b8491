import { describe, expect, it } from 'vitest';
import {
  breakdownSums,
  type CheckFacts,
  evaluateChecks,
  lastYearOf,
  MAX_LISTED,
  submitVerdict,
  yearOnYear,
} from './submission-checks.ts';
import { returnStatus, timelinessAt } from './submission-status.ts';

const facts = (over: Partial<CheckFacts> = {}): CheckFacts => ({
  kind: 'month',
  period: '2023-03',
  lastYearPeriod: '2022-03',
  hasData: true,
  invalidRecords: [],
  breakdownSums: [],
  outliers: [],
  current: { volunteers: 10, hours: 40 },
  lastYear: { volunteers: null, hours: null },
  ...over,
});

describe('checks before submitting', () => {
  it('lists at most MAX_LISTED items of a rule, and counts the rest in one more item', () => {
    const invalidRecords = Array.from({ length: 5000 }, (_, i) => ({
      id: i + 1,
      title: `Record ${i + 1}`,
      problems: [{ column: 'area', rule: 'unknown_code', message: 'not allowed' }],
    }));
    const r = evaluateChecks(facts({ invalidRecords }));
    expect(r.blocking).toHaveLength(MAX_LISTED + 1);
    expect(r.blocking.at(-1)).toMatchObject({
      rule: 'more',
      severity: 'blocking',
      params: { of: 'record_invalid', count: 4900 },
    });
    expect(submitVerdict(r, { confirmWarnings: true })).toBe('blocked');
  });

  it('names the same period last year', () => {
    expect(lastYearOf('2023-03')).toBe('2022-03');
    expect(lastYearOf('2023-H1')).toBe('2022-H1');
    expect(lastYearOf('2023')).toBe('2022');
  });

  it('warns on a figure more than 3× or under a third of last year, only when last year had it', () => {
    const at = { period: '2023-03', lastYearPeriod: '2022-03' };
    expect(yearOnYear('hours', 31, 10, at)?.rule).toBe('year_on_year_high');
    expect(yearOnYear('hours', 30, 10, at)).toBeNull();
    expect(yearOnYear('hours', 10, 30, at)).toBeNull();
    expect(yearOnYear('volunteers', 9, 30, at)).toMatchObject({
      rule: 'year_on_year_low',
      severity: 'warning',
      params: { figure: 'volunteers', value: 9, lastYear: 30, lastYearPeriod: '2022-03', ratio: 0.3 },
    });
    expect(yearOnYear('hours', 100, null, at)).toBeNull();
    expect(yearOnYear('hours', 100, 0, at)).toBeNull();
    expect(yearOnYear('hours', null, 100, at)).toBeNull();
  });

  it('a clean month: nothing blocks, nothing to confirm', () => {
    const r = evaluateChecks(facts({ lastYear: { volunteers: 9, hours: 50 } }));
    expect(r).toEqual({ empty: false, blocking: [], warnings: [] });
    expect(submitVerdict(r, {})).toBe('ok');
  });

  it('an empty month is submitted only as "nothing to report"', () => {
    const r = evaluateChecks(facts({ hasData: false, current: { volunteers: null, hours: null } }));
    expect(r.empty).toBe(true);
    expect(r.warnings.map((w) => w.rule)).toEqual(['empty_month']);
    expect(submitVerdict(r, {})).toBe('empty');
    expect(submitVerdict(r, { confirmWarnings: true })).toBe('empty');
    expect(submitVerdict(r, { nothingToReport: true })).toBe('ok');
    const stocks = evaluateChecks(facts({ kind: 'half', period: '2023-H1', hasData: false }));
    expect(stocks.warnings.map((w) => w.rule)).toEqual(['empty_stocks']);
  });

  it('"nothing to report" is refused for a period with data', () => {
    expect(submitVerdict(evaluateChecks(facts()), { nothingToReport: true })).toBe('not_empty');
  });

  it('warnings (outliers, far from last year) need confirming; blocking problems refuse', () => {
    const r = evaluateChecks(
      facts({
        outliers: [{ id: 7, title: 'Camp', organization: 'NPO', hoursPerVolunteer: 90 }],
        lastYear: { volunteers: 100, hours: 40 },
      }),
    );
    expect(r.warnings.map((w) => w.rule)).toEqual(['outlier', 'year_on_year_low']);
    expect(submitVerdict(r, {})).toBe('unconfirmed');
    expect(submitVerdict(r, { confirmWarnings: true })).toBe('ok');
    const bad = evaluateChecks(
      facts({
        invalidRecords: [
          {
            id: 3,
            title: 'Cleanup',
            problems: [{ column: 'area', rule: 'unknown_code', message: 'area "x" is not allowed' }],
          },
        ],
      }),
    );
    expect(bad.blocking).toEqual([
      expect.objectContaining({
        rule: 'record_invalid',
        severity: 'blocking',
        params: expect.objectContaining({ id: 3, column: 'area', problem: 'unknown_code' }),
      }),
    ]);
    expect(submitVerdict(bad, { confirmWarnings: true })).toBe('blocked');
  });

  it('names the breakdown that does not add up (gender, age band, employment)', () => {
    const codes = { gender: ['male', 'female'], age_band: ['a', 'b'], employment: ['x', 'y'] };
    const rows = [
      { dimension: 'total', category: '', volunteers: 10 },
      { dimension: 'gender', category: 'male', volunteers: 4 },
      { dimension: 'gender', category: 'female', volunteers: 5 },
      { dimension: 'age_band', category: 'a', volunteers: 5 },
      { dimension: 'age_band', category: 'b', volunteers: 5 },
      // employment incomplete: not checked
      { dimension: 'employment', category: 'x', volunteers: 50 },
    ];
    expect(breakdownSums(rows, codes)).toEqual([{ dimension: 'gender', sum: 9, total: 10 }]);
    expect(breakdownSums(rows.slice(1), codes)).toEqual([]);
    const r = evaluateChecks(
      facts({
        kind: 'year',
        period: '2023',
        lastYearPeriod: '2022',
        breakdownSums: breakdownSums(rows, codes),
      }),
    );
    expect(r.blocking[0]).toMatchObject({
      rule: 'breakdown_sum',
      params: { dimension: 'gender', sum: 9, total: 10 },
    });
    expect(r.blocking[0]?.message).toMatch(/gender/);
  });
});

describe('the status of a return', () => {
  it('one state and separate flags, the same for every reader', () => {
    expect(returnStatus({ status: null, started: false, timeliness: 'overdue' })).toEqual({
      state: 'not_started',
      overdue: true,
      late: false,
    });
    expect(returnStatus({ status: 'draft', started: false, timeliness: 'pending' }).state).toBe(
      'not_started',
    );
    expect(returnStatus({ status: 'draft', started: true, timeliness: 'overdue' })).toEqual({
      state: 'draft',
      overdue: true,
      late: false,
    });
    expect(returnStatus({ status: 'submitted', started: true, timeliness: 'late' })).toEqual({
      state: 'submitted',
      overdue: false,
      late: true,
    });
    expect(returnStatus({ status: 'accepted', started: true, timeliness: 'on_time' }).state).toBe('accepted');
  });

  it('timeliness from the deadline day in Kazakhstan', () => {
    expect(timelinessAt('2023-04-05', null, '2023-04-05T18:00:00.000Z')).toBe('pending');
    expect(timelinessAt('2023-04-05', null, '2023-04-05T19:00:00.000Z')).toBe('overdue');
    expect(timelinessAt('2023-04-05', '2023-04-05T18:59:00.000Z')).toBe('on_time');
    expect(timelinessAt('2023-04-05', '2023-04-06T00:00:00.000Z')).toBe('late');
  });
});
