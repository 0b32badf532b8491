// The read side of the monthly cycle: the list of a year's submissions with their figures, the
// year's region × month matrix (completeness and timeliness, statuses without figures) and the
// review view of one submission.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deadlineOf, monthsOf, parsePeriod } from '../../domain/periods.ts';
import { authorize, listScope } from '../../domain/policy.ts';
import { round } from '../../domain/report/maths.ts';
import { platformReview } from '../platform-stats/platform-stats.review.ts';
import type { SessionUser } from '../users/sessions.ts';
import { submitAnswersOf } from './submission-checks.ts';
import { outliersOf } from './submission-outliers.ts';
import {
  excludedOf,
  figuresByArea,
  figuresByPeriod,
  figuresOfYear,
  findSubmission,
  presentData,
  statusesIn,
  submissionsIn,
  submissionsOfYear,
  unitsBetween,
} from './submissions.repository.ts';
import type {
  Counts,
  DataKind,
  Matrix,
  MatrixCell,
  Review,
  SubmissionListItem,
} from './submissions.schemas.ts';
import {
  checkRegionPeriod,
  deadlineEnd,
  onTimeOf,
  type SubmissionView,
  timelinessOf,
  toView,
  virtualDraft,
} from './submissions.service.ts';

/** The counts of each `region|period` of a year, from the aggregates. */
async function countsOf(db: Kysely<DB>, year: number, region?: string): Promise<Map<string, Counts>> {
  const rows = await figuresOfYear(db, year, region);
  return new Map(
    rows.map((r) => [
      `${r.region}|${r.period}`,
      { activities: r.events, volunteers: r.volunteers, hours: round(r.hours, 2) },
    ]),
  );
}

/** Kinds of data a period is expected to hold (DOMAIN.md §3): flows monthly, stocks by half-year and year. */
const EXPECTED_DATA: Record<'month' | 'half' | 'year', DataKind[]> = {
  month: ['activities'],
  half: ['volunteers'],
  year: ['volunteers', 'org_counts'],
};

/**
 * Whether a unit owes the month of `p`: it existed then, and it is on the year's map (the units of
 * 1 January, as the reports draw the year: 17 in 2022) or it has reported in that year anyway. A unit
 * created mid-year (Abai, Zhetysu, Ulytau on 8 June 2022) is then not shown overdue for a year whose
 * figures its parent unit still carried.
 */
function owes(
  u: { code: string; valid_from: string | null; valid_to: string | null },
  p: { start: string; end: string },
  year: number,
  reported: Set<string>,
): boolean {
  const existed =
    (u.valid_from === null || u.valid_from <= p.end) && (u.valid_to === null || u.valid_to >= p.start);
  const onYearMap = u.valid_from === null || u.valid_from <= `${year}-01-01`;
  return existed && (onYearMap || reported.has(u.code));
}

/**
 * The submissions of a year, and for every month a unit existed without one, the draft it would
 * be (id null): a month nobody started is visible as missing (completeness), and once its deadline
 * has passed as overdue (timeliness). `missing` names the kinds of data the period should hold
 * that have nothing entered. The counts are figures not yet published: national staff see every
 * region, RFO staff their own; nobody else.
 */
export async function listSubmissions(
  db: Kysely<DB>,
  user: SessionUser,
  asked: { year: number; region?: string | undefined },
): Promise<SubmissionListItem[]> {
  const q = { year: asked.year, region: listScope(user, 'submissions.read', asked).region ?? asked.region };
  const [subs, counts, present, units] = await Promise.all([
    submissionsOfYear(db, q.year, q.region),
    countsOf(db, q.year, q.region),
    presentData(db, q.year, q.region),
    unitsBetween(db, `${q.year}-01-01`, `${q.year}-12-31`),
  ]);
  const views = subs.map(toView);
  const have = new Set(views.map((s) => `${s.region}|${s.period}`));
  const reported = new Set(views.map((s) => s.region));
  for (const u of units) {
    if (q.region && u.code !== q.region) continue;
    for (const m of monthsOf(q.year)) {
      const p = parsePeriod(m);
      if (!p || have.has(`${u.code}|${m}`)) continue;
      if (owes(u, p, q.year, reported)) views.push(virtualDraft(u.code, m));
    }
  }
  views.sort((a, b) => a.region.localeCompare(b.region) || a.period.localeCompare(b.period));
  return views.map((s) => {
    const key = `${s.region}|${s.period}`;
    const kind = parsePeriod(s.period)?.kind ?? 'month';
    return {
      ...s,
      // No record at all: nothing was reported, which is not zero volunteers or hours.
      counts:
        counts.get(key) ??
        (present.activities.has(key)
          ? { activities: 0, volunteers: 0, hours: 0 }
          : { activities: 0, volunteers: null, hours: null }),
      missing: EXPECTED_DATA[kind].filter((k) => !present[k].has(key)),
    };
  });
}

const pct = (n: number, d: number) => (d === 0 ? null : round((100 * n) / d, 1));

/**
 * Completeness: months submitted (submitted or accepted) over the months expected, i.e. the months
 * the unit existed whose deadline has passed (or that came in already). Timeliness: months first
 * submitted by their deadline over the same expected months.
 */
