// The smaller kinds: validated in full (files of a few thousand rows), then upserted row by row by
// their key. Each kind (kinds/*.ts) says how a row is validated, where it is stored, what keys it,
// what tells an unchanged row from an updated one, and how the API audits its rows: an import writes
// the same entries for every row it inserts or changes (kind-trail.ts).

import type { DB } from '../../../db/schema.ts';
import type { Problem } from '../../../domain/activity-rules.ts';
import type { ReferenceSnapshot } from '../../../domain/reference.ts';
import type { ImportContext } from '../context.ts';
import { findStoredRow, insertStoredRow, updateStoredRow } from '../imports.repository.ts';
import { ProblemList } from '../problems.ts';
import { forEachRecord } from '../records.ts';
import { RowKeys } from '../row-keys.ts';
import { ScopeGuard } from '../scope-guard.ts';
import { type Counts, emptyCounts } from '../tally.ts';
import { type Change, type KindAudit, KindTrail } from './kind-trail.ts';

type Value = Record<string, unknown>;
interface KindRow {
  row: number;
  value: Value;
}

export interface SmallKind {
  validate(raw: Value, ref: ReferenceSnapshot, row: number): { value: Value | null; problems: Problem[] };
  table: keyof DB;
  key: string[];
  /** Columns compared to tell an unchanged row from an updated one. */
  compare: string[];
  /** Extra columns written on insert only / on every write. */
  onInsert?: (now: string) => Value;
  onWrite?: (now: string) => Value;
  /** Monthly data: scope and submission lock by region and period. */
  partitioned?: boolean;
  /** Kinds keyed by external id or content hash. */
  rowKey?: (v: Value) => string[];
  /** Rules across the rows of the file; a kind that has them reports a key given twice itself. */
  checkFile?: (rows: KindRow[], ref: ReferenceSnapshot) => Problem[];
  /** The entries the API writes for a change of the kind's rows. */
  audit: KindAudit;
}

export async function importSmallKind(ctx: ImportContext, spec: SmallKind): Promise<Counts> {
  const guard = new ScopeGuard(ctx.actor, !!ctx.opts.allowClosed);
  const problems = new ProblemList();
  const rows = await collectRows(ctx, spec, guard, problems);
  guard.throwIfAny(problems);
  if (spec.partitioned) {
    for (const r of rows)
      await guard.partition(ctx.tx.db, r.value.region as string, r.value.period as string);
    guard.throwIfAny(problems);
  }
  return writeRows(ctx, spec, rows);
}

/** The valid rows of the file; the problems of the others go into `problems`. */
async function collectRows(
  ctx: ImportContext,
  spec: SmallKind,
  guard: ScopeGuard,
  problems: ProblemList,
): Promise<KindRow[]> {
  const rows: KindRow[] = [];
  const keys = new RowKeys();
  const seenKeys = new Map<string, number>();
  await forEachRecord(ctx.info, ctx.opts.kind, async (records) => {
    for (const { row, raw, problems: shape } of records) {
      if (shape) {
        problems.add(shape);
        continue;
      }
      const { value, problems: ps } = spec.validate(raw, ctx.ref, row);
      if (!value) {
        problems.add(ps);
        continue;
      }
      if (spec.rowKey) {
        const ext = value.external_id as string | null | undefined;
        value.row_key = ext ? ext : keys.key(spec.rowKey(value).join('\u0001'));
      }
      if (spec.partitioned) guard.region(value.region as string);
      const k = spec.key.map((c) => String(value[c])).join('|');
      const first = seenKeys.get(k);
      if (first !== undefined && !spec.checkFile) {
        problems.add([duplicate(spec, row, k, first)]);
        continue;
      }
      seenKeys.set(k, row);
      rows.push({ row, value });
    }
    ctx.opts.progress?.(rows.length);
  });
  if (spec.checkFile) problems.add(spec.checkFile(rows, ctx.ref));
  return rows;
}

const duplicate = (spec: SmallKind, row: number, k: string, first: number): Problem => ({
  row,
  column: spec.key.join(','),
  value: k,
  rule: 'duplicate',
  message: `the same ${spec.key.join(', ')} as row ${first}`,
});

async function writeRows(ctx: ImportContext, spec: SmallKind, rows: KindRow[]): Promise<Counts> {
  const now = new Date().toISOString();
  const counts = emptyCounts(ctx.importId);
  counts.rows = rows.length;
  const trail = new KindTrail(ctx, spec.audit, now);
  for (const { value } of rows) {
    const part = counts.parts.get(
      typeof value.region === 'string' ? value.region : null,
      value.period != null ? String(value.period) : value.year != null ? String(value.year) : null,
    );
    part.rows++;
    const outcome = await upsertRow(ctx, spec, value, now, trail);
    if (outcome === 'inserted') {
      counts.inserted++;
      part.inserted++;
    } else if (outcome === 'updated') {
      counts.updated++;
      part.updated++;
    } else counts.unchanged++;
  }
  await trail.flush();
  return counts;
}

const same = (a: unknown, b: unknown) =>
  (a === null || a === undefined ? null : typeof a === 'number' ? a : String(a)) ===
  (b === null || b === undefined ? null : typeof b === 'number' ? b : String(b));

async function upsertRow(
  ctx: ImportContext,
  spec: SmallKind,
  value: Value,
  now: string,
  trail: KindTrail,
): Promise<'inserted' | 'updated' | 'unchanged'> {
  const db = ctx.tx.db;
  const key = Object.fromEntries(spec.key.map((c) => [c, value[c]]));
  const existing = await findStoredRow(db, spec.table, key);
  const data: Value = {};
  for (const c of [...spec.key, ...spec.compare]) if (c in value) data[c] = value[c];
  const extra = spec.onWrite?.(now) ?? {};
  if (!existing) {
    const row = { ...data, ...(spec.onInsert?.(now) ?? {}), ...extra };
    await insertStoredRow(db, spec.table, row);
    trail.created(row);
    return 'inserted';
  }
  const changes: Change[] = [];
  for (const c of spec.compare) {
    const next = c in extra ? extra[c] : value[c];
    if (!same(existing[c], next)) changes.push([c, existing[c], next]);
  }
  if (changes.length === 0) return 'unchanged';
  await updateStoredRow(db, spec.table, key, { ...data, ...extra });
  trail.changed({ ...existing, ...data }, changes);
  return 'updated';
}
