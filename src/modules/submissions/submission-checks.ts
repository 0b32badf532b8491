// Checks before submitting: the facts of a region's period gathered from the database (its
// records validated again by the rules of today, its stocks' breakdowns, outliers, the same period
// last year), judged by domain/submission-checks.ts. The dry run (GET …/checks) and the submit
// (submissions.service.ts decide()) ask the same question, so the list shown before the click is
// the list the submit enforces.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ActivityValidator, type RawActivity } from '../../domain/activity-rules.ts';
import { parsePeriod } from '../../domain/periods.ts';
import { authorize } from '../../domain/policy.ts';
import { round } from '../../domain/report/maths.ts';
import {
  breakdownSums,
  type CheckItem,
  type CheckResult,
  evaluateChecks,
  type Figures,
  lastYearOf,
  type SubmitAnswers,
  submitVerdict,
} from '../../domain/submission-checks.ts';
import { AppError, badRequest, conflict } from '../../lib/errors.ts';
import { loadReferenceSnapshot } from '../reference/reference.snapshot.ts';
import { knownRegion } from '../reference/regions.ts';
import type { SessionUser } from '../users/sessions.ts';
import { outliersOf } from './submission-outliers.ts';
import type { SubmissionRow } from './submissions.repository.ts';
import type { Checks } from './submissions.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

// --- queries ---------------------------------------------------------------------------------------

/** Every record of a region's month as the entry form would send it (organisation by name). */
async function recordsOf(db: Db, region: string, period: string) {
  return db
    .selectFrom('activity as a')
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .selectAll('a')
    .select(['o.name as org_name', 'o.type as org_type', 'o.bin as org_bin'])
    .where('a.region', '=', region)
    .where('a.period', '=', period)
    .orderBy('a.id')
    .execute();
}

/** Counted volunteers and hours of a region in each period named (from the aggregates). */
async function activityFigures(db: Db, region: string, periods: string[]) {
  const rows = await db
    .selectFrom('agg_activity')
    .select([
      'period',
      sql<number>`sum(volunteers)`.as('volunteers'),
      sql<number>`sum(hours)`.as('hours'),
      sql<number>`sum(events)`.as('events'),
    ])
    .where('region', '=', region)
    .where('period', 'in', periods)
    .groupBy('period')
    .execute();
  return new Map(
    rows.map((r) => [
      r.period,
      { volunteers: Number(r.volunteers), hours: round(Number(r.hours), 2), events: Number(r.events) },
    ]),
  );
}

const stockRows = (db: Db, region: string, period: string) =>
  db
    .selectFrom('volunteer_stat')
    .select(['dimension', 'category', 'volunteers'])
    .where('region', '=', region)
    .where('period', '=', period)
    .execute();

const orgCountOf = (db: Db, region: string, period: string) =>
  db
    .selectFrom('org_count')
    .select(['npo', 'initiative_groups'])
    .where('region', '=', region)
    .where('period', '=', period)
    .executeTakeFirst();

// --- the facts and the verdict ----------------------------------------------------------------------

/** The checks of a region's period as they stand. */
export async function checksOf(db: Db, region: string, period: string): Promise<CheckResult> {
  const kind = parsePeriod(period)?.kind ?? 'month';
  const lastYearPeriod = lastYearOf(period);
  const year = Number(period.slice(0, 4));
  const base = { kind, period, lastYearPeriod } as const;
  if (kind === 'month') {
    const [records, figures, ref] = await Promise.all([
      recordsOf(db, region, period),
      activityFigures(db, region, [period, lastYearPeriod]),
      loadReferenceSnapshot(db),
    ]);
    const validator = new ActivityValidator(ref);
    const invalidRecords = records.flatMap((r) => {
      const raw: RawActivity = {
        ...(r as unknown as RawActivity),
        region,
        period,
        organization: r.org_name,
        organization_type: r.org_type,
        organization_bin: r.org_bin,
        // The platform's own records carry its reserved external ids (platform:…): checked as
        // records, not refused as a file or form naming such an id would be.
        ...(r.source === 'platform' ? { external_id: null } : {}),
      };
      const { problems } = validator.validate(raw);
      return problems.length ? [{ id: Number(r.id), title: r.title, problems }] : [];
    });
    // Outliers are a warning: a year too large to screen is not screened, and never stops a submit.
    const outliers = records.length
      ? await outliersOf(db, region, period, year).catch((err: unknown) => {
          if (err instanceof AppError && err.status === 400) return [];
          throw err;
        })
      : [];
    const fig = (p: string): Figures => {
      const f = figures.get(p);
      return f ? { volunteers: f.volunteers, hours: f.hours } : { volunteers: null, hours: null };
    };
    return evaluateChecks({
      ...base,
      hasData: records.length > 0,
      invalidRecords,
      breakdownSums: [],
      outliers,
      current: fig(period),
      lastYear: fig(lastYearPeriod),
    });
  }
  const [rows, before, orgs, ref] = await Promise.all([
    stockRows(db, region, period),
    stockRows(db, region, lastYearPeriod),
    orgCountOf(db, region, period),
    loadReferenceSnapshot(db),
  ]);
  const total = (rs: typeof rows): Figures => ({
    volunteers: rs.find((r) => r.dimension === 'total')?.volunteers ?? null,
    hours: null,
  });
  const hasData =
    rows.some((r) => r.volunteers !== null) ||
    (orgs !== undefined && (orgs.npo !== null || orgs.initiative_groups !== null));
  return evaluateChecks({
    ...base,
    hasData,
    invalidRecords: [],
    breakdownSums: breakdownSums(rows, ref.codes),
    outliers: [],
    current: total(rows),
    lastYear: total(before),
  });
}

