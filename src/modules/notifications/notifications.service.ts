// What the monthly cycle sends (issue 10, item 9), through the outbox (modules/outbox):
// - essential, always sent: to every active RFO account of the region when its month is returned
//   (with the reviewer's comment), accepted or reopened (with the reason), queued in the decision's
//   own transaction (submissions.service.ts decide), so a decision that fails queues nothing;
// - optional, sent only to those who keep them on (app_user.notify_optional): a reminder to the RFO
//   REMIND_DAYS days before the deadline of a period not yet submitted, and one when it is overdue;
//   to the national office (admin, analyst) a daily digest of what waits for review, none when
//   nothing waits. The scheduled job `cycle-messages` looks every hour (from 08:00 in Kazakhstan); each reminder and each day's
//   digest is recorded in `notification_sent` in the transaction that queues it, under a unique key,
//   so however often the job runs, on however many servers, each goes out once.
// Every message is in its recipient's language (app_user.lang) and links to the page it is about
// (PUBLIC_URL).

import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { isLang, type Lang } from '../../domain/lang.ts';
import { deadlineOf, monthsOf, parsePeriod } from '../../domain/periods.ts';
import { type Actor, NATIONAL_OFFICE } from '../../domain/policy.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { appUrl } from '../../lib/public-url.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { JobDefinition } from '../jobs/jobs.service.ts';
import { queueMessage } from '../outbox/outbox.service.ts';
import { unitsBetween } from '../submissions/submissions.repository.ts';
import { type DecisionKind, MAIL, type Mail, quoted, type ReminderKind } from './notifications.messages.ts';
import {
  deleteSentBefore,
  findPreferences,
  findUserIdByEmail,
  lastReviewerOf,
  nationalOffice,
  type Recipient,
  recordSent,
  regionNames,
  rfoByRegion,
  rfoOf,
  submissionsOf,
  updatePreferences,
  waitingForReview,
} from './notifications.repository.ts';
import type { Preferences, PreferencesBody } from './notifications.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Days before the deadline the RFO is reminded of a period not yet submitted. */
export const REMIND_DAYS = 3;
/** How long after its deadline a period still gets its (one) overdue reminder, if none went yet. */
const OVERDUE_WINDOW_DAYS = 30;
/** How long the record of a queued reminder is kept (longer than any window above). */
const KEEP_SENT_DAYS = 120;
/** Kazakhstan's offset: the cycle's days are days there (submissions.service.ts deadlineEnd). */
const KZ_OFFSET_MS = 5 * 3600_000;
const DAY_MS = 86_400_000;
/** The hour (in Kazakhstan) from which the day's reminders and digest go out. */
export const SEND_FROM_HOUR = 8;

/**
 * The address of the web application, for the links in messages: PUBLIC_URL (lib/public-url.ts,
 * read as the invitations read it), or http://localhost:PORT (3000) when unset — a scheduled job
 * has no request whose origin it could use.
 */
export function publicUrl(env: NodeJS.ProcessEnv = process.env): string {
  return appUrl(env);
}

const langOf = (r: Recipient): Lang => (isLang(r.lang) ? r.lang : 'ru');
const monthLink = (region: string, period: string) =>
  `${publicUrl()}/rfo/${encodeURIComponent(region)}/${encodeURIComponent(period)}`;
const reviewLink = (region: string, period: string) =>
  `${publicUrl()}/national/review/${encodeURIComponent(region)}/${encodeURIComponent(period)}`;
const settingsLink = () => `${publicUrl()}/account`;

function withFooter(mail: Mail, lang: Lang, essential: boolean): Mail {
  return {
    subject: mail.subject,
    body: `${mail.body}\n\n--\n${MAIL[lang].footer(settingsLink(), essential)}\n`,
  };
}

const DECISION: Record<'return' | 'accept' | 'reopen', DecisionKind> = {
  return: 'returned',
  accept: 'accepted',
  reopen: 'reopened',
};

