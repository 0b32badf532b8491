// The queries of the link between the platform and the statistics: the confirmed hours of an
// opportunity in a month, its record's row, the platform's active volunteers of a region-month, the
// probable duplicates' candidates and the decisions about them, and the platform's public figures.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { kzMonth } from '../../domain/platform-cohort.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The UTC instants a month of Kazakhstan time (UTC+5) runs between: [from, to). */
export function kzMonthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return {
    from: new Date(`${month}-01T00:00:00+05:00`).toISOString(),
    to: new Date(`${next}-01T00:00:00+05:00`).toISOString(),
  };
}

/** The opportunity with its organiser, as its records name it. */
export async function opportunityWithOrganizer(db: Db, id: number) {
  const r = await db
    .selectFrom('opportunity as op')
    .innerJoin('organization as o', 'o.id', 'op.organization_id')
    .select([
      'op.id',
      'op.title',
      'op.area',
      'op.region',
      'op.format',
      'op.organization_id',
      'o.name as org_name',
      'o.type as org_type',
      'o.bin as org_bin',
    ])
    .where('op.id', '=', id)
    .executeTakeFirst();
  return (
    r && {
      id: Number(r.id),
      title: r.title,
      area: r.area,
      region: r.region,
      format: r.format,
      organizationId: Number(r.organization_id),
      organizer: { id: Number(r.organization_id), name: r.org_name, type: r.org_type, bin: r.org_bin },
    }
  );
}

export interface ConfirmedRow {
  volunteerId: number;
  shiftId: number;
  startAt: string;
  hours: number;
  cohort: string | null;
  gender: string | null;
  ageBand: string | null;
  employment: string | null;
}

const toConfirmed = (r: {
  volunteer_id: number;
  shift_id: number;
  start_at: string;
  hours: number | null;
  cohort: string | null;
  gender: string | null;
  age_band: string | null;
  employment: string | null;
}): ConfirmedRow => ({
  volunteerId: Number(r.volunteer_id),
  shiftId: Number(r.shift_id),
  startAt: r.start_at,
  hours: Number(r.hours ?? 0),
  cohort: r.cohort,
  gender: r.gender,
  ageBand: r.age_band,
  employment: r.employment,
});

const CONFIRMED_COLUMNS = [
  'a.volunteer_id',
  'a.shift_id',
  's.start_at',
  'a.hours',
  'a.cohort',
  'a.gender',
  'a.age_band',
  'a.employment',
] as const;

/** The confirmed hours (attended, not revoked) of an opportunity's shifts that start in the month: one query. */
export async function confirmedOfOpportunity(db: Db, opportunityId: number, month: string) {
  const { from, to } = kzMonthRange(month);
  const rows = await db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .select(CONFIRMED_COLUMNS)
    .where('a.opportunity_id', '=', opportunityId)
    .where('a.status', '=', 'attended')
    .where('a.revoked_at', 'is', null)
    .where('s.start_at', '>=', from)
    .where('s.start_at', '<', to)
    .execute();
  return rows.map(toConfirmed);
}

/** The confirmed hours of every opportunity of a region in the month (the platform's active volunteers). */
export async function confirmedOfRegion(db: Db, region: string, month: string) {
  const { from, to } = kzMonthRange(month);
  const rows = await db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .innerJoin('opportunity as op', 'op.id', 'a.opportunity_id')
    .select(CONFIRMED_COLUMNS)
    .where('op.region', '=', region)
    .where('a.status', '=', 'attended')
    .where('a.revoked_at', 'is', null)
    .where('s.start_at', '>=', from)
    .where('s.start_at', '<', to)
    .execute();
  return rows.map(toConfirmed);
}

/** The platform's record of a row key (in whichever region it is), with what its change needs. */
export async function findByRowKey(db: Db, rowKey: string) {
  const r = await db
    .selectFrom('activity')
    .select(['id', 'region', 'period'])
    .where('row_key', '=', rowKey)
    .where('source', '=', 'platform')
    .executeTakeFirst();
  return r && { id: Number(r.id), region: r.region, period: r.period };
}

/** The figures of a region-month as the aggregates hold them (records, volunteers, hours). */
export async function partitionTotals(db: Db, region: string, period: string) {
  const r = await db
    .selectFrom('agg_activity')
    .select((eb) => [
      eb.fn.sum<number>('events').as('events'),
      eb.fn.sum<number>('volunteers').as('volunteers'),
      eb.fn.sum<number>('hours').as('hours'),
    ])
    .where('region', '=', region)
    .where('period', '=', period)
    .executeTakeFirst();
  return {
    events: Number(r?.events ?? 0),
    volunteers: Number(r?.volunteers ?? 0),
    hours: Math.round(Number(r?.hours ?? 0) * 100) / 100,
  };
}

export async function markRestated(db: Db, id: number, now: string) {
  await db.updateTable('submission').set({ restated_at: now }).where('id', '=', id).execute();
}

/** The months an opportunity has a platform record in, or confirmed hours (Kazakhstan time). */
export async function monthsOfOpportunity(db: Db, opportunityId: number): Promise<string[]> {
  const [records, shifts] = await Promise.all([
    db
      .selectFrom('activity')
      .select('period')
      .where('source', '=', 'platform')
      .where('row_key', 'like', `platform:${opportunityId}:%`)
      .execute(),
    db
      .selectFrom('application as a')
      .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
      .select('s.start_at')
      .distinct()
      .where('a.opportunity_id', '=', opportunityId)
      .where('a.status', '=', 'attended')
      .execute(),
  ]);
  const months = new Set(records.map((r) => r.period));
  for (const s of shifts) months.add(kzMonth(s.start_at));
  return [...months].sort();
}
