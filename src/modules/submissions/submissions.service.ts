// The monthly cycle of a region (DOMAIN.md §4): draft → submitted → accepted | returned (with a
// comment) → submitted. An accepted month found wrong later is reopened by the national office with
// a reason: it goes back to returned (the reason is the comment the region reads), leaves the
// published figures, and comes back once resubmitted and accepted again. Every transition names the version the client saw, so two reviewers acting
// on the same submission cannot overwrite each other; every transition is audited.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deadlineOf, parsePeriod } from '../../domain/periods.ts';
import { type Actor, authorize, NATIONAL_OFFICE, type Action as PolicyAction } from '../../domain/policy.ts';
import type { SubmitAnswers } from '../../domain/submission-checks.ts';
import { deadlineEndOf, timelinessAt } from '../../domain/submission-status.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { queueDecisionMessages } from '../notifications/notifications.service.ts';
import { knownRegion } from '../reference/regions.ts';
import type { SessionUser } from '../users/sessions.ts';
import { enforceSubmitChecks, recordSubmitAnswers } from './submission-checks.ts';
import { ensureOpenSubmission } from './submission-lock.ts';
import {
  findSubmission,
  findSubmissionById,
  insertComment,
  type SubmissionRow,
  saveReviewSnapshot,
  updateSubmissionAt,
} from './submissions.repository.ts';
import type { Status, Submission, Timeliness } from './submissions.schemas.ts';
import { periodState } from './submissions.snapshot.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type { Status, SubmissionRow };
export type Action = 'submit' | 'accept' | 'return' | 'reopen';
/** A submission as the API shows it. */
export type SubmissionView = Submission;

/**
 * The deadline is a day in Kazakhstan (UTC+5): a submission counts as on time until the end of
 * that day there, i.e. 18:59:59.999 UTC.
 */
export function deadlineEnd(deadline: string): string {
  return deadlineEndOf(deadline);
}

/**
 * On time when first submitted before the deadline's end; not yet submitted: false once the
 * deadline has passed, null while it may still come in on time.
 */
export function onTimeOf(deadline: string, submittedAt: string | null, now = new Date().toISOString()) {
  if (submittedAt) return submittedAt <= deadlineEnd(deadline);
  return now > deadlineEnd(deadline) ? false : null;
}

export function timelinessOf(
  deadline: string,
  submittedAt: string | null,
  now = new Date().toISOString(),
): Timeliness {
  // The same rule the web applies to a period with no submission yet (domain/submission-status.ts).
  return timelinessAt(deadline, submittedAt, now);
}

export function toView(s: SubmissionRow): SubmissionView {
  return {
    id: Number(s.id),
    region: s.region,
    period: s.period,
    status: s.status,
    version: Number(s.version),
    deadline: s.deadline,
    submittedAt: s.submitted_at,
    lastSubmittedAt: s.last_submitted_at ?? s.submitted_at,
    reviewedAt: s.reviewed_at,
    // The comment of a return (or reopening) is current only while the month is returned; once
    // resubmitted or accepted it is history, in the thread.
    returnComment: s.status === 'returned' ? s.return_comment : null,
    onTime: onTimeOf(s.deadline, s.submitted_at),
    timeliness: timelinessOf(s.deadline, s.submitted_at),
    updatedAt: s.updated_at,
  };
}

/** A (region, period) that has no submission yet: what ensureOpenSubmission would create. */
export function virtualDraft(region: string, period: string): SubmissionView {
  const p = parsePeriod(period);
  if (!p) throw badRequest(`Not a period: ${period}`, [], 'bad_period');
  const deadline = deadlineOf(p);
  return {
    id: null,
    region,
    period,
    status: 'draft',
    version: 1,
    deadline,
    submittedAt: null,
    lastSubmittedAt: null,
    reviewedAt: null,
    returnComment: null,
    onTime: onTimeOf(deadline, null),
    timeliness: timelinessOf(deadline, null),
    updatedAt: null,
  };
}

