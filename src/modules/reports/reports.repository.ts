// The few queries every report is built from. They read the aggregates (agg_area, agg_rfo_support,
// agg_excluded), the stocks (volunteer_stat, org_count), the reference tables and
// the submissions; never the raw activity records. Each query is one indexed pass over a small table:
// the aggregates are bounded by regions × months × codes, not by the number of records.

import { type Kysely, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import type { AggExcludedTable, AggRfoSupportTable, DB } from '../../db/schema.ts';
import { COHORT_COLUMNS, type CohortColumn } from '../../domain/activity-rules.ts';
import { NOT_COUNTED_REASONS } from '../../domain/appeal-rules.ts';
import type { Lang } from '../../domain/lang.ts';
import { kzInstantRange } from '../../domain/periods.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type Status = 'accepted' | 'submitted' | 'returned' | 'draft';

export const statusesFor = (provisional: boolean): Status[] =>
  provisional ? ['accepted', 'submitted'] : ['accepted'];

export interface SubmissionRow {
  region: string;
  period: string;
  status: string;
  deadline: string;
  submitted_at: string | null;
  /** When the volunteer platform last changed the figures while submitted or accepted (migration 016). */
  restated_at?: string | null;
}

/** Every submission of a year: its months, half-years and the year itself. */
export async function submissionsOfYear(db: Db, year: number): Promise<SubmissionRow[]> {
  const rows = await db
    .selectFrom('submission')
    .where((eb) =>
      eb.or([
        eb.and([eb('period', '>=', `${year}-01`), eb('period', '<=', `${year}-12`)]),
        eb('period', 'in', [String(year), `${year}-H1`, `${year}-H2`]),
      ]),
    )
    .select(['region', 'period', 'status', 'deadline', 'submitted_at', 'restated_at'])
    .execute();
  return rows;
}

export interface Flowish {
  events: number;
  volunteers: number;
  hours: number;
}

/**
 * The activity aggregates summed to (region, period, area), with the format and kind breakdowns of
 * each cell as columns: a few thousand rows at most, whatever the number of records.
 */
export interface ActivityAggRow extends Record<CohortColumn, number> {
  region: string;
  period: string;
  area: string;
  events: number;
  volunteers: number;
  hours: number;
  beneficiaries: number;
  formats: Record<string, Flowish>;
  kinds: Record<string, Flowish>;
}

const COUNTS = ['events', 'volunteers', 'hours', ...COHORT_COLUMNS, 'beneficiaries'] as const;

/** The (region, period) partitions of the months [from, to] whose submission has one of `statuses`. */
export async function includedPartitions(
  db: Db,
  from: string,
  to: string,
  statuses: Status[],
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('submission')
    .where('period', '>=', from)
    .where('period', '<=', to)
    .where('status', 'in', statuses)
    .select(['region', 'period'])
    .execute();
  return new Set(rows.map((r) => `${r.region}|${r.period}`));
}

/**
 * The activity aggregates of the months [from, to] whose submission has one of `statuses`, summed
 * over organisation types to (region, period, area), with the format and kind breakdowns of each
 * cell (in code-list order). One range read of agg_area (keyed by period first; the breakdowns are
 * its JSON column `splits`): at most regions × months × areas rows whatever the number of records.
 * Turning rows into JavaScript objects, not the scan, is what costs here, hence one row per cell.
 * Partitions are filtered here rather than by a join, which would cost a probe per row.
 */
export async function activityAgg(
  db: Db,
  from: string,
  to: string,
  statuses: Status[],
): Promise<ActivityAggRow[]> {
  const [codes, included, areas] = await Promise.all([
    db
      .selectFrom('code_list_item')
      .where('list', 'in', ['format', 'kind'])
      .select(['list', 'code'])
      .orderBy('list')
      .orderBy('sort')
      .execute(),
    includedPartitions(db, from, to, statuses),
    db
      .selectFrom('agg_area')
      .where('period', '>=', from)
      .where('period', '<=', to)
      .select(['region', 'period', 'area', 'splits', ...COUNTS])
      .orderBy('region')
      .orderBy('period')
      .orderBy('area')
      .execute(),
  ]);
  const formats = codes.filter((c) => c.list === 'format').map((c) => c.code);
  const kinds = codes.filter((c) => c.list === 'kind').map((c) => c.code);
  const out: ActivityAggRow[] = [];
  for (const raw of areas) {
    if (!included.has(`${raw.region}|${raw.period}`)) continue;
    // One literal of fixed shape per row (PostgreSQL returns bigint sums as numbers, see connection.ts).
    const row: ActivityAggRow = {
      region: raw.region,
      period: raw.period,
      area: raw.area,
      events: Number(raw.events),
      volunteers: Number(raw.volunteers),
      hours: Number(raw.hours),
      child: Number(raw.child),
      inclusive: Number(raw.inclusive),
      corporate: Number(raw.corporate),
      international: Number(raw.international),
      silver: Number(raw.silver),
      probono: Number(raw.probono),
      general: Number(raw.general),
      beneficiaries: Number(raw.beneficiaries),
      formats: {},
      kinds: {},
    };
    let parts: { format?: Record<string, number[]>; kind?: Record<string, number[]> } | null = null;
    try {
      parts = JSON.parse(raw.splits);
    } catch {
      // never expected (written by the aggregates): everything then counts under ''
    }
    row.formats = splitOf(row, formats, parts?.format);
    row.kinds = splitOf(row, kinds, parts?.kind);
    out.push(row);
  }
  return out;
}

/** A cell's breakdown over one code list, in list order; what the listed codes miss goes under ''. */
function splitOf(
  row: Flowish,
  list: string[],
  byCode: Record<string, number[]> | undefined,
): Record<string, Flowish> {
  const o: Record<string, Flowish> = {};
  let events = row.events;
  let volunteers = row.volunteers;
  let hours = row.hours;
  for (const code of list) {
    const p = byCode && Object.hasOwn(byCode, code) ? byCode[code] : undefined;
    const f = { events: Number(p?.[0] ?? 0), volunteers: Number(p?.[1] ?? 0), hours: Number(p?.[2] ?? 0) };
    if (f.events || f.hours || f.volunteers) o[code] = f;
    events -= f.events;
    volunteers -= f.volunteers;
    hours -= f.hours;
  }
  // Codes no longer in the list (never expected): kept apart under '' rather than dropped.
  if (events || hours) o[''] = { events, volunteers, hours };
  return o;
}

/** The tables kept by (region, period) partition: a report reads those of included submissions only. */
type Partitioned = 'agg_area' | 'agg_rfo_support' | 'agg_excluded' | 'volunteer_stat' | 'org_count';

/**
 * The rows of `table` (as `a`, its submission as `s`) of the months [from, to] or of the listed
 * periods, in the partitions whose submission has one of `statuses`.
 */
function ofIncluded<T extends Partitioned>(
  db: Db,
  table: T,
  periods: { from: string; to: string } | string[],
  statuses: Status[],
): SelectQueryBuilder<DB & { a: DB[T]; s: DB['submission'] }, 'a' | 's', Record<never, never>> {
  const aliased: string = `${table} as a`;
  const from = untyped(db)
    .selectFrom(aliased)
    .innerJoin('submission as s', (j) =>
      j.onRef('s.region', '=', 'a.region').onRef('s.period', '=', 'a.period'),
    );
  const inPeriods = Array.isArray(periods)
    ? from.where('a.period', 'in', periods)
    : from.where('a.period', '>=', periods.from).where('a.period', '<=', periods.to);
  return inPeriods.where('s.status', 'in', statuses) as never;
}
const untyped = (db: Db) => db as unknown as Kysely<any>;

export async function rfoSupportAgg(
  db: Db,
  from: string,
  to: string,
  statuses: Status[],
): Promise<AggRfoSupportTable[]> {
  const rows = await ofIncluded(db, 'agg_rfo_support', { from, to }, statuses)
    .select(['a.region', 'a.period', 'a.support', 'a.events'])
    .execute();
  return rows.map((r) => ({ ...r, events: Number(r.events) }));
}

/** Records left out of the aggregates, counted by region, month and reason. */
export type ExcludedRow = AggExcludedTable;

export async function excludedAgg(
  db: Db,
  from: string,
  to: string,
  statuses: Status[],
): Promise<ExcludedRow[]> {
  const rows = await ofIncluded(db, 'agg_excluded', { from, to }, statuses)
    .select(['a.region', 'a.period', 'a.reason', 'a.records', 'a.volunteers', 'a.hours'])
    .execute();
  return rows.map((r) => ({
    ...r,
    records: Number(r.records),
    volunteers: Number(r.volunteers),
    hours: Number(r.hours),
  }));
}

export interface StockRow {
  region: string;
  period: string;
  dimension: string;
  category: string;
  volunteers: number | null;
}

/** Volunteer stocks of the given periods (e.g. '2022', '2021' or '2022-H1'), of included submissions. */
export async function volunteerStocks(db: Db, periods: string[], statuses: Status[]): Promise<StockRow[]> {
  if (!periods.length) return [];
  const rows = await ofIncluded(db, 'volunteer_stat', periods, statuses)
    .select(['a.region', 'a.period', 'a.dimension', 'a.category', 'a.volunteers'])
    .execute();
  return rows.map((r) => ({ ...r, volunteers: r.volunteers === null ? null : Number(r.volunteers) }));
}

export async function orgCounts(
  db: Db,
  periods: string[],
  statuses: Status[],
): Promise<{ region: string; period: string; npo: number | null; initiative_groups: number | null }[]> {
  if (!periods.length) return [];
  const rows = await ofIncluded(db, 'org_count', periods, statuses)
    .select(['a.region', 'a.period', 'a.npo', 'a.initiative_groups'])
    .execute();
  return rows.map((r) => ({
    ...r,
    npo: r.npo === null ? null : Number(r.npo),
    initiative_groups: r.initiative_groups === null ? null : Number(r.initiative_groups),
  }));
}

export async function populationOf(db: Db, year: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('population')
    .where('year', '=', year)
    .select(['region', 'population'])
    .execute();
  return new Map(rows.map((r) => [r.region, Number(r.population)]));
}

export async function wagesOf(db: Db, year: number) {
  const rows = await db
    .selectFrom('wage')
    .where('year', '=', year)
    .select(['region', 'activity', 'monthly_wage_kzt', 'source'])
    .execute();
  return rows.map((r) => ({
    region: r.region,
    activity: r.activity,
    monthly: Number(r.monthly_wage_kzt),
    source: r.source,
  }));
}

export async function workingTimeOf(db: Db, year: number) {
  const row = await db.selectFrom('working_time').where('year', '=', year).selectAll().executeTakeFirst();
  if (!row) return null;
  return {
    year: row.year,
    monthlyHours: Number(row.monthly_hours),
    annualHours: Number(row.annual_hours),
    source: row.source,
    fteHours: row.fte_hours === null ? null : Number(row.fte_hours),
    fteSource: row.fte_source,
  };
}

export async function unaccountedOf(db: Db, year: number) {
  const rows = await db
    .selectFrom('unaccounted_hours')
    .where('year', '=', year)
    .select(['source', 'area', 'volunteers', 'hours', 'note'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    volunteers: r.volunteers === null ? null : Number(r.volunteers),
    hours: Number(r.hours),
  }));
}

