// The national office's review inbox (issue 10 items 3 and 4): what waits for review, the longest
// waiting first, with what changed since the last decision; several clean submissions accepted in
// one go; and the conversation of each region and period (comments of both sides, the reasons of
// returns and reopenings), kept forever.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { parsePeriod } from '../../domain/periods.ts';
import { authorize } from '../../domain/policy.ts';
import { AppError, badRequest, conflict } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { queueCommentMessages } from '../notifications/notifications.service.ts';
import type { SessionUser } from '../users/sessions.ts';
import {
  activityPlace,
  commentCounts,
  commentsOf,
  findReviewSnapshot,
  insertComment,
  waitingSubmissions,
} from './submissions.repository.ts';
import type { BulkAccept, Comment, InboxItem } from './submissions.schemas.ts';
import { checkRegionPeriod, decide, toView } from './submissions.service.ts';
import { diffStates, parseSnapshot, periodState } from './submissions.snapshot.ts';

/** GET /api/submissions/inbox: submitted periods, the longest waiting first. National office only. */
export async function reviewInbox(db: Kysely<DB>, user: SessionUser): Promise<InboxItem[]> {
  authorize(user, 'submissions.decide');
  const subs = await waitingSubmissions(db);
  const counts = await commentCounts(db, [...new Set(subs.map((s) => s.period))]);
  const items: InboxItem[] = [];
  for (const s of subs) {
    const view = toView(s);
    const [now, last] = await Promise.all([
      periodState(db, s.region, s.period),
      findReviewSnapshot(db, s.region, s.period),
    ]);
    const before = parseSnapshot(last?.snapshot);
    items.push({
      id: Number(s.id),
      region: s.region,
      period: s.period,
      kind: parsePeriod(s.period)?.kind ?? 'month',
      version: Number(s.version),
      deadline: s.deadline,
      submittedAt: view.lastSubmittedAt,
      firstSubmittedAt: view.submittedAt,
      timeliness: view.timeliness,
      lastReview: last ? { action: last.action, at: last.at } : null,
      changes: diffStates(before, now),
      totals: { before: before?.totals ?? null, after: now.totals },
      comments: counts.get(`${s.region}|${s.period}`) ?? 0,
    });
  }
  return items;
}

/**
 * POST /api/submissions/accept: all or nothing. Every item goes through the one decision path
 * (decide(), as one accept would) inside one transaction; the first that cannot be accepted (changed
 * since the inbox was read: 409 stale_version; not submitted any more: 409 invalid_transition;
 * unknown: 404) rolls every other back, and the error names it (region, period in details).
 */
export async function acceptMany(
  db: Kysely<DB>,
  user: SessionUser,
  items: { region: string; period: string; version: number }[],
): Promise<BulkAccept> {
  authorize(user, 'submissions.decide');
  const seen = new Set<string>();
  for (const i of items) {
    const key = `${i.region}|${i.period}`;
    if (seen.has(key)) throw badRequest(`${i.region} ${i.period} is named twice`, [], 'duplicate_item');
    seen.add(key);
  }
  return db.transaction().execute(async (trx) => {
    const accepted = [];
    for (const [index, i] of items.entries()) {
      try {
        accepted.push((await decide(trx, user, i.region, i.period, 'accept', null, i.version)).submission);
      } catch (err) {
        if (err instanceof AppError && err.status === 409)
          throw conflict(
            `${i.region} ${i.period}: ${err.message}. Nothing was accepted.`,
            (err.details as Record<string, unknown>[]).map((d) => ({
              ...d,
              item: index,
              region: i.region,
              period: i.period,
            })),
            err.code,
          );
        throw err;
      }
    }
    return { accepted };
  });
}

/** GET /api/submissions/{region}/{period}/comments: the thread, oldest first. */
export async function listComments(
  db: Kysely<DB>,
  user: SessionUser,
  regionIn: string,
  period: string,
): Promise<Comment[]> {
  const { region } = await checkRegionPeriod(db, regionIn, period);
  authorize(user, 'submissions.comment', { region });
  return commentsOf(db, region, period);
}

/**
 * POST /api/submissions/{region}/{period}/comments: a message of the thread, as written (markup is
 * text; whoever shows it escapes it), never edited nor deleted; audited. A row reference must be an
 * activity record of that region and period.
 */
export async function addComment(
  db: Kysely<DB>,
  user: SessionUser,
  regionIn: string,
  period: string,
  body: { text: string; activityId?: number | null | undefined },
): Promise<Comment> {
  const { region } = await checkRegionPeriod(db, regionIn, period);
  authorize(user, 'submissions.comment', { region });
  const text = body.text.trim();
  if (!text)
    throw badRequest('A comment needs some text', [
      { column: 'text', rule: 'required', message: 'text is required' },
    ]);
  const activityId = body.activityId ?? null;
  return db.transaction().execute(async (trx) => {
    if (activityId !== null) {
      const place = await activityPlace(trx, activityId);
      if (!place || place.region !== region || place.period !== period)
        throw badRequest(
          `Record ${activityId} is not one of ${region} ${period}`,
          [
            {
              column: 'activityId',
              rule: 'not_in_period',
              message: `record ${activityId} is not in ${period}`,
            },
          ],
          'comment_row_unknown',
        );
    }
    const at = new Date().toISOString();
    const id = await insertComment(trx, {
      region,
      period,
      kind: 'comment',
      authorId: user.id,
      body: text,
      activityId,
      at,
    });
    await writeAudit(
      trx,
      [
        {
          userId: user.id,
          action: 'create',
          entity: 'submission_comment',
          entityId: String(id),
          region,
          period,
          field: 'text',
          newValue: text,
          note: activityId === null ? null : `activity ${activityId}`,
        },
      ],
      at,
    );
    // The other side hears of it, in the same transaction (modules/notifications).
    await queueCommentMessages(trx, {
      region,
      period,
      author: { id: user.id, role: user.role, name: user.displayName ?? user.email },
      text,
    });
    const made = (await commentsOf(trx, region, period)).find((c) => c.id === id);
    if (!made) throw new Error(`Comment ${id} was not written`);
    return made;
  });
}
