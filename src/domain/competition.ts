// The rules of the "Zhana Bastama" competition (DOMAIN.md §8, seed 004: about 10 initiatives per
// region at about 1 million KZT each) that need no database: the score scale, the eligibility of an
// application, and the selection of a region's winners within its quota and budget.

/** Each commission member gives each application one whole score on this scale. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 10;

export const isScoreInScale = (score: number) =>
  Number.isInteger(score) && score >= SCORE_MIN && score <= SCORE_MAX;

/** Why an application is refused before it is taken (the codes of the API's refusals). */
export type Ineligibility =
  | 'competition_org_not_verified'
  | 'competition_on_register'
  | 'competition_budget_over_cap'
  | 'competition_no_quota';

/**
 * The eligibility check of an application, in the order the refusals are given: the organisation
 * verified on the platform, not on the register of unscrupulous grant implementers, the budget
 * within the call's cap, and its region given a quota in the call.
 */
export function ineligibility(a: {
  verified: boolean;
  onRegister: boolean;
  budgetKzt: number;
  capKzt: number;
  regionHasQuota: boolean;
}): Ineligibility | null {
  if (!a.verified) return 'competition_org_not_verified';
  if (a.onRegister) return 'competition_on_register';
  if (a.budgetKzt > a.capKzt) return 'competition_budget_over_cap';
  if (!a.regionHasQuota) return 'competition_no_quota';
  return null;
}

export interface Candidate {
  id: number;
  /** The commission's scores of it (one per member who scored). */
  scores: number[];
  budgetKzt: number;
  /** ISO instant it was submitted. */
  submittedAt: string;
}

export type Outcome = 'selected' | 'quota_full' | 'budget_exhausted' | 'unscored';

export interface Ranked {
  id: number;
  /** Mean of the members' scores, to 2 decimals; null when no member scored it. */
  score: number | null;
  /** 1 = best; null when unscored. */
  rank: number | null;
  outcome: Outcome;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The order of the scored applications. The tie rule: a higher mean score first; between equal
 * means, the smaller budget (it leaves more of the region's budget to the others); then the earlier
 * submission; then the lower id (a total order: the same data always gives the same winners).
 * Means are compared unrounded.
 */
export function rankOrder(a: Candidate, b: Candidate): number {
  const ma = mean(a.scores) ?? Number.NEGATIVE_INFINITY;
  const mb = mean(b.scores) ?? Number.NEGATIVE_INFINITY;
  if (ma !== mb) return mb - ma;
  if (a.budgetKzt !== b.budgetKzt) return a.budgetKzt - b.budgetKzt;
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? -1 : 1;
  return a.id - b.id;
}

/**
 * A region's winners: the scored applications in rank order, each selected while the quota has a
 * place and its budget fits in what the region's budget has left; one whose budget does not fit is
 * passed over (budget_exhausted) and the next ones are still tried, so a cheaper application ranked
 * lower may take the remaining money. Once the quota is full the rest are quota_full. An
 * application no member scored is never selected (unscored). Answered in rank order, unscored last.
 */
export function selectWinners(candidates: Candidate[], quota: number, budgetKzt: number): Ranked[] {
  const scored = candidates.filter((c) => c.scores.length > 0).sort(rankOrder);
  const unscored = candidates.filter((c) => c.scores.length === 0).sort((a, b) => a.id - b.id);
  let places = Math.max(0, Math.floor(quota));
  // Money in tiyn (whole hundredths), so that sums of fractional budgets compare exactly.
  let left = Math.round(budgetKzt * 100);
  const out: Ranked[] = scored.map((c, i) => {
    const score = round2(mean(c.scores) as number);
    const cost = Math.round(c.budgetKzt * 100);
    let outcome: Outcome;
    if (places === 0) outcome = 'quota_full';
    else if (cost > left) outcome = 'budget_exhausted';
    else {
      outcome = 'selected';
      places--;
      left -= cost;
    }
    return { id: c.id, score, rank: i + 1, outcome };
  });
  return [
    ...out,
    ...unscored.map((c) => ({ id: c.id, score: null, rank: null, outcome: 'unscored' as const })),
  ];
}
