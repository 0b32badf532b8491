// The queries of the national award rounds (migration 029): rounds, nominations, nominees, jurors,
// conflicts of interest and scores.
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { AwardRoundTable, DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type RoundRow = NonNullable<Awaited<ReturnType<typeof roundById>>>;

export const roundById = (db: Db, id: number) =>
  db.selectFrom('award_round').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Locks the round's row for the rest of the transaction (PostgreSQL's row lock; SQLite writes one
 * transaction at a time): a write that waits for it then reads the round as the other left it.
 */
export const lockRound = (trx: Transaction<DB>, id: number) =>
  trx
    .updateTable('award_round')
    .set((eb) => ({ kind: eb.ref('kind') }))
    .where('id', '=', id)
    .execute();

export const roundOfYear = (db: Db, year: number) =>
  db
    .selectFrom('award_round')
    .select('id')
    .where('kind', '=', 'volunteer_of_year')
    .where('year', '=', year)
    .executeTakeFirst();

export async function insertRound(
  db: Db,
  round: Insertable<AwardRoundTable>,
  nominations: { scope: 'domestic' | 'international'; name: string; criteria: string[] }[],
): Promise<number> {
  const { id } = await db.insertInto('award_round').values(round).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('award_nomination')
    .values(
      nominations.map((n, i) => ({
        round_id: Number(id),
        scope: n.scope,
        name: n.name,
        criteria: JSON.stringify(n.criteria),
        sort: i,
      })),
    )
    .execute();
  return Number(id);
}

