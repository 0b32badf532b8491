// Imports of every exchange format (FORMATS.md), shared by POST /api/imports/:kind and
// `birgemiz import`. All-or-nothing: the file is read and validated in one streaming pass inside
// one transaction; any problem, foreign region or closed submission rolls everything back, and
// the answer lists every problem. Each kind has its importer (kinds/); activity rows go in through
// the dialect's bulk writer (db/activity-bulk.ts).
import { bulkTransaction } from '../../db/bulk.ts';
import type { Database } from '../../db/connection.ts';
import { type Actor, authorize, NATIONAL_OFFICE, scopeOf } from '../../domain/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { loadReferenceSnapshot } from '../reference/reference.snapshot.ts';
import { findLastBatch, type ImportBatch, insertBatch, updateBatchCounts } from './batches.repository.ts';
import type { ImportContext, ImportOptions } from './context.ts';
import { type ImportKind, REFERENCE_KINDS } from './headers.ts';
import type { ImportResult } from './imports.schemas.ts';
import { importActivities } from './kinds/activities.ts';
import { appeals } from './kinds/appeals.ts';
import { organizations } from './kinds/organizations.ts';
import { population, unaccounted, wages, workingTime } from './kinds/reference.ts';
import { importSmallKind } from './kinds/small-kind.ts';
import { volunteers } from './kinds/volunteers.ts';
import { QueryPauses } from './pauses.ts';
import { type FileInfo, inspectFile } from './reader.ts';
import type { Counts } from './tally.ts';

export type { ImportOptions } from './context.ts';
export type { ImportResult } from './imports.schemas.ts';

const IMPORTERS: Record<ImportKind, (ctx: ImportContext) => Promise<Counts>> = {
  activities: importActivities,
  volunteers: (ctx) => importSmallKind(ctx, volunteers),
  organizations: (ctx) => importSmallKind(ctx, organizations),
  appeals: (ctx) => importSmallKind(ctx, appeals),
  population: (ctx) => importSmallKind(ctx, population),
  wages: (ctx) => importSmallKind(ctx, wages),
  'working-time': (ctx) => importSmallKind(ctx, workingTime),
  unaccounted: (ctx) => importSmallKind(ctx, unaccounted),
};

/** The policy's action: monthly data region by region; reference statistics and appeals national. */
export const importAction = (kind: ImportKind) =>
  REFERENCE_KINDS.includes(kind) || kind === 'appeals' ? 'imports.national' : 'imports.monthly';

/** Whether the actor may import the kind at all (the regions of the file are checked as it is read). */
export function assertMayImport(actor: Actor, kind: ImportKind): void {
  authorize(actor, importAction(kind));
}

class DryRun extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

export async function runImport(database: Database, opts: ImportOptions): Promise<ImportResult> {
  // The command line (no user) is the national office: it goes through the policy as such.
  const actor = opts.user ?? NATIONAL_OFFICE;
  assertMayImport(actor, opts.kind);
  const info = await inspectFile(opts.path, { name: opts.filename ?? undefined });
  const base = {
    ok: true as const,
    kind: opts.kind,
    dryRun: !!opts.dryRun,
    fileType: info.type,
    encoding: info.encoding,
  };
  const previous = await findLastBatch(database.db, opts.kind, info.sha256);
  if (previous && sameScopeAsBefore(actor, opts.kind, previous)) {
    const { rows, id } = previous;
    return { ...base, rows, inserted: 0, updated: 0, unchanged: rows, alreadyImported: true, importId: id };
  }
  try {
    return await bulkTransaction(database, async (bulk) => {
      // Queries give way to other requests now and then (pauses.ts).
      const tx = { ...bulk, db: bulk.db.withPlugin(new QueryPauses()) };
      const counts = await importInTransaction({ tx, info, opts, actor });
      const { rows, inserted, updated, unchanged, importId } = counts;
      const result: ImportResult = {
        ...base,
        ...{ rows, inserted, updated, unchanged, importId },
        alreadyImported: !!previous && inserted === 0 && updated === 0,
      };
      if (opts.dryRun) throw new DryRun({ ...result, importId: null });
      return result;
    });
  } catch (err) {
    if (err instanceof DryRun) return err.result;
    throw err;
  }
}

/**
 * The same bytes again: nothing to do. Only for callers whose scope is that of the earlier import
 * (every region, or the same user); anyone else goes through the full checks, so that another
 * region's staff cannot learn, or skip the scope check, by re-sending a file.
 */
function sameScopeAsBefore(actor: Actor, kind: ImportKind, previous: ImportBatch): boolean {
  return scopeOf(actor, importAction(kind)) === 'all' || (actor.id > 0 && actor.id === previous.userId);
}

async function importInTransaction(ctx: Omit<ImportContext, 'ref' | 'importId'>): Promise<Counts> {
  const { tx, info, opts } = ctx;
  const ref = { ...(await loadReferenceSnapshot(tx.db)), lang: opts.lang ?? 'en' };
  const importId = await insertBatch(tx.db, {
    kind: opts.kind,
    sha256: info.sha256,
    filename: opts.filename ?? null,
    userId: opts.user?.id ?? null,
  });
  const counts = await IMPORTERS[opts.kind]({ ...ctx, ref, importId });
  await updateBatchCounts(tx.db, importId, counts);
  await writeAudit(tx.db, auditEntries(opts, info, counts));
  return counts;
}

/**
 * One entry for each region and period the file holds, with its counts there (and the file's
 * totals): the trail of a region's data, which RFO staff read, shows what imports changed in it.
 * Kinds without a region or period (working time, unaccounted hours) get entries without one.
 */
function auditEntries(opts: ImportOptions, info: FileInfo, c: Counts) {
  const parts = c.parts.all();
  if (parts.length === 0) parts.push({ ...c, region: null, period: null, movedOut: 0 });
  const fileTotals =
    parts.length > 1
      ? { file_rows: c.rows, file_inserted: c.inserted, file_updated: c.updated, file_unchanged: c.unchanged }
      : {};
  return parts.map((p) => ({
    userId: opts.user?.id ?? null,
    action: 'import',
    entity: 'import_batch',
    entityId: String(c.importId),
    region: p.region,
    period: p.period,
    newValue: {
      kind: opts.kind,
      file: opts.filename ?? null,
      sha256: info.sha256,
      rows: p.rows,
      inserted: p.inserted,
      updated: p.updated,
      unchanged: p.unchanged,
      ...(p.movedOut ? { moved_out: p.movedOut } : {}),
      ...fileTotals,
    },
    note: opts.dryRun ? 'dry run' : null,
  }));
}