export type AppealRow = Awaited<ReturnType<typeof appealsOf>>[number];
export type AppealTimes = Awaited<ReturnType<typeof appealTimesOf>>[number];

/** The appeals of a year that are public interest: not closed as duplicates or spam (DOMAIN.md §8). */
const appealsOfYear = (db: Db, year: number) =>
  db
    .selectFrom('appeal')
    // The year in Kazakhstan time, as the monthly figures count it (a bare date compares as its day).
    .where('received_at', '>=', kzInstantRange({ start: `${year}-01-01`, end: `${year}-12-31` }).from)
    .where('received_at', '<', kzInstantRange({ start: `${year}-01-01`, end: `${year}-12-31` }).to)
    .where((eb) =>
      eb.or([eb('close_reason', 'is', null), eb('close_reason', 'not in', [...NOT_COUNTED_REASONS])]),
    );

/** Appeals of the year grouped by every dimension the report shows (a few hundred rows at most). */
export async function appealsOf(db: Db, year: number) {
  const rows = await appealsOfYear(db, year)
    .groupBy(['channel', 'gender', 'region', 'country', 'topic', 'related', 'status'])
    .select(['channel', 'gender', 'region', 'country', 'topic', 'related', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n), related: Number(r.related) }));
}

/** Response times of the year's appeals, for the medians (first response and resolution). */
export async function appealTimesOf(db: Db, year: number) {
  return appealsOfYear(db, year).select(['received_at', 'first_response_at', 'resolved_at']).execute();
}