/** GET /api/submissions/:region/:period/checks: the dry run of a submit, for whoever may read the period. */
export async function submissionChecks(
  db: Kysely<DB>,
  user: SessionUser,
  regionIn: string,
  period: string,
): Promise<Checks> {
  // As the submit reads its path (submissions.service.ts checkRegionPeriod): 400 / 404 first.
  const p = parsePeriod(period);
  if (!p || p.text !== period)
    throw badRequest(`Not a period (YYYY-MM, YYYY-H1, YYYY-H2 or YYYY): ${period}`);
  const region = await knownRegion(db, regionIn);
  authorize(user, 'submissions.read', { region });
  const r = await checksOf(db, region, period);
  return { region, period, ...r };
}

const listOf = (items: CheckItem[]) => items.map((i) => ({ ...i }));

/**
 * The submit step's checks, in the submit's transaction: refuses (422 checks_failed with the
 * blocking list; 409 nothing_to_report_required, warnings_unconfirmed with the warnings; 400
 * nothing_to_report_not_empty) or answers what to record on the submission. A submission the
 * workflow would not let submit anyway is left to the workflow's own answer.
 */
export async function enforceSubmitChecks(
  trx: Transaction<DB>,
  current: SubmissionRow,
  given: SubmitAnswers,
  /** bulk (the command line over many periods): "nothing to report" is for the empty ones only. */
  opts: { bulk?: boolean } = {},
): Promise<{ nothing_to_report: number; confirmed_warnings: string | null } | null> {
  if (current.status !== 'draft' && current.status !== 'returned') return null;
  const r = await checksOf(trx, current.region, current.period);
  const answers = opts.bulk && !r.empty ? { ...given, nothingToReport: false } : given;
  const where = `${current.region} ${current.period}`;
  switch (submitVerdict(r, answers)) {
    case 'blocked':
      throw new AppError(
        422,
        'checks_failed',
        `${where} cannot be submitted: ${r.blocking.length} problem(s) to fix first`,
        listOf(r.blocking),
      );
    case 'empty':
      throw conflict(
        `${where} has nothing entered: submit it with nothingToReport: true if there is nothing to report`,
        listOf(r.warnings),
        'nothing_to_report_required',
      );
    case 'not_empty':
      throw badRequest(
        `${where} has data: "nothing to report" is only for a period with nothing entered`,
        [{ rule: 'nothing_to_report_not_empty', column: 'nothingToReport' }],
        'nothing_to_report_not_empty',
      );
    case 'unconfirmed':
      throw conflict(
        `${where} has ${r.warnings.length} warning(s) to confirm: submit again with confirmWarnings: true once checked`,
        listOf(r.warnings),
        'warnings_unconfirmed',
      );
    default:
      return {
        nothing_to_report: r.empty ? 1 : 0,
        confirmed_warnings: !r.empty && r.warnings.length ? JSON.stringify(r.warnings) : null,
      };
  }
}

/** Records what the region said at its submit (not a new version: part of the submit itself). */
export async function recordSubmitAnswers(
  trx: Transaction<DB>,
  id: number,
  answers: { nothing_to_report: number; confirmed_warnings: string | null },
) {
  await trx.updateTable('submission').set(answers).where('id', '=', id).execute();
}

/** What the reviewer reads of the last submit: "nothing to report", and the warnings confirmed. */
export function submitAnswersOf(s: SubmissionRow | undefined): {
  nothingToReport: boolean;
  confirmedWarnings: CheckItem[];
} {
  let confirmed: CheckItem[] = [];
  try {
    confirmed = s?.confirmed_warnings ? (JSON.parse(s.confirmed_warnings) as CheckItem[]) : [];
  } catch {
    confirmed = [];
  }
  return { nothingToReport: Number(s?.nothing_to_report ?? 0) === 1, confirmedWarnings: confirmed };
}
