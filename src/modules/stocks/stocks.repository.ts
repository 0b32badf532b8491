// Queries of the stocks of a region and period: volunteer_stat (unique volunteers by dimension and
// category) and org_count (volunteer NPOs and initiative groups).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { OrgCounts, VolunteerStocks } from './stocks.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A region's month, half-year or year. */
interface At {
  region: string;
  period: string;
}

export interface VolunteerKey extends At {
  dimension: string;
  category: string;
}

const DIMENSIONS = ['total', 'gender', 'age_band', 'employment'];
const rank = (d: string) => (DIMENSIONS.includes(d) ? DIMENSIONS.indexOf(d) : DIMENSIONS.length);

/** The volunteer figures in dimension order; updatedAt the latest save, null when nothing was entered. */
export async function readVolunteers(
  db: Db,
  { region, period }: At,
): Promise<Omit<VolunteerStocks, 'submission'>> {
  const rows = await db
    .selectFrom('volunteer_stat')
    .select(['dimension', 'category', 'volunteers', 'updated_at', 'illustrative'])
    .where('region', '=', region)
    .where('period', '=', period)
    .execute();
  rows.sort((a, b) => rank(a.dimension) - rank(b.dimension) || a.category.localeCompare(b.category));
  const updatedAt = rows.reduce<string | null>(
    (m, r) => (m === null || r.updated_at > m ? r.updated_at : m),
    null,
  );
  return {
    region,
    period,
    updatedAt,
    rows: rows.map((r) => ({
      dimension: r.dimension,
      category: r.category,
      volunteers: r.volunteers === null ? null : Number(r.volunteers),
    })),
    illustrative: rows.some((r) => Number(r.illustrative) === 1),
  };
}

export async function insertVolunteers(db: Db, k: VolunteerKey, volunteers: number | null, at: string) {
  await db
    .insertInto('volunteer_stat')
    .values({ ...k, volunteers, illustrative: 0, updated_at: at })
    .execute();
}

export async function updateVolunteers(db: Db, k: VolunteerKey, volunteers: number | null, at: string) {
  await db
    .updateTable('volunteer_stat')
    .set({ volunteers, illustrative: 0, updated_at: at })
    .where('region', '=', k.region)
    .where('period', '=', k.period)
    .where('dimension', '=', k.dimension)
    .where('category', '=', k.category)
    .execute();
}

export async function deleteVolunteers(db: Db, k: VolunteerKey) {
  await db
    .deleteFrom('volunteer_stat')
    .where('region', '=', k.region)
    .where('period', '=', k.period)
    .where('dimension', '=', k.dimension)
    .where('category', '=', k.category)
    .execute();
}

/** Stamps every row of the set with the save's time, so the set's updated_at moves on every change. */
export async function touchVolunteers(db: Db, { region, period }: At, at: string) {
  await db
    .updateTable('volunteer_stat')
    .set({ updated_at: at })
    .where('region', '=', region)
    .where('period', '=', period)
    .execute();
}

export async function readOrgCounts(db: Db, { region, period }: At): Promise<Omit<OrgCounts, 'submission'>> {
  const r = await db
    .selectFrom('org_count')
    .selectAll()
    .where('region', '=', region)
    .where('period', '=', period)
    .executeTakeFirst();
  return {
    region,
    period,
    npo: r?.npo === null || r?.npo === undefined ? null : Number(r.npo),
    initiativeGroups:
      r?.initiative_groups === null || r?.initiative_groups === undefined
        ? null
        : Number(r.initiative_groups),
    updatedAt: r?.updated_at ?? null,
    illustrative: r ? Number(r.illustrative) === 1 : false,
  };
}

export interface OrgCountValues {
  npo: number | null;
  initiativeGroups: number | null;
}

export async function insertOrgCounts(db: Db, { region, period }: At, v: OrgCountValues, at: string) {
  await db
    .insertInto('org_count')
    .values({
      region,
      period,
      npo: v.npo,
      initiative_groups: v.initiativeGroups,
      illustrative: 0,
      updated_at: at,
    })
    .execute();
}

export async function updateOrgCounts(db: Db, { region, period }: At, v: OrgCountValues, at: string) {
  await db
    .updateTable('org_count')
    .set({ npo: v.npo, initiative_groups: v.initiativeGroups, illustrative: 0, updated_at: at })
    .where('region', '=', region)
    .where('period', '=', period)
    .execute();
}
