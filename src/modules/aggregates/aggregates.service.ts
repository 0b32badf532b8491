// The aggregates the reports read, kept up to date inside the transaction of every write of activity
// records, so that they are never out of date and a report never scans the raw records. Two ways:
//  - a write of many records (imports, the demo, an organiser's new type) calls refreshAggregates
//    for the (region, period) partitions it touched: each is recomputed from its raw rows;
//  - a write of one record (the API) calls applyRecordChange with the record before and after: its
//    contribution is subtracted and added row by row (a few single-row upserts), at a cost that does
//    not grow with the partition. The rows come out as a recomputation would write them (a row
//    counting no record is deleted); test/aggregates.incremental.test.ts checks it after random
//    sequences of writes on both databases.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CohortColumn } from '../../domain/activity-rules.ts';
import {
  type AggTable,
  addToRow,
  allPartitions,
  areaSplits,
  areaTotals,
  COUNTED_COHORTS,
  deleteEmptyRow,
  deletePartition,
  insertActivityAggregates,
  insertAreaRows,
  insertExcludedAggregates,
  insertSupportAggregates,
  type Partition,
  setAreaSplits,
  supportCells,
} from './aggregates.repository.ts';

export type { Partition } from './aggregates.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export function uniquePartitions(parts: Iterable<Partition>): Partition[] {
  const seen = new Map<string, Partition>();
  for (const p of parts) seen.set(`${p.region}\u0000${p.period}`, { region: p.region, period: p.period });
  return [...seen.values()];
}

export async function refreshAggregates(db: Db, partitions: Iterable<Partition>): Promise<void> {
  for (const part of uniquePartitions(partitions)) await refreshPartition(db, part);
}

async function refreshPartition(db: Db, part: Partition): Promise<void> {
  await deletePartition(db, part);
  await insertActivityAggregates(db, part);
  await writeAreaRows(db, part);
  await insertExcludedAggregates(db, part);
  // Support types are a '|' list inside a cell: split here rather than in dialect-specific SQL.
  const bySupport = new Map<string, number>();
  for (const { cell, records } of await supportCells(db, part)) {
    for (const s of new Set(cell.split('|').filter(Boolean))) {
      bySupport.set(s, (bySupport.get(s) ?? 0) + records);
    }
  }
  await insertSupportAggregates(db, part, bySupport);
}

/**
 * agg_area, the coarse copy the reports read: the partition's agg_activity rows (just written)
 * summed per area, with the format and kind breakdowns of each area as one JSON column
 * `{"format":{code:[events,volunteers,hours]},"kind":{…}}`. A year's agg_area is a few thousand
 * rows whatever the number of records, and reading it costs one row per area rather than one per
 * (area, format, kind, organisation type). Migration 2026-12-02-004 backfills it the same way.
 */
async function writeAreaRows(db: Db, part: Partition): Promise<void> {
  const totals = await areaTotals(db, part);
  if (!totals.length) return;
  const byArea = new Map<string, { format: Record<string, number[]>; kind: Record<string, number[]> }>();
  for (const a of totals) byArea.set(a.area, { format: {}, kind: {} });
  for (const dim of ['format', 'kind'] as const) {
    for (const s of await areaSplits(db, part, dim)) {
      const cell = byArea.get(s.area);
      if (cell) cell[dim][s.code] = [s.events, s.volunteers, s.hours];
    }
  }
  await insertAreaRows(
    db,
    totals.map((a) => ({
      ...a,
      period: part.period,
      region: part.region,
      splits: JSON.stringify(byArea.get(a.area)),
    })),
  );
}

export async function rebuildAllAggregates(db: Db): Promise<void> {
  await refreshAggregates(db, await allPartitions(db));
}

// --- one record's contribution -------------------------------------------------------------------

/** The fields of a stored activity record the aggregates count, with its organiser's type. */
export type CountedRecord = {
  region: string;
  period: string;
  area: string;
  format: string;
  kind: string;
  org_type: string;
  volunteers: number;
  hours: number;
  beneficiaries: number | null;
  rfo_support: string | null;
  excluded: string | null;
} & Record<CohortColumn, number | null>;

type Splits = Record<'format' | 'kind', Record<string, number[]>>;

/** What a record adds to (or, negated, takes from) one aggregate row. */
interface RowDelta {
  table: AggTable;
  key: Record<string, string>;
  sums: Record<string, number>;
  /** agg_area only: the record's part of the cell's format and kind breakdowns. */
  splits?: Splits;
}

const TABLE_ORDER: AggTable[] = ['agg_activity', 'agg_area', 'agg_excluded', 'agg_rfo_support'];

