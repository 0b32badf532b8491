// The jobs every server schedules (modules/jobs/jobs.service.ts runs each once per due time across
// all servers). Login-attempt purges and e-mail reminders join this list when they exist.
import { purgeOldSessions } from '../users/sessions.ts';
import type { JobDefinition } from './jobs.service.ts';

export const SCHEDULED_JOBS: readonly JobDefinition[] = [
  {
    // Sessions that ended (expired or revoked) more than a day ago: the table stays small even
    // when nobody signs in (sign-in purges them too).
    name: 'purge-sessions',
    everyMs: 60 * 60_000,
    run: (database, now) => purgeOldSessions(database.db, now),
  },
];