export async function submissionMatrix(db: Kysely<DB>, user: SessionUser, year: number): Promise<Matrix> {
  authorize(user, 'submissions.status');
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const months = monthsOf(year);
  // The stocks behind the national totals: their own columns, reviewable from here like the months.
  const stockPeriods = [`${year}-H1`, `${year}-H2`, String(year)];
  const subs = await submissionsIn(db, [...months, ...stockPeriods]);
  const byKey = new Map(subs.map((s) => [`${s.region}|${s.period}`, s]));
  const reported = new Set(subs.filter((s) => months.includes(s.period)).map((s) => s.region));
  // A unit that owes no month of the year (not yet created, or not on the year's map) has no row.
  const units = (await unitsBetween(db, start, end)).filter((u) =>
    months.some((m) => {
      const p = parsePeriod(m);
      return p !== null && owes(u, p, year, reported);
    }),
  );
  const now = new Date().toISOString();
  const cells: MatrixCell[] = [];
  const completeness: Record<string, number | null> = {};
  const timeliness: Record<string, number | null> = {};
  let nExpected = 0;
  let nDone = 0;
  let nOnTime = 0;
  for (const u of units) {
    let expected = 0;
    let done = 0;
    let onTime = 0;
    for (const m of months) {
      const p = parsePeriod(m);
      if (!p) continue;
      const exists = owes(u, p, year, reported);
      const s = byKey.get(`${u.code}|${m}`);
      const isDone = s?.status === 'submitted' || s?.status === 'accepted';
      const due = now > deadlineEnd(deadlineOf(p));
      const isExpected = exists && (due || isDone);
      const cellOnTime = s ? onTimeOf(s.deadline, s.submitted_at, now) : isExpected ? false : null;
      if (isExpected) {
        expected++;
        if (isDone) done++;
        if (isDone && cellOnTime) onTime++;
      }
      cells.push({
        region: u.code,
        period: m,
        started: s !== undefined,
        expected: exists,
        status: s?.status ?? (exists ? 'draft' : null),
        onTime: exists ? cellOnTime : null,
        timeliness: exists ? timelinessOf(s?.deadline ?? deadlineOf(p), s?.submitted_at ?? null, now) : null,
        submittedAt: s?.submitted_at ?? null,
      });
    }
    for (const sp of stockPeriods) {
      const p = parsePeriod(sp);
      if (!p) continue;
      const exists = owes(u, p, year, reported);
      const s = byKey.get(`${u.code}|${sp}`);
      cells.push({
        region: u.code,
        period: sp,
        started: s !== undefined,
        expected: exists,
        status: s?.status ?? (exists ? 'draft' : null),
        onTime: exists ? (s ? onTimeOf(s.deadline, s.submitted_at, now) : null) : null,
        timeliness: exists ? timelinessOf(s?.deadline ?? deadlineOf(p), s?.submitted_at ?? null, now) : null,
        submittedAt: s?.submitted_at ?? null,
      });
    }
    completeness[u.code] = pct(done, expected);
    timeliness[u.code] = pct(onTime, expected);
    nExpected += expected;
    nDone += done;
    nOnTime += onTime;
  }
  return {
    year,
    regions: units.map((u) => u.code),
    months,
    stockPeriods,
    cells,
    completeness,
    timeliness,
    national: {
      expected: nExpected,
      submitted: nDone,
      onTime: nOnTime,
      completeness: pct(nDone, nExpected),
      timeliness: pct(nOnTime, nExpected),
    },
  };
}

/** The review view: the submission, its figures, the year's earlier months, exclusions, outliers. */
export async function reviewSubmission(
  db: Kysely<DB>,
  user: SessionUser,
  regionIn: string,
  period: string,
): Promise<Review> {
  const p = await checkRegionPeriod(db, regionIn, period);
  const region = p.region;
  authorize(user, 'submissions.read', { region });
  const sub = await findSubmission(db, region, period);
  const submission: SubmissionView = sub ? toView(sub) : virtualDraft(region, period);

  const totals = (await figuresByArea(db, region, period)).map((r) => ({ ...r, hours: round(r.hours, 2) }));
  const sum = (k: 'events' | 'volunteers' | 'hours') =>
    round(
      totals.reduce((s, r) => s + r[k], 0),
      2,
    );

  const earlier = p.kind === 'month' ? monthsOf(p.year).filter((m) => m < period) : [];
  const [prevRows, prevSubs] = await Promise.all([
    figuresByPeriod(db, region, earlier),
    statusesIn(db, region, earlier),
  ]);
  // Missing is not zero: a month the region has no submission for (and no records) has null
  // figures; a month with a submission but no records reported zero.
  const previous = earlier.map((m) => {
    const r = prevRows.find((x) => x.period === m);
    const status = prevSubs.find((x) => x.period === m)?.status ?? null;
    const none = status === null ? null : 0;
    return {
      period: m,
      status,
      events: r ? r.events : none,
      volunteers: r ? r.volunteers : none,
      hours: r ? round(r.hours, 2) : none,
    };
  });

  const excluded = (await excludedOf(db, region, period)).map((r) => ({ ...r, hours: round(r.hours, 2) }));

  return {
    submission,
    totals: { events: sum('events'), volunteers: sum('volunteers'), hours: sum('hours'), byArea: totals },
    previous,
    excluded,
    outliers: p.kind === 'month' ? await outliersOf(db, region, period, p.year) : [],
    submitted: submitAnswersOf(sub),
    platform: await platformReview(db, region, period, sub),
  };
}
