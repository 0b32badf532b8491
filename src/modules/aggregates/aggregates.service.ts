// The aggregates the reports read. Every write of activity records calls refreshAggregates for the
// (region, period) partitions it touched, inside the same transaction, so the aggregates are never
// out of date and a report never scans the raw records. A partition is recomputed from its raw rows
// (not adjusted by deltas): the cost is one partition's rows, and the result cannot drift.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface Partition {
  region: string;
  period: string;
}

type Db = Kysely<DB> | Transaction<DB>;

const COHORTS = ['child', 'inclusive', 'corporate', 'international', 'silver', 'probono'] as const;

export function uniquePartitions(parts: Iterable<Partition>): Partition[] {
  const seen = new Map<string, Partition>();
  for (const p of parts) seen.set(`${p.region}\u0000${p.period}`, { region: p.region, period: p.period });
  return [...seen.values()];
}

export async function refreshAggregates(db: Db, partitions: Iterable<Partition>): Promise<void> {
  for (const { region, period } of uniquePartitions(partitions)) {
    await refreshPartition(db, region, period);
  }
}

async function refreshPartition(db: Db, region: string, period: string): Promise<void> {
  for (const t of ['agg_activity', 'agg_rfo_support', 'agg_excluded'] as const) {
    await db.deleteFrom(t).where('region', '=', region).where('period', '=', period).execute();
  }
  // "general" left blank means: everyone not counted in another cohort (FORMATS.md, activities).
  const otherCohorts = sql.join(
    COHORTS.map((c) => sql`coalesce(a.${sql.ref(c)}, 0)`),
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
      ...COHORTS,
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
          ...COHORTS.map((c) => sql<number>`coalesce(sum(a.${sql.ref(c)}), 0)`.as(c)),
          sql<number>`coalesce(sum(coalesce(a.general, a.volunteers - ${otherCohorts})), 0)`.as('general'),
          sql<number>`coalesce(sum(a.beneficiaries), 0)`.as('beneficiaries'),
        ]),
    )
    .execute();
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
  // Support types are a '|' list inside a cell: split here rather than in dialect-specific SQL.
  const support = await db
    .selectFrom('activity')
    .where('region', '=', region)
    .where('period', '=', period)
    .where('excluded', 'is', null)
    .where('rfo_support', 'is not', null)
    .groupBy('rfo_support')
    .select((eb) => ['rfo_support', eb.fn.countAll<number>().as('n')])
    .execute();
  const bySupport = new Map<string, number>();
  for (const row of support) {
    for (const s of new Set((row.rfo_support ?? '').split('|').filter(Boolean))) {
      bySupport.set(s, (bySupport.get(s) ?? 0) + Number(row.n));
    }
  }
  if (bySupport.size) {
    await db
      .insertInto('agg_rfo_support')
      .values([...bySupport].map(([s, events]) => ({ region, period, support: s, events })))
      .execute();
  }
}

/** Every partition that has raw rows or aggregate rows: for a full rebuild and its check. */
export async function allPartitions(db: Db): Promise<Partition[]> {
  const rows = await db
    .selectFrom('activity')
    .select(['region', 'period'])
    .distinct()
    .union(db.selectFrom('agg_activity').select(['region', 'period']).distinct())
    .union(db.selectFrom('agg_excluded').select(['region', 'period']).distinct())
    .execute();
  return rows;
}

export async function rebuildAllAggregates(db: Db): Promise<void> {
  await refreshAggregates(db, await allPartitions(db));
}
