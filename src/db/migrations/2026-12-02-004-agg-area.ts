// Frozen in time: later changes go in new migrations.
// A coarser activity aggregate for the reports: agg_area sums agg_activity over format, kind and
// organisation type to one row per (period, region, area), and keeps that cell's format and kind
// breakdowns in one JSON column `splits`, `{"format":{code:[events,volunteers,hours]},"kind":{…}}`
// (the codes come from editable code lists, so they cannot be columns). The reports read these few
// thousand rows instead of every row of agg_activity; agg_area is rewritten with agg_activity in
// the same transaction (modules/aggregates). The key starts with the period so that a year's rows
// are one range of the index; on SQLite the table is WITHOUT ROWID, so that range is the table.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const COUNTS = [
  'volunteers',
  'child',
  'inclusive',
  'corporate',
  'international',
  'silver',
  'probono',
  'general',
  'beneficiaries',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const real = pg ? 'double precision' : 'real';

  let table = db.schema
    .createTable('agg_area')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('events', 'bigint', (c) => c.notNull())
    .addColumn('hours', real, (c) => c.notNull());
  for (const c of COUNTS) table = table.addColumn(c, 'bigint', (col) => col.notNull());
  await table
    .addColumn('splits', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agg_area_pk', ['period', 'region', 'area'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();

  // Backfill from agg_activity: the same sums refreshPartition writes.
  const totals: Record<string, any>[] = await db
    .selectFrom('agg_activity')
    .groupBy(['period', 'region', 'area'])
    .select(['period', 'region', 'area'])
    .select((eb: any) => [
      eb.fn.sum('events').as('events'),
      eb.fn.sum('hours').as('hours'),
      ...COUNTS.map((c) => eb.fn.sum(c).as(c)),
    ])
    .execute();
  const cells = new Map<string, { format: Record<string, number[]>; kind: Record<string, number[]> }>();
  const key = (r: Record<string, any>) => `${r.period}\u0000${r.region}\u0000${r.area}`;
  for (const t of totals) cells.set(key(t), { format: {}, kind: {} });
  for (const dim of ['format', 'kind'] as const) {
    const rows: Record<string, any>[] = await db
      .selectFrom('agg_activity')
      .groupBy(['period', 'region', 'area', dim])
      .select((eb: any) => [
        'period',
        'region',
        'area',
        eb.ref(dim).as('code'),
        eb.fn.sum('events').as('events'),
        eb.fn.sum('volunteers').as('volunteers'),
        eb.fn.sum('hours').as('hours'),
      ])
      .orderBy('code')
      .execute();
    for (const r of rows) {
      const cell = cells.get(key(r));
      if (cell) cell[dim][r.code] = [Number(r.events), Number(r.volunteers), Number(r.hours)];
    }
  }
  const values = totals.map((t) => ({
    period: t.period,
    region: t.region,
    area: t.area,
    events: Number(t.events),
    hours: Number(t.hours),
    ...Object.fromEntries(COUNTS.map((c) => [c, Number(t[c])])),
    splits: JSON.stringify(cells.get(key(t))),
  }));
  for (let i = 0; i < values.length; i += 500) {
    await db
      .insertInto('agg_area')
      .values(values.slice(i, i + 500))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agg_area').execute();
}