/** Moves the round on from `from` only: whether it moved. */
export async function moveRoundRow(
  db: Db,
  id: number,
  from: AwardRoundTable['status'],
  values: Updateable<AwardRoundTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('award_round')
    .set(values)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const accountOf = (db: Db, userId: number) =>
  db
    .selectFrom('app_user')
    .select(['id', 'role', 'display_name', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();

export async function jurorIds(db: Db, roundId: number): Promise<number[]> {
  const rows = await db.selectFrom('award_juror').select('user_id').where('round_id', '=', roundId).execute();
  return rows.map((r) => Number(r.user_id));
}

export const juryOf = (db: Db, roundId: number) =>
  db
    .selectFrom('award_juror')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('seated_at')
    .orderBy('user_id')
    .execute();

/** Seats a juror, or renames one seated already. */
export async function seatJurorRow(db: Db, roundId: number, userId: number, name: string, now: string) {
  const seated = await db
    .selectFrom('award_juror')
    .select('user_id')
    .where('round_id', '=', roundId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (seated)
    await db
      .updateTable('award_juror')
      .set({ name })
      .where('round_id', '=', roundId)
      .where('user_id', '=', userId)
      .execute();
  else
    await db
      .insertInto('award_juror')
      .values({ round_id: roundId, user_id: userId, name, seated_at: now })
      .execute();
}

/** The rounds a juror sits on. */
export async function roundsOfJuror(db: Db, userId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('award_juror').select('round_id').where('user_id', '=', userId).execute();
  return new Set(rows.map((r) => Number(r.round_id)));
}

export const nominationOf = (db: Db, roundId: number, nominationId: number) =>
  db
    .selectFrom('award_nomination')
    .select('id')
    .where('id', '=', nominationId)
    .where('round_id', '=', roundId)
    .executeTakeFirst();

export const nominationsOf = (db: Db, roundId: number) =>
  db
    .selectFrom('award_nomination')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('sort')
    .orderBy('id')
    .execute();

export const volunteerNameOf = (db: Db, volunteerId: number) =>
  db
    .selectFrom('volunteer_profile')
    .select(['name', 'erased_at', 'region'])
    .where('user_id', '=', volunteerId)
    .executeTakeFirst();

/** Whether the volunteer has confirmed hours (not revoked) in the region's opportunities. */
export async function hasHoursIn(db: Db, volunteerId: number, region: string): Promise<boolean> {
  const row = await db
    .selectFrom('application as a')
    .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
    .select('a.id')
    .where('a.volunteer_id', '=', volunteerId)
    .where('o.region', '=', region)
    .where('a.status', '=', 'attended')
    .where('a.revoked_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export const nomineeOfVolunteer = (db: Db, nominationId: number, volunteerId: number) =>
  db
    .selectFrom('award_nominee')
    .select('id')
    .where('nomination_id', '=', nominationId)
    .where('volunteer_id', '=', volunteerId)
    .executeTakeFirst();

export async function insertNominee(db: Db, values: Insertable<DB['award_nominee']>): Promise<number> {
  const { id } = await db
    .insertInto('award_nominee')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** A nominee of the round with its nomination's criteria. */
export const nomineeWithCriteria = (db: Db, roundId: number, nomineeId: number) =>
  db
    .selectFrom('award_nominee as n')
    .innerJoin('award_nomination as m', 'm.id', 'n.nomination_id')
    .select(['n.id', 'n.name', 'm.criteria'])
    .where('n.id', '=', nomineeId)
    .where('n.round_id', '=', roundId)
    .executeTakeFirst();

export const nomineesOf = (db: Db, roundId: number) =>
  db.selectFrom('award_nominee').selectAll().where('round_id', '=', roundId).orderBy('id').execute();

export const conflictOf = (db: Db, jurorId: number, nomineeId: number) =>
  db
    .selectFrom('award_conflict')
    .select('declared_at')
    .where('juror_id', '=', jurorId)
    .where('nominee_id', '=', nomineeId)
    .executeTakeFirst();

export const insertConflict = (db: Db, values: Insertable<DB['award_conflict']>) =>
  db.insertInto('award_conflict').values(values).execute();

export const conflictsOf = (db: Db, roundId: number) =>
  db
    .selectFrom('award_conflict')
    .select(['nominee_id', 'juror_id'])
    .where('round_id', '=', roundId)
    .execute();

/** Takes a juror's scores of a nominee out (his conflict of interest): how many. */
export async function deleteScoresOf(db: Db, jurorId: number, nomineeId: number): Promise<number> {
  const r = await db
    .deleteFrom('award_score')
    .where('juror_id', '=', jurorId)
    .where('nominee_id', '=', nomineeId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A juror's score of a nominee on a criterion, replacing the earlier one. */
export async function putScore(db: Db, s: Insertable<DB['award_score']>) {
  await db
    .deleteFrom('award_score')
    .where('nominee_id', '=', s.nominee_id)
    .where('juror_id', '=', s.juror_id)
    .where('criterion', '=', s.criterion)
    .execute();
  await db.insertInto('award_score').values(s).execute();
}

export const scoresOf = (db: Db, roundId: number) =>
  db
    .selectFrom('award_score')
    .select(['nominee_id', 'juror_id', 'criterion', 'score'])
    .where('round_id', '=', roundId)
    .execute();

/** The rounds with their counts of nominees and jurors (only `ids` when given), newest first. */
export const roundListRows = (db: Db, ids?: number[]) =>
  db
    .selectFrom('award_round as r')
    .select([
      'r.id',
      'r.year',
      'r.title',
      'r.status',
      'r.illustrative',
      (eb) =>
        eb
          .selectFrom('award_nominee as n')
          .select((e) => e.fn.countAll<number>().as('c'))
          .whereRef('n.round_id', '=', 'r.id')
          .as('nominees'),
      (eb) =>
        eb
          .selectFrom('award_juror as j')
          .select((e) => e.fn.countAll<number>().as('c'))
          .whereRef('j.round_id', '=', 'r.id')
          .as('jurors'),
    ])
    .$if(ids !== undefined, (q) => q.where('r.id', 'in', ids?.length ? ids : [-1]))
    .orderBy('r.year', 'desc')
    .orderBy('r.id', 'desc')
    .execute();

export const publishedRoundRows = (db: Db) =>
  db
    .selectFrom('award_round')
    .select(['id', 'year', 'title', 'published_at', 'illustrative'])
    .where('status', '=', 'published')
    .orderBy('year', 'desc')
    .orderBy('id', 'desc')
    .execute();
