// Data of a region and period can change only while its submission is open (draft or returned):
// once submitted it is read-only for the RFO until the national office returns it (DOMAIN.md §4).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deadlineOf, parsePeriod } from '../../domain/periods.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import { insertDraft, lockSubmission } from './submissions.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface LockOptions {
  /** The national office loading historical data may write into submitted or accepted periods. */
  allowClosed?: boolean;
}

/**
 * Creates the draft submission of (region, period) when missing; refuses when it is closed. The
 * row stays locked until the transaction ends on PostgreSQL: every write of the partition's data
 * goes through here, so concurrent writes of one region and period (and a transition racing them)
 * take turns, and a check of "what the client read" made after this call cannot be overtaken.
 */
export async function ensureOpenSubmission(db: Db, region: string, period: string, opts: LockOptions = {}) {
  let sub = await lockSubmission(db, region, period);
  if (!sub) {
    const p = parsePeriod(period);
    if (!p) throw badRequest(`Not a period: ${period}`, [], 'bad_period');
    await insertDraft(db, region, period, deadlineOf(p), new Date().toISOString());
    sub = await lockSubmission(db, region, period);
    if (!sub) throw new Error(`The submission of ${region} ${period} could not be created`);
  }
  if (!opts.allowClosed && (sub.status === 'submitted' || sub.status === 'accepted')) {
    throw conflict(
      `The ${period} submission of ${region} is ${sub.status}; its data can no longer be changed`,
      [{ region, period, status: sub.status }],
      'submission_closed',
    );
  }
  return sub;
}
