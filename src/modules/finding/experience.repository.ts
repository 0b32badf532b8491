// Each volunteer's confirmed hours by area (migration 026), summed again from the participations
// whenever hours change (the hours hook), so that the search of findable volunteers reads one row
// per volunteer and area.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The rows of these volunteers in the opportunity's area, summed again. */
export async function refreshExperience(
  trx: Transaction<DB>,
  opportunityId: number,
  volunteers: number[],
): Promise<void> {
  if (volunteers.length === 0) return;
  const opp = await trx
    .selectFrom('opportunity')
    .select('area')
    .where('id', '=', opportunityId)
    .executeTakeFirst();
  if (!opp) return;
  const ids = [...new Set(volunteers)];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    await trx
      .deleteFrom('volunteer_experience')
      .where('area', '=', opp.area)
      .where('volunteer_id', 'in', part)
      .execute();
    await trx
      .insertInto('volunteer_experience')
      .columns(['volunteer_id', 'area', 'hours', 'participations', 'region'])
      .expression((eb) =>
        eb
          .selectFrom('application as a')
          .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
          .leftJoin('volunteer_profile as p', 'p.user_id', 'a.volunteer_id')
          .select([
            'a.volunteer_id',
            'o.area',
            (e) => e.fn.sum<number>('a.hours').as('hours'),
            (e) => e.fn.countAll<number>().as('participations'),
            (e) => e.fn.max('p.region').as('region'),
          ])
          .where('a.volunteer_id', 'in', part)
          .where('o.area', '=', opp.area)
          .where('a.status', '=', 'attended')
          .where('a.revoked_at', 'is', null)
          .groupBy(['a.volunteer_id', 'o.area']),
      )
      .execute();
  }
}

/** The region copied onto the volunteer's rows when his profile's changes. */
export async function moveExperience(
  db: Kysely<DB> | Transaction<DB>,
  volunteerId: number,
  region: string | null,
): Promise<void> {
  await db
    .updateTable('volunteer_experience')
    .set({ region })
    .where('volunteer_id', '=', volunteerId)
    .execute();
}

/** Every row summed again from all participations (bulk loads: bench:platform). */
export async function rebuildExperience(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('volunteer_experience').execute();
  await sql`
    insert into volunteer_experience (volunteer_id, area, hours, participations, region)
    select a.volunteer_id, o.area, sum(a.hours), count(*), max(p.region)
    from application a
      join opportunity o on o.id = a.opportunity_id
      left join volunteer_profile p on p.user_id = a.volunteer_id
    where a.status = 'attended' and a.revoked_at is null
    group by a.volunteer_id, o.area`.execute(db);
}