/**
 * Queues, in the decision's transaction `trx`, the message of a return, acceptance or reopening to
 * every active RFO account of the region, each in its language (sent whatever their switch: these
 * are essential). `comment`: the reviewer's comment or the reason. Returns how many were queued.
 */
export async function queueDecisionMessages(
  trx: Db,
  decision: { action: string; region: string; period: string; comment?: string | null },
  now = new Date(),
): Promise<number> {
  if (!(decision.action in DECISION)) return 0;
  const kind = DECISION[decision.action as keyof typeof DECISION];
  const to = await rfoOf(trx, decision.region);
  if (to.length === 0) return 0;
  const names = (await regionNames(trx, [decision.region])).get(decision.region);
  let queued = 0;
  for (const r of to) {
    const lang = langOf(r);
    const mail = MAIL[lang].decision[kind]({
      region: names?.[lang] ?? decision.region,
      period: decision.period,
      link: monthLink(decision.region, decision.period),
      comment: quoted(decision.comment ?? ''),
    });
    try {
      await queueMessage(
        trx,
        { kind: `submission.${kind}`, to: r.email, lang, ...withFooter(mail, lang, true) },
        now,
      );
      queued++;
    } catch (err) {
      // An account whose address the outbox refuses (checked before anything is written) does not
      // stop the decision; the others still hear of it.
      if (!(err instanceof AppError && err.status === 400)) throw err;
    }
  }
  return queued;
}

/**
 * Queues, in the comment's transaction, a message of a submission's thread to the other side: a
 * comment of the national office to the region's front office (essential, like a return); a comment
 * of the front office to the reviewer who last decided on the period, or, before any decision, to
 * the national office accounts whose reminders are on. Never to the author. Returns how many.
 */
export async function queueCommentMessages(
  trx: Db,
  comment: {
    region: string;
    period: string;
    author: { id: number; role: string; name: string };
    text: string;
  },
  now = new Date(),
): Promise<number> {
  const { region, period, author } = comment;
  const fromRegion = author.role === 'rfo';
  let to: Recipient[];
  if (!fromRegion) to = await rfoOf(trx, region);
  else {
    const reviewer = await lastReviewerOf(trx, region, period);
    to = reviewer ? [reviewer] : (await nationalOffice(trx)).filter((r) => r.notifyOptional);
  }
  to = to.filter((r) => r.id !== author.id);
  if (to.length === 0) return 0;
  const names = (await regionNames(trx, [region])).get(region);
  let queued = 0;
  for (const r of to) {
    const lang = langOf(r);
    const mail = MAIL[lang].comment({
      region: names?.[lang] ?? region,
      period,
      link: fromRegion ? reviewLink(region, period) : monthLink(region, period),
      author: author.name,
      text: quoted(comment.text),
    });
    try {
      await queueMessage(
        trx,
        { kind: 'submission.comment', to: r.email, lang, ...withFooter(mail, lang, !fromRegion) },
        now,
      );
      queued++;
    } catch (err) {
      if (!(err instanceof AppError && err.status === 400)) throw err;
    }
  }
  return queued;
}

// --- the daily reminders and digest ---------------------------------------------------------------

/** The day (YYYY-MM-DD) in Kazakhstan at `now`, and `days` days later (or earlier). */
const kzDay = (now: Date, days = 0) =>
  new Date(now.getTime() + KZ_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);

/** The periods whose deadline may matter around `today`: the months, halves and years near it. */
function periodsAround(today: string): string[] {
  const year = Number(today.slice(0, 4));
  const periods: string[] = [];
  for (const y of [year - 1, year]) periods.push(...monthsOf(y), `${y}-H1`, `${y}-H2`, String(y));
  return periods;
}

export interface CycleRun {
  /** Reminders queued, by kind. */
  due: number;
  overdue: number;
  /** Digests queued (one per national account that wants it, when something waits). */
  digests: number;
}

