// What the national office looks at: the list of submissions with their figures, the year's
// region × month matrix (completeness and timeliness) and the review view of one submission.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deadlineOf, monthsOf, parsePeriod } from '../../domain/periods.ts';
import { modifiedZScores, OUTLIER_THRESHOLD, round } from '../../domain/report/maths.ts';
import { badRequest, forbidden } from '../../lib/errors.ts';
import { canReadRegion, requireUser } from '../users/access.ts';
import type { SessionUser } from '../users/sessions.ts';
import {
  checkRegionPeriod,
  deadlineEnd,
  findSubmission,
  onTimeOf,
  type SubmissionView,
  type Timeliness,
  timelinessOf,
  toView,
  virtualDraft,
} from './submissions.service.ts';

export interface Counts {
  activities: number;
  /** Null when the period has no activity record at all (missing, not zero). */
  volunteers: number | null;
  hours: number | null;
}

async function countsOf(db: Kysely<DB>, year: number, region?: string) {
  let q = db
    .selectFrom('agg_activity')
    .select([
      'region',
      'period',
      sql<number>`sum(events)`.as('events'),
      sql<number>`sum(volunteers)`.as('volunteers'),
      sql<number>`sum(hours)`.as('hours'),
    ])
    .where('period', 'like', `${year}%`)
    .groupBy(['region', 'period']);
  if (region) q = q.where('region', '=', region);
  const rows = await q.execute();
  return new Map(
    rows.map((r) => [
      `${r.region}|${r.period}`,
      { activities: Number(r.events), volunteers: Number(r.volunteers), hours: round(Number(r.hours), 2) },
    ]),
  );
}

/** Kinds of data a period is expected to hold (DOMAIN.md §3): flows monthly, stocks by half-year and year. */
export type DataKind = 'activities' | 'volunteers' | 'org_counts';
const EXPECTED_DATA: Record<'month' | 'half' | 'year', DataKind[]> = {
  month: ['activities'],
  half: ['volunteers'],
  year: ['volunteers', 'org_counts'],
};

/** The (region, period) pairs of a year that hold each kind of data. */
async function presentData(db: Kysely<DB>, year: number, region?: string) {
  const like = `${year}%`;
  let acts = db.selectFrom('activity').select(['region', 'period']).distinct().where('period', 'like', like);
  let vols = db
    .selectFrom('volunteer_stat')
    .select(['region', 'period'])
    .distinct()
    .where('period', 'like', like)
    .where('dimension', '=', 'total')
    .where('volunteers', 'is not', null);
  let orgs = db
    .selectFrom('org_count')
    .select(['region', 'period'])
    .where('period', 'like', like)
    .where((eb) => eb.or([eb('npo', 'is not', null), eb('initiative_groups', 'is not', null)]));
  if (region) {
    acts = acts.where('region', '=', region);
    vols = vols.where('region', '=', region);
    orgs = orgs.where('region', '=', region);
  }
  const [a, v, o] = await Promise.all([acts.execute(), vols.execute(), orgs.execute()]);
  const keys = (rows: { region: string; period: string }[]) =>
    new Set(rows.map((r) => `${r.region}|${r.period}`));
  return { activities: keys(a), volunteers: keys(v), org_counts: keys(o) } satisfies Record<
    DataKind,
    Set<string>
  >;
}

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

/** Units that existed at some time in [start, end], in map order. */
async function unitsBetween(db: Kysely<DB>, start: string, end: string) {
  return db
    .selectFrom('territory_unit')
    .select(['code', 'valid_from', 'valid_to'])
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', end)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', start)]))
    .orderBy('sort')
    .execute();
}

/**
 * The submissions of a year, and for every month a unit existed without one, the draft it would
 * be (id null): a month nobody started is visible as missing (completeness), and once its deadline
 * has passed as overdue (timeliness). `missing` names the kinds of data the period should hold
 * that have nothing entered.
 */
