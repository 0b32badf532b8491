// Checks before submitting (DOMAIN.md §4): what a region's return must fix before it can be handed
// in (blocking) and what is unusual enough to be confirmed by the region (warnings). Pure: the
// submissions module gathers the facts of a period and asks here what they mean; the answer is the
// same for the dry run the web shows before the click and for the submit itself.
import type { Problem } from './activity-rules.ts';
import type { PeriodKind } from './periods.ts';

export type CheckSeverity = 'blocking' | 'warning';

/**
 * One finding. `rule` keys the translated text (`checks.rule.<rule>` in the web's catalogues),
 * `params` fill it in, `message` says it in English (API, command line, logs).
 */
export interface CheckItem {
  rule: string;
  severity: CheckSeverity;
  message: string;
  params: Record<string, string | number | null>;
}

export interface CheckResult {
  /** Nothing entered for the period: it is handed in only as "nothing to report". */
  empty: boolean;
  blocking: CheckItem[];
  warnings: CheckItem[];
}

/** Figures of a period and of the same period a year before (null: nothing reported then). */
export interface Figures {
  volunteers: number | null;
  hours: number | null;
}

export interface CheckFacts {
  kind: PeriodKind;
  period: string;
  /** The same period a year before (2022-03 → 2021-03, 2022-H1 → 2021-H1, 2022 → 2021). */
  lastYearPeriod: string;
  /** Whether anything was entered: a month's activity records; a half-year's or year's stocks. */
  hasData: boolean;
  /** Records (of a month) that the validation rules now refuse, with their problems. */
  invalidRecords: { id: number; title: string; problems: Problem[] }[];
  /** Breakdowns of the volunteer stocks that do not add up to the total. */
  breakdownSums: { dimension: string; sum: number; total: number }[];
  /** Records whose hours per volunteer stand out (modified z-score). */
  outliers: { id: number; title: string; organization: string; hoursPerVolunteer: number }[];
  current: Figures;
  lastYear: Figures;
}

/** How far from the same period last year a figure may be before it is a warning: ×3 or ÷3. */
export const YEAR_ON_YEAR_FACTOR = 3;

/** The same period a year before. */
export function lastYearOf(period: string): string {
  const y = Number(period.slice(0, 4));
  return `${y - 1}${period.slice(4)}`;
}

const FIGURE_NAMES = { volunteers: 'volunteers', hours: 'hours' } as const;

/**
 * A figure far from the same period last year: more than `factor` times it, or less than a
 * `factor`-th of it. Only when last year had the figure (> 0) and this period has it too.
 */
export function yearOnYear(
  figure: keyof Figures,
  now: number | null,
  before: number | null,
  periods: { period: string; lastYearPeriod: string },
  factor = YEAR_ON_YEAR_FACTOR,
): CheckItem | null {
  if (now === null || before === null || before <= 0) return null;
  const ratio = now / before;
  if (ratio <= factor && ratio >= 1 / factor) return null;
  const rounded = Math.round(ratio * 100) / 100;
  return {
    rule: ratio > factor ? 'year_on_year_high' : 'year_on_year_low',
    severity: 'warning',
    message: `${FIGURE_NAMES[figure]}: ${now} in ${periods.period}, ${before} in ${periods.lastYearPeriod} (×${rounded})`,
    params: {
      figure,
      value: now,
      lastYear: before,
      lastYearPeriod: periods.lastYearPeriod,
      ratio: rounded,
    },
  };
}

/**
 * At most this many items of one rule are listed (a month of thousands of records that all break a
 * rule after a change of reference data would otherwise answer megabytes); one more item counts
 * the rest.
 */
export const MAX_LISTED = 100;

function capped(items: CheckItem[]): CheckItem[] {
  const byRule = new Map<string, number>();
  const out: CheckItem[] = [];
  const over = new Map<string, CheckItem>();
  for (const item of items) {
    const n = (byRule.get(item.rule) ?? 0) + 1;
    byRule.set(item.rule, n);
    if (n <= MAX_LISTED) out.push(item);
    else over.set(item.rule, item);
  }
  for (const [rule, item] of over) {
    const more = (byRule.get(rule) ?? 0) - MAX_LISTED;
    out.push({
      rule: 'more',
      severity: item.severity,
      message: `${more} more of ${rule} not listed`,
      params: { of: rule, count: more },
    });
  }
  return out;
}

