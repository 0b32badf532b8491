// Submissions of the monthly cycle: the list, the year's matrix, the review view, and the
// transitions submit / accept / return / reopen, each naming the version the client saw.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { authorize, requireActor } from '../../domain/policy.ts';
import { rawParam, signedIn } from '../../lib/guards.ts';
import { problems } from '../../lib/schemas.ts';
import { submissionChecks } from './submission-checks.ts';
import { acceptMany, addComment, listComments, reviewInbox } from './submissions.inbox.ts';
import { listSubmissions, reviewSubmission, submissionMatrix } from './submissions.review.ts';
import {
  acceptBodySchema,
  bulkAcceptBodySchema,
  bulkAcceptSchema,
  checksSchema,
  commentBodySchema,
  commentListSchema,
  commentSchema,
  inboxSchema,
  matrixQuerySchema,
  matrixSchema,
  reopenBodySchema,
  returnBodySchema,
  reviewSchema,
  submissionListQuerySchema,
  submissionListSchema,
  submissionParamsSchema,
  submissionSchema,
  submitBodySchema,
} from './submissions.schemas.ts';
import { type Action, POLICY_ACTION, transition } from './submissions.service.ts';

const errors = problems(400, 401, 403, 404);

export default async function submissionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', signedIn);

  app.get(
    '/api/submissions',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Submissions of a year with their activity counts, timeliness and missing data',
        description:
          'Every submission of the year, and for each month a unit existed without one the draft it would be (id null), so that missing months show. deadline: the 5th of the next month for a month, the 10th after a half-year or year. timeliness: on_time / late (first submitted by / after the end of the deadline day, Kazakhstan time), overdue (not submitted, deadline passed), pending. missing: the kinds of data the period should hold with nothing entered (a month: activities; a half-year: volunteers; a year: volunteers and org_counts). Counts (activities, volunteers, hours) come from the aggregates of the region and period; volunteers and hours are null when the period has no activity record at all (stock periods YYYY and halves never have).',
        querystring: submissionListQuerySchema,
        response: { 200: submissionListSchema, ...errors },
      },
    },
    async (request) => listSubmissions(app.database.db, requireActor(request.user), request.query),
  );

  app.get(
    '/api/submissions/matrix',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Region × month status matrix of a year with completeness and timeliness',
        description:
          'Regions are the units that existed in the year; a cell of a month the unit did not exist is not expected. Completeness = months submitted or accepted / months due; timeliness = months first submitted by the deadline (end of the day, Kazakhstan time) / months due. Percentages, null when nothing is due.',
        querystring: matrixQuerySchema,
        response: { 200: matrixSchema, ...errors },
      },
    },
    async (request) => submissionMatrix(app.database.db, requireActor(request.user), request.query.year),
  );

  app.get(
    '/api/submissions/inbox',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Review inbox: the submissions waiting for review, the longest waiting first',
        description:
          'Every submitted period (months, half-years, years), ordered by the latest submission time (submittedAt; firstSubmittedAt is the one timeliness is measured by). changes: rows added, changed and removed since the national office last decided on the period (accept, return or reopen; lastReview), every row added for a first submission; totals before (at that decision, null for a first submission) and after (now): records, volunteers and hours of a month, the volunteer and organisation stocks of a half-year or year. National office only.',
        response: { 200: inboxSchema, ...errors },
      },
    },
    async (request) => reviewInbox(app.database.db, requireActor(request.user)),
  );

  app.post(
    '/api/submissions/accept',
    {
      onRequest: async (request) => {
        authorize(request.user, 'submissions.decide');
      },
      schema: {
        tags: ['submissions'],
        summary: 'Accept several submissions at once (all or nothing): national staff',
        description:
          'Each item names the version read in the inbox. All are accepted in one transaction, or none: 409 stale_version when one changed since (details name it: item index, region, period, and its current state), 409 invalid_transition when one is no longer submitted, 404 for an unknown region. Each acceptance is the same step as one accept, audited.',
        body: bulkAcceptBodySchema,
        response: { 200: bulkAcceptSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => acceptMany(app.database.db, requireActor(request.user), request.body.items),
  );

  app.get(
    '/api/submissions/:region/:period/comments',
    {
      schema: {
        tags: ['submissions'],
        summary: 'The thread of a region and period: comments, return comments and reopening reasons',
        description:
          'Oldest first. kind: comment (a message of either side), return or reopen (the reason of that decision). body is the text as written: markup in it is text, to be escaped wherever it is shown. The RFO of the region and national staff.',
        params: submissionParamsSchema,
        response: { 200: commentListSchema, ...errors },
      },
    },
    async (request) =>
      listComments(app.database.db, requireActor(request.user), request.params.region, request.params.period),
  );

  app.post(
    '/api/submissions/:region/:period/comments',
    {
      onRequest: async (request) => {
        authorize(request.user, 'submissions.comment', { region: rawParam(request, 'region') });
      },
      schema: {
        tags: ['submissions'],
        summary: 'Add a comment to the thread of a region and period',
        description:
          'text: up to 4000 characters, kept as written (never edited nor deleted) and audited; a longer one is refused with 400 (a body over the server limit with 413). activityId: optionally the activity record of that region and period the comment is about (400 comment_row_unknown otherwise). The RFO of the region and national staff.',
        params: submissionParamsSchema,
        body: commentBodySchema,
        response: { 201: commentSchema, ...problems(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) => {
      const c = await addComment(
        app.database.db,
        requireActor(request.user),
        request.params.region,
        request.params.period,
        request.body,
      );
      return reply.status(201).send(c);
    },
  );

  app.get(
    '/api/submissions/:region/:period',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Review view of one submission',
        description:
          'The submission (a draft with id null when nothing was entered yet), the totals by area, the earlier months of the year (figures null for a month without a submission: missing is not zero), the excluded records by reason, and outliers: records whose hours per volunteer have a modified z-score |M| > 3.5 within the region-month or within the region-year.',
        params: submissionParamsSchema,
        response: { 200: reviewSchema, ...errors },
      },
    },
    async (request) =>
      reviewSubmission(
        app.database.db,
        requireActor(request.user),
        request.params.region,
        request.params.period,
      ),
  );

  app.get(
    '/api/submissions/:region/:period/checks',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Checks before submitting: what a submit of the period would find now (dry run)',
        description:
          'blocking: what must be fixed before the period can be submitted (records the validation rules now refuse, with the column and rule; stock breakdowns — gender, age_band, employment — that do not add up to the total); a submit is refused with 422 checks_failed and this list. warnings: what is unusual — outliers (hours per volunteer, modified z-score |M| > 3.5), volunteers or hours more than 3× or less than 1/3 of the same period last year when last year had them — confirmed by submitting with confirmWarnings: true (else 409 warnings_unconfirmed with the list). empty: nothing entered (a warning empty_month / empty_stocks): submitted only with nothingToReport: true (else 409 nothing_to_report_required); nothingToReport on a period with data is 400 nothing_to_report_not_empty. Each item: rule, severity, an English message and the params the web translates it with.',
        params: submissionParamsSchema,
        response: { 200: checksSchema, ...errors },
      },
    },
    async (request) =>
      submissionChecks(
        app.database.db,
        requireActor(request.user),
        request.params.region,
        request.params.period,
      ),
  );

  const actions: {
    action: Action;
    summary: string;
    body: z.ZodType<{
      version: number;
      comment?: string;
      reason?: string;
      confirmWarnings?: boolean;
      nothingToReport?: boolean;
    }>;
  }[] = [
    {
      action: 'submit',
      summary:
        'Submit (draft or returned → submitted): the RFO of the region or the national admin, after the checks before submitting (GET …/checks): 422 checks_failed, 409 warnings_unconfirmed (confirmWarnings: true once checked), 409 nothing_to_report_required (nothingToReport: true for an empty period)',
      body: submitBodySchema,
    },
    {
      action: 'accept',
      summary: 'Accept (submitted → accepted): national staff',
      body: acceptBodySchema,
    },
    {
      action: 'return',
      summary: 'Return with a comment (submitted → returned): national staff',
      body: returnBodySchema,
    },
    {
      action: 'reopen',
      summary:
        'Reopen an accepted month with a reason (accepted → returned): national staff. The reason is the comment the region reads and is audited; the month leaves the published figures until it is resubmitted and accepted again',
      body: reopenBodySchema,
    },
  ];
  for (const a of actions) {
    app.post(
      `/api/submissions/:region/:period/${a.action}`,
      {
        // Who may act is known from the path alone: checked before the body is validated.
        onRequest: async (request) => {
          authorize(request.user, POLICY_ACTION[a.action], { region: rawParam(request, 'region') });
        },
        schema: {
          tags: ['submissions'],
          summary: a.summary,
          description:
            'The body names the version the client read: 409 stale_version (the current submission in details) when it changed, 409 invalid_transition (the current status in details) when the step is not allowed from the current status.',
          params: submissionParamsSchema,
          body: a.body,
          response: { 200: submissionSchema, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request) =>
        transition(
          app.database.db,
          requireActor(request.user),
          request.params.region,
          request.params.period,
          a.action,
          request.body,
        ),
    );
  }
}