/**
 * Region code known, period well formed: otherwise 404 / 400 (never a database error). The
 * region's code as stored, and the period.
 */
export async function checkRegionPeriod(db: Db, region: string, period: string) {
  const p = parsePeriod(period);
  if (!p || p.text !== period)
    throw badRequest(`Not a period (YYYY-MM, YYYY-H1, YYYY-H2 or YYYY): ${period}`, [], 'bad_period');
  return { ...p, region: await knownRegion(db, region) };
}

const ALLOWED: Record<Action, { from: Status[]; to: Status }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  accept: { from: ['submitted'], to: 'accepted' },
  return: { from: ['submitted'], to: 'returned' },
  reopen: { from: ['accepted'], to: 'returned' },
};

/** The policy's action behind each step: submitting is the region's, deciding the national office's. */
export const POLICY_ACTION: Record<Action, PolicyAction> = {
  submit: 'submissions.submit',
  accept: 'submissions.decide',
  return: 'submissions.decide',
  reopen: 'submissions.decide',
};

const PAST: Record<Action, string> = {
  submit: 'submitted',
  accept: 'accepted',
  return: 'returned',
  reopen: 'reopened',
};

/** The comment a step requires, and what the error says when it is missing. */
const NEEDS_COMMENT: Partial<Record<Action, { field: 'comment' | 'reason'; message: string }>> = {
  return: { field: 'comment', message: 'A returned submission needs a comment saying what to fix' },
  reopen: {
    field: 'reason',
    message: 'Reopening an accepted submission needs a reason saying what is wrong',
  },
};

/**
 * Moves a submission one step. `userId` null is the CLI (the national office). The row is
 * updated only if its version is still the one read, so a concurrent transition loses with a 409.
 */
export async function applyTransition(
  trx: Transaction<DB>,
  current: SubmissionRow,
  action: Action,
  opts: {
    userId: number | null;
    comment?: string | null;
    note?: string | null;
    now?: string;
    /** submit: the time the data was handed in, when not now (historical data loaded in bulk). */
    submittedAt?: string;
  },
): Promise<SubmissionRow> {
  const rule = ALLOWED[action];
  if (!rule.from.includes(current.status)) {
    throw conflict(
      `A ${current.status} submission cannot be ${PAST[action]}`,
      [{ rule: 'invalid_transition', status: current.status, action, submission: toView(current) }],
      'invalid_transition',
    );
  }
  const now = opts.now ?? new Date().toISOString();
  const changes: Partial<SubmissionRow> =
    action === 'submit'
      ? {
          status: 'submitted',
          // The first submission is the one timeliness is measured by.
          submitted_at: current.submitted_at ?? opts.submittedAt ?? now,
          submitted_by: current.submitted_by ?? opts.userId,
          // The latest one is what the reviewer waits on since (the review inbox).
          last_submitted_at: opts.submittedAt ?? now,
        }
      : action === 'accept'
        ? { status: 'accepted', reviewed_at: now, reviewed_by: opts.userId }
        : {
            // return and reopen: open for the region again, with the comment it reads
            status: 'returned',
            reviewed_at: now,
            reviewed_by: opts.userId,
            return_comment: opts.comment ?? null,
          };
  const updated = await updateSubmissionAt(trx, current, changes, now);
  if (!updated) throw staleSubmission((await findSubmissionById(trx, Number(current.id))) ?? current);
  if (action !== 'submit') {
    // What the period holds at this decision: the review inbox shows what changed since.
    await saveReviewSnapshot(trx, {
      region: current.region,
      period: current.period,
      action,
      at: now,
      user_id: opts.userId,
      snapshot: JSON.stringify(await periodState(trx, current.region, current.period)),
    });
  }
  if ((action === 'return' || action === 'reopen') && opts.comment) {
    // The reason of a return or reopening is a message of the period's thread.
    await insertComment(trx, {
      region: current.region,
      period: current.period,
      kind: action,
      authorId: opts.userId,
      body: opts.comment,
      activityId: null,
      at: now,
    });
  }
  await writeAudit(
    trx,
    [
      {
        userId: opts.userId,
        action: 'status',
        entity: 'submission',
        entityId: String(current.id),
        region: current.region,
        period: current.period,
        field: 'status',
        oldValue: current.status,
        newValue: rule.to,
        // return and reopen keep their comment (accepted → returned is a reopening)
        note: opts.note ?? (action === 'return' || action === 'reopen' ? (opts.comment ?? null) : null),
      },
    ],
    now,
  );
  return updated;
}