/**
 * One run of the cycle's optional messages at `now`: reminders of periods due within REMIND_DAYS
 * days or overdue (within OVERDUE_WINDOW_DAYS), not yet submitted, to RFO accounts that keep them
 * on; the digest of what waits for review to the national office. Each once (notification_sent).
 */
export async function sendCycleMessages(db: Kysely<DB>, now: Date): Promise<CycleRun> {
  const run: CycleRun = { due: 0, overdue: 0, digests: 0 };
  // Not at night: the day's reminders and digest wait for the first run from 08:00 in Kazakhstan.
  if (new Date(now.getTime() + KZ_OFFSET_MS).getUTCHours() < SEND_FROM_HOUR) return run;
  const at = now.toISOString();
  const today = kzDay(now);
  const soon = kzDay(now, REMIND_DAYS);
  const windowStart = kzDay(now, -OVERDUE_WINDOW_DAYS);

  // Reminders: periods with a deadline in (today … today + REMIND_DAYS], or past within the window.
  const candidates = periodsAround(today).flatMap((text) => {
    const p = parsePeriod(text);
    if (!p) return [];
    const deadline = deadlineOf(p);
    const kind: ReminderKind | null =
      deadline >= today && deadline <= soon
        ? 'due'
        : deadline < today && deadline >= windowStart
          ? 'overdue'
          : null;
    // The deadline day itself counts as "due" (a day in Kazakhstan: it ends at 19:00 UTC).
    return kind ? [{ period: p, deadline, kind }] : [];
  });
  const rfo = await rfoByRegion(db);
  if (candidates.length > 0 && rfo.size > 0) {
    const rows = await submissionsOf(
      db,
      candidates.map((c) => c.period.text),
    );
    const handedIn = new Set(
      rows.filter((r) => r.submitted_at !== null).map((r) => `${r.region}|${r.period}`),
    );
    const names = await regionNames(db);
    for (const c of candidates) {
      // The regions that existed in the period (a region created later owes nothing for it).
      const units = await unitsBetween(db, c.period.start, c.period.end);
      for (const u of units) {
        if (handedIn.has(`${u.code}|${c.period.text}`)) continue;
        for (const r of rfo.get(u.code) ?? []) {
          if (!r.notifyOptional) continue;
          const lang = langOf(r);
          const mail = MAIL[lang].reminder[c.kind]({
            region: names.get(u.code)?.[lang] ?? u.code,
            period: c.period.text,
            deadline: c.deadline,
            link: monthLink(u.code, c.period.text),
          });
          const queued = await db.transaction().execute(async (trx) => {
            const fresh = await recordSent(
              trx,
              {
                kind: `reminder.${c.kind}`,
                region: u.code,
                period: c.period.text,
                userId: r.id,
                day: c.deadline,
              },
              at,
            );
            if (fresh)
              await queueMessage(
                trx,
                { kind: `reminder.${c.kind}`, to: r.email, lang, ...withFooter(mail, lang, false) },
                now,
              );
            return fresh;
          });
          if (queued) run[c.kind]++;
        }
      }
    }
  }

  // The digest: what waits for review, oldest first; nothing waits, no digest.
  const waiting = await waitingForReview(db);
  if (waiting.length > 0) {
    const names = await regionNames(db, [...new Set(waiting.map((w) => w.region))]);
    for (const r of await nationalOffice(db)) {
      if (!r.notifyOptional) continue;
      const lang = langOf(r);
      const mail = MAIL[lang].digest({
        items: waiting.map((w) => ({
          region: names.get(w.region)?.[lang] ?? w.region,
          period: w.period,
          submittedAt: w.last_submitted_at ?? w.submitted_at ?? w.updated_at,
          link: reviewLink(w.region, w.period),
        })),
        link: `${publicUrl()}/national`,
      });
      const queued = await db.transaction().execute(async (trx) => {
        const fresh = await recordSent(
          trx,
          { kind: 'digest', region: '', period: '', userId: r.id, day: today },
          at,
        );
        if (fresh)
          await queueMessage(
            trx,
            { kind: 'digest', to: r.email, lang, ...withFooter(mail, lang, false) },
            now,
          );
        return fresh;
      });
      if (queued) run.digests++;
    }
  }
  await deleteSentBefore(db, new Date(now.getTime() - KEEP_SENT_DAYS * DAY_MS).toISOString());
  return run;
}

