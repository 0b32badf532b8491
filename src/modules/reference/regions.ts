// The one answer to "which region is this?": every route, service and command that takes a region
// from a caller resolves it here, so the same input gets the same answer and the same error.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { resolveRegion } from '../../domain/reference.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { findUnit } from './reference.repository.ts';
import { loadReferenceSnapshot } from './reference.snapshot.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A region code as callers type it (any case, spaces around) in the form it is stored. */
export const regionKey = (raw: string) => raw.trim().toUpperCase();

/** The code of a region named by its code, or null: for checks that collect every problem first. */
export async function findRegion(db: Db, raw: string): Promise<string | null> {
  return (await findUnit(db, regionKey(raw)))?.code ?? null;
}

/** The code of a region named by its code (a path or query parameter); 404 when there is none. */
export async function knownRegion(db: Db, raw: string): Promise<string> {
  const code = await findRegion(db, raw);
  if (!code) throw notFound(`Unknown region: ${raw}`);
  return code;
}

/**
 * The code of a region given by code or by name in any language, as the importer accepts it
 * (a filter: empty means every region, null); 400 `unknown_region` when it names none.
 */
export async function regionFilter(db: Db, raw: string | null | undefined): Promise<string | null> {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const code = resolveRegion(await loadReferenceSnapshot(db), raw);
  if (!code) throw badRequest(`"${raw}" is not a known region code or name`, [], 'unknown_region');
  return code;
}
