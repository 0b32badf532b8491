// The record book's figures per volunteer, for one region and a span of time.
import { type Kysely, sql } from 'kysely';
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
 * account; `limit` rows.
 */
export async function candidateRows(
  db: Kysely<DB>,
  region: string,
  from: string,
  to: string,
  minHours: number,
  limit: number,
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
