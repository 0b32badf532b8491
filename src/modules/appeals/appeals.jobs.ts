// Overdue appeals are reminded by e-mail (DOMAIN.md §8): an open appeal past the first answer's
// target, and again past the result's, each once (the appeal records when, in the transaction that
// queues the e-mails). The assignee is reminded; an appeal nobody took, its region's front office
// (the national admins for one from abroad, or for a region without front-office accounts). From
// 08:00 in Kazakhstan, as the platform's day-before reminder; appeals received more than 90 days
// ago (an old file imported as "new") are flagged in the queue but not mailed about.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { overdueOf } from '../../domain/appeal-rules.ts';
import { isLang, type Lang } from '../../domain/lang.ts';
import { appUrl } from '../../lib/public-url.ts';
import type { JobDefinition } from '../jobs/jobs.service.ts';
import { queueMessage } from '../outbox/outbox.service.ts';
import { reminderMail } from './appeals.mail.ts';
import { dueReminders, markReminded, readTargets, staffToRemind, usersByIds } from './appeals.repository.ts';

const KZ_OFFSET_MS = 5 * 3600_000;
const SEND_FROM_HOUR = 8;
const REMIND_WITHIN_MS = 90 * 24 * 3600_000;

/** Queues the reminders of the appeals overdue at `now`; how many appeals were reminded of. */
export async function remindOverdueAppeals(db: Kysely<DB>, now = new Date()): Promise<number> {
  if (new Date(now.getTime() + KZ_OFFSET_MS).getUTCHours() < SEND_FROM_HOUR) return 0;
  const targets = await readTargets(db);
  const since = new Date(now.getTime() - REMIND_WITHIN_MS).toISOString();
  const topics = await db
    .selectFrom('code_list_item')
    .select(['code', 'name_kk', 'name_ru', 'name_en'])
    .where('list', '=', 'appeal_topic')
    .execute();
  const topicName = (code: string, lang: Lang) => {
    const t = topics.find((x) => x.code === code);
    return t ? { kk: t.name_kk, ru: t.name_ru, en: t.name_en }[lang] : code;
  };
  const at = now.toISOString();
  let reminded = 0;
  for (const kind of ['response', 'resolution'] as const) {
    for (const a of await dueReminders(db, kind, targets, now, since)) {
      await db.transaction().execute(async (trx) => {
        if (!(await markReminded(trx, Number(a.id), kind, at))) return;
        const assignee = a.assignee_id === null ? [] : [Number(a.assignee_id)];
        let users = [...(await usersByIds(trx, assignee)).values()].filter((u) => u.disabled !== 1);
        if (users.length === 0)
          users = [...(await usersByIds(trx, await staffToRemind(trx, a.region))).values()];
        const due = overdueOf(
          { status: a.status, received_at: a.received_at, first_response_at: null },
          targets,
          now,
        );
        for (const u of users) {
          const lang: Lang = isLang(u.lang) ? u.lang : 'ru';
          await queueMessage(
            trx,
            {
              kind: `appeal.overdue_${kind}`,
              to: u.email,
              lang,
              ...reminderMail(lang, {
                id: Number(a.id),
                name: u.name,
                kind,
                receivedAt: a.received_at,
                due: kind === 'response' ? due.responseDue : due.resolutionDue,
                topic: topicName(a.topic, lang),
                assigned: assignee.length > 0 && u.id === assignee[0],
                link: `${appUrl()}/appeals/${a.id}`,
              }),
            },
            now,
          );
        }
        reminded++;
      });
    }
  }
  return reminded;
}

export const appealJobs = (): JobDefinition[] => [
  {
    // Overdue appeals, looked for every hour, each reminded once per target.
    name: 'remind-overdue-appeals',
    everyMs: 60 * 60_000,
    run: async (database, now) => {
      await remindOverdueAppeals(database.db, now);
    },
  },
];