export interface TerritoryRef {
  units: {
    code: string;
    kind: 'region' | 'city';
    names: Record<Lang, string>;
    validFrom: string | null;
    validTo: string | null;
    tileX: number;
    tileY: number;
    sort: number;
  }[];
  lineage: { predecessor: string; successor: string; date: string }[];
}

export async function territory(db: Db): Promise<TerritoryRef> {
  const [units, lineage] = await Promise.all([
    db.selectFrom('territory_unit').selectAll().orderBy('sort').execute(),
    db.selectFrom('territory_lineage').select(['predecessor', 'successor', 'date']).execute(),
  ]);
  return {
    units: units.map((u) => ({
      code: u.code,
      kind: u.kind,
      names: { kk: u.name_kk, ru: u.name_ru, en: u.name_en },
      validFrom: u.valid_from,
      validTo: u.valid_to,
      tileX: Number(u.tile_x),
      tileY: Number(u.tile_y),
      sort: Number(u.sort),
    })),
    lineage,
  };
}

export interface CodeItem {
  list: string;
  code: string;
  names: Record<Lang, string>;
  sort: number;
  attrs: Record<string, unknown> | null;
}

export async function codeLists(db: Db, lists: string[]): Promise<Map<string, CodeItem[]>> {
  const rows = await db
    .selectFrom('code_list_item')
    .where('list', 'in', lists)
    .selectAll()
    .orderBy('list')
    .orderBy('sort')
    .execute();
  const out = new Map<string, CodeItem[]>();
  for (const l of lists) out.set(l, []);
  for (const r of rows) {
    let attrs: Record<string, unknown> | null = null;
    try {
      attrs = r.attrs ? (JSON.parse(r.attrs) as Record<string, unknown>) : null;
    } catch {
      attrs = null;
    }
    out.get(r.list)?.push({
      list: r.list,
      code: r.code,
      names: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
      sort: Number(r.sort),
      attrs,
    });
  }
  return out;
}

