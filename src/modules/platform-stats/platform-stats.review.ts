// What the review of a month (and the front office's month page, which reads the same answer)
// shows of the platform: its records and hours, whether it restated the month after it was handed
// in or accepted, its unique active volunteers beside the front office's own stock figures (a
// second source, never added to them), and the probable duplicates between its records and the
// front office's, with the pairs the front office said are not duplicates left out. The front
// office answers a flag by deleting its own record or by marking the pair "not a duplicate".
import type { Kysely } from 'kysely';
import type { DB, SubmissionTable } from '../../db/schema.ts';
import { parsePeriod } from '../../domain/periods.ts';
import { kzMonth } from '../../domain/platform-cohort.ts';
import { authorize } from '../../domain/policy.ts';
import { datesOverlap, SIMILAR_TITLES, titleSimilarity } from '../../domain/title-similarity.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { SessionUser } from '../users/sessions.ts';
import { confirmedOfRegion } from './platform-stats.repository.ts';
import type { Duplicate, PlatformReview } from './platform-stats.schemas.ts';

type SubmissionRow = Pick<
  SubmissionTable,
  'status' | 'submitted_at' | 'last_submitted_at' | 'reviewed_at'
> & { restated_at: string | null };

/** Whether the platform's latest restatement came after the latest submission, or its acceptance. */
export function restatedAfter(s: SubmissionRow | undefined): 'submitted' | 'accepted' | null {
  if (!s?.restated_at) return null;
  if (s.status === 'accepted' && s.reviewed_at && s.restated_at > s.reviewed_at) return 'accepted';
  const handedIn = s.last_submitted_at ?? s.submitted_at;
  if ((s.status === 'submitted' || s.status === 'accepted') && handedIn && s.restated_at > handedIn)
    return 'submitted';
  return null;
}

const breakdownOf = (m: Map<string, number>) =>
  [...m]
    .map(([category, volunteers]) => ({ category, volunteers }))
    .sort((a, b) => (a.category < b.category ? -1 : 1));

/** The platform's unique active volunteers of the region and month, each by his earliest confirmed shift's snapshot. */
async function platformVolunteers(db: Kysely<DB>, region: string, period: string) {
  const rows = (await confirmedOfRegion(db, region, period)).filter((r) => kzMonth(r.startAt) === period);
  const first = new Map<number, (typeof rows)[number]>();
  for (const r of rows) {
    const had = first.get(r.volunteerId);
    if (!had || r.startAt < had.startAt) first.set(r.volunteerId, r);
  }
  const counts = {
    gender: new Map<string, number>(),
    ageBand: new Map<string, number>(),
    employment: new Map<string, number>(),
  };
  for (const r of first.values()) {
    const add = (m: Map<string, number>, c: string | null) => {
      if (c) m.set(c, (m.get(c) ?? 0) + 1);
    };
    add(counts.gender, r.gender);
    add(counts.ageBand, r.ageBand);
    add(counts.employment, r.employment);
  }
  return {
    volunteers: first.size,
    gender: breakdownOf(counts.gender),
    ageBand: breakdownOf(counts.ageBand),
    employment: breakdownOf(counts.employment),
  };
}

/** The front office's own stock figures nearest the month: the month's, else its half-year's, else its year's. */
async function rfoVolunteers(db: Kysely<DB>, region: string, period: string) {
  const p = parsePeriod(period);
  const candidates =
    p?.kind === 'month'
      ? [period, `${p.year}-H${Number(period.slice(5, 7)) <= 6 ? 1 : 2}`, String(p.year)]
      : [period];
  const rows = await db
    .selectFrom('volunteer_stat')
    .select(['period', 'dimension', 'category', 'volunteers'])
    .where('region', '=', region)
    .where('period', 'in', candidates)
    .execute();
  const chosen = candidates.find((c) => rows.some((r) => r.period === c && r.volunteers !== null)) ?? null;
  const mine = rows.filter((r) => r.period === chosen && r.volunteers !== null);
  const total = mine.find((r) => r.dimension === 'total');
  const dim = (d: string) =>
    breakdownOf(
      new Map(mine.filter((r) => r.dimension === d).map((r) => [r.category, Number(r.volunteers)])),
    );
  return {
    period: chosen,
    volunteers: total ? Number(total.volunteers) : null,
    gender: dim('gender'),
    ageBand: dim('age_band'),
    employment: dim('employment'),
  };
}

/** The month's records as the duplicates' search compares them. */
async function monthRecords(db: Kysely<DB>, region: string, period: string) {
  const rows = await db
    .selectFrom('activity as a')
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .select([
      'a.id',
      'a.version',
      'a.source',
      'a.row_key',
      'a.organization_id',
      'o.name as organization',
      'a.title',
      'a.start_date',
      'a.end_date',
      'a.volunteers',
      'a.hours',
      'a.external_id',
    ])
    .where('a.region', '=', region)
    .where('a.period', '=', period)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    version: Number(r.version),
    source: r.source,
    rowKey: r.row_key,
    organizationId: Number(r.organization_id),
    organization: r.organization,
    title: r.title,
    start_date: r.start_date,
    end_date: r.end_date,
    volunteers: Number(r.volunteers),
    hours: Number(r.hours),
    external_id: r.external_id,
  }));
}

type MonthRecord = Awaited<ReturnType<typeof monthRecords>>[number];

const side = ({ source: _s, rowKey: _k, organizationId: _o, ...r }: MonthRecord) => r;

