// Where confirmed hours meet the statistics: called in the transaction of every confirmation,
// correction or revocation, with the months (Kazakhstan time) whose figures may have changed.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export async function hoursChanged(
  _trx: Transaction<DB>,
  _opportunityId: number,
  _periods: string[],
  _ctx: { userId: number | null; now: string },
): Promise<void> {}