/** The scheduled job: every hour; what it queues is once a day at most (see sendCycleMessages). */
export const cycleMessagesJob = (): JobDefinition => ({
  name: 'cycle-messages',
  everyMs: 60 * 60_000,
  run: async (database: Database, now: Date) => {
    await sendCycleMessages(database.db, now);
  },
});

// --- each person's settings -----------------------------------------------------------------------

async function preferencesOf(db: Db, userId: number): Promise<Preferences> {
  const row = await findPreferences(db, userId);
  if (!row) throw notFound(`No user ${userId}`);
  return { lang: isLang(row.lang) ? row.lang : 'ru', notifyOptional: Number(row.notify_optional) === 1 };
}

/** The signed-in user's message settings. */
export async function getMyPreferences(db: Kysely<DB>, actor: Actor): Promise<Preferences> {
  return preferencesOf(db, actor.id);
}

/**
 * Changes a user's message settings (their own; the CLI, as the national office, anyone's by
 * e-mail): audited, as every change of an account.
 */
export async function setPreferences(
  db: Kysely<DB>,
  actor: Actor,
  userId: number,
  body: PreferencesBody,
): Promise<Preferences> {
  if (body.lang !== undefined && !isLang(body.lang))
    throw badRequest(`Unknown language ${body.lang}: use kk, ru or en`, [], 'unknown_lang');
  return db.transaction().execute(async (trx) => {
    const before = await preferencesOf(trx, userId);
    const changes: { lang?: string; notify_optional?: number } = {};
    const audit: { field: string; old: string; new: string }[] = [];
    if (body.lang !== undefined && body.lang !== before.lang) {
      changes.lang = body.lang;
      audit.push({ field: 'lang', old: before.lang, new: body.lang });
    }
    if (body.notifyOptional !== undefined && body.notifyOptional !== before.notifyOptional) {
      changes.notify_optional = body.notifyOptional ? 1 : 0;
      audit.push({
        field: 'notify_optional',
        old: String(before.notifyOptional),
        new: String(body.notifyOptional),
      });
    }
    if (audit.length === 0) return before;
    await updatePreferences(trx, userId, changes);
    await writeAudit(
      trx,
      audit.map((a) => ({
        userId: actor.id > 0 ? actor.id : null,
        action: 'update',
        entity: 'app_user',
        entityId: String(userId),
        field: a.field,
        oldValue: a.old,
        newValue: a.new,
      })),
    );
    return preferencesOf(trx, userId);
  });
}

export const setMyPreferences = (db: Kysely<DB>, actor: Actor, body: PreferencesBody) =>
  setPreferences(db, actor, actor.id, body);

/** `birgemiz messages --email E [--lang L] [--optional on|off]`: the national office, for anyone. */
export async function preferencesByEmail(
  db: Kysely<DB>,
  email: string,
  body: PreferencesBody,
): Promise<Preferences & { email: string }> {
  const normalized = email.trim().toLowerCase();
  const user = await findUserIdByEmail(db, normalized);
  if (!user) throw notFound(`No user with the email ${normalized}`);
  const prefs =
    body.lang === undefined && body.notifyOptional === undefined
      ? await preferencesOf(db, user.id)
      : await setPreferences(db, NATIONAL_OFFICE, user.id, body);
  return { email: normalized, ...prefs };
}
