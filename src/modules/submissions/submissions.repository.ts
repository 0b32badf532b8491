// Every query of the submissions: the rows of the monthly cycle (read, locked, created, moved on a
// version), and what the list, the matrix and the review view read beside them (aggregates, which
// data is present, the units of a year, the records screened for outliers).
import { type Kysely, PostgresAdapter, type Selectable, sql, type Transaction } from 'kysely';
import type { DB, SubmissionTable } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type SubmissionRow = Selectable<SubmissionTable>;
export type Status = SubmissionRow['status'];

// --- the submission rows -------------------------------------------------------------------------

export const findSubmission = (db: Db, region: string, period: string) =>
  db
    .selectFrom('submission')
    .selectAll()
    .where('region', '=', region)
    .where('period', '=', period)
    .executeTakeFirst();

export const findSubmissionById = (db: Db, id: number) =>
  db.selectFrom('submission').selectAll().where('id', '=', id).executeTakeFirst();

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The submission row of (region, period), locked until the transaction ends on PostgreSQL (SQLite
 * runs one write transaction at a time anyway).
 */
export function lockSubmission(db: Db, region: string, period: string) {
  let q = db.selectFrom('submission').selectAll().where('region', '=', region).where('period', '=', period);
  if (isPostgres(db)) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Inserts the draft of (region, period) unless a row exists (two first writes at once: one wins). */
export async function insertDraft(db: Db, region: string, period: string, deadline: string, now: string) {
  await db
    .insertInto('submission')
    .values({
      region,
      period,
      status: 'draft',
      version: 1,
      deadline,
      submitted_at: null,
      submitted_by: null,
      last_submitted_at: null,
      reviewed_at: null,
      reviewed_by: null,
      return_comment: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['region', 'period']).doNothing())
    .execute();
}

/** Applies `changes` if the row is still at its version; the new row, or undefined when it was not. */
export function updateSubmissionAt(
  db: Db,
  current: SubmissionRow,
  changes: Partial<SubmissionRow>,
  now: string,
) {
  return db
    .updateTable('submission')
    .set({ ...changes, version: Number(current.version) + 1, updated_at: now })
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .returningAll()
    .executeTakeFirst();
}

/** The submissions of a year: its months, halves and itself. */
export function submissionsOfYear(db: Db, year: number, region?: string) {
  let q = db.selectFrom('submission').selectAll().where('period', 'like', `${year}%`);
  if (region) q = q.where('region', '=', region);
  return q.execute();
}

export const submissionsIn = (db: Db, periods: string[]) =>
  db.selectFrom('submission').selectAll().where('period', 'in', periods).execute();

export async function statusesIn(db: Db, region: string, periods: string[]) {
  if (periods.length === 0) return [];
  return db
    .selectFrom('submission')
    .select(['period', 'status'])
    .where('region', '=', region)
    .where('period', 'in', periods)
    .execute();
}

/** (region, period) pairs with data (activities, volunteer stocks, organisation counts) or a submission. */
export async function pairsWithData(db: Db, periods: string[], region?: string) {
  const pairs = new Map<string, { region: string; period: string }>();
  for (const table of ['activity', 'volunteer_stat', 'org_count', 'submission'] as const) {
    let q = db.selectFrom(table).select(['region', 'period']).distinct().where('period', 'in', periods);
    if (region) q = q.where('region', '=', region);
    for (const r of await q.execute())
      pairs.set(`${r.region}|${r.period}`, { region: r.region, period: r.period });
  }
  return [...pairs.values()];
}

// --- what the views read beside them ---------------------------------------------------------------

export interface Figures {
  events: number;
  volunteers: number;
  hours: number;
}

const figures = (r: { events: unknown; volunteers: unknown; hours: unknown }): Figures => ({
  events: Number(r.events),
  volunteers: Number(r.volunteers),
  hours: Number(r.hours),
});

const sums = [
  sql<number>`sum(events)`.as('events'),
  sql<number>`sum(volunteers)`.as('volunteers'),
  sql<number>`sum(hours)`.as('hours'),
] as const;

/** The aggregate figures of each (region, period) of a year. */
export async function figuresOfYear(db: Db, year: number, region?: string) {
  let q = db
    .selectFrom('agg_activity')
    .select(['region', 'period', ...sums])
    .where('period', 'like', `${year}%`)
    .groupBy(['region', 'period']);
  if (region) q = q.where('region', '=', region);
  const rows = await q.execute();
  return rows.map((r) => ({ region: r.region, period: r.period, ...figures(r) }));
}

/** The aggregate figures of one region and period by area, in area order. */
export async function figuresByArea(db: Db, region: string, period: string) {
  const rows = await db
    .selectFrom('agg_activity')
    .select(['area', ...sums])
    .where('region', '=', region)
    .where('period', '=', period)
    .groupBy('area')
    .orderBy('area')
    .execute();
  return rows.map((r) => ({ area: r.area, ...figures(r) }));
}

/** The aggregate figures of one region by period, for the periods named. */
export async function figuresByPeriod(db: Db, region: string, periods: string[]) {
  if (periods.length === 0) return [];
  const rows = await db
    .selectFrom('agg_activity')
    .select(['period', ...sums])
    .where('region', '=', region)
    .where('period', 'in', periods)
    .groupBy('period')
    .execute();
  return rows.map((r) => ({ period: r.period, ...figures(r) }));
}

/** The excluded records of one region and period by reason. */
export async function excludedOf(db: Db, region: string, period: string) {
  const rows = await db
    .selectFrom('agg_excluded')
    .select(['reason', 'records', 'volunteers', 'hours'])
    .where('region', '=', region)
    .where('period', '=', period)
    .orderBy('reason')
    .execute();
  return rows.map((r) => ({
    reason: r.reason,
    records: Number(r.records),
    volunteers: Number(r.volunteers),
    hours: Number(r.hours),
  }));
}

const keys = (rows: { region: string; period: string }[]) =>
  new Set(rows.map((r) => `${r.region}|${r.period}`));

/** The `region|period` keys of a year holding activities, volunteer totals and organisation counts. */
export async function presentData(db: Db, year: number, region?: string) {
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
  return { activities: keys(a), volunteers: keys(v), org_counts: keys(o) };
}

/** Units that existed at some time in [start, end], in map order. */
export function unitsBetween(db: Db, start: string, end: string) {
  return db
    .selectFrom('territory_unit')
    .select(['code', 'valid_from', 'valid_to'])
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', end)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', start)]))
    .orderBy('sort')
    .execute();
}