/**
 * Probable duplicates of a month: a platform record and a front-office record of the same
 * organiser whose dates overlap and whose titles are alike, unless the front office said they are not.
 */
export async function duplicatesOf(db: Kysely<DB>, region: string, period: string): Promise<Duplicate[]> {
  const records = await monthRecords(db, region, period);
  const platform = records.filter((r) => r.source === 'platform');
  if (platform.length === 0) return [];
  const byOrg = new Map<number, MonthRecord[]>();
  for (const r of records) {
    if (r.source === 'platform') continue;
    byOrg.set(r.organizationId, [...(byOrg.get(r.organizationId) ?? []), r]);
  }
  const decided = new Set(
    (
      await db
        .selectFrom('platform_duplicate_decision')
        .select(['platform_key', 'activity_id'])
        .where('region', '=', region)
        .where('period', '=', period)
        .execute()
    ).map((d) => `${d.platform_key}|${Number(d.activity_id)}`),
  );
  const found: Duplicate[] = [];
  for (const p of platform) {
    for (const r of byOrg.get(p.organizationId) ?? []) {
      if (decided.has(`${p.rowKey}|${r.id}`)) continue;
      if (!datesOverlap({ start: p.start_date, end: p.end_date }, { start: r.start_date, end: r.end_date }))
        continue;
      const similarity = titleSimilarity(p.title, r.title);
      if (similarity < SIMILAR_TITLES) continue;
      found.push({ platform: side(p), record: side(r), similarity: Math.round(similarity * 100) / 100 });
    }
  }
  return found.sort((a, b) => a.platform.id - b.platform.id || a.record.id - b.record.id);
}

/** The platform's part of the review of (region, period); the caller has authorised the reader. */
export async function platformReview(
  db: Kysely<DB>,
  region: string,
  period: string,
  sub: SubmissionRow | undefined,
): Promise<PlatformReview> {
  const monthly = parsePeriod(period)?.kind === 'month';
  const own = monthly
    ? await db
        .selectFrom('activity')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('hours').as('hours')])
        .where('region', '=', region)
        .where('period', '=', period)
        .where('source', '=', 'platform')
        .executeTakeFirst()
    : undefined;
  const empty = { volunteers: 0, gender: [], ageBand: [], employment: [] };
  const [platform, rfo, duplicates] = await Promise.all([
    monthly ? platformVolunteers(db, region, period) : Promise.resolve(empty),
    rfoVolunteers(db, region, period),
    monthly ? duplicatesOf(db, region, period) : Promise.resolve([]),
  ]);
  return {
    records: Number(own?.n ?? 0),
    hours: Math.round(Number(own?.hours ?? 0) * 100) / 100,
    restatedAt: sub?.restated_at ?? null,
    restatedAfter: restatedAfter(sub),
    secondSource: { platform, rfo },
    duplicates,
  };
}

/**
 * The front office's answer to a flag: the platform's record and its own are not the same event.
 * Stored (the flag does not come back) and audited on the front office's record. Allowed while the
 * month is submitted or accepted too: it changes no figure.
 */
export async function markNotDuplicate(
  db: Kysely<DB>,
  user: SessionUser,
  body: { platformRecord: number; record: number },
) {
  authorize(user, 'platform.duplicates.resolve');
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('activity')
      .select(['id', 'region', 'period', 'source', 'row_key'])
      .where('id', 'in', [body.platformRecord, body.record])
      .execute();
    const p = rows.find((r) => Number(r.id) === body.platformRecord);
    const r = rows.find((x) => Number(x.id) === body.record);
    if (!p) throw notFound(`No activity ${body.platformRecord}`);
    if (!r) throw notFound(`No activity ${body.record}`);
    authorize(user, 'platform.duplicates.resolve', { region: r.region });
    authorize(user, 'platform.duplicates.resolve', { region: p.region });
    if (p.source !== 'platform' || r.source === 'platform' || p.region !== r.region || p.period !== r.period)
      throw conflict(
        `Activity ${body.platformRecord} is not a record of the platform of the same region and month as record ${body.record}`,
        [{ rule: 'not_a_duplicate_pair', platformRecord: body.platformRecord, record: body.record }],
        'not_a_duplicate_pair',
      );
    const now = new Date().toISOString();
    const had = await trx
      .selectFrom('platform_duplicate_decision')
      .select('decided_at')
      .where('platform_key', '=', p.row_key)
      .where('activity_id', '=', body.record)
      .executeTakeFirst();
    if (had)
      return {
        platformKey: p.row_key,
        record: body.record,
        decision: 'not_duplicate' as const,
        decidedAt: had.decided_at,
      };
    await trx
      .insertInto('platform_duplicate_decision')
      .values({
        region: r.region,
        period: r.period,
        platform_key: p.row_key,
        activity_id: body.record,
        decision: 'not_duplicate',
        decided_by: user.id,
        decided_at: now,
      })
      .execute();
    await writeAudit(
      trx,
      [
        {
          userId: user.id,
          action: 'not_duplicate',
          entity: 'activity',
          entityId: String(body.record),
          newValue: { platformRecord: body.platformRecord, platformKey: p.row_key },
          region: r.region,
          period: r.period,
        },
      ],
      now,
    );
    return {
      platformKey: p.row_key,
      record: body.record,
      decision: 'not_duplicate' as const,
      decidedAt: now,
    };
  });
}