/** Years that have any submission with data, newest first (for the dashboard's year picker). */
export async function yearsWithData(db: Db, statuses: Status[]): Promise<number[]> {
  const rows = await db
    .selectFrom('submission')
    .where('status', 'in', statuses)
    .select(sql<string>`substr(period, 1, 4)`.as('y'))
    .distinct()
    .execute();
  return rows
    .map((r) => Number(r.y))
    .filter((y) => Number.isInteger(y))
    .sort((a, b) => b - a);
}

/**
 * The region-months with a monthly submission in one of `statuses` (any year), for the dashboard's
 * completeness of each year: a few hundred rows a year at most.
 */
export async function monthlySubmissions(
  db: Db,
  statuses: Status[],
): Promise<{ region: string; period: string }[]> {
  const rows = await db
    .selectFrom('submission')
    .where('status', 'in', statuses)
    .where('period', 'like', '____-__')
    .select(['region', 'period'])
    .execute();
  return rows.filter((r) => /^\d{4}-\d{2}$/.test(r.period));
}

/**
 * Organisation coverage for the data-quality view: known organisations of each region and those
 * with at least one record in the year. This one reads the activity table through its (region,
 * period) index, a distinct count per partition; it is not part of the annual report's fast path.
 */
export async function organizationCoverage(db: Db, year: number) {
  const [known, reporting] = await Promise.all([
    db
      .selectFrom('organization')
      .groupBy('region')
      .select((eb) => ['region', eb.fn.countAll<number>().as('n')])
      .execute(),
    db
      .selectFrom('activity')
      // region IN (…) lets the (region, period) index serve the period range.
      .where('region', 'in', db.selectFrom('territory_unit').select('code'))
      .where('period', '>=', `${year}-01`)
      .where('period', '<=', `${year}-12`)
      .groupBy('region')
      .select((eb) => ['region', eb.fn.count<number>('organization_id').distinct().as('n')])
      .execute(),
  ]);
  return {
    known: new Map(known.map((r) => [r.region, Number(r.n)])),
    reporting: new Map(reporting.map((r) => [r.region, Number(r.n)])),
  };
}

/** Hours and events per region of the months [from, to]: for the previous year's comparison. */
export async function hoursByRegion(
  db: Db,
  from: string,
  to: string,
  statuses: Status[],
): Promise<{ region: string; hours: number; events: number }[]> {
  const rows = await ofIncluded(db, 'agg_area', { from, to }, statuses)
    .groupBy('a.region')
    .select((eb) => [
      'a.region',
      eb.fn.sum<number>('a.hours').as('hours'),
      eb.fn.sum<number>('a.events').as('events'),
    ])
    .execute();
  return rows.map((r) => ({ region: r.region, hours: Number(r.hours), events: Number(r.events) }));
}

const NO_COHORTS = Object.fromEntries(COHORT_COLUMNS.map((c) => [c, 0])) as Record<CohortColumn, number>;

/**
 * The activity aggregates of a year's included partitions by (region, month, area), with only the
 * sums the dashboard shows: the annual report's query (activityAgg) also splits every row by format
 * and kind, which costs several times more and is not shown here.
 */
export async function dashboardAgg(db: Db, year: number, statuses: Status[]): Promise<ActivityAggRow[]> {
  const from = `${year}-01`;
  const to = `${year}-12`;
  const sums = ['events', 'volunteers', 'hours', 'beneficiaries'] as const;
  const [included, rows] = await Promise.all([
    includedPartitions(db, from, to, statuses),
    db
      .selectFrom('agg_activity as a')
      .where('a.period', '>=', from)
      .where('a.period', '<=', to)
      .groupBy(['a.region', 'a.period', 'a.area'])
      .select(['a.region', 'a.period', 'a.area'])
      .select(sums.map((c) => sql<number>`sum(a.${sql.ref(c)})`.as(c)))
      .execute(),
  ]);
  return rows
    .filter((r) => included.has(`${r.region}|${r.period}`))
    .map((r) => ({
      region: r.region,
      period: r.period,
      area: r.area,
      events: Number(r.events ?? 0),
      volunteers: Number(r.volunteers ?? 0),
      hours: Number(r.hours ?? 0),
      beneficiaries: Number(r.beneficiaries ?? 0),
      ...NO_COHORTS,
      formats: {},
      kinds: {},
    }));
}