/** The counted records of a region in the periods named, with a volunteer or more: outlier candidates. */
export async function screenedRecords(db: Db, region: string, periods: string[]) {
  const rows = await db
    .selectFrom('activity as a')
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .select(['a.id', 'a.period', 'a.title', 'o.name', 'a.volunteers', 'a.hours'])
    .where('a.region', '=', region)
    .where('a.period', 'in', periods)
    .where('a.excluded', 'is', null)
    .where('a.volunteers', '>', 0)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    period: r.period,
    title: r.title,
    organization: r.name,
    volunteers: Number(r.volunteers),
    hours: Number(r.hours),
  }));
}

// --- the review inbox and the thread (migration 011) ----------------------------------------------

/** The submissions waiting for review, the longest-waiting first (the latest submission's time). */
export const waitingSubmissions = (db: Db) =>
  db
    .selectFrom('submission')
    .selectAll()
    .where('status', '=', 'submitted')
    .orderBy(sql`coalesce(last_submitted_at, submitted_at, updated_at)`)
    .orderBy('region')
    .orderBy('period')
    .execute();

/** Every activity record of a region and period, all columns (what a review snapshot hashes). */
export const activityRowsOf = (db: Db, region: string, period: string) =>
  db
    .selectFrom('activity')
    .selectAll()
    .where('region', '=', region)
    .where('period', '=', period)
    .orderBy('id')
    .execute();

export const volunteerRowsOf = (db: Db, region: string, period: string) =>
  db
    .selectFrom('volunteer_stat')
    .select(['dimension', 'category', 'volunteers'])
    .where('region', '=', region)
    .where('period', '=', period)
    .execute();

export const orgCountOf = (db: Db, region: string, period: string) =>
  db
    .selectFrom('org_count')
    .select(['npo', 'initiative_groups'])
    .where('region', '=', region)
    .where('period', '=', period)
    .executeTakeFirst();

/** The snapshot of the last decision on a region and period, if any. */
export const findReviewSnapshot = (db: Db, region: string, period: string) =>
  db
    .selectFrom('submission_review')
    .selectAll()
    .where('region', '=', region)
    .where('period', '=', period)
    .executeTakeFirst();

/** Replaces the snapshot of a region and period: only the last decision is compared with. */
export async function saveReviewSnapshot(
  db: Db,
  row: {
    region: string;
    period: string;
    action: string;
    at: string;
    user_id: number | null;
    snapshot: string;
  },
) {
  await db
    .insertInto('submission_review')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['region', 'period']).doUpdateSet({
        action: row.action,
        at: row.at,
        user_id: row.user_id,
        snapshot: row.snapshot,
      }),
    )
    .execute();
}

export async function insertComment(
  db: Db,
  c: {
    region: string;
    period: string;
    kind: 'comment' | 'return' | 'reopen';
    authorId: number | null;
    body: string;
    activityId: number | null;
    at: string;
  },
) {
  const { id } = await db
    .insertInto('submission_comment')
    .values({
      region: c.region,
      period: c.period,
      kind: c.kind,
      author_id: c.authorId,
      body: c.body,
      activity_id: c.activityId,
      created_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** The thread of a region and period, oldest first, with the authors' names and the rows' titles. */
export async function commentsOf(db: Db, region: string, period: string) {
  const rows = await db
    .selectFrom('submission_comment as c')
    .leftJoin('app_user as u', 'u.id', 'c.author_id')
    .leftJoin('activity as a', 'a.id', 'c.activity_id')
    .select([
      'c.id',
      'c.kind',
      'c.author_id',
      'u.display_name',
      'u.email',
      'u.role',
      'c.body',
      'c.activity_id',
      'a.title',
      'c.created_at',
    ])
    .where('c.region', '=', region)
    .where('c.period', '=', period)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    authorId: r.author_id === null ? null : Number(r.author_id),
    authorName: r.display_name ?? r.email ?? null,
    authorRole: r.role ?? null,
    body: r.body,
    activityId: r.activity_id === null ? null : Number(r.activity_id),
    activityTitle: r.title ?? null,
    at: r.created_at,
  }));
}

/** The number of messages of each `region|period` thread among the pairs named. */
export async function commentCounts(db: Db, periods: string[]) {
  if (periods.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('submission_comment')
    .select(['region', 'period', sql<number>`count(*)`.as('n')])
    .where('period', 'in', periods)
    .groupBy(['region', 'period'])
    .execute();
  return new Map(rows.map((r) => [`${r.region}|${r.period}`, Number(r.n)]));
}

/** The region and period of an activity record, to check a comment's row reference. */
export const activityPlace = (db: Db, id: number) =>
  db.selectFrom('activity').select(['region', 'period']).where('id', '=', id).executeTakeFirst();
