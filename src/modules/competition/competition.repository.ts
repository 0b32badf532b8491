// The queries of the competition: calls with their quotas and counts, applications with their
// organisation, scores, and the follow-up reports of the winners' grant projects.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export const findCall = (db: Db, id: number) =>
  db.selectFrom('competition_call').selectAll().where('id', '=', id).executeTakeFirst();

export const listCallRows = (db: Db) =>
  db.selectFrom('competition_call').selectAll().orderBy('year', 'desc').execute();

export const quotasOf = (db: Db, callIds: number[]) =>
  db
    .selectFrom('competition_quota')
    .selectAll()
    .where('call_id', 'in', callIds.length ? callIds : [-1])
    .orderBy('region')
    .execute();

/** Applications per call and region, winners and the money they won. */
export async function applicationCounts(db: Db, callIds: number[]) {
  const rows = await db
    .selectFrom('competition_application')
    .select((eb) => [
      'call_id',
      'region',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'winner').then(1).else(0).end()).as('winners'),
      eb.fn
        .sum<number>(eb.case().when('status', '=', 'winner').then(eb.ref('budget_kzt')).else(0).end())
        .as('awarded'),
    ])
    .where('call_id', 'in', callIds.length ? callIds : [-1])
    .groupBy(['call_id', 'region'])
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.call_id}|${r.region}`,
      { applications: Number(r.n), winners: Number(r.winners ?? 0), awarded: Number(r.awarded ?? 0) },
    ]),
  );
}

export function applicationsQuery(db: Db) {
  return db
    .selectFrom('competition_application as a')
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .leftJoin('grant_project as p', 'p.application_id', 'a.id')
    .selectAll('a')
    .select(['o.name as org_name', 'o.bin as org_bin', 'p.id as project_id']);
}

export type ApplicationRow = Awaited<ReturnType<ReturnType<typeof applicationsQuery>['execute']>>[number];

export const findApplication = (db: Db, id: number) =>
  applicationsQuery(db).where('a.id', '=', id).executeTakeFirst();

/** The scores given to these applications, by application. */
export async function scoresOf(db: Db, applicationIds: number[]) {
  const rows = await db
    .selectFrom('competition_score')
    .selectAll()
    .where('application_id', 'in', applicationIds.length ? applicationIds : [-1])
    .execute();
  const out = new Map<number, typeof rows>();
  for (const r of rows) out.set(Number(r.application_id), [...(out.get(Number(r.application_id)) ?? []), r]);
  return out;
}

/** The organisation as the eligibility check reads it: its BIN, region and platform status. */
export const applicantOf = (db: Db, organizationId: number) =>
  db
    .selectFrom('organization as o')
    .leftJoin('platform_org as p', 'p.organization_id', 'o.id')
    .select(['o.id', 'o.name', 'o.bin', 'o.region', 'o.type', 'p.status as platform_status'])
    .where('o.id', '=', organizationId)
    .executeTakeFirst();
