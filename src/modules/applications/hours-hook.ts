// Where confirmed hours meet the statistics: called in the transaction of every confirmation,
// correction or revocation, with the months (Kazakhstan time) whose figures may have changed and the
// volunteers whose hours did. The platform's activity record of each (opportunity, month) follows
// (modules/platform-stats), and so do those volunteers' hours by area (the search of findable ones).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { refreshExperience } from '../finding/experience.repository.ts';
import { refreshPlatformRecords } from '../platform-stats/platform-stats.service.ts';

export async function hoursChanged(
  trx: Transaction<DB>,
  opportunityId: number,
  periods: string[],
  ctx: { userId: number | null; now: string },
  volunteers: number[],
): Promise<void> {
  await refreshPlatformRecords(trx, opportunityId, periods, ctx);
  await refreshExperience(trx, opportunityId, volunteers);
}
