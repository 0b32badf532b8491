// A round's result from its jurors' scores (the rule: domain/award-result.ts), per nomination, as the
// staff's view, the public page and the volunteer's record book read it.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { rankNominees } from '../../domain/award-result.ts';
import type { BookAward } from './letters.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface NominationRanking {
  nomination: number;
  ranking: {
    nominee: number;
    name: string;
    region: string;
    volunteer: number | null;
    place: number | null;
    shared: boolean;
    total: number | null;
    means: (number | null)[];
    jurors: number;
  }[];
}

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

/** Every nomination's ranking of the rounds (nominations in their order). */
export async function roundRankings(db: Db, roundIds: number[]): Promise<Map<number, NominationRanking[]>> {
  const out = new Map<number, NominationRanking[]>();
  if (roundIds.length === 0) return out;
  const [nominations, nominees, scores] = await Promise.all([
    db
      .selectFrom('award_nomination')
      .selectAll()
      .where('round_id', 'in', roundIds)
      .orderBy('sort')
      .orderBy('id')
      .execute(),
    db.selectFrom('award_nominee').selectAll().where('round_id', 'in', roundIds).orderBy('id').execute(),
    db
      .selectFrom('award_score')
      .select(['nominee_id', 'juror_id', 'criterion', 'score'])
      .where('round_id', 'in', roundIds)
      .execute(),
  ]);
  for (const n of nominations) {
    const criteria = (JSON.parse(n.criteria) as string[]).length;
    const own = nominees.filter((x) => Number(x.nomination_id) === Number(n.id));
    const byId = new Map(own.map((x) => [Number(x.id), x]));
    const ranked = rankNominees(
      criteria,
      own.map((x) => Number(x.id)),
      scores
        .filter((s) => byId.has(Number(s.nominee_id)))
        .map((s) => ({
          nominee: Number(s.nominee_id),
          juror: Number(s.juror_id),
          criterion: Number(s.criterion),
          score: Number(s.score),
        })),
    );
    const list = out.get(Number(n.round_id)) ?? [];
    list.push({
      nomination: Number(n.id),
      ranking: ranked.map((r) => {
        const x = byId.get(r.nominee) as (typeof own)[number];
        return {
          nominee: r.nominee,
          name: x.name,
          region: x.region,
          volunteer: x.volunteer_id === null ? null : Number(x.volunteer_id),
          place: r.place,
          shared: r.shared,
          total: round2(r.total),
          means: r.means.map(round2),
          jurors: r.jurors,
        };
      }),
    });
    out.set(Number(n.round_id), list);
  }
  return out;
}

/** The places (first to third) a volunteer won in published rounds, newest round first. */
export async function publishedPlacesOf(db: Db, volunteerId: number): Promise<BookAward[]> {
  const rounds = await db
    .selectFrom('award_round as r')
    .innerJoin('award_nominee as n', 'n.round_id', 'r.id')
    .select(['r.id', 'r.year', 'r.title'])
    .distinct()
    .where('r.status', '=', 'published')
    .where('n.volunteer_id', '=', volunteerId)
    .execute();
  if (rounds.length === 0) return [];
  const rankings = await roundRankings(
    db,
    rounds.map((r) => Number(r.id)),
  );
  const names = new Map(
    (
      await db
        .selectFrom('award_nomination')
        .select(['id', 'name'])
        .where(
          'round_id',
          'in',
          rounds.map((r) => Number(r.id)),
        )
        .execute()
    ).map((n) => [Number(n.id), n.name]),
  );
  const out: BookAward[] = [];
  for (const r of rounds)
    for (const n of rankings.get(Number(r.id)) ?? [])
      for (const x of n.ranking)
        if (x.volunteer === volunteerId && x.place !== null && x.place <= 3)
          out.push({
            round: Number(r.id),
            year: Number(r.year),
            title: r.title,
            nomination: names.get(n.nomination) ?? '',
            place: x.place,
            resultsUrl: `/awards/results/${r.id}`,
          });
  return out.sort((a, b) => b.year - a.year || a.round - b.round || a.place - b.place);
}