/** The rows a record counts in, each with what it adds there times `sign` (SQL of the refresh, in TypeScript). */
export function contributionOf(r: CountedRecord, sign: 1 | -1): RowDelta[] {
  const { region, period } = r;
  const volunteers = sign * Number(r.volunteers);
  const hours = sign * Number(r.hours);
  if (r.excluded !== null) {
    return [
      {
        table: 'agg_excluded',
        key: { region, period, reason: r.excluded },
        sums: { records: sign, volunteers, hours },
      },
    ];
  }
  // "general" left blank means: everyone not counted in another cohort (FORMATS.md, activities).
  let others = 0;
  for (const c of COUNTED_COHORTS) others += Number(r[c] ?? 0);
  const sums: Record<string, number> = { events: sign, volunteers, hours };
  for (const c of COUNTED_COHORTS) sums[c] = sign * Number(r[c] ?? 0);
  sums.general = sign * (r.general === null ? Number(r.volunteers) - others : Number(r.general));
  sums.beneficiaries = sign * Number(r.beneficiaries ?? 0);
  const part = [sign, volunteers, hours];
  const rows: RowDelta[] = [
    {
      table: 'agg_activity',
      key: { region, period, area: r.area, format: r.format, kind: r.kind, org_type: r.org_type },
      sums,
    },
    {
      table: 'agg_area',
      key: { period, region, area: r.area },
      sums,
      splits: { format: { [r.format]: part }, kind: { [r.kind]: [...part] } },
    },
  ];
  for (const support of new Set((r.rfo_support ?? '').split('|').filter(Boolean))) {
    rows.push({ table: 'agg_rfo_support', key: { region, period, support }, sums: { events: sign } });
  }
  return rows;
}

const addInto = (into: Record<string, number[]>, from: Record<string, number[]>) => {
  for (const [code, v] of Object.entries(from)) {
    const have = into[code] ?? [0, 0, 0];
    into[code] = have.map((x, i) => x + (v[i] ?? 0));
  }
};
const isZero = (xs: Iterable<number>) => [...xs].every((x) => x === 0);

/**
 * The net change of `before` → `after` (either null for a create or a delete) per aggregate row,
 * rows that do not change left out, in one fixed order (table, then key): two transactions on
 * PostgreSQL then lock the rows they share in the same order and cannot deadlock on them.
 */
export function netChange(before: CountedRecord | null, after: CountedRecord | null): RowDelta[] {
  const byRow = new Map<string, RowDelta>();
  const deltas = [...(before ? contributionOf(before, -1) : []), ...(after ? contributionOf(after, 1) : [])];
  for (const d of deltas) {
    const id = JSON.stringify([d.table, ...Object.values(d.key)]);
    const have = byRow.get(id);
    if (!have) {
      byRow.set(id, {
        ...d,
        sums: { ...d.sums },
        ...(d.splits ? { splits: { format: { ...d.splits.format }, kind: { ...d.splits.kind } } } : {}),
      });
      continue;
    }
    for (const [c, v] of Object.entries(d.sums)) have.sums[c] = (have.sums[c] ?? 0) + v;
    if (have.splits && d.splits) {
      addInto(have.splits.format, d.splits.format);
      addInto(have.splits.kind, d.splits.kind);
    }
  }
  const changed = [...byRow.entries()].filter(([, d]) => {
    const splitsZero =
      !d.splits ||
      [...Object.values(d.splits.format), ...Object.values(d.splits.kind)].every((v) => isZero(v));
    return !(isZero(Object.values(d.sums)) && splitsZero);
  });
  changed.sort(
    ([a, x], [b, y]) =>
      TABLE_ORDER.indexOf(x.table) - TABLE_ORDER.indexOf(y.table) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return changed.map(([, d]) => d);
}

/** agg_area's splits after a change; null when they do not add up (the aggregates were not current). */
function changedSplits(stored: string, delta: Splits): string | null {
  let cell: Splits;
  try {
    cell = JSON.parse(stored) as Splits;
  } catch {
    return null;
  }
  const out: Splits = { format: {}, kind: {} };
  for (const dim of ['format', 'kind'] as const) {
    const codes = { ...(cell[dim] ?? {}) };
    addInto(codes, delta[dim]);
    // Sorted like the refresh's ORDER BY code; a code counting no record is left out, as there.
    for (const code of Object.keys(codes).sort()) {
      const v = codes[code] as number[];
      if ((v[0] ?? 0) < 0) return null;
      if ((v[0] ?? 0) > 0) out[dim][code] = v;
    }
  }
  return JSON.stringify(out);
}

/**
 * Moves the aggregates by one record's change, in the caller's transaction: `before` is the record
 * as it was counted (null for a new one), `after` as it now is (null once deleted), each with the
 * organiser type the aggregates count it under. A row that would go below zero means the aggregates
 * were not current for that partition: it is then recomputed from its raw rows instead.
 */
export async function applyRecordChange(
  db: Db,
  before: CountedRecord | null,
  after: CountedRecord | null,
): Promise<void> {
  const broken: Partition[] = [];
  for (const d of netChange(before, after)) {
    const { count, splits } = await addToRow(db, d.table, d.key, d.sums);
    const part = { region: d.key.region as string, period: d.key.period as string };
    if (count < 0) broken.push(part);
    else if (count === 0) await deleteEmptyRow(db, d.table, d.key);
    else if (d.splits && splits !== null) {
      const next = changedSplits(splits, d.splits);
      if (next === null) broken.push(part);
      else if (next !== splits) await setAreaSplits(db, d.key, next);
    }
  }
  if (broken.length) await refreshAggregates(db, broken);
}
