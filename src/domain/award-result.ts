// The result of a jury's scoring (issue 13 item 3, DOMAIN.md §8 "Awards"): how the places of one
// nomination follow from the jurors' scores, ties included. A pure function: the service reads the
// scores, this decides, the published page and the JSON show what it decided and the rule.

export const RESULT_RULE =
  'Each criterion’s mean over the jurors who scored it (a juror with a declared conflict scores none of that nominee); the total is the sum of those means. Highest total first; equal totals: the higher mean on the first criterion, then on the next one in the nomination’s order; still equal: the place is shared and the next place skipped (1, 1, 3). A nominee not scored on every criterion gets no place.';

export interface JuryScore {
  nominee: number;
  juror: number;
  /** Position of the criterion in the nomination's list (0 first). */
  criterion: number;
  score: number;
}

export interface NomineeResult {
  nominee: number;
  /** Mean score per criterion, in the nomination's order; null where nobody scored it. */
  means: (number | null)[];
  /** Sum of the means; null when some criterion has no score. */
  total: number | null;
  /** Distinct jurors who scored the nominee. */
  jurors: number;
  /** 1 for the first; null without a total. */
  place: number | null;
  /** The place is shared with another nominee. */
  shared: boolean;
}

/** Equal within rounding noise (scores are small integers; means of a few of them). */
const EPS = 1e-9;
const compare = (a: number, b: number) => (Math.abs(a - b) < EPS ? 0 : a < b ? -1 : 1);

/** Orders two scored nominees by the rule: negative when `a` goes first, 0 when they share a place. */
function byRule(a: NomineeResult, b: NomineeResult): number {
  const t = compare(b.total as number, a.total as number);
  if (t !== 0) return t;
  for (let i = 0; i < a.means.length; i++) {
    const c = compare(b.means[i] as number, a.means[i] as number);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * The places of one nomination's nominees from the jurors' scores on its `criteria` criteria.
 * Scores of other nominees or of criteria outside the list are ignored. The answer lists the
 * placed nominees first in their order (shared places in the order of `nominees`), then those
 * without a place in the order of `nominees`.
 */
export function rankNominees(
  criteria: number,
  nominees: readonly number[],
  scores: readonly JuryScore[],
): NomineeResult[] {
  const sums = new Map<number, { sum: number[]; count: number[]; jurors: Set<number> }>();
  for (const id of nominees)
    sums.set(id, { sum: Array(criteria).fill(0), count: Array(criteria).fill(0), jurors: new Set() });
  for (const s of scores) {
    const n = sums.get(s.nominee);
    if (!n || !Number.isInteger(s.criterion) || s.criterion < 0 || s.criterion >= criteria) continue;
    n.sum[s.criterion] = (n.sum[s.criterion] as number) + s.score;
    n.count[s.criterion] = (n.count[s.criterion] as number) + 1;
    n.jurors.add(s.juror);
  }
  const results: NomineeResult[] = nominees.map((id) => {
    const n = sums.get(id) as { sum: number[]; count: number[]; jurors: Set<number> };
    const means = n.sum.map((sum, i) => ((n.count[i] as number) > 0 ? sum / (n.count[i] as number) : null));
    const complete = criteria > 0 && means.every((m) => m !== null);
    return {
      nominee: id,
      means,
      total: complete ? means.reduce<number>((a, m) => a + (m as number), 0) : null,
      jurors: n.jurors.size,
      place: null,
      shared: false,
    };
  });
  const placed = results.filter((r) => r.total !== null);
  // A stable sort keeps the order of `nominees` among those sharing a place.
  placed.sort(byRule);
  placed.forEach((r, i) => {
    const prev = placed[i - 1];
    r.place = prev && byRule(prev, r) === 0 ? (prev.place as number) : i + 1;
  });
  for (let i = 0; i < placed.length; i++) {
    const r = placed[i] as NomineeResult;
    r.shared = placed.some((o) => o !== r && o.place === r.place);
  }
  return [...placed, ...results.filter((r) => r.total === null)];
}
