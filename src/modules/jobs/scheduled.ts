// The jobs every server schedules (modules/jobs/jobs.service.ts runs each once per due time across
// all servers).
import { appealJobs } from '../appeals/appeals.jobs.ts';
import { applicationJobs } from '../applications/applications.jobs.ts';
import { cycleMessagesJob, publicUrl } from '../notifications/notifications.service.ts';
import { outboxDeliveryJob } from '../outbox/outbox.service.ts';
import { purgeLoginAttempts } from '../users/login-limits.ts';
import { purgeOldSessions } from '../users/sessions.ts';
import { purgeUnconfirmedVolunteers, remindUnconfirmedVolunteers } from '../volunteers/volunteers.service.ts';
import type { JobDefinition } from './jobs.service.ts';

export const SCHEDULED_JOBS: readonly JobDefinition[] = [
  {
    // Sessions that ended (expired or revoked) more than a day ago: the table stays small even
    // when nobody signs in (sign-in purges them too).
    name: 'purge-sessions',
    everyMs: 60 * 60_000,
    run: (database, now) => purgeOldSessions(database.db, now),
  },
  {
    // Sign-in counts of windows no limit looks at any more (a new window purges them too, but a
    // quiet server would keep the last burst's addresses and e-mails).
    name: 'purge-login-attempts',
    everyMs: 60 * 60_000,
    run: (database, now) => purgeLoginAttempts(database.db, now),
  },
  // The e-mail outbox, every minute: each message is claimed before it is sent, so even runs that
  // overlap (a run outliving its lease) send it once. Without SMTP_URL messages stay queued.
  outboxDeliveryJob(),
  // The cycle's reminders (a deadline in 3 days, a deadline missed) and the national office's daily
  // digest of submissions waiting: looked for every hour, each queued once (notification_sent).
  cycleMessagesJob(),
  {
    // Platform volunteers whose e-mail address is unconfirmed 3 days on: one reminder, a new link.
    name: 'remind-unconfirmed-volunteers',
    everyMs: 60 * 60_000,
    run: async (database, now) => {
      await remindUnconfirmedVolunteers(database.db, publicUrl(), now);
    },
  },
  {
    // Platform volunteers whose e-mail address was never confirmed within 30 days: erased.
    name: 'purge-unconfirmed-volunteers',
    everyMs: 6 * 60 * 60_000,
    run: async (database, now) => {
      await purgeUnconfirmedVolunteers(database.db, now);
    },
  },
  // Waitlist offers that expire, and the day-before reminders of accepted shifts.
  ...applicationJobs(),
  // Overdue appeals of the information centre: their assignee (or front office) reminded, once per target.
  ...appealJobs(),
];
