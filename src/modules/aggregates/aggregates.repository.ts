// Every query of the aggregates: a partition's rows deleted and recomputed from the raw records
// in SQL, the support types and area splits read for the service to shape, the partitions listed;
// and one row's figures moved by a record's contribution (addToRow), for the writes of one record.
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import { executeCompiled } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { COHORT_COLUMNS } from '../../domain/activity-rules.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface Partition {
  region: string;
  period: string;
}

/** The cohorts counted as entered; `general` is what is left of the volunteers when blank. */
export const COUNTED_COHORTS = COHORT_COLUMNS.filter(
  (c): c is Exclude<(typeof COHORT_COLUMNS)[number], 'general'> => c !== 'general',
);

/** The counts agg_area sums per area. */
export const AREA_COUNTS = [...COUNTED_COHORTS, 'volunteers', 'general', 'beneficiaries'] as const;

export async function deletePartition(db: Db, { region, period }: Partition): Promise<void> {
  for (const t of ['agg_activity', 'agg_area', 'agg_rfo_support', 'agg_excluded'] as const) {
    await db.deleteFrom(t).where('region', '=', region).where('period', '=', period).execute();
  }
}

/** agg_activity of the partition: its counted records grouped by area, format, kind and organiser type. */
export async function insertActivityAggregates(db: Db, { region, period }: Partition): Promise<void> {
  // "general" left blank means: everyone not counted in another cohort (FORMATS.md, activities).
  const otherCohorts = sql.join(
    COUNTED_COHORTS.map((c) => sql`coalesce(a.${sql.ref(c)}, 0)`),
    sql` - `,
  );
  await db
    .insertInto('agg_activity')
    .columns([
      'region',
      'period',
      'area',
      'format',
      'kind',
      'org_type',
      'events',
      'volunteers',
      'hours',
      ...COUNTED_COHORTS,
      'general',
      'beneficiaries',
    ])
    .expression(
      db
        .selectFrom('activity as a')
        .innerJoin('organization as o', 'o.id', 'a.organization_id')
        .where('a.region', '=', region)
        .where('a.period', '=', period)
        .where('a.excluded', 'is', null)
        .groupBy(['a.region', 'a.period', 'a.area', 'a.format', 'a.kind', 'o.type'])
        .select((eb) => [
          'a.region',
          'a.period',
          'a.area',
          'a.format',
          'a.kind',
          'o.type',
          eb.fn.countAll<number>().as('events'),
          eb.fn.sum<number>('a.volunteers').as('volunteers'),
          eb.fn.sum<number>('a.hours').as('hours'),
          ...COUNTED_COHORTS.map((c) => sql<number>`coalesce(sum(a.${sql.ref(c)}), 0)`.as(c)),
          sql<number>`coalesce(sum(coalesce(a.general, a.volunteers - ${otherCohorts})), 0)`.as('general'),
          sql<number>`coalesce(sum(a.beneficiaries), 0)`.as('beneficiaries'),
        ]),
    )
    .execute();
}

/** agg_excluded of the partition: the excluded records counted by reason. */
export async function insertExcludedAggregates(db: Db, { region, period }: Partition): Promise<void> {
  await db
    .insertInto('agg_excluded')
    .columns(['region', 'period', 'reason', 'records', 'volunteers', 'hours'])
    .expression(
      db
        .selectFrom('activity as a')
        .where('a.region', '=', region)
        .where('a.period', '=', period)
        .where('a.excluded', 'is not', null)
        .groupBy(['a.region', 'a.period', 'a.excluded'])
        .select((eb) => [
          'a.region',
          'a.period',
          sql<string>`a.excluded`.as('reason'),
          eb.fn.countAll<number>().as('records'),
          eb.fn.sum<number>('a.volunteers').as('volunteers'),
          eb.fn.sum<number>('a.hours').as('hours'),
        ]),
    )
    .execute();
}

/** The counted records of the partition by their support cell (a '|' list, split by the caller). */
export async function supportCells(db: Db, { region, period }: Partition) {
  const rows = await db
    .selectFrom('activity')
    .where('region', '=', region)
    .where('period', '=', period)
    .where('excluded', 'is', null)
    .where('rfo_support', 'is not', null)
    .groupBy('rfo_support')
    .select((eb) => ['rfo_support', eb.fn.countAll<number>().as('n')])
    .execute();
  return rows.map((r) => ({ cell: r.rfo_support ?? '', records: Number(r.n) }));
}

export async function insertSupportAggregates(
  db: Db,
  { region, period }: Partition,
  bySupport: Map<string, number>,
): Promise<void> {
  if (!bySupport.size) return;
  await db
    .insertInto('agg_rfo_support')
    .values([...bySupport].map(([support, events]) => ({ region, period, support, events })))
    .execute();
}

const aggActivityOf = (db: Db, { region, period }: Partition) =>
  db.selectFrom('agg_activity').where('region', '=', region).where('period', '=', period);

