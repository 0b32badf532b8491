// The record book's figures per volunteer, for one region and a span of time.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface CandidateRow {
  volunteer_id: number;
  name: string;
  hours: number;
  participations: number;
  organizations: number;
  no_shows: number;
  assessed: number;
  assessment_sum: number | null;
}

/**
 * Volunteers with confirmed hours in the region's opportunities whose shifts started in [from, to):
 * hours, participations, organisers, absences and the sum of their assessments' means. Ordered by
 * the stated rule: hours, then assessment mean (none last), then participations, then the earlier
 * account; `limit` rows. With `volunteerId`, that volunteer's row only (a choice is checked against it).
 */
export async function candidateRows(
  db: Kysely<DB>,
  region: string,
  from: string,
  to: string,
  minHours: number,
  limit: number,
  volunteerId?: number,
): Promise<CandidateRow[]> {
  const attended = sql<number>`case when a.status = 'attended' and a.revoked_at is null then 1 else 0 end`;
  const hours = sql<number>`sum(case when a.status = 'attended' and a.revoked_at is null then a.hours else 0 end)`;
  // A contest upheld takes the assessment out; the mean of its three scores otherwise.
  const score = sql<number>`case when x.id is not null and (x.contest_status is null or x.contest_status <> 'upheld') then (x.reliability + x.skills + x.teamwork) / 3.0 end`;
  const mean = sql<number>`avg(${score})`;
  const rows = await db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
    .innerJoin('volunteer_profile as p', 'p.user_id', 'a.volunteer_id')
    .leftJoin('assessment as x', 'x.application_id', 'a.id')
    .select([
      'a.volunteer_id',
      'p.name',
      hours.as('hours'),
      sql<number>`sum(${attended})`.as('participations'),
      sql<number>`count(distinct case when a.status = 'attended' and a.revoked_at is null then o.organization_id end)`.as(
        'organizations',
      ),
      sql<number>`sum(case when a.status = 'no_show' then 1 else 0 end)`.as('no_shows'),
      sql<number>`count(${score})`.as('assessed'),
      sql<number | null>`sum(${score})`.as('assessment_sum'),
    ])
    .where('o.region', '=', region)
    .where('s.start_at', '>=', from)
    .where('s.start_at', '<', to)
    .where('a.status', 'in', ['attended', 'no_show'])
    .where('p.erased_at', 'is', null)
    .$if(volunteerId !== undefined, (q) => q.where('a.volunteer_id', '=', volunteerId as number))
    .groupBy(['a.volunteer_id', 'p.name'])
    .having(hours, '>', 0)
    .having(hours, '>=', minHours)
    .orderBy(hours, 'desc')
    .orderBy(sql`case when ${mean} is null then 1 else 0 end`)
    .orderBy(mean, 'desc')
    .orderBy(sql`sum(${attended})`, 'desc')
    .orderBy('a.volunteer_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    volunteer_id: Number(r.volunteer_id),
    name: r.name,
    hours: Number(r.hours),
    participations: Number(r.participations),
    organizations: Number(r.organizations),
    no_shows: Number(r.no_shows),
    assessed: Number(r.assessed),
    assessment_sum: r.assessment_sum === null ? null : Number(r.assessment_sum),
  }));
}

/** Each volunteer's confirmed hours by area in the same span, most first. */
export async function candidateAreas(
  db: Kysely<DB>,
  ids: number[],
  region: string,
  from: string,
  to: string,
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
    .select(['a.volunteer_id', 'o.area', (eb) => eb.fn.sum<number>('a.hours').as('h')])
    .where('a.volunteer_id', 'in', ids)
    .where('o.region', '=', region)
    .where('s.start_at', '>=', from)
    .where('s.start_at', '<', to)
    .where('a.status', '=', 'attended')
    .where('a.revoked_at', 'is', null)
    .groupBy(['a.volunteer_id', 'o.area'])
    .execute();
  const sorted = rows
    .map((r) => ({ id: Number(r.volunteer_id), area: r.area, h: Number(r.h) }))
    .sort((a, b) => b.h - a.h || a.area.localeCompare(b.area));
  for (const r of sorted) out.set(r.id, [...(out.get(r.id) ?? []), r.area]);
  return out;
}

export interface OrganizationMonthRow {
  organization_id: number;
  name: string;
  type: string;
  period: string;
  records: number;
  volunteers: number;
  hours: number;
  beneficiaries_reported: number;
}

/**
 * The activity records of the region's organisations in these months (excluded ones left out), per
 * organisation and month; with `organizationId`, that organisation's only.
 */
export async function organizationMonths(
  db: Kysely<DB> | Transaction<DB>,
  region: string,
  months: string[],
  organizationId?: number,
): Promise<OrganizationMonthRow[]> {
  const rows = await db
    .selectFrom('activity as a')
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .select([
      'a.organization_id',
      'o.name',
      'o.type',
      'a.period',
      (eb) => eb.fn.countAll<number>().as('records'),
      (eb) => eb.fn.sum<number>('a.volunteers').as('volunteers'),
      (eb) => eb.fn.sum<number>('a.hours').as('hours'),
      sql<number>`sum(case when a.beneficiaries is not null then 1 else 0 end)`.as('beneficiaries_reported'),
    ])
    .where('a.region', '=', region)
    .where('a.period', 'in', months)
    .where('a.excluded', 'is', null)
    .$if(organizationId !== undefined, (q) => q.where('a.organization_id', '=', organizationId as number))
    .groupBy(['a.organization_id', 'o.name', 'o.type', 'a.period'])
    .execute();
  return rows.map((r) => ({
    organization_id: Number(r.organization_id),
    name: r.name,
    type: r.type,
    period: r.period,
    records: Number(r.records),
    volunteers: Number(r.volunteers),
    hours: Number(r.hours),
    beneficiaries_reported: Number(r.beneficiaries_reported),
  }));
}

/** The region's returns of these months: their deadline and first submission. */
export const monthReturns = (db: Kysely<DB> | Transaction<DB>, region: string, months: string[]) =>
  db
    .selectFrom('submission')
    .select(['period', 'deadline', 'submitted_at'])
    .where('region', '=', region)
    .where('period', 'in', months)
    .execute();
