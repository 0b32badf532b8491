import { describe, expect, it } from 'vitest';
import { type Candidate, ineligibility, isScoreInScale, rankOrder, selectWinners } from './competition.ts';

const c = (
  id: number,
  scores: number[],
  budgetKzt = 1_000_000,
  submittedAt = '2026-03-01T10:00:00Z',
): Candidate => ({
  id,
  scores,
  budgetKzt,
  submittedAt,
});
const winners = (r: { id: number; outcome: string }[]) =>
  r.filter((x) => x.outcome === 'selected').map((x) => x.id);

describe('the score scale', () => {
  it('takes whole scores from 1 to 10 only', () => {
    expect([1, 5, 10].map(isScoreInScale)).toEqual([true, true, true]);
    expect([0, 11, -3, 7.5, Number.NaN].map(isScoreInScale)).toEqual([false, false, false, false, false]);
  });
});

describe('eligibility', () => {
  const ok = {
    verified: true,
    onRegister: false,
    budgetKzt: 1_000_000,
    capKzt: 1_000_000,
    regionHasQuota: true,
  };
  it('takes a verified organisation within the cap (the cap itself included)', () => {
    expect(ineligibility(ok)).toBeNull();
  });
  it('refuses with the first rule broken, in a stated order', () => {
    expect(ineligibility({ ...ok, verified: false, onRegister: true })).toBe('competition_org_not_verified');
    expect(ineligibility({ ...ok, onRegister: true, budgetKzt: 5e6 })).toBe('competition_on_register');
    expect(ineligibility({ ...ok, budgetKzt: 1_000_000.01 })).toBe('competition_budget_over_cap');
    expect(ineligibility({ ...ok, regionHasQuota: false })).toBe('competition_no_quota');
  });
});

describe('selection within quota and budget', () => {
  it('takes the best means up to the quota', () => {
    const r = selectWinners([c(1, [6, 8]), c(2, [9, 9]), c(3, [5]), c(4, [8, 7])], 2, 10_000_000);
    expect(winners(r)).toEqual([2, 4]);
    expect(r.map((x) => [x.id, x.rank, x.score, x.outcome])).toEqual([
      [2, 1, 9, 'selected'],
      [4, 2, 7.5, 'selected'],
      [1, 3, 7, 'quota_full'],
      [3, 4, 5, 'quota_full'],
    ]);
  });

  it('ties on the mean: the smaller budget first', () => {
    const r = selectWinners([c(1, [8], 900_000), c(2, [7, 9], 700_000)], 1, 5_000_000);
    expect(winners(r)).toEqual([2]);
    expect(r.find((x) => x.id === 1)?.outcome).toBe('quota_full');
  });

  it('ties on mean and budget: the earlier submission, then the lower id', () => {
    const early = '2026-03-01T09:00:00Z';
    const late = '2026-03-02T09:00:00Z';
    expect(winners(selectWinners([c(5, [7], 1e6, late), c(9, [7], 1e6, early)], 1, 5e6))).toEqual([9]);
    expect(winners(selectWinners([c(9, [7], 1e6, early), c(5, [7], 1e6, early)], 1, 5e6))).toEqual([5]);
    // the same winners whatever order the applications come in
    const xs = [c(3, [7]), c(1, [7]), c(2, [7])];
    expect(winners(selectWinners(xs, 2, 5e6))).toEqual([1, 2]);
    expect(winners(selectWinners([...xs].reverse(), 2, 5e6))).toEqual([1, 2]);
  });

  it('compares unrounded means: 7.333… beats 7.33 written out', () => {
    expect(rankOrder(c(1, [7, 7, 8]), c(2, [7.33]))).toBeLessThan(0);
  });

  it('passes over one that does not fit the budget left and takes a cheaper one ranked lower', () => {
    const r = selectWinners([c(1, [9], 600_000), c(2, [8], 600_000), c(3, [7], 400_000)], 3, 1_000_000);
    expect(r.map((x) => [x.id, x.outcome])).toEqual([
      [1, 'selected'],
      [2, 'budget_exhausted'],
      [3, 'selected'],
    ]);
  });

  it('spends the budget exactly, fractions of a tenge included', () => {
    const r = selectWinners([c(1, [9], 333_333.33), c(2, [8], 333_333.33), c(3, [7], 333_333.34)], 5, 1e6);
    expect(winners(r)).toEqual([1, 2, 3]);
  });

  it('never selects an unscored application, and a zero quota selects none', () => {
    const r = selectWinners([c(1, []), c(2, [3])], 5, 5e6);
    expect(r.map((x) => [x.id, x.outcome, x.rank])).toEqual([
      [2, 'selected', 1],
      [1, 'unscored', null],
    ]);
    expect(winners(selectWinners([c(1, [9])], 0, 5e6))).toEqual([]);
  });
});