/** The partition's agg_activity rows summed per area. */
export async function areaTotals(db: Db, part: Partition) {
  const rows = await aggActivityOf(db, part)
    .groupBy('area')
    .select('area')
    .select((eb) => [
      eb.fn.sum<number>('events').as('events'),
      eb.fn.sum<number>('hours').as('hours'),
      ...AREA_COUNTS.map((c) => eb.fn.sum<number>(c).as(c)),
    ])
    .execute();
  return rows.map((a) => ({
    area: a.area,
    events: Number(a.events),
    hours: Number(a.hours),
    ...(Object.fromEntries(AREA_COUNTS.map((c) => [c, Number(a[c])])) as Record<
      (typeof AREA_COUNTS)[number],
      number
    >),
  }));
}

/** The partition's agg_activity rows summed per area and format (or kind). */
export async function areaSplits(db: Db, part: Partition, dim: 'format' | 'kind') {
  const rows = await aggActivityOf(db, part)
    .groupBy(['area', dim])
    .select((eb) => [
      'area',
      eb.ref(dim).as('code'),
      eb.fn.sum<number>('events').as('events'),
      eb.fn.sum<number>('volunteers').as('volunteers'),
      eb.fn.sum<number>('hours').as('hours'),
    ])
    .orderBy('area')
    .orderBy('code')
    .execute();
  return rows.map((s) => ({
    area: s.area,
    code: s.code,
    events: Number(s.events),
    volunteers: Number(s.volunteers),
    hours: Number(s.hours),
  }));
}

export async function insertAreaRows(db: Db, rows: Insertable<DB['agg_area']>[]): Promise<void> {
  if (rows.length) await db.insertInto('agg_area').values(rows).execute();
}

/** Every partition that has raw rows or aggregate rows: for a full rebuild and its check. */
export async function allPartitions(db: Db): Promise<Partition[]> {
  return db
    .selectFrom('activity')
    .select(['region', 'period'])
    .distinct()
    .union(db.selectFrom('agg_activity').select(['region', 'period']).distinct())
    .union(db.selectFrom('agg_excluded').select(['region', 'period']).distinct())
    .union(db.selectFrom('agg_area').select(['region', 'period']).distinct())
    .execute();
}

// --- one row at a time: the contribution of a record written through the API -----------------

export type AggTable = 'agg_activity' | 'agg_area' | 'agg_excluded' | 'agg_rfo_support';

/** The column that counts a row's records: the row goes when it reaches 0. */
export const COUNT_COLUMN = {
  agg_activity: 'events',
  agg_area: 'events',
  agg_excluded: 'records',
  agg_rfo_support: 'events',
} as const satisfies Record<AggTable, string>;

/** agg_area's splits of a cell that has none yet (see aggregates.service.ts writeAreaRows). */
export const NO_SPLITS = '{"format":{},"kind":{}}';

/**
 * Adds `sums` (negative to subtract) to the row of `key`, creating it when missing, in one
 * statement: `x = x + excluded.x` is atomic, so two transactions adding to the same row (on
 * PostgreSQL) both count, the second waiting for the first's row lock rather than overwriting what
 * it wrote. Returns the row's count afterwards (and agg_area's splits, read under the same lock).
 */
export async function addToRow(
  db: Db,
  table: AggTable,
  key: Record<string, string>,
  sums: Record<string, number>,
): Promise<{ count: number; splits: string | null }> {
  const count = COUNT_COLUMN[table];
  const values: Record<string, string | number> = { ...key, ...sums };
  if (table === 'agg_area') values.splits = NO_SPLITS;
  const columns = Object.keys(values);
  const { rows } = await executeCompiled<Record<string, unknown>>(
    db,
    `addToRow ${table} ${columns.join(',')}`,
    Object.values(values),
    () =>
      (db as Kysely<any>)
        .insertInto(table)
        .values(values)
        .onConflict((oc) =>
          oc
            .columns(Object.keys(key))
            .doUpdateSet((eb) =>
              Object.fromEntries(
                Object.keys(sums).map((c) => [c, eb(eb.ref(`${table}.${c}`), '+', eb.ref(`excluded.${c}`))]),
              ),
            ),
        )
        .returning(table === 'agg_area' ? [count, 'splits'] : [count]),
  );
  const row = rows[0] ?? {};
  return { count: Number(row[count]), splits: table === 'agg_area' ? String(row.splits) : null };
}

/** Deletes the row of `key` when it counts no record any more. */
export async function deleteEmptyRow(db: Db, table: AggTable, key: Record<string, string>): Promise<void> {
  let q = (db as Kysely<any>).deleteFrom(table).where(COUNT_COLUMN[table], '=', 0);
  for (const [k, v] of Object.entries(key)) q = q.where(k, '=', v);
  await q.execute();
}

export async function setAreaSplits(db: Db, key: Record<string, string>, splits: string): Promise<void> {
  const { period, region, area } = key as { period: string; region: string; area: string };
  await executeCompiled(db, 'setAreaSplits', [splits, period, region, area], () =>
    db
      .updateTable('agg_area')
      .set({ splits })
      .where('period', '=', period)
      .where('region', '=', region)
      .where('area', '=', area),
  );
}
