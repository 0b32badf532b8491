// Submissions of the monthly cycle: the list, the year's matrix, the review view, and the
// transitions submit / accept / return, each naming the version the client saw.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../lib/errors.ts';
import { requireUser } from '../users/access.ts';
import { errorSchema, text } from '../users/users.schemas.ts';
import { listSubmissions, reviewSubmission, submissionMatrix } from './submissions.queries.ts';
import { periodParam, regionParam, versionSchema } from './submissions.schemas.ts';
import { type Action, forbiddenMessage, mayAct, transition } from './submissions.service.ts';

const yearQuery = z.coerce.number().int().min(2000).max(2100);
const version = versionSchema;

export const submissionSchema = z.object({
  id: z.number().int().nullable(),
  region: z.string(),
  period: z.string(),
  status: z.enum(['draft', 'submitted', 'accepted', 'returned']),
  version: z.number().int(),
  deadline: z.string(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  returnComment: z.string().nullable(),
  onTime: z.boolean().nullable(),
  timeliness: z.enum(['on_time', 'late', 'overdue', 'pending']),
  updatedAt: z.string().nullable(),
});

const counts = z.object({
  activities: z.number(),
  volunteers: z.number().nullable(),
  hours: z.number().nullable(),
});
const missing = z.array(z.enum(['activities', 'volunteers', 'org_counts']));
const figures = z.object({ events: z.number(), volunteers: z.number(), hours: z.number() });
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export default async function submissionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Nothing here is public: anonymous callers get 401 before their input is looked at.
  app.addHook('onRequest', async (request) => {
    requireUser(request.user);
  });

  app.get(
    '/api/submissions',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Submissions of a year with their activity counts, timeliness and missing data',
        description:
          'Every submission of the year, and for each month a unit existed without one the draft it would be (id null), so that missing months show. deadline: the 5th of the next month for a month, the 10th after a half-year or year. timeliness: on_time / late (first submitted by / after the end of the deadline day, Kazakhstan time), overdue (not submitted, deadline passed), pending. missing: the kinds of data the period should hold with nothing entered (a month: activities; a half-year: volunteers; a year: volunteers and org_counts). Counts (activities, volunteers, hours) come from the aggregates of the region and period; volunteers and hours are null when the period has no activity record at all (stock periods YYYY and halves never have).',
        querystring: z.object({ year: yearQuery, region: regionParam.optional() }),
        response: { 200: z.array(submissionSchema.extend({ counts, missing })), ...errors },
      },
    },
    async (request) => listSubmissions(app.database.db, request.user, request.query),
  );

  app.get(
    '/api/submissions/matrix',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Region × month status matrix of a year with completeness and timeliness',
        description:
          'Regions are the units that existed in the year; a cell of a month the unit did not exist is not expected. Completeness = months submitted or accepted / months due; timeliness = months first submitted by the deadline (end of the day, Kazakhstan time) / months due. Percentages, null when nothing is due.',
        querystring: z.object({ year: yearQuery }),
        response: {
          200: z.object({
            year: z.number().int(),
            regions: z.array(z.string()),
            months: z.array(z.string()),
            cells: z.array(
              z.object({
                region: z.string(),
                period: z.string(),
                expected: z.boolean(),
                status: z.string().nullable(),
                onTime: z.boolean().nullable(),
                timeliness: z.enum(['on_time', 'late', 'overdue', 'pending']).nullable(),
                submittedAt: z.string().nullable(),
              }),
            ),
            completeness: z.record(z.string(), z.number().nullable()),
            timeliness: z.record(z.string(), z.number().nullable()),
            national: z.object({
              expected: z.number().int(),
              submitted: z.number().int(),
              onTime: z.number().int(),
              completeness: z.number().nullable(),
              timeliness: z.number().nullable(),
            }),
          }),
          ...errors,
        },
      },
    },
    async (request) => submissionMatrix(app.database.db, request.user, request.query.year),
  );

  app.get(
    '/api/submissions/:region/:period',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Review view of one submission',
        description:
          'The submission (a draft with id null when nothing was entered yet), the totals by area, the earlier months of the year (figures null for a month without a submission: missing is not zero), the excluded records by reason, and outliers: records whose hours per volunteer have a modified z-score |M| > 3.5 within the region-month or within the region-year.',
        params: z.object({ region: regionParam, period: periodParam }),
        response: {
          200: z.object({
            submission: submissionSchema,
            totals: figures.extend({ byArea: z.array(figures.extend({ area: z.string() })) }),
            previous: z.array(
              z.object({
                period: z.string(),
                status: z.string().nullable(),
                events: z.number().nullable(),
                volunteers: z.number().nullable(),
                hours: z.number().nullable(),
              }),
            ),
            excluded: z.array(
              figures.omit({ events: true }).extend({ reason: z.string(), records: z.number() }),
            ),
            outliers: z.array(
              z.object({
                id: z.number().int(),
                title: z.string(),
                organization: z.string(),
                volunteers: z.number(),
                hours: z.number(),
                hoursPerVolunteer: z.number(),
                zMonth: z.number().nullable(),
                zYear: z.number().nullable(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      reviewSubmission(app.database.db, request.user, request.params.region, request.params.period),
  );

  const actions: {
    action: Action;
    summary: string;
    body: z.ZodType<{ version: number; comment?: string }>;
  }[] = [
    {
      action: 'submit',
      summary: 'Submit (draft or returned → submitted): the RFO of the region or the national admin',
      body: z.object({ version }),
    },
    {
      action: 'accept',
      summary: 'Accept (submitted → accepted): national staff',
      body: z.object({ version }),
    },
    {
      action: 'return',
      summary: 'Return with a comment (submitted → returned): national staff',
      body: z.object({ version, comment: text(4000) }),
    },
  ];
  for (const a of actions) {
    app.post(
      `/api/submissions/:region/:period/${a.action}`,
      {
        // Who may act is known from the path alone: checked before the body is validated.
        onRequest: async (request) => {
          const region = String((request.params as { region?: unknown }).region ?? '');
          if (!mayAct(requireUser(request.user), a.action, region))
            throw forbidden(forbiddenMessage(a.action, region));
        },
        schema: {
          tags: ['submissions'],
          summary: a.summary,
          description:
            'The body names the version the client read: 409 stale_version (the current submission in details) when it changed, 409 invalid_transition (the current status in details) when the step is not allowed from the current status.',
          params: z.object({ region: regionParam, period: periodParam }),
          body: a.body,
          response: { 200: submissionSchema, ...errors, 409: errorSchema },
        },
      },
      async (request) =>
        transition(
          app.database.db,
          request.user,
          request.params.region,
          request.params.period,
          a.action,
          request.body,
        ),
    );
  }
}