export function evaluateChecks(f: CheckFacts): CheckResult {
  const result = evaluateAll(f);
  return { ...result, blocking: capped(result.blocking), warnings: capped(result.warnings) };
}

function evaluateAll(f: CheckFacts): CheckResult {
  const blocking: CheckItem[] = [];
  const warnings: CheckItem[] = [];
  for (const r of f.invalidRecords) {
    for (const p of r.problems) {
      blocking.push({
        rule: 'record_invalid',
        severity: 'blocking',
        message: `Record ${r.id} "${r.title}": ${p.message}`,
        params: {
          id: r.id,
          title: r.title,
          column: p.column ?? null,
          problem: p.rule,
          detail: p.message,
        },
      });
    }
  }
  for (const b of f.breakdownSums) {
    blocking.push({
      rule: 'breakdown_sum',
      severity: 'blocking',
      message: `The ${b.dimension} breakdown sums to ${b.sum}, the total is ${b.total}`,
      params: { dimension: b.dimension, sum: b.sum, total: b.total },
    });
  }
  if (!f.hasData) {
    warnings.push({
      rule: f.kind === 'month' ? 'empty_month' : 'empty_stocks',
      severity: 'warning',
      message:
        f.kind === 'month'
          ? `No activity was entered for ${f.period}: submit it as "nothing to report" if that is so`
          : `No volunteer or organisation figures were entered for ${f.period}: submit it as "nothing to report" if that is so`,
      params: { period: f.period },
    });
    return { empty: true, blocking, warnings };
  }
  for (const o of f.outliers) {
    warnings.push({
      rule: 'outlier',
      severity: 'warning',
      message: `Record ${o.id} "${o.title}" (${o.organization}): ${o.hoursPerVolunteer} hours per volunteer stand out`,
      params: {
        id: o.id,
        title: o.title,
        organization: o.organization,
        hoursPerVolunteer: o.hoursPerVolunteer,
      },
    });
  }
  for (const figure of ['volunteers', 'hours'] as const) {
    const w = yearOnYear(figure, f.current[figure], f.lastYear[figure], f);
    if (w) warnings.push(w);
  }
  return { empty: false, blocking, warnings };
}

/** What the region said at the submit. */
export interface SubmitAnswers {
  confirmWarnings?: boolean | undefined;
  nothingToReport?: boolean | undefined;
}

/**
 * Whether a submit may go ahead: `ok`, or why not — `blocked` (something to fix), `empty` (an
 * empty period needs "nothing to report"), `not_empty` ("nothing to report" on a period with
 * data), `unconfirmed` (warnings not confirmed).
 */
export function submitVerdict(
  r: CheckResult,
  a: SubmitAnswers,
): 'ok' | 'blocked' | 'empty' | 'not_empty' | 'unconfirmed' {
  if (r.blocking.length > 0) return 'blocked';
  if (r.empty) return a.nothingToReport === true ? 'ok' : 'empty';
  if (a.nothingToReport === true) return 'not_empty';
  if (r.warnings.length > 0 && a.confirmWarnings !== true) return 'unconfirmed';
  return 'ok';
}

/**
 * The breakdowns (gender, age band, employment) of a period's volunteer stocks that do not add up
 * to the total: those whose every category is reported (as the stocks' own rule, volunteer-rules.ts).
 * `codes` gives each dimension's categories.
 */
export function breakdownSums(
  rows: { dimension: string; category: string; volunteers: number | null }[],
  codes: Record<string, string[] | undefined>,
): { dimension: string; sum: number; total: number }[] {
  const total = rows.find((r) => r.dimension === 'total')?.volunteers ?? null;
  if (total === null) return [];
  const out: { dimension: string; sum: number; total: number }[] = [];
  for (const dim of new Set(rows.map((r) => r.dimension).filter((d) => d !== 'total'))) {
    const cats = rows.filter((r) => r.dimension === dim);
    const expected = codes[dim] ?? [];
    const complete =
      expected.length > 0 &&
      expected.every((c) => cats.some((r) => r.category === c && r.volunteers !== null));
    if (!complete) continue;
    const sum = cats.reduce((s, r) => s + (r.volunteers ?? 0), 0);
    if (sum !== total) out.push({ dimension: dim, sum, total });
  }
  return out;
}
