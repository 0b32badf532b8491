// The aggregates the reports read. Every write of activity records calls refreshAggregates for the
// (region, period) partitions it touched, inside the same transaction, so the aggregates are never
// out of date and a report never scans the raw records. A partition is recomputed from its raw rows
// (not adjusted by deltas): the cost is one partition's rows, and the result cannot drift.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  allPartitions,
  areaSplits,
  areaTotals,
  deletePartition,
  insertActivityAggregates,
  insertAreaRows,
  insertExcludedAggregates,
  insertSupportAggregates,
  type Partition,
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
