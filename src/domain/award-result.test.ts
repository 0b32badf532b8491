import { describe, expect, it } from 'vitest';
import { type JuryScore, rankNominees } from './award-result.ts';

/** Scores of one juror for one nominee, criterion by criterion. */
const ballot = (juror: number, nominee: number, ...scores: number[]): JuryScore[] =>
  scores.map((score, criterion) => ({ juror, nominee, criterion, score }));

const places = (r: ReturnType<typeof rankNominees>) => r.map((x) => [x.nominee, x.place, x.shared]);

describe('the result of a jury’s scores', () => {
  it('sums the criteria’s means over the jurors who scored; the highest total first', () => {
    const r = rankNominees(
      2,
      [1, 2, 3],
      [
        ...ballot(10, 1, 7, 8),
        ...ballot(11, 1, 9, 8), // nominee 1: means 8 and 8, total 16
        ...ballot(10, 2, 10, 9),
        ...ballot(11, 2, 10, 9), // nominee 2: total 19
        ...ballot(10, 3, 5, 5),
        ...ballot(11, 3, 6, 6), // nominee 3: total 11
      ],
    );
    expect(places(r)).toEqual([
      [2, 1, false],
      [1, 2, false],
      [3, 3, false],
    ]);
    expect(r[1]).toMatchObject({ means: [8, 8], total: 16, jurors: 2 });
  });

  it('a juror who declared a conflict (and so gave no score) does not pull the nominee down', () => {
    // Juror 11 scored nominee 1 only; nominee 2 has juror 10's scores alone: means, not sums.
    const r = rankNominees(1, [1, 2], [...ballot(10, 1, 6), ...ballot(11, 1, 8), ...ballot(10, 2, 8)]);
    expect(places(r)).toEqual([
      [2, 1, false],
      [1, 2, false],
    ]);
    expect(r.map((x) => x.jurors)).toEqual([1, 2]);
  });

  it('equal totals: the higher mean on the first criterion, then the next one', () => {
    const r = rankNominees(
      3,
      [1, 2, 3],
      [
        ...ballot(10, 1, 5, 9, 6), // 20, first criterion 5
        ...ballot(10, 2, 7, 6, 7), // 20, first criterion 7: ahead of 1
        ...ballot(10, 3, 7, 7, 6), // 20, first 7 as 2, second 7 beats 6: ahead of 2
      ],
    );
    expect(places(r)).toEqual([
      [3, 1, false],
      [2, 2, false],
      [1, 3, false],
    ]);
  });

  it('equal on every criterion: the place is shared and the next one skipped', () => {
    const r = rankNominees(
      2,
      [4, 1, 2, 3],
      [...ballot(10, 1, 8, 8), ...ballot(10, 2, 8, 8), ...ballot(10, 3, 9, 9), ...ballot(10, 4, 2, 2)],
    );
    expect(places(r)).toEqual([
      [3, 1, false],
      [1, 2, true],
      [2, 2, true],
      [4, 4, false],
    ]);
  });

  it('means that are equal though computed differently are a tie, not a float accident', () => {
    // 0.1 + 0.2 ≠ 0.3 in floating point; means of thirds: (1+1+2)/3 and 4/3.
    const r = rankNominees(
      1,
      [1, 2],
      [
        ...ballot(10, 1, 1),
        ...ballot(11, 1, 1),
        ...ballot(12, 1, 2),
        ...ballot(10, 2, 4),
        ...ballot(11, 2, 0),
        ...ballot(12, 2, 0),
      ],
    );
    expect(places(r)).toEqual([
      [1, 1, true],
      [2, 1, true],
    ]);
  });

  it('a nominee not scored on every criterion gets no place and comes last', () => {
    const r = rankNominees(
      2,
      [1, 2, 3],
      [
        { juror: 10, nominee: 1, criterion: 0, score: 10 },
        ...ballot(10, 2, 3, 3),
        // Stray scores (another nominee, a criterion outside the list) are ignored.
        { juror: 10, nominee: 99, criterion: 0, score: 10 },
        { juror: 10, nominee: 2, criterion: 5, score: 10 },
      ],
    );
    expect(places(r)).toEqual([
      [2, 1, false],
      [1, null, false],
      [3, null, false],
    ]);
    expect(r[1]).toMatchObject({ means: [10, null], total: null, jurors: 1 });
    expect(r[2]).toMatchObject({ means: [null, null], total: null, jurors: 0 });
  });

  it('no nominees, no scores', () => {
    expect(rankNominees(3, [], [])).toEqual([]);
  });
});
