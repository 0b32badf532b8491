// The platform's scheduled work on applications: waitlist offers not taken in time pass to the next
// volunteer; accepted volunteers are reminded the day before their shift (from 08:00 in Kazakhstan,
// once: the application records when, in the transaction that queues the e-mail).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appUrl } from '../../lib/public-url.ts';
import type { JobDefinition } from '../jobs/jobs.service.ts';
import { kzTime } from '../opportunities/opportunities.service.ts';
import { reminderMail } from './applications.mail.ts';
import { findShift } from './applications.repository.ts';
import { expireOffers, mailUser } from './applications.service.ts';

const KZ_OFFSET_MS = 5 * 3600_000;
const DAY_MS = 24 * 3600_000;
/** From this hour in Kazakhstan the day's reminders go out (none at night). */
const SEND_FROM_HOUR = 8;

/** Reminds the volunteers accepted on a shift that starts tomorrow (Kazakhstan days). How many. */
export async function remindTomorrowShifts(db: Kysely<DB>, now = new Date()): Promise<number> {
  if (new Date(now.getTime() + KZ_OFFSET_MS).getUTCHours() < SEND_FROM_HOUR) return 0;
  const tomorrow = new Date(now.getTime() + KZ_OFFSET_MS + DAY_MS).toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${tomorrow}T00:00:00+05:00`)).toISOString();
  const to = new Date(Date.parse(from) + DAY_MS).toISOString();
  const due = await db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .select(['a.id', 'a.shift_id', 'a.volunteer_id'])
    .where('a.status', '=', 'accepted')
    .where('a.reminded_at', 'is', null)
    .where('s.start_at', '>=', from)
    .where('s.start_at', '<', to)
    .limit(5000)
    .execute();
  let sent = 0;
  const at = now.toISOString();
  for (const a of due)
    await db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('application')
        .set({ reminded_at: at })
        .where('id', '=', a.id)
        .where('reminded_at', 'is', null)
        .where('status', '=', 'accepted')
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return;
      const shift = await findShift(trx, Number(a.shift_id));
      if (!shift) return;
      await mailUser(trx, Number(a.volunteer_id), 'application.reminder', (lang, name) =>
        reminderMail(lang, {
          name,
          title: shift.title,
          organization: shift.organizationName,
          start: kzTime(shift.start),
          link: `${appUrl()}/platform/opportunities/${shift.opportunityId}`,
        }),
      );
      sent++;
    });
  return sent;
}

export const applicationJobs = (): JobDefinition[] => [
  {
    // Waitlist offers not taken in time: withdrawn (no_response), the place offered to the next.
    name: 'expire-waitlist-offers',
    everyMs: 10 * 60_000,
    run: async (database, now) => {
      await expireOffers(database.db, now);
    },
  },
  {
    // The day-before reminder of accepted shifts, looked for every hour, each once.
    name: 'remind-tomorrow-shifts',
    everyMs: 60 * 60_000,
    run: async (database, now) => {
      await remindTomorrowShifts(database.db, now);
    },
  },
];
