// The aggregates the reports read. Every write of activity records calls refreshAggregates for the
// (region, period) partitions it touched, inside the same transaction, so the aggregates are never
// out of date and a report never scans the raw records. A partition is recomputed from its raw rows
// (not adjusted by deltas): the cost is one partition's rows, and the result cannot drift.
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface Partition {
  region: string;
  period: string;
}

type Db = Kysely<DB> | Transaction<DB>;

const COHORTS = ['child', 'inclusive', 'corporate', 'international', 'silver', 'probono'] as const;

const AREA_COUNTS = [...COHORTS, 'volunteers', 'general', 'beneficiaries'] as const;

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
  for (const t of ['agg_activity', 'agg_area', 'agg_rfo_support', 'agg_excluded'] as const) {
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
  await writeAreaRows(db, region, period);
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

/**
 * agg_area, the coarse copy the reports read: the partition's agg_activity rows (just written)
 * summed per area, with the format and kind breakdowns of each area as one JSON column
 * `{"format":{code:[events,volunteers,hours]},"kind":{…}}`. A year's agg_area is a few thousand
 * rows whatever the number of records, and reading it costs one row per area rather than one per
 * (area, format, kind, organisation type). Migration 2026-12-02-004 backfills it the same way.
 */
async function writeAreaRows(db: Db, region: string, period: string): Promise<void> {
  const part = () => db.selectFrom('agg_activity').where('region', '=', region).where('period', '=', period);
  const totals = await part()
    .groupBy('area')
    .select('area')
    .select((eb) => [
      eb.fn.sum<number>('events').as('events'),
      eb.fn.sum<number>('hours').as('hours'),
      ...AREA_COUNTS.map((c) => eb.fn.sum<number>(c).as(c)),
    ])
    .execute();
  if (!totals.length) return;
  const splits: { area: string; code: string; events: number; volunteers: number; hours: number }[][] = [];
  for (const dim of ['format', 'kind'] as const) {
    splits.push(
      await part()
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
        .execute(),
    );
  }
  const byArea = new Map<string, { format: Record<string, number[]>; kind: Record<string, number[]> }>();
  for (const a of totals) byArea.set(a.area, { format: {}, kind: {} });
  (['format', 'kind'] as const).forEach((dim, i) => {
    for (const s of splits[i] ?? []) {
      const cell = byArea.get(s.area);
      if (cell) cell[dim][s.code] = [Number(s.events), Number(s.volunteers), Number(s.hours)];
    }
  });
  await db
    .insertInto('agg_area')
    .values(
      totals.map((a) => ({
        period,
        region,
        area: a.area,
        events: Number(a.events),
        hours: Number(a.hours),
        ...Object.fromEntries(AREA_COUNTS.map((c) => [c, Number(a[c])])),
        splits: JSON.stringify(byArea.get(a.area)),
      })) as Insertable<DB['agg_area']>[],
    )
    .execute();
}

/** Every partition that has raw rows or aggregate rows: for a full rebuild and its check. */
export async function allPartitions(db: Db): Promise<Partition[]> {
  const rows = await db
    .selectFrom('activity')
    .select(['region', 'period'])
    .distinct()
    .union(db.selectFrom('agg_activity').select(['region', 'period']).distinct())
    .union(db.selectFrom('agg_excluded').select(['region', 'period']).distinct())
    .union(db.selectFrom('agg_area').select(['region', 'period']).distinct())
    .execute();
  return rows;
}

export async function rebuildAllAggregates(db: Db): Promise<void> {
  await refreshAggregates(db, await allPartitions(db));
}