export function staleSubmission(current: SubmissionRow) {
  return conflict(
    `The submission has changed since you read it (now version ${current.version}, ${current.status})`,
    [{ rule: 'stale_version', ...toView(current) }],
    'stale_version',
  );
}

/** The comment (return) or reason (reopen) trimmed; 400 naming the field when the step needs one. */
function requiredComment(action: Action, text: string | null | undefined): string {
  const comment = text?.trim() ?? '';
  const needs = NEEDS_COMMENT[action];
  if (needs && !comment) {
    throw badRequest(needs.message, [
      { column: needs.field, rule: 'required', message: `${needs.field} is required` },
    ]);
  }
  return comment;
}

/** One transition requested over HTTP: scope, version, then the workflow rule. */
export async function transition(
  db: Kysely<DB>,
  user: SessionUser,
  region: string,
  period: string,
  action: Action,
  body: { version: number; comment?: string | null; reason?: string | null } & SubmitAnswers,
): Promise<SubmissionView> {
  const text = action === 'reopen' ? body.reason : body.comment;
  return (await decide(db, user, region, period, action, text, body.version, body)).submission;
}

/**
 * `birgemiz submissions reopen`: the national office reopens one accepted month from the command
 * line, as it stands now (no version to compare: the command reads and acts in one transaction).
 * Audited with no user, like every command-line step.
 */
export const reopenFromCommandLine = (db: Kysely<DB>, region: string, period: string, reason: string) =>
  decide(db, NATIONAL_OFFICE, region, period, 'reopen', reason);

/**
 * Scope, the comment the step needs, the version when the caller read one, then the workflow rule,
 * in one transaction (the caller's, when given one: several decisions that stand or fall together).
 * A month with no row yet is the draft it would be (refused by the rule, and rolled back, for
 * anything but submit).
 */
export async function decide(
  db: Db,
  actor: Actor,
  regionIn: string,
  period: string,
  action: Action,
  text: string | null | undefined,
  version?: number,
  /** submit: what the region says to the checks before submitting (submission-checks.ts). */
  answers: SubmitAnswers = {},
): Promise<{ from: Status; submission: SubmissionView }> {
  const { region } = await checkRegionPeriod(db, regionIn, period);
  authorize(actor, POLICY_ACTION[action], { region });
  const comment = requiredComment(action, text);
  const inTransaction = <T>(work: (trx: Transaction<DB>) => Promise<T>) =>
    db.isTransaction ? work(db as Transaction<DB>) : db.transaction().execute(work);
  return inTransaction(async (trx) => {
    const current =
      (await findSubmission(trx, region, period)) ??
      (await ensureOpenSubmission(trx, region, period, { allowClosed: true }));
    if (version !== undefined && Number(current.version) !== version) throw staleSubmission(current);
    const userId = actor.id > 0 ? actor.id : null;
    const checked = action === 'submit' ? await enforceSubmitChecks(trx, current, answers) : null;
    const updated = await applyTransition(trx, current, action, { userId, comment });
    // The region's front office hears of a return, an acceptance or a reopening: queued here, so
    // that the message exists exactly when the decision does (modules/notifications).
    await queueDecisionMessages(trx, { action, region, period, comment });
    if (checked) await recordSubmitAnswers(trx, Number(updated.id), checked);
    return { from: current.status, submission: toView(updated) };
  });
}