export async function listSubmissions(
  db: Kysely<DB>,
  userIn: SessionUser | null | undefined,
  q: { year: number; region?: string | undefined },
): Promise<(SubmissionView & { counts: Counts; missing: DataKind[] })[]> {
  requireUser(userIn);
  let query = db.selectFrom('submission').selectAll().where('period', 'like', `${q.year}%`);
  if (q.region) query = query.where('region', '=', q.region);
  const [subs, counts, present, units] = await Promise.all([
    query.execute(),
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
export async function submissionMatrix(db: Kysely<DB>, userIn: SessionUser | null | undefined, year: number) {
  requireUser(userIn);
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const months = monthsOf(year);
  const subs = await db.selectFrom('submission').selectAll().where('period', 'in', months).execute();
  const byKey = new Map(subs.map((s) => [`${s.region}|${s.period}`, s]));
  const reported = new Set(subs.map((s) => s.region));
  // A unit that owes no month of the year (not yet created, or not on the year's map) has no row.
  const units = (await unitsBetween(db, start, end)).filter((u) =>
    months.some((m) => {
      const p = parsePeriod(m);
      return p !== null && owes(u, p, year, reported);
    }),
  );
  const now = new Date().toISOString();
  const cells: {
    region: string;
    period: string;
    expected: boolean;
    status: string | null;
    onTime: boolean | null;
    timeliness: Timeliness | null;
    submittedAt: string | null;
  }[] = [];
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
        expected: exists,
        status: s?.status ?? (exists ? 'draft' : null),
        onTime: exists ? cellOnTime : null,
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

export interface Outlier {
  id: number;
  title: string;
  organization: string;
  volunteers: number;
  hours: number;
  hoursPerVolunteer: number;
  zMonth: number | null;
  zYear: number | null;
}

/** The review view: the submission, its figures, the year's earlier months, exclusions, outliers. */
export async function reviewSubmission(
  db: Kysely<DB>,
  userIn: SessionUser | null | undefined,
  region: string,
  period: string,
) {
  const user = requireUser(userIn);
  const p = await checkRegionPeriod(db, region, period);
  if (!canReadRegion(user, region)) throw forbidden(`You may not review the data of region ${region}`);
  const sub = await findSubmission(db, region, period);
  const submission: SubmissionView = sub ? toView(sub) : virtualDraft(region, period);

  const byArea = await db
    .selectFrom('agg_activity')
    .select([
      'area',
      sql<number>`sum(events)`.as('events'),
      sql<number>`sum(volunteers)`.as('volunteers'),
      sql<number>`sum(hours)`.as('hours'),
    ])
    .where('region', '=', region)
    .where('period', '=', period)
    .groupBy('area')
    .orderBy('area')
    .execute();
  const totals = byArea.map((r) => ({
    area: r.area,
    events: Number(r.events),
    volunteers: Number(r.volunteers),
    hours: round(Number(r.hours), 2),
  }));
  const sum = (k: 'events' | 'volunteers' | 'hours') =>
    round(
      totals.reduce((s, r) => s + r[k], 0),
      2,
    );

  const earlier = p.kind === 'month' ? monthsOf(p.year).filter((m) => m < period) : [];
  const prevRows =
    earlier.length === 0
      ? []
      : await db
          .selectFrom('agg_activity')
          .select([
            'period',
            sql<number>`sum(events)`.as('events'),
            sql<number>`sum(volunteers)`.as('volunteers'),
            sql<number>`sum(hours)`.as('hours'),
          ])
          .where('region', '=', region)
          .where('period', 'in', earlier)
          .groupBy('period')
          .execute();
  const prevSubs =
    earlier.length === 0
      ? []
      : await db
          .selectFrom('submission')
          .select(['period', 'status'])
          .where('region', '=', region)
          .where('period', 'in', earlier)
          .execute();
  // Missing is not zero: a month the region has no submission for (and no records) has null
  // figures; a month with a submission but no records reported zero.
  const previous = earlier.map((m) => {
    const r = prevRows.find((x) => x.period === m);
    const status = prevSubs.find((x) => x.period === m)?.status ?? null;
    const none = status === null ? null : 0;
    return {
      period: m,
      status,
      events: r ? Number(r.events) : none,
      volunteers: r ? Number(r.volunteers) : none,
      hours: r ? round(Number(r.hours), 2) : none,
    };
  });

  const excluded = (
    await db
      .selectFrom('agg_excluded')
      .select(['reason', 'records', 'volunteers', 'hours'])
      .where('region', '=', region)
      .where('period', '=', period)
      .orderBy('reason')
      .execute()
  ).map((r) => ({
    reason: r.reason,
    records: Number(r.records),
    volunteers: Number(r.volunteers),
    hours: round(Number(r.hours), 2),
  }));

  return {
    submission,
    totals: { events: sum('events'), volunteers: sum('volunteers'), hours: sum('hours'), byArea: totals },
    previous,
    excluded,
    outliers: p.kind === 'month' ? await outliersOf(db, region, period, p.year) : [],
  };
}

/**
 * Activities whose hours per volunteer stand out (modified z-score |M| > 3.5, Iglewicz & Hoaglin)
 * among the region's records of the month, or among the region's records of the whole year.
 * Flagged for the reviewer, never rejected.
 */
async function outliersOf(db: Kysely<DB>, region: string, period: string, year: number): Promise<Outlier[]> {
  const rows = await db
    .selectFrom('activity as a')
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .select(['a.id', 'a.period', 'a.title', 'o.name', 'a.volunteers', 'a.hours'])
    .where('a.region', '=', region)
    .where('a.period', 'in', monthsOf(year))
    .where('a.excluded', 'is', null)
    .where('a.volunteers', '>', 0)
    .execute();
  if (rows.length > 200_000) throw badRequest('Too many records in the year to screen for outliers');
  const rate = (r: (typeof rows)[number]) => Number(r.hours) / Number(r.volunteers);
  const zYear = modifiedZScores(rows.map(rate));
  const monthIdx = rows.flatMap((r, i) => (r.period === period ? [i] : []));
  const zMonthList = modifiedZScores(monthIdx.map((i) => rate(rows[i] as (typeof rows)[number])));
  const out: Outlier[] = [];
  monthIdx.forEach((i, k) => {
    const r = rows[i] as (typeof rows)[number];
    const zm = zMonthList[k] ?? null;
    const zy = zYear[i] ?? null;
    if (
      (zm !== null && Math.abs(zm) > OUTLIER_THRESHOLD) ||
      (zy !== null && Math.abs(zy) > OUTLIER_THRESHOLD)
    ) {
      out.push({
        id: Number(r.id),
        title: r.title,
        organization: r.name,
        volunteers: Number(r.volunteers),
        hours: Number(r.hours),
        hoursPerVolunteer: round(rate(r), 2),
        zMonth: zm,
        zYear: zy,
      });
    }
  });
  return out.sort(
    (a, b) =>
      Math.max(Math.abs(b.zMonth ?? 0), Math.abs(b.zYear ?? 0)) -
      Math.max(Math.abs(a.zMonth ?? 0), Math.abs(a.zYear ?? 0)),
  );
}
