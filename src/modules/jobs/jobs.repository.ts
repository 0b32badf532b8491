// Every query of the job runner, on the `jobs` table (one row per job). Times are ISO strings in
// UTC, compared as text, as elsewhere in the schema.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, JobsTable } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type JobRow = Selectable<JobsTable>;

/** Adds the rows of jobs not yet known, due at `firstDue`; existing rows are left as they are. */
export async function ensureJobRows(db: Db, names: readonly string[], firstDue: string): Promise<void> {
  if (names.length === 0) return;
  await db
    .insertInto('jobs')
    .values(names.map((name) => ({ name, next_run_at: firstDue })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * Claims a due job for `owner`: one conditional UPDATE that moves the due time on to `nextDue` and
 * takes a lease until `leaseUntil`, only while the job is due and nobody else's lease runs. Among
 * servers racing for the same row exactly one UPDATE matches (PostgreSQL re-checks the condition
 * on the row another transaction just changed; SQLite runs one writer at a time), so a due time is
 * consumed once. True when this server got it.
 */
export async function claimJob(
  db: Db,
  claim: { name: string; owner: string; now: string; nextDue: string; leaseUntil: string },
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      next_run_at: claim.nextDue,
      lease_owner: claim.owner,
      lease_until: claim.leaseUntil,
      last_started_at: claim.now,
    })
    .where('name', '=', claim.name)
    .where('next_run_at', '<=', claim.now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', claim.now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Releases the lease after a run (only the owner's), counting the run and keeping its error. */
export async function finishJob(
  db: Db,
  done: { name: string; owner: string; now: string; error: string | null },
): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({
      lease_owner: null,
      lease_until: null,
      last_finished_at: done.now,
      last_error: done.error,
      runs: eb('runs', '+', 1),
    }))
    .where('name', '=', done.name)
    .where('lease_owner', '=', done.owner)
    .execute();
}

export const listJobRows = (db: Db): Promise<JobRow[]> =>
  db.selectFrom('jobs').selectAll().orderBy('name').execute();
